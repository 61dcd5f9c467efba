/**
 * One benchmark stage per process (run by bench/run.ts), so each stage's wall time and peak RSS
 * are its own. Prints one JSON line: { stage, rows, seconds, peakRssMb, ... }.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
// Only what every stage needs at the top: an import stage's process should hold what the CLI
// holds (the series loads the store and the importer when it runs).
import { FACT_COLUMNS } from '../src/core/store/facts';
import { writeSurveyCsv, writeSurveyXlsx, writeWideSurveyCsv } from './generate';

/** One stage's printed result (bench/run.ts reads it back). */
export interface StageResult {
  stage: string;
  rows: number;
  seconds: number;
  /** CPU time (user + system) of the stage: steadier than wall time on a shared machine. */
  cpuSeconds?: number;
  peakRssMb: number;
  [key: string]: unknown;
}

/** The heap limit bin/cxbrief.js gives an import (its HEAP_LIMIT). */
const HEAP_LIMIT = '--max-old-space-size=192';

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function timed(
  stage: string,
  work: () => Promise<number>,
  extra: Record<string, unknown> = {},
): Promise<StageResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rows = await work();
  const used = process.cpuUsage(cpu);
  return {
    stage,
    rows,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: peakRssMb(),
    ...extra,
  };
}

/** Bare parse with the importer's parser library: decode + papaparse, nothing kept. */
async function bareParse(file: string): Promise<number> {
  const parser = new Papa.Parser({ delimiter: ',', newline: '\n' });
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  let rows = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const input = partial + decoder.decode(chunk as Buffer, { stream: true });
    const result = parser.parse(input, 0, true);
    partial = input.slice(result.meta.cursor);
    rows += result.data.length;
  }
  rows += parser.parse(partial + decoder.decode(), 0, false).data.length;
  return rows - 1;
}

/**
 * The response columns an import of the benchmark file writes (FactWriter binds only what a file
 * fills; import_id is written into the statement, as the importer does).
 */
const CEILING_COLUMNS = FACT_COLUMNS.responses.filter(
  (c) => !['dimension', 'measure', 'channel', 'segment', 'region', 'attributes', 'import_id'].includes(c),
);

/** The SQLite floor: 100-row multi-VALUES inserts of the rows the importer writes, in one transaction. */
async function insertCeiling(file: string, rows: number): Promise<number> {
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const columns = CEILING_COLUMNS;
  db.exec(`CREATE TABLE responses (${FACT_COLUMNS.responses.join(', ')})`);
  const row = `(${columns.map(() => '?').join(',')},1)`;
  const insert = db.prepare(
    `INSERT INTO responses (${columns.join(',')},import_id) VALUES ${new Array(100).fill(row).join(',')}`,
  );
  db.exec('BEGIN');
  for (let start = 0; start < rows; start += 100) {
    const values: Array<string | number | null> = [];
    for (let i = start; i < start + 100; i += 1) {
      for (const column of columns) values.push(sampleValue(column, i));
    }
    insert.run(values);
  }
  db.exec('COMMIT');
  db.close();
  return rows;
}

function sampleValue(column: string, i: number): string | number | null {
  switch (column) {
    case 'response_id':
      return `R-${i}`;
    case 'respondent_id':
      return `CT-${i % 200_000}`;
    case 'customer_id':
      return `NW-${i % 50_000}`;
    case 'responded_on':
      return '2025-04-17';
    case 'import_id':
      return 1;
    case 'score':
      return i % 11;
    case 'comment':
      return i % 3 ? null : 'Support took too long, twice';
    default:
      return typeof column === 'string' && /survey|item|touchpoint/.test(column)
        ? 'csat'
        : /scale/.test(column)
          ? 5
          : null;
  }
}

async function exceljsRead(file: string): Promise<number> {
  let rows = 0;
  // Loaded here only: the import stages' processes should hold what the CLI holds, and no exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
  });
  for await (const sheet of reader) for await (const _row of sheet) rows += 1;
  return rows - 1;
}

/**
 * `cxbrief import` as a user runs it, in a process of its own: bin/cxbrief.js with its heap limit,
 * so the prebuilt bundle (bench/run.ts rebuilds it when the sources changed) and its worker
 * threads, without tsx. The figures are the command's own, from its start to its exit
 * (report-usage.mjs). `keep`: import into the engagement as it is (else it starts empty).
 */
function cliImport(file: string, into: string, { keep = false } = {}): StageResult {
  if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(into + suffix, { force: true });
  const usageFile = `${into}.usage.json`;
  const root = join(import.meta.dirname, '..');
  const output = execFileSync(
    process.execPath,
    [
      HEAP_LIMIT,
      '--import',
      pathToFileURL(join(import.meta.dirname, 'report-usage.mjs')).href,
      join(root, 'bin', 'cxbrief.js'),
      'import',
      file,
      '--into',
      into,
      '--json',
      '--quiet',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    },
  );
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
    seconds: number;
    cpuSeconds: number;
    peakRssMb: number;
  };
  rmSync(usageFile, { force: true });
  const report = JSON.parse(output) as { rowsRead: number };
  return { stage: 'import', rows: report.rowsRead, ...usage };
}

