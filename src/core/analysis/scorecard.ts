import { npsClassOf } from '../domain/nps';
import { SCHEMAS } from '../domain/schemas';
/**
 * The CCO scorecard (DESIGN §6, issue 5): aggregates from store/scorecard-queries → the pure formulas
 * of this module → assessKpi with target, prior period, same period last year and a 12-period series.
 *
 * Conventions decided here (also in README "cxbrief scorecard"):
 * - Period: the one asked for, else the last complete quarter (fiscal quarter when fiscal_year_start
 *   ≠ 1) in the data, never the clock; with no dated data, `all`.
 * - Churn basis: revenue when any revenue exists (a customer with MRR > 0 in the month before P and
 *   none in its last month is lost), else churned_on dates, else the undated churn flag (period `all`
 *   only). For `all` the logo churn is the share of customers ever seen who are lost by the end.
 * - Filters: see store/scorecard-queries.ts. Survey-only keys (touchpoint, channel, item, dimension)
 *   leave customer and revenue KPIs unfiltered and say so in their basis.
 * - Series (12 periods) and deltas are computed for the period-level KPIs; the trailing-12-month NRR
 *   and the CX-linked-to-revenue breakdowns are computed for P (and the TTM NRR for its prior and
 *   last-year periods) only.
 */
import { resolveFilters } from './filters';
import { describeFilters, narrowsAnswers, narrowsCustomers } from '../domain/filter';
import { KPI_DEFINITIONS, npsClassText } from '../format/definitions';
import type { Db } from '../store/engagement';
import type { AccountNpsCounts, NpsMatrix } from '../store/nps-matrix';
import { monthIndex, MrrMatrix } from '../store/mrr-matrix';
import {
  churnFlagCounts,
  customersMatching,
  customerDataShape,
  dataExtent,
  datedChurnByClass,
  datedChurnCounts,
  acquiredCustomers,
  funnelIn,
  hasRevenue,
  npsAnswersPerAccount,
  npsByRevenueBandCounts,
  npsModelFor,
  outcomesByClassCounts,
  revenueAtRiskCounts,
  readMetaValue,
  spendIn,
  surveyBuckets,
  undatedAnswers,
  type CustomerDataShape,
  type Filters,
  type RevenuePair,
  type SurveyBucket,
} from '../store/scorecard-queries';
import { getSettings, listTargets, targetFor, type EngagementSettings } from '../store/settings';
import { cac, cacPaybackMonths, clv, ltvToCac } from '../metrics/economics';
import { funnelConversion } from '../metrics/funnel';
import { needsData, notEstimable, type KpiMeta, type KpiResult } from '../metrics/kpi';
import {
  addMonths,
  allPeriod,
  defaultPeriod,
  describePeriod,
  labelWithCoverage,
  lastMonth,
  monthBefore,
  parsePeriod,
  periodCoverage,
  periodSeries,
  priorPeriod,
  samePeriodLastYear,
  trailingPeriod,
  type Period,
} from '../metrics/periods';
import { assessKpi, type ScorecardEntry } from '../metrics/rag';
import {
  arpa,
  customerRetentionRate,
  describeChurnBasis,
  grossRevenueChurn,
  grr,
  logoChurn,
  monthlyChurnRate,
  nrr,
  outcomesByNpsClass,
  revenueAtRisk,
  type ChurnBasis,
  type ClassOutcome,
  type MrrMovements,
} from '../metrics/revenue';
import {
  accountWeightedNps,
  cesFromMoments,
  csatFromCounts,
  csatMeanFromMoments,
  npsByGroup,
  npsFromCounts,
  topTwoBoxThreshold,
} from '../metrics/survey';
import type { NpsCounts } from '../metrics/statistics';

export const SCORECARD_SCHEMA = SCHEMAS.scorecard;

export type KpiGroup = 'survey' | 'customers' | 'revenue' | 'economics' | 'funnel' | 'cx-revenue';

export interface ScorecardKpi extends ScorecardEntry {
  group: KpiGroup;
}

