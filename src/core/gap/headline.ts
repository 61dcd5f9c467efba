/** The headline (Bain) comparison: share of staff giving the top box vs share of customers. */
import type { Interval } from '../domain/interval';
import { wilsonInterval as wilsonFromStatistics } from '../metrics/statistics';
import { MIN_STAFF_RESPONDENTS, SMALL_SAMPLE_N, SUPPRESSION_REASON } from './groupGap';
import { isTopBox, type Scale } from '../domain/scale';

export interface TopBoxCount {
  topBox: number;
  n: number;
}

/** A 95% interval of a share (domain/interval.ts). */
export type ProportionInterval = Interval;

export interface TopBoxShare {
  n: number;
  topBox: number;
  /** Percentage 0–100. */
  share: number;
  /** Wilson score interval, percentage 0–100. */
  interval: ProportionInterval;
}

export interface TopBoxHeadline {
  suppressed: boolean;
  reason: string | null;
  /** null when suppressed (staff anonymity) or no staff answers. */
  internal: TopBoxShare | null;
  customer: TopBoxShare | null;
  /** internal share − customer share, percentage points; positive = staff more positive. */
  difference: number | null;
  /** Newcombe (hybrid Wilson) interval of the difference, percentage points. */
  differenceInterval: ProportionInterval | null;
  smallSample: boolean;
  /** null when no claim can be made (small sample, suppressed). */
  significant: boolean | null;
}

/** Wilson score interval for k successes out of n, as proportions 0–1. */
export function wilsonInterval(k: number, n: number, level = 0.95): { low: number; high: number } {
  const interval = wilsonFromStatistics(k, n, { level });
  return interval ? { low: interval.low, high: interval.high } : { low: 0, high: 1 };
}

/** Counts top-box answers (see topBoxThreshold: 9–10 on 0–10, otherwise the scale maximum). */
export function countTopBox(values: readonly number[], scale: Scale): TopBoxCount {
  let topBox = 0;
  for (const v of values) if (isTopBox(v, scale)) topBox += 1;
  return { topBox, n: values.length };
}

/** Counts explicit "do we deliver a superior experience?" yes answers. */
export function countSuperior(answers: readonly boolean[]): TopBoxCount {
  return { topBox: answers.filter(Boolean).length, n: answers.length };
}

function share(count: TopBoxCount, level: number): TopBoxShare {
  if (count.topBox < 0 || count.topBox > count.n) {
    throw new RangeError(`Top-box count ${count.topBox} is impossible with n = ${count.n}.`);
  }
  const w = wilsonInterval(count.topBox, count.n, level);
  return {
    n: count.n,
    topBox: count.topBox,
    share: count.n > 0 ? (count.topBox / count.n) * 100 : 0,
    interval: { low: w.low * 100, high: w.high * 100, level },
  };
}

export function topBoxHeadline(
  internal: TopBoxCount,
  customer: TopBoxCount,
  options: { minStaff?: number; smallSampleN?: number; level?: number } = {},
): TopBoxHeadline {
  const minStaff = options.minStaff ?? MIN_STAFF_RESPONDENTS;
  const smallN = options.smallSampleN ?? SMALL_SAMPLE_N;
  const level = options.level ?? 0.95;
  const cust = customer.n > 0 ? share(customer, level) : null;
  if (internal.n < minStaff) {
    return {
      suppressed: true,
      reason:
        minStaff === MIN_STAFF_RESPONDENTS ? SUPPRESSION_REASON : `fewer than ${minStaff} staff respondents`,
      internal: null,
      customer: cust,
      difference: null,
      differenceInterval: null,
      smallSample: true,
      significant: null,
    };
  }
  const int = share(internal, level);
  if (!cust) {
    return {
      suppressed: false,
      reason: 'no customer responses',
      internal: int,
      customer: null,
      difference: null,
      differenceInterval: null,
      smallSample: true,
      significant: null,
    };
  }
  const p1 = int.share;
  const p2 = cust.share;
  const d = p1 - p2;
  // Newcombe's method 10: combine the two Wilson intervals.
  const low = d - Math.sqrt((p1 - int.interval.low) ** 2 + (cust.interval.high - p2) ** 2);
  const high = d + Math.sqrt((int.interval.high - p1) ** 2 + (p2 - cust.interval.low) ** 2);
  const smallSample = internal.n < smallN || customer.n < smallN;
  return {
    suppressed: false,
    reason: null,
    internal: int,
    customer: cust,
    difference: d,
    differenceInterval: { low, high, level },
    smallSample,
    significant: smallSample ? null : low > 0 || high < 0,
  };
}
