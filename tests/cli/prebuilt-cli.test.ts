/**
 * The prebuilt CLI (out/cli, scripts/build-cli.mjs): bin/cxbrief.js runs it only while it was
 * built after the last change to the sources, else the TypeScript sources through tsx; run from
 * the bundle, every kind of command gives what the sources give, the XLSX reader's worker thread
 * included, and the cheap commands load none of the heavy packages.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, longAnswersCsv, useTempDir, workerTracePreload } from '../helpers';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '..', '..');
const TELCO = dataset('telco-churn-ibm/Telco-Customer-Churn.csv');
const KIOSK_XLSX = dataset('servqual-kiosk-kr/설문응답지.xlsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, CXBRIEF_TRACE_CLI: '1', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Sets a file's or folder's times to `seconds` ago, and everything under a folder too. */
function age(path: string, seconds: number): void {
  const time = new Date(Date.now() - seconds * 1000);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) age(join(path, name), seconds);
  utimesSync(path, time, time);
}

/**
 * A project of its own: the real bin/, node_modules (for tsx), sources and a "bundle" that each
 * say which one ran; the sources an hour old, the bundle built half an hour ago.
 */
function fakeProject(): string {
  const root = tempDir();
  mkdirSync(join(root, 'bin'));
  for (const file of ['cxbrief.js', 'cli-bundle.js'])
    copyFileSync(join(ROOT, 'bin', file), join(root, 'bin', file));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  const says = (who: string) =>
    `export async function run(argv) { console.log('${who}', argv.join(' ')); return 0; }\n`;
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), says('sources'));
  writeFileSync(join(root, 'src', 'cli', 'helper.ts'), 'export const HELPER = 1;\n');
  mkdirSync(join(root, 'out', 'cli'), { recursive: true });
  writeFileSync(join(root, 'out', 'cli', 'main.js'), says('bundle'));
  age(join(root, 'src'), 3600);
  age(join(root, 'package.json'), 3600);
  writeFileSync(join(root, 'out', 'cli', '.built'), '');
  age(join(root, 'out', 'cli', '.built'), 1800);
  return root;
}

function whichRan(root: string): { ran: string; trace: string } {
  const run = node([join(root, 'bin', 'cxbrief.js'), 'imports', 'x.cxb'], { cwd: root });
  expect(run.code, run.stderr).toBe(0);
  return { ran: run.stdout.trim(), trace: run.stderr.trim() };
}

describe('which CLI bin/cxbrief.js runs', () => {
  it('the bundle only while it was built after every change to src and package.json', () => {
    const root = fakeProject();
    expect(whichRan(root)).toEqual({
      ran: 'bundle imports x.cxb',
      trace: `cxbrief: prebuilt CLI ${join(root, 'out', 'cli', 'main.js')} (built after the last change to src)`,
    });

    // A source saved after the build: the sources run, and the trace names the file.
    age(join(root, 'src', 'cli', 'helper.ts'), 0);
    expect(whichRan(root)).toEqual({
      ran: 'sources imports x.cxb',
      trace: `cxbrief: TypeScript sources through tsx (src/cli/helper.ts changed after the bundle was built)`,
    });

    // A source removed after the build: only its folder's time says so.
    rmSync(join(root, 'src', 'cli', 'helper.ts'));
    expect(whichRan(root).ran).toBe('sources imports x.cxb');
    age(join(root, 'src'), 3600);
    expect(whichRan(root).ran).toBe('bundle imports x.cxb');

    age(join(root, 'package.json'), 0);
    expect(whichRan(root).ran).toBe('sources imports x.cxb');
    age(join(root, 'package.json'), 3600);

    rmSync(join(root, 'out', 'cli', '.built'));
    expect(whichRan(root)).toEqual({
      ran: 'sources imports x.cxb',
      trace: `cxbrief: TypeScript sources through tsx (${join('out', 'cli', '.built')} does not exist)`,
    });
  }, 30_000);
});

/** The real bundle, built now unless it is current (when it is stale no command runs it). */
function ensureBundle(): void {
  const built = node([
    '--input-type=module',
    '-e',
    "import('./bin/cli-bundle.js').then((m) => console.log(m.currentBundle().entry ?? ''))",
  ]);
  if (built.stdout.trim()) return;
  const build = node([join('scripts', 'build-cli.mjs')]);
  expect(build.code, build.stderr).toBe(0);
}

