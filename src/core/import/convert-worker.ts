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

if (!parentPort) throw new Error('convert-worker runs as a worker thread');
const outbox = new WorkerOutbox<ConvertedItem, ConversionEnd>(parentPort);
const request = workerData as ConversionRequest;
/** Facts per batch sent: large enough that a message costs little, small enough to stay a few MB. */
const BATCH_FACTS = 4096;

try {
  const source = await openSource(request.path, request.options);
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
