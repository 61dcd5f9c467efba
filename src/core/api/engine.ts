import { randomBytes } from 'node:crypto';
import { INTERNAL_ERROR, isUserError } from '../errors';
import { storeError } from '../store';
import {
  HANDLERS,
  REQUESTS,
  type ApiError,
  type Channel,
  type Request,
  type Responses,
  type Result,
} from './contract';
import type { EmitEvent, EngineEvent } from './events';
import { EngineContext, type HostServices } from './handlers/context';

/**
 * The engine behind the contract: owns the one open engagement file and answers each channel with
 * its handler. Every host runs one: the engine process for the app, the CLI in its own process.
 */
export interface Engine {
  handle<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]>;
  close(): void;
}

export interface EngineOptions extends HostServices {
  /** Where the app keeps its own files (the demo engagement). */
  dataDir: string;
  onEvent?: (event: EngineEvent) => void;
}

/**
 * Requests that write the file over many turns of the event loop: an import's one transaction
 * spans its reading. Screens keep reading meanwhile (a click during an import is answered at
 * once), but every other request waits for it: a write would join the import's transaction (its
 * cancel would undo that too) and an export would print rows that may still roll back.
 */
const WRITING_AT_LENGTH: ReadonlySet<Channel> = new Set<Channel>(['import:commit', 'demo:build']);
/** What runs alongside such a write: reads for the screens, and the import's cancel. */
const ALONGSIDE_A_WRITE: ReadonlySet<Channel> = new Set<Channel>([
  'import:cancel',
  'import:preview',
  'import:fields',
  'imports:list',
  'imports:rejects',
  'records:list',
  'engagement:current',
  'engagement:summary',
  'analysis:filters',
  'analysis:periods',
  'scorecard:get',
  'scorecard:kpi',
  'gap:get',
  'pack:get',
  'notes:get',
  'settings:get',
  'targets:list',
  'touchpoints:list',
  'mappings:list',
  'mappings:get',
  'mappings:suggest',
  'mappings:export',
]);

export function createEngine(options: EngineOptions): Engine {
  const emit: EmitEvent = (name, payload) => options.onEvent?.({ name, payload } as EngineEvent);
  const context = new EngineContext(options.dataDir, emit, options);
  let writing: Promise<unknown> | null = null;
  return {
    async handle(channel, request) {
      const parsed = REQUESTS[channel].parse(request ?? {});
      const handler = HANDLERS[channel] as (request: unknown, context: EngineContext) => unknown;
      if (!ALONGSIDE_A_WRITE.has(channel)) while (writing) await writing.catch(() => {});
      let running: Promise<unknown> | null = null;
      try {
        running = Promise.resolve(handler(parsed, context));
        if (WRITING_AT_LENGTH.has(channel)) writing = running;
        return (await running) as Responses[typeof channel];
      } catch (error) {
        const open = context.engagement;
        open?.settle();
        throw storeError(error, open?.path ?? 'the engagement file', open?.readOnly ?? null);
      } finally {
        if (writing === running) writing = null;
      }
    },
    close() {
      context.shutdown();
    },
  };
}

/** Where a host writes a bug's stack; returns nothing a user needs to read. */
export type BugLog = (reference: string, error: unknown) => void;

/**
 * One request from a host, as every host answers it: the payload checked against the channel's
 * schema before anything runs, a user's error passed on with its code, and anything else treated
 * as a bug: logged with a reference, shown as "internal error", its message never shown.
 */
export async function answer(
  engine: Engine,
  channel: string,
  payload: unknown,
  logBug: BugLog = () => {},
): Promise<Result<unknown>> {
  if (!Object.hasOwn(REQUESTS, channel))
    return refusal({ code: 'bad-request', message: `There is no channel "${channel.slice(0, 60)}".` });
  const known = channel as Channel;
  const parsed = REQUESTS[known].safeParse(payload ?? {});
  if (!parsed.success)
    return refusal({
      code: 'bad-request',
      message: `Invalid request for ${known}.`,
      params: { problem: parsed.error.issues[0]?.path.join('.') ?? '' },
    });
  try {
    return { ok: true, value: await engine.handle(known, parsed.data as Request<Channel>) };
  } catch (error) {
    if (isUserError(error))
      return refusal({ code: error.code, message: error.message, params: error.params });
    const reference = randomBytes(4).toString('hex');
    logBug(reference, error);
    return refusal({ code: INTERNAL_ERROR, message: 'internal error', reference });
  }
}

function refusal(error: ApiError): Result<never> {
  return { ok: false, error };
}
