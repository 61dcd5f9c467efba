/**
 * Every window comes from one factory: its preferences are the locked-down ones, and it refuses
 * navigation, redirects, webviews and new windows (an allow-listed https link goes to the browser).
 */
import { describe, expect, it } from 'vitest';
import { createAppWindow, isAllowedExternal, windowOptions, type FactoryWindow } from '../../src/main/window';

type Listener = (event: { preventDefault(): void }, url?: string) => void;

class RecordingWindow implements FactoryWindow {
  static made: RecordingWindow[] = [];
  listeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  loaded: string[] = [];
  shown = false;
  readyListener: (() => void) | null = null;
  constructor(readonly options: unknown) {
    RecordingWindow.made.push(this);
  }
  once(_event: 'ready-to-show', listener: () => void) {
    this.readyListener = listener;
  }
  show() {
    this.shown = true;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  webContents = {
    on: (event: string, listener: Listener) => this.listeners.set(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => {
      this.openHandler = handler;
    },
  } as FactoryWindow['webContents'];
}

describe('the window factory', () => {
  it('makes windows sandboxed, isolated, without Node and without webviews', () => {
    const options = windowOptions({ preload: '/app/preload.cjs', url: 'app://cxb/index.html' });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
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
    });
  });

  it('keeps a remembered size and refuses navigation, redirects, webviews and new windows', () => {
    const opened: string[] = [];
    const window = createAppWindow(
      { BrowserWindow: RecordingWindow, openExternal: (url) => opened.push(url) },
      { preload: '/p.cjs', url: 'app://cxb/index.html', bounds: { width: 1500, height: 900, x: 10, y: 20 } },
    );
    expect(window.options).toMatchObject({ width: 1500, height: 900, x: 10, y: 20 });
    expect(window.loaded).toEqual(['app://cxb/index.html']);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      window.listeners.get(event)?.({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, event).toBe(true);
    }
    expect(window.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.openHandler?.({ url: 'https://doi.org/10.1000/1' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://doi.org/10.1000/1']);
    window.readyListener?.();
    expect(window.shown).toBe(true);
  });

  it('never shows a hidden (printing) window and opens only allow-listed https links', () => {
    const window = createAppWindow(
      { BrowserWindow: RecordingWindow, openExternal: () => {} },
      { preload: '/p.cjs', hidden: true },
    );
    expect(window.readyListener).toBeNull();
    expect(window.loaded).toEqual([]);
    expect(isAllowedExternal('http://doi.org/x')).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternal('https://github.com/x')).toBe(true);
  });
});
