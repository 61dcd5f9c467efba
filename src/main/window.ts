import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The one place a window is made. Every window (the app's, the hidden one that prints the pack)
 * gets the same locked-down preferences and the same refusals: no navigation away from the app,
 * no new windows, no webviews; https links the user clicks open in their browser.
 */

/** Links the app may hand to the user's browser (methodology references); nothing else leaves. */
export const EXTERNAL_ALLOW_LIST = ['https://github.com/', 'https://www.qualtrics.com/', 'https://doi.org/'];

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface Bounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

export interface WindowSpec {
  preload: string;
  /** The app:// address the window loads (a printing window loads its own, with its query). */
  url?: string;
  bounds?: Bounds;
  /** A hidden window (printing) is never shown. */
  hidden?: boolean;
}

export function windowOptions(spec: WindowSpec): BrowserWindowConstructorOptions {
  const bounds = spec.bounds ?? { width: 1280, height: 860 };
  return {
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    title: 'CX Brief',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(spec.preload),
  };
}

/** The parts of Electron's BrowserWindow the factory touches (a test passes a recording stand-in). */
export interface FactoryWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
  webContents: {
    on(
      event: 'will-navigate' | 'will-redirect',
      listener: (event: { preventDefault(): void }, url: string) => void,
    ): unknown;
    on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  };
}

export interface WindowDeps<W extends FactoryWindow> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  openExternal: (url: string) => unknown;
}

export function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOW_LIST.some((prefix) => url.startsWith(prefix));
}

export function createAppWindow<W extends FactoryWindow>(deps: WindowDeps<W>, spec: WindowSpec): W {
  const window = new deps.BrowserWindow(windowOptions(spec));
  const refuse = (event: { preventDefault(): void }) => event.preventDefault();
  window.webContents.on('will-navigate', refuse);
  window.webContents.on('will-redirect', refuse);
  window.webContents.on('will-attach-webview', refuse);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void deps.openExternal(url);
    return { action: 'deny' };
  });
  if (!spec.hidden) window.once('ready-to-show', () => window.show());
  if (spec.url) void window.loadURL(spec.url);
  return window;
}
