/**
 * The expectation-gap report of an engagement file: reads aggregates through store/gap-queries and
 * hands them to the pure gap functions. No SQL here (DESIGN §12).
 */
import { resolveFilters } from '../analysis/filters';
import { FilterError, type FilterCondition, type Filters } from '../domain/filter';
import { gapDefinitions } from '../format/definitions';
import type { Db } from '../store';
import {
  activeTouchpoints,
  customerScoreGroups,
  readSetting,
  servqualGroups,
  staffAnswersWithoutScale,
  staffScoreGroups,
  staffSuperiorCounts,
  touchpointLtrSums,
  type AssessmentScope,
  type ResponseScope,
  type ServqualGroup,
} from '../store/gap-queries';
import { allPeriod, isPartial, parsePeriod, type Period } from '../metrics/periods';
import {
  combineMoments,
  momentsFromSums,
  momentsFromValues,
  normaliseMoments,
  type Moments,
} from './moments';
import { MIN_STAFF_RESPONDENTS, SIGNIFICANCE_LEVEL, SMALL_SAMPLE_N } from './groupGap';
import { buildGapReport, type GapReport, type StageGapRow, type TouchpointGapRow } from './report';
import { topBoxHeadline, type TopBoxHeadline } from './headline';
import {
  addSums,
  derivedImportance,
  importancePerformance,
  internalIpa,
  rankPriorities,
  statedImportance,
  type CorrelationSums,
  type ImportanceRow,
  type InternalIpa,
  type PriorityRow,
  type QuadrantChart,
} from './importance';
import { servqual, type ServqualItem, type ServqualResult, type ServqualWeights } from './servqual';
import { gapKeyMessages, type KeyMessage } from './messages';
import {
  createTouchpointResolver,
  toDefinition,
  touchpointKey,
  type TouchpointDefinition,
} from './touchpoints';

/** The filters checked by the one filter model; a refusal is bad input to the gap report. */
function gapFilters(db: Db, filters: Record<string, string>): Filters {
  try {
    return resolveFilters(db, filters);
  } catch (error) {
    if (error instanceof FilterError) throw new GapInputError(error.message);
    throw error;
  }
}

/**
 * The customer answers and staff answers a gap report reads: the period's dates and the filters.
 * A touchpoint filter narrows both sides to the raw names of that touchpoint.
 */
export function gapScopes(
  db: Db,
  period: Period,
  filters: Record<string, string>,
): {
  responseScope: ResponseScope;
  assessmentScope: AssessmentScope;
  touchpointCondition: FilterCondition | null;
} {
  const conditions = gapFilters(db, filters);
  const touchpointCondition = conditions.find((c) => c.key === 'touchpoint') ?? null;
  const others = conditions.filter((c) => c !== touchpointCondition);
  const bounds = {
    start: period.kind === 'all' ? null : period.start,
    endExclusive: period.kind === 'all' ? null : period.endExclusive,
  };
  const touchpoints = touchpointCondition ? touchpointCondition.matches : null;
  return {
    responseScope: { ...bounds, filters: others, touchpoints },
    assessmentScope: { ...bounds, filters: others, touchpoints },
    touchpointCondition,
  };
}

/** Bumped only when a field changes meaning or disappears; new fields may be added. */
export const GAP_REPORT_VERSION = 1;

export type ImportanceChoice = 'auto' | 'stated' | 'derived';

export interface GapReportOptions {
  /** Period label (2026-07, 2026-Q3, 2026, FY2026-Q3, TTM-2026-09, all). Default `all`. */
  period?: string;
  /**
   * key=value filters. segment, region, channel, customer_id, survey: customer answers; role,
   * department: staff answers; touchpoint: both sides (through aliases); any other key: the
   * customer answer's attributes JSON. Values match case-insensitively.
   */
  filters?: Record<string, string>;
  /** Importance for the quadrant and priorities: 'auto' (default) = derived if computable, else stated. */
  importance?: ImportanceChoice;
}

export interface GapHeadline extends TopBoxHeadline {
  /** 'superior': staff answered the explicit "we deliver a superior experience" question; 'top-box': staff ratings. */
  internalBasis: 'superior' | 'top-box';
  /** Distinct staff respondents behind the internal side (null when suppressed). */
  internalRespondents: number | null;
}

