/** Briefing: the BriefingPack model a board pack shows, its key messages and de-identified comments. */
export { buildBriefingPack, type PackOptions } from './build';
export { createDeidentifier, MASKS, type Deidentify } from './deidentify';
export { keyMessages, type GeneratedMessage } from './messages';
export * from './model';
