/**
 * PowerPoint and Excel pack benchmark (DESIGN §10: PPTX and XLSX of the demo pack < 1 s each), from
 * a built pack to the file on disk. Floors measured in the same run: pptxgenjs writing a bare deck of
 * as many slides with as many line charts (no repair), and exceljs writing as many numeric cells.
 * Median of three runs each, after one warm-up.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import PptxGenJS from 'pptxgenjs';
import { buildDemoEngagement } from '../src/demo/build';
import { buildBriefingPack } from '../src/core/briefing';
import { writeDeck, writeWorkbook } from '../src/core/export';
import { openEngagement } from '../src/core/store';

const out = resolve(process.env.BENCH_OUT ?? 'bench-out', 'pack');
mkdirSync(out, { recursive: true });
const file = join(out, 'demo.cxb');
if (!existsSync(file)) await buildDemoEngagement(file);
const engagement = openEngagement(file, { create: false });
const pack = buildBriefingPack(engagement.db, { appVersion: 'bench' });
engagement.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// A smoke run of the bench (a few thousand rows) times each file once.
const RUNS = Number(process.env.BENCH_RESPONSES ?? 1_000_000) < 100_000 ? 1 : 3;

async function timed(work: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await work();
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    seconds.push((performance.now() - started) / 1000);
  }
  return median(seconds);
}

let slides = 0;
let charts = 0;
let cells = 0;
const deck = await timed(async () => {
  const result = await writeDeck(pack, join(out, 'deck.pptx'));
  slides = result.slides;
  charts = result.charts;
});
const book = await timed(async () => {
  await writeWorkbook(pack, join(out, 'book.xlsx'));
});
const reread = new ExcelJS.Workbook();
await reread.xlsx.readFile(join(out, 'book.xlsx'));
for (const sheet of reread.worksheets) sheet.eachRow((row) => (cells += row.cellCount));

const bareDeck = await timed(async () => {
  const pptx = new PptxGenJS();
  const labels = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
  for (let s = 0; s < slides; s++) {
    const slide = pptx.addSlide();
    slide.addText(`Slide ${s + 1}`, { x: 0.5, y: 0.5, w: 8, h: 0.8 });
    if (s < charts)
      slide.addChart('line', [{ name: 'series', labels, values: labels.map((_, i) => i) }], {
        x: 0.5,
        y: 1.5,
        w: 8,
        h: 4,
      });
  }
  await pptx.writeFile({ fileName: join(out, 'bare.pptx') });
});
const bareBook = await timed(async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('cells');
  for (let i = 0; i < cells; i++) sheet.getCell(Math.floor(i / 10) + 1, (i % 10) + 1).value = i + 0.5;
  await workbook.xlsx.writeFile(join(out, 'bare.xlsx'));
});

console.log(
  `demo pack PPTX (${slides} slides, ${charts} charts): ${deck.toFixed(3)} s (target < 1 s); bare pptxgenjs deck ${bareDeck.toFixed(3)} s; ratio ${(deck / bareDeck).toFixed(2)}×`,
);
console.log(
  `demo pack XLSX (${reread.worksheets.length} sheets, ${cells.toLocaleString('en-US')} cells): ${book.toFixed(3)} s (target < 1 s); bare exceljs ${bareBook.toFixed(3)} s; ratio ${(book / bareBook).toFixed(2)}×`,
);
