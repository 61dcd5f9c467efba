/**
 * The sentence printed beside each number: every KPI's label, unit and definition, and the gap
 * report's conventions. The metrics take their wording from here, so the scorecard JSON, the CLI,
 * the screens and the pack's methodology page say the same thing.
 */
import type { KpiUnit } from './units';

export interface KpiText {
  label: string;
  unit: KpiUnit;
  definition: string;
  /** Convention the number rests on, when it is always the same. */
  basis?: string;
  /** Answer scale, for survey KPIs. */
  scale?: string;
}

const PER_CUSTOMER_MRR = 'revenue: per-customer MRR';

export const KPI_DEFINITIONS = {
  nps: {
    label: 'Net Promoter Score',
    unit: 'points',
    definition:
      'NPS = % promoters (9–10) − % detractors (0–6) of responses in the period, −100..100; ' +
      '95% interval ±1.96·SE with SE = 100·sqrt((pP + pD − (pP − pD)²)/n).',
    scale: '0–10',
  },
  'nps-account-weighted': {
    label: 'Account-weighted NPS',
    unit: 'points',
    definition:
      'Account-weighted NPS = Σ weight × account NPS / Σ weight, where account NPS = % promoters − % ' +
      "detractors among that account's responses and the weight is the account's MRR.",
    scale: '0–10',
  },
  'nps:revenue-band': {
    label: 'NPS by revenue band',
    unit: 'points',
    definition: 'NPS per MRR quartile of customers.',
    scale: '0–10',
  },
  'customer-retention': {
    label: 'Customer retention rate',
    unit: 'percent',
    definition:
      'Customer retention rate = (E − N) / S: customers at the end of the period, less those acquired ' +
      'during it, over customers at its start.',
  },
  'logo-churn': {
    label: 'Logo churn',
    unit: 'percent',
    definition: 'Logo churn = customers lost in the period / customers active at its start.',
  },
  'gross-revenue-churn': {
    label: 'Gross revenue churn',
    unit: 'percent',
    definition: 'Gross revenue churn = (churned MRR + contraction MRR) / MRR at the start of the period.',
    basis: 'revenue: MRR of the month before the period vs its last month, per customer',
  },
  nrr: {
    label: 'Net revenue retention',
    unit: 'percent',
    definition:
      'NRR = (starting MRR + expansion − contraction − churned MRR) / starting MRR, over customers active ' +
      'in the month before the period, to its last month; reactivations excluded.',
    basis: PER_CUSTOMER_MRR,
  },
  'nrr-ttm': {
    label: 'Net revenue retention (trailing 12 months)',
    unit: 'percent',
    definition:
      'NRR = (starting MRR + expansion − contraction − churned MRR) / starting MRR, over customers active ' +
      'in the month before the period, to its last month; reactivations excluded.',
    basis: PER_CUSTOMER_MRR,
  },
  grr: {
    label: 'Gross revenue retention',
    unit: 'percent',
    definition:
      'GRR = (starting MRR − contraction − churned MRR) / starting MRR, over customers active in the month ' +
      'before the period; expansion is not counted, so GRR ≤ 100%.',
    basis: PER_CUSTOMER_MRR,
  },
  'grr-ttm': {
    label: 'Gross revenue retention (trailing 12 months)',
    unit: 'percent',
    definition:
      'GRR = (starting MRR − contraction − churned MRR) / starting MRR, over customers active in the month ' +
      'before the period; expansion is not counted, so GRR ≤ 100%.',
    basis: PER_CUSTOMER_MRR,
  },
  arpa: {
    label: 'Average revenue per account (ARPA)',
    unit: 'currency',
    definition: 'ARPA = MRR in the last month of the period / customers active in that month.',
  },
  'revenue-at-risk': {
    label: 'Revenue at risk',
    unit: 'currency',
    definition:
      "Revenue at risk = MRR of customers whose latest NPS answer in the last 12 months is a detractor's (0–6).",
  },
  clv: {
    label: 'Customer lifetime value (CLV)',
    unit: 'currency',
    definition: 'CLV = ARPA × gross margin / monthly logo churn (expected lifetime = 1 / monthly churn).',
  },
  cac: {
    label: 'Customer acquisition cost (CAC)',
    unit: 'currency',
    definition: 'CAC = sales & marketing spend in the period / new customers acquired in the period.',
  },
  'ltv-cac': {
    label: 'LTV:CAC',
    unit: 'ratio',
    definition: 'LTV:CAC = customer lifetime value / customer acquisition cost.',
  },
  'cac-payback': {
    label: 'CAC payback',
    unit: 'months',
    definition: 'CAC payback = CAC / (ARPA × gross margin), in months.',
  },
} as const satisfies Record<string, KpiText>;

