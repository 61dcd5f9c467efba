/** FactWriter: a narrower statement for what an import leaves empty, and no value ever dropped silently. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_COLUMNS, FactWriter, openEngagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

function answer(overrides: Partial<Record<(typeof FACT_COLUMNS.responses)[number], string | number | null>>) {
  const row: Record<string, string | number | null> = Object.fromEntries(
    FACT_COLUMNS.responses.map((c) => [c, null]),
  );
  Object.assign(
    row,
    { respondent_id: 'P1', survey: 'nps', item: 'nps', score: 9, scale_min: 0, scale_max: 10 },
    overrides,
  );
  return FACT_COLUMNS.responses.map((c) => row[c] ?? null);
}

describe('FactWriter', () => {
  it('writes the same rows with empty and fixed columns left out of the statement', () => {
    const e = openEngagement(join(tempDir(), 'facts.cxb'));
    const importId = Number(
      e.db
        .prepare(
          `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected, facts_written, imported_at)
           VALUES ('a.csv', 'x', 'responses', '{}', 0, 0, 0, 0, '2026-01-01')`,
        )
        .run().lastInsertRowid,
    );
    const writer = new FactWriter(e.db, 'responses', {
      alwaysNull: new Set(['segment', 'region', 'attributes']),
      fixed: { import_id: importId },
    });
    for (let i = 0; i < 250; i += 1)
      writer.add(answer({ response_id: `R${i}`, score: i % 11, import_id: importId }));
    writer.flush();
    expect(writer.written).toBe(250);
    const stored = e.db
      .prepare(
        'SELECT count(*) AS n, sum(score) AS total, count(segment) AS segments, min(import_id) AS id FROM responses',
      )
      .get();
    expect(stored).toEqual({
      n: 250,
      total: Array.from({ length: 250 }, (_, i) => i % 11).reduce((a, b) => a + b, 0),
      segments: 0,
      id: importId,
    });
    e.close();
  });

  it('refuses a value in a column declared empty, or another value in a fixed column', () => {
    const e = openEngagement(join(tempDir(), 'refuse.cxb'));
    const writer = new FactWriter(e.db, 'responses', {
      alwaysNull: new Set(['segment']),
      fixed: { import_id: 7 },
    });
    expect(() => writer.add(answer({ segment: 'SMB', import_id: 7 }))).toThrow(/declared empty/);
    expect(() => writer.add(answer({ import_id: 8 }))).toThrow(/declared 7/);
    e.close();
  });
});
