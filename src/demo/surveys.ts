/**
 * Survey responses (NPS 0–10, CSAT 1–5, CES 1–7) over eight touchpoints. Scores follow an ordered
 * logit on a latent satisfaction: quarter level + customer health + touchpoint effect + logistic
 * noise. The NPS level of each quarter is solved so that the expected NPS of the generated NPS
 * answers equals the planted value exactly.
 */
import { dateLabel, daysInMonth, MONTH_COUNT, monthIndexOf, QUARTER_COUNT, quarterOfMonth } from './calendar';
import { commentFor, plantPii, type PiiKind, type Sentiment } from './comments';
import type { DemoCustomer } from './customers';
import { TOUCHPOINTS, type Segment } from './names';
import { logisticCdf, type Rng } from './random';

export type SurveyType = 'nps' | 'csat' | 'ces';

export const SCALES: Record<SurveyType, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

/** Cut points of the ordered logit: score = min + number of cuts below the latent value. */
const CUTS: Record<SurveyType, number[]> = {
  nps: [-4.2, -3.6, -3.0, -2.4, -1.8, -1.1, -0.3, 0.6, 1.6, 2.7],
  csat: [-2.6, -1.4, -0.2, 1.3],
  ces: [-3.0, -2.0, -1.1, -0.2, 0.8, 2.0],
};

/** Planted NPS per quarter, 2023-Q4 … 2026-Q3: improving from 18 to 31 with two small dips. */
export const PLANTED_NPS = [18, 19, 21, 20, 22, 24, 25, 24, 27, 28, 30, 31];

/** Touchpoint effect on the latent satisfaction (NPS feels it at 50%). */
const TOUCHPOINT_EFFECT: Record<string, number> = {
  Website: 0.2,
  'Sales demo': 0.5,
  'Contract & billing': -0.5,
  Onboarding: -1.0,
  Product: 0.35,
  Support: -0.8,
  Renewal: -0.05,
  'Account management': 0.3,
};

/** Mix of survey types asked at each touchpoint: [nps, csat, ces]. */
const SURVEY_MIX: Record<string, [number, number, number]> = {
  Website: [0.2, 0.4, 0.4],
  'Sales demo': [0.25, 0.6, 0.15],
  'Contract & billing': [0.15, 0.45, 0.4],
  Onboarding: [0.3, 0.45, 0.25],
  Product: [0.6, 0.3, 0.1],
  Support: [0.2, 0.45, 0.35],
  Renewal: [0.6, 0.3, 0.1],
  'Account management': [0.6, 0.35, 0.05],
};

const HEALTH_WEIGHT: Record<SurveyType, number> = { nps: 1.1, csat: 0.7, ces: 0.7 };
const NPS_TOUCHPOINT_SHARE = 0.5;
const CSAT_LEVEL = 0.9;
const CES_LEVEL = 0.4;
const QUARTERLY_IMPROVEMENT = 0.04;
const RESPONSE_WEIGHT: Record<Segment, number> = {
  Enterprise: 3,
  'Mid-Market': 1.6,
  SMB: 0.9,
  'Public Sector': 2.2,
};
const CONTACTS: Record<Segment, [number, number]> = {
  Enterprise: [6, 12],
  'Mid-Market': [3, 6],
  SMB: [1, 3],
  'Public Sector': [4, 8],
};
const ALIAS_SHARE = 0.15;
const COMMENT_SHARE: Record<Sentiment, number> = { negative: 0.5, neutral: 0.3, positive: 0.35 };
export const PII_SHARE_OF_COMMENTS = 0.02;

export interface DemoResponse {
  id: string;
  contactId: string;
  customerId: string;
  respondedOn: string;
  month: number;
  /** Canonical touchpoint name. */
  touchpoint: string;
  /** The label written to the file (canonical or an alias). */
  label: string;
  survey: SurveyType;
  score: number;
  comment: string;
  /** Expected score on 0–100 under the generating model. */
  expected100: number;
  /** NPS only: generating probabilities of promoter and detractor. */
  pPromoter: number;
  pDetractor: number;
}

