/**
 * Demo engagement files for a fictional B2B software company, with planted ground truth.
 * Deterministic: a seeded PRNG and a fixed as-of date (2026-09-30); the same seed and scale give
 * byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AS_OF, FIRST_MONTH, MONTH_COUNT, monthLabel, monthStartUtc } from './calendar';
import { generateCustomers, type DemoCustomer } from './customers';
import { COMPANY, TOUCHPOINTS } from './names';
import { Rng } from './random';
import { generateAssessments } from './staff';
import { generateResponses, SCALES, type DemoResponse } from './surveys';
import { buildTruth, type DemoTruth } from './truth';
import { commitWorkbook, workbookWriter, writeCsv, type CsvValue } from './writers';

export type DemoFileKind =
  | 'customers'
  | 'revenue-long'
  | 'revenue-wide'
  | 'responses'
  | 'assessments'
  | 'touchpoints'
  | 'targets'
  | 'spend'
  | 'funnel';

export interface DemoFile {
  kind: DemoFileKind;
  /** Relative to the output folder. */
  path: string;
  format: 'csv' | 'xlsx';
  /** Data rows (header and title rows excluded). */
  rows: number;
  sheet?: string;
  /** 1-based row of the header (XLSX files with a title block). */
  headerRow?: number;
  /** field → column header, for importing without detection. */
  mapping: Record<string, string>;
  /** Kind-specific details (scales, survey-type values, wide month columns…). */
  details?: Record<string, unknown>;
  description: string;
}

export interface DemoManifest {
  company: string;
  asOf: string;
  firstMonth: string;
  months: number;
  seed: number;
  scale: number;
  files: DemoFile[];
  truthPath: string;
  /** How revenue-long and revenue-wide combine. */
  revenueNote: string;
}

export interface DemoOptions {
  seed?: number;
  /** Multiplies customer and response counts (1 = ~2,000 customers, ~60,000 responses). */
  scale?: number;
}

export const DEFAULT_SEED = 20260930;
const RESPONSES_TARGET = 60_000;
const WIDE_REGION = 'APAC';

