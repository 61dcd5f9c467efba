/**
 * Issue 6 "Verify" on the demo engagement: the gap report against truth.json.
 * - Per touchpoint, both sides' n and realised means equal truth (and SQL written here, with the
 *   touchpoints table's aliases resolved literally), and the realised gap equals truth's.
 * - The planted gap (model expectation) lies inside the product's 95% Welch interval. With 8
 *   touchpoints at 95% about 0.4 misses are expected by chance; at most 1 is allowed (P(≥ 2) ≈ 6%).
 * - The planted overrated touchpoints (Onboarding, Support) rank first in the priorities, are
 *   significant shortfalls, and lead the touchpoint key messages; the underrated one (Product) is a
 *   significant negative gap with priority 0.
 * - The headline's staff side equals truth's "superior: yes" share.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../src/demo/build';
import type { DemoTruth } from '../../../src/demo/truth';
import { computeGapReport, type GapReport } from '../../../src/core/analysis';
import { openEngagement } from '../../../src/core/store';

describe('demo gap report vs truth.json', () => {
  let dir = '';
  let truth: DemoTruth;
  let gap: GapReport;
  let literal: Map<string, { staffN: number; staffMean: number; customerN: number; customerMean: number }>;
  let literalTopBox: { n: number; top: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxb-gap-truth-'));
    const build = await buildDemoEngagement(join(dir, 'demo.cxb'));
    truth = JSON.parse(readFileSync(join(build.filesDir, 'truth.json'), 'utf8')) as DemoTruth;
    const e = openEngagement(build.path);
    gap = computeGapReport(e.db);
    e.close();

    // Literal side: names and aliases from the touchpoints table, resolved in SQL (case-insensitive).
    const db = new Database(build.path, { readonly: true });
    const names = `WITH names AS (
        SELECT name AS canonical, lower(name) AS label FROM touchpoints WHERE active = 1
        UNION SELECT t.name, lower(a.value) FROM touchpoints t, json_each(t.aliases) a WHERE t.active = 1)`;
    const customer = db
      .prepare(
        `${names}
         SELECT n.canonical AS touchpoint, count(*) AS n,
                avg((r.score - r.scale_min) / (r.scale_max - r.scale_min) * 100) AS mean
         FROM responses r JOIN names n ON n.label = lower(trim(r.touchpoint))
         WHERE r.active = 1 GROUP BY n.canonical`,
      )
      .all() as { touchpoint: string; n: number; mean: number }[];
    const staff = db
      .prepare(
        `${names}
         SELECT touchpoint, count(*) AS n, avg(m) AS mean FROM (
           SELECT n.canonical AS touchpoint, a.respondent,
                  avg((a.score - a.scale_min) / (a.scale_max - a.scale_min) * 100) AS m
           FROM assessments a JOIN names n ON n.label = lower(trim(a.touchpoint))
           WHERE a.active = 1 AND a.score IS NOT NULL GROUP BY n.canonical, a.respondent)
         GROUP BY touchpoint`,
      )
      .all() as { touchpoint: string; n: number; mean: number }[];
    literal = new Map();
    for (const c of customer) {
      const s = staff.find((x) => x.touchpoint === c.touchpoint);
      literal.set(c.touchpoint, {
        staffN: s?.n ?? 0,
        staffMean: s?.mean ?? NaN,
        customerN: c.n,
        customerMean: c.mean,
      });
    }
    literalTopBox = db
      .prepare(
        `SELECT count(*) AS n,
                sum(CASE WHEN survey = 'nps' THEN score >= 9 ELSE score >= scale_max END) AS top
         FROM responses WHERE active = 1`,
      )
      .get() as { n: number; top: number };
    db.close();
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('one row per touchpoint of the table, none unmatched (aliases resolved)', () => {
    expect(gap.metadata.touchpointSource).toBe('touchpoints table');
    expect(gap.touchpoints.map((r) => r.touchpoint).sort()).toEqual(
      truth.gap.touchpoints.map((t) => t.touchpoint).sort(),
    );
    expect(gap.unmatched).toEqual([]);
    expect(truth.aliases.responsesWithAliasLabel).toBeGreaterThan(0);
  });

  it('per touchpoint: n and realised means of both sides equal truth and literal SQL', () => {
    for (const t of truth.gap.touchpoints) {
      const row = gap.touchpoints.find((r) => r.touchpoint === t.touchpoint);
      const l = literal.get(t.touchpoint);
      expect({
        touchpoint: t.touchpoint,
        internalN: row?.internal.n,
        customerN: row?.customer.n,
        internal: Number(row?.internal.mean?.toFixed(3)),
        customer: Number(row?.customer.mean?.toFixed(3)),
        gap: Number(row?.gap?.toFixed(3)),
      }).toEqual({
        touchpoint: t.touchpoint,
        internalN: t.internal.respondents,
        customerN: t.customer.n,
        internal: t.internal.realisedMean100,
        customer: t.customer.realisedMean100,
        gap: t.realisedGap,
      });
      expect(row?.internal.n).toBe(l?.staffN);
      expect(row?.customer.n).toBe(l?.customerN);
      expect(row?.internal.mean).toBeCloseTo(l?.staffMean as number, 9);
      expect(row?.customer.mean).toBeCloseTo(l?.customerMean as number, 9);
      expect(row?.gap).toBeCloseTo((l?.staffMean as number) - (l?.customerMean as number), 9);
    }
  });

  it('the planted gaps lie inside the 95% intervals (at most 1 miss of 8 allowed by chance)', () => {
    const misses: string[] = [];
    for (const t of truth.gap.touchpoints) {
      const row = gap.touchpoints.find((r) => r.touchpoint === t.touchpoint);
      expect(row?.interval?.level).toBe(0.95);
      const iv = row?.interval;
      if (!iv || t.plantedGap < iv.low || t.plantedGap > iv.high)
        misses.push(`${t.touchpoint}: planted ${t.plantedGap} outside ${iv?.low}..${iv?.high}`);
    }
    expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(1);
  });

  it('the planted overrated touchpoints rank first in the priorities; the underrated one is a significant surplus', () => {
    const overrated = [...truth.gap.overrated].sort();
    expect(overrated).toEqual(['Onboarding', 'Support']);
    const top = gap.priorities.filter((p) => p.rank !== null && p.rank <= overrated.length);
    expect(top.map((p) => p.touchpoint).sort()).toEqual(overrated);
    for (const name of overrated) {
      const row = gap.touchpoints.find((r) => r.touchpoint === name);
      expect(row).toMatchObject({ significant: true, reading: 'shortfall', smallSample: false });
      expect(row?.interval?.low).toBeGreaterThan(0);
    }
    for (const name of truth.gap.underrated) {
      const row = gap.touchpoints.find((r) => r.touchpoint === name);
      expect(row).toMatchObject({ significant: true, reading: 'surplus' });
      expect(row?.interval?.high).toBeLessThan(0);
      expect(gap.priorities.find((p) => p.touchpoint === name)?.priority).toBe(0);
    }
    // The touchpoint key messages open with the overrated touchpoints (after the headline).
    const touchpointMessages = gap.keyMessages.filter((m) => m.cites[0]?.metric.startsWith('gap:'));
    expect(
      touchpointMessages
        .slice(0, 2)
        .map((m) => m.cites[0]?.metric)
        .sort(),
    ).toEqual(overrated.map((n) => `gap:${n}`));
    for (const m of touchpointMessages.slice(0, 2)) expect(m.text).toMatch(/^Staff overrate /);
  });

  it('headline: staff "superior" share equals truth; customer top-box share equals literal SQL', () => {
    const h = gap.headline;
    expect(h.internalBasis).toBe('superior');
    expect(h.internalRespondents).toBe(truth.gap.headline.staffRespondents);
    expect(Number(h.internal?.share.toFixed(2))).toBe(truth.gap.headline.staffSuperiorYesPct);
    expect(h.customer).toMatchObject({ n: literalTopBox.n, topBox: literalTopBox.top });
    expect(h.customer?.share).toBeCloseTo((100 * literalTopBox.top) / literalTopBox.n, 9);
    expect(h.significant).toBe(true);
    expect(gap.keyMessages[0]?.cites.map((c) => c.metric)).toEqual(['topbox:internal', 'topbox:customer']);
  });
});
