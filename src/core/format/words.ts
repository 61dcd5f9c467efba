import { MISSING } from './units';

/** Words printed next to numbers: periods, significance, the sign of a gap, p-values. */

/** How much of a period the data covers (as the scorecard reports it). */
export type Coverage = 'complete' | 'partial' | 'no-data';

/**
 * A period label with its coverage marked: "2026-Q3", "2026-Q3 (partial: data to 2026-08-15)",
 * "2027-Q1 (no data: data ends 2026-09-30)". A partial period is never printed bare.
 */
export function periodLabel(label: string, coverage: Coverage, dataEnd: string | null): string {
  if (coverage === 'partial')
    return dataEnd ? `${label} (partial: data to ${dataEnd})` : `${label} (partial)`;
  if (coverage === 'no-data')
    return dataEnd ? `${label} (no data: data ends ${dataEnd})` : `${label} (no data)`;
  return label;
}

/** The mark after a change whose 95% interval excludes 0; explained once under every table. */
export const SIGNIFICANCE_MARK = '*';
export const SIGNIFICANCE_NOTE =
  '* significant at 95% (interval of the difference excludes 0); n<30: small base, no significance claimed.';

export function significanceMark(significant: boolean | null | undefined): string {
  return significant === true ? SIGNIFICANCE_MARK : '';
}

/**
 * Which way a difference is taken:
 * - staff-minus-customers (the expectation gap): positive = staff overrate = a shortfall for customers;
 * - perception-minus-expectation (SERVQUAL): negative = a shortfall.
 */
export type GapConvention = 'staff-minus-customers' | 'perception-minus-expectation';
export type SignWord = 'shortfall' | 'surplus' | 'no gap';

/** "shortfall" / "surplus" for a signed gap, so a reader never has to decode the sign. */
export function signWord(difference: number, convention: GapConvention): SignWord {
  if (difference === 0) return 'no gap';
  const shortfall = convention === 'staff-minus-customers' ? difference > 0 : difference < 0;
  return shortfall ? 'shortfall' : 'surplus';
}

/**
 * A touchpoint's quadrant as every output writes it. A point whose importance is within its 95%
 * margin of the crosshair is counted as important, and says so, so the quadrant never silently
 * contradicts where the point sits on the chart.
 */
export function quadrantText(
  row: { quadrant: string | null; onImportanceLine?: boolean } | undefined,
): string {
  if (!row?.quadrant) return MISSING;
  return row.onImportanceLine ? `${row.quadrant} (importance on the line)` : row.quadrant;
}