export type DefinedKpi = keyof typeof KPI_DEFINITIONS;

/** A scale written for people: "1–5". */
export function scaleText(scale: { min: number; max: number }): string {
  return `${scale.min}–${scale.max}`;
}

/** CSAT as a top-two-box share on its scale; `boxes` is "4–5" (or "3" on a three-point scale). */
export function csatText(scale: { min: number; max: number }, boxes: string): KpiText {
  return {
    label: 'Customer satisfaction (CSAT)',
    unit: 'percent',
    definition: `CSAT = % of responses in the top two boxes (${boxes} on ${scaleText(scale)}); 95% Wilson score interval.`,
    scale: `${scaleText(scale)}, top-2-box ${boxes}`,
  };
}

export function csatMeanText(scale: { min: number; max: number }): KpiText {
  return {
    label: 'CSAT mean score',
    unit: 'score',
    definition: `Mean CSAT score on ${scaleText(scale)}; 95% Student t interval (df = n − 1).`,
    scale: scaleText(scale),
  };
}

export function cesText(scale: { min: number; max: number }, higherIsEasier: boolean): KpiText {
  return {
    label: 'Customer Effort Score (CES)',
    unit: 'score',
    definition: `CES = mean effort score on ${scaleText(scale)}; 95% Student t interval (df = n − 1).`,
    scale: `${scaleText(scale)}, ${higherIsEasier ? 'higher = easier' : 'lower = easier'}`,
  };
}

/** Stage-to-stage conversion of the AARRR funnel. */
export function funnelText(from: string, to: string, title: (stage: string) => string): KpiText {
  return {
    label: `${title(from)} → ${title(to)}`,
    unit: 'percent',
    definition: `Conversion = count at ${to} / count at ${from} in the period.`,
  };
}

/** The sentence added to a KPI measured per NPS class (class taken before the period: not circular). */
export function npsClassText(definition: string, npsClass: string): string {
  return `${definition} Customers classed ${npsClass} by their latest NPS answer before the period starts.`;
}

/** The gap report's conventions, printed with it (thresholds are the gap module's). */
export function gapDefinitions(thresholds: { minStaffRespondents: number; smallSampleN: number }): string[] {
  return [
    'Scores on any scale are put on 0–100: (score − min) / (max − min) × 100.',
    'Gap = staff mean − customer mean, in points on 0–100; a positive gap means staff overrate the experience (a shortfall for customers).',
    'Staff mean: each staff respondent counts once per touchpoint (the mean of their answers about it); customer mean: every rating counts (CSAT, CES, rating and NPS answers tagged with the touchpoint; SERVQUAL expectations excluded).',
    'Interval: 95% Welch interval of the gap; p-value: two-sided Welch test, Holm-adjusted across touchpoints (raw p shown too).',
    `Touchpoints with fewer than ${thresholds.minStaffRespondents} staff respondents are suppressed to protect anonymity; a side with fewer than ${thresholds.smallSampleN} is flagged as a small sample and no significance is claimed.`,
    'Headline: share of staff answering "we deliver a superior experience" (or, when that question was not asked, share of staff ratings of touchpoints in the top box) vs share of customer ratings in the top box (9–10 on 0–10, otherwise the scale maximum).',
    'Derived importance: Pearson correlation of each touchpoint rating with the same respondent’s likelihood to recommend (NPS answer), negative values set to 0, scaled so the strongest driver is 1. Stated importance: touchpoints table, divided by its maximum.',
    'Quadrants: crosshairs at the mean importance and mean customer score. Priority = importance × max(gap, 0).',
    'SERVQUAL: gap = perception − expectation per item pair and per dimension (negative = shortfall); unweighted = mean of dimension gaps.',
  ];
}
