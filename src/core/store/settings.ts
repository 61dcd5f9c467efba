/**
 * Typed engagement settings (DESIGN §4 `settings`) and scorecard targets, stored in the file.
 * Settings: currency, locale, fiscal_year_start (1–12), gross_margin (0–1), population_size (the
 * number of accounts, for the finite-population correction). Targets: metric (a scorecard KPI id),
 * period (a period label or '*' for any), value, direction (higher|lower), amber_tolerance.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { UserError, type ErrorCode } from '../errors';
import type { Db } from './engagement';
import { finishImport, insertImport, removeSetByHand } from './imports';
import {
  readMetaValue,
  readSettingRows,
  readTargets,
  writeSettingRow,
  writeTargetRow,
  type TargetRecord,
} from './scorecard-queries';

export type { TargetRecord } from './scorecard-queries';

/** A setting or target the user gave that cannot be stored; the message is a sentence. */
export class SettingsError extends UserError {
  constructor(message: string, code: ErrorCode = 'bad-setting') {
    super(code, message);
    this.name = 'SettingsError';
  }
}

export const SETTING_KEYS = [
  'currency',
  'locale',
  'fiscal_year_start',
  'gross_margin',
  'population_size',
  'servqual_weights',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface EngagementSettings {
  /** ISO 4217 code, default meta.currency or 'USD'. */
  currency: string;
  /** BCP 47 locale for formatting, default 'en-US'. */
  locale: string;
  /** Month (1–12) the fiscal year starts; default meta.fiscal_year_start or 1. */
  fiscalYearStart: number;
  /** Gross margin as a fraction 0–1; null when not set. */
  grossMargin: number | null;
  /** Number of accounts in the customer base (for the finite-population correction); null when not set. */
  populationSize: number | null;
  /**
   * SERVQUAL dimension weights {dimension: weight} on any positive scale (e.g. 100 points); null
   * when not set, 'unreadable' when a stored value is not such an object (the report says so).
   */
  servqualWeights: Record<string, number> | 'unreadable' | null;
}

/** A JSON object of dimension → weight ≥ 0, or null when the text is not one. */
function readWeights(text: string): Record<string, number> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const weights: Record<string, number> = {};
  for (const [dimension, value] of Object.entries(parsed as Record<string, unknown>)) {
    weights[dimension] = Number(value);
  }
  return weights;
}

function parseValue(key: SettingKey, text: string): string {
  const t = text.trim();
  switch (key) {
    case 'currency':
      if (!/^[A-Za-z]{3}$/.test(t))
        throw new SettingsError(`currency must be a 3-letter code such as EUR, not "${text}".`);
      return t.toUpperCase();
    case 'locale':
      try {
        return new Intl.Locale(t).toString();
      } catch {
        throw new SettingsError(`locale must be a language tag such as en-GB or fr-FR, not "${text}".`);
      }
    case 'fiscal_year_start': {
      const n = Number(t);
      if (!Number.isInteger(n) || n < 1 || n > 12)
        throw new SettingsError(`fiscal_year_start must be a month number 1–12, not "${text}".`);
      return String(n);
    }
    case 'gross_margin': {
      let n = Number(t.replace(/%$/, ''));
      if (t.endsWith('%')) n /= 100;
      if (t === '' || !Number.isFinite(n) || n < 0 || n > 1)
        throw new SettingsError(
          `gross_margin must be a fraction 0–1 (e.g. 0.7) or a percentage (70%), not "${text}".`,
        );
      return String(n);
    }
    case 'population_size': {
      const n = Number(t);
      if (!Number.isInteger(n) || n < 1)
        throw new SettingsError(`population_size must be a whole number of accounts ≥ 1, not "${text}".`);
      return String(n);
    }
    case 'servqual_weights': {
      const weights = readWeights(t);
      const values = weights ? Object.values(weights) : [];
      if (!weights || values.length === 0 || values.some((w) => !Number.isFinite(w) || w < 0))
        throw new SettingsError(
          `servqual_weights must be a JSON object of dimension weights ≥ 0, e.g. {"Reliability": 32, "Assurance": 19}, not "${text}".`,
        );
      return JSON.stringify(weights);
    }
  }
}

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/** The engagement's settings with defaults filled in. */
export function getSettings(db: Db): EngagementSettings {
  const rows = readSettingRows(db);
  const num = (v: string | undefined | null) =>
    v === undefined || v === null || v === '' ? null : Number(v);
  const fiscal = num(rows.fiscal_year_start ?? readMetaValue(db, 'fiscal_year_start'));
  return {
    currency: rows.currency ?? readMetaValue(db, 'currency') ?? 'USD',
    locale: rows.locale ?? 'en-US',
    fiscalYearStart: fiscal !== null && Number.isInteger(fiscal) && fiscal >= 1 && fiscal <= 12 ? fiscal : 1,
    grossMargin: num(rows.gross_margin),
    populationSize: num(rows.population_size),
    servqualWeights:
      rows.servqual_weights === undefined ? null : (readWeights(rows.servqual_weights) ?? 'unreadable'),
  };
}

/** The stored (explicitly set) settings only, as key → text. */
export function storedSettings(db: Db): Partial<Record<SettingKey, string>> {
  const rows = readSettingRows(db);
  return Object.fromEntries(Object.entries(rows).filter(([k]) => isSettingKey(k)));
}

/** Sets one setting from text (validated); an empty value removes it (back to its default). */
export function setSetting(db: Db, key: string, value: string): void {
  if (!isSettingKey(key)) {
    throw new SettingsError(`unknown setting "${key}"; settings: ${SETTING_KEYS.join(', ')}.`);
  }
  writeSettingRow(db, key, value.trim() === '' ? null : parseValue(key, value));
}