export interface PlantedPii {
  responseId: string;
  kind: PiiKind;
  value: string;
}

export interface SurveyResult {
  responses: DemoResponse[];
  pii: PlantedPii[];
  /** Solved NPS level per quarter (latent units), for the record. */
  npsLevels: number[];
}

interface Skeleton {
  customer: DemoCustomer;
  contactId: string;
  month: number;
  day: number;
  touchpoint: string;
  label: string;
  survey: SurveyType;
  /** Latent offset without the quarter level. */
  offset: number;
}

export function generateResponses(rng: Rng, customers: DemoCustomer[], target: number): SurveyResult {
  const skeletons = drawSkeletons(rng.fork('skeleton'), customers, target);
  const npsLevels = solveNpsLevels(skeletons);
  const scoreRng = rng.fork('scores');
  const commentRng = rng.fork('comments');
  const responses: DemoResponse[] = [];
  const pii: PlantedPii[] = [];
  skeletons.forEach((s, index) => {
    const level = levelOf(s.survey, quarterOfMonth(s.month), npsLevels);
    const mu = level + s.offset;
    const probabilities = categoryProbabilities(CUTS[s.survey], mu);
    const [min, max] = SCALES[s.survey];
    const score = min + countBelow(CUTS[s.survey], mu + scoreRng.logistic());
    let expected = 0;
    probabilities.forEach((p, k) => (expected += p * k));
    const id = `R-${String(index + 1).padStart(6, '0')}`;
    const sentiment = sentimentOf(s.survey, score);
    let comment = '';
    if (commentRng.chance(COMMENT_SHARE[sentiment])) {
      comment = commentFor(commentRng, s.touchpoint, sentiment);
      if (commentRng.chance(PII_SHARE_OF_COMMENTS)) {
        const kind = commentRng.weighted<PiiKind>([
          ['name', 35],
          ['email', 35],
          ['phone', 30],
        ]);
        const planted = plantPii(commentRng, comment, kind);
        comment = planted.comment;
        pii.push({ responseId: id, kind, value: planted.value });
      }
    }
    const npsProbabilities = s.survey === 'nps' ? promoterDetractor(mu) : { pP: 0, pD: 0 };
    responses.push({
      id,
      contactId: s.contactId,
      customerId: s.customer.id,
      respondedOn: dateLabel(s.month, s.day),
      month: s.month,
      touchpoint: s.touchpoint,
      label: s.label,
      survey: s.survey,
      score,
      comment,
      expected100: (expected / (max - min)) * 100,
      pPromoter: npsProbabilities.pP,
      pDetractor: npsProbabilities.pD,
    });
  });
  return { responses, pii, npsLevels };
}

function drawSkeletons(rng: Rng, customers: DemoCustomer[], target: number): Skeleton[] {
  let weightedMonths = 0;
  for (const customer of customers) {
    for (const mrr of customer.mrr) if (mrr > 0) weightedMonths += RESPONSE_WEIGHT[customer.segment];
  }
  const perWeight = target / weightedMonths;
  const contacts = new Map<string, string[]>();
  let nextContact = 1;
  for (const customer of customers) {
    const [low, high] = CONTACTS[customer.segment];
    const ids: string[] = [];
    for (let i = rng.int(low, high); i > 0; i--) ids.push(`CT-${String(nextContact++).padStart(6, '0')}`);
    contacts.set(customer.id, ids);
  }
  const skeletons: Skeleton[] = [];
  for (let month = 0; month < MONTH_COUNT; month++) {
    for (const customer of customers) {
      if ((customer.mrr[month] ?? 0) <= 0) continue;
      const count = rng.poisson(perWeight * RESPONSE_WEIGHT[customer.segment]);
      const tenure = month - monthIndexOf(customer.acquiredOn);
      // In the month of acquisition, answers come after the acquisition date.
      const firstDay = tenure === 0 ? Number(customer.acquiredOn.slice(8, 10)) : 1;
      for (let i = 0; i < count; i++) {
        const spec = TOUCHPOINTS[rng.weightedIndex(touchpointWeights(tenure))];
        if (!spec) throw new Error('touchpoint index out of range');
        const mix = SURVEY_MIX[spec.name] ?? [1, 0, 0];
        const survey = (['nps', 'csat', 'ces'] as const)[rng.weightedIndex(mix)] ?? 'nps';
        const effect = (TOUCHPOINT_EFFECT[spec.name] ?? 0) * (survey === 'nps' ? NPS_TOUCHPOINT_SHARE : 1);
        skeletons.push({
          customer,
          contactId: rng.pick(contacts.get(customer.id) ?? []),
          month,
          day: rng.int(firstDay, daysInMonth(month)),
          touchpoint: spec.name,
          label: rng.chance(ALIAS_SHARE) ? rng.pick(spec.aliases) : spec.name,
          survey,
          offset: HEALTH_WEIGHT[survey] * customer.health + effect,
        });
      }
    }
  }
  // Files list responses in date order, as survey tools export them.
  skeletons.sort((a, b) => a.month - b.month || a.day - b.day);
  return skeletons;
}

