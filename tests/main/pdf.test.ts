/**
 * The app's printToPDF path with a recording stand-in for Electron's BrowserWindow: a hidden,
 * sandboxed window with the app's preload loads the report view for the pack's period and filters,
 * is printed only once the page says it is ready, with the report's own page size; a report that
 * never gets ready fails with a sentence and leaves no file; the window is always destroyed.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BriefingPack } from '../../src/core/briefing';
import { PdfExportError } from '../../src/core/export';
import { createElectronPrinter, type PrintWindow } from '../../src/main/pdf';

interface Recording {
  options: unknown[];
  calls: string[];
}

function standIn(readyAfterPolls: number | null, recording: Recording) {
  return class FakeWindow implements PrintWindow {
    polls = 0;
    constructor(options: unknown) {
      recording.options.push(options);
    }
    async loadFile(file: string, options: { query: Record<string, string> }) {
      recording.calls.push(`loadFile ${file} ${JSON.stringify(options.query)}`);
    }
    webContents = {
      executeJavaScript: async (code: string) => {
        if (code.includes('dataset.pages')) return '14';
        this.polls++;
        return readyAfterPolls !== null && this.polls >= readyAfterPolls ? 'true' : '';
      },
      printToPDF: async (options: { preferCSSPageSize: boolean; printBackground: boolean }) => {
        recording.calls.push(`printToPDF ${JSON.stringify(options)} after ${this.polls} polls`);
        return new TextEncoder().encode('%PDF-1.7 stand-in');
      },
    };
    destroy() {
      recording.calls.push('destroy');
    }
  };
}

const pack = {
  period: { label: '2026-Q3' },
  filters: [{ key: 'segment', value: 'SMB' }],
} as unknown as BriefingPack;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cxb-main-pdf-'));
  dirs.push(dir);
  return dir;
}

describe('Electron printToPDF', () => {
  it('prints the report view in a hidden sandboxed window once it is ready', async () => {
    const recording: Recording = { options: [], calls: [] };
    const printer = createElectronPrinter({
      BrowserWindow: standIn(3, recording),
      preload: '/app/preload/index.cjs',
      reportFile: '/app/renderer/report.html',
      pollMs: 1,
    });
    const out = join(temp(), 'pack.pdf');
    const result = await printer.print({ pack, paper: 'letter', out });
    expect(result).toEqual({ path: out, pages: 14, bytes: 17 });
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7 stand-in');
    expect(recording.options).toEqual([
      expect.objectContaining({
        show: false,
        webPreferences: expect.objectContaining({
          preload: '/app/preload/index.cjs',
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
        }),
      }),
    ]);
    expect(recording.calls).toEqual([
      'loadFile /app/renderer/report.html {"paper":"letter","period":"2026-Q3","filter.segment":"SMB"}',
      'printToPDF {"preferCSSPageSize":true,"printBackground":true} after 3 polls',
      'destroy',
    ]);
  });

  it('tells the report window which sections the user switched off, so it prints the pack previewed', async () => {
    const recording: Recording = { options: [], calls: [] };
    const printer = createElectronPrinter({
      BrowserWindow: standIn(1, recording),
      preload: 'p',
      reportFile: 'report.html',
      pollMs: 1,
    });
    await printer.print({ pack, paper: 'a4', out: join(temp(), 'pack.pdf'), hidden: ['voice', 'servqual'] });
    expect(recording.calls[0]).toBe(
      'loadFile report.html {"paper":"a4","period":"2026-Q3","filter.segment":"SMB","hide":"voice,servqual"}',
    );
  });

  it('fails with a sentence and writes nothing when the report never gets ready', async () => {
    const recording: Recording = { options: [], calls: [] };
    const printer = createElectronPrinter({
      BrowserWindow: standIn(null, recording),
      preload: 'p',
      reportFile: 'r',
      readyTimeoutMs: 50,
      pollMs: 5,
    });
    const dir = temp();
    const out = join(dir, 'pack.pdf');
    const failure = printer.print({ pack, paper: 'a4', out });
    await expect(failure).rejects.toThrow(PdfExportError);
    await expect(failure).rejects.toThrow('The report did not get ready for printing within 1 s.');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(recording.calls.at(-1)).toBe('destroy');
    expect(recording.calls.some((c) => c.startsWith('printToPDF'))).toBe(false);
  });
});
