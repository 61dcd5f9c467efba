/**
 * Analysis: reads the engagement file (store) and calls the pure formulas (metrics, gap). The
 * scorecard, the expectation-gap report and the filter model as the engagement applies it.
 */
export {
  computeScorecard,
  npsCountsFromBuckets,
  scaleSumsFromBuckets,
  SCORECARD_SCHEMA,
  type KpiGroup,
  type Scorecard,
  type ScorecardFilter,
  type ScorecardKpi,
  type ScorecardOptions,
  type ScorecardPeriod,
  type ScaleSums,
} from './scorecard';
export {
  computeGapReport,
  gapScopes,
  GapInputError,
  GAP_SCHEMA,
  GAP_DEFINITIONS,
  type GapReportOptions,
  type GapReport,
  type GapReportMetadata,
  type GapHeadline,
  type GapImportance,
  type GapServqual,
  type ImportanceChoice,
} from './gap-report';
export { filterKeys, resolveFilters, touchpointMatches } from './filters';
export {
  periodChoices,
  filterChoices,
  type PeriodChoices,
  type PeriodOption,
  type FilterChoice,
} from './scope-options';
export { kpiDetail, type KpiDetail, type KpiDetailOptions, type KpiTrendPoint } from './kpi-detail';
