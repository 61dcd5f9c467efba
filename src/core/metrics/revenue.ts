/**
 * Customer and revenue KPIs: retention, logo churn, gross revenue churn, NRR, GRR, ARPA, revenue at
 * risk, and NRR/churn by NPS class. Amounts are MRR in the engagement's currency.
 */
import { KPI_DEFINITIONS } from '../format/definitions';
import { assertAmount, needsData, notEstimable, ok, pct, type KpiMeta, type KpiResult } from './kpi';
import type { NpsClass } from './survey';

/** Where churn comes from, in order of preference (DESIGN §6). */
export type ChurnBasis = 'revenue' | 'churn-date' | 'churn-flag';

export function describeChurnBasis(basis: ChurnBasis): string {
  switch (basis) {
    case 'revenue':
      return 'churn basis: revenue (MRR falls to 0)';
    case 'churn-date':
      return 'churn basis: churned_on dates in the customers file';
    case 'churn-flag':
      return 'churn basis: churn flag in the customers file (undated)';
  }
}

const NEEDS_CUSTOMERS =
  'needs customer data (customers file with acquisition and churn dates, or revenue by month)';
const NEEDS_REVENUE = 'needs revenue data (MRR by customer and month, including the month before the period)';
const NO_START_CUSTOMERS = 'not estimable: no customers were active at the start of the period';
const NO_START_MRR = 'not estimable: no MRR at the start of the period';

/** Customer retention rate = (E − N) / S, in percent. */
export function customerRetentionRate(
  customersAtStart: number | null | undefined,
  customersAtEnd: number | null | undefined,
  newCustomers: number | null | undefined,
  options: { basis?: ChurnBasis } = {},
): KpiResult {
  const meta: KpiMeta = { id: 'customer-retention', ...KPI_DEFINITIONS['customer-retention'] };
  if (options.basis) meta.basis = describeChurnBasis(options.basis);
  if (customersAtStart == null || customersAtEnd == null || newCustomers == null) {
    return needsData(meta, NEEDS_CUSTOMERS, customersAtStart ?? null);
  }
  assertAmount(customersAtStart, 'customersAtStart');
  assertAmount(customersAtEnd, 'customersAtEnd');
  assertAmount(newCustomers, 'newCustomers');
  if (customersAtStart === 0) return notEstimable(meta, NO_START_CUSTOMERS, 0);
  return ok(meta, pct((customersAtEnd - newCustomers) / customersAtStart), customersAtStart);
}

/** Logo churn = customers lost in the period / customers at its start, in percent. */
export function logoChurn(
  lost: number | null | undefined,
  customersAtStart: number | null | undefined,
  options: { basis?: ChurnBasis; id?: string; label?: string } = {},
): KpiResult {
  const meta: KpiMeta = {
    id: options.id ?? 'logo-churn',
    ...KPI_DEFINITIONS['logo-churn'],
    label: options.label ?? KPI_DEFINITIONS['logo-churn'].label,
  };
  if (options.basis) meta.basis = describeChurnBasis(options.basis);
  if (lost == null || customersAtStart == null)
    return needsData(meta, NEEDS_CUSTOMERS, customersAtStart ?? null);
  assertAmount(lost, 'lost');
  assertAmount(customersAtStart, 'customersAtStart');
  if (customersAtStart === 0) return notEstimable(meta, NO_START_CUSTOMERS, 0);
  if (lost > customersAtStart) {
    throw new RangeError(`Customers lost (${lost}) exceed customers at start (${customersAtStart}).`);
  }
  return ok(meta, pct(lost / customersAtStart), customersAtStart, {
    sample: { kind: 'proportion', successes: lost, n: customersAtStart },
  });
}

/**
 * Converts a churn rate over `months` months (fraction 0..1) to the equivalent constant monthly rate:
 * 1 − (1 − c)^(1/months).
 */
export function monthlyChurnRate(periodChurn: number, months: number): number {
  if (!(periodChurn >= 0 && periodChurn <= 1))
    throw new RangeError(`Churn must be within 0..1, got ${periodChurn}.`);
  if (!(months >= 1)) throw new RangeError(`months must be ≥ 1, got ${months}.`);
  return 1 - (1 - periodChurn) ** (1 / months);
}

