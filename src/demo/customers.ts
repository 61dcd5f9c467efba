/** Customer base and monthly MRR: acquisition, expansion, contraction, churn and a few reactivations. */
import { dateLabel, daysInMonth, MONTH_COUNT } from './calendar';
import { companyName, REGIONS, SEGMENTS, type Region, type Segment } from './names';
import type { Rng } from './random';

export interface DemoCustomer {
  id: string;
  name: string;
  segment: Segment;
  region: Region;
  plan: string;
  acquiredOn: string;
  /** Last churn date; null when active at the as-of date (also after a reactivation). */
  churnedOn: string | null;
  /** Latent health: drives NPS, churn and expansion (so detractors churn more). */
  health: number;
  /** MRR per month index 0..35; 0 = not billed. */
  mrr: number[];
  reactivated: boolean;
}

const SEGMENT_WEIGHTS: Record<Segment, number> = {
  Enterprise: 12,
  'Mid-Market': 30,
  SMB: 46,
  'Public Sector': 12,
};
const REGION_WEIGHTS: Record<Region, number> = { EMEA: 40, Americas: 44, APAC: 16 };
const MEDIAN_MRR: Record<Segment, number> = {
  Enterprise: 9000,
  'Mid-Market': 2200,
  SMB: 450,
  'Public Sector': 3500,
};
const MONTHLY_CHURN: Record<Segment, number> = {
  Enterprise: 0.005,
  'Mid-Market': 0.009,
  SMB: 0.016,
  'Public Sector': 0.004,
};
const PLANS: Record<Segment, readonly (readonly [string, number])[]> = {
  Enterprise: [
    ['Enterprise', 70],
    ['Scale', 30],
  ],
  'Mid-Market': [
    ['Growth', 45],
    ['Scale', 55],
  ],
  SMB: [
    ['Starter', 60],
    ['Growth', 40],
  ],
  'Public Sector': [
    ['Scale', 50],
    ['Enterprise', 50],
  ],
};

const INITIAL_CUSTOMERS = 1150;
const NEW_PER_MONTH = 20;
const NEW_GROWTH_PER_MONTH = 0.25;
/** Months before the window over which the initial base was acquired (2019-01 .. 2023-09). */
const HISTORY_MONTHS = 57;

function roundMrr(value: number): number {
  return Math.max(50, Math.round(value / 10) * 10);
}

function randomDate(rng: Rng, month: number): string {
  return dateLabel(month, rng.int(1, daysInMonth(month)));
}

export interface CustomerBase {
  customers: DemoCustomer[];
  /** New customers acquired in each month of the window. */
  newPerMonth: number[];
}

export function generateCustomers(rng: Rng, scale: number): CustomerBase {
  const drafts: { month: number; segment: Segment }[] = [];
  const initial = Math.round(INITIAL_CUSTOMERS * scale);
  for (let i = 0; i < initial; i++)
    drafts.push({ month: -rng.int(1, HISTORY_MONTHS), segment: pickSegment(rng) });
  const newPerMonth: number[] = [];
  for (let m = 0; m < MONTH_COUNT; m++) {
    const count = rng.poisson((NEW_PER_MONTH + NEW_GROWTH_PER_MONTH * m) * scale);
    newPerMonth.push(count);
    for (let i = 0; i < count; i++) drafts.push({ month: m, segment: pickSegment(rng) });
  }
  drafts.sort((a, b) => a.month - b.month);
  const customers = drafts.map((draft, index) => simulate(rng, draft.month, draft.segment, index));
  return { customers, newPerMonth };
}

function pickSegment(rng: Rng): Segment {
  return rng.weighted(SEGMENTS.map((s) => [s, SEGMENT_WEIGHTS[s]] as const));
}

function simulate(rng: Rng, acquiredMonth: number, segment: Segment, index: number): DemoCustomer {
  const region = rng.weighted(REGIONS.map((r) => [r, REGION_WEIGHTS[r]] as const));
  const health = rng.normal();
  const customer: DemoCustomer = {
    id: `NW-${String(10001 + index)}`,
    name: companyName(rng, segment),
    segment,
    region,
    plan: rng.weighted(PLANS[segment]),
    acquiredOn: randomDate(rng, acquiredMonth),
    churnedOn: null,
    health,
    mrr: new Array<number>(MONTH_COUNT).fill(0),
    reactivated: false,
  };
  // Existing customers have grown a little since they were acquired.
  let mrr = roundMrr(MEDIAN_MRR[segment] * Math.exp(0.5 * rng.normal()) * (acquiredMonth < 0 ? 1.1 : 1));
  const hazard = MONTHLY_CHURN[segment] * Math.exp(-0.75 * health);
  const expandP = 0.05 * Math.exp(0.45 * health);
  const contractP = 0.022 * Math.exp(-0.45 * health);
  let active = true;
  let reactivateAt = -1;
  for (let m = Math.max(0, acquiredMonth); m < MONTH_COUNT; m++) {
    if (!active) {
      if (m !== reactivateAt) continue;
      active = true;
      customer.reactivated = true;
      customer.churnedOn = null;
      mrr = roundMrr(mrr * rng.uniform(0.6, 0.9));
    } else if (m > acquiredMonth && rng.chance(hazard)) {
      active = false;
      customer.churnedOn = randomDate(rng, m);
      reactivateAt = rng.chance(0.035) ? m + rng.int(3, 9) : -1;
      continue;
    } else if (m > acquiredMonth) {
      if (rng.chance(expandP)) mrr = roundMrr(mrr * (1 + rng.uniform(0.05, 0.35)));
      else if (rng.chance(contractP)) mrr = roundMrr(mrr * (1 - rng.uniform(0.05, 0.3)));
    }
    customer.mrr[m] = mrr;
  }
  return customer;
}
