export { importFile } from './load';
export type { ImportRequest, ImportReport, ImportProgress } from './load';
export { openSource, sha256OfFile } from './open';
export { ImportError, ImportCancelled } from './errors';
export { detectHeader } from './header';
export type { HeaderLayout } from './header';
export { KINDS, SURVEYS, FIELDS, DEFAULT_SCALES, mappingProblems } from './mapping';
export type { Kind, Survey, Mapping, ItemMapping, FieldSpec } from './mapping';
export type { TableSource, RawRow, Cell, SourceDescription } from './source';
