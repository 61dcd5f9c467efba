/**
 * Detection on GENERATED files (issue 3 item 2): renamed, reordered and translated headers, scale
 * inference, text Likert labels, "Touchpoint - Dimension" headers, xlsx layouts (month headers as
 * date cells, a merged title block above the header), personal data and day/month order. The files
 * are written here in a temp dir; no dataset file is copied and no dataset header is used.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  detectHeader,
  importFile,
  openSource,
  proposeMapping,
  type ColumnProposal,
  type MappingProposal,
  type RawRow,
} from '../../../src/core/import';
import type { HeaderLayout } from '../../../src/core/import';
import { openEngagement, type Engagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', '..', 'bin', 'cxbrief.js');

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A small seeded generator so every run writes the same files. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Value = string | number | null;

function csvText(rows: Value[][]): string {
  const cell = (v: Value) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function writeCsv(name: string, rows: Value[][]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, csvText(rows));
  return path;
}

async function detect(file: string): Promise<{ header: HeaderLayout; proposal: MappingProposal }> {
  const source = await openSource(file);
  const sample: RawRow[] = [];
  for await (const batch of source.batches()) {
    sample.push(...batch);
    if (sample.length >= 500) break;
  }
  const header = detectHeader(sample);
  if (!header) throw new Error('no header detected');
  return { header, proposal: proposeMapping(header, sample) };
}

function columnOf(proposal: MappingProposal, column: string): ColumnProposal {
  const found = proposal.columns.find((c) => c.column === column);
  if (!found) throw new Error(`no proposal for column "${column}"`);
  return found;
}

function engagement(): Engagement {
  return openEngagement(join(tempDir(), 'detect.cxb'));
}

function dates(n: number, rand: () => number): string[] {
  return Array.from({ length: n }, () => {
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    return `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
}

/** A 0–10 NPS column with every value present. */
function npsScores(n: number, rand: () => number): number[] {
  return Array.from({ length: n }, (_, i) => (i < 11 ? i : Math.floor(rand() * 11)));
}

function expectedNps(scores: number[]): number {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return (100 * (promoters - detractors)) / scores.length;
}

interface SurveyColumns {
  id: string;
  date: string;
  nps: string;
  comment: string;
}

function npsSurvey(headers: SurveyColumns, n = 80, seed = 7) {
  const rand = random(seed);
  const scores = npsScores(n, rand);
  const when = dates(n, rand);
  const comments = ['Great service', 'Too slow, sadly', '', 'Friendly staff', 'Will come back'];
  const rows: Value[][] = scores.map((score, i) => [
    `C-${1000 + i}`,
    when[i] as string,
    score,
    comments[i % comments.length] || null,
  ]);
  return { header: [headers.id, headers.date, headers.nps, headers.comment], rows, scores };
}

function expectNpsProposal(proposal: MappingProposal, headers: SurveyColumns): void {
  expect(proposal.kind).toBe('responses');
  const fields = proposal.mapping?.fields ?? {};
  expect(
    fields.customer_id === headers.id ||
      fields.respondent_id === headers.id ||
      fields.response_id === headers.id,
    `"${headers.id}" proposed as ${JSON.stringify(columnOf(proposal, headers.id))}`,
  ).toBe(true);
  expect(fields.responded_on).toBe(headers.date);
  expect(fields.comment).toBe(headers.comment);
  const nps = proposal.mapping?.items?.filter((item) => item.survey === 'nps') ?? [];
  expect(nps.map((item) => [item.column, item.scaleMin, item.scaleMax])).toEqual([[headers.nps, 0, 10]]);
}

