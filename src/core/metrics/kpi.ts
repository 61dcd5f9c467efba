/**
 * The shape every scorecard KPI takes, and the helpers that build one. A KPI whose inputs are missing
 * is `needs-data` with a sentence naming the data that would unlock it; one whose inputs are present
 * but cannot give a number (zero base, zero churn) is `not-estimable` with the reason. Neither ever
 * carries 0 or NaN as its value.
 */
import type { Interval, NpsCounts, SampleMoments } from './statistics';

import type { KpiUnit } from '../format/units';

export type { KpiUnit };
export type KpiStatus = 'ok' | 'needs-data' | 'not-estimable';

/**
 * The sufficient statistics behind a statistical KPI, so two periods can be compared for
 * significance (see `compareKpis` in rag.ts).
 */
export type KpiSample =
  | { kind: 'nps'; counts: NpsCounts; population?: number | null }
  | { kind: 'proportion'; successes: number; n: number }
  | { kind: 'mean'; moments: SampleMoments };

export interface KpiResult {
  id: string;
  label: string;
  /** Null unless status is 'ok'. Percentages are 0–100, NPS is −100..100 points. */
  value: number | null;
  unit: KpiUnit;
  /** The base the value rests on (responses, customers at start, accounts); null where none applies. */
  n: number | null;
  /** 95% interval where the KPI is statistical and estimable. */
  interval?: Interval & { level: 0.95 };
  status: KpiStatus;
  /** For needs-data / not-estimable: a sentence for the user, e.g. "needs revenue data". */
  needs?: string;
  /** The formula in words, shown with the number. */
  definition: string;
  /** Churn / revenue basis and other conventions the number depends on. */
  basis?: string;
  /** The answer scale, for survey KPIs ("0–10", "1–5 top-2-box"). */
  scale?: string;
  /** Supporting figures (e.g. promoter and detractor shares, the mean next to a top-2-box share). */
  details?: Record<string, number | string>;
  sample?: KpiSample;
}

/** A number, a missing value, or another KPI whose value (or whose reason for having none) is used. */
export type KpiInput = number | KpiResult | null | undefined;

export interface KpiMeta {
  id: string;
  label: string;
  unit: KpiUnit;
  definition: string;
  basis?: string;
  scale?: string;
}

export function needsData(meta: KpiMeta, needs: string, n: number | null = null): KpiResult {
  return { ...meta, value: null, n, status: 'needs-data', needs };
}

export function notEstimable(meta: KpiMeta, reason: string, n: number | null = null): KpiResult {
  return { ...meta, value: null, n, status: 'not-estimable', needs: reason };
}

export function ok(
  meta: KpiMeta,
  value: number,
  n: number | null,
  extra: Partial<KpiResult> = {},
): KpiResult {
  if (!Number.isFinite(value)) throw new RangeError(`${meta.id}: computed a non-finite value (${value}).`);
  return { ...meta, ...extra, value, n, status: 'ok' };
}

/** A 95% interval, with the literal level type KpiResult wants. */
export function interval95(low: number, high: number): Interval & { level: 0.95 } {
  return { low, high, level: 0.95 };
}

export function isMissing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined;
}

/** Throws on NaN/negative amounts: those are bugs upstream, not missing data. */
export function assertAmount(x: number, name: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a non-negative number, got ${x}.`);
}

/**
 * Resolves a KpiInput: a number, or a missing marker carrying the reason. A KPI input that is not
 * 'ok' passes on its own status and reason.
 */
export function resolveInput(
  input: KpiInput,
  missingReason: string,
): { value: number } | { status: 'needs-data' | 'not-estimable'; reason: string } {
  if (input === null || input === undefined) return { status: 'needs-data', reason: missingReason };
  if (typeof input === 'number') {
    if (Number.isNaN(input)) throw new RangeError(`Input is NaN (${missingReason}).`);
    return { value: input };
  }
  if (input.status === 'ok' && input.value !== null) return { value: input.value };
  return {
    status: input.status === 'not-estimable' ? 'not-estimable' : 'needs-data',
    reason: input.needs ?? missingReason,
  };
}

/** Formats a fraction 0..1 as a percentage value 0..100. */
export function pct(fraction: number): number {
  return fraction * 100;
}
