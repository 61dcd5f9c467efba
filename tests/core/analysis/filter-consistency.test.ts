/**
 * A CCO puts one filter bar over the scorecard and the gap report: "segment = enterprise" must keep
 * the same customer answers on both, whatever the letter case, and whatever fast path each takes
 * (the answer cube, the per-customer matrix, a scan). For every key the demo engagement offers, the
 * answers each side keeps are compared with a literal SQL reading of the rule (own value, else the
 * customer's; touchpoints through their aliases; case-insensitive), then the two public results.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../resources/demo/build';
import { filterKeys, resolveFilters } from '../../../src/core/analysis/filters';
import type { FilterKey } from '../../../src/core/domain/filter';
import { computeGapReport, gapScopes } from '../../../src/core/gap';
import { allPeriod } from '../../../src/core/metrics/periods';
import { computeScorecard } from '../../../src/core/metrics';
import { openEngagement, type Engagement } from '../../../src/core/store';
import { customerScoreGroups } from '../../../src/core/store/gap-queries';
import { surveyBuckets } from '../../../src/core/store/scorecard-queries';

let dir = '';
let e: Engagement;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-filters-'));
  const build = await buildDemoEngagement(join(dir, 'demo.cxb'));
  e = openEngagement(build.path);
}, 120_000);

afterAll(() => {
  e?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Up to `limit` values of a key as the records hold them (answers, customers or staff). */
function valuesOf(key: FilterKey, limit: number): string[] {
  const sql: Record<FilterKey['kind'], string> = {
    shared: `SELECT DISTINCT v FROM (SELECT ${key.key} AS v FROM customers WHERE active = 1
               UNION ALL SELECT ${key.key} FROM responses WHERE active = 1) WHERE v IS NOT NULL ORDER BY v`,
    customer: `SELECT DISTINCT ${key.key} FROM customers WHERE active = 1 AND ${key.key} IS NOT NULL ORDER BY 1`,
    answer: `SELECT DISTINCT ${key.key} FROM responses WHERE active = 1 AND ${key.key} IS NOT NULL ORDER BY 1`,
    'answer-attribute': `SELECT 1 WHERE 0`,
    staff: `SELECT DISTINCT ${key.key} FROM assessments WHERE active = 1 AND ${key.key} IS NOT NULL ORDER BY 1`,
  };
  return (e.db.prepare(sql[key.kind]).pluck().all() as string[]).map(String).slice(0, limit);
}

/** The answers a filter keeps, by the rule written out in SQL (independent of src/core/store). */
function keptByRule(key: FilterKey, value: string): string {
  switch (key.kind) {
    case 'shared':
      return `coalesce(r.${key.key}, (SELECT c.${key.key} FROM customers c WHERE c.active = 1 AND c.customer_id = r.customer_id)) = '${value}' COLLATE NOCASE`;
    case 'customer':
      return `coalesce(json_extract(r.attributes, '$.${key.key}'), (SELECT c.${key.key} FROM customers c WHERE c.active = 1 AND c.customer_id = r.customer_id)) = '${value}' COLLATE NOCASE`;
    case 'answer':
      if (key.key !== 'touchpoint') return `r.${key.key} = '${value}' COLLATE NOCASE`;
      return `r.touchpoint IN (
        SELECT n FROM (SELECT t.name AS n, t.name AS canonical FROM touchpoints t WHERE t.active = 1
                       UNION ALL SELECT a.value, t.name FROM touchpoints t, json_each(t.aliases) a WHERE t.active = 1)
        WHERE canonical IN (SELECT t.name FROM touchpoints t LEFT JOIN json_each(t.aliases) a
                            WHERE t.active = 1 AND (t.name = '${value}' COLLATE NOCASE OR a.value = '${value}' COLLATE NOCASE)))`;
    default:
      return '1 = 1';
  }
}

type Fingerprint = Record<string, number>;

function add(print: Fingerprint, key: string, n: number): void {
  if (n > 0) print[key] = (print[key] ?? 0) + n;
}

/** What the scorecard keeps: its answer counts per survey, month, score and scale. */
function scorecardKeeps(filters: Record<string, string>): Fingerprint {
  const print: Fingerprint = {};
  for (const b of surveyBuckets(e.db, null, resolveFilters(e.db, filters)))
    add(print, `${b.survey}|${b.month}|${b.score}|${b.scaleMin}-${b.scaleMax}`, b.n);
  return print;
}

/** What the gap report keeps: its answer counts and score sums per touchpoint and scale. */
function gapKeeps(filters: Record<string, string>): Fingerprint {
  const print: Fingerprint = {};
  const { responseScope } = gapScopes(e.db, allPeriod(), filters);
  for (const g of customerScoreGroups(e.db, responseScope)) {
    add(print, `${g.touchpoint}|${g.scaleMin}-${g.scaleMax}|n`, g.n);
    add(print, `${g.touchpoint}|${g.scaleMin}-${g.scaleMax}|sum`, g.sum);
  }
  return print;
}

