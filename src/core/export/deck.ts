/**
 * The deck's frame: a wide (13.33 × 7.5 in) slide with the section's name above a title that states
 * its key message, a footer like the PDF's ("Engagement · Period · Confidential · slide x of y"),
 * tables paged by our own code with the header repeated, and speaker notes.
 */
import PptxGenJS from 'pptxgenjs';
import type { BriefingPack, SectionId } from '../briefing';
import { formatterFor, type Formatter, type Unit } from '../format';
import { COLORS, type Box, type ChartFrame } from './deck-charts';
import { excelFormats } from './number-formats';
import { pageRows } from './paging';
import { SECTION_NAMES, sectionTitles } from './titles';

export const FONT = 'Arial';
const WIDTH = 13.333;
const MARGIN = 0.45;
/** Where a slide's content goes, below the title and above the footer. */
export const BODY: Box = { x: MARGIN, y: 1.5, w: WIDTH - 2 * MARGIN, h: 5.45 };

export const RAG_FILL = { green: 'DCFCE7', amber: 'FEF3C7', red: 'FEE2E2' } as const;

export interface Deck {
  pptx: PptxGenJS;
  pack: BriefingPack;
  f: Formatter;
  format: (unit: Unit) => string;
  titles: Record<SectionId, string>;
  slides: PptxGenJS.Slide[];
  charts: number;
}

export function createDeck(pack: BriefingPack): Deck {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = pack.engagement.preparedBy ?? 'CX Brief';
  pptx.company = pack.engagement.client ?? pack.engagement.name;
  pptx.title = `${pack.engagement.name} — board pack ${pack.period.display}`;
  pptx.subject = 'Customer experience board pack';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const f = formatterFor(pack.where);
  return {
    pptx,
    pack,
    f,
    format: excelFormats(pack.where),
    titles: sectionTitles(pack, f),
    slides: [],
    charts: 0,
  };
}

/** A new slide of a section, titled with its key message ("continued" on later pages). */
export function sectionSlide(deck: Deck, id: SectionId, page = 1, pages = 1): PptxGenJS.Slide {
  const slide = deck.pptx.addSlide();
  const kicker = pages > 1 ? `${SECTION_NAMES[id]} · ${page} of ${pages}` : SECTION_NAMES[id];
  slide.addText(kicker, {
    x: MARGIN,
    y: 0.25,
    w: BODY.w,
    h: 0.3,
    fontFace: FONT,
    fontSize: 11,
    color: COLORS.muted,
    bold: true,
  });
  slide.addText(page > 1 ? `${deck.titles[id]} (continued)` : deck.titles[id], {
    x: MARGIN,
    y: 0.55,
    w: BODY.w,
    h: 0.85,
    fontFace: FONT,
    fontSize: 20,
    bold: true,
    color: COLORS.ink,
    valign: 'top',
    fit: 'shrink',
  });
  deck.slides.push(slide);
  return slide;
}

export function chartFrame(deck: Deck, slide: PptxGenJS.Slide, box: Box): ChartFrame {
  deck.charts += 1;
  return { slide, box, format: deck.format, font: FONT };
}

/** Footers once every slide exists, so each says "slide x of y". */
export function addFooters(deck: Deck): void {
  const { pack } = deck;
  deck.slides.forEach((slide, i) =>
    slide.addText(
      `${pack.engagement.name} · ${pack.period.display} · Confidential · slide ${i + 1} of ${deck.slides.length}`,
      { x: MARGIN, y: 7.08, w: BODY.w, h: 0.3, fontFace: FONT, fontSize: 8, color: COLORS.muted },
    ),
  );
}

export type Align = 'left' | 'right' | 'center';

export interface Column {
  head: string;
  width: number;
  align?: Align;
}

export interface Cell {
  text: string;
  fill?: string;
  bold?: boolean;
}

function tableRows(columns: Column[], rows: Cell[][]): PptxGenJS.TableRow[] {
  const head: PptxGenJS.TableRow = columns.map((c) => ({
    text: c.head,
    options: { bold: true, fill: { color: 'F3F4F6' }, align: c.align ?? 'left', color: COLORS.ink },
  }));
  return [
    head,
    ...rows.map((row) =>
      row.map((cell, i) => ({
        text: cell.text,
        options: {
          align: columns[i]?.align ?? 'left',
          bold: cell.bold ?? false,
          ...(cell.fill ? { fill: { color: cell.fill } } : {}),
        },
      })),
    ),
  ];
}

/** Adds one table (header and rows) at `box`; the widths are fractions of the box width. */
export function addTable(
  slide: PptxGenJS.Slide,
  box: Box,
  columns: Column[],
  rows: Cell[][],
  fontSize = 10,
): void {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  slide.addTable(tableRows(columns, rows), {
    x: box.x,
    y: box.y,
    w: box.w,
    colW: columns.map((c) => (c.width / total) * box.w),
    fontFace: FONT,
    fontSize,
    color: COLORS.ink,
    border: { type: 'solid', pt: 0.5, color: 'D1D5DB' },
    margin: 0.04,
    valign: 'middle',
  });
}

/**
 * A table over as many slides as it needs, `perPage` rows each, the header repeated on every page;
 * `notes` writes each page's speaker notes from its rows.
 */
export function pagedTableSlides<Row>(
  deck: Deck,
  id: SectionId,
  columns: Column[],
  rows: readonly Row[],
  options: {
    perPage: number;
    cells: (row: Row) => Cell[];
    notes: (rows: Row[]) => string;
    fontSize?: number;
  },
): PptxGenJS.Slide[] {
  return pageRows(rows, options.perPage).map((page) => {
    const slide = sectionSlide(deck, id, page.page, page.pages);
    addTable(slide, BODY, columns, page.rows.map(options.cells), options.fontSize);
    slide.addNotes(options.notes(page.rows));
    return slide;
  });
}
