import type { CorrelationSums } from '../domain/sums';
/** Importance (stated or derived), importance–performance quadrants, priorities and the internal IPA. */
import type { TouchpointResolver } from './touchpoints';

/** One customer: likelihood to recommend and their touchpoint ratings (raw names allowed with a resolver). */
export interface RespondentRatings {
  ltr: number | null;
  ratings: Readonly<Record<string, number | null | undefined>>;
}

/** Sums for a Pearson correlation over pairwise-complete answers (x = touchpoint rating, y = LTR). */
export type { CorrelationSums } from '../domain/sums';

/** The sums of two sets of pairs (either may be absent). */
export function addSums(a: CorrelationSums | undefined, b: CorrelationSums): CorrelationSums {
  return {
    n: (a?.n ?? 0) + b.n,
    sumX: (a?.sumX ?? 0) + b.sumX,
    sumY: (a?.sumY ?? 0) + b.sumY,
    sumXX: (a?.sumXX ?? 0) + b.sumXX,
    sumYY: (a?.sumYY ?? 0) + b.sumYY,
    sumXY: (a?.sumXY ?? 0) + b.sumXY,
  };
}

export interface ImportanceRow {
  touchpoint: string;
  source: 'stated' | 'derived';
  /** Pearson r with likelihood to recommend (derived only). */
  r: number | null;
  /** Respondents with both answers (derived only). */
  n: number | null;
  /** 0–1; null when it could not be computed. */
  importance: number | null;
}

export const MIN_CORRELATION_N = 3;