function ruleScorecard(where: string): Fingerprint {
  const print: Fingerprint = {};
  const rows = e.db
    .prepare(
      `SELECT survey, substr(responded_on, 1, 7) AS month, score, scale_min AS lo, scale_max AS hi, count(*) AS n
       FROM responses r WHERE r.active = 1 AND r.survey IN ('nps', 'csat', 'ces') AND ${where}
       GROUP BY 1, 2, 3, 4, 5`,
    )
    .all() as { survey: string; month: string | null; score: number; lo: number; hi: number; n: number }[];
  for (const r of rows) add(print, `${r.survey}|${r.month}|${r.score}|${r.lo}-${r.hi}`, r.n);
  return print;
}

function ruleGap(where: string): Fingerprint {
  const print: Fingerprint = {};
  const rows = e.db
    .prepare(
      `SELECT touchpoint, scale_min AS lo, scale_max AS hi, count(*) AS n, total(score) AS sum
       FROM responses r WHERE r.active = 1 AND (measure IS NULL OR measure <> 'expectation')
         AND scale_max > scale_min AND ${where}
       GROUP BY 1, 2, 3`,
    )
    .all() as { touchpoint: string | null; lo: number; hi: number; n: number; sum: number }[];
  for (const r of rows) {
    add(print, `${r.touchpoint}|${r.lo}-${r.hi}|n`, r.n);
    add(print, `${r.touchpoint}|${r.lo}-${r.hi}|sum`, r.sum);
  }
  return print;
}

/** The same text in three letter cases, and the key under three spellings. */
const cases = (text: string) => [text, text.toLowerCase(), text.toUpperCase()];

describe('one filter model: the scorecard and the gap report keep the same answers', () => {
  it('offers the keys the demo engagement holds, customer and staff keys alike', () => {
    const keys = filterKeys(e.db).map((k) => `${k.key}:${k.kind}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'segment:shared',
        'region:shared',
        'plan:customer',
        'touchpoint:answer',
        'survey:answer',
        'role:staff',
        'department:staff',
      ]),
    );
  });

  it('for every key and value, in any letter case, keeps on both sides the answers the rule keeps', () => {
    const checked: string[] = [];
    for (const key of filterKeys(e.db)) {
      for (const value of valuesOf(key, key.key === 'touchpoint' ? 24 : 4)) {
        const rule = keptByRule(key, value.replace(/'/g, "''"));
        const expectedScorecard = ruleScorecard(rule);
        const expectedGap = ruleGap(rule);
        for (const keyName of cases(key.key)) {
          for (const text of cases(value)) {
            const filters = { [keyName]: text };
            expect(scorecardKeeps(filters), `scorecard ${keyName}=${text}`).toEqual(expectedScorecard);
            expect(gapKeeps(filters), `gap ${keyName}=${text}`).toEqual(expectedGap);
          }
        }
        checked.push(`${key.key}=${value}`);
      }
    }
    // Every kind of key was exercised, and a filter that keeps nothing never passed unnoticed.
    expect(checked.length).toBeGreaterThan(30);
    expect(
      Object.keys(ruleScorecard(keptByRule(filterKeys(e.db)[0] as FilterKey, 'Enterprise'))),
    ).not.toEqual([]);
  }, 240_000);

  it('gives the same answer counts on the public scorecard and gap report, whatever the case', () => {
    const cuts: Record<string, string>[] = [
      { segment: 'Enterprise' },
      { SEGMENT: 'enterprise' },
      { plan: 'Enterprise' },
      { Plan: 'ENTERPRISE' },
      { touchpoint: 'help desk' },
      { region: 'emea' },
    ];
    for (const filters of cuts) {
      const card = computeScorecard(e.db, { period: 'all', filters });
      const n = (id: string) => card.kpis.find((k) => k.id === id)?.n ?? 0;
      const gap = computeGapReport(e.db, { filters });
      // The demo's answers are NPS, CSAT and CES, each on one scale, so the two totals must agree.
      expect(n('nps') + n('csat') + n('ces'), JSON.stringify(filters)).toBe(
        gap.metadata.counts.customerAnswers,
      );
      expect(gap.metadata.counts.customerAnswers, JSON.stringify(filters)).toBeGreaterThan(0);
    }
  });

  it('refuses an unknown key naming the keys that exist, on both sides', () => {
    expect(() => computeScorecard(e.db, { filters: { tier: 'Gold' } })).toThrow(
      /no filter key "tier".*segment, region, .*plan, touchpoint/,
    );
    expect(() => computeGapReport(e.db, { filters: { tier: 'Gold' } })).toThrow(/no filter key "tier"/);
  });
});
