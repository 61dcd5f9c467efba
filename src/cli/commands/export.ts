import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PAPERS, type Paper } from '../../core/export/pdf';
import { withEngagement, type Command } from '../command';
import { parseFilters } from '../filters';
import type { Api } from '../host';
import { UsageError, say } from '../output';
import { PROJECT_ROOT } from '../paths';
import { ensureReportSite } from '../report-site';

/** The app version stamped on every pack. */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function paperOf(value: unknown): Paper {
  const paper = String(value ?? 'a4').toLowerCase();
  if (!PAPERS.includes(paper as Paper))
    throw new UsageError(`--paper must be a4 or letter, not "${String(value)}".`);
  return paper as Paper;
}

/** Builds the pack of one engagement and prints it to `out`; returns pages and seconds. */
export async function exportPackPdf(
  api: Api,
  file: string,
  options: { period?: string; filters?: Record<string, string>; paper: Paper; out: string },
): Promise<{ path: string; pages: number; seconds: number }> {
  const started = performance.now();
  const pack = await withEngagement(api, file, () =>
    api.call('pack:get', {
      ...(options.period ? { period: options.period } : {}),
      filters: options.filters ?? {},
    }),
  );
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  // Loaded only to print: playwright-core is heavy, and every other command starts without it.
  const { createChromiumPrinter } = await import('../../core/export/chromium-printer');
  const printer = createChromiumPrinter({ site: await ensureReportSite() });
  try {
    const result = await printer.print({ pack, paper: options.paper, out });
    return { path: result.path, pages: result.pages, seconds: (performance.now() - started) / 1000 };
  } finally {
    await printer.close();
  }
}

/** `cxbrief export X.cxb --period P [--filter k=v …] --pdf out.pdf [--paper a4|letter]`. */
export const exportCommand: Command = {
  usage:
    'X.cxb [--period P] [--filter key=value …] --pdf OUT.pdf [--paper a4|letter] [--pptx OUT] [--xlsx OUT]',
  options: {
    period: { type: 'string' },
    filter: { type: 'string', multiple: true },
    pdf: { type: 'string' },
    paper: { type: 'string' },
    pptx: { type: 'string' },
    xlsx: { type: 'string' },
  },
  async run(positionals, values, api) {
    const [file] = positionals;
    if (!file) throw new UsageError('name the engagement file: cxbrief export X.cxb --pdf pack.pdf');
    if (!values.pdf && !values.pptx && !values.xlsx)
      throw new UsageError('say what to write: --pdf pack.pdf, --pptx deck.pptx or --xlsx book.xlsx');
    const choice: PackChoice = {
      ...(values.period ? { period: String(values.period) } : {}),
      filters: parseFilters((values.filter as string[] | undefined) ?? []),
    };
    if (values.pdf) {
      const result = await exportPackPdf(api, file, {
        ...choice,
        paper: paperOf(values.paper),
        out: String(values.pdf),
      });
      say(`PDF pack (${result.pages} pages) written to ${result.path} in ${result.seconds.toFixed(1)} s`);
    }
    if (values.pptx || values.xlsx) await exportPackFiles(api, file, choice, values);
    return 0;
  },
};

interface PackChoice {
  period?: string;
  filters?: Record<string, string>;
}

/** Writes the PowerPoint deck (--pptx) and the Excel workbook (--xlsx) of a pack, as asked. */
export async function exportPackFiles(
  api: Api,
  file: string,
  choice: PackChoice,
  values: Record<string, unknown>,
): Promise<void> {
  await withEngagement(api, file, async () => {
    if (values.pptx) {
      const started = performance.now();
      const deck = await api.call('pack:export-pptx', { ...choice, path: outputPath(values.pptx) });
      say(
        `PowerPoint deck (${deck.slides} slides, ${deck.charts} charts) written to ${deck.path} in ${seconds(started)} s`,
      );
    }
    if (values.xlsx) {
      const started = performance.now();
      const book = await api.call('pack:export-xlsx', { ...choice, path: outputPath(values.xlsx) });
      say(`Excel workbook (${book.sheets.length} sheets) written to ${book.path} in ${seconds(started)} s`);
    }
  });
}

/** The absolute path asked for, its folder created when missing (a failure is said by the writer). */
function outputPath(value: unknown): string {
  const out = resolve(String(value));
  try {
    mkdirSync(dirname(out), { recursive: true });
  } catch {
    // The writer names the file and the reason in a sentence.
  }
  return out;
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}
