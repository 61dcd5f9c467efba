/**
 * A process to be killed: runs one cxbrief command in this process and SIGKILLs itself at a chosen
 * moment, from a worker thread, so the kill lands even while the main thread is inside a synchronous
 * SQLite call (a COMMIT, a close). Used by the crash tests and `npm run bench -- --crash`.
 *
 *   tsx tests/crash/child.ts '{"at":"start|commit|close","delayMs":3}' import FILE --into X.cxb
 *
 * `at`: "start" counts the delay from the command's start, "begin" from the import transaction's
 * BEGIN, "commit" from the moment its COMMIT begins, "close" from the moment the engagement starts
 * closing; "never" runs to the end and prints those moments on stderr as JSON.
 */
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { run } from '../../src/cli/main';

interface KillPoint {
  /** What starts the delay; "never" kills nothing and prints when each moment came (ms from start). */
  at: 'start' | 'begin' | 'commit' | 'close' | 'never';
  delayMs: number;
}

const [spec, ...args] = process.argv.slice(2);
const point = JSON.parse(spec ?? '{}') as KillPoint;
const signal = new Int32Array(new SharedArrayBuffer(4));

// The killer waits for the signal, then for the delay, then kills this whole process.
new Worker(
  `const { workerData } = require('node:worker_threads');
   const flag = workerData.signal;
   Atomics.wait(flag, 0, 0);
   if (workerData.delayMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.delayMs);
   process.kill(process.pid, 'SIGKILL');`,
  { eval: true, workerData: { signal, delayMs: point.delayMs } },
).unref();

const started = performance.now();
const moments: Record<string, number> = {};

function reached(moment: KillPoint['at']): void {
  moments[moment] ??= performance.now() - started;
  if (moment !== point.at) return;
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

const prototype = Database.prototype as unknown as {
  exec(sql: string): unknown;
  close(): unknown;
};
const exec = prototype.exec;
const close = prototype.close;
prototype.exec = function (this: unknown, sql: string) {
  if (sql === 'BEGIN IMMEDIATE') reached('begin');
  if (sql === 'COMMIT') reached('commit');
  return exec.call(this, sql);
};
prototype.close = function (this: unknown) {
  reached('close');
  return close.call(this);
};
reached('start');

process.exitCode = await run(args);
if (point.at === 'never')
  process.stderr.write(`${JSON.stringify({ ...moments, end: performance.now() - started })}\n`);
