import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoManifest } from '../../../src/demo/generate';
import type { DemoTruth, RevenueQuarterTruth } from '../../../src/demo/truth';

type Row = Record<string, string>;

let dirA = '';
let dirB = '';
let dirSmall = '';
let manifest: DemoManifest;
let truth: DemoTruth;
let responses: Row[] = [];
let customers: Row[] = [];

async function sha256s(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  const hashes: Record<string, string> = {};
  for (const name of names)
    hashes[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return hashes;
}

async function readCsv(dir: string, name: string): Promise<Row[]> {
  const parsed = Papa.parse<Row>(await readFile(join(dir, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function readSheet(dir: string, name: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, name));
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${name} has no sheet`);
  return sheet;
}

const SCALES: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
const norm100 = (survey: string, score: number): number => {
  const [min, max] = SCALES[survey] as [number, number];
  return ((score - min) / (max - min)) * 100;
};
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const quarterOf = (date: string): string => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), 'cxb-demo-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'cxb-demo-b-'));
  dirSmall = await mkdtemp(join(tmpdir(), 'cxb-demo-s-'));
  manifest = await generateDemo(dirA);
  await generateDemo(dirB);
  truth = JSON.parse(await readFile(join(dirA, 'truth.json'), 'utf8')) as DemoTruth;
  responses = await readCsv(dirA, 'responses.csv');
  customers = await readCsv(dirA, 'customers.csv');
});

afterAll(async () => {
  for (const dir of [dirA, dirB, dirSmall]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo generator', () => {
  it('gives byte-identical files for the same seed, and different data for another seed', async () => {
    const a = await sha256s(dirA);
    expect(Object.keys(a)).toHaveLength(manifest.files.length + 2);
    expect(await sha256s(dirB)).toEqual(a);
    await generateDemo(dirSmall, { seed: 7, scale: 0.1 });
    const small = await sha256s(dirSmall);
    expect(small['responses.csv']).not.toBe(a['responses.csv']);
    expect(small['revenue_apac_wide.xlsx']).not.toBe(a['revenue_apac_wide.xlsx']);
  });

  it('writes row counts in the expected ranges and as the manifest and truth.json state', async () => {
    const expected: Record<string, [number, number]> = {
      customers: [1800, 2300],
      'revenue-long': [30_000, 50_000],
      'revenue-wide': [200, 450],
      responses: [55_000, 65_000],
      assessments: [2000, 2400],
      touchpoints: [8, 8],
      targets: [18, 18],
      spend: [36, 36],
      funnel: [180, 180],
    };
    for (const file of manifest.files) {
      const [low, high] = expected[file.kind] ?? [0, 0];
      expect(file.rows, file.kind).toBeGreaterThanOrEqual(low);
      expect(file.rows, file.kind).toBeLessThanOrEqual(high);
      expect(truth.rows[file.path]).toBe(file.rows);
      if (file.format === 'csv') expect((await readCsv(dirA, file.path)).length, file.path).toBe(file.rows);
      else {
        const sheet = await readSheet(dirA, file.path);
        expect(sheet.name).toBe(file.sheet);
        expect(sheet.actualRowCount - (file.headerRow ?? 1) + (file.kind === 'assessments' ? 1 : 0)).toBe(
          file.rows,
        );
      }
      for (const column of Object.values(file.mapping)) {
        if (file.format === 'csv') {
          const header = (await readFile(join(dirA, file.path), 'utf8')).split('\r\n')[0] ?? '';
          expect(Papa.parse<string[]>(header).data[0], `${file.path}: ${column}`).toContain(column);
        }
      }
    }
    expect(customers.length).toBe(truth.customers.total);
  });

  it('writes only valid response rows whose touchpoints resolve through the aliases', async () => {
    const touchpoints = await readCsv(dirA, 'touchpoints.csv');
    const canonical = new Map<string, string>();
    for (const t of touchpoints) {
      canonical.set(t.name as string, t.name as string);
      for (const alias of (t.aliases ?? '').split(';')) canonical.set(alias, t.name as string);
    }
    const customerIds = new Set(customers.map((c) => c['Customer ID']));
    const ids = new Set<string>();
    let aliased = 0;
    for (const r of responses) {
      const survey = r.survey_type as string;
      const score = Number(r.score);
      const [min, max] = SCALES[survey] ?? [NaN, NaN];
      expect(Number.isInteger(score) && score >= min && score <= max, `${r.response_id} score`).toBe(true);
      const on = r.responded_on ?? '';
      expect(on >= '2023-10-01' && on <= '2026-09-30', on).toBe(true);
      expect(customerIds.has(r.customer_id as string)).toBe(true);
      expect(canonical.has(r.touchpoint as string), r.touchpoint).toBe(true);
      if (canonical.get(r.touchpoint as string) !== r.touchpoint) aliased += 1;
      ids.add(r.response_id as string);
    }
    expect(ids.size).toBe(responses.length);
    expect(aliased).toBe(truth.aliases.responsesWithAliasLabel);
    expect(aliased).toBeGreaterThan(1000);
    expect(canonical.size).toBe(8 * 3);
  });

  it('records planted NPS per quarter that the rows reproduce', () => {
    expect(truth.nps.quarters).toHaveLength(12);
    for (const q of truth.nps.quarters) {
      const answers = responses.filter(
        (r) => r.survey_type === 'nps' && quarterOf(r.responded_on as string) === q.period,
      );
      const promoters = answers.filter((r) => Number(r.score) >= 9).length;
      const detractors = answers.filter((r) => Number(r.score) <= 6).length;
      expect(answers.length).toBe(q.n);
      expect(((promoters - detractors) / answers.length) * 100).toBeCloseTo(q.realised, 1);
      expect(q.expected).toBeCloseTo(q.planted, 1);
      expect(Math.abs(q.realised - q.planted)).toBeLessThan(6);
    }
    expect(truth.nps.quarters[0]?.planted).toBe(18);
    expect(truth.nps.quarters[11]?.planted).toBe(31);
    const csat = responses.filter((r) => r.survey_type === 'csat').map((r) => Number(r.score));
    expect((csat.filter((s) => s >= 4).length / csat.length) * 100).toBeCloseTo(truth.csat.top2BoxPct, 1);
    const ces = responses.filter((r) => r.survey_type === 'ces').map((r) => Number(r.score));
    expect(mean(ces)).toBeCloseTo(truth.ces.mean, 3);
  });

  it('records NRR, GRR and logo churn that the long and wide revenue files reproduce together', async () => {
    const mrr = new Map<string, Map<string, number>>();
    const put = (id: string, month: string, value: number): void => {
      const months = mrr.get(id) ?? new Map<string, number>();
      expect(months.has(month), `${id} ${month} appears twice`).toBe(false);
      months.set(month, value);
      mrr.set(id, months);
    };
    for (const r of await readCsv(dirA, 'revenue_long.csv'))
      put(r.customer_id as string, r.month as string, Number(r.mrr));
    const longIds = new Set(mrr.keys());
    const sheet = await readSheet(dirA, 'revenue_apac_wide.xlsx');
    const header = sheet.getRow(1);
    const months: string[] = [];
    for (let c = 3; c <= 38; c++) {
      const value = header.getCell(c).value;
      expect(value).toBeInstanceOf(Date);
      months.push((value as Date).toISOString().slice(0, 7));
    }
    expect(months[0]).toBe('2023-10');
    expect(months[35]).toBe('2026-09');
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const id = String(row.getCell(1).value);
      expect(longIds.has(id)).toBe(false);
      months.forEach((month, i) => {
        const value = row.getCell(i + 3).value;
        if (typeof value === 'number') put(id, month, value);
      });
    });
    const bridge = (start: string, end: string) => {
      let startMrr = 0;
      let endMrr = 0;
      let lost = 0;
      let base = 0;
      let churned = 0;
      let contraction = 0;
      for (const months of mrr.values()) {
        const from = months.get(start) ?? 0;
        if (from <= 0) continue;
        const to = months.get(end) ?? 0;
        base += 1;
        startMrr += from;
        endMrr += to;
        if (to <= 0) {
          lost += 1;
          churned += from;
        } else if (to < from) contraction += from - to;
      }
      return {
        nrr: endMrr / startMrr,
        grr: (startMrr - contraction - churned) / startMrr,
        logoChurn: lost / base,
        startMrr,
      };
    };
    const check = (got: ReturnType<typeof bridge>, want: RevenueQuarterTruth): void => {
      expect(got.startMrr).toBe(want.startMrr);
      expect(got.nrr).toBeCloseTo(want.nrr, 5);
      expect(got.grr).toBeCloseTo(want.grr, 5);
      expect(got.logoChurn).toBeCloseTo(want.logoChurn, 5);
      expect(want.grr).toBeLessThanOrEqual(1);
    };
    const q3 = truth.revenue.quarters.find((q) => q.period === '2026-Q3') as RevenueQuarterTruth;
    check(bridge('2026-06', '2026-09'), q3);
    check(bridge('2025-09', '2026-09'), truth.revenue.trailing12);
    const q1 = truth.revenue.quarters.find((q) => q.period === '2024-Q1') as RevenueQuarterTruth;
    check(bridge('2023-12', '2024-03'), q1);
  });

  it('plants NPS that goes with revenue: detractors churn more and keep less revenue', () => {
    const byClass = Object.fromEntries(truth.revenue.byNpsClassTrailing12.map((c) => [c.npsClass, c]));
    expect(byClass.promoter?.nrr).toBeGreaterThan((byClass.detractor?.nrr ?? 0) + 0.03);
    expect(byClass.detractor?.logoChurn).toBeGreaterThan(byClass.promoter?.logoChurn ?? 1);
  });

  it('plants staff overrating of two touchpoints and underrating of one, reproduced by the files', async () => {
    const sheet = await readSheet(dirA, 'assessments.xlsx');
    expect(String(sheet.getCell('A1').value)).toContain('self-assessment');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getCell('A4').value).toBe('Respondent ID');
    const internal = new Map<string, number[]>();
    const superior = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n <= 4) return;
      const touchpoint = String(row.getCell(4).value);
      internal.set(touchpoint, [
        ...(internal.get(touchpoint) ?? []),
        ((Number(row.getCell(5).value) - 1) / 4) * 100,
      ]);
      superior.set(String(row.getCell(1).value), String(row.getCell(6).value));
      expect(row.getCell(7).value).toBeInstanceOf(Date);
    });
    expect(superior.size).toBeGreaterThanOrEqual(280);
    const yes = [...superior.values()].filter((s) => s === 'Yes').length;
    expect((yes / superior.size) * 100).toBeCloseTo(truth.gap.headline.staffSuperiorYesPct, 1);

    const touchpoints = await readCsv(dirA, 'touchpoints.csv');
    const canonical = new Map<string, string>();
    for (const t of touchpoints)
      for (const label of [t.name, ...(t.aliases ?? '').split(';')])
        canonical.set(label as string, t.name as string);
    const customer = new Map<string, number[]>();
    for (const r of responses) {
      const name = canonical.get(r.touchpoint as string) as string;
      const list = customer.get(name) ?? [];
      list.push(norm100(r.survey_type as string, Number(r.score)));
      customer.set(name, list);
    }
    for (const t of truth.gap.touchpoints) {
      expect(mean(internal.get(t.touchpoint) ?? [])).toBeCloseTo(t.internal.realisedMean100, 2);
      expect(mean(customer.get(t.touchpoint) ?? [])).toBeCloseTo(t.customer.realisedMean100, 2);
      expect(t.plantedGap).toBeCloseTo(t.plantedOffset, -0.5);
    }
    const overrated = truth.gap.touchpoints.filter((t) => t.classification === 'overrated');
    const underrated = truth.gap.touchpoints.filter((t) => t.classification === 'underrated');
    const aligned = truth.gap.touchpoints.filter((t) => t.classification === 'aligned');
    expect(overrated.map((t) => t.touchpoint).sort()).toEqual(['Onboarding', 'Support']);
    expect(underrated.map((t) => t.touchpoint)).toEqual(['Product']);
    const othersMax = (key: 'plantedGap' | 'realisedGap') =>
      Math.max(...[...aligned, ...underrated].map((t) => t[key]));
    const othersMin = (key: 'plantedGap' | 'realisedGap') =>
      Math.min(...[...aligned, ...overrated].map((t) => t[key]));
    for (const key of ['plantedGap', 'realisedGap'] as const) {
      for (const t of overrated) expect(t[key]).toBeGreaterThan(othersMax(key) + 10);
      for (const t of underrated) expect(t[key]).toBeLessThan(othersMin(key) - 8);
      for (const t of aligned) expect(Math.abs(t[key])).toBeLessThan(6);
    }
  });

  it('plants personal data in about 2% of comments and records every item', () => {
    const byId = new Map(responses.map((r) => [r.response_id as string, r.comment ?? '']));
    const planted = new Set(truth.pii.items.map((p) => p.responseId));
    for (const item of truth.pii.items) expect(byId.get(item.responseId)).toContain(item.value);
    const email = /[\w.+-]+@[\w-]+\.[\w.]+/;
    const phone = /\+\d[\d ()-]{7,}\d/;
    let emails = 0;
    let phones = 0;
    for (const [id, comment] of byId) {
      if (email.test(comment)) emails += 1;
      if (phone.test(comment)) phones += 1;
      if (email.test(comment) || phone.test(comment)) expect(planted.has(id)).toBe(true);
    }
    expect(emails).toBe(truth.pii.byKind.email);
    expect(phones).toBe(truth.pii.byKind.phone);
    const comments = responses.filter((r) => r.comment).length;
    expect(comments).toBe(truth.pii.commentsWithText);
    expect(truth.pii.planted / comments).toBeGreaterThan(0.01);
    expect(truth.pii.planted / comments).toBeLessThan(0.03);
    expect(truth.pii.planted).toBe(truth.pii.items.length);
  });
});
