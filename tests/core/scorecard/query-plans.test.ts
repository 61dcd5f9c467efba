import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngagement } from '../../../src/core/store';
import { hotQueryPlans } from '../../../src/core/store/scorecard-queries';
import { useTempDir } from '../../helpers';
import { buildFixture } from './fixture';

const tempDir = useTempDir();

describe('scorecard hot queries read pre-aggregates and indexes, never the answers (EXPLAIN QUERY PLAN)', () => {
  for (const analysed of [false, true]) {
    it(`never reads responses, searches revenue by index (${analysed ? 'after' : 'without'} ANALYZE)`, () => {
      const e = analysed ? buildFixture(tempDir()) : openEngagement(join(tempDir(), 'plans.cxb'));
      if (analysed) e.db.exec('ANALYZE');
      const plans = hotQueryPlans(e.db);
      expect(plans.map((p) => p.name)).toEqual([
        'survey buckets',
        'revenue pair',
        'revenue month range',
        'NPS and MRR matrices',
      ]);
      const expected: Record<string, RegExp> = {
        // The survey-month roll-up: a few hundred rows, whatever the number of answers.
        'survey buckets': /survey_months/,
        'revenue pair': /USING COVERING INDEX revenue_scorecard/,
        'revenue month range':
          /SEARCH revenue USING COVERING INDEX revenue_scorecard.*SEARCH revenue USING COVERING INDEX revenue_scorecard/,
        // One row each (a key search, or a scan of a one-row table after ANALYZE).
        'NPS and MRR matrices': /(SEARCH|SCAN) n\b.*(SEARCH|SCAN) m\b|(SEARCH|SCAN) m\b.*(SEARCH|SCAN) n\b/,
      };
      for (const { name, plan } of plans) {
        const text = plan.join(' | ');
        expect(text, name).toMatch(expected[name] as RegExp);
        expect(text, name).not.toMatch(/\bresponses\b/);
        expect(text, name).not.toMatch(/SCAN (revenue|a|x)\b(?! USING)/);
        if (name !== 'survey buckets') expect(text, `${name} sorts`).not.toMatch(/TEMP B-TREE/);
      }
      e.close();
    });
  }
});