export interface ScorecardPeriod {
  label: string;
  kind: Period['kind'];
  /** First day `YYYY-MM-DD`; null for `all` without dated data. */
  start: string | null;
  /** First day after the period; null for `all` without dated data. */
  endExclusive: string | null;
  /** "Jul–Sep 2026", "all data (Jan 2024–Dec 2025)". */
  description: string;
  /** How much of P the data covers (`complete` when nothing is dated). */
  coverage: 'complete' | 'partial' | 'no-data';
  /** The label to print: "2026-Q3 (partial: data to 2026-08-15)". */
  display: string;
  /** True when no period was asked for and this is the default (last complete period). */
  isDefault: boolean;
  /** Labels of the comparison periods; null for `all`. */
  prior: string | null;
  lastYear: string | null;
}

export interface ScorecardFilter {
  key: string;
  value: string;
  /** Which KPI families the filter narrows. */
  appliesTo: Array<'survey' | 'customers'>;
}

export interface Scorecard {
  schema: typeof SCORECARD_SCHEMA;
  engagement: { name: string | null; currency: string; locale: string; fiscalYearStart: number };
  period: ScorecardPeriod;
  /** The latest date (or month) of any dated fact: the scorecard's as-of date; null when undated. */
  asOf: string | null;
  dataRange: { first: string | null; last: string | null };
  filters: ScorecardFilter[];
  /** Where customer churn comes from; null when there is no customer or revenue data. */
  churnBasis: ChurnBasis | null;
  kpis: ScorecardKpi[];
  /** Sentences about the data that qualify the numbers. */
  notes: string[];
}

export interface ScorecardOptions {
  /** Period label (2026-07, 2026-Q3, 2026, FY2026-Q3, FY2026, TTM-2026-09, all); default: last complete quarter. */
  period?: string;
  filters?: Record<string, string>;
  /** Length of the series per KPI (default 12). */
  seriesLength?: number;
}

// ------------------------------------------------------------------ pure assembly helpers

/** NPS counts from answer buckets (0–10 answers only). */
export function npsCountsFromBuckets(buckets: readonly SurveyBucket[]): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const b of buckets) {
    if (b.survey !== 'nps' || b.scaleMin !== 0 || b.scaleMax !== 10) continue;
    counts[`${npsClassOf(b.score)}s`] += b.n;
  }
  return counts;
}

export interface ScaleSums {
  scale: { min: number; max: number };
  n: number;
  sum: number;
  sumSquares: number;
  topTwoBox: number;
  /** Answers on other scales, left out. */
  otherScales: number;
}

/** Sums for one survey on its most common scale (a mean is only meaningful on one scale). */
export function scaleSumsFromBuckets(buckets: readonly SurveyBucket[], survey: string): ScaleSums | null {
  const byScale = new Map<string, SurveyBucket[]>();
  let total = 0;
  for (const b of buckets) {
    if (b.survey !== survey) continue;
    const key = `${b.scaleMin}:${b.scaleMax}`;
    const list = byScale.get(key) ?? [];
    list.push(b);
    byScale.set(key, list);
    total += b.n;
  }
  let best: SurveyBucket[] | null = null;
  let bestN = -1;
  for (const list of byScale.values()) {
    const n = list.reduce((s, b) => s + b.n, 0);
    if (n > bestN) {
      best = list;
      bestN = n;
    }
  }
  if (!best || bestN <= 0) return null;
  const first = best[0] as SurveyBucket;
  const scale = { min: first.scaleMin, max: first.scaleMax };
  const threshold = topTwoBoxThreshold(scale);
  const out: ScaleSums = { scale, n: 0, sum: 0, sumSquares: 0, topTwoBox: 0, otherScales: total - bestN };
  for (const b of best) {
    out.n += b.n;
    out.sum += b.score * b.n;
    out.sumSquares += b.score * b.score * b.n;
    if (b.score >= threshold) out.topTwoBox += b.n;
  }
  return out;
}

function movementsOf(
  pair: Pick<RevenuePair, 'starting' | 'expansion' | 'contraction' | 'churned' | 'customers'>,
): MrrMovements {
  return {
    starting: pair.starting,
    expansion: pair.expansion,
    contraction: Math.min(pair.contraction, pair.starting),
    churned: pair.churned,
    customers: pair.customers,
  };
}

