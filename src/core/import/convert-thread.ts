/**
 * Converting a large CSV of answers in a worker thread: reading, parsing and converting its rows
 * (about a quarter of a million-row import) run there while the importing thread writes the facts
 * and tallies them. The worker reads the file again from the start with the previewed reading
 * options, and refuses it if it no longer reads the same way; rows, rejects and counts are exactly
 * what RowConversion gives in the importing thread (tests compare the two).
 */
import type { FactValue } from '../store/facts';
import type { RejectRecord } from '../store/imports';
import type { PackedLtrGroups } from '../store/ltr-tally';
import type { ConversionSink, ConversionSummary, LoadPlan } from './convert';
import type { Mapping } from './mapping';
import type { SourceOptions } from './open';
import type { ReadProgress, SourceDescription } from './source';
import { itemsFromWorker, workerEntry } from './threads';

/** What the worker is asked to convert. */
export interface ConversionRequest {
  path: string;
  options: SourceOptions;
  /** How the preview read the file: the worker refuses a file that now reads otherwise. */
  expected: Pick<SourceDescription, 'format' | 'encoding' | 'delimiter'>;
  plan: LoadPlan;
}

/**
 * What the worker sends: batches of facts in file order with the rejects among them and how far
 * it read (the last batch carries the counts), then the import's derived-importance share in
 * packed chunks. It tallies the share as it converts (a third of the tally's time taken off the
 * writing thread) and orders it while the writing thread writes the other pre-aggregates.
 */
export type ConvertedItem =
  | {
      kind: 'facts';
      facts: FactValue[][];
      rejects: RejectRecord[];
      progress: ReadProgress | null;
      summary?: ConversionSummary;
    }
  | { kind: 'ltr'; groups: PackedLtrGroups };

/** What the worker ends with: whether its derived-importance tally gave up (the SQL pass counts). */
export interface ConversionEnd {
  ltrGaveUp: boolean;
}

/** The counts of a conversion in a worker, its derived-importance share to follow. */
export interface ThreadConversion {
  summary: ConversionSummary;
  /** The share's chunks; returns whether the tally gave up. */
  ltr: AsyncGenerator<PackedLtrGroups, boolean>;
  /** Stops the worker if the share is not taken (an import that fails before). */
  stop(): Promise<void>;
}

/** Files smaller than this convert in the importing thread: starting a worker costs 0.1–0.5 s. */
export const THREAD_MIN_BYTES = 8 * 1024 * 1024;

const entry = () => workerEntry(import.meta.url, 'convert-worker');

/**
 * Whether a file converts in a worker: a large CSV of survey answers (the one kind whose
 * conversion needs no database) with one answer a row, where the sources can start one. In such a
 * long file reading and converting are about a third of the work. A wide file (several answers a
 * row) spends most of its time writing them: on a 1M-row survey of 3 answers a row a worker saved
 * under 3% of the time while its heap took the peak memory from about 220 to 258 MB.
 * CXBRIEF_CONVERT_THREAD=1 always converts in a worker (tests), =0 never does.
 */
export function convertsInThread(format: string, mapping: Mapping, bytes: number): boolean {
  const setting = process.env.CXBRIEF_CONVERT_THREAD;
  if (setting === '0' || format !== 'csv' || mapping.kind !== 'responses' || entry() === null) return false;
  return setting === '1' || (bytes >= THREAD_MIN_BYTES && answersPerRow(mapping) === 1);
}

/** Answers a row of a responses file gives: one per item column, one for a score column. */
function answersPerRow(mapping: Mapping): number {
  return (mapping.items?.length ?? 0) + (mapping.fields.score ? 1 : 0);
}

/**
 * Converts in a worker, handing every fact and reject to `sink` in order; returns the counts once
 * the last fact is handed over, with the derived-importance share to take next. The worker stops
 * when the share is taken, or `stop` is called, or the conversion fails or is cancelled.
 */
export async function convertInThread(
  request: ConversionRequest,
  sink: ConversionSink,
  options: { signal?: AbortSignal | undefined; onProgress?: (progress: ReadProgress) => void },
): Promise<ThreadConversion> {
  const start = entry();
  if (!start) throw new Error('no worker entry');
  const items = itemsFromWorker<ConvertedItem, ConversionEnd>(start, request, {
    file: request.path,
    signal: options.signal,
    // A 16 MB young generation with small read chunks and batches (convert-worker.ts): measured on
    // 1M rows, 4 MB spent 2 s collecting and 8 MB 1.5 s (the worker set the pace); 16 MB with
    // 256 KB chunks and 4,096-fact batches peaked at 250 MB, with 64 KB and 1,024 at 215–220 MB.
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 },
  });
  const stop = async () => void (await items.return(undefined as never));
  try {
    for (;;) {
      const next = await items.next();
      if (next.done || next.value.kind !== 'facts') throw new Error('the conversion thread sent no counts');
      const { facts, rejects, progress, summary } = next.value;
      for (const fact of facts) sink.fact(fact);
      if (rejects.length) sink.rejects(rejects);
      if (progress) options.onProgress?.(progress);
      if (summary) return { summary, ltr: ltrChunks(items), stop };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

async function* ltrChunks(
  items: AsyncGenerator<ConvertedItem, ConversionEnd>,
): AsyncGenerator<PackedLtrGroups, boolean> {
  for (;;) {
    const next = await items.next();
    if (next.done) return next.value.ltrGaveUp;
    if (next.value.kind !== 'ltr') throw new Error('the conversion thread sent facts after its counts');
    yield next.value.groups;
  }
}
