/**
 * Issue 6 "Verify": a test flips one gap to non-significant and the key message's wording changes
 * accordingly. A small engagement built through importFile from generated CSVs: 40 staff rate
 * Onboarding 4–5 (mean 95 on 0–100), customers rate it on CSAT 1–5.
 * 1. First export: 200 customer answers, mean 50 → a 45-point gap, significant → "Staff overrate …".
 * 2. A re-export of the same responses (newest import wins per response_id) with mean 92.5 → a
 *    2.5-point gap, Welch p ≈ 0.17 → "within the margin of error — not a significant gap".
 * 3. Removing the re-export brings the first values, and the first wording, back.
 * 4. The first gap on only 20 customer answers (n < 30) → small sample, no conclusion claimed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type KeyMessage } from '../../../src/core/gap';
import { computeGapReport, type GapReport } from '../../../src/core/analysis';
import { importFile, type Mapping } from '../../../src/core/import';
import { openEngagement, removeImport, type Engagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

const STAFF_MAPPING: Mapping = {
  kind: 'assessments',
  fields: { respondent: 'respondent', touchpoint: 'touchpoint', assessed_on: 'date' },
  items: [{ column: 'score', survey: 'rating', scaleMin: 1, scaleMax: 5 }],
};
const CUSTOMER_MAPPING: Mapping = {
  kind: 'responses',
  fields: {
    response_id: 'response_id',
    respondent_id: 'respondent',
    touchpoint: 'touchpoint',
    responded_on: 'date',
  },
  items: [{ column: 'score', survey: 'csat', scaleMin: 1, scaleMax: 5 }],
};

/** 40 staff: every fifth scores 4, the rest 5 → 8 × 75 and 32 × 100 on 0–100, mean 95. */
function staffCsv(dir: string): string {
  const lines = ['respondent,touchpoint,date,score'];
  for (let i = 0; i < 40; i++)
    lines.push(`S${String(i + 1).padStart(2, '0')},Onboarding,2026-09-01,${i % 5 === 0 ? 4 : 5}`);
  const file = join(dir, 'staff.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** n customer answers cycling through `pattern` (scores 1–5). */
function customerCsv(dir: string, name: string, n: number, pattern: number[]): string {
  const lines = ['response_id,respondent,touchpoint,date,score'];
  for (let i = 0; i < n; i++) {
    const id = String(i + 1).padStart(3, '0');
    lines.push(
      `R${id},C${id},Onboarding,2026-09-${String((i % 28) + 1).padStart(2, '0')},${pattern[i % pattern.length]}`,
    );
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Mean 3 on 1–5 = 50 on 0–100. */
const LOW = [2, 3, 3, 4, 3];
/** Mean 4.7 on 1–5 = 92.5 on 0–100. */
const CLOSE = [5, 5, 5, 4, 5, 5, 5, 4, 5, 4];

function onboardingMessage(gap: GapReport): KeyMessage {
  const m = gap.keyMessages.find((k) => k.cites[0]?.metric === 'gap:Onboarding');
  if (!m) throw new Error(`no Onboarding message in ${JSON.stringify(gap.keyMessages)}`);
  return m;
}

function literalMeans(e: Engagement): { staff: number; customers: number; n: number } {
  const staff = e.db
    .prepare(
      `SELECT avg((score - scale_min) / (scale_max - scale_min) * 100) AS m FROM assessments WHERE active = 1`,
    )
    .get() as { m: number };
  const customers = e.db
    .prepare(
      `SELECT avg((score - scale_min) / (scale_max - scale_min) * 100) AS m, count(*) AS n
       FROM responses WHERE active = 1`,
    )
    .get() as { m: number; n: number };
  return { staff: staff.m, customers: customers.m, n: customers.n };
}

describe('key message wording follows significance', () => {
  it('significant gap → "Staff overrate"; re-export makes it non-significant → "within the margin of error"; removal restores', async () => {
    const dir = tempDir();
    const e = openEngagement(join(dir, 'flip.cxb'));
    await importFile(e.db, { file: staffCsv(dir), mapping: STAFF_MAPPING });
    await importFile(e.db, { file: customerCsv(dir, 'csat-v1.csv', 200, LOW), mapping: CUSTOMER_MAPPING });

    // 1. Significant.
    expect(literalMeans(e)).toEqual({ staff: 95, customers: 50, n: 200 });
    const first = computeGapReport(e.db);
    const row1 = first.touchpoints.find((r) => r.touchpoint === 'Onboarding');
    expect(row1).toMatchObject({ significant: true, smallSample: false, reading: 'shortfall' });
    expect(row1?.gap).toBeCloseTo(45, 10);
    expect(row1?.interval?.low).toBeGreaterThan(0);
    const m1 = onboardingMessage(first);
    expect(m1.support).toBe('significant');
    expect(m1.text).toBe(
      'Staff overrate Onboarding: they score it 45 points higher than customers do ' +
        '(staff 95 vs customers 50; significant; n = 40 staff, 200 customers).',
    );
    expect(m1.cites[0]).toMatchObject({ metric: 'gap:Onboarding', n: 40 });
    expect(m1.cites[0]?.value).toBeCloseTo(45, 10);
    expect(m1.cites[0]?.interval?.low).toBeCloseTo(row1?.interval?.low as number, 12);

    // 2. The re-export (same response ids, newer import wins): customers now close to staff.
    const v2 = await importFile(e.db, {
      file: customerCsv(dir, 'csat-v2.csv', 200, CLOSE),
      mapping: CUSTOMER_MAPPING,
    });
    expect(literalMeans(e)).toEqual({ staff: 95, customers: 92.5, n: 200 });
    const second = computeGapReport(e.db);
    const row2 = second.touchpoints.find((r) => r.touchpoint === 'Onboarding');
    expect(row2?.gap).toBeCloseTo(2.5, 10);
    expect(row2).toMatchObject({ significant: false, smallSample: false });
    expect(row2?.pAdjusted).toBeGreaterThan(0.05);
    expect(row2?.interval?.low).toBeLessThan(0);
    expect(row2?.interval?.high).toBeGreaterThan(0);
    const m2 = onboardingMessage(second);
    expect(m2.support).toBe('not-significant');
    expect(m2.text).toBe(
      'On Onboarding, staff and customers differ by 2.5 points (staff 95 vs customers 92.5), ' +
        'within the margin of error — not a significant gap (n = 40 staff, 200 customers).',
    );
    expect(m2.text).not.toMatch(/overrate|significant;/);

    // 3. Removing the re-export brings back the first data and the first wording.
    removeImport(e.db, v2.importId as number);
    expect(literalMeans(e)).toEqual({ staff: 95, customers: 50, n: 200 });
    expect(onboardingMessage(computeGapReport(e.db)).text).toBe(m1.text);
    e.close();
  });

  it('the same 45-point gap on 20 customer answers is a small sample: no claim', async () => {
    const dir = tempDir();
    const e = openEngagement(join(dir, 'small.cxb'));
    await importFile(e.db, { file: staffCsv(dir), mapping: STAFF_MAPPING });
    await importFile(e.db, { file: customerCsv(dir, 'csat-small.csv', 20, LOW), mapping: CUSTOMER_MAPPING });
    expect(literalMeans(e)).toEqual({ staff: 95, customers: 50, n: 20 });
    const gap = computeGapReport(e.db);
    const row = gap.touchpoints.find((r) => r.touchpoint === 'Onboarding');
    expect(row).toMatchObject({ smallSample: true, significant: null });
    expect(row?.gap).toBeCloseTo(45, 10);
    const m = onboardingMessage(gap);
    expect(m.support).toBe('small-sample');
    expect(m.text).toBe(
      'On Onboarding, staff score 45 points higher than customers (staff 95 vs customers 50), ' +
        'but the sample is small (n = 40 staff, 20 customers) — no conclusion can be drawn.',
    );
    e.close();
  });
});