/** `cxbrief args…` from the bundle, through bin/cxbrief.js, asserting that the bundle ran. */
function bundled(args: string[], options: { env?: Record<string, string>; preload?: string } = {}): Run {
  const run = node(
    [...(options.preload ? ['--import', options.preload] : []), join('bin', 'cxbrief.js'), ...args],
    options,
  );
  expect(run.stderr).toContain(`cxbrief: prebuilt CLI ${join(ROOT, 'out', 'cli', 'main.js')}`);
  return run;
}

/** The same command from the TypeScript sources through tsx, as bin/cxbrief.js falls back to. */
function fromSources(args: string[]): Run {
  const script = `import { run } from './src/cli/main.ts'; process.exitCode = await run(${JSON.stringify(args)});`;
  return node(['--import', 'tsx', '--input-type=module', '-e', script]);
}

const withoutTimes = (text: string) => text.replace(/\(\d+\.\d+ s\)/g, '(T s)');

describe('the prebuilt CLI', () => {
  it('imports, lists, checks and scores as the sources do; the import workers run from the bundle', () => {
    ensureBundle();
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    const imported = bundled(['import', TELCO, '--into', cxb, '--kind', 'customers', '--json', '--quiet']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      rowsRead: 7043,
      rowsAccepted: 7043,
      rowsRejected: 0,
    });
    for (const args of [
      ['imports', cxb],
      ['scorecard', cxb, '--json'],
      ['gap', cxb],
      ['check', cxb],
    ]) {
      const bundle = bundled(args);
      const sources = fromSources(args);
      expect(bundle.code, bundle.stderr).toBe(sources.code);
      expect(withoutTimes(bundle.stdout), args[0]).toBe(withoutTimes(sources.stdout));
    }

    // The worker starts from read-worker.js beside the bundle, not from TypeScript through tsx.
    const preload = workerTracePreload(dir);
    const xlsx = bundled(['import', KIOSK_XLSX, '--into', join(dir, 'kiosk.cxb'), '--json', '--quiet'], {
      env: { CXBRIEF_XLSX_THREAD: '1' },
      preload,
    });
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(xlsx.stderr).toContain(`worker file://${join(ROOT, 'out', 'cli', 'read-worker.js')}`);
    expect(JSON.parse(xlsx.stdout)).toMatchObject({ rowsRead: 200, rowsAccepted: 200 });

    // So does the worker converting a long CSV of answers, with the report converting here gives.
    const answers = longAnswersCsv(dir);
    const importAnswers = (thread: string, into: string) =>
      bundled(['import', answers, '--into', join(dir, into), '--json', '--quiet'], {
        env: { CXBRIEF_CONVERT_THREAD: thread },
        preload,
      });
    const threaded = importAnswers('1', 'threaded.cxb');
    const here = importAnswers('0', 'here.cxb');
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.stderr).toContain(`worker file://${join(ROOT, 'out', 'cli', 'convert-worker.js')}`);
    expect(here.stderr).not.toContain('convert-worker');
    const report = (run: Run) => ({ ...(JSON.parse(run.stdout) as Record<string, unknown>), sha256: null });
    expect(report(threaded)).toEqual(report(here));
    expect(report(threaded)).toMatchObject({ rowsRead: 600, factsWritten: 600 });
  }, 60_000);

  it('starts the cheap commands without exceljs, pptxgenjs or playwright-core', () => {
    ensureBundle();
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    expect(bundled(['import', TELCO, '--into', cxb, '--kind', 'customers', '--quiet']).code).toBe(0);
    // The packages a command loaded: every CommonJS module is in require's cache.
    const preload = join(dir, 'loaded-packages.mjs');
    writeFileSync(
      preload,
      `import { createRequire } from 'node:module';
       import { writeSync } from 'node:fs';
       const cache = createRequire(import.meta.url).cache;
       process.on('exit', () => {
         const names = Object.keys(cache).map((path) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(path)?.[1]);
         writeSync(2, 'loaded: ' + [...new Set(names.filter(Boolean))].sort().join(' ') + '\\n');
       });\n`,
    );
    for (const args of [['--help'], ['imports', cxb], ['check', cxb], ['scorecard', cxb]]) {
      const run = bundled(args, { preload });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr, args[0]).toMatch(/^loaded: better-sqlite3$/m);
    }
    // The preload sees them when they are loaded: the workbook writer does load exceljs.
    const written = bundled(['export', cxb, '--xlsx', join(dir, 'book.xlsx')], { preload });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toMatch(/^loaded: .*\bexceljs\b/m);
  }, 60_000);
});
