import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdfExportError, type PdfPrinter, type PrintResult } from '../core/export/pdf';
import { createEngineHost, type Port } from './host';

/**
 * The engine process: started by the app with Electron's `utilityProcess.fork` (each window's
 * MessagePort arrives through `process.parentPort`), or by a test with Node's `fork` (its IPC
 * channel is the one port). It owns the open engagement until it exits.
 */
const dataDir = process.env.CXBRIEF_DATA_DIR ?? join(tmpdir(), 'cxbrief');
const logFile = join(dataDir, 'logs', 'engine.log');

interface ElectronPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: ElectronPort[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const printing = new Map<
  number,
  { resolve: (result: PrintResult) => void; reject: (error: Error) => void }
>();

/** In the app, main prints (printToPDF needs a window): the pack goes up, the result comes back. */
function parentPrinter(parent: ParentPort): PdfPrinter {
  let nextId = 1;
  return {
    print(request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        printing.set(id, { resolve, reject });
        parent.postMessage({ type: 'print', id, request });
      });
    },
    async close() {},
  };
}

function settlePrint(data: unknown): boolean {
  const answer = data as { type?: string; id?: number; result?: PrintResult; error?: string } | null;
  if (answer?.type !== 'printed' || typeof answer.id !== 'number') return false;
  const waiting = printing.get(answer.id);
  printing.delete(answer.id);
  if (answer.result) waiting?.resolve(answer.result);
  else waiting?.reject(new PdfExportError(answer.error ?? 'The pack could not be printed.'));
  return true;
}

/**
 * Under the browser host there is no window to print from: the engine prints the built report site
 * with the Chromium npm installs, loaded on the first export only.
 */
function sitePrinter(site: string): PdfPrinter {
  let printer: Promise<PdfPrinter> | null = null;
  const load = () =>
    (printer ??= import('../core/export/chromium-printer').then((m) => m.createChromiumPrinter({ site })));
  return {
    print: async (request) => (await load()).print(request),
    async close() {
      if (printer) await (await printer).close();
    },
  };
}

const reportSite = process.env.CXBRIEF_REPORT_SITE;
const printer = parentPort ? parentPrinter(parentPort) : reportSite ? sitePrinter(reportSite) : null;

const host = createEngineHost({
  dataDir,
  ...(process.env.CXBRIEF_APP_VERSION ? { appVersion: process.env.CXBRIEF_APP_VERSION } : {}),
  ...(printer ? { printer } : {}),
  logBug(reference, error) {
    try {
      mkdirSync(join(dataDir, 'logs'), { recursive: true });
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      appendFileSync(logFile, `${new Date().toISOString()} [${reference}] ${stack}\n`);
    } catch {
      // The client still gets the reference; a log that cannot be written must not kill the engine.
    }
  },
});

function electronPort(port: ElectronPort): Port {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    onClose: (listener) => port.on('close', listener),
  };
}

function nodeIpcPort(): Port {
  return {
    // The parent may have gone before its 'disconnect' reaches us (it closes the file and exits):
    // a reply or event then has no reader, and an unheard send error would kill the engine mid-write.
    postMessage: (message) => {
      if (process.connected) process.send?.(message, undefined, undefined, ignoreSendError);
    },
    onMessage: (listener) => process.on('message', listener),
    onClose: (listener) => process.on('disconnect', listener),
  };
}

function ignoreSendError(): void {}

if (parentPort) {
  parentPort.on('message', (event) => {
    if (settlePrint(event.data)) return;
    for (const port of event.ports) {
      host.connect(electronPort(port));
      port.start();
    }
  });
} else if (process.send) {
  host.connect(nodeIpcPort());
  // The parent is the only client: when it goes, the engine closes the file and goes too.
  process.on('disconnect', () => {
    host.close();
    process.exit(0);
  });
} else {
  console.error('The CX Brief engine runs as a child process (utilityProcess.fork or child_process.fork).');
  process.exit(1);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    host.close();
    process.exit(0);
  });
