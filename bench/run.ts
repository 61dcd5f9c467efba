/**
 * `npm run bench`: the speed and memory benchmarks of DESIGN §10 (never part of the tests).
 * Each stage runs in its own process; results are printed and written as JSON to bench-out/.
 *   --rows N        survey CSV rows (default 1,000,000); the XLSX gets N/5 rows
 *   --out DIR       where inputs and results go (default bench-out)
 *   --imports K     files of the same shape imported one after another into one engagement (default
 *                   10; 0 leaves it out): the 1st against the Kth import
 *   --repeat R      the ratios with a target (the CSV and XLSX imports against their floors, the Kth
 *                   import against the 1st) from the medians of R measurements of each side, taken
 *                   in turn (default 3): one shared machine's slow patch moves a single pair by 10–20%
 *   --skip-scorecard, --skip-gap, --skip-pack   leave out the analysis and board pack benchmarks
 *   --soak, --crash  the data-safety runs instead (bench/safety.ts)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cliStart, ensurePrebuiltCli } from './cli-start';
// Type only: importing stages.ts for real would run a stage.
import type { SeriesImport, StageResult } from './stages';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    imports: { type: 'string', default: '10' },
    repeat: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench-out' },
    'skip-scorecard': { type: 'boolean' },
    'skip-gap': { type: 'boolean' },
    'skip-pack': { type: 'boolean' },
    'skip-ui': { type: 'boolean' },
    soak: { type: 'boolean' },
    crash: { type: 'boolean' },
  },
});
const rows = Number(values.rows);
const repeat = Math.max(1, Number(values.repeat));
const xlsxRows = Math.max(10, Math.round(rows / 5));
const smallRows = Math.max(10, Math.round(rows / 10));
const out = resolve(values.out as string);
mkdirSync(out, { recursive: true });
if (values.soak || values.crash) {
  const { runSafety } = await import('./safety');
  await runSafety({ soak: Boolean(values.soak), crash: Boolean(values.crash), rows, out });
  process.exit(0);
}
const here = import.meta.dirname;
/** Stages run in-process as bin/cxbrief.js runs the CLI: with its old-space limit. */
const HEAP_LIMIT = '--max-old-space-size=192';