export interface GapServqual extends ServqualResult {
  /** The scale the gaps are expressed on: the survey's own when all items share it, else 0–100. */
  scale: { min: number; max: number; normalised: boolean };
  /** Item names with only expectation or only perception answers (left out). */
  unpairedItems: string[];
  weightSource: 'settings' | null;
}

export interface GapImportance {
  /** Which importance drives the quadrant and priorities; null when none could be computed. */
  source: 'stated' | 'derived' | null;
  rows: ImportanceRow[];
  stated: ImportanceRow[] | null;
  derived: ImportanceRow[];
}

export interface GapReportMetadata {
  period: {
    label: string;
    start: string | null;
    endExclusive: string | null;
    /** The data ends before the period does. */
    partial: boolean;
  };
  filters: Record<string, string>;
  /** Latest response or assessment date in scope (never the system clock); null for undated data. */
  asOf: string | null;
  touchpointSource: 'touchpoints table' | 'data';
  counts: {
    customerAnswers: number;
    customerTouchpointAnswers: number;
    staffRespondents: number;
    staffAnswers: number;
    staffAnswersWithoutScale: number;
  };
  thresholds: { minStaff: number; smallSampleN: number; alpha: number };
  definitions: string[];
  notes: string[];
}

export interface GapReportResult {
  version: number;
  metadata: GapReportMetadata;
  headline: GapHeadline;
  touchpoints: TouchpointGapRow[];
  stages: StageGapRow[];
  multipleTesting: GapReport['multipleTesting'];
  importance: GapImportance;
  quadrant: QuadrantChart;
  priorities: PriorityRow[];
  /** Staff-stated (touchpoints table) vs customer-derived importance; null without both. */
  internalIpa: InternalIpa | null;
  servqual: GapServqual | null;
  keyMessages: KeyMessage[];
  unmatched: GapReport['unmatched'];
}

/** Bad user input to computeGapReport (period, filter); the message is a sentence. */
export class GapInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GapInputError';
  }
}

export const GAP_DEFINITIONS: readonly string[] = gapDefinitions({
  minStaffRespondents: MIN_STAFF_RESPONDENTS,
  smallSampleN: SMALL_SAMPLE_N,
});

const DEFAULT_IMPORTANCE: ImportanceChoice = 'auto';

