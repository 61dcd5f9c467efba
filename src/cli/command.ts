import type { ParseArgsConfig } from 'node:util';
import type { Api } from './host';

/** A cxbrief command: its flags and what it does with the engine. `run` returns the exit code. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Record<string, unknown>, api: Api): Promise<number>;
}

/** Opens an engagement in the engine, runs `work`, and closes it after, whatever happens. */
export async function withEngagement<T>(api: Api, path: string, work: () => Promise<T>): Promise<T> {
  await api.call('engagement:open', { path });
  try {
    return await work();
  } finally {
    await api.call('engagement:close', {});
  }
}
