/**
 * Values by unit, with the rounding a board expects (one rule per unit, so a number reads the same
 * wherever it is printed):
 * - points (NPS, −100..100): one decimal — "32.6"
 * - percent (CSAT, churn, NRR …): one decimal — "78.8%"; a change of a percentage is in percentage
 *   points — "+0.2 pp"
 * - currency (ARPA, CLV, CAC, revenue at risk): whole currency units — "$296,332" — except amounts
 *   under 10, which keep their cents ("$9.99")
 * - months (CAC payback): one decimal — "4.8 months"
 * - ratio (LTV:CAC): one decimal — "19.8:1"
 * - score (a mean on a short answer scale: CSAT mean, CES): two decimals — "4.16"
 * - score100 (a score put on 0–100, the expectation gap): one decimal — "45.0"
 * - fraction (importance, weights, correlations 0–1): two decimals — "0.42"
 * - share (a headline top-box share): whole percent — "77%"
 * - count (sample sizes, rows, respondents): whole, grouped — "2,261"
 * Inside a sentence the same rounding applies with trailing zero decimals dropped ("rose 6 points").
 */
import { decimal, money, type Locale } from './numbers';

export type Unit =
  | 'points'
  | 'percent'
  | 'currency'
  | 'months'
  | 'ratio'
  | 'score'
  | 'score100'
  | 'fraction'
  | 'share'
  | 'count';

/** The units a scorecard KPI can have. */
export type KpiUnit = Extract<Unit, 'points' | 'percent' | 'ratio' | 'currency' | 'months' | 'score'>;

/** Printed where a number is missing (never 0). */
export const MISSING = '—';

const DECIMALS: Record<Exclude<Unit, 'currency'>, number> = {
  points: 1,
  percent: 1,
  months: 1,
  ratio: 1,
  score: 2,
  score100: 1,
  fraction: 2,
  share: 0,
  count: 0,
};

function currencyDecimals(value: number): number {
  return Math.abs(value) < 10 ? 2 : 0;
}

function suffix(unit: Unit, text: string, change: boolean): string {
  switch (unit) {
    case 'percent':
      return change ? `${text} pp` : `${text}%`;
    case 'share':
      return change ? `${text} pp` : `${text}%`;
    case 'months':
      return `${text} months`;
    case 'ratio':
      return change ? text : `${text}:1`;
    default:
      return text;
  }
}

/** A value in its unit; `trim` drops trailing zero decimals, for numbers inside sentences. */
export function formatValue(unit: Unit, value: number, where: Locale, trim = false): string {
  if (unit === 'currency') return money(value, where, currencyDecimals(value));
  return suffix(unit, decimal(value, where, { decimals: DECIMALS[unit], trim }), false);
}

/**
 * A change between two values of a unit, always signed ("+1.5", "−0.2 pp", "+$91"). A change of a
 * percentage is written in percentage points, never as a percentage.
 */
export function formatChange(unit: Unit, change: number, where: Locale): string {
  if (unit === 'currency') return money(change, where, currencyDecimals(change), true);
  return suffix(unit, decimal(change, where, { decimals: DECIMALS[unit], signed: true }), true);
}