export function computeGapReport(db: Db, options: GapReportOptions = {}): GapReportResult {
  const notes: string[] = [];
  const fiscalStartMonth = readFiscalStart(db);
  const period = readPeriod(options.period ?? 'all', fiscalStartMonth);
  const filters = { ...(options.filters ?? {}) };
  const { responseScope, assessmentScope, touchpointCondition } = gapScopes(db, period, filters);

  const records = activeTouchpoints(db);
  const tableDefinitions = records.map(toDefinition);
  let resolver = createTouchpointResolver(tableDefinitions);

  const touchpointFilter = touchpointCondition?.value ?? null;
  if (touchpointCondition && touchpointCondition.matches.length === 0)
    notes.push(`No answers mention the touchpoint "${touchpointCondition.value}".`);

  // ---- aggregates ----
  const customerGroups = customerScoreGroups(db, responseScope);
  const staffGroups = staffScoreGroups(db, assessmentScope);
  const ltrSums = touchpointLtrSums(db, responseScope);
  // SERVQUAL answers always include perceptions; without any, skip the extra scan.
  const servqualRows = customerGroups.some((g) => g.measure === 'perception')
    ? servqualGroups(db, responseScope)
    : [];
  const superior = staffSuperiorCounts(db, assessmentScope);
  const withoutScale = staffAnswersWithoutScale(db, assessmentScope);
  if (withoutScale > 0) {
    notes.push(`${withoutScale} staff answers have no usable scale (minimum and maximum) and were left out.`);
  }

  // Without a touchpoints table, the touchpoints are the names found in the data.
  const touchpointSource = tableDefinitions.length > 0 ? 'touchpoints table' : 'data';
  let definitions = tableDefinitions;
  if (definitions.length === 0) {
    const counts = new Map<string, number>();
    for (const g of customerGroups) if (g.touchpoint !== null) add(counts, g.touchpoint, g.n);
    for (const g of staffGroups) if (g.touchpoint !== null) add(counts, g.touchpoint, g.n);
    definitions = definitionsFromNames(counts);
    resolver = createTouchpointResolver(definitions);
    if (definitions.length > 0 && touchpointFilter === null) {
      notes.push(
        'No touchpoints table was imported: touchpoints are the names found in the answers (no journey stages or stated importance).',
      );
    }
  }

  if (touchpointFilter !== null) {
    const canonical = resolver.resolve(touchpointFilter);
    definitions = definitions.filter((d) => d.name === canonical);
    resolver = createTouchpointResolver(definitions);
  }

  // ---- customer side ----
  const samples: Parameters<typeof buildGapReport>[0]['samples'][number][] = [];
  let customerAnswers = 0;
  let customerTouchpointAnswers = 0;
  let customerTopBox = 0;
  const dates: (string | null)[] = [];
  for (const g of customerGroups) {
    customerAnswers += g.n;
    customerTopBox += g.topBox;
    dates.push(g.firstDate, g.lastDate);
    if (g.touchpoint === null) continue;
    customerTouchpointAnswers += g.n;
    const m = normaliseMoments(
      momentsFromSums({ n: g.n, sum: g.sum, sumSq: g.sumSq }),
      g.scaleMin,
      g.scaleMax,
    );
    samples.push({ touchpoint: g.touchpoint, side: 'customer', scores: m });
  }

  // ---- staff side: one value per respondent and touchpoint ----
  const perRespondent = new Map<
    string,
    { name: string; byRespondent: Map<string, { n: number; sum: number }> }
  >();
  const staffRespondents = new Set<string>();
  let staffAnswers = 0;
  /** Staff ratings of touchpoints: the top-box headline's basis when no "superior" question was asked. */
  const ratingRespondents = new Set<string>();
  let ratingAnswers = 0;
  let ratingTopBox = 0;
  for (const g of staffGroups) {
    dates.push(g.firstDate, g.lastDate);
    staffRespondents.add(g.respondent);
    staffAnswers += g.n;
    // Only ratings of a touchpoint say how staff see the customer's experience; other staff items
    // ("I look for another job", eNPS) must not feed the top-box headline.
    if (g.touchpoint === null) continue;
    ratingRespondents.add(g.respondent);
    ratingAnswers += g.n;
    ratingTopBox += g.topBox;
    const canonical = resolver.resolve(g.touchpoint);
    const key = canonical !== null ? `tp\u0000${canonical}` : `raw\u0000${g.touchpoint}`;
    let entry = perRespondent.get(key);
    if (!entry) {
      entry = { name: canonical ?? g.touchpoint, byRespondent: new Map() };
      perRespondent.set(key, entry);
    }
    const r = entry.byRespondent.get(g.respondent) ?? { n: 0, sum: 0 };
    r.n += g.n;
    r.sum += g.sumNorm;
    entry.byRespondent.set(g.respondent, r);
  }
  for (const entry of perRespondent.values()) {
    const means = [...entry.byRespondent.values()].map((r) => r.sum / r.n);
    samples.push({ touchpoint: entry.name, side: 'internal', scores: momentsFromValues(means) });
  }

  const report = buildGapReport({ touchpoints: definitions, samples });

  // ---- headline ----
  const useSuperior = superior.n > 0 && touchpointFilter === null;
  const internalCount = useSuperior
    ? { topBox: superior.yes, n: superior.n }
    : { topBox: ratingTopBox, n: ratingAnswers };
  const internalRespondents = useSuperior ? superior.n : ratingRespondents.size;
  const customerCount = { topBox: customerTopBox, n: customerAnswers };
  // Anonymity counts people, not answers: fewer than 5 staff respondents suppress the headline.
  const head =
    internalRespondents < MIN_STAFF_RESPONDENTS
      ? topBoxHeadline({ topBox: 0, n: 0 }, customerCount)
      : topBoxHeadline(internalCount, customerCount);
  if (internalRespondents === 0) {
    head.reason = 'no staff answered "we deliver a superior experience" or rated a touchpoint';
  }
  const headline: GapHeadline = {
    ...head,
    internalBasis: useSuperior ? 'superior' : 'top-box',
    internalRespondents: head.suppressed ? null : internalRespondents,
  };

  // ---- importance ----
  const canonicalSums = new Map<string, CorrelationSums>();
  for (const s of ltrSums) {
    const name = resolver.resolve(s.touchpoint);
    if (name === null) continue;
    // Aliases of one touchpoint pool their pairs.
    canonicalSums.set(name, addSums(canonicalSums.get(name), s));
  }
  const names = definitions.map((d) => d.name);
  const derived = derivedImportance(canonicalSums, names);
  const hasStated = definitions.some((d) => d.statedImportance !== null && d.statedImportance !== undefined);
  const stated = hasStated
    ? statedImportance(
        definitions.map((d) => ({ touchpoint: d.name, statedImportance: d.statedImportance ?? null })),
      )
    : null;
  const derivedUsable = derived.some((r) => r.importance !== null);
  const statedUsable = stated !== null && stated.some((r) => r.importance !== null);
  const choice = options.importance ?? DEFAULT_IMPORTANCE;
  const source: GapImportance['source'] =
    choice === 'derived'
      ? derivedUsable
        ? 'derived'
        : null
      : choice === 'stated'
        ? statedUsable
          ? 'stated'
          : null
        : derivedUsable
          ? 'derived'
          : statedUsable
            ? 'stated'
            : null;
  if (source === null) {
    notes.push(
      'No importance could be computed: import stated importance with the touchpoints, or NPS answers from the same respondents who rated touchpoints.',
    );
  }
  const importanceRows =
    source === 'derived'
      ? derived
      : source === 'stated' && stated
        ? stated
        : names.map((touchpoint) => ({
            touchpoint,
            source: 'derived' as const,
            r: null,
            n: null,
            importance: null,
          }));
  const importanceOf = new Map(importanceRows.map((r) => [r.touchpoint, r.importance]));

  const quadrant = importancePerformance(
    report.touchpoints.map((row) => ({
      touchpoint: row.touchpoint,
      importance: importanceOf.get(row.touchpoint) ?? null,
      performance: row.customer.mean,
    })),
  );
  const priorities = rankPriorities(
    report.touchpoints.map((row) => ({
      touchpoint: row.touchpoint,
      importance: importanceOf.get(row.touchpoint) ?? null,
      gap: row.gap,
      significant: row.significant,
    })),
  );
  const ipa =
    stated && derivedUsable
      ? internalIpa(
          names.map((touchpoint, i) => ({
            touchpoint,
            staffImportance: stated[i]?.importance ?? null,
            customerImportance: derived[i]?.importance ?? null,
          })),
        )
      : null;

  // ---- SERVQUAL ----
  const sq = buildServqual(servqualRows, readServqualWeights(db, notes));

  // ---- metadata ----
  const known = dates.filter((d): d is string => d !== null && /^\d{4}-\d{2}-\d{2}/.test(d)).sort();
  const first = known[0] ?? null;
  const asOf = known[known.length - 1] ?? null;
  const shownPeriod =
    period.kind === 'all' && first !== null && asOf !== null
      ? allPeriod({ fiscalStartMonth, dataRange: { first: first.slice(0, 10), last: asOf.slice(0, 10) } })
      : period;
  if (period.kind !== 'all' && staffGroups.some((g) => g.firstDate === null)) {
    notes.push('Undated staff answers count in every period (a self-assessment is a standing belief).');
  }
  if (report.unmatched.length > 0) {
    notes.push(
      `${report.unmatched.length} touchpoint name(s) in the answers match no touchpoint or alias: ${report.unmatched
        .map((u) => `"${u.name}" (${u.side})`)
        .join(', ')}.`,
    );
  }

  return {
    version: GAP_REPORT_VERSION,
    metadata: {
      period: {
        label: period.label,
        start: shownPeriod.start,
        endExclusive: shownPeriod.endExclusive,
        partial: period.kind !== 'all' && isPartial(period, asOf),
      },
      filters,
      asOf,
      touchpointSource,
      counts: {
        customerAnswers,
        customerTouchpointAnswers,
        staffRespondents: staffRespondents.size,
        staffAnswers,
        staffAnswersWithoutScale: withoutScale,
      },
      thresholds: {
        minStaff: MIN_STAFF_RESPONDENTS,
        smallSampleN: SMALL_SAMPLE_N,
        alpha: SIGNIFICANCE_LEVEL,
      },
      definitions: [...GAP_DEFINITIONS],
      notes,
    },
    headline,
    touchpoints: report.touchpoints,
    stages: report.stages,
    multipleTesting: report.multipleTesting,
    importance: { source, rows: importanceRows, stated, derived },
    quadrant,
    priorities,
    internalIpa: ipa,
    servqual: sq,
    keyMessages: gapKeyMessages(report, headline),
    unmatched: report.unmatched,
  };
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function readPeriod(label: string, fiscalStartMonth: number): Period {
  try {
    return parsePeriod(label, { fiscalStartMonth });
  } catch (error) {
    throw new GapInputError(error instanceof Error ? error.message : String(error));
  }
}

/** settings.fiscal_year_start: a month number 1–12 (default 1, January). */
function readFiscalStart(db: Db): number {
  const raw = readSetting(db, 'fiscal_year_start');
  const m = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isInteger(m) && m >= 1 && m <= 12 ? m : 1;
}

/** settings.servqual_weights: a JSON object {dimension: weight} on any positive scale (e.g. 100 points). */
function readServqualWeights(db: Db, notes: string[]): ServqualWeights | undefined {
  const raw = readSetting(db, 'servqual_weights');
  if (raw === null) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const weights: Record<string, number> = {};
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) weights[k] = Number(v);
      return weights;
    }
  } catch {
    // fall through to the note
  }
  notes.push('The servqual_weights setting is not a JSON object of dimension weights; it was ignored.');
  return undefined;
}

