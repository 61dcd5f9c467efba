import type { BriefingPack } from '../briefing';
import type { ScorecardKpi } from '../analysis';

/** Every KPI of the CX-and-revenue section: at risk, account-weighted NPS, NRR and churn by class, bands. */
export function revenueKpis(pack: BriefingPack): ScorecardKpi[] {
  const r = pack.revenue;
  if (!r) return [];
  return [r.atRisk, r.accountWeighted, ...r.byClass.flatMap((c) => [c.nrr, c.churn]), ...r.bands].filter(
    (k): k is ScorecardKpi => k !== null,
  );
}
