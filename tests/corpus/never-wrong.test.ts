/**
 * The rule this corpus enforces: an import either reads a file right (its kind and figures) or
 * refuses it with a stated reason — never a successful import of a wrong reading. Personal values
 * planted in a file are found nowhere in the engagement file afterwards, not even in the raw rows
 * kept for rejects.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, ImportError, type ImportReport } from '../../src/core/import';
import { openEngagement, type Engagement } from '../../src/core/store';
import { useTempDir } from '../helpers';
import { buildCorpus, round2, type CorpusCase, type ExpectedReading } from './generate';

const tempDir = useTempDir();
const corpusDir = mkdtempSync(join(tmpdir(), 'cxb-corpus-'));
const corpus: CorpusCase[] = await buildCorpus(corpusDir);
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

type Outcome = { report: ImportReport; engagement: Engagement; path: string } | { refused: ImportError };

async function importCase(c: CorpusCase): Promise<Outcome> {
  const path = join(tempDir(), 'corpus.cxb');
  const engagement = openEngagement(path);
  try {
    const report = await importFile(engagement.db, {
      file: c.file,
      ...(c.options?.delimiter ? { delimiter: c.options.delimiter } : {}),
      ...(c.options?.dateFormat ? { overrides: { dateFormat: c.options.dateFormat } } : {}),
      ...(c.options?.acceptRejects ? { acceptRejects: true } : {}),
    });
    return { report, engagement, path };
  } catch (error) {
    engagement.close();
    if (error instanceof ImportError) return { refused: error };
    throw error;
  }
}

function one<T>(e: Engagement, sql: string): T {
  return e.db.prepare(sql).get() as T;
}

/** The reading the engagement now holds, in the terms of the expectation. */
function readingOf(e: Engagement, report: ImportReport, expected: ExpectedReading): ExpectedReading {
  const actual: ExpectedReading = { kind: report.kind as ExpectedReading['kind'] };
  if (expected.customers !== undefined || expected.churned !== undefined) {
    const row = one<{ n: number; churned: number | null }>(
      e,
      `SELECT count(*) AS n, sum(churned = 1) AS churned FROM customers WHERE active = 1`,
    );
    if (expected.customers !== undefined) actual.customers = row.n;
    if (expected.churned !== undefined) actual.churned = row.churned ?? 0;
  }
  if (expected.nps) {
    const row = one<{ n: number; value: number | null }>(
      e,
      `SELECT count(*) AS n, 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) AS value
       FROM responses WHERE active = 1 AND survey = 'nps' AND scale_min = 0 AND scale_max = 10`,
    );
    actual.nps = { n: row.n, value: round2(row.value ?? NaN) };
  }
  if (expected.answers) {
    actual.answers = {};
    for (const survey of Object.keys(expected.answers) as Array<
      keyof NonNullable<ExpectedReading['answers']>
    >)
      actual.answers[survey] = one<{ n: number }>(
        e,
        `SELECT count(*) AS n FROM responses WHERE active = 1 AND survey = '${survey}'`,
      ).n;
  }
  if (expected.months !== undefined) {
    const months = e.db
      .prepare(
        `SELECT DISTINCT substr(responded_on, 1, 7) AS m FROM responses WHERE active = 1 AND responded_on IS NOT NULL ORDER BY m`,
      )
      .all() as Array<{ m: string }>;
    actual.months = months.length ? months.map((r) => r.m) : null;
  }
  if (expected.assessments !== undefined)
    actual.assessments = one<{ n: number }>(e, `SELECT count(*) AS n FROM assessments WHERE active = 1`).n;
  if (expected.mrr !== undefined)
    actual.mrr = round2(one<{ s: number }>(e, `SELECT sum(mrr) AS s FROM revenue WHERE active = 1`).s);
  return actual;
}

/** Every text value of every table, and the engagement file's bytes, searched for planted values. */
function plantedFound(e: Engagement, path: string, planted: string[]): string[] {
  const tables = e.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{
    name: string;
  }>;
  const texts: string[] = [];
  for (const { name } of tables) {
    for (const row of e.db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][])
      for (const value of row) if (typeof value === 'string') texts.push(value);
  }
  e.close();
  const bytes = readFileSync(path).toString('utf8');
  const all = texts.join('\n');
  return planted.filter((value) => all.includes(value) || bytes.includes(value));
}

describe('corpus of unseen exports: never a successful import of a wrong reading', () => {
  it('has at least 30 files, each with an expected reading or refusal', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const outcome = await importCase(c);
    const label = `${c.name} (${c.about})`;
    if ('refused' in outcome) {
      if ('reading' in c.expect)
        throw new Error(`${label} was refused but has a right reading: ${outcome.refused.message}`);
      expect(outcome.refused.reason, label).toMatch(c.expect.refusal);
      return;
    }
    const { report, engagement, path } = outcome;
    if ('refusal' in c.expect) {
      engagement.close();
      throw new Error(
        `${label} was imported as ${report.kind} (exit 0) but must be refused (${c.expect.refusal}); notes: ${report.notes.join(' | ')}`,
      );
    }
    const expected = c.expect.reading;
    expect(readingOf(engagement, report, expected), `${label}; notes: ${report.notes.join(' | ')}`).toEqual(
      expected,
    );
    if (expected.nps?.n)
      expect(report.notes.join('\n'), `${label} says which column gave the NPS`).toMatch(
        /NPS from column "[^"]+", 0–10/,
      );
    const leaked = plantedFound(engagement, path, c.planted ?? []);
    expect(leaked, `${label}: personal values stored`).toEqual([]);
  });
});
