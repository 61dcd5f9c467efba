/** Reading a written deck back: its parts, the text of a slide, and each chart's series. */
import JSZip from 'jszip';

export interface Deckparts {
  zip: JSZip;
  slides: string[];
  notes: string[];
  charts: { path: string; xml: string }[];
}

const byNumber = (a: string, b: string) =>
  Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]);

async function parts(zip: JSZip, pattern: RegExp): Promise<{ path: string; xml: string }[]> {
  const paths = Object.keys(zip.files)
    .filter((p) => pattern.test(p))
    .sort(byNumber);
  return Promise.all(paths.map(async (path) => ({ path, xml: await zip.file(path)!.async('string') })));
}

export async function openDeck(bytes: Uint8Array): Promise<Deckparts> {
  const zip = await JSZip.loadAsync(bytes);
  const slides = await parts(zip, /^ppt\/slides\/slide\d+\.xml$/);
  const notes = await parts(zip, /^ppt\/notesSlides\/notesSlide\d+\.xml$/);
  return {
    zip,
    slides: slides.map((s) => s.xml),
    notes: notes.map((n) => n.xml),
    charts: await parts(zip, /^ppt\/charts\/chart\d+\.xml$/),
  };
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text runs of a slide or notes part, one paragraph per line. */
export function textOf(xml: string): string {
  return xml
    .split(/<\/a:p>/)
    .map((p) => [...p.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1] ?? '')).join(''))
    .filter(Boolean)
    .join('\n');
}

export interface ChartSeries {
  name: string;
  /** The worksheet column and first row the series' values come from. */
  column: string;
  firstRow: number;
  categories: string[];
  values: (number | null)[];
}

function points(cache: string): (string | null)[] {
  const count = Number(/<c:ptCount val="(\d+)"/.exec(cache)?.[1] ?? 0);
  const out: (string | null)[] = Array.from({ length: count }, () => null);
  for (const m of cache.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g))
    out[Number(m[1])] = m[2] === '' ? null : unescape(m[2] ?? '');
  return out;
}

/** Every series of a chart with its cached categories and values (for a scatter, the y values). */
export function chartSeries(xml: string): ChartSeries[] {
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser = '']) => {
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1] ?? '';
    const values =
      /<c:(?:val|yVal)>[\s\S]*?<c:f>Sheet1!\$([A-Z]+)\$(\d+)[^<]*<\/c:f>\s*<c:numCache>([\s\S]*?)<\/c:numCache>/.exec(
        ser,
      );
    const categories = /<c:(cat|xVal)>([\s\S]*?)<\/c:\1>/.exec(ser);
    return {
      name: unescape(name),
      column: values?.[1] ?? '',
      firstRow: Number(values?.[2] ?? 0),
      categories: points(categories?.[2] ?? '').map((c) => c ?? ''),
      values: points(values?.[3] ?? '').map((v) => (v === null ? null : Number(v))),
    };
  });
}

/** The embedded workbook a chart part points to. */
export async function embeddedWorkbook(deck: Deckparts, chartPath: string): Promise<Uint8Array> {
  const rels = await deck.zip
    .file(chartPath.replace(/charts\/(chart\d+\.xml)$/, 'charts/_rels/$1.rels'))!
    .async('string');
  const target = /Target="\.\.\/embeddings\/([^"]+)"/.exec(rels)?.[1];
  return deck.zip.file(`ppt/embeddings/${target}`)!.async('uint8array');
}
