export { REQUESTS, CHANNELS } from './contract';
export type { ApiClient, Channel, EngagementSummary, Request, Responses, Result } from './contract';
export { createEngine, type Engine } from './engine';
