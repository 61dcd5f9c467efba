import { answer, createEngine, type BugLog, type EngineEvent, type EngineOptions } from '../core/api';

/**
 * One connection to a client (a window, a test): messages in, messages out. Electron's
 * MessagePortMain, Node's IPC channel and a test's stand-in all fit behind it.
 */
export interface Port {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose?(listener: () => void): void;
}

/** A client's request: an id it picks, the channel and the payload. */
export interface RequestMessage {
  id: number | string;
  channel: string;
  payload?: unknown;
}

/** The engine's answers: `{ id, result }` to a request, `{ event, payload }` pushed to every client. */
export type HostMessage =
  { id: number | string | null; result: unknown } | { event: EngineEvent['name']; payload: unknown };

export interface EngineHost {
  connect(port: Port): void;
  close(): void;
}

/**
 * The engine process's loop: one engine owning the open engagement, answering every connected
 * port's requests through `answer()` (payloads checked, errors coded) and broadcasting its events.
 */
export function createEngineHost(
  options: Pick<EngineOptions, 'dataDir' | 'appVersion' | 'printer'> & { logBug: BugLog },
): EngineHost {
  const ports = new Set<Port>();
  const engine = createEngine({
    dataDir: options.dataDir,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    ...(options.printer ? { printer: options.printer } : {}),
    onEvent: (event) => {
      for (const port of ports) port.postMessage({ event: event.name, payload: event.payload });
    },
  });
  return {
    connect(port) {
      ports.add(port);
      port.onClose?.(() => ports.delete(port));
      port.onMessage((message) => {
        if (!isRequest(message)) {
          port.postMessage({
            id: null,
            result: {
              ok: false,
              error: { code: 'bad-request', message: 'A request needs an id and a channel.' },
            },
          });
          return;
        }
        // Answered concurrently: a cancel must reach the engine while an import runs.
        void answer(engine, message.channel, message.payload, options.logBug).then((result) =>
          port.postMessage({ id: message.id, result }),
        );
      });
    },
    close() {
      engine.close();
      ports.clear();
    },
  };
}

function isRequest(message: unknown): message is RequestMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { id, channel } = message as Partial<RequestMessage>;
  return (
    (typeof id === 'number' || (typeof id === 'string' && id.length <= 100)) && typeof channel === 'string'
  );
}
