/**
 * Reading a sheet in a worker thread. Unzipping and parsing the sheet XML is most of an XLSX
 * import; in a worker it runs alongside the conversion and the SQLite inserts on the importing
 * thread. Rows arrive in batches (structured clone keeps numbers, dates and booleans as they are);
 * the worker reads at most a few batches ahead, so memory stays bounded.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ImportError, type ImportBound } from '../errors';
import { throwIfAborted, type RawRow, type ReadOptions, type ReadProgress } from '../source';

/** Batches the worker may send before the importer has taken them. */
export const READ_AHEAD = 4;

export interface WorkerRequest {
  path: string;
  sheet: string;
  batchSize: number;
}

/** An error as it crosses the thread boundary. */
export interface SentError {
  name: string;
  message: string;
  importError?: { file: string; row?: number; column?: string; reason: string; bound?: ImportBound };
}

export type WorkerMessage =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'batch'; rows: RawRow[] }
  | { type: 'end'; notes: string[] }
  | { type: 'error'; error: SentError };

export function sendable(error: unknown): SentError {
  if (error instanceof ImportError) {
    return {
      name: error.name,
      message: error.message,
      importError: {
        file: error.file,
        reason: error.reason,
        ...(error.row !== undefined ? { row: error.row } : {}),
        ...(error.column !== undefined ? { column: error.column } : {}),
        ...(error.bound !== undefined ? { bound: error.bound } : {}),
      },
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function revive(sent: SentError): Error {
  if (sent.importError) return new ImportError(sent.importError);
  const error = new Error(sent.message);
  error.name = sent.name;
  return error;
}

/**
 * How to start the worker: from the TypeScript sources (CLI, tests) it needs tsx's loader; the
 * prebuilt CLI (out/cli) has the worker bundled beside it as read-worker.js; the Electron app
 * reads in its own thread instead, so null.
 */
function workerEntry(): { url: URL; execArgv: string[] } | null {
  if (!import.meta.url.startsWith('file:') || process.versions.electron) return null;
  if (!import.meta.url.endsWith('.ts')) {
    const bundled = new URL('./read-worker.js', import.meta.url);
    return existsSync(bundled) ? { url: bundled, execArgv: [] } : null;
  }
  try {
    const url = new URL('./read-worker.ts', import.meta.url);
    return { url, execArgv: ['--import', createRequire(import.meta.url).resolve('tsx')] };
  } catch {
    return null;
  }
}

/** Sheets smaller than this are read in the importing thread: starting a worker costs ≈ 0.5 s. */
export const WORKER_MIN_SHEET_BYTES = 8 * 1024 * 1024;

/**
 * Whether to read a sheet of `sheetBytes` (uncompressed XML) in a worker: a large sheet, where the
 * sources can start one. CXBRIEF_XLSX_THREAD=1 always does (tests), =0 never does.
 */
export function readsInWorker(sheetBytes: number): boolean {
  const setting = process.env.CXBRIEF_XLSX_THREAD;
  if (setting === '0' || workerEntry() === null) return false;
  return setting === '1' || sheetBytes >= WORKER_MIN_SHEET_BYTES;
}

/**
 * The sheet's rows, read by a worker. `notes` (the source description's) receive the worker's
 * final notes (hidden rows, merged ranges) when the sheet ends.
 */
export async function* readInWorker(
  request: WorkerRequest,
  { signal, onProgress }: ReadOptions,
  notes: string[],
): AsyncGenerator<RawRow[]> {
  const entry = workerEntry();
  if (!entry) throw new Error('no worker entry');
  // Capped heap: the worker allocates fast (XML parsing); a 20 MB young generation keeps the
  // process under its memory target at a small cost in speed (measured: 24 MB was 0.2–0.4 s
  // faster on 200k rows but peaked at 249–254 MB instead of 218–233 MB).
  const worker = new Worker(entry.url, {
    workerData: request,
    execArgv: entry.execArgv,
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 20 },
  });
  const inbox: Array<WorkerMessage | { type: 'exit'; code: number }> = [];
  let wake: (() => void) | null = null;
  const deliver = (message: WorkerMessage | { type: 'exit'; code: number }) => {
    inbox.push(message);
    wake?.();
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ type: 'error', error: sendable(error) }));
  worker.on('exit', (code) => deliver({ type: 'exit', code }));
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      throwIfAborted(signal);
      if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = inbox.shift();
      if (!message) continue;
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'batch') {
        // Acknowledged before it is used, so the worker reads the next batch meanwhile.
        worker.postMessage('ack');
        yield message.rows;
      } else if (message.type === 'end') {
        notes.splice(0, notes.length, ...message.notes);
        return;
      } else if (message.type === 'error') throw revive(message.error);
      else
        throw new ImportError({
          file: request.path,
          reason: `could not be read: the reading thread stopped (exit code ${message.code})`,
        });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
