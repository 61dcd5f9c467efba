/**
 * A large CSV of answers converts in a worker thread (src/core/import/convert-thread.ts) while the
 * importing thread writes. Whatever thread converts, the engagement file ends the same: every
 * table, row for row (the derived-importance sums, floats added in another order, within 1e-9
 * relative), and the same report, rejects and refusals; a cancelled threaded import writes nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  importFile,
  ImportCancelled,
  type ImportReport,
  type ImportRequest,
  type Mapping,
} from '../../../src/core/import';
import { convertsInThread, THREAD_MIN_BYTES } from '../../../src/core/import/convert-thread';
import { MAX_CELL_CHARS } from '../../../src/core/import/bounds';
import { openEngagement, type Db } from '../../../src/core/store';
import { useTempDir } from '../../helpers';
import { answersMapping, random } from '../store/answer-files';

const tempDir = useTempDir();
afterEach(() => {
  delete process.env.CXBRIEF_CONVERT_THREAD;
});

/**
 * Answers keyed R<from>…: repeated keys (in-file duplicates), unreadable scores and dates
 * (rejects), blank scores, respondents answering several times, customers, touchpoints and a
 * language attribute.
 */
function answersCsv(name: string, from: number, rows: number, seed: number, extra = ''): string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const score = (min: number, max: number) =>
    rnd() < 0.1 ? '' : rnd() < 0.01 ? 'n/a?' : String(min + Math.floor(rnd() * (max - min + 1)));
  const lines = ['rid,person,customer,date,touchpoint,nps,csat,ces,language'];
  for (let i = 0; i < rows; i += 1) {
    const key = rnd() < 0.01 ? from + Math.floor(rnd() * (i + 1)) : from + i;
    const date =
      rnd() < 0.005
        ? '31/31/2025'
        : `2025-${String(1 + Math.floor(rnd() * 9)).padStart(2, '0')}-1${pick([...'0123456789'])}`;
    lines.push(
      [
        `R${key}`,
        `P${Math.floor(rnd() * rows * 0.4)}`,
        rnd() < 0.2 ? '' : `C${Math.floor(rnd() * 300)}`,
        date,
        pick(['Web', 'Store', 'Phone', 'Billing', '']),
        score(0, 10),
        score(1, 5),
        score(1, 7),
        pick(['en', 'de', 'fr', '']),
      ].join(','),
    );
  }
  const file = join(tempDir(), name);
  writeFileSync(file, lines.join('\n') + '\n' + extra);
  return file;
}

/** A long export as survey tools give it: one answer a row, its survey named in a column. */
function longCsv(name: string, from: number, rows: number, seed: number): string {
  const rnd = random(seed);
  const surveys: Array<[string, number, number]> = [
    ['nps', 0, 10],
    ['csat', 1, 5],
    ['ces', 1, 7],
  ];
  const lines = ['response_id,contact_id,customer_id,responded_on,touchpoint,survey_type,score,comment'];
  for (let i = from; i < from + rows; i += 1) {
    const [survey, min, max] = surveys[Math.floor(rnd() * 3)] as [string, number, number];
    const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
    lines.push(
      [
        `R-${i}`,
        `CT-${Math.floor(rnd() * 2500)}`,
        rnd() < 0.1 ? '' : `NW-${Math.floor(rnd() * 400)}`,
        `2025-0${1 + Math.floor(rnd() * 9)}-${day}`,
        ['Sales demo', 'Onboarding', 'Contract & billing', 'Support'][Math.floor(rnd() * 4)],
        survey,
        String(min + Math.floor(rnd() * (max - min + 1))),
        rnd() < 0.3 ? '"Support took too long, twice"' : '',
      ].join(','),
    );
  }
  const file = join(tempDir(), name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

type Dump = Record<string, unknown[][]>;

/** Every table of the file, rows in a fixed order. */
function dump(db: Db): Dump {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const out: Dump = {};
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
    out[table] = rows
      .map((row) => row.map((value) => comparable(value, table === 'ltr_respondents')))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

/** Floats to 9 significant digits; the float64 sums of ltr_respondents as numbers, other blobs byte for byte. */
function comparable(value: unknown, floatBlobs: boolean): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(9));
  if (Buffer.isBuffer(value)) return floatBlobs ? floatValues(value) : value.toString('hex');
  return value;
}

function floatValues(blob: Buffer): number[] {
  const values: number[] = [];
  for (let at = 0; at < blob.length; at += 8) values.push(Number(blob.readDoubleLE(at).toPrecision(9)));
  return values;
}

/** The times a file and its imports were made differ between two runs; nothing else may. */
function withoutTimes(tables: Dump): Dump {
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      rows.map((row) => row.filter((cell) => !isTimestamp(cell))),
    ]),
  );
}

function isTimestamp(cell: unknown): boolean {
  return typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(cell);
}

async function importBoth(requests: ImportRequest[]): Promise<{ threaded: Run; here: Run }> {
  return { threaded: await run('1', requests), here: await run('0', requests) };
}

interface Run {
  reports: ImportReport[];
  tables: Dump;
}

