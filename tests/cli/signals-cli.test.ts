/**
 * Killing the cxbrief pid ends the work: the process bin/cxbrief.js re-runs itself in (to set the
 * heap limit) dies with it, stops importing, releases the engagement's lock, and the file holds
 * nothing of the interrupted import.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngagement } from '../../src/core/store';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function bigSurvey(dir: string, rows: number): string {
  const lines = ['Response ID,Date,How likely are you to recommend us? (0-10),Comment'];
  for (let i = 1; i <= rows; i += 1) lines.push(`R${i},2026-03-1${i % 10},${i % 11},"comment ${i}"`);
  const path = join(dir, 'survey.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

function canOpen(path: string): boolean {
  try {
    openEngagement(path, { create: false }).close();
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe.skipIf(process.platform !== 'linux')('killing cxbrief', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s to the cxbrief pid ends the import and leaves the file as it was',
    async (signal) => {
      const dir = tempDir();
      const cxb = join(dir, 'acme.cxb');
      openEngagement(cxb).close();
      const file = bigSurvey(dir, 400_000);
      const cli = spawn(process.execPath, [CLI, 'import', file, '--into', cxb], { stdio: 'ignore' });
      const pid = cli.pid as number;
      // The re-run child is the one doing the work: wait until it holds the engagement open.
      expect(await waitFor(() => childrenOf(pid).length > 0, 10_000)).toBe(true);
      const [worker] = childrenOf(pid) as [number];
      expect(await waitFor(() => existsSync(`${cxb}-journal`), 20_000)).toBe(true);
      cli.kill(signal);
      expect(await waitFor(() => !alive(worker), 5_000), `process ${worker} outlived cxbrief`).toBe(true);
      // A dead process's main thread shows as a zombie before its other threads have let go of
      // the file; the lock is free once the last of them has.
      expect(await waitFor(() => canOpen(cxb), 5_000), 'the engagement is still locked').toBe(true);
      const after = openEngagement(cxb, { create: false });
      try {
        expect(after.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
        expect(after.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 0 });
      } finally {
        after.close();
      }
    },
  );
});
