import type { ParseArgsConfig } from 'node:util';
import type { Api } from './host';
import { sayError } from './output';

/** A cxbrief command: its flags and what it does with the engine. `run` returns the exit code. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Record<string, unknown>, api: Api): Promise<number>;
}

/**
 * Opens an engagement in the engine, runs `work`, and closes it after, whatever happens. A file
 * open for viewing only is said on stderr once the work succeeded (a refused write says it itself).
 */
export async function withEngagement<T>(api: Api, path: string, work: () => Promise<T>): Promise<T> {
  const opened = await api.call('engagement:open', { path });
  try {
    const result = await work();
    if (opened.readOnly)
      sayError(`note: ${opened.path} is read-only (${opened.readOnly}); it was opened for viewing only.`);
    return result;
  } finally {
    await api.call('engagement:close', {});
  }
}
