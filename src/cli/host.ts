import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  UserError,
  answer,
  createEngine,
  type Channel,
  type EngineEvent,
  type Request,
  type Responses,
} from '../core/api';
import { appVersion } from './commands/export';

/** Where the CLI writes the stack of a bug (never to the terminal). */
export const LOG_FILE = join(process.env.CXBRIEF_LOG_DIR ?? join(tmpdir(), 'cxbrief'), 'cxbrief.log');

/** A bug the engine logged: the CLI reports its reference and the log file, exit 2. */
export class BugReported extends Error {
  constructor(readonly reference: string) {
    super('internal error');
    this.name = 'BugReported';
  }
}

export function logBug(reference: string, error: unknown): void {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  try {
    mkdirSync(join(LOG_FILE, '..'), { recursive: true });
    appendFileSync(LOG_FILE, `${new Date().toISOString()} [${reference}] ${stack}\n`);
  } catch {
    // A log that cannot be written must not hide the exit code; the reference is still printed.
  }
}

/** The engine as the CLI uses it: in this process, through the same contract as the app. */
export interface Api {
  call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]>;
  /** Listens to the engine's events (progress, data changed). */
  on(listener: (event: EngineEvent) => void): void;
  close(): void;
}

export function startEngine(): Api {
  const listeners: Array<(event: EngineEvent) => void> = [];
  const engine = createEngine({
    dataDir: join(tmpdir(), 'cxbrief'),
    appVersion: appVersion(),
    onEvent: (event) => listeners.forEach((listener) => listener(event)),
  });
  return {
    async call(channel, request) {
      const result = await answer(engine, channel, request, logBug);
      if (result.ok) return result.value as Responses[typeof channel];
      const { code, message, params, reference } = result.error;
      if (code === 'internal') throw new BugReported(reference ?? 'unknown');
      throw new UserError(code, message, params ?? {});
    },
    on(listener) {
      listeners.push(listener);
    },
    close() {
      engine.close();
    },
  };
}