/** Gross revenue churn = (churned MRR + contraction MRR) / starting MRR, in percent. */
export function grossRevenueChurn(
  churnedMrr: number | null | undefined,
  contractionMrr: number | null | undefined,
  startingMrr: number | null | undefined,
): KpiResult {
  const meta: KpiMeta = { id: 'gross-revenue-churn', ...KPI_DEFINITIONS['gross-revenue-churn'] };
  if (churnedMrr == null || contractionMrr == null || startingMrr == null)
    return needsData(meta, NEEDS_REVENUE);
  assertAmount(churnedMrr, 'churnedMrr');
  assertAmount(contractionMrr, 'contractionMrr');
  assertAmount(startingMrr, 'startingMrr');
  if (startingMrr === 0) return notEstimable(meta, NO_START_MRR);
  return ok(meta, pct((churnedMrr + contractionMrr) / startingMrr), null, {
    details: { startingMrr, churnedMrr, contractionMrr },
  });
}

/** MRR movements over a period for the customers active at its start (all amounts ≥ 0). */
export interface MrrMovements {
  starting: number;
  expansion: number;
  contraction: number;
  churned: number;
  /** Customers with MRR > 0 at the start. */
  customers?: number;
}

/** Starting customers and their MRR movements, with how many of them were lost. */
export interface Movements {
  customers: number;
  starting: number;
  expansion: number;
  contraction: number;
  churned: number;
  lost: number;
}

export function noMovements(): Movements {
  return { customers: 0, starting: 0, expansion: 0, contraction: 0, churned: 0, lost: 0 };
}

/**
 * The per-customer classification (DESIGN §6): a customer with MRR s > 0 in the month before the
 * period and e in its last month. e = 0 is churn (lost), a rise is expansion, a fall is contraction.
 */
export function addMovement(into: Movements, s: number, e: number): void {
  into.customers += 1;
  into.starting += s;
  if (e > s) into.expansion += e - s;
  else if (e > 0 && e < s) into.contraction += s - e;
  else if (e <= 0) {
    into.churned += s;
    into.lost += 1;
  }
}

/**
 * Per-customer movements from each customer's MRR in the month before the period (`start`) and in
 * its last month (`end`). Only customers with start > 0 count (new and reactivated customers are
 * excluded, as ChartMogul does).
 */
export function mrrMovements(rows: Iterable<{ start: number | null; end: number | null }>): MrrMovements {
  const m = noMovements();
  for (const row of rows) {
    const start = row.start ?? 0;
    const end = row.end ?? 0;
    assertAmount(start, 'start MRR');
    assertAmount(end, 'end MRR');
    if (start > 0) addMovement(m, start, end);
  }
  return {
    starting: m.starting,
    expansion: m.expansion,
    contraction: m.contraction,
    churned: m.churned,
    customers: m.customers,
  };
}

function checkMovements(m: MrrMovements): void {
  assertAmount(m.starting, 'starting MRR');
  assertAmount(m.expansion, 'expansion MRR');
  assertAmount(m.contraction, 'contraction MRR');
  assertAmount(m.churned, 'churned MRR');
  if (m.contraction + m.churned > m.starting * (1 + 1e-9) + 1e-9) {
    throw new RangeError(
      `Contraction (${m.contraction}) plus churned MRR (${m.churned}) exceed starting MRR (${m.starting}).`,
    );
  }
}

/**
 * Net revenue retention = (starting + expansion − contraction − churned) / starting, in percent,
 * over the customers active at the start of the period. `trailing12` labels the headline
 * trailing-twelve-month figure.
 */
export function nrr(
  movements: MrrMovements | null | undefined,
  options: { trailing12?: boolean; id?: string; label?: string } = {},
): KpiResult {
  const text = KPI_DEFINITIONS[options.trailing12 ? 'nrr-ttm' : 'nrr'];
  const meta: KpiMeta = {
    id: options.id ?? (options.trailing12 ? 'nrr-ttm' : 'nrr'),
    ...text,
    label: options.label ?? text.label,
  };
  return retentionKpi(meta, movements, ({ starting, expansion, contraction, churned }) => [
    pct((starting + expansion - contraction - churned) / starting),
    { startingMrr: starting, expansionMrr: expansion, contractionMrr: contraction, churnedMrr: churned },
  ]);
}

