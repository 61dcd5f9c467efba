import type { ParseArgsConfig } from 'node:util';
import { openEngagement, type Db, type OpenOptions } from '../core/store';
import { UsageError } from './output';

/** A cxbrief command: its flags and what it does. `run` returns the exit code. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Record<string, unknown>): Promise<number>;
}

/**
 * Runs `work` on an engagement file and closes it after, whatever happens. Errors the user's input
 * explains (`isInputError`: a bad setting, period, template …) become usage errors (exit 1).
 */
export function withEngagement<T>(
  path: string,
  isInputError: (error: unknown) => boolean,
  work: (db: Db) => T,
  options: OpenOptions = { create: false },
): T {
  const engagement = openEngagement(path, options);
  try {
    return work(engagement.db);
  } catch (error) {
    if (isInputError(error)) throw new UsageError((error as Error).message);
    throw error;
  } finally {
    engagement.close();
  }
}
