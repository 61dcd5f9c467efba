/** Worker entry (see convert-thread.ts): reads and converts a CSV, sending its facts in batches. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FactValue } from '../store/facts';
import type { RejectRecord } from '../store/imports';
import { talliedLtr } from '../store/answer-tally';
import { LtrTally, packedBuffers } from '../store/ltr-tally';
import { RowConversion, converterFor, type ConversionSummary } from './convert';
import type { ConversionEnd, ConversionRequest, ConvertedItem } from './convert-thread';
import { fileChangedError } from './errors';
import { openSource } from './open';
import type { ReadProgress } from './source';
import { WorkerOutbox } from './threads';

/**
 * Facts per batch sent, and batches sent ahead of the writer: a message costs little, few facts are
 * alive at each young collection, and the two threads' paces may differ for a while.
 */
const BATCH_FACTS = 1024;
const BATCHES_AHEAD = 16;

if (!parentPort) throw new Error('convert-worker runs as a worker thread');
const outbox = new WorkerOutbox<ConvertedItem, ConversionEnd>(parentPort, BATCHES_AHEAD);
const request = workerData as ConversionRequest;

/** No top-level await: the app's bundle of this entry is CommonJS. */
async function run(): Promise<void> {
  try {
    // Smaller read chunks than the importing thread's: fewer rows alive at each young collection.
    const source = await openSource(request.path, { ...request.options, chunkBytes: 64 * 1024 });
    const { format, encoding, delimiter } = source.description;
    const expected = request.expected;
    if (format !== expected.format || encoding !== expected.encoding || delimiter !== expected.delimiter)
      throw fileChangedError(request.path);
    let facts: FactValue[][] = [];
    let rejects: RejectRecord[] = [];
    let progress: ReadProgress | null = null;
    const ltr = new LtrTally();
    const conversion = new RowConversion(converterFor(request.plan), request.plan.header.firstDataRow, {
      fact(values) {
        facts.push(values);
        talliedLtr(ltr, values);
      },
      rejects: (records) => rejects.push(...records),
    });
    const send = async (summary?: ConversionSummary) => {
      await outbox.item({ kind: 'facts', facts, rejects, progress, ...(summary ? { summary } : {}) });
      [facts, rejects] = [[], []];
    };
    for await (const rows of source.batches({ onProgress: (read) => (progress = read) })) {
      conversion.take(rows);
      if (facts.length >= BATCH_FACTS || rejects.length >= BATCH_FACTS) await send();
    }
    await send(conversion.finish());
    const chunks = ltr.packedChunks();
    for (const groups of chunks ?? []) await outbox.item({ kind: 'ltr', groups }, packedBuffers(groups));
    outbox.end({ ltrGaveUp: chunks === null });
  } catch (error) {
    outbox.fail(error);
  }
}

void run();