/** Gross revenue retention = (starting − contraction − churned) / starting, in percent (≤ 100). */
export function grr(
  movements: MrrMovements | null | undefined,
  options: { trailing12?: boolean; id?: string; label?: string } = {},
): KpiResult {
  const text = KPI_DEFINITIONS[options.trailing12 ? 'grr-ttm' : 'grr'];
  const meta: KpiMeta = {
    id: options.id ?? (options.trailing12 ? 'grr-ttm' : 'grr'),
    ...text,
    label: options.label ?? text.label,
  };
  return retentionKpi(meta, movements, ({ starting, contraction, churned }) => [
    Math.min(100, Math.max(0, pct((starting - contraction - churned) / starting))),
    { startingMrr: starting, contractionMrr: contraction, churnedMrr: churned },
  ]);
}

/**
 * NRR and GRR from the movements: needs revenue without them, not estimable without starting MRR,
 * else the value and details `compute` gives, over the starting customers.
 */
function retentionKpi(
  meta: KpiMeta,
  movements: MrrMovements | null | undefined,
  compute: (m: MrrMovements) => [value: number, details: Record<string, number>],
): KpiResult {
  if (!movements) return needsData(meta, NEEDS_REVENUE);
  checkMovements(movements);
  const n = movements.customers ?? null;
  if (movements.starting === 0) return notEstimable(meta, NO_START_MRR, n);
  const [value, details] = compute(movements);
  return ok(meta, value, n, { details });
}

/** ARPA = MRR / active customers (currency per account per month). */
export function arpa(mrr: number | null | undefined, activeCustomers: number | null | undefined): KpiResult {
  const meta: KpiMeta = { id: 'arpa', ...KPI_DEFINITIONS.arpa };
  if (mrr == null || activeCustomers == null) return needsData(meta, NEEDS_REVENUE, activeCustomers ?? null);
  assertAmount(mrr, 'mrr');
  assertAmount(activeCustomers, 'activeCustomers');
  if (activeCustomers === 0) return notEstimable(meta, 'not estimable: no active customers in the period', 0);
  return ok(meta, mrr / activeCustomers, activeCustomers);
}

/**
 * Revenue at risk: MRR of customers whose latest NPS answer in the last 12 months is a detractor.
 * `linkedAccounts` is the number of customers with such an answer at all; without any, the number
 * would be a meaningless 0, so the KPI says what it needs.
 */
export function revenueAtRisk(input: {
  detractorMrr: number | null | undefined;
  totalMrr?: number | null;
  linkedAccounts: number | null | undefined;
  detractorAccounts?: number | null;
}): KpiResult {
  const meta: KpiMeta = { id: 'revenue-at-risk', ...KPI_DEFINITIONS['revenue-at-risk'] };
  if (input.linkedAccounts == null || input.linkedAccounts === 0) {
    return needsData(meta, 'needs NPS responses linked to customers (customer_id) and their MRR', 0);
  }
  if (input.detractorMrr == null) return needsData(meta, NEEDS_REVENUE, input.linkedAccounts);
  assertAmount(input.detractorMrr, 'detractorMrr');
  const details: Record<string, number | string> = { respondingAccounts: input.linkedAccounts };
  if (input.detractorAccounts != null) details.detractorAccounts = input.detractorAccounts;
  if (input.totalMrr != null && input.totalMrr > 0) {
    details.percentOfMrr = pct(input.detractorMrr / input.totalMrr);
  }
  return ok(meta, input.detractorMrr, input.linkedAccounts, { details });
}

/** Per NPS class (taken from each customer's latest answer before the period starts). */
export interface ClassOutcome {
  movements?: MrrMovements | null;
  customersAtStart?: number | null;
  customersLost?: number | null;
}

/**
 * NRR and logo churn over the period for customers classed promoter / passive / detractor by their
 * latest answer before the period starts (so the class cannot be caused by the outcome).
 */
export function outcomesByNpsClass(
  groups: Partial<Record<NpsClass, ClassOutcome>>,
  options: { basis?: ChurnBasis } = {},
): { npsClass: NpsClass; nrr: KpiResult; logoChurn: KpiResult }[] {
  const classes: NpsClass[] = ['promoter', 'passive', 'detractor'];
  return classes.map((c) => {
    const g = groups[c] ?? {};
    const name = c.charAt(0).toUpperCase() + c.slice(1) + 's';
    return {
      npsClass: c,
      nrr: nrr(g.movements, { id: `nrr:${c}`, label: `NRR — ${name}` }),
      logoChurn: logoChurn(g.customersLost, g.customersAtStart, {
        id: `logo-churn:${c}`,
        label: `Logo churn — ${name}`,
        ...(options.basis ? { basis: options.basis } : {}),
      }),
    };
  });
}
