export { REQUESTS, CHANNELS } from './contract';
export type * from './contract';
export { answer, createEngine, type BugLog, type Engine, type EngineOptions } from './engine';
export { EVENT_NAMES, type EmitEvent } from './events';
export { UserError, isUserError, ERROR_CODES, INTERNAL_ERROR, type ErrorCode } from '../errors';
export { KINDS, SURVEYS, DEFAULT_SCALES, NOTE_CODES } from '../import';
export { SETTING_KEYS } from '../store/settings';
export { briefingHandlers, type BriefingHost } from './handlers/briefing';
