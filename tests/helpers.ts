import { spawnSync } from 'node:child_process';
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

const ROOT = join(import.meta.dirname, '..');

/**
 * Builds the app as `npm run build` does (electron-vite: main, engine, preload, renderer) into
 * out/<name>, a folder of its own (tests build in parallel) from which node_modules resolve.
 * Returns that folder.
 */
export function buildApp(name: string): string {
  const out = join(ROOT, 'out', name);
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--outDir',
      out,
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}`);
  return out;
}
