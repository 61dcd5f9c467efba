export { importFile, commitImport, commitOpenPreview } from './load';
export type { ImportRequest, ImportReport, ImportProgress, CommitOptions, ImportEdits } from './load';
export { openPreview, previewImport, SAMPLE_ROWS } from './preview';
export type {
  ImportPreview,
  MappingOverrides,
  OpenPreview,
  PreviewColumn,
  PreviewRefusal,
  PreviewRequest,
  SampleValidation,
} from './preview';
export { NOTE_CODES, type ImportNote, type NoteCode } from './notes';
export { openSource, sha256OfFile } from './open';
export { ImportError, ImportCancelled } from './errors';
export { detectHeader } from './header';
export type { HeaderLayout } from './header';
export { KINDS, SURVEYS, FIELDS, DEFAULT_SCALES, mappingProblems } from './mapping';
export type { Kind, Survey, Mapping, ItemMapping, FieldSpec } from './mapping';
export type { TableSource, RawRow, Cell, SourceDescription } from './source';
export { proposeMapping } from './detect';
export type { MappingProposal, ColumnProposal } from './detect';
