/**
 * Targets, RAG status and deltas. Green meets the target, amber misses it by no more than the amber
 * tolerance, red misses it by more; "meets" depends on the direction (higher or lower is better).
 * Deltas vs a prior value carry a significance flag only when a statistical comparison exists.
 */
import type { KpiResult } from './kpi';
import { npsDifference, twoProportionTest, welchTTest, type DifferenceTest } from './statistics';

export type Direction = 'higher' | 'lower';
export type Rag = 'green' | 'amber' | 'red';

export interface Target {
  value: number;
  direction: Direction;
  /** How far (in the KPI's units, ≥ 0) the value may miss the target and still be amber. */
  amberTolerance: number;
}

// Values this close to a threshold count as on it (guards against 0.1 + 0.2 ≠ 0.3).
const EPSILON = 1e-9;

/** RAG status of a value against a target; null when there is no value or no target. */
export function ragStatus(value: number | null | undefined, target: Target | null | undefined): Rag | null {
  if (value === null || value === undefined || !target) return null;
  if (!Number.isFinite(value)) throw new RangeError(`Cannot rate a non-finite value (${value}).`);
  if (!(target.amberTolerance >= 0)) {
    throw new RangeError(`Amber tolerance must be ≥ 0, got ${target.amberTolerance}.`);
  }
  const tol = EPSILON * Math.max(1, Math.abs(target.value));
  // Shortfall: how far the value falls short of the target in the bad direction (≤ 0 meets it).
  const shortfall = target.direction === 'higher' ? target.value - value : value - target.value;
  if (shortfall <= tol) return 'green';
  if (shortfall <= target.amberTolerance + tol) return 'amber';
  return 'red';
}

/** Which way is better for each built-in KPI id (the prefix before ':' for grouped ids). */
export function defaultDirection(kpiId: string): Direction {
  const base = kpiId.split(':')[0] ?? kpiId;
  return ['logo-churn', 'gross-revenue-churn', 'cac', 'cac-payback', 'revenue-at-risk'].includes(base)
    ? 'lower'
    : 'higher';
}

export interface Delta {
  current: number | null;
  prior: number | null;
  /** current − prior in the KPI's units (points for NPS, percentage points for percentages). */
  change: number | null;
  movement: 'up' | 'down' | 'flat' | null;
  /** Whether the move is in the better direction; null when flat or unknown. */
  improved: boolean | null;
  /** True/false from a statistical comparison; null when none applies (non-statistical KPI, small n). */
  significant: boolean | null;
  /** The comparison behind `significant`, in the KPI's units. */
  test?: DifferenceTest;
}

/**
 * Delta between two values. `comparison` is a statistical test of current − prior (any object with
 * `significant`); without one, significance is null.
 */
export function delta(
  current: number | null | undefined,
  prior: number | null | undefined,
  options: { direction?: Direction; comparison?: DifferenceTest | { significant: boolean } | null } = {},
): Delta {
  const c = current ?? null;
  const p = prior ?? null;
  if (c === null || p === null) {
    return { current: c, prior: p, change: null, movement: null, improved: null, significant: null };
  }
  const change = c - p;
  const flat = Math.abs(change) <= EPSILON * Math.max(1, Math.abs(p));
  const movement = flat ? 'flat' : change > 0 ? 'up' : 'down';
  let improved: boolean | null = null;
  if (!flat && options.direction) improved = options.direction === 'higher' ? change > 0 : change < 0;
  const result: Delta = {
    current: c,
    prior: p,
    change,
    movement,
    improved,
    significant: options.comparison ? options.comparison.significant : null,
  };
  if (options.comparison && 'difference' in options.comparison) result.test = options.comparison;
  return result;
}

function scaleTest(t: DifferenceTest, k: number): DifferenceTest {
  return {
    ...t,
    difference: t.difference * k,
    standardError: t.standardError * k,
    interval: { low: t.interval.low * k, high: t.interval.high * k, level: t.interval.level },
  };
}

/**
 * The statistical comparison current − prior for two KPI results carrying samples of the same kind:
 * NPS difference (independent samples), two proportions (Newcombe interval, in percentage points) or
 * Welch t test for means. Null when either lacks a sample or the test is not estimable.
 */
export function compareSamples(current: KpiResult, prior: KpiResult): DifferenceTest | null {
  const a = current.sample;
  const b = prior.sample;
  if (!a || !b || current.status !== 'ok' || prior.status !== 'ok') return null;
  if (a.kind === 'nps' && b.kind === 'nps') {
    return npsDifference(a.counts, b.counts, { populationA: a.population, populationB: b.population });
  }
  if (a.kind === 'proportion' && b.kind === 'proportion') {
    const t = twoProportionTest(a.successes, a.n, b.successes, b.n);
    return t ? scaleTest(t, 100) : null;
  }
  if (a.kind === 'mean' && b.kind === 'mean') return welchTTest(a.moments, b.moments);
  return null;
}

/** Delta between two KPI results, with significance when both carry comparable samples. */
export function compareKpis(
  current: KpiResult,
  prior: KpiResult | null | undefined,
  options: { direction?: Direction } = {},
): Delta {
  const direction = options.direction ?? defaultDirection(current.id);
  if (!prior) return delta(current.value, null, { direction });
  // On a small base either side, the change is shown but no significance is claimed.
  const comparison = current.smallSample || prior.smallSample ? null : compareSamples(current, prior);
  return delta(current.value, prior.value, { direction, comparison });
}

/** One scorecard tile: the KPI with its target, RAG, deltas and series. */
export interface ScorecardEntry extends KpiResult {
  target: Target | null;
  rag: Rag | null;
  vsPrior: Delta;
  vsLastYear: Delta;
  series: { period: string; value: number | null }[];
}

/** Assembles a scorecard tile from the KPI for P, its target and the KPI for comparison periods. */
export function assessKpi(
  kpi: KpiResult,
  context: {
    target?: Target | null;
    prior?: KpiResult | null;
    lastYear?: KpiResult | null;
    series?: readonly { period: string; kpi: KpiResult }[];
  } = {},
): ScorecardEntry {
  const target = context.target ?? null;
  const direction = target?.direction ?? defaultDirection(kpi.id);
  return {
    ...kpi,
    target,
    rag: kpi.status === 'ok' ? ragStatus(kpi.value, target) : null,
    vsPrior: compareKpis(kpi, context.prior, { direction }),
    vsLastYear: compareKpis(kpi, context.lastYear, { direction }),
    series: (context.series ?? []).map((s) => ({ period: s.period, value: s.kpi.value })),
  };
}
