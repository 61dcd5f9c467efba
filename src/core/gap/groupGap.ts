/** The expectation gap for one touchpoint (or stage, or SERVQUAL dimension): internal − customer. */
import type { Interval } from '../domain/interval';
import { toMoments, type Moments, type SampleInput } from './moments';
import { welchTest } from './welch';

export const MIN_STAFF_RESPONDENTS = 5;
export const SMALL_SAMPLE_N = 30;
export const SIGNIFICANCE_LEVEL = 0.05;
export const SUPPRESSION_REASON = 'fewer than 5 staff respondents';

export type GapStatus = 'ok' | 'small-sample' | 'suppressed' | 'insufficient';
/** In words: positive gap = customers experience a shortfall against what staff believe. */
export type GapReading = 'shortfall' | 'surplus' | 'none';

/** The 95% Welch interval of a gap (domain/interval.ts). */
export type GapInterval = Interval;

export interface GapSide {
  /** null when suppressed (staff anonymity). */
  n: number | null;
  mean: number | null;
}

export interface GapResult {
  status: GapStatus;
  suppressed: boolean;
  /** Why numbers are withheld or no test was possible; null when status is 'ok' or 'small-sample'. */
  reason: string | null;
  internal: GapSide;
  customer: GapSide;
  /** internal mean − customer mean (0–100 points); positive = the company overrates itself. */
  gap: number | null;
  reading: GapReading | null;
  interval: GapInterval | null;
  df: number | null;
  standardError: number | null;
  /** Raw two-sided Welch p-value. */
  pRaw: number | null;
  /** Adjusted for multiple testing (Holm) when part of a report; equals pRaw for a lone comparison. */
  pAdjusted: number | null;
  /** Either side has n < 30: numbers shown, but no significance claim. */
  smallSample: boolean;
  /** true/false only when a claim can be made; null for small samples, suppressed or untestable cuts. */
  significant: boolean | null;
}

export interface GapOptions {
  minStaff?: number;
  smallSampleN?: number;
  alpha?: number;
  level?: number;
}

function readingOf(gap: number): GapReading {
  return gap > 0 ? 'shortfall' : gap < 0 ? 'surplus' : 'none';
}

/**
 * Gap for one group from staff and customer scores on 0–100 (raw arrays, moments or n/sum/sumSq).
 * Staff n < 5: suppressed, no staff numbers (not even n) are returned. Either n < 30: flagged small,
 * interval and p shown, significant = null.
 */
export function gapForGroup(
  internal: SampleInput,
  customer: SampleInput,
  options: GapOptions = {},
): GapResult {
  return gapFromMoments(toMoments(internal), toMoments(customer), options);
}

export function gapFromMoments(internal: Moments, customer: Moments, options: GapOptions = {}): GapResult {
  const minStaff = options.minStaff ?? MIN_STAFF_RESPONDENTS;
  const smallN = options.smallSampleN ?? SMALL_SAMPLE_N;
  const alpha = options.alpha ?? SIGNIFICANCE_LEVEL;
  const level = options.level ?? 0.95;
  const customerSide: GapSide = {
    n: customer.n,
    mean: customer.n > 0 ? customer.mean : null,
  };
  const base = {
    interval: null,
    df: null,
    standardError: null,
    pRaw: null,
    pAdjusted: null,
    significant: null,
  };
  if (internal.n < minStaff) {
    return {
      ...base,
      status: 'suppressed',
      suppressed: true,
      // With no staff answer at all there is nobody to protect: say so rather than "fewer than 5".
      reason:
        internal.n === 0
          ? 'no staff rated this touchpoint'
          : minStaff === MIN_STAFF_RESPONDENTS
            ? SUPPRESSION_REASON
            : `fewer than ${minStaff} staff respondents`,
      internal: { n: null, mean: null },
      customer: customerSide,
      gap: null,
      reading: null,
      smallSample: true,
    };
  }
  const internalSide: GapSide = { n: internal.n, mean: internal.mean };
  const smallSample = internal.n < smallN || customer.n < smallN;
  if (customer.n === 0) {
    return {
      ...base,
      status: 'insufficient',
      suppressed: false,
      reason: 'no customer responses',
      internal: internalSide,
      customer: customerSide,
      gap: null,
      reading: null,
      smallSample,
    };
  }
  const gap = internal.mean - customer.mean;
  const test = welchTest(internal, customer, level);
  if (!test) {
    return {
      ...base,
      status: 'insufficient',
      suppressed: false,
      reason:
        customer.n < 2
          ? 'fewer than 2 customer responses'
          : 'no variation in the scores, so no interval or p-value can be computed',
      internal: internalSide,
      customer: customerSide,
      gap,
      reading: readingOf(gap),
      smallSample,
    };
  }
  return {
    status: smallSample ? 'small-sample' : 'ok',
    suppressed: false,
    reason: null,
    internal: internalSide,
    customer: customerSide,
    gap,
    reading: readingOf(gap),
    interval: { low: test.low, high: test.high, level },
    df: test.df,
    standardError: test.standardError,
    pRaw: test.p,
    pAdjusted: test.p,
    smallSample,
    significant: smallSample ? null : test.p < alpha,
  };
}

/** Re-decides significance after a multiple-testing adjustment (never claims it on small samples). */
export function withAdjustedP(
  result: GapResult,
  pAdjusted: number | null,
  alpha = SIGNIFICANCE_LEVEL,
): GapResult {
  if (result.pRaw === null) return { ...result, pAdjusted: null };
  return {
    ...result,
    pAdjusted,
    significant: result.smallSample || pAdjusted === null ? null : pAdjusted < alpha,
  };
}
