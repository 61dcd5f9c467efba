/**
 * The hostile corpus (issue 7): every file ends in a clear one-line refusal (exit 1) or a correct
 * import (exit 0), inside a child process whose V8 heap is capped at 128 MB and whose peak RSS is
 * measured; on refusal the engagement file is byte-identical (sha256) to what it was before.
 * Small fixtures are committed in tests/fixtures/hostile; large ones (5 MB cells, 20,000 columns,
 * zip bombs) are generated into a temp dir by scripts/make-hostile-fixtures.ts.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLargeFixtures, writeSmallFixtures } from '../../../scripts/make-hostile-fixtures';
import { sha256 } from '../../helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'cxbrief.js');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'hostile');
const PEAK_RSS = join(FIXTURES, 'peak-rss.mjs');
const HEAP_MB = 128;
/** Peak RSS allowed (heap capped at 128 MB; node, tsx, SQLite and exceljs take ~110 MB idle). */
const RSS_CEILING_MB = 320;

type Outcome =
  | { ok: true; accepted: number; rejected?: number; note?: RegExp }
  | { ok: false; error: RegExp; row?: number; column?: string; bound?: string };

const ok = (accepted: number, extra: { rejected?: number; note?: RegExp } = {}): Outcome => ({
  ok: true,
  accepted,
  ...extra,
});
const refused = (error: RegExp, at: { row?: number; column?: string; bound?: string } = {}): Outcome => ({
  ok: false,
  error,
  ...at,
});

const NO_ROWS = /has no rows to import|could not tell what this file holds/;

/** Small fixtures: committed. */
const SMALL: Record<string, Outcome> = {
  'empty.csv': refused(/is empty \(0 bytes\)/),
  'one-byte.csv': refused(NO_ROWS),
  'bom-only.csv': refused(NO_ROWS),
  'only-newlines.csv': refused(NO_ROWS),
  'header-only.csv': refused(NO_ROWS),
  'invalid-utf8.csv': ok(39, { rejected: 1, note: /Encoding guessed as windows-1252/ }),
  'mixed-line-endings.csv': ok(40),
  'nul-bytes.csv': ok(40, { note: /NUL bytes/ }),
  'unbalanced-quote.csv': refused(/quote opened in this row is never closed/, { row: 3, column: 'B' }),
  'quote-inside-field.csv': ok(40),
  'formula-errors.csv': ok(41, { rejected: 1 }),
  'dates-before-1900.csv': ok(40),
  'scores-as-text.csv': ok(40),
  'duplicate-headers.csv': ok(40),
  // Blank headers: its 0–10 column names no survey question, so it is not guessed to be an NPS.
  'spaces-header.csv': refused(/no survey question in the header/),
  'very-long-header.csv': ok(40),
  'control-characters.csv': ok(40),
  'right-to-left-marks.csv': ok(40),
  'excel-escaped-formulas.csv': ok(40),
  'utf16le-bom.csv': ok(40),
  'utf16le-no-bom.csv': ok(40, { note: /utf-16le/ }),
  'windows-1252.csv': ok(40, { note: /windows-1252/ }),
  'semicolon-decimal-comma.csv': ok(40),
  'ragged-rows.csv': ok(40),
  'preamble-rows.csv': ok(40),
  'html-page.csv': refused(/could not tell what this file holds/),
  'binary-garbage.xlsx': refused(/could not tell what this file holds/),
  'password-protected.xlsx': refused(/is a password-protected workbook; remove the password/),
  'legacy.xls': refused(/legacy .*\.xls/),
  'csv-named.xlsx': ok(40),
  'xlsx-named.csv': ok(40),
  'good.xlsx': ok(40),
  'zero-row-sheet.xlsx': refused(/has no rows to import/),
  'billion-row-dimension.xlsx': ok(40),
  'malformed-xml.xlsx': refused(/XML is malformed/),
  'truncated-xml.xlsx': refused(/XML ends before its data does/, { row: 42 }),
  'truncated-zip.xlsx': refused(/could not be read as an \.xlsx workbook \(damaged zip/),
  'formula-errors.xlsx': ok(41, { rejected: 1 }),
  'dates-before-1900.xlsx': ok(40),
  'scores-as-text.xlsx': ok(40),
  'date-serial-out-of-range.xlsx': ok(40, { rejected: 1 }),
  'column-beyond-xfd.xlsx': refused(/the row has 18,278 columns/, {
    row: 42,
    column: 'XFE',
    bound: 'MAX_COLUMNS',
  }),
};

/** Large fixtures: generated at test time. */
const LARGE: Record<string, Outcome> = {
  'cell-5mb.csv': refused(/a cell holds/, { row: 3, column: 'C', bound: 'MAX_CELL_CHARS' }),
  'unbalanced-quote-6mb.csv': refused(/quoted cell opened in this row is still open/, {
    row: 3,
    column: 'B',
    bound: 'MAX_RECORD_CHARS',
  }),
  'columns-10000.csv': ok(20),
  'columns-20000.csv': refused(/the row has 20,000 columns/, { row: 1, column: 'XFE', bound: 'MAX_COLUMNS' }),
  'many-zip-entries.xlsx': refused(/the zip holds 10,007 entries/, { bound: 'MAX_ZIP_ENTRIES' }),
  'zip-bomb-declared.xlsx': refused(/declares 2,148,256,026 bytes once decompressed/, {
    bound: 'MAX_XLSX_DECOMPRESSED_BYTES',
  }),
  'zip-bomb-lying.xlsx': refused(/inflates to more than the 20,000 bytes its zip entry declares/),
  'xlsx-cell-5mb.xlsx': refused(/holds a cell, tag or attribute of more than/, {
    row: 3,
    column: 'A',
    bound: 'MAX_XML_TOKEN_CHARS',
  }),
  'xlsx-unclosed-attribute.xlsx': refused(/holds a cell, tag or attribute of more than/, {
    row: 2,
    bound: 'MAX_XML_TOKEN_CHARS',
  }),
  'shared-strings-bomb.xlsx': refused(/shared string table/, { bound: 'MAX_SHARED_STRINGS_CHARS' }),
  'workbook-part-bomb.xlsx': refused(/part xl\/workbook\.xml holds more than/, {
    bound: 'MAX_XLSX_PART_CHARS',
  }),
};

let work: string;
let largeDir: string;
let baseline: string;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  peakRssMb: number;
}

