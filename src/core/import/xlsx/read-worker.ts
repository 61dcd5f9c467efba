/** Worker entry (see thread.ts): reads one sheet and sends its rows, a few batches ahead. */
import { parentPort, workerData } from 'node:worker_threads';
import { openXlsx } from './index';
import { WorkerOutbox } from '../threads';
import type { SheetEnd, WorkerRequest } from './thread';
import type { RawRow } from '../source';

if (!parentPort) throw new Error('read-worker runs as a worker thread');
const outbox = new WorkerOutbox<RawRow[], SheetEnd>(parentPort);
const request = workerData as WorkerRequest;

/** No top-level await: the app's bundle of this entry is CommonJS. */
async function run(): Promise<void> {
  try {
    const source = await openXlsx(request.path, {
      sheet: request.sheet,
      batchSize: request.batchSize,
      inThread: true,
    });
    for await (const rows of source.batches({ onProgress: (progress) => outbox.progress(progress) }))
      await outbox.item(rows);
    outbox.end(source.description.notes);
  } catch (error) {
    outbox.fail(error);
  }
}

void run();
