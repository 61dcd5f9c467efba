import { app, BrowserWindow, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { CHANNELS, answer, createEngine, type Result } from '../core/api';
import { createElectronPrinter } from './pdf';

/**
 * Electron main process: a thin adapter over src/core. One window factory with the secure
 * defaults (context isolation, sandbox, no Node in the renderer), one IPC wrapper that checks
 * the sender and validates every payload, and nothing else.
 */
const RENDERER_URL = process.env.ELECTRON_RENDERER_URL;
const PRELOAD = join(__dirname, '../preload/index.cjs');
const engine = createEngine({
  dataDir: app.getPath('userData'),
  appVersion: app.getVersion(),
  printer: createElectronPrinter({
    BrowserWindow,
    preload: PRELOAD,
    reportFile: join(__dirname, '../renderer/report.html'),
  }),
});

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
  if (RENDERER_URL) void window.loadURL(RENDERER_URL);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
  return window;
}

function isOurFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('file://') || (RENDERER_URL !== undefined && url.startsWith(RENDERER_URL));
}

function registerHandlers(): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isOurFrame(event)) return { ok: false, error: 'Request refused: it did not come from CX Brief.' };
      return answer(engine, channel, payload);
    });
  }
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerHandlers();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  engine.close();
  if (process.platform !== 'darwin') app.quit();
});
