/**
 * Work of an import done in a worker thread (reading an XLSX sheet, converting a large CSV) while
 * the importing thread writes. The worker sends items a few ahead of what the importer has taken
 * (credits), so memory stays bounded; errors cross the boundary as data and are thrown again as
 * the same kind of error.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { ErrorCode, ErrorParams } from '../errors';
import { ImportError, type ImportBound } from './errors';
import { throwIfAborted, type ReadProgress } from './source';

/** Items a worker may send before the importer has taken them. */
const READ_AHEAD = 4;

/** An error as it crosses the thread boundary. */
interface SentError {
  name: string;
  message: string;
  importError?: {
    file: string;
    row?: number;
    column?: string;
    reason: string;
    bound?: ImportBound;
    code: ErrorCode;
    params: ErrorParams;
  };
}

export type WorkerMessage<Item, End> =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'item'; item: Item }
  | { type: 'end'; result: End }
  | { type: 'error'; error: SentError };

function sendable(error: unknown): SentError {
  if (error instanceof ImportError) {
    return {
      name: error.name,
      message: error.message,
      importError: {
        file: error.file,
        reason: error.reason,
        code: error.code,
        params: error.params,
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

export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/**
 * How to start the worker `name` that lies beside the module at `here` (its import.meta.url): from
 * the TypeScript sources (CLI, tests) it needs tsx's loader; a bundle has it built: the prebuilt
 * CLI beside its chunks as `name`.js (out/cli), the app's engine beside its entries as `name`.cjs,
 * a folder above the chunk that asks (out/main). Null when there is none: the import then works in
 * its own thread.
 */
export function workerEntry(here: string, name: string): WorkerEntry | null {
  if (!here.startsWith('file:')) return null;
  if (!here.endsWith('.ts')) {
    for (const candidate of [`./${name}.js`, `./${name}.cjs`, `../${name}.cjs`]) {
      const url = new URL(candidate, here);
      if (existsSync(url)) return { url, execArgv: [] };
    }
    return null;
  }
  try {
    return { url: new URL(`./${name}.ts`, here), execArgv: ['--import', createRequire(here).resolve('tsx')] };
  } catch {
    return null;
  }
}

/**
 * A worker that could not start, or died before it sent anything (a host without worker threads,
 * a bundle without its entry): nothing of the import was done in it, so it can be done here.
 */
export class WorkerNotStarted extends Error {
  constructor(reason: string) {
    super(`the worker thread did not start: ${reason}`);
    this.name = 'WorkerNotStarted';
  }
}

export interface StreamOptions {
  /** The file being read, named in the error a stopped worker gives. */
  file: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ReadProgress) => void) | undefined;
  resourceLimits: ResourceLimits;
}

/**
 * Starts the worker and yields the items it sends, in order; returns what it ends with. The worker
 * stops when the caller stops iterating, is cancelled or fails.
 */
export async function* itemsFromWorker<Item, End>(
  entry: WorkerEntry,
  workerData: unknown,
  { file, signal, onProgress, resourceLimits }: StreamOptions,
): AsyncGenerator<Item, End> {
  let worker: Worker;
  try {
    worker = new Worker(entry.url, { workerData, execArgv: entry.execArgv, resourceLimits });
  } catch (error) {
    throw new WorkerNotStarted(error instanceof Error ? error.message : String(error));
  }
  type Delivered =
    WorkerMessage<Item, End> | { type: 'exit'; code: number } | { type: 'crash'; error: Error };
  const inbox: Delivered[] = [];
  let wake: (() => void) | null = null;
  let heard = false;
  const deliver = (message: Delivered) => {
    inbox.push(message);
    wake?.();
  };
  worker.on('message', (message: WorkerMessage<Item, End>) => {
    heard = true;
    deliver(message);
  });
  worker.on('error', (error) => deliver({ type: 'crash', error }));
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
      else if (message.type === 'item') {
        // Acknowledged before it is used, so the worker prepares the next item meanwhile.
        worker.postMessage('ack');
        yield message.item;
      } else if (message.type === 'end') return message.result;
      else if (message.type === 'error') throw revive(message.error);
      else if (!heard)
        throw new WorkerNotStarted(
          message.type === 'crash' ? message.error.message : `exit code ${message.code}`,
        );
      else if (message.type === 'crash') throw revive(sendable(message.error));
      else
        throw new ImportError({
          file,
          reason: `could not be read: the reading thread stopped (exit code ${message.code})`,
        });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}

/** The worker's side of itemsFromWorker: sends items while it has credit, waiting otherwise. */
export class WorkerOutbox<Item, End> {
  private credits: number;
  private wake: (() => void) | null = null;

  /** `ahead`: items it may send before the importer has taken them. */
  constructor(
    private readonly port: MessagePort,
    ahead = READ_AHEAD,
  ) {
    this.credits = ahead;
    port.on('message', (message) => {
      if (message !== 'ack') return;
      this.credits += 1;
      this.wake?.();
    });
  }

  progress(progress: ReadProgress): void {
    this.send({ type: 'progress', progress });
  }

  /** Sends an item once the importer has room for it, moving `transfer`'s buffers. */
  async item(item: Item, transfer: ArrayBuffer[] = []): Promise<void> {
    while (this.credits === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    this.credits -= 1;
    this.port.postMessage({ type: 'item', item } satisfies WorkerMessage<Item, End>, transfer);
  }

  end(result: End): void {
    this.send({ type: 'end', result });
    this.port.close();
  }

  fail(error: unknown): void {
    this.send({ type: 'error', error: sendable(error) });
    this.port.close();
  }

  private send(message: WorkerMessage<Item, End>): void {
    this.port.postMessage(message);
  }
}
