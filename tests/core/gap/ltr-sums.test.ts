/**
 * Derived importance under a touchpoint filter reads the stored per-touchpoint sums (ltr_sums): they
 * must equal what the filtered query over the answers gives (ratings of the touchpoint, each
 * respondent's likelihood to recommend over every touchpoint).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../resources/demo/build';
import { openEngagement, type Engagement } from '../../../src/core/store';
import {
  distinctTouchpointNames,
  touchpointLtrSums,
  type ResponseScope,
} from '../../../src/core/store/gap-queries';

let dir = '';
let e: Engagement;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-ltr-'));
  const build = await buildDemoEngagement(join(dir, 'demo.cxb'));
  e = openEngagement(build.path);
}, 60_000);
afterAll(() => {
  e?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const everything: ResponseScope = {
  start: null,
  endExclusive: null,
  filters: [],
  touchpoints: null,
};

describe('touchpointLtrSums', () => {
  it('with only a touchpoint filter equals the query over the answers', () => {
    const names = distinctTouchpointNames(e.db);
    const chosen = names.slice(0, 2);
    expect(chosen).toHaveLength(2);
    const stored = touchpointLtrSums(e.db, { ...everything, touchpoints: chosen });
    // Date bounds around every answer force the query over the answers (the demo's answers are all dated).
    const queried = touchpointLtrSums(e.db, {
      ...everything,
      start: '1900-01-01',
      endExclusive: '2999-01-01',
      touchpoints: chosen,
    });
    expect(stored.map((s) => s.touchpoint).sort()).toEqual([...chosen].sort());
    expect(queried).toHaveLength(stored.length);
    for (const row of stored) {
      const other = queried.find((q) => q.touchpoint === row.touchpoint);
      expect(other?.n).toBe(row.n);
      for (const key of ['sumX', 'sumY', 'sumXX', 'sumYY', 'sumXY'] as const)
        expect(other?.[key]).toBeCloseTo(row[key], 6);
    }
  });
});
