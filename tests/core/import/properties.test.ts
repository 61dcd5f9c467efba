/**
 * Property-based tests of the import readers and cell parsers (issue 7). Every property runs at
 * least 1,000 cases. On failure fast-check's message (shown by vitest) carries the seed and path;
 * replay one with FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/core/import/properties.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/core/import/csv/reader';
import { ImportError } from '../../../src/core/import/errors';
import { detectDateOrder, parseDate, parseMonth, type DateOrder } from '../../../src/core/import/dates';
import { cleanText, isMissing, parseFlag, parseNumber } from '../../../src/core/import/values';
import { KNOWN_SCALES, detectLabelScale } from '../../../src/core/import/detect/likert';
import { proposeMapping } from '../../../src/core/import/detect';
import { detectHeader } from '../../../src/core/import/header';
import type { Cell, RawRow } from '../../../src/core/import/source';
import { KINDS } from '../../../src/core/import/mapping';
import { useTempDir } from '../../helpers';

const RUNS = 1_000;
const tempDir = useTempDir();

/** fc.assert with ≥ 1,000 runs; FC_SEED / FC_PATH replay a reported failure. */
function check<T>(property: fc.IAsyncProperty<T> | fc.IProperty<T>, runs = RUNS): Promise<void> | void {
  const replay = process.env.FC_SEED
    ? { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) }
    : {};
  const parameters = { numRuns: runs, verbose: 1 as const, ...replay };
  return fc.assert(property as fc.IAsyncProperty<T>, parameters);
}

async function readAll(path: string, options: Parameters<typeof openCsv>[1]): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const batch of openCsv(path, options).batches()) rows.push(...batch);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// CSV reader

const DELIMITERS = [',', ';', '\t', '|'] as const;
const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const;

/** Cells with the characters that break CSV: quotes, every delimiter, CR, LF, NUL, any unicode. */
const cellArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc.string({
      unit: fc.constantFrom(
        '"',
        ',',
        ';',
        '\t',
        '|',
        '\r',
        '\n',
        '\r\n',
        ' ',
        'a',
        'é',
        '東',
        '😀',
        '\u200f',
        '\0',
        '=',
      ),
      maxLength: 10,
    }),
  },
);

function writeCsv(rows: string[][], delimiter: string): string {
  // The writer of a careful export: every field quoted, quotes doubled, CRLF between records.
  return rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(delimiter)).join('\r\n');
}

function encode(text: string, encoding: (typeof ENCODINGS)[number]): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
  }
}

/** What the reader promises to give back: NUL characters dropped (as decoded), then newlines as LF. */
function expectedCell(cell: string): string {
  return cell.replace(/\0/g, '').replace(/\r\n?/g, '\n');
}

