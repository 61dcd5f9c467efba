import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngagement, type Db, type Engagement } from '../../../src/core/store';
import { gapForGroup, isTopBox, pearsonFromSums, correlationSums } from '../../../src/core/gap';
import { computeGapReport as computeFromStore, GapInputError } from '../../../src/core/analysis';
import { useTempDir } from '../../helpers';
import { refreshAggregates } from '../../../src/core/store';

/** These tests write rows with SQL, not through the importer: rebuild the pre-aggregates first. */
function computeGapReport(
  db: Db,
  options?: Parameters<typeof computeFromStore>[1],
): ReturnType<typeof computeFromStore> {
  refreshAggregates(db);
  return computeFromStore(db, options);
}

const tempDir = useTempDir();
const open: Engagement[] = [];
afterEach(() => {
  for (const e of open.splice(0)) e.close();
});

function engagement(): Db {
  const e = openEngagement(join(tempDir(), 'gap.cxb'));
  open.push(e);
  return e.db;
}

function addImport(db: Db, kind: string): number {
  const r = db
    .prepare(
      `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected,
        facts_written, imported_at) VALUES (?, ?, ?, '{}', 0, 0, 0, 0, '2026-10-02T00:00:00Z')`,
    )
    .run(`${kind}.csv`, `sha-${kind}-${Math.random()}`, kind);
  return Number(r.lastInsertRowid);
}

interface ResponseRow {
  respondent: string;
  survey: 'nps' | 'csat' | 'ces' | 'servqual' | 'rating';
  item: string;
  score: number;
  min: number;
  max: number;
  touchpoint?: string | null;
  on?: string | null;
  segment?: string | null;
  dimension?: string | null;
  measure?: 'expectation' | 'perception' | null;
  attributes?: Record<string, unknown> | null;
  active?: 0 | 1;
}

function addResponses(db: Db, rows: ResponseRow[]): void {
  const importId = addImport(db, 'responses');
  const insert = db.prepare(
    `INSERT INTO responses (respondent_id, responded_on, survey, item, dimension, measure, score, scale_min,
       scale_max, touchpoint, segment, attributes, import_id, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.respondent,
      r.on ?? null,
      r.survey,
      r.item,
      r.dimension ?? null,
      r.measure ?? null,
      r.score,
      r.min,
      r.max,
      r.touchpoint ?? null,
      r.segment ?? null,
      r.attributes ? JSON.stringify(r.attributes) : null,
      importId,
      r.active ?? 1,
    );
  }
}

interface AssessmentRow {
  respondent: string;
  touchpoint: string | null;
  score: number | null;
  min?: number | null;
  max?: number | null;
  superior?: 0 | 1 | null;
  role?: string | null;
  active?: 0 | 1;
}

function addAssessments(db: Db, rows: AssessmentRow[]): void {
  const importId = addImport(db, 'assessments');
  const insert = db.prepare(
    `INSERT INTO assessments (respondent, role, touchpoint, item, score, scale_min, scale_max, superior,
       import_id, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.respondent,
      r.role ?? null,
      r.touchpoint,
      r.touchpoint ?? 'overall',
      r.score,
      r.min === undefined ? 1 : r.min,
      r.max === undefined ? 5 : r.max,
      r.superior ?? null,
      importId,
      r.active ?? 1,
    );
  }
}