/** Touchpoint weights in TOUCHPOINTS order, by tenure in months. */
function touchpointWeights(tenure: number): number[] {
  const renewalWindow = tenure > 0 && [10, 11, 0].includes(tenure % 12);
  return [6, tenure < 2 ? 12 : 1, 8, tenure < 4 ? 30 : 1.5, 26, 22, renewalWindow ? 25 : 2, 10];
}

function levelOf(survey: SurveyType, quarter: number, npsLevels: number[]): number {
  if (survey === 'nps') return npsLevels[quarter] ?? 0;
  return (survey === 'csat' ? CSAT_LEVEL : CES_LEVEL) + QUARTERLY_IMPROVEMENT * quarter;
}

/** Per quarter, the level at which the mean (pPromoter − pDetractor) of its NPS answers is the planted NPS. */
function solveNpsLevels(skeletons: Skeleton[]): number[] {
  const levels: number[] = [];
  for (let q = 0; q < QUARTER_COUNT; q++) {
    const offsets = skeletons
      .filter((s) => s.survey === 'nps' && quarterOfMonth(s.month) === q)
      .map((s) => s.offset);
    const goal = (PLANTED_NPS[q] ?? 0) / 100;
    let low = -10;
    let high = 10;
    for (let i = 0; i < 80; i++) {
      const mid = (low + high) / 2;
      if (expectedNps(offsets, mid) < goal) low = mid;
      else high = mid;
    }
    levels.push((low + high) / 2);
  }
  return levels;
}

function expectedNps(offsets: number[], level: number): number {
  if (offsets.length === 0) return 0;
  let sum = 0;
  for (const offset of offsets) {
    const { pP, pD } = promoterDetractor(level + offset);
    sum += pP - pD;
  }
  return sum / offsets.length;
}

function promoterDetractor(mu: number): { pP: number; pD: number } {
  const cuts = CUTS.nps;
  // Detractor: score ≤ 6, latent below the 7th cut; promoter: score ≥ 9, latent above the 9th cut.
  return { pD: logisticCdf((cuts[6] ?? 0) - mu), pP: 1 - logisticCdf((cuts[8] ?? 0) - mu) };
}

function categoryProbabilities(cuts: number[], mu: number): number[] {
  const probabilities: number[] = [];
  let previous = 0;
  for (const cut of cuts) {
    const cumulative = logisticCdf(cut - mu);
    probabilities.push(cumulative - previous);
    previous = cumulative;
  }
  probabilities.push(1 - previous);
  return probabilities;
}

function countBelow(cuts: number[], latent: number): number {
  let count = 0;
  for (const cut of cuts) if (cut < latent) count += 1;
  return count;
}

export function sentimentOf(survey: SurveyType, score: number): Sentiment {
  if (survey === 'nps') return score <= 6 ? 'negative' : score <= 8 ? 'neutral' : 'positive';
  if (survey === 'csat') return score <= 2 ? 'negative' : score === 3 ? 'neutral' : 'positive';
  return score <= 3 ? 'negative' : score <= 5 ? 'neutral' : 'positive';
}
