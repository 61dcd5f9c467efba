/**
 * One scorecard KPI in depth, for its detail view: the KPI as the scorecard gives it, its 12-period
 * trend with each period's 95% interval (where the KPI has one) and its value in each group of a
 * breakdown key (segment by default). Every figure is a scorecard computed for that period or that
 * extra filter, so the detail view cannot disagree with the tiles.
 */
import { UserError } from '../errors';
import type { Db } from '../store/engagement';
import { filterValues } from '../store/filter-keys';
import { filterKeys } from './filters';
import { computeScorecard, type Scorecard, type ScorecardKpi } from './scorecard';

export interface KpiDetailOptions {
  kpi: string;
  period?: string;
  filters?: Record<string, string>;
  /** The key to break the KPI down by; default segment (when the engagement has one). */
  by?: string;
}

export interface KpiTrendPoint {
  period: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface KpiBreakdownRow {
  value: string;
  kpi: ScorecardKpi | null;
}

export interface KpiDetail {
  period: Scorecard['period'];
  engagement: Scorecard['engagement'];
  filters: Scorecard['filters'];
  kpi: ScorecardKpi;
  trend: KpiTrendPoint[];
  /** Keys the KPI can be broken down by (not those already filtered on). */
  breakdownKeys: string[];
  breakdown: { key: string; rows: KpiBreakdownRow[]; more: boolean } | null;
}

/** Groups shown in a breakdown: the most common values of the key. */
const BREAKDOWN_GROUPS = 8;

/** Keys naming what was asked rather than who answered: no breakdown worth comparing. */
const NOT_GROUPS = new Set(['customer_id', 'item', 'survey', 'dimension']);

/**
 * Keys that cut this KPI into groups worth comparing: customer keys for every KPI, keys of the
 * answers themselves (touchpoint, channel …) only for survey KPIs, which they narrow.
 */
function breakdownKeysOf(db: Db, kpi: ScorecardKpi, filters: Record<string, string>): string[] {
  const taken = new Set(Object.keys(filters).map((k) => k.toLowerCase()));
  const answers = kpi.group === 'survey';
  return filterKeys(db)
    .filter((k) => k.kind === 'shared' || k.kind === 'customer' || (answers && k.kind !== 'staff'))
    .filter((k) => !NOT_GROUPS.has(k.key) && !taken.has(k.key.toLowerCase()))
    .map((k) => k.key);
}

function find(card: Scorecard, id: string): ScorecardKpi | null {
  return card.kpis.find((k) => k.id === id) ?? null;
}

export function kpiDetail(db: Db, options: KpiDetailOptions): KpiDetail {
  const filters = options.filters ?? {};
  const card = computeScorecard(db, { ...(options.period ? { period: options.period } : {}), filters });
  const kpi = find(card, options.kpi);
  if (!kpi) throw new UserError('bad-scope', `The scorecard has no KPI "${options.kpi}".`);
  const period = card.period.label;
  const single = (p: string, extra: Record<string, string> = {}) =>
    find(computeScorecard(db, { period: p, filters: { ...filters, ...extra }, seriesLength: 1 }), kpi.id);

  // The series carries values only; a KPI with an interval is recomputed per period for its band.
  const trend = kpi.series.map((point): KpiTrendPoint => {
    const at =
      point.period === period ? kpi : kpi.interval && point.value !== null ? single(point.period) : null;
    return {
      period: point.period,
      value: point.value,
      low: at?.interval?.low ?? null,
      high: at?.interval?.high ?? null,
    };
  });

  const breakdownKeys = breakdownKeysOf(db, kpi, filters);
  const by = options.by ?? (breakdownKeys.includes('segment') ? 'segment' : (breakdownKeys[0] ?? null));
  let breakdown: KpiDetail['breakdown'] = null;
  const key = by === null ? undefined : filterKeys(db).find((k) => k.key === by);
  if (key && breakdownKeys.includes(key.key)) {
    const values = filterValues(db, key, BREAKDOWN_GROUPS);
    breakdown = {
      key: key.key,
      rows: values.values.map((value) => ({ value, kpi: single(period, { [key.key]: value }) })),
      more: !values.complete,
    };
  }
  return {
    period: card.period,
    engagement: card.engagement,
    filters: card.filters,
    kpi,
    trend,
    breakdownKeys,
    breakdown,
  };
}