/** One import of a series: its command's time and the answers stored after it. */
export interface SeriesImport {
  seconds: number;
  /** CPU time (user + system) of the command: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  answers: number;
}

/**
 * `count` files of the benchmark's shape imported into one engagement, one `cxbrief import` after
 * another as a user runs them (cliImport): the first is `first`, the others are generated beside it
 * (other response ids and draws). The peak RSS is the series' largest. The engagement as it was
 * before the last import is kept beside it (`lastFile` and `beforeLast`), so that import can be
 * measured again (importAgain); the last import waits for the disk to settle after that copy, as
 * its re-measurements do.
 */
async function importSeries(first: string, rows: number, count: number, into: string): Promise<StageResult> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(into + suffix, { force: true });
  const imports: SeriesImport[] = [];
  let total = 0;
  let peak = 0;
  const beforeLast = `${into}.before-last`;
  let lastFile = first;
  for (let k = 0; k < count; k += 1) {
    const file = k === 0 ? first : first.replace(/\.csv$/, `-v${k}.csv`);
    if (!existsSync(file)) await writeSurveyCsv(file, rows, k);
    if (k === count - 1) {
      copySynced(into, beforeLast);
      settle();
      lastFile = file;
    }
    const command = cliImport(file, into, { keep: true });
    total += command.rows;
    peak = Math.max(peak, command.peakRssMb);
    const db = new Database(into, { readonly: true });
    const answers = db.prepare('SELECT count(*) FROM responses').pluck().get() as number;
    db.close();
    imports.push({ seconds: command.seconds, cpuSeconds: command.cpuSeconds ?? NaN, answers });
  }
  const seconds = imports.reduce((sum, i) => sum + i.seconds, 0);
  return { stage: 'import-series', rows: total, seconds, peakRssMb: peak, imports, lastFile, beforeLast };
}

/**
 * `file` imported again into a copy of `before` (the engagement as a series left it before its last
 * import; `-`: into an empty engagement): that import measured once more, in the same state. The
 * disk is given time to settle first: right after the bench copied 1.6 GB, an import on this
 * machine's virtual disk ran 0.3–0.4 s slower than after a 30 s pause.
 */
function importAgain(file: string, before: string, into: string): StageResult {
  if (before === '-') for (const suffix of ['', '-wal', '-shm']) rmSync(into + suffix, { force: true });
  else copySynced(before, into);
  settle();
  return { ...cliImport(file, into, { keep: true }), stage: 'import-again' };
}

/** The pause after the bench's own copies, before a measured import (importSeries, importAgain). */
function settle(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.BENCH_SETTLE_MS ?? 20_000));
}

/**
 * A copy of an engagement written through to the disk before the import that follows is timed (its
 * pages would otherwise be flushed during it). No copy when `from` does not exist (an empty start).
 */
function copySynced(from: string, to: string): void {
  rmSync(to, { force: true });
  if (!existsSync(from)) return;
  copyFileSync(from, to);
  const descriptor = openSync(to, 'r+');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

const [stage, ...args] = process.argv.slice(2);
const stages: Record<string, () => Promise<StageResult>> = {
  'generate-csv': () =>
    timed(
      'generate-csv',
      async () => (
        await writeSurveyCsv(args[0] as string, Number(args[1]), Number(args[2] ?? 0)),
        Number(args[1])
      ),
    ),
  'generate-wide-csv': () =>
    timed(
      'generate-wide-csv',
      async () => (await writeWideSurveyCsv(args[0] as string, Number(args[1])), Number(args[1])),
    ),
  'generate-xlsx': () =>
    timed(
      'generate-xlsx',
      async () => (await writeSurveyXlsx(args[0] as string, Number(args[1])), Number(args[1])),
    ),
  'bare-parse': () => timed('bare-parse', () => bareParse(args[0] as string)),
  'insert-ceiling': () => timed('insert-ceiling', () => insertCeiling(args[0] as string, Number(args[1]))),
  'import-csv': async () => ({ ...cliImport(args[0] as string, args[1] as string), stage: 'import-csv' }),
  'import-series': () => importSeries(args[0] as string, Number(args[1]), Number(args[2]), args[3] as string),
  'import-again': async () => importAgain(args[0] as string, args[1] as string, args[2] as string),
  'import-xlsx': async () => ({ ...cliImport(args[0] as string, args[1] as string), stage: 'import-xlsx' }),
  'exceljs-read': () => timed('exceljs-read', () => exceljsRead(args[0] as string)),
};
const chosen = stage ? stages[stage] : undefined;
if (!chosen) {
  console.error(`unknown stage ${stage}; stages: ${Object.keys(stages).join(', ')}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(await chosen()) + '\n');
