/**
 * Where a drill-through lands: the Data screen showing the rows behind one number. `kpi` names a
 * scorecard KPI (its key in the scorecard JSON, e.g. "nps"); the rows shown are those counted in that
 * KPI's n for the same period and filter, so the count on screen equals the n on the tile.
 */
export interface DataFocus {
  kpi: string;
  period?: string;
  filters?: Record<string, string>;
  /** What the user clicked, said back to them above the rows (e.g. "NPS, 2026-Q2, segment = SMB"). */
  label: string;
}
