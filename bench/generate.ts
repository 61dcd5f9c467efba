/**
 * Benchmark inputs: a survey CSV with the demo's response columns (comments with quotes and
 * commas) and an XLSX of the same shape, generated deterministically and streamed to disk.
 */
import { createWriteStream } from 'node:fs';
import { RESPONSE_COLUMNS } from '../src/demo/generate';
import { TOUCHPOINTS as DEMO_TOUCHPOINTS } from '../src/demo/names';

export const TOUCHPOINTS = DEMO_TOUCHPOINTS.map((touchpoint) => touchpoint.name);
const SURVEYS: Array<[string, number, number]> = [
  ['nps', 0, 10],
  ['csat', 1, 5],
  ['ces', 1, 7],
];
const COMMENTS = [
  'Great onboarding, the team was "very" responsive, thanks',
  '',
  'Support took too long, twice',
  'Billing was confusing; invoice arrived late, again',
  '',
  'Product works well for us',
  '"Best vendor we have", said our CFO',
  '',
];

export interface BenchRow {
  values: Array<string | number>;
}

/**
 * `variant` makes another file of the same shape: other response ids (prefixed) and other draws, as
 * the next quarter's export of the same survey would be. Variant 0 is the benchmark file.
 */
function* rows(count: number, variant = 0): Generator<Array<string | number>> {
  // mulberry32 (an LCG computed in doubles loses precision and repeats a few thousand ids).
  let seed = 7 + variant * 7919;
  const prefix = variant === 0 ? 'R-' : `Q${variant}-R-`;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 1; i <= count; i += 1) {
    const [survey, min, max] = SURVEYS[i % 3] as [string, number, number];
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    yield [
      `${prefix}${String(i).padStart(7, '0')}`,
      `CT-${String(1 + Math.floor(next() * 200_000)).padStart(6, '0')}`,
      `NW-${String(10_000 + Math.floor(next() * 50_000))}`,
      `${2024 + (i % 3)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      TOUCHPOINTS[i % TOUCHPOINTS.length] as string,
      survey,
      min + Math.floor(next() * (max - min + 1)),
      COMMENTS[i % COMMENTS.length] as string,
    ];
  }
}

/** The demo engagement's response columns: the benchmark reads the same shape of file. */
export const HEADER: readonly string[] = RESPONSE_COLUMNS;

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeSurveyCsv(path: string, count: number, variant = 0): Promise<void> {
  const out = createWriteStream(path);
  let buffer = HEADER.join(',') + '\n';
  for (const row of rows(count, variant)) {
    buffer += row.map(csvCell).join(',') + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

/**
 * A wide survey: one row per response with its id and three scored questions (NPS, CSAT, CES), so
 * `count` rows hold 3 × `count` answers and as many respondents as rows.
 */
export async function writeWideSurveyCsv(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  let buffer =
    'response_id,customer_id,responded_on,touchpoint,likelihood to recommend,satisfaction,effort\n';
  for (const [id, , customer, date, touchpoint, , score] of rows(count)) {
    const n = Number(score);
    buffer += `${String(id)},${String(customer)},${String(date)},${String(touchpoint)},${n % 11},${1 + (n % 5)},${1 + (n % 7)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

export async function writeSurveyXlsx(path: string, count: number): Promise<void> {
  // Loaded here only: the import stages' processes should hold what the CLI holds, and no exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('Responses');
  sheet.addRow(HEADER).commit();
  for (const row of rows(count)) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