describe('detection: renamed, reordered and translated headers', () => {
  const renamed: SurveyColumns = {
    id: 'Client No.',
    date: 'Date of visit',
    nps: 'Likelihood to recommend us (0-10)',
    comment: 'Kommentar',
  };

  it('renamed headers: "Client No.", "Likelihood to recommend us (0-10)", "Kommentar"', async () => {
    const survey = npsSurvey(renamed);
    const file = writeCsv('renamed.csv', [survey.header, ...survey.rows]);
    const { proposal } = await detect(file);
    expectNpsProposal(proposal, renamed);
    // and the import with that detected mapping gives the NPS of the generated scores
    const e = engagement();
    const report = await importFile(e.db, { file });
    expect(report.rowsRejected).toBe(0);
    const stored = e.db
      .prepare(
        `SELECT count(*) AS n, 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) AS nps
         FROM responses WHERE active = 1 AND survey = 'nps'`,
      )
      .get() as { n: number; nps: number };
    expect(stored.n).toBe(survey.scores.length);
    expect(stored.nps).toBeCloseTo(expectedNps(survey.scores), 10);
    expect(
      e.db.prepare(`SELECT count(*) AS n FROM responses WHERE comment = 'Too slow, sadly'`).get(),
    ).toEqual({ n: 16 });
    e.close();
  });

  it('reordered columns give the same mapping', async () => {
    const survey = npsSurvey(renamed);
    const order = [3, 2, 0, 1];
    const reorder = (row: Value[]) => order.map((i) => row[i] as Value);
    const plain = await detect(writeCsv('plain.csv', [survey.header, ...survey.rows]));
    const shuffled = await detect(
      writeCsv('reordered.csv', [reorder(survey.header), ...survey.rows.map(reorder)]),
    );
    expectNpsProposal(shuffled.proposal, renamed);
    expect(shuffled.proposal.kind).toBe(plain.proposal.kind);
    expect(shuffled.proposal.mapping?.fields).toEqual(plain.proposal.mapping?.fields);
    const items = (p: MappingProposal) =>
      [...(p.mapping?.items ?? [])].sort((a, b) => a.column.localeCompare(b.column));
    expect(items(shuffled.proposal)).toEqual(items(plain.proposal));
  });

  const translated: Array<[string, SurveyColumns]> = [
    [
      'French',
      {
        id: 'Numéro client',
        date: 'Date de réponse',
        nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ? (0-10)',
        comment: 'Commentaire',
      },
    ],
    [
      'German',
      {
        id: 'Kundennummer',
        date: 'Antwortdatum',
        nps: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen? (0-10)',
        comment: 'Kommentar',
      },
    ],
    [
      'Spanish',
      {
        id: 'Número de cliente',
        date: 'Fecha de respuesta',
        nps: '¿Qué probabilidad hay de que nos recomiende a un amigo? (0-10)',
        comment: 'Comentario',
      },
    ],
  ];

  it.each(translated)('%s headers are detected', async (_language, headers) => {
    const survey = npsSurvey(headers, 60, 11);
    const { proposal } = await detect(writeCsv('translated.csv', [survey.header, ...survey.rows]));
    expectNpsProposal(proposal, headers);
  });
});

