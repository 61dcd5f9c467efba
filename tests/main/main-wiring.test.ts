/**
 * Electron main as `electron-vite build` makes it, loaded with a recording stand-in for `electron`
 * (the binary is not on this machine): it creates the secure window, forks the engine entry as a
 * utility process, gives the window its own MessagePort to the engine and nothing else (no IPC
 * handler of its own), and stops the engine when the last window closes.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../helpers';

interface Recorded {
  calls: Array<[string, ...unknown[]]>;
  windows: Array<{ options: Record<string, unknown>; contents: EventEmitter & { url: string } }>;
  app: EventEmitter;
  killed: number;
}

function standIn(): { electron: unknown; recorded: Recorded; ready: () => void } {
  const recorded: Recorded = { calls: [], windows: [], app: new EventEmitter(), killed: 0 };
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  class BrowserWindow {
    static getAllWindows = () => recorded.windows;
    webContents: EventEmitter;
    constructor(options: Record<string, unknown>) {
      const contents = Object.assign(new EventEmitter(), {
        url: 'file:///app/out/renderer/index.html',
        getURL: () => contents.url,
        setWindowOpenHandler: (handler: unknown) => recorded.calls.push(['setWindowOpenHandler', handler]),
        postMessage: (channel: string, message: unknown, ports: unknown[]) =>
          recorded.calls.push(['window.postMessage', channel, message, ports]),
      });
      this.webContents = contents;
      recorded.windows.push({ options, contents });
    }
    once() {}
    loadFile(path: string) {
      recorded.calls.push(['loadFile', path]);
    }
    loadURL(url: string) {
      recorded.calls.push(['loadURL', url]);
    }
  }
  const electron = {
    app: Object.assign(recorded.app, {
      getPath: (name: string) => `/data/${name}`,
      whenReady: () => whenReady,
      quit: () => recorded.calls.push(['quit']),
    }),
    BrowserWindow,
    MessageChannelMain: class {
      port1 = { name: 'port1' };
      port2 = { name: 'port2' };
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => recorded.calls.push(['permissions', handler]),
      },
    },
    shell: { openExternal: () => undefined },
    utilityProcess: {
      fork: (path: string, args: unknown[], options: { env?: Record<string, string> }) => {
        recorded.calls.push(['fork', path, args, options.env?.CXBRIEF_DATA_DIR]);
        const child = Object.assign(new EventEmitter(), {
          postMessage: (message: unknown, ports: unknown[]) =>
            recorded.calls.push(['engine.postMessage', message, ports]),
          kill: () => (recorded.killed += 1),
        });
        return child;
      },
    },
    ipcMain: {
      handle: (channel: string) => recorded.calls.push(['ipcMain.handle', channel]),
    },
  };
  return { electron, recorded, ready: () => ready() };
}

let OUT = '';

beforeAll(() => {
  OUT = buildApp('test-main-wiring');
});

describe('Electron main (recording stand-in for electron)', () => {
  it('forks the engine and connects each window to it over its own port', async () => {
    const { electron, recorded, ready } = standIn();
    const require = createRequire(import.meta.url);
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? electron : load.call(this, request, ...rest);
    };
    try {
      require(join(OUT, 'main', 'index.cjs'));
    } finally {
      Module._load = load;
    }
    ready();
    await new Promise((resolve) => setTimeout(resolve, 10));

    const [window] = recorded.windows;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(OUT, 'preload', 'index.cjs'),
    });
    expect(recorded.calls.some(([name]) => name === 'ipcMain.handle')).toBe(false);
    expect(recorded.calls.some(([name]) => name === 'fork')).toBe(false);

    window?.contents.emit('did-finish-load');
    expect(recorded.calls.filter(([name]) => name !== 'loadFile' && name !== 'setWindowOpenHandler')).toEqual(
      [
        ['permissions', expect.any(Function)],
        ['fork', join(OUT, 'main', 'engine.cjs'), [], '/data/userData'],
        ['engine.postMessage', { type: 'connect' }, [{ name: 'port1' }]],
        ['window.postMessage', 'engine-port', null, [{ name: 'port2' }]],
      ],
    );

    // A page that is not ours (after a navigation that slipped through) gets no port.
    window!.contents.url = 'https://example.com/';
    window?.contents.emit('did-finish-load');
    expect(recorded.calls.filter(([name]) => name === 'window.postMessage')).toHaveLength(1);

    recorded.app.emit('window-all-closed');
    expect(recorded.killed).toBe(1);
  });
});