export function pearsonFromSums(s: CorrelationSums): number | null {
  if (s.n < MIN_CORRELATION_N) return null;
  const sxx = s.sumXX - (s.sumX * s.sumX) / s.n;
  const syy = s.sumYY - (s.sumY * s.sumY) / s.n;
  const sxy = s.sumXY - (s.sumX * s.sumY) / s.n;
  if (!(sxx > 0) || !(syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Accumulates correlation sums per touchpoint from per-respondent maps. */
export function correlationSums(
  respondents: readonly RespondentRatings[],
  resolver?: TouchpointResolver,
): Map<string, CorrelationSums> {
  const out = new Map<string, CorrelationSums>();
  for (const r of respondents) {
    const y = r.ltr;
    if (y === null || !Number.isFinite(y)) continue;
    for (const [raw, x] of Object.entries(r.ratings)) {
      if (x === null || x === undefined || !Number.isFinite(x)) continue;
      const name = resolver ? resolver.resolve(raw) : raw;
      if (name === null) continue;
      let s = out.get(name);
      if (!s) {
        s = { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
        out.set(name, s);
      }
      s.n += 1;
      s.sumX += x;
      s.sumY += y;
      s.sumXX += x * x;
      s.sumYY += y * y;
      s.sumXY += x * y;
    }
  }
  return out;
}

/**
 * Derived importance. Normalisation to 0–1: importance = max(r, 0) / max over touchpoints of
 * max(r, 0). A touchpoint whose rating is unrelated or negatively related to recommending gets 0; the
 * strongest driver gets 1. If no touchpoint correlates positively, every computable importance is 0.
 */
export function derivedImportance(
  sums: ReadonlyMap<string, CorrelationSums>,
  touchpoints?: readonly string[],
): ImportanceRow[] {
  const names = touchpoints ?? [...sums.keys()];
  const rs = names.map((name) => {
    const s = sums.get(name);
    return { name, n: s?.n ?? 0, r: s ? pearsonFromSums(s) : null };
  });
  const maxPositive = Math.max(0, ...rs.map((x) => (x.r === null ? 0 : Math.max(x.r, 0))));
  return rs.map((x) => ({
    touchpoint: x.name,
    source: 'derived' as const,
    r: x.r,
    n: x.n,
    importance: x.r === null ? null : maxPositive > 0 ? Math.max(x.r, 0) / maxPositive : 0,
  }));
}

/**
 * Half-width of the 95% interval of a derived importance, on the 0–1 importance scale: the Fisher
 * interval of its r (z = atanh r ± 1.96 / √(n − 3)) divided by the largest positive r, the larger
 * side. 0 for stated importance or when r or n does not allow one (n ≤ 3).
 */
export function importanceMargin(row: ImportanceRow, rows: readonly ImportanceRow[]): number {
  if (row.source !== 'derived' || row.r === null || row.n === null || row.n <= 3 || row.importance === null)
    return 0;
  const maxPositive = Math.max(0, ...rows.map((x) => (x.r === null ? 0 : Math.max(x.r, 0))));
  if (maxPositive === 0) return 0;
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, row.r)));
  const half = 1.959963984540054 / Math.sqrt(row.n - 3);
  const low = Math.max(Math.tanh(z - half), 0) / maxPositive;
  const high = Math.max(Math.tanh(z + half), 0) / maxPositive;
  return Math.max(high - row.importance, row.importance - low);
}

/** Convenience: derived importance straight from per-respondent maps. */
export function derivedImportanceFromRespondents(
  respondents: readonly RespondentRatings[],
  touchpoints?: readonly string[],
  resolver?: TouchpointResolver,
): ImportanceRow[] {
  return derivedImportance(correlationSums(respondents, resolver), touchpoints);
}

/**
 * Stated importance, any positive scale. Normalisation to 0–1: importance = stated / max stated
 * (so the most important touchpoint is 1 and ratios are kept). Missing or negative values give null.
 */
export function statedImportance(
  stated: readonly { touchpoint: string; statedImportance?: number | null }[],
): ImportanceRow[] {
  const valid = stated.map((s) =>
    s.statedImportance !== null &&
    s.statedImportance !== undefined &&
    Number.isFinite(s.statedImportance) &&
    s.statedImportance >= 0
      ? s.statedImportance
      : null,
  );
  const max = Math.max(0, ...valid.map((v) => v ?? 0));
  return stated.map((s, i) => {
    const v = valid[i] ?? null;
    return {
      touchpoint: s.touchpoint,
      source: 'stated' as const,
      r: null,
      n: null,
      importance: v === null ? null : max > 0 ? v / max : 0,
    };
  });
}

export type Quadrant = 'concentrate here' | 'keep up the good work' | 'low priority' | 'possible overkill';

export interface QuadrantInput {
  touchpoint: string;
  importance: number | null;
  /** Customer performance, 0–100. */
  performance: number | null;
  /** Half-width of the 95% interval of the importance (0 or absent: known exactly, as stated). */
  importanceMargin?: number;
}

export interface QuadrantRow {
  touchpoint: string;
  importance: number | null;
  performance: number | null;
  /** null when importance or performance is missing. */
  quadrant: Quadrant | null;
  /**
   * True when the importance is below the crosshair by less than its own uncertainty: the point is
   * on the line, so it is counted as important rather than called "low priority" or "overkill".
   */
  onImportanceLine?: boolean;
}

export interface QuadrantChart {
  /** Crosshairs: means of importance and performance over touchpoints that have both. */
  crosshair: { importance: number; performance: number } | null;
  rows: QuadrantRow[];
}

/**
 * Importance–performance quadrants with crosshairs at the means. A value equal to the mean counts
 * as high, and so does an importance below the mean by no more than its 95% margin: such a point
 * is on the line, and a quadrant that would call a touchpoint unimportant on a difference smaller
 * than its uncertainty would contradict the priority ranking for no reason.
 * High importance + low performance = "concentrate here"; high + high = "keep up the good work";
 * low + low = "low priority"; low importance + high performance = "possible overkill".
 */
export function importancePerformance(items: readonly QuadrantInput[]): QuadrantChart {
  const complete = items.filter(
    (x): x is QuadrantInput & { importance: number; performance: number } =>
      x.importance !== null && x.performance !== null,
  );
  if (complete.length === 0) {
    return { crosshair: null, rows: items.map((x) => ({ ...x, quadrant: null })) };
  }
  const mi = complete.reduce((a, x) => a + x.importance, 0) / complete.length;
  const mp = complete.reduce((a, x) => a + x.performance, 0) / complete.length;
  return {
    crosshair: { importance: mi, performance: mp },
    rows: items.map((x) => {
      const { importanceMargin, ...row } = x;
      if (x.importance === null || x.performance === null) return { ...row, quadrant: null };
      const onLine = x.importance < mi && mi - x.importance <= (importanceMargin ?? 0);
      const highI = x.importance >= mi || onLine;
      const highP = x.performance >= mp;
      const quadrant: Quadrant = highI
        ? highP
          ? 'keep up the good work'
          : 'concentrate here'
        : highP
          ? 'possible overkill'
          : 'low priority';
      return onLine ? { ...row, quadrant, onImportanceLine: true } : { ...row, quadrant };
    }),
  };
}

export interface PriorityInput {
  touchpoint: string;
  importance: number | null;
  /** internal − customer, points (null when suppressed or untestable). */
  gap: number | null;
  significant?: boolean | null;
}

export interface PriorityRow {
  touchpoint: string;
  importance: number | null;
  gap: number | null;
  significant: boolean | null;
  /** importance × max(gap, 0); null when either is missing. */
  priority: number | null;
  /** 1 = act first; null when priority is null. */
  rank: number | null;
}

/** Priority = importance × max(gap, 0), ranked high to low (ties: larger gap, then name). */
export function rankPriorities(items: readonly PriorityInput[]): PriorityRow[] {
  const rows: PriorityRow[] = items.map((x) => ({
    touchpoint: x.touchpoint,
    importance: x.importance,
    gap: x.gap,
    significant: x.significant ?? null,
    priority: x.importance === null || x.gap === null ? null : x.importance * Math.max(x.gap, 0),
    rank: null,
  }));
  const ranked = rows
    .filter((r): r is PriorityRow & { priority: number; gap: number } => r.priority !== null)
    .sort((a, b) => b.priority - a.priority || b.gap - a.gap || a.touchpoint.localeCompare(b.touchpoint));
  ranked.forEach((r, i) => {
    r.rank = i + 1;
  });
  const unranked = rows.filter((r) => r.priority === null);
  return [...ranked, ...unranked];
}

/** Ranks with ties sharing the average rank; 1 = largest value. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const ranks = new Array<number>(values.length).fill(0);
  let k = 0;
  while (k < order.length) {
    let j = k;
    while (j + 1 < order.length && order[j + 1]?.v === order[k]?.v) j += 1;
    const avg = (k + j) / 2 + 1;
    for (let m = k; m <= j; m += 1) {
      const item = order[m];
      if (item) ranks[item.i] = avg;
    }
    k = j + 1;
  }
  return ranks;
}

export interface InternalIpaRow {
  touchpoint: string;
  staffImportance: number;
  customerImportance: number;
  /** 1 = most important (ties share the average rank). */
  staffRank: number;
  customerRank: number;
  /** staffRank − customerRank: negative = staff think it matters more than customers' behaviour shows. */
  rankDifference: number;
  flagged: boolean;
}

