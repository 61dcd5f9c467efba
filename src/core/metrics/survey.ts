/** Survey KPIs: NPS, CSAT (top-2-box and mean), CES, NPS by group and account-weighted NPS. */
import { KPI_DEFINITIONS, cesText, csatMeanText, csatText } from '../format/definitions';
import { interval95, needsData, ok, pct, type KpiMeta, type KpiResult } from './kpi';
import {
  finitePopulationFactor,
  meanWithTInterval,
  momentsFromSums,
  npsInterval,
  npsStandardError,
  npsTotal,
  npsValue,
  wilsonInterval,
  type NpsCounts,
} from './statistics';

export interface ScoreScale {
  min: number;
  max: number;
}

export type NpsClass = 'promoter' | 'passive' | 'detractor';

/** Classifies a 0–10 likelihood-to-recommend answer: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsClass(score: number): NpsClass {
  if (!(score >= 0 && score <= 10)) throw new RangeError(`An NPS answer must be within 0–10, got ${score}.`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * Lowest score counted in the top two boxes of an integer scale: max − 1 (4 on 1–5, 6 on 1–7, 9 on
 * 0–10). On a scale of two or three points only the top box counts.
 */
export function topTwoBoxThreshold(scale: ScoreScale): number {
  if (!(scale.max > scale.min)) throw new RangeError(`Invalid scale ${scale.min}–${scale.max}.`);
  return scale.max - scale.min >= 3 ? scale.max - 1 : scale.max;
}

/**
 * NPS from answer counts. `population` (number of accounts, when each account answers once and
 * n ≤ N) applies the finite-population correction to the variance.
 */
export function npsFromCounts(
  counts: NpsCounts | null | undefined,
  options: { population?: number | null; id?: string; label?: string } = {},
): KpiResult {
  const meta: KpiMeta = {
    id: options.id ?? 'nps',
    ...KPI_DEFINITIONS.nps,
    label: options.label ?? KPI_DEFINITIONS.nps.label,
  };
  if (!counts) return needsData(meta, 'needs NPS survey responses (0–10 likelihood to recommend)');
  const n = npsTotal(counts);
  const value = npsValue(counts);
  if (n === 0 || value === null) {
    return needsData(meta, 'needs NPS survey responses (0–10 likelihood to recommend) in this period', 0);
  }
  const population = options.population ?? null;
  const fpcApplied = population !== null && n <= population;
  const se = npsStandardError(counts, { population });
  const details: Record<string, number | string> = {
    promotersPercent: pct(counts.promoters / n),
    passivesPercent: pct(counts.passives / n),
    detractorsPercent: pct(counts.detractors / n),
  };
  if (se !== null) details.standardError = se;
  const result = ok(meta, value, n, {
    details,
    sample: { kind: 'nps', counts: { ...counts }, population },
  });
  if (fpcApplied) {
    result.basis = `finite-population correction (N − n)/(N − 1) with N = ${population} accounts`;
  }
  const ci = n >= 2 ? npsInterval(counts, { population }) : null;
  if (ci) result.interval = interval95(ci.low, ci.high);
  return result;
}

/** NPS per group (revenue band, segment, class…): one KpiResult per group, ids `<prefix>:<key>`. */
export function npsByGroup(
  groups: readonly { key: string; label?: string; counts: NpsCounts }[],
  options: { idPrefix?: string; population?: (key: string) => number | null | undefined } = {},
): KpiResult[] {
  const prefix = options.idPrefix ?? 'nps';
  return groups.map((g) =>
    npsFromCounts(g.counts, {
      id: `${prefix}:${g.key}`,
      label: `NPS — ${g.label ?? g.key}`,
      population: options.population?.(g.key) ?? null,
    }),
  );
}

export interface AccountAnswers {
  accountId?: string;
  /** The account's weight, typically its MRR. */
  weight: number | null | undefined;
  counts: NpsCounts;
}

/**
 * Account-weighted NPS: each account's own NPS (its respondents' promoters − detractors), averaged
 * with the account weights (typically MRR): Σ w_a·NPS_a / Σ w_a. Accounts without answers or without
 * a positive weight are left out. No interval is given (the weighting makes the simple SE wrong).
 */
