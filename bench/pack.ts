/**
 * Board pack benchmark (DESIGN §10: demo PDF pack < 3 s from a warm engine). Measured beside its
 * floor in the same run: a bare Chromium print of a static page with the same number of pages.
 * Warm: the browser is already running (the engine keeps its printer), for the pack and the bare
 * print alike; the cold figure (launching the browser, as one `cxbrief export`) is printed too.
 * Median of three runs each.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDemoEngagement } from '../resources/demo/build';
import { ensureReportSite } from '../src/cli/report-site';
import { buildBriefingPack } from '../src/core/briefing';
import { createChromiumPrinter, launchBrowser } from '../src/core/export';
import { openEngagement } from '../src/core/store';

const out = resolve(process.env.BENCH_OUT ?? 'bench-out', 'pack');
mkdirSync(out, { recursive: true });
const file = join(out, 'demo.cxb');
if (!existsSync(file)) await buildDemoEngagement(file);
const site = await ensureReportSite();

// A smoke run of the bench (a few thousand rows) times each print once.
const RUNS = Number(process.env.BENCH_RESPONSES ?? 1_000_000) < 100_000 ? 1 : 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const engagement = openEngagement(file, { create: false });
let pages = 0;
const pdf = join(out, 'pack.pdf');
// Cold: a fresh printer, so the browser is launched as by one `cxbrief export`.
const cold = await timed(async () => {
  const printer = createChromiumPrinter({ site });
  try {
    const pack = buildBriefingPack(engagement.db, { appVersion: 'bench' });
    pages = (await printer.print({ pack, paper: 'a4', out: pdf })).pages;
  } finally {
    await printer.close();
  }
});
// Warm: the engine keeps its printer (and its browser) between exports, as the engine process does.
const printer = createChromiumPrinter({ site });
await printer.print({
  pack: buildBriefingPack(engagement.db, { appVersion: 'bench' }),
  paper: 'a4',
  out: pdf,
});
const packRuns: number[] = [];
const buildRuns: number[] = [];
for (let run = 0; run < RUNS; run++) {
  packRuns.push(
    await timed(async () => {
      const started = performance.now();
      const pack = buildBriefingPack(engagement.db, { appVersion: 'bench' });
      buildRuns.push((performance.now() - started) / 1000);
      await printer.print({ pack, paper: 'a4', out: pdf });
    }),
  );
}
await printer.close();
engagement.close();

const staticPage = `<!doctype html><style>@page { size: A4 landscape; margin: 14mm }
  section { break-after: page; font: 11pt sans-serif } section:last-child { break-after: auto }</style>
  ${Array.from({ length: pages }, (_, i) => `<section><h1>Page ${i + 1}</h1><p>${'Static text. '.repeat(200)}</p></section>`).join('')}`;
const browser = await launchBrowser();
const bareRuns: number[] = [];
for (let run = 0; run < RUNS + 1; run++) {
  const seconds = await timed(async () => {
    const page = await browser.newPage();
    await page.setContent(staticPage);
    await page.pdf({ path: join(out, 'bare.pdf'), preferCSSPageSize: true, printBackground: true });
    await page.close();
  });
  if (run > 0) bareRuns.push(seconds); // the first page of a new browser warms it, as for the pack
}
await browser.close();

const pack = median(packRuns);
const bare = median(bareRuns);
console.log(
  `demo pack PDF (${pages} pages) from a warm engine: ${pack.toFixed(2)} s (target < 3 s; pack model ${median(buildRuns).toFixed(2)} s); cold, launching the browser: ${cold.toFixed(2)} s`,
);
console.log(
  `bare Chromium print of ${pages} static pages: ${bare.toFixed(2)} s; pack / bare = ${(pack / bare).toFixed(2)}×`,
);