/** The descriptive part of a KPI (no value, details or sample), to restate it as needs-data. */
function metaOf(k: KpiResult): KpiMeta {
  const meta: KpiMeta = { id: k.id, label: k.label, unit: k.unit, definition: k.definition };
  if (k.basis) meta.basis = k.basis;
  if (k.scale) meta.scale = k.scale;
  return meta;
}

function withBasis(kpi: KpiResult, extra: string | null): KpiResult {
  if (!extra) return kpi;
  return { ...kpi, basis: kpi.basis ? `${kpi.basis}; ${extra}` : extra };
}

function bounded(period: Period): boolean {
  return period.kind !== 'all' && period.months.length > 0;
}

// ------------------------------------------------------------------ the context of one computation

interface Context {
  db: Db;
  filters: Filters;
  settings: EngagementSettings;
  shape: CustomerDataShape;
  revenue: boolean;
  basis: ChurnBasis | null;
  buckets: SurveyBucket[];
  /** Revenue pairs computed during this call (a pair is shared by neighbouring periods). */
  pairs: Map<string, RevenuePair>;
  /** Every customer's MRR by month, read once per call when revenue KPIs need it. */
  model: () => MrrMatrix;
  /** Every customer's NPS answers by month, read once per call when CX-linked KPIs need it. */
  nps: () => NpsMatrix;
  /** The customers the filters keep (null: no customer filter). */
  allowed: () => ReadonlySet<string> | null;
  customerNote: string | null;
  populationSize: number | null;
}

function pairOf(ctx: Context, start: string, end: string): RevenuePair {
  const key = `${start}>${end}`;
  let pair = ctx.pairs.get(key);
  if (!pair) {
    pair = ctx.model().pair(start, end);
    ctx.pairs.set(key, pair);
  }
  return pair;
}

function monthsRange(period: Period): { first: string; last: string } | null {
  const first = period.months[0];
  const last = lastMonth(period);
  return first && last ? { first, last } : null;
}

function bucketsIn(ctx: Context, period: Period): SurveyBucket[] {
  if (period.kind === 'all') return ctx.buckets;
  const months = new Set(period.months);
  return ctx.buckets.filter((b) => b.month !== null && months.has(b.month));
}

const NEEDS_DATED_CHURN =
  'needs dated churn (churned_on dates or monthly revenue); the churn flag is undated, so churn is given for period all only';

