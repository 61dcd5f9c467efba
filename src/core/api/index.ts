export { REQUESTS, CHANNELS } from './contract';
export type { ApiClient, Channel, EngagementSummary, Request, Responses, Result } from './contract';
export { answer, createEngine, type Engine, type EngineOptions } from './engine';
export { briefingHandlers, type BriefingHost } from './handlers/briefing';
