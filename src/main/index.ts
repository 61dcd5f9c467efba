import {
  app,
  BrowserWindow,
  MessageChannelMain,
  session,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { join } from 'node:path';

/**
 * Electron main process: windows, menus, dialogs, recent files and printing only. The engine (the
 * open engagement, imports, analysis) runs in its own utility process; each window talks to it
 * over a MessagePort of its own, so heavy work never blocks this process or the UI.
 */
const RENDERER_URL = process.env.ELECTRON_RENDERER_URL;
const PRELOAD = join(__dirname, '../preload/index.cjs');
let engine: UtilityProcess | null = null;

function startEngine(): UtilityProcess {
  const child = utilityProcess.fork(join(__dirname, 'engine.cjs'), [], {
    serviceName: 'CX Brief engine',
    env: { ...process.env, CXBRIEF_DATA_DIR: app.getPath('userData') },
  });
  child.on('exit', () => {
    if (engine === child) engine = null;
  });
  return child;
}

/** Gives the window its own port to the engine (the preload receives the other end). */
function connectToEngine(window: BrowserWindow): void {
  engine ??= startEngine();
  const { port1, port2 } = new MessageChannelMain();
  engine.postMessage({ type: 'connect' }, [port1]);
  window.webContents.postMessage('engine-port', null, [port2]);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'CX Brief',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // No navigation away from the app and no new windows; https links open in the browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('did-finish-load', () => {
    if (isOurUrl(window.webContents.getURL())) connectToEngine(window);
  });
  if (RENDERER_URL) void window.loadURL(RENDERER_URL);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
  return window;
}

function isOurUrl(url: string): boolean {
  return url.startsWith('file://') || (RENDERER_URL !== undefined && url.startsWith(RENDERER_URL));
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  engine?.kill();
  engine = null;
  if (process.platform !== 'darwin') app.quit();
});
