/** Months as integers (year × 12 + month − 1) so a vector of months is indexed by subtraction. */
export function monthIndex(month: string): number {
  // From the digits of a validated `YYYY-MM…` string (no substrings: called once per answer).
  const year =
    (month.charCodeAt(0) - 48) * 1000 +
    (month.charCodeAt(1) - 48) * 100 +
    (month.charCodeAt(2) - 48) * 10 +
    (month.charCodeAt(3) - 48);
  return year * 12 + (month.charCodeAt(5) - 48) * 10 + (month.charCodeAt(6) - 48) - 1;
}