function stage(name: string, ...args: Array<string | number>): StageResult {
  const output = execFileSync(
    process.execPath,
    [HEAP_LIMIT, '--import', 'tsx', join(here, 'stages.ts'), name, ...args.map(String)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = output.trim().split('\n').pop() as string;
  return JSON.parse(line) as StageResult;
}

// Import stages run the CLI as a user's command does: the prebuilt bundle, current with the sources.
ensurePrebuiltCli();
const csv = join(out, `survey-${rows}.csv`);
const smallCsv = join(out, `survey-${smallRows}.csv`);
const xlsx = join(out, `survey-${xlsxRows}.xlsx`);
if (!existsSync(csv)) stage('generate-csv', csv, rows);
if (!existsSync(smallCsv)) stage('generate-csv', smallCsv, smallRows);
if (!existsSync(xlsx)) stage('generate-xlsx', xlsx, xlsxRows);

// The ceiling and the imports in turn, `repeat` times: each one's median goes in the table (with
// the largest peak RSS of its runs, for the memory target and the growth from the small file).
const ceilings: StageResult[] = [];
const csvImports: StageResult[] = [];
const smallImports: StageResult[] = [];
const xlsxReads: StageResult[] = [];
const xlsxImports: StageResult[] = [];
for (let k = 0; k < repeat; k += 1) {
  ceilings.push(stage('insert-ceiling', join(out, 'ceiling.db'), rows));
  csvImports.push(stage('import-csv', csv, join(out, 'import-csv.cxb')));
  smallImports.push({
    ...stage('import-csv', smallCsv, join(out, 'import-small.cxb')),
    stage: 'import-csv-small',
  });
  xlsxReads.push(stage('exceljs-read', xlsx));
  xlsxImports.push(stage('import-xlsx', xlsx, join(out, 'import-xlsx.cxb')));
}
const results: StageResult[] = [
  stage('bare-parse', csv),
  medianOf(ceilings),
  medianOf(csvImports),
  medianOf(smallImports),
  medianOf(xlsxReads),
  medianOf(xlsxImports),
];
const by = (name: string) => results.find((r) => r.stage === name) as StageResult;

console.log(
  `\nCX Brief benchmarks — ${rows.toLocaleString('en-US')} CSV rows, ${xlsxRows.toLocaleString('en-US')} XLSX rows\n`,
);
console.log('stage               rows        wall s   rows/s     peak RSS MB');
for (const r of results) {
  console.log(
    `${r.stage.padEnd(18)}  ${String(r.rows).padStart(9)}  ${r.seconds.toFixed(2).padStart(7)}  ${Math.round(
      r.rows / r.seconds,
    )
      .toLocaleString('en-US')
      .padStart(9)}  ${r.peakRssMb.toFixed(0).padStart(9)}`,
  );
}
const cpu = (name: string) => by(name).cpuSeconds ?? NaN;
const csvRate = by('import-csv').rows / by('import-csv').seconds;
const ceilingRate = by('insert-ceiling').rows / by('insert-ceiling').seconds;
const summary = {
  csvImportRowsPerSecond: Math.round(csvRate),
  importOverBareParse: by('import-csv').seconds / by('bare-parse').seconds,
  importShareOfInsertCeiling: csvRate / ceilingRate,
  xlsxImportOverExceljsRead: by('import-xlsx').seconds / by('exceljs-read').seconds,
  peakRssMb: Math.max(...results.filter((r) => r.stage.startsWith('import')).map((r) => r.peakRssMb)),
  rssGrowthSmallToFullMb: by('import-csv').peakRssMb - by('import-csv-small').peakRssMb,
  importOverInsertCeilingCpu: cpu('import-csv') / cpu('insert-ceiling'),
};
console.log(`
CSV import: ${summary.csvImportRowsPerSecond.toLocaleString('en-US')} rows/s, ${by('import-csv').seconds.toFixed(2)} s = ${(1 / summary.importShareOfInsertCeiling).toFixed(2)}× the insert ceiling's ${by('insert-ceiling').seconds.toFixed(2)} s (target ≤ 3), ${summary.importOverBareParse.toFixed(2)}× bare parse's ${by('bare-parse').seconds.toFixed(2)} s
  ${samples(csvImports, ceilings)}
  CPU time (steadier on a shared machine): ${cpu('import-csv').toFixed(2)} s = ${summary.importOverInsertCeilingCpu.toFixed(2)}× the insert ceiling's ${cpu('insert-ceiling').toFixed(2)} s
XLSX import: ${summary.xlsxImportOverExceljsRead.toFixed(2)}× exceljs streaming read (target ≤ 1.2)
  ${samples(xlsxImports, xlsxReads)}
Peak RSS: ${summary.peakRssMb.toFixed(0)} MB (target < 250); growth from ${smallRows.toLocaleString('en-US')} to ${rows.toLocaleString('en-US')} rows: ${summary.rssGrowthSmallToFullMb.toFixed(0)} MB (target < 50)`);

// The benchmark's survey has one answer per row.
// Opening against the engagement's size: 100k and 1M answers here, 10M after the series below.
const cliStartFigures = [
  cliStart(join(out, 'import-small.cxb'), by('import-csv-small').rows),
  cliStart(join(out, 'import-csv.cxb'), by('import-csv').rows),
];
const wide = wideImport();
const repeated = repeatedImports(Number(values.imports));
if (repeated) cliStartFigures.push(cliStart(join(out, 'import-repeat.cxb'), repeated.rows));

const analysis: Record<string, unknown> = {};
for (const [name, script, skip] of [
  ['scorecard', 'scorecard.ts', values['skip-scorecard']],
  ['gap', 'gap.ts', values['skip-gap']],
  ['board pack', 'pack.ts', values['skip-pack']],
  ['PowerPoint and Excel pack', 'pack-files.ts', values['skip-pack']],
  ['renderer', 'ui.ts', values['skip-ui']],
] as const) {
  if (skip || !existsSync(join(here, script))) continue;
  console.log(`\n${name}:`);
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(here, script)], {
    encoding: 'utf8',
    env: {
      ...process.env,
      BENCH_RESPONSES: String(rows),
      BENCH_CUSTOMERS: String(Math.max(100, Math.round(rows / 20))),
      BENCH_OUT: out,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(output);
  analysis[name] = output.trim().split('\n');
}

const file = join(out, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify({ rows, xlsxRows, results, summary, cliStartFigures, wide, repeated, analysis }, null, 2),
);
console.log(`\nResults written to ${file}`);

/**
 * Import cost against the engagement's size: `count` files of the benchmark's shape (other
 * response ids and draws, like successive quarters) into one engagement.
 */
function repeatedImports(count: number): StageResult | null {
  if (count < 1) return null;
  const series = stage('import-series', csv, rows, count, join(out, 'import-repeat.cxb'));
  const imports = series.imports as SeriesImport[];
  console.log(
    `\nThe same file shape imported ${count} times into one engagement (each a \`cxbrief import\` command):`,
  );
  for (const [k, i] of imports.entries())
    console.log(
      `  import ${String(k + 1).padStart(2)}: ${i.seconds.toFixed(2)} s (CPU ${i.cpuSeconds.toFixed(2)} s) with ${i.answers.toLocaleString('en-US')} answers stored after it`,
    );
  const asStage = (i: SeriesImport): StageResult => ({ stage: 'import', rows, peakRssMb: 0, ...i });
  const firsts = [asStage(imports[0] as SeriesImport)];
  const lasts = [asStage(imports[imports.length - 1] as SeriesImport)];
  // Each measured again in turn, after the same pause: the 1st into an empty engagement, the last
  // into the series' state before it.
  for (let k = 1; k < repeat; k += 1) {
    firsts.push(stage('import-again', csv, '-', join(out, 'import-first.cxb')));
    lasts.push(
      stage(
        'import-again',
        series.lastFile as string,
        series.beforeLast as string,
        join(out, 'import-last.cxb'),
      ),
    );
  }
  for (const copy of [series.beforeLast as string, join(out, 'import-last.cxb')])
    rmSync(copy, { force: true });
  const [first, last] = [medianOf(firsts), medianOf(lasts)];
  console.log(
    `  import ${count} / import 1: ${(last.seconds / first.seconds).toFixed(2)} wall, ${((last.cpuSeconds ?? NaN) / (first.cpuSeconds ?? NaN)).toFixed(2)} CPU (target ≤ 1.2; ${repeat > 1 ? `medians of ${repeat}: ` : ''}${first.seconds.toFixed(2)} s → ${last.seconds.toFixed(2)} s); peak RSS of the series ${series.peakRssMb.toFixed(0)} MB`,
  );
  if (repeat > 1) console.log(`  ${samples(lasts, firsts)}`);
  return { ...series, firsts, lasts };
}

/** A stage's median by wall time, with the median CPU time and the largest peak RSS of its runs. */
function medianOf(runs: StageResult[]): StageResult {
  const middle = <T>(values: T[], by: (v: T) => number) =>
    [...values].sort((a, b) => by(a) - by(b))[Math.floor((values.length - 1) / 2)] as T;
  const median = middle(runs, (r) => r.seconds);
  const cpu = middle(runs, (r) => r.cpuSeconds ?? NaN).cpuSeconds;
  return { ...median, cpuSeconds: cpu, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

/** The single measurements behind two medians, pair by pair in the order they ran. */
function samples(tops: StageResult[], bottoms: StageResult[]): string {
  const pairs = tops.map((top, k) => {
    const bottom = bottoms[k] as StageResult;
    return `${top.seconds.toFixed(2)}/${bottom.seconds.toFixed(2)} s = ${(top.seconds / bottom.seconds).toFixed(2)}`;
  });
  return `each run, in turn: ${pairs.join('; ')}`;
}

/** Peak memory on a wide survey: as many rows, three scored questions each, a response id per row. */
function wideImport(): StageResult {
  const file = join(out, `survey-wide-${rows}.csv`);
  if (!existsSync(file)) stage('generate-wide-csv', file, rows);
  const result = stage('import-csv', file, join(out, 'import-wide.cxb'));
  console.log(
    `Wide survey (${rows.toLocaleString('en-US')} rows, ${(3 * rows).toLocaleString('en-US')} answers): ${result.seconds.toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB (target < 250)`,
  );
  return result;
}