function periodKpis(ctx: Context, period: Period, full: boolean): Map<string, KpiResult> {
  const out = new Map<string, KpiResult>();
  const put = (k: KpiResult) => out.set(k.id, k);
  const range = monthsRange(period);

  // ---- survey
  const inP = bucketsIn(ctx, period);
  const npsCounts = npsCountsFromBuckets(inP);
  let population: number | null = null;
  if (full && ctx.populationSize !== null) {
    const per = npsAnswersPerAccount(ctx.db, period.kind === 'all' ? null : range, ctx.filters, ctx.allowed);
    if (per.answers > 0 && per.answers === per.accounts) population = ctx.populationSize;
  }
  const nps = npsFromCounts(npsCounts, { population });
  put(nps);
  const csat = scaleSumsFromBuckets(inP, 'csat');
  put(
    csat
      ? csatFromCounts(csat.topTwoBox, csat.n, {
          mean: csat.sum / csat.n,
          scale: csat.scale,
          population: population,
        })
      : csatFromCounts(null, null),
  );
  put(
    csat
      ? csatMeanFromMoments(csat.n, csat.sum, csat.sumSquares, csat.scale)
      : csatMeanFromMoments(null, null, null),
  );
  const ces = scaleSumsFromBuckets(inP, 'ces');
  put(ces ? cesFromMoments(ces.n, ces.sum, ces.sumSquares, ces.scale) : cesFromMoments(null, null, null));

  // ---- customers: retention and logo churn on the chosen basis
  const basis = ctx.basis;
  let churnFraction: number | null = null;
  let pair: RevenuePair | null = null;
  if (ctx.revenue && range) {
    const before = monthBefore(period);
    if (before) pair = pairOf(ctx, before, range.last);
  }
  if (basis === null) {
    put(withBasis(logoChurn(null, null), ctx.customerNote));
    put(withBasis(customerRetentionRate(null, null, null), ctx.customerNote));
  } else if (basis === 'revenue') {
    if (period.kind === 'all') {
      if (range) {
        const ever = ctx.model().everActive(range.first, range.last);
        put(
          withBasis(
            logoChurn(ever.lostByEnd, ever.customers, { basis }),
            'period all: share of customers ever active with no MRR in the last month',
          ),
        );
        put(
          withBasis(
            customerRetentionRate(ever.customers, ever.customers - ever.lostByEnd, 0, { basis }),
            ctx.customerNote,
          ),
        );
      }
    } else if (pair) {
      const lc = logoChurn(pair.lost, pair.customers, { basis });
      put(withBasis(lc, ctx.customerNote));
      if (lc.status === 'ok') churnFraction = pair.lost / pair.customers;
      // N counts every customer that came (or came back) during P, also those lost again within
      // it: (E − N) / S as printed, not 1 − logo churn.
      const before = monthBefore(period) as string;
      const acquired = range ? ctx.model().enteredDuring(before, range.first, range.last) : 0;
      put(
        withBasis(
          customerRetentionRate(pair.customers, pair.activeAtEnd, acquired, { basis }),
          ctx.customerNote,
        ),
      );
    }
  } else if (basis === 'churn-date') {
    if (period.kind === 'all' || !period.start || !period.endExclusive) {
      const c = datedChurnCounts(ctx.db, null, null, ctx.filters);
      put(
        withBasis(
          logoChurn(c.lost, c.atStart, { basis }),
          'period all: share of all customers with a churn date',
        ),
      );
      put(withBasis(customerRetentionRate(c.atStart, c.atStart - c.lost, 0, { basis }), ctx.customerNote));
    } else {
      const c = datedChurnCounts(ctx.db, period.start, period.endExclusive, ctx.filters);
      const lc = logoChurn(c.lost, c.atStart, { basis });
      put(withBasis(lc, ctx.customerNote));
      if (lc.status === 'ok') churnFraction = c.lost / c.atStart;
      put(withBasis(customerRetentionRate(c.atStart, c.atEnd, c.acquired, { basis }), ctx.customerNote));
    }
  } else {
    // churn flag: undated
    if (period.kind === 'all') {
      const c = churnFlagCounts(ctx.db, ctx.filters);
      put(withBasis(logoChurn(c.churned, c.customers, { basis }), ctx.customerNote));
      put(
        withBasis(
          customerRetentionRate(c.customers, c.customers - c.churned, 0, { basis }),
          ctx.customerNote,
        ),
      );
    } else {
      const meta = logoChurn(null, null, { basis });
      put(needsData(metaOf(meta), NEEDS_DATED_CHURN));
      put(needsData(metaOf(customerRetentionRate(null, null, null, { basis })), NEEDS_DATED_CHURN));
    }
  }
  if (!out.has('logo-churn')) put(withBasis(logoChurn(null, null), ctx.customerNote));
  if (!out.has('customer-retention'))
    put(withBasis(customerRetentionRate(null, null, null), ctx.customerNote));

  // ---- revenue
  const allNote =
    'period all has no month before it; choose a month, quarter or year (the trailing-12-month NRR is shown)';
  if (pair) {
    const m = movementsOf(pair);
    if (period.kind === 'all') {
      put(withBasis(notEstimable(metaOf(nrr(m)), `not estimable: ${allNote}`), ctx.customerNote));
      put(withBasis(notEstimable(metaOf(grr(m)), `not estimable: ${allNote}`), ctx.customerNote));
      put(
        withBasis(
          notEstimable(metaOf(grossRevenueChurn(0, 0, 1)), `not estimable: ${allNote}`),
          ctx.customerNote,
        ),
      );
    } else {
      put(withBasis(nrr(m), ctx.customerNote));
      put(withBasis(grr(m), ctx.customerNote));
      put(withBasis(grossRevenueChurn(m.churned, m.contraction, m.starting), ctx.customerNote));
    }
    put(withBasis(arpa(pair.endingMrr, pair.activeAtEnd), ctx.customerNote));
  } else {
    put(nrr(null));
    put(grr(null));
    put(grossRevenueChurn(null, null, null));
    put(arpa(null, null));
  }
  if (full) {
    const ttm = trailingPeriod(period);
    const before = ttm ? monthBefore(ttm) : null;
    if (ctx.revenue && ttm && before) {
      const p = pairOf(ctx, before, lastMonth(ttm) as string);
      put(
        withBasis(
          nrr(movementsOf(p), { trailing12: true }),
          `${ttm.label}: ${ctx.customerNote ?? 'MRR of the month before vs its last month'}`,
        ),
      );
    } else {
      put(nrr(null, { trailing12: true }));
    }
  }

  // ---- economics
  const arpaKpi = out.get('arpa') as KpiResult;
  const spend = spendIn(ctx.db, period.kind === 'all' ? null : period.months);
  const margin = ctx.settings.grossMargin ?? spend.grossMargin ?? null;
  let monthly: number | null = null;
  let churnBasisText = '';
  if (churnFraction !== null && bounded(period)) {
    monthly = monthlyChurnRate(churnFraction, period.months.length);
    churnBasisText = `monthly logo churn ${(monthly * 100).toFixed(2)}% from ${period.label} logo churn over ${period.months.length} month(s), ${basis ? describeChurnBasis(basis) : ''}`;
  }
  let clvKpi: KpiResult;
  if (monthly === null && basis === 'churn-flag')
    clvKpi = needsData(metaOf(clv(arpaKpi, margin, null)), NEEDS_DATED_CHURN);
  else clvKpi = clv(arpaKpi, margin, monthly, churnBasisText ? { churnBasis: churnBasisText } : {});
  put(clvKpi);
  let newCustomers: number | null = null;
  const newBasis = ctx.shape.withAcquiredOn > 0 ? 'acquired_on' : ctx.revenue ? 'first month with MRR' : null;
  if (spend.spend !== null && newBasis !== null) {
    if (newBasis === 'acquired_on') {
      newCustomers = acquiredCustomers(
        ctx.db,
        period.kind === 'all' ? null : period.start,
        period.kind === 'all' ? null : period.endExclusive,
        ctx.filters,
      );
    } else if (range) {
      newCustomers = ctx.model().newCustomers(range.first, range.last);
    }
  }
  const cacKpi = withBasis(cac(spend.spend, newCustomers), newBasis ? `new customers by ${newBasis}` : null);
  put(cacKpi);
  put(ltvToCac(clvKpi, cacKpi));
  put(cacPaybackMonths(cacKpi, arpaKpi, margin));

  // ---- funnel
  for (const k of funnelConversion(funnelIn(ctx.db, period.kind === 'all' ? null : period.months))) put(k);
  return out;
}

