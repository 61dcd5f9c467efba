/**
 * Drill-through: the rows behind one scorecard number, so the count a user sees on the Data screen
 * equals the n on the KPI's tile. Each scope is built from the scorecard's own pieces (its period
 * reading, the filter SQL of store/filter-sql.ts, the scale choice of scaleSumsFromBuckets, the MRR
 * matrix's paying customers), never from a second definition of a KPI.
 *
 * Survey KPIs (NPS, CSAT, CSAT mean, CES) drill to their answers; the revenue-based customer KPIs
 * (logo churn, retention, NRR, GRR, their trailing-12-month NRR, ARPA) to the revenue rows of the
 * customers they count. Everything else answers with a coded sentence saying it has no rows to show.
 */
import { UserError } from '../errors';
import { KPI_DEFINITIONS } from '../format/definitions';
import {
  lastMonth,
  monthBefore,
  parsePeriod,
  allPeriod,
  trailingPeriod,
  type Period,
} from '../metrics/periods';
import type { Db } from '../store/engagement';
import { answerFilter, type Fragment } from '../store/filter-sql';
import { MrrMatrix } from '../store/mrr-matrix';
import {
  customersMatching,
  dataExtent,
  hasRevenue,
  surveyBuckets,
  type Filters,
} from '../store/scorecard-queries';
import { getSettings } from '../store/settings';
import { resolveFilters } from './filters';
import { computeScorecard, scaleSumsFromBuckets } from './scorecard';

/** What the Data screen asks: a KPI's key in the scorecard JSON, its period and filters. */
export interface DrillFocus {
  kpi: string;
  period?: string;
  filters?: Record<string, string>;
}

/** The table and conditions (on `table AS t`) that select exactly the rows counted in the KPI's n. */
export interface DrillScope {
  table: 'responses' | 'revenue';
  where: Fragment;
  /** The period the rows belong to (the scorecard's default when none was asked for). */
  period: string;
  /** What the rows are, in words: "NPS answers (0–10) in 2026-Q2". */
  description: string;
}

/** The alias listRecords gives the browsed table. */
export const DRILL_ALIAS = 't';

const SURVEY_KPIS: Record<string, string> = { nps: 'nps', csat: 'csat', 'csat-mean': 'csat', ces: 'ces' };
/** Revenue-basis KPIs counted over the customers paying in the month before P. */
const STARTING_CUSTOMER_KPIS = new Set(['logo-churn', 'customer-retention', 'nrr', 'grr']);

/** The rows behind a KPI's n, or a UserError (code no-drill-through) when it has none to show. */
export function drillScope(db: Db, focus: DrillFocus): DrillScope {
  const filters = resolveFilters(db, focus.filters);
  const period = scorecardPeriod(db, focus);
  const survey = SURVEY_KPIS[focus.kpi];
  if (survey) return answersScope(db, survey, period, filters);
  if (STARTING_CUSTOMER_KPIS.has(focus.kpi) || focus.kpi === 'arpa' || focus.kpi === 'nrr-ttm')
    return revenueScope(db, focus.kpi, period, filters);
  if (!(focus.kpi in KPI_DEFINITIONS) && !focus.kpi.startsWith('funnel:'))
    throw new UserError(
      'no-drill-through',
      `"${focus.kpi}" is not a KPI of the scorecard, so it has no rows to show.`,
      {
        kpi: focus.kpi,
      },
    );
  throw noDrill(focus.kpi, 'it is computed from other figures, not counted over the rows of one table');
}

/** The period as the scorecard reads it: the label asked for, else the scorecard's default. */
function scorecardPeriod(db: Db, focus: DrillFocus): Period {
  const extent = dataExtent(db);
  const dataRange =
    extent.minMonth && extent.maxMonth ? { first: extent.minMonth, last: extent.maxMonth } : null;
  const settings = { fiscalStartMonth: getSettings(db).fiscalYearStart, dataRange };
  const label =
    focus.period ??
    computeScorecard(db, { ...(focus.filters ? { filters: focus.filters } : {}), seriesLength: 1 }).period
      .label;
  const period = parsePeriod(label, settings);
  return period.kind === 'all' && period.months.length === 0 && dataRange ? allPeriod(settings) : period;
}

