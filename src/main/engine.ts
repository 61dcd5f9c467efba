import type { PdfPrinter, PrintRequest } from '../core/export/pdf';

/**
 * The engine runs in an Electron utility process (never in main: an import of a million rows must
 * not freeze menus or windows). Each window gets its own MessagePort to it; main only relays the
 * one thing the engine cannot do itself, printing a pack with printToPDF, which needs a window.
 */
export interface UtilityChild {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineDeps<P> {
  fork(entry: string, args: string[], options: { serviceName: string; env: NodeJS.ProcessEnv }): UtilityChild;
  newChannel(): { port1: P; port2: P };
}

/** A window's webContents: where its end of the channel goes. */
export interface PortTarget<P> {
  postMessage(channel: string, message: null, transfer: P[]): void;
}

/** A request from the engine process to print (it holds the pack; main holds the windows). */
interface PrintAsk {
  type: 'print';
  id: number;
  request: PrintRequest;
}

function isPrintAsk(message: unknown): message is PrintAsk {
  const m = message as Partial<PrintAsk> | null;
  return typeof m === 'object' && m !== null && m.type === 'print' && typeof m.id === 'number';
}

export interface EngineProcess<P> {
  connect(target: PortTarget<P>): void;
  stop(): void;
}

export function startEngineProcess<P>(
  deps: EngineDeps<P>,
  options: { entry: string; dataDir: string; appVersion: string; printer: PdfPrinter },
): EngineProcess<P> {
  let child: UtilityChild | null = null;
  const start = (): UtilityChild => {
    const forked = deps.fork(options.entry, [], {
      serviceName: 'CX Brief engine',
      env: { ...process.env, CXBRIEF_DATA_DIR: options.dataDir, CXBRIEF_APP_VERSION: options.appVersion },
    });
    forked.on('message', (message) => {
      if (!isPrintAsk(message)) return;
      options.printer.print(message.request).then(
        (result) => forked.postMessage({ type: 'printed', id: message.id, result }),
        (error: Error) => forked.postMessage({ type: 'printed', id: message.id, error: error.message }),
      );
    });
    forked.on('exit', () => {
      if (child === forked) child = null;
    });
    return forked;
  };
  // Started at once, so the engine is warm when the first window asks; restarted if it died.
  child = start();
  return {
    connect(target) {
      child ??= start();
      const { port1, port2 } = deps.newChannel();
      child.postMessage({ type: 'connect' }, [port1]);
      target.postMessage('engine-port', null, [port2]);
    },
    stop() {
      child?.kill();
      child = null;
    },
  };
}