export interface InternalIpa {
  rows: InternalIpaRow[];
  /** Spearman rank correlation between staff and customer importance (null with < 3 touchpoints). */
  spearman: number | null;
  minRankDifference: number;
}

/**
 * "Internal IPA": compares the importance staff state with the importance customers' answers imply.
 * Only touchpoints with both are ranked. A touchpoint is flagged when its ranks differ by at least
 * minRankDifference places (default 2, so one-place shuffles are not reported as disagreements).
 */
export function internalIpa(
  items: readonly { touchpoint: string; staffImportance: number | null; customerImportance: number | null }[],
  minRankDifference = 2,
): InternalIpa {
  const both = items.filter(
    (x): x is { touchpoint: string; staffImportance: number; customerImportance: number } =>
      x.staffImportance !== null && x.customerImportance !== null,
  );
  const sr = averageRanks(both.map((x) => x.staffImportance));
  const cr = averageRanks(both.map((x) => x.customerImportance));
  const rows = both.map((x, i) => {
    const staffRank = sr[i] ?? 0;
    const customerRank = cr[i] ?? 0;
    const rankDifference = staffRank - customerRank;
    return {
      touchpoint: x.touchpoint,
      staffImportance: x.staffImportance,
      customerImportance: x.customerImportance,
      staffRank,
      customerRank,
      rankDifference,
      flagged: Math.abs(rankDifference) >= minRankDifference,
    };
  });
  let spearman: number | null = null;
  if (rows.length >= 3) {
    const n = rows.length;
    const ms = sr.reduce((a, b) => a + b, 0) / n;
    const mc = cr.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i += 1) {
      const a = (sr[i] ?? 0) - ms;
      const b = (cr[i] ?? 0) - mc;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    spearman = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
  }
  return { rows, spearman, minRankDifference };
}