function monthsOf(period: Period): { first: string; last: string } | null {
  const first = period.months[0];
  const last = lastMonth(period);
  return period.kind === 'all' || !first || !last ? null : { first, last };
}

/**
 * The answers of one survey in P on the scale the scorecard uses for it: 0–10 for NPS, the most
 * common scale among the period's answers for CSAT and CES (scaleSumsFromBuckets' choice).
 */
function answersScope(db: Db, survey: string, period: Period, filters: Filters): DrillScope {
  const months = monthsOf(period);
  let scale: { min: number; max: number } | null = { min: 0, max: 10 };
  if (survey !== 'nps')
    scale = scaleSumsFromBuckets(surveyBuckets(db, months, filters), survey)?.scale ?? null;
  const t = DRILL_ALIAS;
  const parts: Fragment[] = [{ sql: `${t}.survey = ?`, params: [survey] }];
  if (scale) parts.push({ sql: `${t}.scale_min = ? AND ${t}.scale_max = ?`, params: [scale.min, scale.max] });
  if (months)
    parts.push({
      sql: `substr(${t}.responded_on, 1, 7) BETWEEN ? AND ?`,
      params: [months.first, months.last],
    });
  const f = answerFilter(filters, t);
  const scaleText = scale ? ` (${scale.min}–${scale.max})` : '';
  return {
    table: 'responses',
    where: {
      sql: parts.map((p) => p.sql).join(' AND ') + f.sql,
      params: [...parts.flatMap((p) => p.params), ...f.params],
    },
    period: period.label,
    description: `${survey.toUpperCase()} answers${scaleText} in ${period.label}`,
  };
}

/**
 * The revenue rows of the customers a revenue-basis KPI counts in one month: those paying in the
 * month before P (logo churn, retention, NRR, GRR; before the trailing 12 months for NRR TTM) or in
 * P's last month (ARPA), among the customers the filters keep, as the MRR matrix decides.
 */
function revenueScope(db: Db, kpi: string, period: Period, filters: Filters): DrillScope {
  if (!hasRevenue(db))
    throw noDrill(
      kpi,
      'it is computed from customers’ churn dates or flags, and only the revenue basis has rows to show',
    );
  if (period.kind === 'all')
    throw noDrill(kpi, 'period all has no month before it; choose a month, quarter or year');
  const month =
    kpi === 'arpa'
      ? lastMonth(period)
      : kpi === 'nrr-ttm'
        ? monthBeforeOf(trailingPeriod(period))
        : monthBefore(period);
  if (!month) throw noDrill(kpi, `${period.label} has no month to count customers in`);
  const matrix = MrrMatrix.load(db, customersMatching(db, filters));
  const ids = Array.from(matrix.payingIn(month), (i) => matrix.ids[i] as string);
  const t = DRILL_ALIAS;
  const which =
    kpi === 'arpa'
      ? `paying in ${month}, the last month of ${period.label}`
      : `paying in ${month}, the month before ${kpi === 'nrr-ttm' ? `the 12 months to ${lastMonth(period) ?? ''}` : period.label}`;
  return {
    table: 'revenue',
    where: {
      sql: `${t}.period = ? AND ${t}.customer_id IN (SELECT value FROM json_each(?))`,
      params: [month, JSON.stringify(ids)],
    },
    period: period.label,
    description: `Revenue rows of the customers ${which}`,
  };
}

function monthBeforeOf(period: Period | null): string | null {
  return period ? monthBefore(period) : null;
}

function noDrill(kpi: string, why: string): UserError {
  const label = (KPI_DEFINITIONS as Record<string, { label: string } | undefined>)[kpi]?.label ?? kpi;
  return new UserError('no-drill-through', `${label} has no rows to show: ${why}.`, { kpi });
}
