/**
 * The Data screen over a million rows: every page is a rowid seek (keyset), never an OFFSET walk
 * over the rows before it, so the last page costs what the first does; a search stops counting at
 * SEARCH_MATCH_LIMIT matches and says so.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngagement, type Engagement } from '../../../src/core/store';
import { SEARCH_MATCH_LIMIT, listRecords, pageSql } from '../../../src/core/store/records';
import { newImport } from '../scorecard/fixture';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();
const ROWS = 1_000_000;
let e: Engagement;

beforeAll(() => {
  e = openEngagement(join(tempDir(), 'million.cxb'), { name: 'Million' });
  const importId = newImport(e, 'responses');
  // Every 1000th row superseded (active = 0): positions are not rowids.
  e.db.exec(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${ROWS})
    INSERT INTO responses (response_id, respondent_id, responded_on, survey, item, score, scale_min, scale_max,
      comment, import_id, active)
    SELECT 'r' || i, 'p' || i, '2026-05-01', 'nps', 'recommend', i % 11, 0, 10,
      CASE WHEN i % 7 = 0 THEN 'slow onboarding' ELSE 'fine' END, ${importId}, i % 1000 <> 0 FROM k`);
}, 120_000);

afterAll(() => e?.close());

function plan(sql: string, params: unknown[]): string {
  const rows = e.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join(' | ');
}

describe('records over 1M rows', () => {
  it('a page is a rowid seek, not a scan', () => {
    const columns = ['response_id', 'score'];
    const detail = plan(pageSql('responses', columns, ' AND t.active = 1'), [500_000, 100, 17]);
    expect(detail).toMatch(/SEARCH t USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(detail).not.toMatch(/SCAN/);
  });

  it('any position is reached in a bounded read, and the rows are the right ones', () => {
    const first = listRecords(e.db, { table: 'responses', offset: 0, limit: 50 });
    const active = ROWS - ROWS / 1000;
    expect(first.total).toBe(active);
    const at = first.columns.indexOf('response_id');
    expect(first.rows[0]?.[at]).toBe('r1');
    // Position p holds row i where i skips every 1000th: i = p + floor(p / 999) + 1.
    const rowAt = (p: number) => `r${p + Math.floor(p / 999) + 1}`;
    for (const position of [998, 999, 123_456, 500_000, active - 50]) {
      const started = performance.now();
      const page = listRecords(e.db, { table: 'responses', offset: position, limit: 50 });
      const took = performance.now() - started;
      expect(page.rows).toHaveLength(50);
      expect(page.rows[0]?.[at]).toBe(rowAt(position));
      expect(page.rows[49]?.[at]).toBe(rowAt(position + 49));
      expect(took).toBeLessThan(50);
    }
    expect(listRecords(e.db, { table: 'responses', offset: active, limit: 50 }).rows).toHaveLength(0);
  });

  it('a search over every column stops counting at the limit and says so', () => {
    const common = listRecords(e.db, { table: 'responses', offset: 0, limit: 20, search: 'SLOW' });
    expect(common.capped).toBe(true);
    expect(common.total).toBe(SEARCH_MATCH_LIMIT);
    const comment = common.columns.indexOf('comment');
    expect(common.rows.every((row) => row[comment] === 'slow onboarding')).toBe(true);
    const rare = listRecords(e.db, { table: 'responses', offset: 0, limit: 20, search: 'r999999' });
    expect(rare).toMatchObject({ capped: false, total: 1 });
  });
});
