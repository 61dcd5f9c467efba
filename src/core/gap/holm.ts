/**
 * Holm step-down adjustment for testing many touchpoints at once. Nulls (no test) are skipped and do
 * not count towards the family size. Adjusted p-values are returned in input order.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((x): x is { p: number; index: number } => x.p !== null && Number.isFinite(x.p))
    .sort((x, y) => x.p - y.p || x.index - y.index);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
