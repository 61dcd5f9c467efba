/**
 * How long a cheap command takes as a user starts it: `node bin/cxbrief.js imports X.cxb` on the
 * benchmark's engagement, beside its floor measured in the same run, Node's own start-up
 * (`node -e 0`). The prebuilt CLI is what `npm ci` leaves; when the sources changed since, it is
 * rebuilt first, so the figure is never tsx's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 9;
/** Opening and listing an engagement of 1M answers, beyond Node's own start-up. */
const TARGET_MS = 150;

export interface CliStartFigures {
  commandMs: number[];
  nodeMs: number[];
  /**
   * The command beyond Node's start-up: fastest minus fastest (the least disturbed runs of each on
   * a shared machine) and median minus median.
   */
  beyondStartMs: { fastest: number; median: number };
}

function wallMs(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${String(run.stderr)}`);
  return ms;
}

/** Rebuilds the prebuilt CLI when the sources changed since it was built (stages run it too). */
export function ensurePrebuiltCli(): void {
  const entry = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import('./bin/cli-bundle.js').then((m) => console.log(m.currentBundle().entry ?? ''))",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  ).trim();
  if (entry) return;
  console.log('  (the prebuilt CLI was older than the sources: rebuilt)');
  execFileSync(process.execPath, [join('scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'ignore' });
}

const range = (values: number[]) =>
  `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Times `cxbrief imports` on `engagement` (of `answers` answers) and prints it beside its floor. */
export function cliStart(engagement: string, answers: number): CliStartFigures {
  ensurePrebuiltCli();
  const command = [join('bin', 'cxbrief.js'), 'imports', engagement];
  // One of each first: the disk cache and Node's compile cache are warm for a user's second command.
  wallMs(['-e', '0']);
  wallMs(command);
  const commandMs: number[] = [];
  const nodeMs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    nodeMs.push(wallMs(['-e', '0']));
    commandMs.push(wallMs(command));
  }
  const beyondStartMs = {
    fastest: Math.min(...commandMs) - Math.min(...nodeMs),
    median: median(commandMs) - median(nodeMs),
  };
  console.log(
    `\ncxbrief imports on ${answers.toLocaleString('en-US')} answers, ${RUNS} runs: ${range(commandMs)} (median ${Math.round(median(commandMs))}); Node's own start-up (node -e 0): ${range(nodeMs)} (median ${Math.round(median(nodeMs))})
  beyond Node's start-up: ${Math.round(beyondStartMs.fastest)} ms fastest to fastest, ${Math.round(beyondStartMs.median)} ms median to median (target < ${TARGET_MS})`,
  );
  return { commandMs, nodeMs, beyondStartMs };
}
