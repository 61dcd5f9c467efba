/**
 * What a period picker and a filter bar offer for an engagement: the periods its data covers at each
 * granularity (fiscal quarters and years when the fiscal year does not start in January, as the
 * period engine names them), the default period the scorecard opens on, and each filter key with
 * the values records hold for it.
 */
import type { FilterKind } from '../domain/filter';
import {
  defaultPeriod,
  describePeriod,
  periodContaining,
  periodCoverage,
  priorPeriod,
  type Granularity,
  type Period,
} from '../metrics/periods';
import type { Db } from '../store/engagement';
import { filterValues } from '../store/filter-keys';
import { dataExtent } from '../store/scorecard-queries';
import { getSettings } from '../store/settings';
import { filterKeys } from './filters';

export interface PeriodOption {
  label: string;
  /** "Jul–Sep 2026". */
  description: string;
  coverage: 'complete' | 'partial';
}

export interface PeriodChoices {
  fiscalYearStart: number;
  /** How the engagement writes numbers (its locale and currency), for screens whose data omits it. */
  where: { locale: string; currency: string };
  /** The period the scorecard shows when none is asked for (last complete quarter); `all` without dates. */
  default: string;
  /** Newest first; empty when no fact is dated (then only `all` exists). */
  month: PeriodOption[];
  quarter: PeriodOption[];
  year: PeriodOption[];
  /** First and last month of any dated fact. */
  dataRange: { first: string; last: string } | null;
}

/** No picker lists more periods than this (a CRM with customers acquired decades ago). */
const MAX_OPTIONS = 240;

function optionsOf(latest: Period, firstMonth: string, maxDate: string): PeriodOption[] {
  const out: PeriodOption[] = [];
  for (let p: Period | null = latest; p && out.length < MAX_OPTIONS; p = priorPeriod(p)) {
    const last = p.months.at(-1);
    if (last === undefined || last < firstMonth) break;
    const coverage = periodCoverage(p, maxDate);
    out.push({
      label: p.label,
      description: describePeriod(p),
      coverage: coverage === 'partial' ? 'partial' : 'complete',
    });
  }
  return out;
}

export function periodChoices(db: Db): PeriodChoices {
  const settings = getSettings(db);
  const fiscalStartMonth = settings.fiscalYearStart;
  const where = { locale: settings.locale, currency: settings.currency };
  const extent = dataExtent(db);
  const fiscal = fiscalStartMonth !== 1;
  const quarter: Granularity = fiscal ? 'fiscal-quarter' : 'quarter';
  const year: Granularity = fiscal ? 'fiscal-year' : 'year';
  if (!extent.maxDate || !extent.minMonth || !extent.maxMonth)
    return {
      fiscalYearStart: fiscalStartMonth,
      where,
      default: 'all',
      month: [],
      quarter: [],
      year: [],
      dataRange: null,
    };
  const maxDate = extent.maxDate;
  const fiscalSettings = { fiscalStartMonth };
  const list = (granularity: Granularity) =>
    optionsOf(periodContaining(maxDate, granularity, fiscalSettings), extent.minMonth as string, maxDate);
  return {
    fiscalYearStart: fiscalStartMonth,
    where,
    default: defaultPeriod(maxDate, { ...fiscalSettings, granularity: quarter }).period.label,
    month: list('month'),
    quarter: list(quarter),
    year: list(year),
    dataRange: { first: extent.minMonth, last: extent.maxMonth },
  };
}

export interface FilterChoice {
  key: string;
  kind: FilterKind;
  /** Most frequent first; empty for keys typed rather than picked (customer_id). */
  values: string[];
  /** False when there are more values than listed: the bar lets the user type one. */
  complete: boolean;
}

export function filterChoices(db: Db): FilterChoice[] {
  return filterKeys(db).map((key) => ({ key: key.key, kind: key.kind, ...filterValues(db, key) }));
}
