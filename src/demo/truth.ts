/** truth.json: the values the demo planted, and the same quantities realised in the generated rows. */
import { AS_OF, MONTH_COUNT, monthLabel, QUARTER_COUNT, quarterLabel, quarterOfMonth } from './calendar';
import type { DemoCustomer } from './customers';
import { TOUCHPOINTS } from './names';
import { OVERRATED, PLANTED_OFFSETS, UNDERRATED, type DemoAssessment } from './staff';
import { PLANTED_NPS, SCALES, type DemoResponse, type PlantedPii, type SurveyType } from './surveys';

export interface NpsQuarterTruth {
  period: string;
  planted: number;
  /** Mean of (P(promoter) − P(detractor)) × 100 over the generated NPS answers; equals `planted` by construction. */
  expected: number;
  realised: number;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface RevenueQuarterTruth {
  period: string;
  /** Month whose MRR is the start (the month before the period). */
  startMonth: string;
  endMonth: string;
  startCustomers: number;
  lostCustomers: number;
  /** Logo churn = lost / start customers (revenue basis: MRR to 0 or absent at the period's last month). */
  logoChurn: number;
  startMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnedMrr: number;
  nrr: number;
  grr: number;
}

export interface NpsClassRevenue {
  npsClass: 'promoter' | 'passive' | 'detractor' | 'unclassified';
  customers: number;
  lostCustomers: number;
  logoChurn: number;
  startMrr: number;
  endMrr: number;
  nrr: number;
}

export interface TouchpointTruth {
  touchpoint: string;
  classification: 'overrated' | 'underrated' | 'aligned';
  /** Planted internal − customer offset on 0–100. */
  plantedOffset: number;
  internal: { n: number; respondents: number; expectedMean100: number; realisedMean100: number };
  /** All survey types at the touchpoint, each normalised by its scale. */
  customer: {
    n: number;
    expectedMean100: number;
    realisedMean100: number;
    bySurvey: Record<SurveyType, { n: number; realisedMean100: number }>;
  };
  /** internal − customer: expected (model) and realised (rows). */
  plantedGap: number;
  realisedGap: number;
}

export interface DemoTruth {
  asOf: string;
  seed: number;
  scale: number;
  months: { first: string; last: string; count: number };
  definitions: Record<string, string>;
  nps: { quarters: NpsQuarterTruth[]; overall: { n: number; realised: number } };
  csat: {
    top2BoxPct: number;
    mean: number;
    n: number;
    quarters: { period: string; n: number; top2BoxPct: number; mean: number }[];
  };
  ces: { mean: number; n: number; quarters: { period: string; n: number; mean: number }[] };
  revenue: {
    quarters: (RevenueQuarterTruth | { period: string; unavailable: string })[];
    trailing12: RevenueQuarterTruth;
    byNpsClassTrailing12: NpsClassRevenue[];
  };
  customers: {
    total: number;
    activeAtAsOf: number;
    withChurnedOn: number;
    reactivated: number;
    acquiredInWindow: number;
    bySegment: Record<string, number>;
    byRegion: Record<string, number>;
  };
  gap: {
    touchpoints: TouchpointTruth[];
    overrated: string[];
    underrated: string[];
    headline: {
      staffSuperiorYesPct: number;
      staffRespondents: number;
      customerNpsTopBoxPct: number;
      customerCsatTopBoxPct: number;
    };
  };
  aliases: { responsesWithAliasLabel: number; byLabel: Record<string, number> };
  pii: { planted: number; commentsWithText: number; byKind: Record<string, number>; items: PlantedPii[] };
  rows: Record<string, number>;
}

export interface TruthInput {
  seed: number;
  scale: number;
  customers: DemoCustomer[];
  responses: DemoResponse[];
  assessments: DemoAssessment[];
  pii: PlantedPii[];
  rows: Record<string, number>;
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

export function buildTruth(input: TruthInput): DemoTruth {
  const { customers, responses, assessments } = input;
  return {
    asOf: AS_OF,
    seed: input.seed,
    scale: input.scale,
    months: { first: monthLabel(0), last: monthLabel(MONTH_COUNT - 1), count: MONTH_COUNT },
    definitions: {
      nps: '%promoters (9–10) − %detractors (0–6) over NPS answers dated in the period',
      csat: 'share of CSAT answers scoring 4–5 on 1–5, in percent; mean on 1–5',
      ces: 'mean CES score on 1–7 (higher = easier)',
      logoChurn:
        'customers with MRR > 0 in the month before the period whose MRR is 0 or absent in its last month, / those customers (a fraction)',
      nrr: 'sum of last-month MRR / sum of start-month MRR over customers with MRR > 0 in the month before the period (a fraction)',
      grr: '(start − contraction − churned MRR) / start MRR, per customer between the same two months (a fraction)',
      trailing12: 'start month 2025-09, end month 2026-09',
      byNpsClassTrailing12:
        'customers active in 2025-09, classed by their latest NPS answer dated before 2025-10-01',
      revenueSources:
        'revenue_long.csv (EMEA and Americas) plus revenue_apac_wide.xlsx (APAC); the union is the full table',
      gapScale: 'scores normalised to 0–100 by (x − min) / (max − min) × 100; gap = internal − customer',
    },
    nps: npsTruth(responses),
    csat: csatTruth(responses),
    ces: cesTruth(responses),
    revenue: revenueTruth(customers, responses),
    customers: customerTruth(customers),
    gap: gapTruth(responses, assessments),
    aliases: aliasTruth(responses),
    pii: {
      planted: input.pii.length,
      commentsWithText: responses.filter((r) => r.comment !== '').length,
      byKind: countBy(input.pii.map((p) => p.kind)),
      items: input.pii,
    },
    rows: input.rows,
  };
}

function npsTruth(responses: DemoResponse[]): DemoTruth['nps'] {
  const quarters: NpsQuarterTruth[] = [];
  for (let q = 0; q < QUARTER_COUNT; q++) {
    const answers = responses.filter((r) => r.survey === 'nps' && quarterOfMonth(r.month) === q);
    const promoters = answers.filter((r) => r.score >= 9).length;
    const detractors = answers.filter((r) => r.score <= 6).length;
    const expected = answers.reduce((sum, r) => sum + r.pPromoter - r.pDetractor, 0) / answers.length;
    quarters.push({
      period: quarterLabel(q),
      planted: PLANTED_NPS[q] ?? 0,
      expected: round(expected * 100, 2),
      realised: round(((promoters - detractors) / answers.length) * 100, 2),
      n: answers.length,
      promoters,
      passives: answers.length - promoters - detractors,
      detractors,
    });
  }
  const all = responses.filter((r) => r.survey === 'nps');
  const net = all.filter((r) => r.score >= 9).length - all.filter((r) => r.score <= 6).length;
  return { quarters, overall: { n: all.length, realised: round((net / all.length) * 100, 2) } };
}

function csatTruth(responses: DemoResponse[]): DemoTruth['csat'] {
  const summary = (rows: DemoResponse[]) => ({
    n: rows.length,
    top2BoxPct: round((rows.filter((r) => r.score >= 4).length / rows.length) * 100, 2),
    mean: round(rows.reduce((sum, r) => sum + r.score, 0) / rows.length),
  });
  const csat = responses.filter((r) => r.survey === 'csat');
  const quarters = [];
  for (let q = 0; q < QUARTER_COUNT; q++) {
    quarters.push({ period: quarterLabel(q), ...summary(csat.filter((r) => quarterOfMonth(r.month) === q)) });
  }
  return { ...summary(csat), quarters };
}

function cesTruth(responses: DemoResponse[]): DemoTruth['ces'] {
  const summary = (rows: DemoResponse[]) => ({
    n: rows.length,
    mean: round(rows.reduce((sum, r) => sum + r.score, 0) / rows.length),
  });
  const ces = responses.filter((r) => r.survey === 'ces');
  const quarters = [];
  for (let q = 0; q < QUARTER_COUNT; q++) {
    quarters.push({ period: quarterLabel(q), ...summary(ces.filter((r) => quarterOfMonth(r.month) === q)) });
  }
  return { ...summary(ces), quarters };
}

/** Per-customer bridge from the start month to the end month (DESIGN §6). */
export function revenueBridge(
  period: string,
  customers: DemoCustomer[],
  startMonth: number,
  endMonth: number,
): RevenueQuarterTruth {
  let startCustomers = 0;
  let lost = 0;
  let start = 0;
  let expansion = 0;
  let contraction = 0;
  let churned = 0;
  for (const customer of customers) {
    const from = customer.mrr[startMonth] ?? 0;
    if (from <= 0) continue;
    const to = customer.mrr[endMonth] ?? 0;
    startCustomers += 1;
    start += from;
    if (to <= 0) {
      lost += 1;
      churned += from;
    } else if (to > from) expansion += to - from;
    else contraction += from - to;
  }
  return {
    period,
    startMonth: monthLabel(startMonth),
    endMonth: monthLabel(endMonth),
    startCustomers,
    lostCustomers: lost,
    logoChurn: round(lost / startCustomers, 6),
    startMrr: start,
    expansionMrr: expansion,
    contractionMrr: contraction,
    churnedMrr: churned,
    nrr: round((start + expansion - contraction - churned) / start, 6),
    grr: round((start - contraction - churned) / start, 6),
  };
}

function revenueTruth(customers: DemoCustomer[], responses: DemoResponse[]): DemoTruth['revenue'] {
  const quarters: DemoTruth['revenue']['quarters'] = [
    { period: quarterLabel(0), unavailable: 'no MRR for 2023-09, the month before the period' },
  ];
  for (let q = 1; q < QUARTER_COUNT; q++)
    quarters.push(revenueBridge(quarterLabel(q), customers, q * 3 - 1, q * 3 + 2));
  const ttmStart = MONTH_COUNT - 13;
  const trailing12 = revenueBridge('trailing-12 to 2026-09', customers, ttmStart, MONTH_COUNT - 1);
  // Latest NPS answer dated before the trailing period starts (responses are in date order).
  const latest = new Map<string, number>();
  for (const r of responses) if (r.survey === 'nps' && r.month <= ttmStart) latest.set(r.customerId, r.score);
  const classes: NpsClassRevenue['npsClass'][] = ['promoter', 'passive', 'detractor', 'unclassified'];
  const byNpsClassTrailing12 = classes.map((npsClass) => {
    const members = customers.filter(
      (c) => (c.mrr[ttmStart] ?? 0) > 0 && classOf(latest.get(c.id)) === npsClass,
    );
    const startMrr = members.reduce((sum, c) => sum + (c.mrr[ttmStart] ?? 0), 0);
    const endMrr = members.reduce((sum, c) => sum + (c.mrr[MONTH_COUNT - 1] ?? 0), 0);
    const lostCustomers = members.filter((c) => (c.mrr[MONTH_COUNT - 1] ?? 0) <= 0).length;
    return {
      npsClass,
      customers: members.length,
      lostCustomers,
      logoChurn: round(lostCustomers / Math.max(1, members.length), 6),
      startMrr,
      endMrr,
      nrr: round(endMrr / Math.max(1, startMrr), 6),
    };
  });
  return { quarters, trailing12, byNpsClassTrailing12 };
}

function classOf(score: number | undefined): NpsClassRevenue['npsClass'] {
  if (score === undefined) return 'unclassified';
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

function customerTruth(customers: DemoCustomer[]): DemoTruth['customers'] {
  return {
    total: customers.length,
    activeAtAsOf: customers.filter((c) => (c.mrr[MONTH_COUNT - 1] ?? 0) > 0).length,
    withChurnedOn: customers.filter((c) => c.churnedOn !== null).length,
    reactivated: customers.filter((c) => c.reactivated).length,
    acquiredInWindow: customers.filter((c) => c.acquiredOn >= `${monthLabel(0)}-01`).length,
    bySegment: countBy(customers.map((c) => c.segment)),
    byRegion: countBy(customers.map((c) => c.region)),
  };
}

function normalised(r: DemoResponse): number {
  const [min, max] = SCALES[r.survey];
  return ((r.score - min) / (max - min)) * 100;
}

const mean = (values: number[]): number =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;

function gapTruth(responses: DemoResponse[], assessments: DemoAssessment[]): DemoTruth['gap'] {
  const touchpoints = TOUCHPOINTS.map((spec): TouchpointTruth => {
    const answers = responses.filter((r) => r.touchpoint === spec.name);
    const staff = assessments.filter((a) => a.touchpoint === spec.name);
    const bySurvey = {} as TouchpointTruth['customer']['bySurvey'];
    for (const survey of ['nps', 'csat', 'ces'] as const) {
      const subset = answers.filter((r) => r.survey === survey);
      bySurvey[survey] = { n: subset.length, realisedMean100: round(mean(subset.map(normalised)), 3) };
    }
    const internalExpected = mean(staff.map((a) => a.expected100));
    const internalRealised = mean(staff.map((a) => ((a.score - 1) / 4) * 100));
    const customerExpected = mean(answers.map((r) => r.expected100));
    const customerRealised = mean(answers.map(normalised));
    return {
      touchpoint: spec.name,
      classification: OVERRATED.includes(spec.name)
        ? 'overrated'
        : UNDERRATED.includes(spec.name)
          ? 'underrated'
          : 'aligned',
      plantedOffset: PLANTED_OFFSETS[spec.name] ?? 0,
      internal: {
        n: staff.length,
        respondents: new Set(staff.map((a) => a.respondentId)).size,
        expectedMean100: round(internalExpected, 3),
        realisedMean100: round(internalRealised, 3),
      },
      customer: {
        n: answers.length,
        expectedMean100: round(customerExpected, 3),
        realisedMean100: round(customerRealised, 3),
        bySurvey,
      },
      plantedGap: round(internalExpected - customerExpected, 3),
      realisedGap: round(internalRealised - customerRealised, 3),
    };
  });
  const staffIds = new Map(assessments.map((a) => [a.respondentId, a.superior]));
  const nps = responses.filter((r) => r.survey === 'nps');
  const csat = responses.filter((r) => r.survey === 'csat');
  return {
    touchpoints,
    overrated: OVERRATED,
    underrated: UNDERRATED,
    headline: {
      staffSuperiorYesPct: round(
        ([...staffIds.values()].filter((s) => s === 'Yes').length / staffIds.size) * 100,
        2,
      ),
      staffRespondents: staffIds.size,
      customerNpsTopBoxPct: round((nps.filter((r) => r.score >= 9).length / nps.length) * 100, 2),
      customerCsatTopBoxPct: round((csat.filter((r) => r.score === 5).length / csat.length) * 100, 2),
    },
  };
}

function aliasTruth(responses: DemoResponse[]): DemoTruth['aliases'] {
  const aliased = responses.filter((r) => r.label !== r.touchpoint);
  return { responsesWithAliasLabel: aliased.length, byLabel: countBy(aliased.map((r) => r.label)) };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
