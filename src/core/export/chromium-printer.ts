/**
 * Prints the report view with a Chromium driven by playwright-core. The built report site is
 * served to the page from disk through request interception (no socket, no network: it runs in a
 * network namespace with nothing in it); every other request is refused. The page gets the pack
 * as the app's preload would give it (`window.cxb['pack:get']`), and the PDF is printed once the
 * page says it is ready (charts drawn, fonts loaded).
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BriefingPack } from '../briefing';
import { BROWSER_ARGS, findBrowser } from './browser';
import {
  PdfExportError,
  writeWhole,
  type Paper,
  type PdfPrinter,
  type PrintRequest,
  type PrintResult,
} from './pdf';

const ORIGIN = 'http://cxbrief.report';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
};

export interface ChromiumPrinterOptions {
  /** The folder holding the built report.html and its assets. */
  site: string;
  /** How long the page may take to say it is ready. */
  readyTimeoutMs?: number;
}

/** Opens the report view for a pack in a new page of `browser` and waits until it says it is ready. */
export async function openReportPage(
  browser: Browser,
  options: ChromiumPrinterOptions & { pack: BriefingPack; paper: Paper },
): Promise<{ page: Page; pages: number }> {
  if (!existsSync(join(options.site, 'report.html')))
    throw new PdfExportError(
      `The report view is not built: ${join(options.site, 'report.html')} is missing.`,
    );
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  try {
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const file = normalize(join(options.site, decodeURIComponent(url.pathname)));
      if (url.origin !== ORIGIN || !file.startsWith(options.site) || !existsSync(file)) return route.abort();
      await route.fulfill({
        status: 200,
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
      });
    });
    // Strings, not functions: a transpiler's helpers (tsx's __name) would not exist in the page.
    await page.addInitScript({
      content: `window.cxb = { 'pack:get': async () => ({ ok: true, value: ${JSON.stringify(options.pack).replace(/</g, '\\u003c')} }) };`,
    });
    await page.goto(`${ORIGIN}/report.html?paper=${options.paper}`);
    // A selector wait, not a function: the report's CSP forbids evaluating strings in the page.
    const state = await page
      .waitForSelector('html[data-ready]', { state: 'attached', timeout: options.readyTimeoutMs ?? 30_000 })
      .then(() => page.getAttribute('html', 'data-ready'))
      .catch(() => null);
    if (state !== 'true') {
      const reason = (await page.getAttribute('html', 'data-error')) ?? problems[0] ?? null;
      throw new PdfExportError(
        `The report did not get ready for printing${reason ? `: ${reason}` : ' in time'}.`,
      );
    }
    return { page, pages: Number(await page.getAttribute('html', 'data-pages')) };
  } catch (error) {
    await page.close();
    throw error;
  }
}

export function createChromiumPrinter(options: ChromiumPrinterOptions): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  return {
    async print(request: PrintRequest): Promise<PrintResult> {
      browser ??= launchBrowser();
      const { page, pages } = await openReportPage(await browser, { ...options, ...request });
      try {
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        writeWhole(request.out, pdf);
        return { path: request.out, pages, bytes: pdf.length };
      } finally {
        await page.close();
      }
    },
    async close() {
      const open = browser;
      browser = null;
      if (open) await (await open).close();
    },
  };
}

/** The Chromium findBrowser chooses, launched headless with print flags. */
export async function launchBrowser(): Promise<Browser> {
  const choice = await findBrowser();
  return chromium.launch({ executablePath: choice.path, args: BROWSER_ARGS, headless: true });
}
