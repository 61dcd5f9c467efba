import type { ParseArgsConfig } from 'node:util';

/** A cxbrief command: its flags and what it does. `run` returns the exit code. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Record<string, unknown>): Promise<number>;
}
