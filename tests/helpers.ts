import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A preload (`node --import` it) that writes "worker <url>" to stderr for each worker thread the
 * process starts. BREAK_WORKERS in its environment breaks them: `load`, every worker dies as it
 * loads; `start`, no worker starts at all (as where the platform has no worker threads).
 */
export function workerTracePreload(dir: string): string {
  const preload = join(dir, 'trace-workers.mjs');
  writeFileSync(
    preload,
    `import threads from 'node:worker_threads';
     import { syncBuiltinESMExports } from 'node:module';
     const Worker = threads.Worker;
     threads.Worker = class extends Worker {
       constructor(url, options) {
         console.error('worker ' + String(url));
         if (process.env.BREAK_WORKERS === 'start') throw new Error('this platform does not support creating Workers');
         const broken = new URL('data:text/javascript,throw new Error("no worker here")');
         super(process.env.BREAK_WORKERS === 'load' ? broken : url, options);
       }
     };
     syncBuiltinESMExports();\n`,
  );
  return preload;
}

/** A long CSV of 600 answers, one a row (the shape a conversion worker takes), in `dir`. */
export function longAnswersCsv(dir: string): string {
  const path = join(dir, 'answers.csv');
  const lines = ['response_id,contact_id,customer_id,responded_on,touchpoint,survey_type,score'];
  for (let i = 0; i < 600; i += 1)
    lines.push(
      `R-${i},CT-${i % 170},NW-${i % 40},2025-0${1 + (i % 9)}-1${i % 10},Web,${['nps', 'csat'][i % 2]},${1 + (i % 5)}`,
    );
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
