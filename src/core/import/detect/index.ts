export { proposeMapping } from './propose';
export type { MappingProposal, ColumnProposal } from './propose';
export { personalDataColumns, redactContacts } from './personal';
export type { PersonalColumn } from './personal';
export { detectLabelScale } from './likert';
export { profileColumns, inferScale } from './profile';
export type { ColumnProfile } from './profile';
