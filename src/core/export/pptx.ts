/**
 * The board pack as a PowerPoint deck: a cover and one slide per pack section (more when a table
 * pages), native charts the user can edit, speaker notes with definitions, n and intervals. Written
 * by pptxgenjs 4.0.1, then its chart parts are repaired (orphan axis ids, blank zeros in the
 * embedded workbooks) before the file is written whole or not at all.
 */
import JSZip from 'jszip';
import type { BriefingPack } from '../briefing';
import { dropOrphanAxisIds, hideFloatingBase, scatterLabelsAtEdges } from './chart-xml';
import { FLOAT_SERIES } from './deck-charts';
import { addFooters, createDeck } from './deck';
import { addSections } from './deck-sections';
import { cachedCells, fillSheetFromCache } from './embedded-sheet';
import { writePackFile } from './write-file';

export interface DeckFile {
  bytes: Uint8Array;
  slides: number;
  charts: number;
}

export interface DeckResult {
  path: string;
  slides: number;
  charts: number;
  bytes: number;
}

const CHART_PART = /^ppt\/charts\/chart\d+\.xml$/;

function embeddedWorkbookOf(zip: JSZip, chartPath: string): Promise<string | null> | null {
  const rels = zip.file(chartPath.replace(/charts\/(chart\d+\.xml)$/, 'charts/_rels/$1.rels'));
  return rels ? rels.async('string') : null;
}

async function repairEmbeddedWorkbook(zip: JSZip, chartPath: string, chartXml: string): Promise<void> {
  const rels = await embeddedWorkbookOf(zip, chartPath);
  const target = rels ? /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels)?.[1] : undefined;
  const part = target ? zip.file(`ppt/embeddings/${target}`) : null;
  if (!part) return;
  const workbook = await JSZip.loadAsync(await part.async('uint8array'));
  const sheet = workbook.file('xl/worksheets/sheet1.xml');
  if (!sheet) return;
  workbook.file(
    'xl/worksheets/sheet1.xml',
    fillSheetFromCache(await sheet.async('string'), cachedCells(chartXml)),
  );
  zip.file(part.name, await workbook.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** Repairs every chart part of a pptxgenjs deck (see chart-xml.ts and embedded-sheet.ts). */
export async function repairCharts(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const path of Object.keys(zip.files).filter((p) => CHART_PART.test(p))) {
    const written = await (zip.file(path) as JSZip.JSZipObject).async('string');
    const xml = scatterLabelsAtEdges(hideFloatingBase(dropOrphanAxisIds(written), FLOAT_SERIES));
    zip.file(path, xml);
    await repairEmbeddedWorkbook(zip, path, xml);
  }
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  });
}

/** The deck of a pack, in memory (stored uncompressed by pptxgenjs: the repair compresses it once). */
export async function buildDeck(pack: BriefingPack): Promise<DeckFile> {
  const deck = createDeck(pack);
  addSections(deck);
  addFooters(deck);
  const raw = (await deck.pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return { bytes: await repairCharts(raw), slides: deck.slides.length, charts: deck.charts };
}

/** Writes the deck to `out` (temporary name, then rename). */
export async function writeDeck(pack: BriefingPack, out: string): Promise<DeckResult> {
  const deck = await buildDeck(pack);
  writePackFile(out, deck.bytes, 'PowerPoint deck');
  return { path: out, slides: deck.slides, charts: deck.charts, bytes: deck.bytes.byteLength };
}