describe('detection: scales and answer labels', () => {
  it('a 1–5 "recommend" item is a rating, never an NPS', async () => {
    const rand = random(3);
    const rows: Value[][] = Array.from({ length: 60 }, (_, i) => [
      `R${i + 1}`,
      1 + (i % 5),
      1 + Math.floor(rand() * 5),
    ]);
    const file = writeCsv('recommend-1-5.csv', [
      ['Response ID', 'How likely are you to recommend us to a friend?', 'Overall satisfaction'],
      ...rows,
    ]);
    const { proposal } = await detect(file);
    expect(proposal.kind).toBe('responses');
    const recommend = columnOf(proposal, 'How likely are you to recommend us to a friend?');
    expect(recommend.use).toBe('item');
    expect(recommend.item?.survey).toBe('rating');
    expect([recommend.item?.scaleMin, recommend.item?.scaleMax]).toEqual([1, 5]);
    expect(proposal.mapping?.items?.some((item) => item.survey === 'nps')).toBe(false);
    const e = engagement();
    await importFile(e.db, { file });
    expect(e.db.prepare(`SELECT count(*) AS n FROM responses WHERE survey = 'nps'`).get()).toEqual({ n: 0 });
    e.close();
  });

  it('infers 0–10, 1–5 and 1–7 scales from the values', async () => {
    const rand = random(5);
    const rows: Value[][] = Array.from({ length: 70 }, (_, i) => [
      `R${i + 1}`,
      i < 11 ? i : Math.floor(rand() * 11),
      i < 5 ? i + 1 : 1 + Math.floor(rand() * 5),
      i < 7 ? i + 1 : 1 + Math.floor(rand() * 7),
    ]);
    const { proposal } = await detect(
      writeCsv('scales.csv', [
        ['Response ID', 'Delivery rating', 'Support rating', 'Website rating'],
        ...rows,
      ]),
    );
    expect(proposal.kind).toBe('responses');
    const scale = (column: string) => {
      const item = columnOf(proposal, column).item;
      return [item?.scaleMin, item?.scaleMax];
    };
    expect(scale('Delivery rating')).toEqual([0, 10]);
    expect(scale('Support rating')).toEqual([1, 5]);
    expect(scale('Website rating')).toEqual([1, 7]);
    // Only the 0–10 column can be the NPS (with no recommend question, the first 0–10 item is read as it).
    for (const column of ['Support rating', 'Website rating'])
      expect(columnOf(proposal, column).item?.survey).not.toBe('nps');
  });

  const likertLabels = [
    'Strongly disagree',
    'Disagree',
    'Neither agree nor disagree',
    'Agree',
    'Strongly agree',
  ];

  async function likertCase(name: string, spell: (label: string, i: number) => string): Promise<void> {
    const rand = random(9);
    const expected: number[] = [];
    const rows: Value[][] = Array.from({ length: 60 }, (_, i) => {
      const score = i < 5 ? i + 1 : 1 + Math.floor(rand() * 5);
      expected.push(score);
      return [`R${i + 1}`, spell(likertLabels[score - 1] as string, i)];
    });
    const file = writeCsv(name, [['Response ID', 'The staff understood my needs'], ...rows]);
    const { proposal } = await detect(file);
    const item = columnOf(proposal, 'The staff understood my needs');
    expect(item.use, item.reason).toBe('item');
    expect([item.item?.scaleMin, item.item?.scaleMax]).toEqual([1, 5]);
    const e = engagement();
    const report = await importFile(e.db, { file });
    expect(report.rowsRejected).toBe(0);
    const stored = e.db
      .prepare(`SELECT response_id AS id, score FROM responses WHERE active = 1`)
      .all() as Array<{ id: string; score: number }>;
    const byId = new Map(stored.map((r) => [r.id, r.score]));
    expect(expected.map((_, i) => byId.get(`R${i + 1}`))).toEqual(expected);
    e.close();
  }

  it('maps text Likert labels to numbers, as exports spell them ("Agree", "agree ")', async () => {
    await likertCase('likert.csv', (label, i) => (i % 2 ? `${label.toLowerCase()} ` : label));
  });

  it('maps text Likert labels to numbers when every label comes in three spellings', async () => {
    // 5 labels × 3 spellings = 15 raw values, still one 5-point agreement scale.
    await likertCase('likert-spellings.csv', (label, i) =>
      i % 3 === 0 ? label : i % 3 === 1 ? `${label.toUpperCase()} ` : ` ${label.toLowerCase()}`,
    );
  });

  it('splits "Touchpoint - Dimension" headers into touchpoint and item', async () => {
    const headers = [
      'Call Centre - Friendliness',
      'Call Centre - Speed of Answer',
      'Web Shop - Product Range',
      'Web Shop - Checkout',
    ];
    const rand = random(13);
    const rows: Value[][] = Array.from({ length: 50 }, (_, i) => [
      String(500000 + i * 17),
      ...headers.map((_h, j) => (i < 5 ? i + 1 : 1 + Math.floor(rand() * 5 + j * 0))),
    ]);
    const file = writeCsv('touchpoints.csv', [['Customer ID', ...headers], ...rows]);
    const { proposal } = await detect(file);
    expect(proposal.kind).toBe('responses');
    for (const header of headers) {
      const [touchpoint, dimension] = header.split(' - ');
      const item = columnOf(proposal, header).item;
      expect(item?.touchpoint, header).toBe(touchpoint);
      expect(item?.item ?? '', header).toContain(dimension);
      expect(item?.item ?? '', header).not.toContain(' - ');
      expect([item?.scaleMin, item?.scaleMax]).toEqual([1, 5]);
    }
    const e = engagement();
    await importFile(e.db, { file });
    expect(
      e.db
        .prepare(
          `SELECT touchpoint, count(DISTINCT item) AS items, count(*) AS n FROM responses
           WHERE active = 1 GROUP BY touchpoint ORDER BY touchpoint`,
        )
        .all(),
    ).toEqual([
      { touchpoint: 'Call Centre', items: 2, n: 100 },
      { touchpoint: 'Web Shop', items: 2, n: 100 },
    ]);
    e.close();
  });
});

