import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  BrowserWindow,
  Menu,
  MessageChannelMain,
  app,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { startEngineProcess, type EngineProcess } from './engine';
import { handleAppRequests, type AppHandlers } from './ipc';
import { menuTemplate, type MenuCommand } from './menu';
import { createElectronPrinter, type PrintWindow } from './pdf';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppUrl } from './protocol';
import { readState, withRecent, writeState, type AppState } from './state';
import { createAppWindow, type Bounds } from './window';
import { writeFile } from 'node:fs/promises';

/**
 * Electron main: windows (only from the factory in window.ts), the app:// protocol, menus, native
 * dialogs, recent files and printing. The engine (the open engagement, imports, analysis) runs in
 * its own utility process; each window talks to it over a MessagePort of its own.
 */
const PRELOAD = join(__dirname, '../preload/index.cjs');
const RENDERER_DIR = join(__dirname, '../renderer');
const ENGINE_ENTRY = join(__dirname, 'engine.cjs');
const STATE_FILE = join(app.getPath('userData'), 'state.json');

let state: AppState = readState(STATE_FILE);
let mainWindow: BrowserWindow | null = null;
let engine: EngineProcess<Electron.MessagePortMain> | null = null;
/** A .cxb the OS asked us to open before the window was ready. */
let pendingOpen: string | null = null;

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

function sendCommand(command: MenuCommand): void {
  mainWindow?.webContents.send('app:command', command);
}

function refreshMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(sendCommand, state.recent)));
}

function remember(path: string): void {
  state = { ...state, recent: withRecent(state.recent, path) };
  writeState(STATE_FILE, state);
  app.addRecentDocument(path);
  refreshMenu();
}

function openFromOs(path: string): void {
  if (!path.toLowerCase().endsWith('.cxb') || !existsSync(path)) return;
  if (mainWindow) sendCommand({ command: 'open-path', path });
  else pendingOpen = path;
}

function makeWindow(url: string | undefined, options: { bounds?: Bounds; hidden?: boolean } = {}) {
  const window = createAppWindow(
    { BrowserWindow, openExternal: (link) => shell.openExternal(link) },
    { preload: PRELOAD, ...(url ? { url } : {}), ...options },
  );
  window.webContents.on('did-finish-load', () => {
    if (isAppUrl(window.webContents.getURL())) engine?.connect(window.webContents);
  });
  return window;
}

/** The hidden window the pack prints from: made by the same factory, loading the report view. */
class PrintingWindow implements PrintWindow {
  private readonly window = makeWindow(undefined, { hidden: true });
  readonly webContents = this.window.webContents;
  async loadFile(_file: string, options: { query: Record<string, string> }): Promise<void> {
    await this.window.loadURL(`${APP_ORIGIN}/report.html?${new URLSearchParams(options.query)}`);
  }
  destroy(): void {
    this.window.destroy();
  }
}

function createMainWindow(): void {
  const window = makeWindow(`${APP_ORIGIN}/index.html`, state.bounds ? { bounds: state.bounds } : {});
  mainWindow = window;
  window.on('close', () => {
    state = { ...state, bounds: window.getBounds() };
    writeState(STATE_FILE, state);
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.once('did-finish-load', () => {
    if (pendingOpen) sendCommand({ command: 'open-path', path: pendingOpen });
    pendingOpen = null;
  });
}

const FILE_FILTERS = {
  engagement: [{ name: 'CX Brief engagement', extensions: ['cxb'] }],
  import: [{ name: 'Spreadsheets and CSV', extensions: ['csv', 'txt', 'tsv', 'xlsx'] }],
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
  pptx: [{ name: 'PowerPoint presentation', extensions: ['pptx'] }],
  xlsx: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
};

const appHandlers: AppHandlers = {
  'app:choose-file': async ({ purpose }) => {
    const options = { properties: ['openFile' as const], filters: FILE_FILTERS[purpose] };
    const chosen = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  },
  'app:choose-new-engagement': async ({ name }) => {
    const options = {
      defaultPath: join(app.getPath('documents'), `${name.replace(/[\\/:*?"<>|]/g, ' ').trim()}.cxb`),
      filters: FILE_FILTERS.engagement,
    };
    const chosen = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    return chosen.canceled ? null : (chosen.filePath ?? null);
  },
  'app:save-text': async ({ defaultName, text }) => {
    const options = { defaultPath: join(app.getPath('downloads'), defaultName) };
    const chosen = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return null;
    await writeFile(chosen.filePath, text, 'utf8');
    return chosen.filePath;
  },
  'app:choose-export-path': async ({ format, defaultName }) => {
    const options = {
      defaultPath: join(app.getPath('documents'), defaultName.replace(/[\\/:*?"<>|]/g, ' ').trim()),
      filters: FILE_FILTERS[format],
    };
    const chosen = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    return chosen.canceled ? null : (chosen.filePath ?? null);
  },
  'app:recent': () => state.recent.filter((path) => existsSync(path)),
  'app:remember': ({ path }) => remember(path),
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const file = argv.find((arg) => arg.toLowerCase().endsWith('.cxb'));
    if (file) openFromOs(file);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs(path);
  });
  const fromArgv = process.argv.slice(1).find((arg) => arg.toLowerCase().endsWith('.cxb'));
  if (fromArgv) pendingOpen = fromArgv;

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
    engine = startEngineProcess(
      {
        fork: (entry, args, options) => utilityProcess.fork(entry, args, options),
        newChannel: () => new MessageChannelMain(),
      },
      {
        entry: ENGINE_ENTRY,
        dataDir: app.getPath('userData'),
        appVersion: app.getVersion(),
        printer: createElectronPrinter({
          BrowserWindow: PrintingWindow,
          preload: PRELOAD,
          reportFile: join(RENDERER_DIR, 'report.html'),
        }),
      },
    );
    handleAppRequests(ipcMain, appHandlers, isAppUrl);
    refreshMenu();
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    engine?.stop();
    engine = null;
    if (process.platform !== 'darwin') app.quit();
  });
}