export function accountWeightedNps(accounts: readonly AccountAnswers[] | null | undefined): KpiResult {
  const meta: KpiMeta = { id: 'nps-account-weighted', ...KPI_DEFINITIONS['nps-account-weighted'] };
  if (!accounts || accounts.length === 0) {
    return needsData(meta, 'needs NPS responses linked to customer accounts');
  }
  let weightSum = 0;
  let weighted = 0;
  let responses = 0;
  let included = 0;
  let answered = 0;
  for (const a of accounts) {
    const n = npsTotal(a.counts);
    if (n === 0) continue;
    answered += 1;
    if (a.weight === null || a.weight === undefined || !(a.weight > 0)) continue;
    const v = npsValue(a.counts);
    if (v === null) continue;
    weightSum += a.weight;
    weighted += a.weight * v;
    responses += n;
    included += 1;
  }
  if (answered === 0) return needsData(meta, 'needs NPS responses linked to customer accounts', 0);
  if (included === 0) {
    return needsData(meta, 'needs revenue (MRR) for the accounts that answered the NPS survey', 0);
  }
  return ok(meta, weighted / weightSum, responses, {
    details: { accounts: included, accountsWithoutWeight: answered - included, totalWeight: weightSum },
    basis: 'weights = account MRR',
  });
}

/**
 * CSAT as the share of responses in the top two boxes (scale-aware), with a Wilson interval.
 * `mean` (on the same scale) is reported alongside in details when given.
 */
export function csatFromCounts(
  topBox: number | null | undefined,
  n: number | null | undefined,
  options: { mean?: number | null; scale?: ScoreScale; population?: number | null } = {},
): KpiResult {
  const scale = options.scale ?? { min: 1, max: 5 };
  const threshold = topTwoBoxThreshold(scale);
  const boxes = threshold === scale.max ? `${scale.max}` : `${threshold}–${scale.max}`;
  const meta: KpiMeta = { id: 'csat', ...csatText(scale, boxes) };
  if (n === null || n === undefined || topBox === null || topBox === undefined || n === 0) {
    return needsData(meta, 'needs CSAT survey responses in this period', n ?? null);
  }
  const population = options.population ?? null;
  const ci = wilsonInterval(topBox, n, { population });
  const result = ok(meta, pct(topBox / n), n, {
    sample: { kind: 'proportion', successes: topBox, n },
  });
  if (ci && n >= 2) result.interval = interval95(pct(ci.low), pct(ci.high));
  if (options.mean !== null && options.mean !== undefined) result.details = { mean: options.mean };
  if (population !== null && finitePopulationFactor(n, population) < 1) {
    result.basis = `finite-population correction with N = ${population} accounts`;
  }
  return result;
}

function meanKpi(
  meta: KpiMeta,
  n: number | null | undefined,
  sum: number | null | undefined,
  sumSquares: number | null | undefined,
  needs: string,
  population?: number | null,
): KpiResult {
  if (n === null || n === undefined || n === 0 || sum === null || sum === undefined) {
    return needsData(meta, needs, n ?? null);
  }
  if (sumSquares === null || sumSquares === undefined) {
    // A mean without spread: the value is known, the interval is not.
    return ok(meta, sum / n, n);
  }
  const moments = momentsFromSums(n, sum, sumSquares);
  const est = meanWithTInterval(moments, { population });
  if (moments === null || est === null) return needsData(meta, needs, n);
  const result = ok(meta, est.mean, n, {
    details: { sd: est.sd },
    sample: { kind: 'mean', moments },
  });
  if (est.interval) result.interval = interval95(est.interval.low, est.interval.high);
  return result;
}

/** Mean CSAT score with a t interval, from n, Σscore and Σscore². */
export function csatMeanFromMoments(
  n: number | null | undefined,
  sum: number | null | undefined,
  sumSquares: number | null | undefined,
  scale: ScoreScale = { min: 1, max: 5 },
): KpiResult {
  return meanKpi(
    { id: 'csat-mean', ...csatMeanText(scale) },
    n,
    sum,
    sumSquares,
    'needs CSAT survey responses in this period',
  );
}

/**
 * Customer Effort Score: mean score with a t interval. `higherIsEasier` defaults to true (1–7 where
 * 7 = very easy); set it false for scales where a low score means low effort.
 */
export function cesFromMoments(
  n: number | null | undefined,
  sum: number | null | undefined,
  sumSquares: number | null | undefined,
  scale: ScoreScale & { higherIsEasier?: boolean } = { min: 1, max: 7 },
): KpiResult {
  const higherIsEasier = scale.higherIsEasier ?? true;
  return meanKpi(
    { id: 'ces', ...cesText(scale, higherIsEasier) },
    n,
    sum,
    sumSquares,
    'needs CES survey responses in this period',
  );
}