function addTouchpoints(
  db: Db,
  rows: { name: string; aliases?: string[] | string; stage?: string; importance?: number | null }[],
): void {
  const importId = addImport(db, 'touchpoints');
  const insert = db.prepare(
    `INSERT INTO touchpoints (name, aliases, journey_stage, stated_importance, import_id) VALUES (?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    const aliases = typeof r.aliases === 'string' ? r.aliases : JSON.stringify(r.aliases ?? []);
    insert.run(r.name, aliases, r.stage ?? null, r.importance ?? null, importId);
  }
}

const norm5 = (x: number) => ((x - 1) / 4) * 100;
const norm10 = (x: number) => x * 10;

// Hand-worked data: staff rate Onboarding 5,5,4,5,5,4 on 1–5 → 100,100,75,100,100,75, mean 91.667.
const STAFF_ONBOARDING = [5, 5, 4, 5, 5, 4];
// Customers rate it (as "On-boarding") 2,3,3,2,4 | 2,3,3,2,3 on 1–5 → mean 42.5 (SMB 45, Enterprise 40).
const CUST_ONBOARDING = [2, 3, 3, 2, 4, 2, 3, 3, 2, 3];
// Support: staff 4,4,3,4,4,3 (mean 62.5), customers 4,5,3,4,5,3,4,5,4,4 (mean 77.5): staff underrate.
const STAFF_SUPPORT = [4, 4, 3, 4, 4, 3];
const CUST_SUPPORT = [4, 5, 3, 4, 5, 3, 4, 5, 4, 4];
// Likelihood to recommend tracks Onboarding exactly (y = 2x), so Onboarding is the strongest driver.
const LTR = CUST_ONBOARDING.map((x) => 2 * x);

function seed(db: Db): void {
  addTouchpoints(db, [
    { name: 'Onboarding', aliases: ['On-boarding'], stage: 'Start', importance: 40 },
    { name: 'Support', aliases: 'Help desk; Helpdesk', stage: 'Use', importance: 80 },
    { name: 'Billing', stage: 'Use', importance: 20 },
  ]);
  const staff: AssessmentRow[] = [];
  STAFF_ONBOARDING.forEach((score, i) =>
    staff.push({ respondent: `s${i + 1}`, touchpoint: 'Onboarding', score }),
  );
  STAFF_SUPPORT.forEach((score, i) =>
    staff.push({ respondent: `s${i + 1}`, touchpoint: 'help desk', score }),
  );
  // Only four staff rated Billing: suppressed.
  [5, 5, 5, 4].forEach((score, i) => staff.push({ respondent: `s${i + 1}`, touchpoint: 'Billing', score }));
  // The explicit "superior" question: five of six say yes.
  for (let i = 1; i <= 6; i++)
    staff.push({
      respondent: `s${i}`,
      touchpoint: null,
      score: null,
      min: null,
      max: null,
      superior: i <= 5 ? 1 : 0,
    });
  // Superseded staff answer: ignored.
  staff.push({ respondent: 's1', touchpoint: 'Onboarding', score: 1, active: 0 });
  addAssessments(db, staff);

  const rows: ResponseRow[] = [];
  CUST_ONBOARDING.forEach((score, i) => {
    const respondent = `c${i + 1}`;
    const segment = i < 5 ? 'SMB' : 'Enterprise';
    const on = i === 9 ? '2026-10-01' : '2026-07-15';
    const attributes = { tier: i % 2 === 0 ? 'gold' : 'silver' };
    rows.push({
      respondent,
      survey: 'csat',
      item: 'onb',
      score,
      min: 1,
      max: 5,
      touchpoint: 'On-boarding',
      segment,
      on,
      attributes,
    });
    rows.push({
      respondent,
      survey: 'rating',
      item: 'sup',
      score: CUST_SUPPORT[i] as number,
      min: 1,
      max: 5,
      touchpoint: 'Support',
      segment,
      on,
      attributes,
    });
    rows.push({
      respondent,
      survey: 'nps',
      item: 'ltr',
      score: LTR[i] as number,
      min: 0,
      max: 10,
      segment,
      on,
      attributes,
    });
  });
  rows.push({
    respondent: 'c1',
    survey: 'csat',
    item: 'bill',
    score: 2,
    min: 1,
    max: 5,
    touchpoint: 'Billing',
    on: '2026-07-15',
  });
  rows.push({
    respondent: 'c2',
    survey: 'csat',
    item: 'park',
    score: 5,
    min: 1,
    max: 5,
    touchpoint: 'Parking',
    on: '2026-07-15',
  });
  // Superseded customer answers: ignored.
  rows.push({
    respondent: 'c1',
    survey: 'csat',
    item: 'onb',
    score: 5,
    min: 1,
    max: 5,
    touchpoint: 'Onboarding',
    active: 0,
  });
  addResponses(db, rows);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('computeGapReport on an engagement file', () => {
  it('puts both sides on 0–100 and signs the gap staff − customers', () => {
    const db = engagement();
    seed(db);
    const r = computeGapReport(db);
    const onb = r.touchpoints.find((t) => t.touchpoint === 'Onboarding');
    expect(onb?.journeyStage).toBe('Start');
    expect(onb?.internal.n).toBe(6);
    expect(onb?.internal.mean).toBeCloseTo(550 / 6, 9);
    expect(onb?.customer.n).toBe(10);
    expect(onb?.customer.mean).toBeCloseTo(42.5, 9);
    expect(onb?.gap).toBeCloseTo(550 / 6 - 42.5, 9);
    expect(onb?.reading).toBe('shortfall');
    // Same numbers as the pure function on the raw values (the SQL sums are exact).
    const expected = gapForGroup(STAFF_ONBOARDING.map(norm5), CUST_ONBOARDING.map(norm5));
    expect(onb?.interval?.low).toBeCloseTo(expected.interval?.low ?? NaN, 9);
    expect(onb?.interval?.high).toBeCloseTo(expected.interval?.high ?? NaN, 9);
    expect(onb?.pRaw).toBeCloseTo(expected.pRaw ?? NaN, 12);
    expect(onb?.smallSample).toBe(true);
    expect(onb?.significant).toBeNull();

    const support = r.touchpoints.find((t) => t.touchpoint === 'Support');
    expect(support?.internal.mean).toBeCloseTo(mean(STAFF_SUPPORT.map(norm5)), 9);
    expect(support?.customer.mean).toBeCloseTo(77.5, 9);
    expect(support?.gap).toBeLessThan(0);
    expect(support?.reading).toBe('surplus');
  });

  it('matches aliases (JSON and ; separated), suppresses 4 staff and lists unmatched names', () => {
    const db = engagement();
    seed(db);
    const r = computeGapReport(db);
    expect(r.metadata.touchpointSource).toBe('touchpoints table');
    expect(r.touchpoints.find((t) => t.touchpoint === 'Support')?.internal.n).toBe(6); // "help desk"
    const billing = r.touchpoints.find((t) => t.touchpoint === 'Billing');
    expect(billing?.suppressed).toBe(true);
    expect(billing?.internal).toEqual({ n: null, mean: null });
    expect(billing?.gap).toBeNull();
    expect(r.unmatched).toEqual([{ name: 'Parking', side: 'customer', n: 1 }]);
    // The Use stage pools only Support: the suppressed Billing cannot be back-derived.
    expect(r.stages.find((s) => s.journeyStage === 'Use')?.touchpoints).toEqual(['Support']);
  });

  it('ignores inactive rows on both sides', () => {
    const db = engagement();
    seed(db);
    const before = computeGapReport(db).touchpoints.find((t) => t.touchpoint === 'Onboarding');
    expect(before?.internal.mean).toBeCloseTo(550 / 6, 9);
    expect(before?.customer.n).toBe(10);
    db.prepare('UPDATE responses SET active = 0 WHERE respondent_id = ?').run('c1');
    const after = computeGapReport(db).touchpoints.find((t) => t.touchpoint === 'Onboarding');
    expect(after?.customer.n).toBe(9);
    expect(after?.customer.mean).toBeCloseTo(mean(CUST_ONBOARDING.slice(1).map(norm5)), 9);
  });

  it('headline compares staff "superior" answers with customer top-box ratings', () => {
    const db = engagement();
    seed(db);
    const r = computeGapReport(db);
    expect(r.headline.internalBasis).toBe('superior');
    expect(r.headline.internal).toMatchObject({ n: 6, topBox: 5 });
    expect(r.headline.internal?.share).toBeCloseTo((5 / 6) * 100, 9);
    // Customer answers: 10 onboarding + 10 support + 10 NPS + Billing + Parking = 32.
    const topBox =
      CUST_ONBOARDING.filter((x) => x === 5).length +
      CUST_SUPPORT.filter((x) => x === 5).length +
      LTR.filter((x) => x >= 9).length +
      1; // Parking 5
    expect(r.headline.customer).toMatchObject({ n: 32, topBox });
    expect(r.metadata.counts).toMatchObject({
      customerAnswers: 32,
      customerTouchpointAnswers: 22,
      staffRespondents: 6,
    });
  });

  it('counts the top box in SQL exactly as isTopBox does, on every scale', () => {
    const db = engagement();
    const scales: [number, number][] = [
      [0, 10],
      [1, 5],
      [1, 7],
      [0, 5],
      [1, 10],
    ];
    const rows: ResponseRow[] = [];
    let expected = 0;
    for (const [min, max] of scales) {
      for (let s = min; s <= max; s += 0.5) {
        rows.push({ respondent: `r${rows.length}`, survey: 'rating', item: 'q', score: s, min, max });
        if (isTopBox(s, { min, max })) expected += 1;
      }
    }
    addResponses(db, rows);
    const r = computeGapReport(db);
    expect(r.headline.customer?.n).toBe(rows.length);
    expect(r.headline.customer?.topBox).toBe(expected);
    // No staff: the staff side is suppressed, never shown as 0%.
    expect(r.headline.suppressed).toBe(true);
    expect(r.headline.internal).toBeNull();
  });

  it('derives importance from the same respondents’ likelihood to recommend', () => {
    const db = engagement();
    seed(db);
    const r = computeGapReport(db);
    expect(r.importance.source).toBe('derived');
    const onb = r.importance.derived.find((x) => x.touchpoint === 'Onboarding');
    const sup = r.importance.derived.find((x) => x.touchpoint === 'Support');
    expect(onb?.r).toBeCloseTo(1, 9);
    expect(onb?.n).toBe(10);
    expect(onb?.importance).toBe(1);
    const expectedSupportR = pearsonFromSums(
      correlationSums(
        CUST_SUPPORT.map((x, i) => ({ ltr: norm10(LTR[i] as number), ratings: { s: norm5(x) } })),
      ).get('s') ?? { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 },
    );
    expect(sup?.r).toBeCloseTo(expectedSupportR ?? NaN, 9);
    expect(sup?.importance ?? 1).toBeLessThan(1);
    // Billing: one respondent, no correlation.
    expect(r.importance.derived.find((x) => x.touchpoint === 'Billing')?.importance).toBeNull();
    // Priority = importance × max(gap, 0): Onboarding (overrated, most important) ranks first.
    expect(r.priorities[0]).toMatchObject({ touchpoint: 'Onboarding', rank: 1 });
    expect(r.priorities.find((p) => p.touchpoint === 'Support')?.priority).toBe(0);
    // Stated importance (Support 80 > Onboarding 40) disagrees with customers: internal IPA.
    expect(r.importance.stated?.find((x) => x.touchpoint === 'Support')?.importance).toBe(1);
    expect(r.internalIpa?.rows.map((x) => x.touchpoint)).toEqual(['Onboarding', 'Support']);
    const stated = computeGapReport(db, { importance: 'stated' });
    expect(stated.importance.source).toBe('stated');
    expect(stated.importance.rows.find((x) => x.touchpoint === 'Onboarding')?.importance).toBe(0.5);
  });

  it('filters customers by segment and by attributes, staff untouched', () => {
    const db = engagement();
    seed(db);
    const smb = computeGapReport(db, { filters: { segment: 'smb' } });
    const onb = smb.touchpoints.find((t) => t.touchpoint === 'Onboarding');
    expect(onb?.customer.n).toBe(5);
    expect(onb?.customer.mean).toBeCloseTo(45, 9);
    expect(onb?.internal.n).toBe(6);
    expect(smb.metadata.filters).toEqual({ segment: 'smb' });
    const ent = computeGapReport(db, { filters: { segment: 'Enterprise' } });
    expect(ent.touchpoints.find((t) => t.touchpoint === 'Onboarding')?.customer.mean).toBeCloseTo(40, 9);
    const gold = computeGapReport(db, { filters: { tier: 'gold' } });
    expect(gold.touchpoints.find((t) => t.touchpoint === 'Onboarding')?.customer.mean).toBeCloseTo(
      mean([2, 3, 4, 3, 2].map(norm5)),
      9,
    );
  });

  it('filters staff by role and a touchpoint through its alias', () => {
    const db = engagement();
    seed(db);
    const r = computeGapReport(db, { filters: { touchpoint: 'on-boarding' } });
    expect(r.touchpoints.map((t) => t.touchpoint)).toEqual(['Onboarding']);
    expect(r.touchpoints[0]?.customer.n).toBe(10);
    expect(r.headline.internalBasis).toBe('top-box'); // "superior" is not about one touchpoint
    expect(r.headline.internal).toMatchObject({ n: 6, topBox: 4 });
    const sales = computeGapReport(db, { filters: { role: 'Sales' } });
    expect(sales.touchpoints.every((t) => t.suppressed)).toBe(true);
  });

  it('restricts customers to the period; undated staff answers count in every period', () => {
    const db = engagement();
    seed(db);
    const all = computeGapReport(db);
    expect(all.metadata.period.label).toBe('all');
    expect(all.metadata.asOf).toBe('2026-10-01');
    const q3 = computeGapReport(db, { period: '2026-Q3' });
    expect(q3.metadata.period).toMatchObject({
      label: '2026-Q3',
      start: '2026-07-01',
      endExclusive: '2026-10-01',
    });
    expect(q3.metadata.asOf).toBe('2026-07-15');
    const onb = q3.touchpoints.find((t) => t.touchpoint === 'Onboarding');
    expect(onb?.customer.n).toBe(9); // c10 answered in October; the undated inactive row never counts
    expect(onb?.internal.n).toBe(6);
    expect(q3.metadata.notes.join(' ')).toMatch(/Undated staff answers/);
    expect(() => computeGapReport(db, { period: '2026-Q5' })).toThrow(GapInputError);
  });

  it('builds touchpoints from the answers when no touchpoints table was imported', () => {
    const db = engagement();
    addAssessments(
      db,
      [5, 4, 5, 4, 5].map((score, i) => ({ respondent: `s${i}`, touchpoint: 'Check-in', score })),
    );
    addResponses(
      db,
      [1, 2, 3, 2].map((score, i) => ({
        respondent: `c${i}`,
        survey: 'rating' as const,
        item: 'q',
        score,
        min: 1,
        max: 5,
        touchpoint: i % 2 ? 'check in' : 'Check-in',
      })),
    );
    const r = computeGapReport(db);
    expect(r.metadata.touchpointSource).toBe('data');
    expect(r.touchpoints).toHaveLength(1);
    expect(r.touchpoints[0]).toMatchObject({
      touchpoint: 'Check-in',
      internal: { n: 5 },
      customer: { n: 4 },
    });
    expect(r.touchpoints[0]?.customer.mean).toBeCloseTo(mean([1, 2, 3, 2].map(norm5)), 9);
    expect(r.unmatched).toEqual([]);
    expect(r.servqual).toBeNull();
    expect(r.importance.source).toBeNull();
  });

  it('computes SERVQUAL P − E per item and dimension, unweighted and weighted', () => {
    const db = engagement();
    const pairs: { item: string; dimension: string; e: number[]; p: number[] }[] = [
      { item: 'Q1', dimension: 'Tangibles', e: [6, 7], p: [5, 5] }, // −1.5
      { item: 'Q2', dimension: 'Tangibles', e: [6, 6], p: [5, 6] }, // −0.5
      { item: 'Q3', dimension: 'Reliability', e: [7, 7], p: [4, 5] }, // −2.5
      { item: 'Q4', dimension: 'Reliability', e: [6, 6], p: [6, 5] }, // −0.5
    ];
    const rows: ResponseRow[] = [];
    for (const pair of pairs) {
      for (const measure of ['expectation', 'perception'] as const) {
        (measure === 'expectation' ? pair.e : pair.p).forEach((score, i) =>
          rows.push({
            respondent: `r${i}`,
            survey: 'servqual',
            item: pair.item,
            dimension: pair.dimension,
            measure,
            score,
            min: 1,
            max: 7,
          }),
        );
      }
    }
    rows.push({
      respondent: 'r0',
      survey: 'servqual',
      item: 'Q5',
      dimension: 'Empathy',
      measure: 'perception',
      score: 3,
      min: 1,
      max: 7,
    });
    addResponses(db, rows);
    db.prepare("INSERT INTO settings (key, value) VALUES ('servqual_weights', ?)").run(
      JSON.stringify({ Tangibles: 25, Reliability: 75 }),
    );
    const s = computeGapReport(db).servqual;
    expect(s?.scale).toEqual({ min: 1, max: 7, normalised: false });
    expect(s?.items.map((i) => i.gap)).toEqual([-1.5, -0.5, -2.5, -0.5]);
    expect(s?.dimensions.map((d) => [d.dimension, d.gap])).toEqual([
      ['Tangibles', -1],
      ['Reliability', -1.5],
    ]);
    expect(s?.unweighted).toBeCloseTo(-1.25, 12);
    expect(s?.meanItemGap).toBeCloseTo(-1.25, 12);
    expect(s?.weighted).toBeCloseTo(0.25 * -1 + 0.75 * -1.5, 12);
    expect(s?.weightSource).toBe('settings');
    expect(s?.unpairedItems).toEqual(['Q5']);
    expect(s?.reading).toBe('shortfall');
  });

  it('writes key messages and definitions, and refuses unusable filter keys', () => {
    const db = engagement();
    seed(db);
    const r = computeGapReport(db);
    expect(r.schema).toBe('cxbrief.gap/2');
    expect(r.keyMessages.length).toBeGreaterThan(0);
    expect(r.keyMessages[0]?.text).toMatch(/staff/);
    expect(r.metadata.definitions.join(' ')).toMatch(/Holm/);
    expect(() => computeGapReport(db, { filters: { 'a"b': 'x' } })).toThrow(GapInputError);
  });
});
