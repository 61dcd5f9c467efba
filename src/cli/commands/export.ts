import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildBriefingPack } from '../../core/briefing';
import type { BriefingPack } from '../../core/briefing';
import { PAPERS, type Paper } from '../../core/export/pdf';
import { GapInputError } from '../../core/gap';
import { PeriodError } from '../../core/metrics';
import { FilterError } from '../../core/domain/filter';
import { withEngagement, type Command } from '../command';
import { parseFilters } from '../filters';
import { UsageError } from '../output';
import { ensureReportSite } from '../report-site';

/** The app version stamped on every pack. */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
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

interface PackChoice {
  period?: string;
  filters?: Record<string, string>;
}

/** The BriefingPack of one engagement for a period and filter. */
export function packOf(file: string, options: PackChoice): BriefingPack {
  return withEngagement(
    file,
    (error) => error instanceof PeriodError || error instanceof GapInputError || error instanceof FilterError,
    (db) =>
      buildBriefingPack(db, {
        ...(options.period ? { period: options.period } : {}),
        filters: options.filters ?? {},
        appVersion: appVersion(),
      }),
  );
}

/** Builds the pack of one engagement and prints it to `out`; returns pages and seconds. */
export async function exportPackPdf(
  file: string,
  options: PackChoice & { paper: Paper; out: string },
): Promise<{ path: string; pages: number; seconds: number }> {
  const started = performance.now();
  const pack = packOf(file, options);
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

/** `cxbrief export X.cxb --period P [--filter k=v …] [--pdf out.pdf [--paper a4|letter]] [--pptx out.pptx] [--xlsx out.xlsx]`. */
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
  async run(positionals, values) {
    const [file] = positionals;
    if (!file) throw new UsageError('name the engagement file: cxbrief export X.cxb --pdf pack.pdf');
    if (!values.pdf && !values.pptx && !values.xlsx)
      throw new UsageError('say what to write: --pdf pack.pdf, --pptx deck.pptx or --xlsx book.xlsx');
    const choice: PackChoice = {
      ...(values.period ? { period: String(values.period) } : {}),
      filters: parseFilters((values.filter as string[] | undefined) ?? []),
    };
    if (values.pdf) {
      const result = await exportPackPdf(file, {
        ...choice,
        paper: paperOf(values.paper),
        out: String(values.pdf),
      });
      console.log(
        `PDF pack (${result.pages} pages) written to ${result.path} in ${result.seconds.toFixed(1)} s`,
      );
    }
    if (values.pptx || values.xlsx) await exportPackFiles(packOf(file, choice), values);
    return 0;
  },
};

/** Writes the PowerPoint deck (--pptx) and the Excel workbook (--xlsx) of a pack, as asked. */
export async function exportPackFiles(pack: BriefingPack, values: Record<string, unknown>): Promise<void> {
  if (values.pptx) {
    const started = performance.now();
    const out = outputPath(values.pptx);
    // Loaded only to export: pptxgenjs and jszip stay out of every other command's start.
    const { writeDeck } = await import('../../core/export/pptx');
    const deck = await writeDeck(pack, out);
    console.log(
      `PowerPoint deck (${deck.slides} slides, ${deck.charts} charts) written to ${deck.path} in ${seconds(started)} s`,
    );
  }
  if (values.xlsx) {
    const started = performance.now();
    const out = outputPath(values.xlsx);
    const { writeWorkbook } = await import('../../core/export/xlsx');
    const book = await writeWorkbook(pack, out);
    console.log(
      `Excel workbook (${book.sheets.length} sheets) written to ${book.path} in ${seconds(started)} s`,
    );
  }
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