export async function generateDemo(outDir: string, options: DemoOptions = {}): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error('demo scale must be positive');
  await mkdir(outDir, { recursive: true });
  const root = new Rng(seed);
  const rngs = {
    customers: root.fork('customers'),
    surveys: root.fork('surveys'),
    staff: root.fork('staff'),
    business: root.fork('business'),
  };

  const { customers, newPerMonth } = generateCustomers(rngs.customers, scale);
  const survey = generateResponses(rngs.surveys, customers, Math.round(RESPONSES_TARGET * scale));
  const customerMean100 = expectedCustomerMeans(survey.responses);
  const assessments = generateAssessments(rngs.staff, customerMean100, scale);

  const files: DemoFile[] = [];
  const add = (file: DemoFile): void => void files.push(file);

  add(await writeCustomers(outDir, customers));
  add(await writeRevenueLong(outDir, customers));
  add(await writeRevenueWide(outDir, customers));
  add(await writeResponses(outDir, survey.responses));
  add(await writeAssessments(outDir, assessments));
  add(await writeTouchpoints(outDir));
  add(await writeTargets(outDir));
  add(await writeSpend(outDir, rngs.business, newPerMonth));
  add(await writeFunnel(outDir, rngs.business, newPerMonth));

  const rows = Object.fromEntries(files.map((f) => [f.path, f.rows]));
  const truth: DemoTruth = buildTruth({
    seed,
    scale,
    customers,
    responses: survey.responses,
    assessments,
    pii: survey.pii,
    rows,
  });
  await writeFile(join(outDir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`, 'utf8');

  const manifest: DemoManifest = {
    company: COMPANY,
    asOf: AS_OF,
    firstMonth: FIRST_MONTH,
    months: MONTH_COUNT,
    seed,
    scale,
    files,
    truthPath: 'truth.json',
    revenueNote: `revenue_long.csv holds every customer outside ${WIDE_REGION}; revenue_apac_wide.xlsx holds the ${WIDE_REGION} customers only. Import both: they never overlap, and their union is the full MRR table truth.json was computed from.`,
  };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}

function expectedCustomerMeans(responses: DemoResponse[]): Record<string, number> {
  const sums: Record<string, { sum: number; n: number }> = {};
  for (const r of responses) {
    const entry = (sums[r.touchpoint] ??= { sum: 0, n: 0 });
    entry.sum += r.expected100;
    entry.n += 1;
  }
  return Object.fromEntries(Object.entries(sums).map(([name, { sum, n }]) => [name, sum / n]));
}

async function writeCustomers(dir: string, customers: DemoCustomer[]): Promise<DemoFile> {
  const header = ['Customer ID', 'Account Name', 'Segment', 'Region', 'Plan', 'Acquired On', 'Churned On'];
  const rows = customers.map((c) => [c.id, c.name, c.segment, c.region, c.plan, c.acquiredOn, c.churnedOn]);
  return {
    kind: 'customers',
    path: 'customers.csv',
    format: 'csv',
    rows: await writeCsv(join(dir, 'customers.csv'), header, rows),
    mapping: {
      customer_id: 'Customer ID',
      name: 'Account Name',
      segment: 'Segment',
      region: 'Region',
      plan: 'Plan',
      acquired_on: 'Acquired On',
      churned_on: 'Churned On',
    },
    details: {
      dateFormat: 'YYYY-MM-DD',
      churnedOnBlankMeans: 'active at the as-of date (reactivated customers are active)',
    },
    description:
      'CRM account export: one row per customer ever acquired (acquired before or during the window).',
  };
}

/** Months to write for a customer: billed months, plus an explicit 0 in each churn month. */
function revenueCells(customer: DemoCustomer): (number | null)[] {
  return customer.mrr.map((mrr, m) => (mrr > 0 ? mrr : m > 0 && (customer.mrr[m - 1] ?? 0) > 0 ? 0 : null));
}

async function writeRevenueLong(dir: string, customers: DemoCustomer[]): Promise<DemoFile> {
  const rows: CsvValue[][] = [];
  for (const customer of customers) {
    if (customer.region === WIDE_REGION) continue;
    revenueCells(customer).forEach((mrr, m) => {
      if (mrr !== null) rows.push([customer.id, monthLabel(m), mrr]);
    });
  }
  return {
    kind: 'revenue-long',
    path: 'revenue_long.csv',
    format: 'csv',
    rows: await writeCsv(join(dir, 'revenue_long.csv'), ['customer_id', 'month', 'mrr'], rows),
    mapping: { customer_id: 'customer_id', period: 'month', mrr: 'mrr' },
    details: {
      regions: 'EMEA, Americas',
      zeroRows: 'an explicit 0 in the month a customer churns; absent months mean not billed',
    },
    description: `Billing export, one row per customer-month, every region except ${WIDE_REGION}.`,
  };
}

async function writeRevenueWide(dir: string, customers: DemoCustomer[]): Promise<DemoFile> {
  const path = join(dir, 'revenue_apac_wide.xlsx');
  const workbook = workbookWriter(path);
  const sheet = workbook.addWorksheet('APAC billing');
  const months = Array.from({ length: MONTH_COUNT }, (_, m) => m);
  sheet.columns = [
    { key: 'id', width: 12 },
    { key: 'name', width: 36 },
    ...months.map((m) => ({ key: `m${m}`, width: 11, style: { numFmt: '#,##0' } })),
  ];
  const header = sheet.addRow(['Customer ID', 'Account', ...months.map(monthStartUtc)]);
  months.forEach((m) => (header.getCell(m + 3).numFmt = 'mmm yyyy'));
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for (const customer of customers) {
    if (customer.region !== WIDE_REGION) continue;
    const cells = revenueCells(customer);
    if (cells.every((cell) => cell === null)) continue;
    sheet.addRow([customer.id, customer.name, ...cells]).commit();
    rows += 1;
  }
  sheet.commit();
  await commitWorkbook(workbook, path);
  return {
    kind: 'revenue-wide',
    path: 'revenue_apac_wide.xlsx',
    format: 'xlsx',
    sheet: 'APAC billing',
    headerRow: 1,
    rows,
    mapping: { customer_id: 'Customer ID', name: 'Account' },
    details: {
      monthColumns: 'columns C onward: header cells are Excel dates (first of the month), values are MRR',
      firstMonth: FIRST_MONTH,
      months: MONTH_COUNT,
      blankMeans: 'not billed that month (0 in the churn month)',
      customerMonths: customers
        .filter((c) => c.region === WIDE_REGION)
        .reduce((sum, c) => sum + revenueCells(c).filter((v) => v !== null).length, 0),
    },
    description: `${WIDE_REGION} billing, customers × months (wide). Not included in revenue_long.csv.`,
  };
}

/** The columns of the demo's survey export (the benchmark writes the same shape). */
export const RESPONSE_COLUMNS = [
  'response_id',
  'contact_id',
  'customer_id',
  'responded_on',
  'touchpoint',
  'survey_type',
  'score',
  'comment',
] as const;

async function writeResponses(dir: string, responses: DemoResponse[]): Promise<DemoFile> {
  const header = [...RESPONSE_COLUMNS];
  const rows = responses.map((r) => [
    r.id,
    r.contactId,
    r.customerId,
    r.respondedOn,
    r.label,
    r.survey,
    r.score,
    r.comment || null,
  ]);
  return {
    kind: 'responses',
    path: 'responses.csv',
    format: 'csv',
    rows: await writeCsv(join(dir, 'responses.csv'), header, rows),
    mapping: {
      response_id: 'response_id',
      respondent_id: 'contact_id',
      customer_id: 'customer_id',
      responded_on: 'responded_on',
      touchpoint: 'touchpoint',
      survey: 'survey_type',
      score: 'score',
      comment: 'comment',
    },
    details: {
      layout: 'long: one scored answer per row; survey_type says which scale the score is on',
      scales: SCALES,
      touchpointAliases:
        'some rows use aliases from touchpoints.csv (e.g. "On-boarding", "Customer Support")',
      personalData:
        'some comments contain planted names, e-mail addresses and phone numbers (see truth.json pii)',
    },
    description: 'Survey platform export: NPS (0–10), CSAT (1–5) and CES (1–7) answers at 8 touchpoints.',
  };
}

async function writeAssessments(
  dir: string,
  rows: ReturnType<typeof generateAssessments>,
): Promise<DemoFile> {
  const path = join(dir, 'assessments.xlsx');
  const workbook = workbookWriter(path);
  const sheet = workbook.addWorksheet('Self-assessment');
  const header = [
    'Respondent ID',
    'Department',
    'Role',
    'Touchpoint',
    'Score (1-5)',
    'We deliver a superior experience',
    'Assessed On',
  ];
  sheet.columns = [14, 18, 22, 22, 12, 32, 14].map((width) => ({ width }));
  sheet.mergeCells('A1:G1');
  sheet.mergeCells('A2:G2');
  const title = sheet.getRow(1);
  title.getCell(1).value = `${COMPANY}: customer experience self-assessment`;
  title.font = { bold: true, size: 14 };
  title.commit();
  const subtitle = sheet.getRow(2);
  subtitle.getCell(1).value =
    'Internal staff survey, September 2026. Scores 1 (poor) to 5 (excellent). Confidential.';
  subtitle.commit();
  sheet.getRow(3).commit();
  const headerRow = sheet.getRow(4);
  headerRow.values = header;
  headerRow.font = { bold: true };
  headerRow.commit();
  for (const a of rows) {
    const [y, m, d] = a.assessedOn.split('-').map(Number);
    const row = sheet.addRow([
      a.respondentId,
      a.department,
      a.role,
      a.touchpoint,
      a.score,
      a.superior,
      new Date(Date.UTC(y ?? 2026, (m ?? 9) - 1, d ?? 1)),
    ]);
    row.getCell(7).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await commitWorkbook(workbook, path);
  return {
    kind: 'assessments',
    path: 'assessments.xlsx',
    format: 'xlsx',
    sheet: 'Self-assessment',
    headerRow: 4,
    rows: rows.length,
    mapping: {
      respondent_id: 'Respondent ID',
      department: 'Department',
      role: 'Role',
      touchpoint: 'Touchpoint',
      score: 'Score (1-5)',
      superior: 'We deliver a superior experience',
      assessed_on: 'Assessed On',
    },
    details: {
      scale: [1, 5],
      layout:
        'long: one row per staff member × touchpoint; the superior answer (Yes/No) repeats on each of a person’s rows',
      titleBlock: 'rows 1–2 are merged title lines (A:G), row 3 is blank, the header is on row 4',
    },
    description:
      'Staff self-assessment survey: how well we deliver each touchpoint, and do we deliver a superior experience.',
  };
}

async function writeTouchpoints(dir: string): Promise<DemoFile> {
  const header = ['name', 'aliases', 'journey_stage', 'stated_importance'];
  const rows = TOUCHPOINTS.map((t) => [t.name, t.aliases.join(';'), t.stage, t.importance]);
  return {
    kind: 'touchpoints',
    path: 'touchpoints.csv',
    format: 'csv',
    rows: await writeCsv(join(dir, 'touchpoints.csv'), header, rows),
    mapping: {
      name: 'name',
      aliases: 'aliases',
      journey_stage: 'journey_stage',
      stated_importance: 'stated_importance',
    },
    details: { aliasSeparator: ';', importanceScale: [0, 1] },
    description: 'Journey touchpoints with aliases, journey stage and stated importance.',
  };
}

/** Annual targets. Percentages are in percent; CES on its 1–7 scale; logo churn is quarterly. */
const TARGETS: [string, string, number, 'higher' | 'lower', number][] = [
  ['nps', '2024', 20, 'higher', 3],
  ['nps', '2025', 25, 'higher', 3],
  ['nps', '2026', 30, 'higher', 3],
  ['csat', '2024', 78, 'higher', 2],
  ['csat', '2025', 80, 'higher', 2],
  ['csat', '2026', 82, 'higher', 2],
  ['ces', '2024', 5.0, 'higher', 0.2],
  ['ces', '2025', 5.2, 'higher', 0.2],
  ['ces', '2026', 5.3, 'higher', 0.2],
  ['logo_churn', '2024', 3.5, 'lower', 0.5],
  ['logo_churn', '2025', 3.2, 'lower', 0.5],
  ['logo_churn', '2026', 3.0, 'lower', 0.5],
  ['nrr', '2024', 102, 'higher', 2],
  ['nrr', '2025', 104, 'higher', 2],
  ['nrr', '2026', 105, 'higher', 2],
  ['grr', '2024', 90, 'higher', 1.5],
  ['grr', '2025', 90, 'higher', 1.5],
  ['grr', '2026', 90.5, 'higher', 1.5],
];

async function writeTargets(dir: string): Promise<DemoFile> {
  return {
    kind: 'targets',
    path: 'targets.csv',
    format: 'csv',
    rows: await writeCsv(
      join(dir, 'targets.csv'),
      ['metric', 'period', 'value', 'direction', 'amber_tolerance'],
      TARGETS,
    ),
    mapping: {
      metric: 'metric',
      period: 'period',
      value: 'value',
      direction: 'direction',
      amber_tolerance: 'amber_tolerance',
    },
    details: {
      units:
        'nps in points; csat = top-2-box %; ces = mean on 1–7; logo_churn = % per quarter; nrr and grr = % (trailing 12 months)',
    },
    description: 'Annual KPI targets with direction and amber tolerance.',
  };
}

async function writeSpend(dir: string, rng: Rng, newPerMonth: number[]): Promise<DemoFile> {
  const rows = newPerMonth.map((count, m) => [
    monthLabel(m),
    Math.round((120_000 + 11_000 * count * rng.uniform(0.85, 1.15)) / 100) * 100,
  ]);
  return {
    kind: 'spend',
    path: 'spend.csv',
    format: 'csv',
    rows: await writeCsv(join(dir, 'spend.csv'), ['month', 'sales_marketing_spend'], rows),
    mapping: { period: 'month', sales_marketing_spend: 'sales_marketing_spend' },
    details: { currency: 'USD' },
    description: 'Monthly sales and marketing spend.',
  };
}

async function writeFunnel(dir: string, rng: Rng, newPerMonth: number[]): Promise<DemoFile> {
  const rows: CsvValue[][] = [];
  newPerMonth.forEach((count, m) => {
    const revenue = count;
    const referral = Math.round(revenue * rng.uniform(1.3, 1.7));
    const retention = Math.round(referral * rng.uniform(2.2, 2.8));
    const activation = Math.round(retention * rng.uniform(1.6, 2.0));
    const acquisition = Math.round(activation * rng.uniform(2.5, 3.2));
    const stages: [string, number][] = [
      ['acquisition', acquisition],
      ['activation', activation],
      ['retention', retention],
      ['referral', referral],
      ['revenue', revenue],
    ];
    for (const [stage, value] of stages) rows.push([monthLabel(m), stage, value]);
  });
  return {
    kind: 'funnel',
    path: 'funnel.csv',
    format: 'csv',
    rows: await writeCsv(join(dir, 'funnel.csv'), ['month', 'stage', 'count'], rows),
    mapping: { period: 'month', stage: 'stage', count: 'count' },
    details: {
      stages: ['acquisition', 'activation', 'retention', 'referral', 'revenue'],
      revenueStage: 'equals the customers acquired that month',
    },
    description: 'Monthly AARRR funnel counts.',
  };
}
