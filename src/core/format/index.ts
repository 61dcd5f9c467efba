/**
 * Presentation: how CX Brief writes a number, an interval, a period and the words beside them. Used
 * by the CLI, the renderer, the report view and every export, so one KPI reads the same everywhere.
 * Plain TypeScript with no Node or DOM API (Intl only): it runs in Node and in the browser.
 *
 *   const f = formatterFor(scorecard.engagement);   // the engagement's locale and currency
 *   f.value('percent', 78.81)           → "78.8%"
 *   f.value('currency', 296331.82)      → "$296,332"
 *   f.change('percent', 4.3, true)      → "+4.3 pp*"
 *   f.interval('points', { low: 29.47, high: 35.81 }) → "29.5 to 35.8"
 *   f.count(2261)                       → "2,261"
 *   periodLabel('2026-Q3', 'partial', '2026-08-15') → "2026-Q3 (partial: data to 2026-08-15)"
 *   signWord(12.5, 'staff-minus-customers') → "shortfall"
 *
 * The rounding rule of each unit is documented in units.ts; the KPI definitions (the sentence printed
 * beside each number) are in definitions.ts.
 */
export { formatterFor, type Formatter, type Interval, type Target } from './formatter';
export { MISSING, type Unit, type KpiUnit } from './units';
export {
  KPI_DEFINITIONS,
  csatText,
  csatMeanText,
  cesText,
  funnelText,
  npsClassText,
  gapDefinitions,
  scaleText,
  type KpiText,
  type DefinedKpi,
} from './definitions';
export { kpiCells, RAG_LABEL, type KpiCells, type KpiFigure, type Rag } from './kpi';
export { MINUS, DEFAULT_LOCALE, type Locale } from './numbers';
export {
  periodLabel,
  significanceMark,
  signWord,
  quadrantText,
  SIGNIFICANCE_MARK,
  SIGNIFICANCE_NOTE,
  type Coverage,
  type GapConvention,
  type SignWord,
} from './words';
export { SECTION_TITLES } from './sections';
export { terminalSafe } from './terminal';
