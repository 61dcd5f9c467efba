/**
 * Kill loops: run a command in tests/crash/child.ts, SIGKILL it at many moments, and check what is
 * left. Shared by the crash tests (few points, small files) and `npm run bench -- --crash` (many).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openEngagement } from '../../src/core/store';
import { ROOT, contentDigest, cxbrief, integrity, surveyCsv } from '../safety-helpers';

const CHILD = join(ROOT, 'tests', 'crash', 'child.ts');

export interface KillPoint {
  at: 'start' | 'begin' | 'commit' | 'close' | 'never';
  delayMs: number;
}

export interface ChildRun {
  killed: boolean;
  code: number | null;
  stderr: string;
}

/** Runs `cxbrief args…` in the crash child, killed at `point`. */
export function runChild(point: KillPoint, args: string[]): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(point), ...args], {
    cwd: ROOT,
    // One process: the CLI's wrapper, which re-runs itself with a heap limit, is left out.
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=192' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, stderr })),
  );
}

/** Runs `work` over `items`, `parallel` at a time. */
export async function inParallel<T, R>(
  items: T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

/** `count` moments spread evenly over [from, to) milliseconds. */
export function spread(count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round(from + ((to - from) * (i + 0.5)) / count));
}

export interface KillOutcome {
  point: KillPoint;
  killed: boolean;
  /** A journal was left beside the file: the kill landed inside a write. */
  interruptedWrite: boolean;
  /** What the file held after it was opened again: the data before the command, after it, or neither. */
  state: 'before' | 'after' | 'neither';
  integrity: string;
  error: string | null;
}

/** Opens a killed command's engagement as the app would, then reads what it holds. */
function inspectAfterKill(
  path: string,
  before: string,
  after: string,
): Omit<KillOutcome, 'point' | 'killed'> {
  const interruptedWrite = existsSync(`${path}-journal`);
  try {
    openEngagement(path, { create: false }).close();
  } catch (error) {
    return { interruptedWrite, state: 'neither', integrity: 'not opened', error: String(error) };
  }
  const digest = contentDigest(path);
  const state = digest === before ? 'before' : digest === after ? 'after' : 'neither';
  return { interruptedWrite, state, integrity: integrity(path), error: null };
}

export interface ImportKills {
  /** Milliseconds from the import's BEGIN to the end of the command, measured in a full run. */
  importMs: number;
  outcomes: KillOutcome[];
}

/**
 * An import of `rows` answers into an engagement holding an earlier import, killed at `timePoints`
 * moments spread over the import, and at the start of its COMMIT and of its close (plus small
 * delays into each): every outcome must open, pass integrity_check and hold the data from before
 * or from after the import.
 */
export async function killImports(
  dir: string,
  options: {
    rows: number;
    timePoints: number;
    commitDelays: number[];
    closeDelays: number[];
    parallel: number;
  },
): Promise<ImportKills> {
  const base = join(dir, 'base.cxb');
  if (cxbrief(['import', surveyCsv(dir, 1_000, 'first.csv'), '--into', base, '--quiet']).code !== 0)
    throw new Error('could not build the engagement to kill imports into');
  const survey = surveyCsv(dir, options.rows, 'second.csv', 1_000);
  const before = contentDigest(base);
  const reference = join(dir, 'reference.cxb');
  copyFileSync(base, reference);
  const full = await runChild({ at: 'never', delayMs: 0 }, [
    'import',
    survey,
    '--into',
    reference,
    '--quiet',
  ]);
  if (full.code !== 0) throw new Error(`the import to kill failed on its own: ${full.stderr}`);
  const moments = JSON.parse(full.stderr.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const importMs = (moments.end ?? 0) - (moments.begin ?? 0);
  const after = contentDigest(reference);
  const points: KillPoint[] = [
    ...spread(options.timePoints, 0, importMs).map((delayMs) => ({ at: 'begin' as const, delayMs })),
    ...options.commitDelays.map((delayMs) => ({ at: 'commit' as const, delayMs })),
    ...options.closeDelays.map((delayMs) => ({ at: 'close' as const, delayMs })),
  ];
  const outcomes = await inParallel(points, options.parallel, async (point) => {
    const path = join(dir, `kill-${point.at}-${point.delayMs}.cxb`);
    copyFileSync(base, path);
    const result = await runChild(point, ['import', survey, '--into', path, '--quiet']);
    const outcome = { point, killed: result.killed, ...inspectAfterKill(path, before, after) };
    rmSync(path, { force: true });
    return outcome;
  });
  return { importMs, outcomes };
}

/** Files in `dir` whose name starts with `prefix` (what a killed export or creation left). */
export function leftovers(dir: string, prefix: string): Array<{ name: string; size: number }> {
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ name, size: statSync(join(dir, name)).size }));
}