async function run(thread: '0' | '1', requests: ImportRequest[]): Promise<Run> {
  process.env.CXBRIEF_CONVERT_THREAD = thread;
  const engagement = openEngagement(join(tempDir(), `thread-${thread}.cxb`));
  // One salt for both files, so identifiers hashed with it compare too.
  engagement.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('pii_salt', 'same-salt')`).run();
  try {
    const reports: ImportReport[] = [];
    for (const request of requests) reports.push(await importFile(engagement.db, request));
    return { reports, tables: withoutTimes(dump(engagement.db)) };
  } finally {
    engagement.close();
  }
}

describe('answers converted in a worker thread', () => {
  it('converts large CSV files of answers with one answer a row in a worker, and only those', () => {
    const long: Mapping = { kind: 'responses', fields: { survey: 'type', score: 'score' } };
    const big = THREAD_MIN_BYTES;
    expect(convertsInThread('csv', long, big)).toBe(true);
    expect(convertsInThread('csv', long, big - 1)).toBe(false);
    expect(convertsInThread('xlsx', long, big)).toBe(false);
    expect(convertsInThread('csv', answersMapping, big)).toBe(false); // three answers a row
    expect(convertsInThread('csv', { kind: 'customers', fields: { customer_id: 'id' } }, big)).toBe(false);
    process.env.CXBRIEF_CONVERT_THREAD = '0';
    expect(convertsInThread('csv', long, big)).toBe(false);
    process.env.CXBRIEF_CONVERT_THREAD = '1';
    expect(convertsInThread('csv', answersMapping, 1)).toBe(true);
  });

  it('leaves the same file as converting in the importing thread: two imports, the second replacing rows of the first', async () => {
    const first = answersCsv('q1.csv', 0, 6000, 1);
    const second = answersCsv('q2.csv', 4000, 5000, 2);
    const requests: ImportRequest[] = [first, second].map((file) => ({
      file,
      mapping: answersMapping,
      acceptRejects: true,
    }));
    const { threaded, here } = await importBoth(requests);
    // The files exercise what they should: rejects, blanks, in-file duplicates, replaced rows.
    const [one, two] = here.reports as [ImportReport, ImportReport];
    expect(one.rowsRejected).toBeGreaterThan(50);
    expect(one.rejects.some((r) => /duplicate of row/.test(r.reason))).toBe(true);
    expect(one.blanksSkipped).toBeGreaterThan(500);
    expect(two.notes.join(' ')).toMatch(/older responses rows were replaced/);
    expect(here.tables.ltr_respondents?.length).toBeGreaterThan(1000);
    expect(threaded.reports).toEqual(here.reports);
    expect(Object.keys(threaded.tables)).toEqual(Object.keys(here.tables));
    for (const table of Object.keys(here.tables))
      expect(threaded.tables[table], `table ${table}`).toEqual(here.tables[table]);
  });

  it('leaves the same file for long files (one answer a row, its survey in a column, no attributes) with a detected mapping', async () => {
    const first = longCsv('long-1.csv', 0, 8000, 9);
    const second = longCsv('long-2.csv', 6000, 6000, 10);
    const { threaded, here } = await importBoth([{ file: first }, { file: second }]);
    expect(here.reports[0]?.mapping?.fields.survey).toBe('survey_type');
    expect(here.reports[1]?.notes.join(' ')).toMatch(/older responses rows were replaced/);
    expect(here.tables.account_answers?.length).toBeGreaterThan(1000);
    expect(here.tables.nps_matrix?.length).toBeGreaterThan(3);
    expect(threaded.reports).toEqual(here.reports);
    for (const table of Object.keys(here.tables))
      expect(threaded.tables[table], `table ${table}`).toEqual(here.tables[table]);
  });

  it('refuses a file it cannot read with the same error, and writes nothing', async () => {
    const file = answersCsv(
      'bad.csv',
      0,
      3000,
      3,
      `R9999,P1,C1,2025-01-01,Web,${'9'.repeat(MAX_CELL_CHARS + 1)},3,4,en\n`,
    );
    const outcomes: string[] = [];
    for (const thread of ['1', '0'] as const) {
      process.env.CXBRIEF_CONVERT_THREAD = thread;
      const engagement = openEngagement(join(tempDir(), `bad-${thread}.cxb`));
      const error = (await importFile(engagement.db, { file, mapping: answersMapping }).catch(
        (e: unknown) => e,
      )) as Error & { code?: string };
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('ImportError');
      outcomes.push(`${error.code}: ${error.message}`);
      expect(engagement.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
      expect(engagement.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
      engagement.close();
    }
    expect(outcomes[0]).toMatch(/row 3002/);
    expect(outcomes[0]).toBe(outcomes[1]);
  });

  it('stops when the import is cancelled, writing nothing, and the next import goes through', async () => {
    process.env.CXBRIEF_CONVERT_THREAD = '1';
    const file = answersCsv('big.csv', 0, 60_000, 4);
    const engagement = openEngagement(join(tempDir(), 'cancel.cxb'));
    try {
      const controller = new AbortController();
      const cancelled = importFile(engagement.db, {
        file,
        mapping: answersMapping,
        acceptRejects: true,
        signal: controller.signal,
        progressInterval: 0,
        onProgress: (progress) => {
          if (progress.rowsRead > 1000) controller.abort();
        },
      });
      await expect(cancelled).rejects.toBeInstanceOf(ImportCancelled);
      expect(engagement.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
      expect(engagement.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
      const report = await importFile(engagement.db, { file, mapping: answersMapping, acceptRejects: true });
      expect(report.rowsRead).toBe(60_000);
    } finally {
      engagement.close();
    }
  });
});
