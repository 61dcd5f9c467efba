/**
 * The one interval shape of every JSON output, screen and export: bounds in the value's unit and the
 * confidence level (0.95 for the 95% intervals the product reports).
 */
export interface Interval {
  low: number;
  high: number;
  level: number;
}
