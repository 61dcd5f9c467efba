import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Bounds } from './window';

/** What the app remembers between runs: the recent engagement files and the window's size. */
export interface AppState {
  recent: string[];
  bounds: Bounds | null;
}

export const MAX_RECENT = 10;

/** The path first, without an older copy of it, at most MAX_RECENT long. */
export function withRecent(recent: readonly string[], path: string): string[] {
  return [path, ...recent.filter((known) => known !== path)].slice(0, MAX_RECENT);
}

function isBounds(value: unknown): value is Bounds {
  const b = value as Bounds | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    Number.isFinite(b.width) &&
    Number.isFinite(b.height) &&
    b.width >= 640 &&
    b.height >= 480
  );
}

/** Reads the state file; a missing or damaged one is a fresh start, never a failure to launch. */
export function readState(file: string): AppState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppState>;
    return {
      recent: Array.isArray(raw.recent)
        ? raw.recent.filter((p) => typeof p === 'string').slice(0, MAX_RECENT)
        : [],
      bounds: isBounds(raw.bounds) ? raw.bounds : null,
    };
  } catch {
    return { recent: [], bounds: null };
  }
}

/** Written whole under a temporary name, so a crash mid-write leaves the previous state. */
export function writeState(file: string, state: AppState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.partial`;
  writeFileSync(temp, JSON.stringify(state, null, 2));
  renameSync(temp, file);
}