// ---------------------------------------------------------------- targets

export interface TargetInput {
  metric: string;
  period?: string;
  value: number;
  direction: 'higher' | 'lower';
  amberTolerance?: number;
}

function checkTarget(t: TargetInput, where = ''): Omit<TargetRecord, 'importId'> {
  const metric = t.metric.trim();
  if (!metric)
    throw new SettingsError(`${where}a target needs a metric (a KPI id such as nps or logo-churn).`);
  if (!Number.isFinite(t.value))
    throw new SettingsError(`${where}target value for ${metric} must be a number.`);
  if (t.direction !== 'higher' && t.direction !== 'lower')
    throw new SettingsError(`${where}direction for ${metric} must be "higher" or "lower".`);
  const tolerance = t.amberTolerance ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new SettingsError(`${where}amber_tolerance for ${metric} must be a number ≥ 0.`);
  const period = (t.period ?? '*').trim() || '*';
  return { metric, period, value: t.value, direction: t.direction, amberTolerance: tolerance };
}

export function listTargets(db: Db): TargetRecord[] {
  return readTargets(db);
}

/** Sets one target by hand (replaces the current target for the same metric and period). */
export function setTarget(db: Db, target: TargetInput): void {
  writeTargetRow(db, checkTarget(target), null);
}

/**
 * Removes the target set by hand for a metric and period (blank: any period); an imported one for
 * them comes back. False when none was set by hand.
 */
export function removeTarget(db: Db, metric: string, period?: string): boolean {
  return removeSetByHand(db, 'targets', [metric.trim(), (period ?? '*').trim() || '*']);
}

/**
 * The target for a KPI in a period: an exact period match wins over '*'. Grouped KPI ids
 * (`nrr:promoter`) fall back to no target unless set for that id.
 */
export function targetFor(
  targets: readonly TargetRecord[],
  metric: string,
  periodLabel: string,
): { value: number; direction: 'higher' | 'lower'; amberTolerance: number } | null {
  const mine = targets.filter((t) => metricKey(t.metric) === metricKey(metric));
  const find = (label: string) => mine.find((t) => t.period.toUpperCase() === label.toUpperCase());
  // The period's own target, else its year's (a quarter or month inherits the annual target),
  // else the standing one.
  const t = find(periodLabel) ?? find(yearOf(periodLabel)) ?? find('*');
  return t ? { value: t.value, direction: t.direction, amberTolerance: t.amberTolerance } : null;
}

/** Metric names compare loosely: "Logo churn", "logo_churn" and "logo-churn" are one KPI. */
function metricKey(metric: string): string {
  return metric
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** "2026-Q3" → "2026", "2026-07" → "2026", "FY2026-Q3" → "FY2026"; other labels unchanged. */
function yearOf(periodLabel: string): string {
  return /^(FY)?\d{4}/i.exec(periodLabel)?.[0] ?? periodLabel;
}

export interface TargetsImportResult {
  importId: number;
  rowsRead: number;
  rowsAccepted: number;
  rejects: { rowNumber: number; reason: string }[];
}

/**
 * Imports targets from a CSV with columns metric, period, value, direction, amber_tolerance (period,
 * direction and amber_tolerance optional: '*', higher, 0). Recorded as an import of kind `targets`
 * (so `remove-import` takes it out again); each row replaces the current target for its metric and
 * period. A file with any bad row is refused whole, naming the rows.
 */
export function importTargetsCsv(db: Db, path: string): TargetsImportResult {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
  });
  const fields = parsed.meta.fields ?? [];
  for (const required of ['metric', 'value']) {
    if (!fields.includes(required))
      throw new SettingsError(
        `${basename(path)} has no "${required}" column; a targets file has columns metric, period, value, direction, amber_tolerance.`,
      );
  }
  const rejects: { rowNumber: number; reason: string }[] = [];
  const accepted: Omit<TargetRecord, 'importId'>[] = [];
  parsed.data.forEach((row, i) => {
    const rowNumber = i + 2;
    try {
      const valueText = (row.value ?? '').trim().replace(',', '.').replace(/%$/, '');
      const value = valueText === '' ? NaN : Number(valueText);
      const direction = ((row.direction ?? '').trim().toLowerCase() || 'higher') as 'higher' | 'lower';
      const tolText = (row.amber_tolerance ?? '').trim().replace(',', '.').replace(/%$/, '');
      accepted.push(
        checkTarget(
          {
            metric: row.metric ?? '',
            period: row.period ?? '*',
            value,
            direction,
            amberTolerance: tolText === '' ? 0 : Number(tolText),
          },
          `row ${rowNumber}: `,
        ),
      );
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      rejects.push({ rowNumber, reason: error.message });
    }
  });
  if (rejects.length) {
    throw new SettingsError(
      `${basename(path)}: ${rejects.length} bad row(s), nothing imported; ${rejects
        .slice(0, 3)
        .map((r) => r.reason)
        .join(' ')}`,
    );
  }
  return db.transaction(() => {
    // Recorded like every import (provenance): the file, its hash and its counts.
    const importId = insertImport(db, {
      fileName: basename(path),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sheet: null,
      kind: 'targets',
      mapping: JSON.stringify({ kind: 'targets', fields: {} }),
      encoding: null,
    });
    finishImport(db, importId, {
      rowsRead: parsed.data.length,
      rowsAccepted: accepted.length,
      rowsRejected: 0,
      factsWritten: accepted.length,
      blanksSkipped: 0,
      notes: [],
    });
    for (const t of accepted) writeTargetRow(db, t, importId);
    return { importId, rowsRead: parsed.data.length, rowsAccepted: accepted.length, rejects };
  })();
}
