import { z } from 'zod';
import type { GapReportResult } from '../gap';
import type { ImportRecord } from '../store';
import type { Scorecard } from '../metrics';
import { BRIEFING_REQUESTS, type BriefingResponses } from './handlers/briefing';
import { PACK_FILE_REQUESTS, type PackFileResponses } from './handlers/pack-files';

/**
 * The one typed contract between the renderer and the engine (DESIGN §3): each channel names
 * its request schema (validated in main before anything runs) and its response type. The
 * preload exposes exactly one function per channel; the HTTP host of `npm run serve` will serve
 * the same map.
 */
const scope = z
  .object({
    period: z.string().max(32).optional(),
    filters: z.record(z.string().max(100), z.string().max(200)).optional(),
  })
  .strict();

export const REQUESTS = {
  'engagement:open': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'engagement:open-demo': z.object({}).strict(),
  'engagement:current': z.object({}).strict(),
  'imports:list': z.object({}).strict(),
  'scorecard:get': scope,
  'gap:get': scope,
  ...BRIEFING_REQUESTS,
  ...PACK_FILE_REQUESTS,
} as const;

export type Channel = keyof typeof REQUESTS;

export interface EngagementSummary {
  name: string;
  path: string;
}

export interface Responses extends BriefingResponses, PackFileResponses {
  'engagement:open': EngagementSummary;
  'engagement:open-demo': EngagementSummary;
  'engagement:current': EngagementSummary | null;
  'imports:list': ImportRecord[];
  'scorecard:get': Scorecard;
  'gap:get': GapReportResult;
}

export type Request<C extends Channel> = z.infer<(typeof REQUESTS)[C]>;

/** Every handler answers with a value or a sentence a user can read, never a stack trace. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the renderer sees as `window.cxb`: one async function per channel. */
export type ApiClient = { [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>> };

export const CHANNELS = Object.keys(REQUESTS) as Channel[];
