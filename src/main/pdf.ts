/**
 * The app's PDF printer: the report view in a hidden window (same preload, same CSP, sandboxed),
 * which asks the engine for the pack like any screen; once it says it is ready (charts drawn,
 * fonts loaded), Electron's printToPDF prints it with the page size the report's CSS sets. A
 * report that does not get ready in time fails with a sentence, and nothing is written.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  PdfExportError,
  writeWhole,
  type PdfPrinter,
  type PrintRequest,
  type PrintResult,
} from '../core/export/pdf';

/** The part of Electron's BrowserWindow this printer uses (a test passes a recording stand-in). */
export interface PrintWindow {
  loadFile(file: string, options: { query: Record<string, string> }): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: { preferCSSPageSize: boolean; printBackground: boolean }): Promise<Uint8Array>;
  };
  destroy(): void;
}

export interface ElectronPrinterOptions {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => PrintWindow;
  preload: string;
  /** The built report.html. */
  reportFile: string;
  readyTimeoutMs?: number;
  pollMs?: number;
}

function queryOf(request: PrintRequest): Record<string, string> {
  const query: Record<string, string> = { paper: request.paper, period: request.pack.period.label };
  for (const { key, value } of request.pack.filters) query[`filter.${key}`] = value;
  if (request.hidden?.length) query.hide = request.hidden.join(',');
  return query;
}

async function waitUntilReady(window: PrintWindow, timeoutMs: number, pollMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await window.webContents.executeJavaScript('document.documentElement.dataset.ready ?? ""');
    if (state === 'true')
      return Number(await window.webContents.executeJavaScript('document.documentElement.dataset.pages'));
    if (state === 'error') {
      const reason = await window.webContents.executeJavaScript(
        'document.documentElement.dataset.error ?? ""',
      );
      throw new PdfExportError(`The report could not be prepared for printing: ${String(reason)}`);
    }
    if (Date.now() > deadline)
      throw new PdfExportError(
        `The report did not get ready for printing within ${Math.ceil(timeoutMs / 1000)} s.`,
      );
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export function createElectronPrinter(options: ElectronPrinterOptions): PdfPrinter {
  return {
    async print(request: PrintRequest): Promise<PrintResult> {
      const window = new options.BrowserWindow({
        show: false,
        width: 1400,
        height: 1000,
        webPreferences: {
          preload: options.preload,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          spellcheck: false,
        },
      });
      try {
        await window.loadFile(options.reportFile, { query: queryOf(request) });
        const pages = await waitUntilReady(window, options.readyTimeoutMs ?? 30_000, options.pollMs ?? 100);
        const pdf = await window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
        writeWhole(request.out, pdf);
        return { path: request.out, pages, bytes: pdf.length };
      } finally {
        window.destroy();
      }
    },
    async close() {},
  };
}
