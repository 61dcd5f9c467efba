/** Worker entry (see thread.ts): reads one sheet and sends its rows, a few batches ahead. */
import { parentPort, workerData } from 'node:worker_threads';
import { openXlsx } from './index';
import { READ_AHEAD, sendable, type WorkerMessage, type WorkerRequest } from './thread';

const port = parentPort;
if (!port) throw new Error('read-worker runs as a worker thread');
const request = workerData as WorkerRequest;
const send = (message: WorkerMessage) => port.postMessage(message);

let credits = READ_AHEAD;
let wake: (() => void) | null = null;
port.on('message', (message) => {
  if (message !== 'ack') return;
  credits += 1;
  wake?.();
});

try {
  const source = await openXlsx(request.path, {
    sheet: request.sheet,
    batchSize: request.batchSize,
    inThread: true,
  });
  for await (const rows of source.batches({
    onProgress: (progress) => send({ type: 'progress', progress }),
  })) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    credits -= 1;
    send({ type: 'batch', rows });
  }
  send({ type: 'end', notes: source.description.notes });
} catch (error) {
  send({ type: 'error', error: sendable(error) });
}
port.close();
