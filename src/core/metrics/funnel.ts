/** AARRR funnel: stage-to-stage conversion. */
import { funnelText } from '../format/definitions';
import { interval95, needsData, notEstimable, ok, pct, type KpiMeta, type KpiResult } from './kpi';
import { wilsonInterval } from './statistics';

export const AARRR_STAGES = ['acquisition', 'activation', 'retention', 'referral', 'revenue'] as const;
export type FunnelStage = (typeof AARRR_STAGES)[number];

function title(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Conversion between consecutive AARRR stages (acquisition → activation → retention → referral →
 * revenue), one KpiResult per step, in percent. Stage names are matched case-insensitively; a stage
 * that is absent makes the steps touching it needs-data. A Wilson interval is given when the later
 * stage is a subset of the earlier one (count not larger).
 */
export function funnelConversion(
  counts: readonly { stage: string; count: number | null | undefined }[],
  stages: readonly string[] = AARRR_STAGES,
): KpiResult[] {
  const byStage = new Map<string, number>();
  for (const c of counts) {
    if (c.count === null || c.count === undefined) continue;
    if (!Number.isFinite(c.count) || c.count < 0) {
      throw new RangeError(`Funnel count for ${c.stage} must be a non-negative number, got ${c.count}.`);
    }
    const key = c.stage.trim().toLowerCase();
    byStage.set(key, (byStage.get(key) ?? 0) + c.count);
  }
  const results: KpiResult[] = [];
  for (let i = 0; i + 1 < stages.length; i++) {
    const from = stages[i] as string;
    const to = stages[i + 1] as string;
    const meta: KpiMeta = { id: `funnel:${from}-${to}`, ...funnelText(from, to, title) };
    const a = byStage.get(from.toLowerCase());
    const b = byStage.get(to.toLowerCase());
    if (a === undefined || b === undefined) {
      const missing = [a === undefined ? from : null, b === undefined ? to : null].filter((x) => x !== null);
      results.push(needsData(meta, `needs funnel counts for ${missing.join(' and ')}`));
      continue;
    }
    if (a === 0) {
      results.push(notEstimable(meta, `not estimable: the ${from} stage has no count in the period`, 0));
      continue;
    }
    const result = ok(meta, pct(b / a), a);
    if (b <= a && Number.isInteger(a) && Number.isInteger(b)) {
      const ci = wilsonInterval(b, a);
      if (ci) result.interval = interval95(pct(ci.low), pct(ci.high));
      result.sample = { kind: 'proportion', successes: b, n: a };
    }
    results.push(result);
  }
  return results;
}