describe('detection: xlsx layouts', () => {
  it('a wide revenue sheet with months as real date cells imports as customer-month MRR', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('MRR by month');
    const months = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2024, i, 1)));
    sheet.addRow(['Account', 'Plan', ...months]);
    sheet.getRow(1).eachCell((cell, col) => {
      if (col > 2) cell.numFmt = 'mmm yy';
    });
    const rand = random(17);
    const expected = new Map<string, number>();
    for (let a = 0; a < 25; a += 1) {
      const values = months.map(() => Math.round(100 + rand() * 900));
      sheet.addRow([`ACC-${100 + a}`, a % 2 ? 'Pro' : 'Basic', ...values]);
      values.forEach((v, m) => expected.set(`ACC-${100 + a}|2024-${String(m + 1).padStart(2, '0')}`, v));
    }
    const file = join(tempDir(), 'wide-revenue.xlsx');
    await workbook.xlsx.writeFile(file);

    const { proposal } = await detect(file);
    expect(proposal.kind).toBe('revenue');
    expect(proposal.mapping?.layout).toBe('wide');
    expect(proposal.mapping?.fields.customer_id).toBe('Account');

    const e = engagement();
    const report = await importFile(e.db, { file });
    expect(report.rowsRejected).toBe(0);
    const stored = e.db
      .prepare(`SELECT customer_id AS c, period AS p, mrr FROM revenue WHERE active = 1`)
      .all() as Array<{ c: string; p: string; mrr: number }>;
    expect(new Set(stored.map((r) => r.p))).toEqual(
      new Set(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']),
    );
    expect(new Map(stored.map((r) => [`${r.c}|${r.p}`, r.mrr]))).toEqual(expected);
    e.close();
  });

  it('a merged two-line title block above a header on row 5', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.getCell('A1').value = 'Customer feedback export\nJuly–September 2024';
    sheet.mergeCells('A1:E2');
    sheet.getCell('A1').alignment = { wrapText: true };
    sheet.getCell('A3').value = 'Generated 2024-10-01 from the survey tool';
    sheet.getRow(5).values = [
      'Response ID',
      'Submitted',
      'Customer ID',
      'How likely are you to recommend us? (0-10)',
      'Comments',
    ];
    const rand = random(19);
    const scores = npsScores(40, rand);
    scores.forEach((score, i) => {
      sheet.getRow(6 + i).values = [
        `RSP-${i + 1}`,
        new Date(Date.UTC(2024, 6 + (i % 3), 1 + (i % 28))),
        `CUST-${i % 30}`,
        score,
        i % 4 === 0 ? 'Quick and easy' : null,
      ];
    });
    const file = join(tempDir(), 'titled.xlsx');
    await workbook.xlsx.writeFile(file);

    const { header, proposal } = await detect(file);
    expect(header.headerRow).toBe(5);
    expect(header.firstDataRow).toBe(6);
    expect(header.columns).toEqual([
      'Response ID',
      'Submitted',
      'Customer ID',
      'How likely are you to recommend us? (0-10)',
      'Comments',
    ]);
    expect(proposal.kind).toBe('responses');
    const e = engagement();
    const report = await importFile(e.db, { file });
    expect(report).toMatchObject({ rowsRead: 40, rowsRejected: 0 });
    const stored = e.db
      .prepare(
        `SELECT count(*) AS n, 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) AS nps,
                min(responded_on) AS first FROM responses WHERE active = 1 AND survey = 'nps'`,
      )
      .get() as { n: number; nps: number; first: string };
    expect(stored.n).toBe(40);
    expect(stored.nps).toBeCloseTo(expectedNps(scores), 10);
    expect(stored.first.slice(0, 7)).toBe('2024-07');
    e.close();
  });
});

