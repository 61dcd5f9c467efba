/**
 * Reading a sheet in a worker thread. Unzipping and parsing the sheet XML is most of an XLSX
 * import; in a worker it runs alongside the conversion and the SQLite inserts on the importing
 * thread. Rows arrive in batches (structured clone keeps numbers, dates and booleans as they are);
 * the worker reads at most a few batches ahead, so memory stays bounded (../threads.ts).
 */
import { itemsFromWorker, workerEntry, WorkerNotStarted } from '../threads';
import type { RawRow, ReadOptions } from '../source';

export interface WorkerRequest {
  path: string;
  sheet: string;
  batchSize: number;
}

/** What the worker ends with: the sheet's notes (hidden rows, merged ranges). */
export type SheetEnd = string[];

const entry = () => workerEntry(import.meta.url, 'read-worker');

/** Sheets smaller than this are read in the importing thread: starting a worker costs ≈ 0.5 s. */
export const WORKER_MIN_SHEET_BYTES = 8 * 1024 * 1024;

/**
 * Whether to read a sheet of `sheetBytes` (uncompressed XML) in a worker: a large sheet, where the
 * sources can start one. CXBRIEF_XLSX_THREAD=1 always does (tests), =0 never does.
 */
export function readsInWorker(sheetBytes: number): boolean {
  const setting = process.env.CXBRIEF_XLSX_THREAD;
  if (setting === '0' || entry() === null) return false;
  return setting === '1' || sheetBytes >= WORKER_MIN_SHEET_BYTES;
}

/**
 * The sheet's rows, read by a worker. `notes` (the source description's) receive the worker's
 * final notes (hidden rows, merged ranges) when the sheet ends. A worker that cannot start leaves
 * the sheet to `here`, read in this thread.
 */
export async function* readInWorker(
  request: WorkerRequest,
  { signal, onProgress }: ReadOptions,
  notes: string[],
  here: () => AsyncGenerator<RawRow[]>,
): AsyncGenerator<RawRow[]> {
  const start = entry();
  if (!start) throw new Error('no worker entry');
  // Capped heap: the worker allocates fast (XML parsing); a 20 MB young generation keeps the
  // process under its memory target at a small cost in speed (measured: 24 MB was 0.2–0.4 s
  // faster on 200k rows but peaked at 249–254 MB instead of 218–233 MB).
  let sheetNotes: SheetEnd;
  try {
    sheetNotes = yield* itemsFromWorker<RawRow[], SheetEnd>(start, request, {
      file: request.path,
      signal,
      onProgress,
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 20 },
    });
  } catch (error) {
    if (!(error instanceof WorkerNotStarted)) throw error;
    return yield* here();
  }
  notes.splice(0, notes.length, ...sheetNotes);
}
