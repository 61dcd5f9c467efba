import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngagement } from '../../../src/core/store';
import { hotQueryPlans } from '../../../src/core/store/scorecard-queries';
import { useTempDir } from '../../helpers';
import { buildFixture } from './fixture';

const tempDir = useTempDir();

describe('scorecard hot queries use indexes (EXPLAIN QUERY PLAN)', () => {
  for (const analysed of [false, true]) {
    it(`searches indexes, never scans responses or revenue (${analysed ? 'after' : 'without'} ANALYZE)`, () => {
      const e = analysed ? buildFixture(tempDir()) : openEngagement(join(tempDir(), 'plans.cxb'));
      if (analysed) e.db.exec('ANALYZE');
      const plans = hotQueryPlans(e.db);
      expect(plans.map((p) => p.name)).toEqual([
        'survey buckets',
        'first and last answer month',
        'last answer date',
        'revenue pair',
        'revenue month range',
        'latest NPS answer per customer',
      ]);
      const expected: Record<string, RegExp> = {
        'survey buckets': /USING COVERING INDEX responses_scorecard/,
        'first and last answer month':
          /SEARCH responses USING COVERING INDEX responses_scorecard.*SEARCH responses USING COVERING INDEX responses_scorecard/,
        'last answer date': /USING COVERING INDEX responses_scorecard/,
        'revenue pair': /USING COVERING INDEX revenue_scorecard/,
        'revenue month range':
          /SEARCH revenue USING COVERING INDEX revenue_scorecard.*SEARCH revenue USING COVERING INDEX revenue_scorecard/,
        'latest NPS answer per customer': /USING COVERING INDEX responses_customer_nps/,
      };
      for (const { name, plan } of plans) {
        const text = plan.join(' | ');
        expect(text, name).toMatch(expected[name] as RegExp);
        expect(text, name).not.toMatch(/SCAN (responses|revenue|r|a|x)\b(?! USING)/);
        expect(text, `${name} sorts`).not.toMatch(/TEMP B-TREE FOR GROUP BY/);
      }
      e.close();
    });
  }
});
