/** Unit economics: CLV, CAC, LTV:CAC and CAC payback. */
import { KPI_DEFINITIONS } from '../format/definitions';
import {
  assertAmount,
  needsData,
  notEstimable,
  ok,
  resolveInput,
  type KpiInput,
  type KpiMeta,
  type KpiResult,
} from './kpi';

const NEEDS_REVENUE = 'needs revenue data (MRR by customer and month)';
const NEEDS_MARGIN = 'needs gross margin (setting gross_margin, e.g. 0.7)';
const NEEDS_CHURN = 'needs customer churn data (customers file or revenue by month)';
const NEEDS_SPEND = 'needs sales & marketing spend for the period';
const NEEDS_NEW = 'needs customer acquisition dates (customers file with acquired_on)';

function checkMargin(grossMargin: number): void {
  if (!(grossMargin >= 0 && grossMargin <= 1)) {
    throw new RangeError(`Gross margin must be a fraction within 0..1, got ${grossMargin}.`);
  }
}

function fail(meta: KpiMeta, r: { status: 'needs-data' | 'not-estimable'; reason: string }): KpiResult {
  return r.status === 'needs-data' ? needsData(meta, r.reason) : notEstimable(meta, r.reason);
}

/**
 * Customer lifetime value = ARPA × gross margin / monthly logo churn (a fraction, e.g. 0.02).
 * Zero churn gives no finite lifetime: not estimable. `churnBasis` is printed with the number
 * (e.g. "monthly logo churn averaged over the trailing 12 months, revenue basis").
 */
export function clv(
  arpaValue: KpiInput,
  grossMargin: number | null | undefined,
  monthlyLogoChurn: number | null | undefined,
  options: { churnBasis?: string } = {},
): KpiResult {
  const meta: KpiMeta = {
    id: 'clv',
    ...KPI_DEFINITIONS.clv,
    basis: options.churnBasis ?? 'monthly logo churn',
  };
  const a = resolveInput(arpaValue, NEEDS_REVENUE);
  if (!('value' in a)) return fail(meta, a);
  if (grossMargin == null) return needsData(meta, NEEDS_MARGIN);
  if (monthlyLogoChurn == null) return needsData(meta, NEEDS_CHURN);
  checkMargin(grossMargin);
  assertAmount(a.value, 'ARPA');
  if (!(monthlyLogoChurn >= 0 && monthlyLogoChurn <= 1)) {
    throw new RangeError(`Monthly churn must be a fraction within 0..1, got ${monthlyLogoChurn}.`);
  }
  if (monthlyLogoChurn === 0) {
    return notEstimable(
      meta,
      'not estimable: no customers churned, so customer lifetime cannot be estimated',
    );
  }
  return ok(meta, (a.value * grossMargin) / monthlyLogoChurn, null, {
    details: {
      arpa: a.value,
      grossMargin,
      monthlyChurn: monthlyLogoChurn,
      lifetimeMonths: 1 / monthlyLogoChurn,
    },
  });
}

/** CAC = sales & marketing spend in the period / new customers acquired in it. */
export function cac(spend: number | null | undefined, newCustomers: number | null | undefined): KpiResult {
  const meta: KpiMeta = {
    id: 'cac',
    ...KPI_DEFINITIONS.cac,
  };
  if (spend == null) return needsData(meta, NEEDS_SPEND, newCustomers ?? null);
  if (newCustomers == null) return needsData(meta, NEEDS_NEW);
  assertAmount(spend, 'spend');
  assertAmount(newCustomers, 'newCustomers');
  if (newCustomers === 0)
    return notEstimable(meta, 'not estimable: no new customers were acquired in the period', 0);
  return ok(meta, spend / newCustomers, newCustomers, { details: { spend } });
}

/** LTV:CAC = CLV / CAC (a ratio, e.g. 3 for 3:1). */
export function ltvToCac(ltv: KpiInput, cacValue: KpiInput): KpiResult {
  const meta: KpiMeta = {
    id: 'ltv-cac',
    ...KPI_DEFINITIONS['ltv-cac'],
  };
  const l = resolveInput(ltv, `${NEEDS_REVENUE}, ${NEEDS_MARGIN.replace('needs ', '')}`);
  if (!('value' in l)) return fail(meta, l);
  const c = resolveInput(cacValue, NEEDS_SPEND);
  if (!('value' in c)) return fail(meta, c);
  if (c.value === 0) return notEstimable(meta, 'not estimable: CAC is 0 (no spend recorded)');
  return ok(meta, l.value / c.value, null, { details: { ltv: l.value, cac: c.value } });
}

/** CAC payback months = CAC / (ARPA × gross margin). */
export function cacPaybackMonths(
  cacValue: KpiInput,
  arpaValue: KpiInput,
  grossMargin: number | null | undefined,
): KpiResult {
  const meta: KpiMeta = {
    id: 'cac-payback',
    ...KPI_DEFINITIONS['cac-payback'],
  };
  const c = resolveInput(cacValue, NEEDS_SPEND);
  if (!('value' in c)) return fail(meta, c);
  const a = resolveInput(arpaValue, NEEDS_REVENUE);
  if (!('value' in a)) return fail(meta, a);
  if (grossMargin == null) return needsData(meta, NEEDS_MARGIN);
  checkMargin(grossMargin);
  const monthlyMargin = a.value * grossMargin;
  if (!(monthlyMargin > 0)) {
    return notEstimable(meta, 'not estimable: ARPA × gross margin is 0, so CAC is never paid back');
  }
  return ok(meta, c.value / monthlyMargin, null, { details: { cac: c.value, arpa: a.value, grossMargin } });
}
