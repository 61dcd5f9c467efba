import type { RawRow } from './source';

const TOTALS_LABEL =
  /^(?:grand\s+)?totals?:?$|^sub-?totals?:?$|^sum:?$|^gesamt(?:summe)?:?$|^summe:?$|^totaal:?$|^totale:?$|^totaux:?$|^合計$|^합계$|^المجموع$/i;

/**
 * A "Total" / "Grand total" / "Summe" row under a table (Excel reports end with one): not a
 * record. Its label sits in one of the row's first three filled cells.
 */
export function isTotalsRow(row: RawRow): boolean {
  let seen = 0;
  for (const cell of row.cells) {
    if (cell === null || cell === '') continue;
    if (typeof cell === 'string' && TOTALS_LABEL.test(cell.trim())) return true;
    if (++seen >= 3) return false;
  }
  return false;
}
