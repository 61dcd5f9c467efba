import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngagement } from '../../../src/core/store';
import { explain, sql } from '../../../src/core/store/sql';
import { HOT_STATEMENTS } from '../../../src/core/store/statements';
import { useTempDir } from '../../helpers';
import { buildFixture } from './fixture';

const tempDir = useTempDir();

describe('scorecard hot queries read pre-aggregates and indexes, never the answers (EXPLAIN QUERY PLAN)', () => {
  for (const analysed of [false, true]) {
    it(`never reads responses, searches revenue by index (${analysed ? 'after' : 'without'} ANALYZE)`, () => {
      const e = analysed ? buildFixture(tempDir()) : openEngagement(join(tempDir(), 'plans.cxb'));
      if (analysed) e.db.exec('ANALYZE');
      // The statements the code runs, by name, with representative arguments.
      const plans = {
        'survey buckets': explain(e.db, HOT_STATEMENTS.surveyMonths({ first: '2025-01', last: '2025-12' })),
        'answer range': explain(e.db, HOT_STATEMENTS.answerRange()),
        'revenue month range': explain(e.db, HOT_STATEMENTS.revenueRange()),
        'NPS matrix': explain(e.db, HOT_STATEMENTS.npsMatrixRow('*')),
        'MRR matrix': explain(e.db, HOT_STATEMENTS.mrrMatrixRow()),
      };
      const expected: Record<keyof typeof plans, RegExp> = {
        // The survey-month roll-up: a few hundred rows, whatever the number of answers.
        'survey buckets': /survey_months/,
        'answer range': /survey_months/,
        'revenue month range':
          /SEARCH revenue USING COVERING INDEX revenue_scorecard.*SEARCH revenue USING COVERING INDEX revenue_scorecard/,
        // One row each (a key search, or a scan of a one-row table after ANALYZE).
        'NPS matrix': /(SEARCH|SCAN) nps_matrix\b/,
        'MRR matrix': /(SEARCH|SCAN) mrr_matrix\b/,
      };
      for (const [name, plan] of Object.entries(plans) as [keyof typeof plans, string[]][]) {
        const text = plan.join(' | ');
        expect(text, name).toMatch(expected[name]);
        expect(text, name).not.toMatch(/\bresponses\b/);
        expect(text, name).not.toMatch(/SCAN (revenue|a|x)\b(?! USING)/);
        if (name !== 'survey buckets' && name !== 'answer range')
          expect(text, `${name} sorts`).not.toMatch(/TEMP B-TREE/);
      }
      e.close();
    });
  }

  it('the sql template keeps every value a parameter, fragments inlined in order', () => {
    const months = sql`month BETWEEN ${'2025-01'} AND ${'2025-12'}`;
    const statement = sql`SELECT n FROM survey_months WHERE survey = ${"nps'; DROP TABLE x; --"} AND ${months}`;
    expect(statement.text).toBe('SELECT n FROM survey_months WHERE survey = ? AND month BETWEEN ? AND ?');
    expect(statement.params).toEqual(["nps'; DROP TABLE x; --", '2025-01', '2025-12']);
  });
});
