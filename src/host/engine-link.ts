import { fork, type ChildProcess } from 'node:child_process';
import { answer, createEngine, type BugLog, type EngineEvent, type Result } from '../core/api';

/** The engine as the browser host reaches it: a call per request, and its pushed events. */
export interface EngineLink {
  call(channel: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  close(): void;
}

/** The engine in this process (tests): the same `answer()` every host goes through. */
export function inProcessEngine(options: { dataDir: string; logBug?: BugLog }): EngineLink {
  const listeners = new Set<(event: EngineEvent) => void>();
  const engine = createEngine({
    dataDir: options.dataDir,
    onEvent: (event) => listeners.forEach((listener) => listener(event)),
  });
  return {
    call: (channel, payload) => answer(engine, channel, payload, options.logBug),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => engine.close(),
  };
}

/**
 * The engine process (src/engine) forked with Node's IPC channel as its one port, as the app forks
 * it as a utility process: a long import never blocks the HTTP server, so a cancel gets through.
 */
export function forkedEngine(options: {
  entry: string;
  dataDir: string;
  execArgv?: string[];
  /** More of the engine's environment (the report site it prints from, the app version). */
  env?: Record<string, string>;
}): EngineLink {
  const child: ChildProcess = fork(options.entry, [], {
    env: { ...process.env, ...options.env, CXBRIEF_DATA_DIR: options.dataDir },
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: EngineEvent) => void>();
  let nextId = 1;
  child.on('message', (message) => {
    const m = message as {
      id?: number;
      result?: Result<unknown>;
      event?: EngineEvent['name'];
      payload?: unknown;
    };
    if (m.event) {
      for (const listener of listeners) listener({ name: m.event, payload: m.payload } as EngineEvent);
      return;
    }
    if (typeof m.id === 'number' && m.result) {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    }
  });
  child.on('exit', () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'internal', message: 'The engine stopped; restart CX Brief.' } });
    pending.clear();
  });
  return {
    call(channel, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ id, channel, payload });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (child.connected) child.disconnect();
      child.kill();
    },
  };
}
