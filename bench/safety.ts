/**
 * The data-safety runs of `npm run bench` (never part of the tests):
 *   --soak    ten imports of N survey rows (default 1,000,000, new response ids each time) into one
 *             engagement, then the scorecard, the gap report and the PDF pack; per step: wall time,
 *             peak RSS and the file's size (nothing may grow without bound)
 *   --crash   the import kill loop of tests/crash at full size: SIGKILL at 44 moments over a
 *             200,000-row import plus its COMMIT and close; every outcome must open, pass
 *             integrity_check and hold the data from before or after
 * Each step runs in its own process (this file with --step), as the CLI runs: with its heap limit.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { killImports } from '../tests/crash/harness';
import { writeSurveyCsv } from './generate';

interface StepResult {
  step: string;
  code: number;
  seconds: number;
  peakRssMb: number;
  fileMb?: number;
}

const HEAP_LIMIT = '--max-old-space-size=192';

/** Runs one cxbrief command in a fresh process and reads back its time and peak memory. */
function step(name: string, args: string[]): StepResult {
  const output = execFileSync(
    process.execPath,
    [HEAP_LIMIT, '--import', 'tsx', import.meta.filename, '--step', JSON.stringify(args)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Omit<StepResult, 'step'>;
  return { step: name, ...result };
}

/** The benchmark survey with its response ids made unique to wave `wave` (a new quarter's export). */
async function wave(source: string, target: string, wave: number): Promise<void> {
  if (existsSync(target)) return;
  const out = createWriteStream(target);
  for await (const line of createInterface({ input: createReadStream(source) })) {
    const written = out.write(`${line.replace(/^R-/, `W${wave}-`)}\n`);
    if (!written) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function print(result: StepResult): void {
  console.log(
    `${result.step.padEnd(22)} exit ${result.code}  ${result.seconds.toFixed(2).padStart(7)} s  ${result.peakRssMb.toFixed(0).padStart(5)} MB RSS${result.fileMb === undefined ? '' : `  file ${result.fileMb.toFixed(0)} MB`}`,
  );
}

async function soak(rows: number, out: string): Promise<StepResult[]> {
  const source = join(out, `survey-${rows}.csv`);
  if (!existsSync(source)) await writeSurveyCsv(source, rows);
  const cxb = join(out, 'soak.cxb');
  for (const suffix of ['', '-journal']) rmSync(cxb + suffix, { force: true });
  const results: StepResult[] = [];
  console.log(
    `\nSoak: 10 imports of ${rows.toLocaleString('en-US')} rows into one engagement, then the pack`,
  );
  for (let i = 1; i <= 10; i += 1) {
    const file = join(out, `soak-wave-${i}.csv`);
    await wave(source, file, i);
    const result = {
      ...step(`import ${i}`, ['import', file, '--into', cxb, '--quiet']),
      fileMb: statSync(cxb).size / 1e6,
    };
    print(result);
    results.push(result);
    rmSync(file);
  }
  for (const [name, args] of [
    ['imports (open)', ['imports', cxb]],
    ['scorecard', ['scorecard', cxb]],
    ['gap', ['gap', cxb]],
    ['PDF pack', ['export', cxb, '--pdf', join(out, 'soak-pack.pdf')]],
    ['check', ['check', cxb]],
  ] as const) {
    const result = { ...step(name, [...args]), fileMb: statSync(cxb).size / 1e6 };
    print(result);
    results.push(result);
  }
  return results;
}

async function crash(): Promise<void> {
  const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'cxb-crash-'));
  try {
    const { importMs, outcomes } = await killImports(dir, {
      rows: 200_000,
      timePoints: 44,
      commitDelays: [0, 1, 2, 4, 8, 16],
      closeDelays: [0, 1, 2],
      parallel: 2,
    });
    const count = (test: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(test).length;
    console.log(
      `\nCrash loop: a 200,000-row import (${(importMs / 1000).toFixed(1)} s) killed at ${outcomes.length} moments`,
    );
    console.log(
      `  killed ${count((o) => o.killed)}, inside a write ${count((o) => o.interruptedWrite)}; ` +
        `data from before ${count((o) => o.state === 'before')}, after ${count((o) => o.state === 'after')}, ` +
        `neither ${count((o) => o.state === 'neither')}; integrity_check ok ${count((o) => o.integrity === 'ok')}`,
    );
    for (const bad of outcomes.filter((o) => o.state === 'neither' || o.integrity !== 'ok'))
      console.log(`  FAILED: ${JSON.stringify(bad)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSafety(options: {
  soak: boolean;
  crash: boolean;
  rows: number;
  out: string;
}): Promise<void> {
  if (options.crash) await crash();
  if (options.soak) await soak(options.rows, options.out);
}

const stepAt = process.argv.indexOf('--step');
if (stepAt >= 0) {
  const { run } = await import('../src/cli/main');
  const args = JSON.parse(process.argv[stepAt + 1] ?? '[]') as string[];
  const started = performance.now();
  const code = await run(args);
  process.stdout.write(
    `\n${JSON.stringify({ code, seconds: (performance.now() - started) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}