/** One touchpoint per matching key, named by its most frequent spelling. */
function definitionsFromNames(counts: ReadonlyMap<string, number>): TouchpointDefinition[] {
  const byKey = new Map<string, { name: string; n: number }>();
  for (const [name, n] of counts) {
    const key = touchpointKey(name);
    if (key === '') continue;
    const best = byKey.get(key);
    if (!best || n > best.n || (n === best.n && name < best.name)) byKey.set(key, { name, n });
  }
  return [...byKey.values()]
    .map((b) => b.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ name, aliases: [], journeyStage: null, statedImportance: null }));
}

/**
 * SERVQUAL from grouped sums: items pair on their name. On the survey's own scale when every answer
 * shares one scale, else each side is put on 0–100 first.
 */
function buildServqual(
  groups: readonly ServqualGroup[],
  weights: ServqualWeights | undefined,
): GapServqual | null {
  if (groups.length === 0) return null;
  const scales = new Set(groups.map((g) => `${g.scaleMin}\u0000${g.scaleMax}`));
  const normalised = scales.size > 1;
  const firstGroup = groups[0] as ServqualGroup;
  const items = new Map<string, { dimension: string | null; expectation: Moments; perception: Moments }>();
  const empty: Moments = { n: 0, mean: 0, variance: 0 };
  for (const g of groups) {
    let m = momentsFromSums({ n: g.n, sum: g.sum, sumSq: g.sumSq });
    if (normalised) m = normaliseMoments(m, g.scaleMin, g.scaleMax);
    let item = items.get(g.item);
    if (!item) {
      item = { dimension: g.dimension, expectation: empty, perception: empty };
      items.set(g.item, item);
    }
    if (item.dimension === null) item.dimension = g.dimension;
    item[g.measure] = combineMoments(item[g.measure], m);
  }
  const paired: ServqualItem[] = [];
  const unpairedItems: string[] = [];
  for (const [id, item] of items) {
    if (item.expectation.n === 0 || item.perception.n === 0) {
      unpairedItems.push(id);
      continue;
    }
    paired.push({
      id,
      dimension: item.dimension ?? 'unassigned',
      expectation: item.expectation,
      perception: item.perception,
    });
  }
  if (paired.length === 0) return null;
  const result = servqual(paired, weights);
  return {
    ...result,
    scale: normalised
      ? { min: 0, max: 100, normalised: true }
      : { min: firstGroup.scaleMin, max: firstGroup.scaleMax, normalised: false },
    unpairedItems,
    weightSource: weights ? 'settings' : null,
  };
}
