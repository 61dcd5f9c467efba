import { holmAdjust as holmAdjustAll } from '../metrics/statistics';

/**
 * Holm step-down adjustment for testing many touchpoints at once. Nulls (no test) are skipped and do
 * not count towards the family size. Adjusted p-values are returned in input order.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues.flatMap((p, index) => (p !== null && Number.isFinite(p) ? [{ p, index }] : []));
  const adjusted = holmAdjustAll(tested.map((t) => Math.min(1, Math.max(0, t.p))));
  const out: (number | null)[] = pValues.map(() => null);
  tested.forEach((t, i) => (out[t.index] = adjusted[i] as number));
  return out;
}
