/**
 * Staff self-assessments: ~300 employees rate each touchpoint on 1–5 and answer "we deliver a
 * superior experience" yes/no. Staff overrate Onboarding and Support, underrate Product, and are
 * about right elsewhere: each touchpoint's internal mean on 0–100 is planted as the customers'
 * expected mean plus an offset.
 */
import { DEPARTMENTS, ROLES, TOUCHPOINTS } from './names';
import type { Rng } from './random';

/** Planted internal − customer gap on 0–100, per touchpoint. */
export const PLANTED_OFFSETS: Record<string, number> = {
  Website: 3,
  'Sales demo': -2,
  'Contract & billing': 4,
  Onboarding: 24,
  Product: -15,
  Support: 22,
  Renewal: 2,
  'Account management': -3,
};
export const OVERRATED = ['Onboarding', 'Support'];
export const UNDERRATED = ['Product'];

const STAFF_COUNT = 300;
const SKIP_SHARE = 0.06;
const LENIENCY_SD = 0.25;
/** Assessment dates: the internal survey ran 2026-09-01 … 2026-09-18. */
const SURVEY_DAYS: [number, number] = [1, 18];

export interface DemoAssessment {
  respondentId: string;
  department: string;
  role: string;
  touchpoint: string;
  score: number;
  superior: 'Yes' | 'No';
  assessedOn: string;
  /** Expected score on 0–100 under the generating model. */
  expected100: number;
}

export function generateAssessments(
  rng: Rng,
  customerMean100: Record<string, number>,
  scale: number,
): DemoAssessment[] {
  const rows: DemoAssessment[] = [];
  const staffCount = Math.max(30, Math.round(STAFF_COUNT * scale));
  for (let i = 0; i < staffCount; i++) {
    const respondentId = `S-${String(i + 1).padStart(4, '0')}`;
    const department = rng.weighted(DEPARTMENTS);
    const role = rng.weighted(ROLES);
    const leniency = LENIENCY_SD * rng.normal();
    // Believers give higher scores and say "superior" more often (Bain: ~80% of firms believe it).
    const superior = rng.chance(leniency > 0 ? 0.9 : 0.7) ? 'Yes' : 'No';
    const assessedOn = `2026-09-${String(rng.int(...SURVEY_DAYS)).padStart(2, '0')}`;
    for (const spec of TOUCHPOINTS) {
      if (rng.chance(SKIP_SHARE)) continue;
      const target100 = (customerMean100[spec.name] ?? 50) + (PLANTED_OFFSETS[spec.name] ?? 0);
      const mean = clamp(1 + (4 * target100) / 100 + leniency, 1.15, 4.85);
      const probabilities = discreteWithMean(mean);
      const score = 1 + rng.weightedIndex(probabilities);
      rows.push({
        respondentId,
        department,
        role,
        touchpoint: spec.name,
        score,
        superior,
        assessedOn,
        expected100: ((mean - 1) / 4) * 100,
      });
    }
  }
  return rows;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Probabilities over 1..5 (a discretised normal, sd 0.8) whose expected value is `mean`. */
export function discreteWithMean(mean: number): number[] {
  const weights = (centre: number): number[] => {
    const w = [1, 2, 3, 4, 5].map((k) => Math.exp(-((k - centre) ** 2) / (2 * 0.8 * 0.8)));
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  const expectation = (p: number[]): number => p.reduce((sum, x, i) => sum + x * (i + 1), 0);
  let low = -5;
  let high = 11;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (expectation(weights(mid)) < mean) low = mid;
    else high = mid;
  }
  return weights((low + high) / 2);
}
