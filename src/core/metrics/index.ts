/** Public face of the metrics module: pure KPI formulas, the period engine, RAG/deltas and statistics. */
export * from './statistics';
export type { KpiInput, KpiMeta, KpiResult, KpiSample, KpiStatus, KpiUnit } from './kpi';
export { needsData, notEstimable } from './kpi';
export * from './survey';
export * from './revenue';
export * from './economics';
export * from './funnel';
export * from './rag';
export * from './periods';
