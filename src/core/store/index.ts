export {
  openEngagement,
  EngagementFileError,
  storeError,
  useImportCache,
  discardIfUnused,
  integrityProblems,
} from './engagement';
export type { Engagement, Db, OpenOptions, OpenCheck } from './engagement';
export { APPLICATION_ID, SCHEMA_VERSION } from './schema';
export { FactWriter, FACT_COLUMNS } from './facts';
export {
  refreshAggregates,
  applyAnswerChanges,
  hasAnswers,
  customerSegments,
  writeAnswerTally,
  writeLtrShare,
} from './aggregates';
export { AnswerTally } from './answer-tally';
export { packedLtrSource } from './ltr-tally';
export type { PackedLtrGroups } from './ltr-tally';
export type { AnswerTallyResult, CustomerSegments } from './answer-tally';
export { refreshMrrVectors, MrrMatrix } from './mrr-matrix';
export type { FactShape, FactTable, FactValue } from './facts';
export {
  insertImport,
  finishImport,
  insertRejects,
  nextRowid,
  recordRowidRange,
  supersedeOlderRows,
  removeImport,
  listImports,
  importsWithSha,
  rejectsOf,
} from './imports';
export type { ImportRecord, RejectRecord } from './imports';
export { readNotes, writeNotes } from './notes';
export type { Action, NoteCite, PeriodNotes, SavedMessage } from './notes';
export { recentNpsComments, npsCountsByTouchpoint, customerNames, segmentValues } from './pack-queries';
export type { PeriodScope, ScoredComment, TouchpointNpsCounts } from './pack-queries';
