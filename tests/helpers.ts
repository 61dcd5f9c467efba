import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** The shared public datasets: $CXB_DATASETS, else ../shared/datasets beside the repo, else /work/shared. */
export const DATASETS =
  [
    process.env.CXB_DATASETS,
    join(import.meta.dirname, '..', '..', 'shared', 'datasets'),
    '/work/shared/datasets',
  ].find((dir): dir is string => Boolean(dir && existsSync(dir))) ?? '/work/shared/datasets';

export function dataset(relative: string): string {
  return join(DATASETS, relative);
}

/** A fresh temp directory per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxb-test-'));
    dirs.push(dir);
    return dir;
  };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
