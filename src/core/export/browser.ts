/**
 * Which Chromium prints the PDF outside Electron: CXBRIEF_BROWSER if set; else the headless
 * Chromium that `npm ci` installs on Linux (@sparticuz/chromium); else Chrome, Edge or Chromium
 * where the platform usually puts them; else a sentence saying what to install.
 */
import { existsSync } from 'node:fs';
import { PdfExportError } from './pdf';

export interface BrowserChoice {
  path: string;
  source: 'CXBRIEF_BROWSER' | 'npm' | 'system';
}

const SYSTEM_BROWSERS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

async function npmChromium(): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    return await chromium.executablePath();
  } catch {
    return null;
  }
}

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  const chosen = env.CXBRIEF_BROWSER;
  if (chosen) {
    if (!existsSync(chosen))
      throw new PdfExportError(`CXBRIEF_BROWSER is set to ${chosen}, which does not exist.`);
    return { path: chosen, source: 'CXBRIEF_BROWSER' };
  }
  const bundled = await npmChromium();
  if (bundled) return { path: bundled, source: 'npm' };
  const system = (SYSTEM_BROWSERS[process.platform] ?? []).find((path) => existsSync(path));
  if (system) return { path: system, source: 'system' };
  throw new PdfExportError(
    'No Chromium-based browser was found to print the PDF: install Google Chrome, Microsoft Edge or Chromium, or set CXBRIEF_BROWSER to its executable.',
  );
}

/** Flags for a headless print: no sandbox helper, no GPU, nothing that reaches the network. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-zygote',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--font-render-hinting=none',
];