function cli(args: string[], rssFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', PEAK_RSS, CLI, ...args],
      { env: { ...process.env, CXB_PEAK_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const peakKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
      resolve({ code, signal, stdout, stderr, peakRssMb: peakKb / 1024 });
    });
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cxb-hostile-'));
  largeDir = join(work, 'large');
  await writeLargeFixtures(largeDir);
  // An engagement that already holds one import: refusals must leave it byte-identical.
  const seed = join(work, 'seed.csv');
  writeFileSync(
    seed,
    'respondent,date,How likely are you to recommend us?\ns1,2024-01-05,9\ns2,2024-01-06,3\ns3,2024-02-01,10\n',
  );
  baseline = join(work, 'baseline.cxb');
  const seeded = await cli(['import', seed, '--into', baseline, '--json'], join(work, 'seed.rss'));
  expect(seeded.code, seeded.stderr).toBe(0);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('hostile corpus: committed fixtures match their generator', () => {
  it('tests/fixtures/hostile holds every small fixture, byte for byte as the script writes it', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'cxb-hostile-small-'));
    try {
      writeSmallFixtures(fresh);
      const names = readdirSync(fresh).sort();
      expect(names).toEqual(Object.keys(SMALL).sort());
      for (const name of names) expect(sha256(join(FIXTURES, name)), name).toBe(sha256(join(fresh, name)));
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
    expect(Object.keys(SMALL).length + Object.keys(LARGE).length).toBeGreaterThanOrEqual(40);
  });
});

describe('hostile corpus: a file that is not there', () => {
  it('is a one-line refusal (exit 1), engagement unchanged', async () => {
    const own = mkdtempSync(join(work, 'case-'));
    const cxb = join(own, 'engagement.cxb');
    copyFileSync(baseline, cxb);
    const before = sha256(cxb);
    const run = await cli(['import', join(own, 'no-such-file.csv'), '--into', cxb], join(own, 'rss'));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/no-such-file\.csv: does not exist/);
    expect(sha256(cxb)).toBe(before);
  });
});

describe.concurrent(
  'hostile corpus: clear refusal or correct import, bounded memory, nothing partial',
  () => {
    const cases = [
      ...Object.entries(SMALL).map(([name, outcome]) => ({ name, outcome, dir: () => FIXTURES })),
      ...Object.entries(LARGE).map(([name, outcome]) => ({ name, outcome, dir: () => largeDir })),
    ];
    for (const { name, outcome, dir } of cases) {
      it(`${name} → ${outcome.ok ? `imports ${outcome.accepted} rows` : 'refused'}`, async () => {
        const own = mkdtempSync(join(work, 'case-'));
        const cxb = join(own, 'engagement.cxb');
        copyFileSync(baseline, cxb);
        const before = sha256(cxb);
        const run = await cli(['import', join(dir(), name), '--into', cxb, '--json'], join(own, 'rss'));
        const context = `${name}: exit ${run.code} ${run.signal ?? ''}\n${run.stderr}`;

        // Never a crash, an out-of-memory abort or an internal error (exit 2).
        expect(run.signal, context).toBeNull();
        expect([0, 1], context).toContain(run.code);
        expect(run.peakRssMb, context).toBeLessThan(RSS_CEILING_MB);

        if (outcome.ok) {
          expect(run.code, context).toBe(0);
          const report = JSON.parse(run.stdout) as {
            status: string;
            rowsAccepted: number;
            rowsRejected: number;
            notes: string[];
          };
          expect(report.status).toBe('imported');
          expect(report.rowsAccepted, context).toBe(outcome.accepted);
          expect(report.rowsRejected, context).toBe(outcome.rejected ?? 0);
          if (outcome.note) expect(report.notes.join('\n')).toMatch(outcome.note);
          expect(sha256(cxb)).not.toBe(before);
        } else {
          expect(run.code, context).toBe(1);
          const lines = run.stderr.trim().split('\n');
          expect(lines, context).toHaveLength(1);
          const line = lines[0] as string;
          expect(line).toMatch(/^cxbrief import: /);
          expect(line).toContain(name); // names the file
          expect(line).toMatch(outcome.error);
          if (outcome.row !== undefined) expect(line).toContain(`, row ${outcome.row}`);
          if (outcome.column !== undefined) expect(line).toContain(`column "${outcome.column}"`);
          if (outcome.bound !== undefined)
            expect(line).toMatch(new RegExp(`the limit is [\\d,]+ .*\\(${outcome.bound}\\)`));
          expect(run.stdout).toBe('');
          expect(sha256(cxb), `${name} changed the engagement file`).toBe(before);
          expect(existsSync(`${cxb}-wal`) || existsSync(`${cxb}-journal`)).toBe(false);
        }
      });
    }
  },
);