describe('detection: personal data and dates', () => {
  it('e-mail hashed, phone and names dropped: reported by inspect, absent from what is stored', async () => {
    const first = ['Anna', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid'];
    const last = ['Schmidt', 'Okafor', 'Martin', 'Ivanov', 'Larsen', 'Haddad'];
    const rand = random(23);
    const rows: Value[][] = Array.from({ length: 48 }, (_, i) => {
      const f = first[i % first.length] as string;
      const l = last[(i * 5) % last.length] as string;
      return [
        `${f.toLowerCase()}.${l.toLowerCase()}${i}@example.org`,
        `+44 20 7946 ${String(1000 + i).padStart(4, '0')}`,
        f,
        l,
        `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
        1 + Math.floor(rand() * 5),
        i % 6 === 0 ? 'Good' : null,
      ];
    });
    const file = writeCsv('personal.csv', [
      [
        'E-mail address',
        'Phone',
        'First name',
        'Last name',
        'Date',
        'How satisfied were you? (1-5)',
        'Comment',
      ],
      ...rows,
    ]);
    const { proposal } = await detect(file);
    expect(proposal.kind).toBe('responses');
    expect(columnOf(proposal, 'E-mail address').use).toBe('hash');
    expect(columnOf(proposal, 'Phone').use).toBe('drop');
    expect(columnOf(proposal, 'First name').use).toBe('drop');
    expect(columnOf(proposal, 'Last name').use).toBe('drop');

    const inspect = cxbrief('inspect', file);
    expect(inspect.code).toBe(0);
    const line = (column: string) => inspect.stdout.split('\n').find((l) => l.includes(column)) ?? '';
    expect(line('E-mail address')).toMatch(/hash/);
    expect(line('Phone')).toMatch(/drop/);
    expect(line('First name')).toMatch(/drop/);
    expect(line('Last name')).toMatch(/drop/);
    // ... and says why (an e-mail column by its values, a phone column by its values, names by header)
    expect(line('E-mail address')).toMatch(/e-mail/i);
    expect(line('Phone')).toMatch(/phone/i);

    const e = engagement();
    const report = await importFile(e.db, { file });
    expect(report.rowsRejected).toBe(0);
    expect(report.notes.join(' ')).toMatch(/"Phone" holds personal data/);
    const stored = e.db.prepare(`SELECT * FROM responses WHERE active = 1`).all() as Array<
      Record<string, unknown>
    >;
    expect(stored).toHaveLength(48);
    const text = JSON.stringify(stored);
    for (const needle of ['@example.org', '7946', 'Schmidt', 'Chloé', 'Dmitri'])
      expect(text, `"${needle}" stored`).not.toContain(needle);
    for (const row of stored) {
      const attributes = JSON.parse(String(row.attributes ?? '{}')) as Record<string, unknown>;
      for (const key of ['E-mail address', 'Phone', 'First name', 'Last name'])
        expect(attributes).not.toHaveProperty(key);
    }
    e.close();
  });

  it('day/month order is decided once per file, not row by row', async () => {
    // One date has a day above 12, so the file is day-first, and 03/04/2024 is 3 April in every row.
    const rows: Value[][] = [
      ['R1', '03/04/2024', 9],
      ['R2', '05/06/2024', 7],
      ['R3', '13/04/2024', 10],
      ['R4', '03/04/2024', 4],
      ['R5', '11/02/2024', 8],
    ];
    const file = writeCsv('dmy.csv', [
      ['Response ID', 'Date', 'How likely are you to recommend us? (0-10)'],
      ...rows,
    ]);
    const e = engagement();
    await importFile(e.db, { file });
    const stored = e.db
      .prepare(`SELECT response_id AS id, responded_on AS d FROM responses ORDER BY response_id`)
      .all() as Array<{ id: string; d: string }>;
    expect(stored.map((r) => r.d.slice(0, 10))).toEqual([
      '2024-04-03',
      '2024-06-05',
      '2024-04-13',
      '2024-04-03',
      '2024-02-11',
    ]);
    e.close();
  });

  it('an ambiguous day/month file says so and --date-format overrides it (CLI)', () => {
    const rows: Value[][] = [
      ['R1', '01/02/2024', 9],
      ['R2', '02/03/2024', 7],
      ['R3', '03/04/2024', 10],
      ['R4', '04/05/2024', 4],
      ['R5', '05/06/2024', 8],
    ];
    const file = writeCsv('ambiguous.csv', [
      ['Response ID', 'Date', 'How likely are you to recommend us? (0-10)'],
      ...rows,
    ]);
    const dir = tempDir();
    const read = (cxb: string) => {
      const e = openEngagement(cxb, { create: false });
      const d = e.db.prepare(`SELECT responded_on AS d FROM responses ORDER BY response_id`).all() as Array<{
        d: string;
      }>;
      e.close();
      return d.map((r) => r.d.slice(0, 10));
    };

    const detected = cxbrief('import', file, '--into', join(dir, 'a.cxb'));
    expect(detected.code, detected.stderr).toBe(0);
    expect(detected.stdout).toMatch(/ambiguous/i);
    expect(detected.stdout).toMatch(/--date-format/);
    const asDetected = read(join(dir, 'a.cxb'));
    // one order for the whole file: either all day-first or all month-first
    const dayFirst = ['2024-02-01', '2024-03-02', '2024-04-03', '2024-05-04', '2024-06-05'];
    const monthFirst = ['2024-01-02', '2024-02-03', '2024-03-04', '2024-04-05', '2024-05-06'];
    expect([dayFirst, monthFirst]).toContainEqual(asDetected);

    const mdy = cxbrief('import', file, '--into', join(dir, 'b.cxb'), '--date-format', 'MM/DD/YYYY');
    expect(mdy.code, mdy.stderr).toBe(0);
    expect(read(join(dir, 'b.cxb'))).toEqual(monthFirst);
    const dmy = cxbrief('import', file, '--into', join(dir, 'c.cxb'), '--date-format', 'DD/MM/YYYY');
    expect(dmy.code, dmy.stderr).toBe(0);
    expect(read(join(dir, 'c.cxb'))).toEqual(dayFirst);
  });
});