describe('CSV reader properties', () => {
  it('round-trips any table through a CSV writer, across delimiters, encodings and chunk sizes', async () => {
    await check(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }).chain((width) =>
          fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 8,
          }),
        ),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom(...ENCODINGS),
        fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 4096 })),
        fc.boolean(),
        async (rows, delimiter, encoding, chunkBytes, trailingNewline) => {
          const text = writeCsv(rows, delimiter) + (trailingNewline ? '\r\n' : '');
          // A file that starts with U+FEFF in plain UTF-8 is a BOM, not a cell: not a round trip.
          fc.pre(!(encoding === 'utf-8' && text.startsWith('"\ufeff')));
          const path = join(tempDir(), 'table.csv');
          writeFileSync(path, encode(text, encoding));
          const read = await readAll(path, { delimiter, chunkBytes });
          expect(read.map((row) => row.cells)).toEqual(rows.map((row) => row.map(expectedCell)));
          expect(read.map((row) => row.rowNumber)).toEqual(rows.map((_, i) => i + 1));
        },
      ),
    );
  });

  it('never crashes on arbitrary bytes: rows come back or a typed ImportError names the file', async () => {
    await check(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .string({
              unit: fc.constantFrom('"', ',', ';', '\n', '\r', 'a', '1', ' ', '\0', 'é'),
              maxLength: 200,
            })
            .map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
        ),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, chunkBytes) => {
          const path = join(tempDir(), 'any.csv');
          writeFileSync(path, bytes);
          try {
            const rows = await readAll(path, { chunkBytes });
            for (const row of rows) {
              expect(row.cells.length).toBeGreaterThan(0);
              for (const cell of row.cells) expect(typeof cell).toBe('string');
            }
            // Row numbers only rise: no record is read twice or out of order.
            for (let i = 1; i < rows.length; i += 1)
              expect(rows[i]?.rowNumber).toBeGreaterThan(rows[i - 1]?.rowNumber ?? 0);
          } catch (error) {
            expect(error).toBeInstanceOf(ImportError);
            expect((error as ImportError).file).toBe(path);
            expect((error as ImportError).row).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('loses no row: N data lines give N rows whatever the chunk size and line endings', async () => {
    await check(
      fc.asyncProperty(
        fc.array(fc.array(fc.stringMatching(/^[a-z0-9 .é]{0,6}$/), { minLength: 2, maxLength: 4 }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 32 }),
        async (rows, newline, chunkBytes) => {
          const nonBlank = rows.filter((row) => row.join(',') !== '' || row.length > 1);
          const path = join(tempDir(), 'lines.csv');
          writeFileSync(path, nonBlank.map((row) => row.join(',')).join(newline) + newline);
          const read = await readAll(path, { delimiter: ',', chunkBytes });
          expect(read.map((row) => row.cells)).toEqual(nonBlank);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Numbers

describe('number parsing properties', () => {
  const styles = [
    { decimal: '.', group: ',' },
    { decimal: '.', group: '' },
    { decimal: '.', group: ' ' },
    { decimal: '.', group: '\u00a0' },
    { decimal: ',', group: '.' },
    { decimal: ',', group: '' },
    { decimal: ',', group: ' ' },
    { decimal: ',', group: '\u202f' },
  ] as const;

  function group(digits: string, separator: string): string {
    if (!separator) return digits;
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  it('formatted → parsed equals the original (thousands, decimal commas, currency, negatives)', () => {
    check(
      fc.property(
        fc.bigInt({ min: 0n, max: 999_999_999_999n }),
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom(...styles),
        fc.constantFrom('', '€', '$', '£', '¥', 'EUR ', 'USD'),
        fc.constantFrom('prefix', 'suffix'),
        fc.constantFrom('none', 'minus', 'parentheses', 'unicode-minus', 'plus'),
        fc.boolean(),
        (units, decimals, style, currency, where, sign, padded) => {
          const digits = units.toString().padStart(decimals + 1, '0');
          const integer = digits.slice(0, digits.length - decimals);
          const fraction = digits.slice(digits.length - decimals);
          let text = group(integer, style.group) + (decimals ? style.decimal + fraction : '');
          if (currency) text = where === 'prefix' ? `${currency}${text}` : `${text} ${currency.trim()}`;
          if (sign === 'minus') text = `-${text}`;
          if (sign === 'unicode-minus') text = `\u2212${text}`;
          if (sign === 'plus') text = `+${text}`;
          if (sign === 'parentheses') text = `(${text})`;
          if (padded) text = `  ${text} `;
          const expected =
            (Number(units) / 10 ** decimals) *
            (['minus', 'parentheses', 'unicode-minus'].includes(sign) ? -1 : 1);
          const parsed = parseNumber(text, { decimal: style.decimal });
          expect(parsed, text).toEqual({ ok: true, value: expected });
        },
      ),
    );
  });

  it('plain numbers written by JavaScript parse back exactly', () => {
    check(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        fc.pre(!Object.is(value, -0));
        expect(parseNumber(String(value))).toEqual({ ok: true, value });
      }),
    );
  });

  it('plain decimals ("12", "-3", "4.50", "007") read the same by the fast path as by the full rules', () => {
    const plain = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,7}$/), fc.option(fc.stringMatching(/^[0-9]{1,6}$/)))
      .map(
        ([minus, whole, fraction]) => `${minus ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`,
      );
    check(
      fc.property(plain, (text) => {
        // A leading space takes the full path: the two must agree.
        expect(parseNumber(text)).toEqual(parseNumber(` ${text}`));
      }),
    );
  });

  it('never throws and never returns a non-finite number, on any text', () => {
    check(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('.', ','), (text, decimal) => {
        const parsed = parseNumber(text, { decimal: decimal as '.' | ',' });
        if (parsed.ok) expect(Number.isFinite(parsed.value)).toBe(true);
        else expect(parsed.reason).toContain('is not a number');
        parseFlag(text);
        isMissing(text);
        expect(typeof cleanText(text)).toBe('string');
      }),
    );
  });
});

describe('missing-answer tokens', () => {
  const TOKENS = ['', 'na', 'n/a', 'n.a.', '#n/a', 'null', 'none', '-', '--', 'nan', '(blank)', 'missing'];
  /** The plain definition: blank, or a token once trimmed and lower-cased (cells up to 12 characters). */
  const reference = (text: string) =>
    text === '' || (text.length <= 12 && TOKENS.includes(text.trim().toLowerCase()));
  const padding = fc.constantFrom('', ' ', '  ', '\t', '\u00a0', '\u2003', '\r\n');
  const word = fc.oneof(
    fc.constantFrom(
      ...TOKENS,
      'NA',
      'N/A',
      'Null',
      'NONE',
      'MISSING',
      '(Blank)',
      '#N/A',
      'NW-44951',
      'nps',
      'Maybe',
    ),
    fc.string({ maxLength: 14 }),
  );

  it('isMissing agrees with the plain definition on tokens, their cases and any padding', () => {
    check(
      fc.property(padding, word, padding, (before, text, after) => {
        const cell = before + text + after;
        expect(isMissing(cell)).toBe(reference(cell));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Dates

describe('date parsing properties', () => {
  const dayArb = fc
    .date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  function format(iso: string, order: DateOrder, separator: string, pad: boolean): string {
    const [y, m, d] = iso.split('-') as [string, string, string];
    const mm = pad ? m : String(Number(m));
    const dd = pad ? d : String(Number(d));
    if (order === 'YMD') return [y, m, d].join(separator);
    return order === 'DMY' ? [dd, mm, y].join(separator) : [mm, dd, y].join(separator);
  }

  it('formatted in each order → parsed back to the same calendar day', () => {
    check(
      fc.property(
        dayArb,
        fc.constantFrom<DateOrder>('DMY', 'MDY', 'YMD'),
        fc.constantFrom('/', '.', '-'),
        fc.boolean(),
        fc.constantFrom('', ' 00:00', ' 13:45:10', 'T08:30:00'),
        fc.constantFrom('', '\u200f'),
        (iso, order, separator, pad, time, mark) => {
          const text =
            mark + format(iso, order, separator, pad) + (order === 'YMD' || time !== 'T08:30:00' ? time : '');
          expect(parseDate(text, { order }), text).toEqual({ ok: true, value: iso });
          expect(parseMonth(text, { order }), text).toEqual({ ok: true, value: iso.slice(0, 7) });
        },
      ),
    );
  });

  it('a sample with a day above 12 is read in its true order', () => {
    check(
      fc.property(
        fc.array(dayArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<DateOrder>('DMY', 'MDY'),
        (days, order) => {
          fc.pre(days.some((iso) => Number(iso.slice(8)) > 12));
          const samples = days.map((iso) => format(iso, order, '/', true));
          const detected = detectDateOrder(samples);
          expect(detected.order).toBe(order);
          expect(detected.conflicting).toBe(false);
        },
      ),
    );
  });

  it('never throws on any cell', () => {
    const cellArb: fc.Arbitrary<Cell> = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^[0-9]{1,5}[/.\- ][0-9A-Za-z]{1,4}[/.\- ]?[0-9]{0,5}.{0,6}$/),
      fc.double(),
      fc.date(),
      fc.constant(null),
      fc.boolean(),
    );
    check(
      fc.property(
        cellArb,
        fc.constantFrom<DateOrder>('DMY', 'MDY', 'YMD'),
        fc.boolean(),
        (cell, order, date1904) => {
          for (const parsed of [
            parseDate(cell, { order, date1904 }),
            parseMonth(cell, { order, date1904 }),
          ]) {
            if (parsed.ok) expect(parsed.value).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
            else expect(typeof parsed.reason).toBe('string');
          }
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Likert labels

describe('Likert label mapping properties', () => {
  const variant = (label: string): fc.Arbitrary<string> =>
    fc
      .tuple(
        fc.array(fc.constantFrom('lower', 'upper', 'title'), { minLength: 1, maxLength: 1 }),
        fc.constantFrom('', ' ', '  ', '\u00a0'),
        fc.constantFrom(' ', '  ', '\u00a0'),
      )
      .map(([[casing], edge, inner]) => {
        const cased =
          casing === 'upper'
            ? label.toUpperCase()
            : casing === 'title'
              ? label.replace(/\b\p{L}/gu, (c) => c.toUpperCase())
              : label;
        return edge + cased.replace(/ /g, inner) + edge;
      });

  it('case and space variants of a known scale map to the scale points', () => {
    check(
      fc.property(
        fc.constantFrom(...KNOWN_SCALES).chain((scale) => {
          // One label per scale point, so the subset is a scale and not a list of synonyms.
          const byValue = new Map<number, string[]>();
          for (const [label, value] of Object.entries(scale.labels))
            byValue.set(value, [...(byValue.get(value) ?? []), label]);
          const points = [...byValue.entries()];
          return fc
            .tuple(
              ...points.map(([value, labels]) =>
                fc.constantFrom(...labels).map((label) => [label, value] as const),
              ),
            )
            .chain((chosen) => fc.subarray(chosen, { minLength: 3 }))
            .chain((chosen) =>
              fc.tuple(
                ...chosen.map(([label, value]) => variant(label).map((text) => [text, value] as const)),
              ),
            );
        }),
        (answers) => {
          const scale = detectLabelScale(answers.map(([text]) => text));
          expect(scale, JSON.stringify(answers)).not.toBeNull();
          for (const [text, value] of answers) expect(scale?.labels[text], text).toBe(value);
        },
      ),
    );
  });

  it('numbered labels ("9 - very likely") map to their number', () => {
    check(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 11 }),
        fc.constantFrom(' - ', ' = ', ': ', ' – ', ') ', ' ('),
        fc
          .string({ unit: fc.constantFrom('a', 'b', 'z', ' ', 'é'), minLength: 1, maxLength: 8 })
          .map((s) => `x${s}`),
        (numbers, separator, text) => {
          const labels = numbers.map((n) => `${n}${separator}${text}`);
          const scale = detectLabelScale(labels);
          expect(scale).not.toBeNull();
          for (const [i, label] of labels.entries()) expect(scale?.labels[label]).toBe(numbers[i]);
          expect(scale?.scaleMin).toBeLessThanOrEqual(Math.min(...numbers));
          expect(scale?.scaleMax).toBeGreaterThanOrEqual(Math.max(...numbers));
        },
      ),
    );
  });

  it('never throws on arbitrary label sets', () => {
    check(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 14 }), (labels) => {
        const scale = detectLabelScale(labels);
        if (scale) for (const value of Object.values(scale.labels)) expect(Number.isFinite(value)).toBe(true);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Kind and mapping detection

describe('kind and mapping detection properties', () => {
  const headerWords = [
    'customer id',
    'Customer',
    'email',
    'date',
    'month',
    'revenue',
    'MRR',
    'churn',
    'NPS',
    'How likely are you to recommend us?',
    'satisfaction',
    'effort',
    'touchpoint',
    'stage',
    'segment',
    'plan',
    'start',
    'end',
    'amount',
    'Q1',
    '2024-01',
    'Jan 2024',
    '',
    '   ',
  ];
  const header = fc.oneof(fc.constantFrom(...headerWords), fc.string({ maxLength: 20 }));
  const value: fc.Arbitrary<Cell> = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 12 }),
    fc.double(),
    fc.constantFrom(
      'yes',
      'no',
      'Agree',
      'Very satisfied',
      '9 - very likely',
      '2024-01-05',
      '05/01/2024',
      '#N/A',
      '€1,200.50',
    ),
    fc.date({ noInvalidDate: true }),
    fc.boolean(),
    fc.constant(null),
  );

  it('proposeMapping returns a proposal or a refusal, never throws, on any headers and values', () => {
    check(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((width) =>
            fc.tuple(
              fc.array(header, { minLength: width, maxLength: width }),
              fc.array(fc.array(value, { minLength: 0, maxLength: width + 1 }), { maxLength: 25 }),
            ),
          ),
        fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
        ([headers, rows], kind) => {
          const sample: RawRow[] = [headers, ...rows].map((cells, i) => ({ rowNumber: i + 1, cells }));
          const layout = detectHeader(sample);
          if (!layout) return;
          const proposal = proposeMapping(layout, sample, kind);
          if (proposal.mapping) {
            expect(KINDS).toContain(proposal.mapping.kind);
          } else {
            expect(typeof proposal.refusal).toBe('string');
            expect(proposal.refusal?.length).toBeGreaterThan(0);
          }
          expect(proposal.confidence).toBeGreaterThanOrEqual(0);
          expect(proposal.confidence).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