/** Each answering account with its MRR in the month as weight (null without revenue that month). */
function weightedAccounts(revenue: MrrMatrix, nps: NpsMatrix, answers: AccountNpsCounts, month: string) {
  const link = nps.revenueIndex(revenue);
  const m = monthIndex(month);
  return Array.from(answers.customers, (i, k) => {
    const r = link[i] as number;
    const mrr = r < 0 ? 0 : revenue.mrr(r, m);
    return {
      accountId: nps.ids[i] as string,
      weight: mrr !== 0 ? mrr : null,
      counts: {
        promoters: answers.promoters[k] as number,
        passives: answers.passives[k] as number,
        detractors: answers.detractors[k] as number,
      },
    };
  });
}

/** CX linked to revenue, for P only. */
function cxRevenueKpis(ctx: Context, period: Period): KpiResult[] {
  const out: KpiResult[] = [];
  const range = monthsRange(period);
  const last = lastMonth(period);
  const answerRange = period.kind === 'all' ? null : range;
  let answers: AccountNpsCounts | null = null;
  const accountAnswers = () => (answers ??= ctx.nps().counts(answerRange));

  // revenue at risk: latest answer in the 12 months ending with P
  if (ctx.revenue && last) {
    const r = revenueAtRiskCounts(ctx.model(), ctx.nps(), { first: addMonths(last, -11), last }, last);
    out.push(
      revenueAtRisk({
        detractorMrr: r.respondingAccounts > 0 ? r.detractorMrr : null,
        totalMrr: r.totalMrr,
        linkedAccounts: r.respondingAccounts,
        detractorAccounts: r.detractorAccounts,
      }),
    );
  } else {
    out.push(revenueAtRisk({ detractorMrr: null, linkedAccounts: 0 }));
    const k = out[out.length - 1] as KpiResult;
    k.needs =
      'needs revenue data (MRR by customer and month) and NPS responses linked to customers (customer_id)';
  }

  // account-weighted NPS
  if (ctx.revenue && last) {
    out.push(accountWeightedNps(weightedAccounts(ctx.model(), ctx.nps(), accountAnswers(), last)));
  } else {
    const k = accountWeightedNps(null);
    out.push({ ...k, needs: 'needs revenue data (MRR) and NPS responses linked to customers (customer_id)' });
  }

  // NPS by revenue band
  let bandKpis: KpiResult[] = [];
  if (ctx.revenue && last) {
    const bands = npsByRevenueBandCounts(ctx.model(), ctx.nps(), accountAnswers(), last, 4);
    bandKpis = npsByGroup(
      bands.map((b) => ({
        key: `revenue-band-${b.band}`,
        label: `MRR band ${b.band} of ${bands.length} (${fmt(b.minMrr)}–${fmt(b.maxMrr)}, ${b.accounts} accounts)`,
        counts: { promoters: b.promoters, passives: b.passives, detractors: b.detractors },
      })),
      { idPrefix: 'nps' },
    ).map((k) => ({ ...k, basis: `bands: customers by MRR in ${last}, equal-count quartiles` }));
  }
  if (bandKpis.length === 0) {
    bandKpis = [
      needsData(
        { id: 'nps:revenue-band', ...KPI_DEFINITIONS['nps:revenue-band'] },
        'needs revenue data (MRR by customer and month) and NPS responses linked to customers (customer_id)',
      ),
    ];
  }
  out.push(...bandKpis);

  // NRR and churn by NPS class taken before P
  const before = monthBefore(period);
  let groups: Partial<Record<'promoter' | 'passive' | 'detractor', ClassOutcome>> = {};
  let allNeeds: string | null = null;
  if (!bounded(period) || !period.start || !period.endExclusive || !before || !last) {
    allNeeds =
      'needs a bounded period (month, quarter or year) and NPS answers linked to customers dated before it';
  } else if (ctx.basis === 'revenue') {
    // A period starts on a month's first day: "answered before it" is "in an earlier month".
    const beforeMonth = period.start.slice(0, 7);
    for (const row of outcomesByClassCounts(ctx.model(), ctx.nps(), beforeMonth, before, last)) {
      groups[row.npsClass] = {
        movements: movementsOf(row),
        customersAtStart: row.customers,
        customersLost: row.lost,
      };
    }
  } else if (ctx.basis === 'churn-date') {
    for (const row of datedChurnByClass(ctx.db, ctx.nps(), period.start, period.endExclusive)) {
      groups[row.npsClass] = { customersAtStart: row.atStart, customersLost: row.lost };
    }
  } else {
    allNeeds = 'needs dated churn (monthly revenue or churned_on dates) and NPS answers linked to customers';
    groups = {};
  }
  for (const o of outcomesByNpsClass(groups, ctx.basis ? { basis: ctx.basis } : {})) {
    for (const k of [o.nrr, o.logoChurn]) {
      const definition = npsClassText(k.definition, o.npsClass);
      if (allNeeds && k.status !== 'ok') out.push({ ...k, definition, needs: allNeeds });
      else if (k.status === 'needs-data' && Object.keys(groups).length > 0 && !groups[o.npsClass])
        out.push({
          ...k,
          definition,
          needs: `needs customers classed ${o.npsClass} by an NPS answer before the period`,
        });
      else out.push({ ...k, definition });
    }
  }
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

const GROUPS: Record<string, KpiGroup> = {
  nps: 'survey',
  csat: 'survey',
  'csat-mean': 'survey',
  ces: 'survey',
  'logo-churn': 'customers',
  'customer-retention': 'customers',
  'nrr-ttm': 'revenue',
  nrr: 'revenue',
  grr: 'revenue',
  'gross-revenue-churn': 'revenue',
  arpa: 'revenue',
  clv: 'economics',
  cac: 'economics',
  'ltv-cac': 'economics',
  'cac-payback': 'economics',
};

function groupOf(id: string): KpiGroup {
  if (id.startsWith('funnel:')) return 'funnel';
  return GROUPS[id] ?? 'cx-revenue';
}

/** The KPI order on the scorecard. */
const ORDER = [
  'nps',
  'csat',
  'csat-mean',
  'ces',
  'customer-retention',
  'logo-churn',
  'nrr-ttm',
  'nrr',
  'grr',
  'gross-revenue-churn',
  'arpa',
  'clv',
  'cac',
  'ltv-cac',
  'cac-payback',
];

// ------------------------------------------------------------------ entry point

/**
 * Computes the scorecard for a period and filters. The default period is the last complete
 * quarter in the data; when that shows no KPI at all (the data is all in a partial quarter, or
 * only undated flags hold churn), the default is the latest period (labelled partial), then `all`.
 */
export function computeScorecard(db: Db, options: ScorecardOptions = {}): Scorecard {
  if (options.period) return scorecardFor(db, options, 'complete');
  const first = scorecardFor(db, options, 'complete');
  if (showsData(first)) return first;
  for (const choice of ['latest', 'all'] as const) {
    const card = scorecardFor(db, options, choice);
    if (card.period.label === first.period.label) continue;
    if (showsData(card) || choice === 'all') {
      card.notes.unshift(
        `The last complete period, ${first.period.label}, has no data; showing ${card.period.display}.`,
      );
      return card;
    }
  }
  return first;
}

function showsData(card: Scorecard): boolean {
  return card.kpis.some((kpi) => kpi.value !== null);
}

function scorecardFor(db: Db, options: ScorecardOptions, choice: 'complete' | 'latest' | 'all'): Scorecard {
  const settings = getSettings(db);
  const filters: Filters = resolveFilters(db, options.filters);
  const extent = dataExtent(db);
  const fiscalStartMonth = settings.fiscalYearStart;
  const dataRange =
    extent.minMonth && extent.maxMonth ? { first: extent.minMonth, last: extent.maxMonth } : null;
  const periodSettings = { fiscalStartMonth, dataRange };

  let period: Period;
  let isDefault = false;
  if (options.period) {
    period = parsePeriod(options.period, periodSettings);
  } else {
    isDefault = true;
    const chosen = defaultPeriod(extent.maxDate, {
      ...periodSettings,
      granularity: fiscalStartMonth === 1 ? 'quarter' : 'fiscal-quarter',
    });
    period =
      choice === 'all' ? allPeriod(periodSettings) : choice === 'latest' ? chosen.latest : chosen.period;
  }
  if (period.kind === 'all' && period.months.length === 0 && dataRange) period = allPeriod(periodSettings);

  const prior = priorPeriod(period);
  const lastYear = samePeriodLastYear(period);
  const series = periodSeries(period, options.seriesLength ?? 12);

  let customers: Set<string> | null | undefined;
  /** The customers the filters keep (null: no customer filter), looked up once per call. */
  const allowed = () => (customers === undefined ? (customers = customersMatching(db, filters)) : customers);

  // Survey answer counts for every month any of these periods needs, in one indexed walk.
  let buckets: SurveyBucket[];
  if (period.kind === 'all') buckets = surveyBuckets(db, null, filters, allowed);
  else {
    const firsts = [period, prior, lastYear, ...series]
      .filter((p): p is Period => p !== null)
      .map((p) => p.months[0] as string)
      .sort();
    buckets = surveyBuckets(
      db,
      { first: firsts[0] as string, last: lastMonth(period) as string },
      filters,
      allowed,
    );
  }

  const shape = customerDataShape(db);
  const revenue = hasRevenue(db);
  const basis: ChurnBasis | null = revenue
    ? 'revenue'
    : shape.withChurnedOn > 0
      ? 'churn-date'
      : shape.withChurnFlag > 0
        ? 'churn-flag'
        : null;
  const surveyOnly = filters.filter((c) => narrowsAnswers(c) && !narrowsCustomers(c));
  const customerNote = surveyOnly.length
    ? `filter ${describeFilters(surveyOnly)} not applied (it describes survey answers, not customers)`
    : null;
  const staffOnly = filters.filter((c) => !narrowsAnswers(c));

  let model: MrrMatrix | null = null;
  let nps: NpsMatrix | null = null;
  const ctx: Context = {
    db,
    filters,
    settings,
    shape,
    revenue,
    basis,
    buckets,
    pairs: new Map(),
    model: () => (model ??= MrrMatrix.load(db, allowed())),
    nps: () => (nps ??= npsModelFor(db, filters, allowed())),
    allowed,
    customerNote,
    populationSize: settings.populationSize,
  };

  const computed = new Map<string, Map<string, KpiResult>>();
  const kpisFor = (p: Period, full: boolean): Map<string, KpiResult> => {
    const key = `${p.label}|${full}`;
    let m = computed.get(key);
    if (!m) {
      m = periodKpis(ctx, p, full);
      computed.set(key, m);
    }
    return m;
  };

  const current = kpisFor(period, true);
  const priorKpis = prior ? kpisFor(prior, true) : null;
  const lastYearKpis = lastYear ? kpisFor(lastYear, true) : null;
  const seriesKpis = series.map((p) => ({
    period: p.label,
    kpis: p.label === period.label ? current : kpisFor(p, false),
  }));

  const targets = listTargets(db);
  const ids = [...current.keys()].sort((a, b) => rank(a) - rank(b));
  const kpis: ScorecardKpi[] = [];
  for (const id of ids) {
    const kpi = current.get(id) as KpiResult;
    const entry = assessKpi(kpi, {
      target: targetFor(targets, id, period.label),
      prior: priorKpis?.get(id) ?? null,
      lastYear: lastYearKpis?.get(id) ?? null,
      series: seriesKpis.flatMap((s) => {
        const k = s.kpis.get(id);
        return k ? [{ period: s.period, kpi: k }] : [];
      }),
    });
    kpis.push({ ...entry, group: groupOf(id) });
  }
  for (const kpi of cxRevenueKpis(ctx, period)) {
    kpis.push({
      ...assessKpi(kpi, { target: targetFor(targets, kpi.id, period.label) }),
      group: 'cx-revenue',
    });
  }

  const notes: string[] = [];
  const coverage = extent.maxDate ? periodCoverage(period, extent.maxDate) : 'complete';
  if (coverage === 'partial') notes.push(`${period.label} is partial: the data ends ${extent.maxDate}.`);
  if (coverage === 'no-data') notes.push(`${period.label} is after the data, which ends ${extent.maxDate}.`);
  if (period.kind !== 'all') {
    const undated = undatedAnswers(db);
    if (undated > 0) notes.push(`${undated} survey answers have no date; they count only in period all.`);
  }
  if (basis === 'churn-flag')
    notes.push('Churn comes from an undated churn flag, so it is given for period all only.');
  if (customerNote) notes.push(`Customer and revenue KPIs: ${customerNote}.`);
  if (staffOnly.length)
    notes.push(
      `Filter ${describeFilters(staffOnly)} describes staff self-assessments, which the scorecard does not use; it is not applied.`,
    );

  return {
    schema: SCORECARD_SCHEMA,
    engagement: {
      name: readMetaValue(db, 'name'),
      currency: settings.currency,
      locale: settings.locale,
      fiscalYearStart: settings.fiscalYearStart,
    },
    period: {
      label: period.label,
      kind: period.kind,
      start: period.start,
      endExclusive: period.endExclusive,
      description: describePeriod(period),
      coverage,
      display: labelWithCoverage(period, extent.maxDate),
      isDefault,
      prior: prior?.label ?? null,
      lastYear: lastYear?.label ?? null,
    },
    asOf: extent.maxDate,
    dataRange: { first: extent.minMonth, last: extent.maxMonth },
    filters: filters.map((c) => ({
      key: c.key,
      value: c.value,
      appliesTo: !narrowsAnswers(c) ? [] : narrowsCustomers(c) ? ['survey', 'customers'] : ['survey'],
    })),
    churnBasis: basis,
    kpis,
    notes,
  };
}

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  if (i >= 0) return i;
  return ORDER.length + (id.startsWith('funnel:') ? 0 : 1);
}
