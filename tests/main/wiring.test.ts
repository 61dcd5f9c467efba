/**
 * The built main bundle, loaded with a recording stand-in for the `electron` module: it registers
 * app:// before the app is ready and serves the built renderer on it (refusing `../`), asks for the
 * single-instance lock, forks the engine entry that the build produced as a utility process, makes
 * its window through the factory (sandboxed, the built preload) and hands that window a port to the
 * engine, registers every app channel behind the sender check, denies permissions and sets the menu.
 * The built preload, on the same stand-in, exposes every contract channel, and each one reaches the
 * built engine process through the port; a menu command reaches the page without the IPC event.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/core/api';
import { APP_CHANNELS } from '../../src/main/ipc';
import { secureWebPreferences } from '../../src/main/window';
import { buildApp } from '../helpers';

let outDir: string;
let userData: string;
const children: ChildProcess[] = [];

type Fn = (...args: unknown[]) => unknown;

interface Recorder {
  calls: Array<[string, unknown[]]>;
  appListeners: Map<string, Fn>;
  ipcHandlers: Map<string, Fn>;
  protocolHandler: Fn | null;
  permissionHandler: Fn | null;
  windows: Array<{
    options: Record<string, unknown>;
    loaded: string[];
    contents: Map<string, Fn[]>;
    posted: unknown[];
  }>;
  forks: Array<{ entry: string; options: Record<string, unknown>; posted: unknown[]; killed: number }>;
  menu: unknown;
}

function standIn(recorder: Recorder) {
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      recorder.calls.push([name, args]);
    };
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  class BrowserWindow {
    static getAllWindows = () => recorder.windows;
    private entry: Recorder['windows'][number];
    webContents: Record<string, (...args: never[]) => unknown>;
    constructor(options: Record<string, unknown>) {
      this.entry = { options, loaded: [], contents: new Map(), posted: [] };
      recorder.windows.push(this.entry);
      const on = (event: string, listener: Fn) => {
        this.entry.contents.set(event, [...(this.entry.contents.get(event) ?? []), listener]);
      };
      this.webContents = {
        on,
        once: on,
        setWindowOpenHandler: (handler: Fn) => on('window-open', handler),
        getURL: () => this.entry.loaded.at(-1) ?? '',
        postMessage: (...args: unknown[]) => this.entry.posted.push(args),
        send: (...args: unknown[]) => this.entry.posted.push(args),
      };
    }
    once() {}
    on() {}
    show() {}
    getBounds = () => ({ x: 0, y: 0, width: 1280, height: 860 });
    loadURL = async (url: string) => {
      this.entry.loaded.push(url);
    };
  }
  const electron = {
    app: {
      getPath: () => userData,
      getVersion: () => '9.9.9',
      requestSingleInstanceLock: () => (record('requestSingleInstanceLock')(), true),
      on: (event: string, listener: Fn) => recorder.appListeners.set(event, listener),
      whenReady: () => whenReady,
      addRecentDocument: record('addRecentDocument'),
      quit: record('quit'),
    },
    protocol: {
      registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'),
      handle: (scheme: string, handler: Fn) => {
        record('protocol.handle')(scheme);
        recorder.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Fn) => (recorder.permissionHandler = handler),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
      },
    },
    utilityProcess: {
      fork: (entry: string, _args: string[], options: Record<string, unknown>) => {
        const child = { entry, options, posted: [] as unknown[], killed: 0 };
        recorder.forks.push(child);
        return {
          postMessage: (...m: unknown[]) => child.posted.push(m),
          on: () => {},
          kill: () => ((child.killed += 1), true),
        };
      },
    },
    MessageChannelMain: class {
      port1 = { name: 'port1' };
      port2 = { name: 'port2' };
    },
    ipcMain: { handle: (channel: string, handler: Fn) => recorder.ipcHandlers.set(channel, handler) },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => (recorder.menu = menu),
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    shell: { openExternal: record('openExternal') },
    BrowserWindow,
  };
  return { electron, ready };
}

/** Loads a built CommonJS bundle with `require('electron')` answered by the stand-in. */
function loadWith(file: string, electron: unknown): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request === 'electron' ? electron : original(request, ...rest));
  try {
    createRequire(import.meta.url)(file);
  } finally {
    loader._load = original;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(() => {
  outDir = buildApp('test-wiring');
  userData = join(outDir, 'user-data');
  rmSync(userData, { recursive: true, force: true });
  mkdirSync(userData);
}, 180_000);

afterAll(() => {
  for (const child of children) child.kill();
});

describe('the built main bundle', () => {
  it('wires the protocol, the engine process, the window, the app channels and the menu', async () => {
    const recorder: Recorder = {
      calls: [],
      appListeners: new Map(),
      ipcHandlers: new Map(),
      protocolHandler: null,
      permissionHandler: null,
      windows: [],
      forks: [],
      menu: null,
    };
    const { electron, ready } = standIn(recorder);
    loadWith(join(outDir, 'main', 'index.cjs'), electron);
    // Before ready: the scheme is privileged and the single-instance lock is asked for.
    expect(recorder.calls.map(([name]) => name)).toEqual([
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
    ]);
    expect(recorder.calls[0]?.[1][0]).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect([...recorder.appListeners.keys()]).toEqual(
      expect.arrayContaining(['second-instance', 'open-file', 'window-all-closed', 'web-contents-created']),
    );
    ready();
    await tick();

    const handler = recorder.protocolHandler as (request: { url: string }) => Promise<Response>;
    const index = await handler({ url: 'app://cxb/index.html' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect((await handler({ url: 'app://cxb/../main/index.cjs' })).status).toBe(404);
    expect((await handler({ url: 'app://cxb/..%2fmain%2findex.cjs' })).status).toBe(404);

    expect(recorder.forks).toHaveLength(1);
    const engineEntry = join(outDir, 'main', 'engine.cjs');
    expect(recorder.forks[0]?.entry).toBe(engineEntry);
    expect(existsSync(engineEntry)).toBe(true);
    expect(recorder.forks[0]?.options).toMatchObject({
      serviceName: 'CX Brief engine',
      env: expect.objectContaining({ CXBRIEF_DATA_DIR: userData, CXBRIEF_APP_VERSION: '9.9.9' }),
    });

    expect(recorder.windows).toHaveLength(1);
    const window = recorder.windows[0]!;
    const preload = join(outDir, 'preload', 'index.cjs');
    expect(existsSync(preload)).toBe(true);
    expect(window.options.webPreferences).toEqual(secureWebPreferences(preload));
    expect(window.loaded).toEqual(['app://cxb/index.html']);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview', 'window-open'])
      expect(window.contents.has(event), event).toBe(true);
    // Once our page has loaded, the window gets a port to the engine and the engine the other end.
    for (const listener of window.contents.get('did-finish-load') ?? []) listener();
    expect(recorder.forks[0]?.posted).toEqual([[{ type: 'connect' }, [{ name: 'port1' }]]]);
    expect(window.posted).toContainEqual(['engine-port', null, [{ name: 'port2' }]]);
    // A page that is not ours (after a navigation that slipped through) gets no port.
    window.loaded.push('https://example.com/');
    for (const listener of window.contents.get('did-finish-load') ?? []) listener();
    expect(window.posted.filter((message) => (message as unknown[])[0] === 'engine-port')).toHaveLength(1);

    let allowed: boolean | null = null;
    recorder.permissionHandler?.(null, 'media', (answer: boolean) => (allowed = answer));
    expect(allowed).toBe(false);

    expect([...recorder.ipcHandlers.keys()].sort()).toEqual([...APP_CHANNELS].sort());
    for (const channel of APP_CHANNELS) {
      const refused = await recorder.ipcHandlers.get(channel)?.(
        { senderFrame: { url: 'https://evil.example/' } },
        {},
      );
      expect(refused, channel).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const badPayload = await recorder.ipcHandlers.get(channel)?.(
        { senderFrame: { url: 'app://cxb/index.html' } },
        { x: 1 },
      );
      expect(badPayload, channel).toMatchObject({
        ok: false,
        error: { message: `Invalid request for ${channel}.` },
      });
    }
    expect(
      await recorder.ipcHandlers.get('app:recent')?.({ senderFrame: { url: 'app://cxb/index.html' } }, {}),
    ).toEqual({ ok: true, value: [] });

    const menu = recorder.menu as Array<{
      label?: string;
      role?: string;
      submenu?: Array<{ label?: string; click?: () => void }>;
    }>;
    const file = menu.find((item) => item.label === 'File');
    expect(file?.submenu?.map((item) => item.label).filter(Boolean)).toEqual([
      'New engagement…',
      'Open…',
      'Open Recent',
      'Open demo engagement',
      'Import…',
      'Export…',
      'Check engagement…',
    ]);
    // Check engagement… asks the window to run the engine's full check (the page shows the result).
    file?.submenu?.find((item) => item.label === 'Check engagement…')?.click?.();
    expect(window.posted.at(-1)).toEqual(['app:command', { command: 'check' }]);
    expect(menu.find((item) => item.role === 'help')?.submenu?.[0]?.label).toBe('Methodology');

    // The last window closed: the engine process is stopped.
    recorder.appListeners.get('window-all-closed')?.();
    expect(recorder.forks[0]?.killed).toBe(1);
  });

  it('exposes every contract channel in the built preload, each reaching the built engine process', async () => {
    const exposed = new Map<string, Record<string, Fn>>();
    const ipcListeners = new Map<string, Fn>();
    const handed: unknown[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, Fn>) => exposed.set(name, api) },
      ipcRenderer: {
        on: (channel: string, listener: Fn) => ipcListeners.set(channel, listener),
        invoke: async () => null,
      },
      webUtils: {
        getPathForFile: (file: unknown) => {
          handed.push(file);
          return '/dropped/file.csv';
        },
      },
    };
    loadWith(join(outDir, 'preload', 'index.cjs'), electron);
    const cxb = exposed.get('cxb')!;
    expect(Object.keys(cxb).sort()).toEqual([...CHANNELS].sort());

    // The engine process as built, forked with Node's IPC as its port; the page's port relays to it.
    const engine = fork(join(outDir, 'main', 'engine.cjs'), [], {
      env: { ...process.env, CXBRIEF_DATA_DIR: join(outDir, 'engine-data') },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(engine);
    const port = {
      onmessage: null as ((message: { data: unknown }) => void) | null,
      postMessage: (message: unknown) => engine.send(message as object),
    };
    engine.on('message', (data) => port.onmessage?.({ data }));
    ipcListeners.get('engine-port')?.({ ports: [port] });

    expect(await cxb['engagement:current']?.({})).toEqual({ ok: true, value: null });
    for (const channel of CHANNELS) {
      const result = (await cxb[channel]?.({})) as { ok: boolean; error?: { message: string } };
      expect(result, channel).toHaveProperty('ok');
      expect(result.error?.message ?? '', channel).not.toMatch(/There is no channel/);
    }

    const commands: unknown[][] = [];
    exposed.get('cxbApp')?.onCommand?.((...args: unknown[]) => commands.push(args));
    ipcListeners.get('app:command')?.({ sender: 'the ipcRenderer' }, { command: 'open-demo' });
    expect(commands).toEqual([[{ command: 'open-demo' }]]);

    // A dropped file's path comes from Electron's webUtils, given the File the page received.
    const dropped = { name: 'file.csv' };
    expect(exposed.get('cxbApp')?.pathOfFile?.(dropped)).toBe('/dropped/file.csv');
    expect(handed).toEqual([dropped]);
  }, 60_000);
});
