/** SERVQUAL gap 5: perception − expectation per item, per dimension, unweighted and weighted. */
import { toMoments, type SampleInput } from './moments';

export interface ServqualItem {
  id: string;
  dimension: string;
  /** Expectation scores (per respondent values, moments or n/sum/sumSq), on the survey's own scale. */
  expectation: SampleInput;
  perception: SampleInput;
}

export interface ServqualItemGap {
  id: string;
  dimension: string;
  expectationMean: number | null;
  perceptionMean: number | null;
  expectationN: number;
  perceptionN: number;
  /** P − E; negative = shortfall. null when either side has no answers. */
  gap: number | null;
}

export interface ServqualDimensionGap {
  dimension: string;
  items: number;
  /** Mean of its items' gaps. */
  gap: number | null;
  /** Normalised weight 0–1 (null when no weights were given). */
  weight: number | null;
}

export type ServqualReading = 'shortfall' | 'exceeds' | 'met';

export interface ServqualResult {
  items: ServqualItemGap[];
  dimensions: ServqualDimensionGap[];
  /** Mean of item gaps (every item pair counts once). */
  meanItemGap: number | null;
  /** Mean of the dimension gaps. */
  unweighted: number | null;
  /** Σ weight × dimension gap with weights normalised to sum to 1; null without (complete) weights. */
  weighted: number | null;
  reading: ServqualReading | null;
  /** Why the weighted score is missing, when weights were given but unusable. */
  weightNote: string | null;
}

/**
 * Weights per dimension: either one record of stated weights (any positive scale), or the respondents'
 * 100-point allocations (averaged per dimension). Either way they are normalised to sum to 1.
 */
export type ServqualWeights = Readonly<Record<string, number>> | readonly Readonly<Record<string, number>>[];

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function averageWeights(weights: ServqualWeights): Record<string, number> {
  if (!Array.isArray(weights)) return { ...(weights as Readonly<Record<string, number>>) };
  const list = weights as readonly Readonly<Record<string, number>>[];
  const sums: Record<string, number> = {};
  for (const allocation of list) {
    for (const [dim, w] of Object.entries(allocation)) sums[dim] = (sums[dim] ?? 0) + w;
  }
  for (const dim of Object.keys(sums)) sums[dim] = (sums[dim] ?? 0) / list.length;
  return sums;
}

export function servqual(items: readonly ServqualItem[], weights?: ServqualWeights): ServqualResult {
  const itemGaps: ServqualItemGap[] = items.map((item) => {
    const e = toMoments(item.expectation);
    const p = toMoments(item.perception);
    const expectationMean = e.n > 0 ? e.mean : null;
    const perceptionMean = p.n > 0 ? p.mean : null;
    return {
      id: item.id,
      dimension: item.dimension,
      expectationMean,
      perceptionMean,
      expectationN: e.n,
      perceptionN: p.n,
      gap: expectationMean === null || perceptionMean === null ? null : perceptionMean - expectationMean,
    };
  });

  const order: string[] = [];
  const byDim = new Map<string, number[]>();
  for (const g of itemGaps) {
    if (!byDim.has(g.dimension)) {
      byDim.set(g.dimension, []);
      order.push(g.dimension);
    }
    if (g.gap !== null) byDim.get(g.dimension)?.push(g.gap);
  }

  let normWeights: Record<string, number> | null = null;
  let weightNote: string | null = null;
  if (weights !== undefined) {
    const avg = averageWeights(weights);
    const missing = order.filter((d) => !(d in avg) || !Number.isFinite(avg[d]) || (avg[d] ?? -1) < 0);
    const total = order.reduce((a, d) => a + (avg[d] ?? 0), 0);
    if (missing.length > 0) weightNote = `no usable weight for ${missing.join(', ')}`;
    else if (!(total > 0)) weightNote = 'the weights sum to zero';
    else normWeights = Object.fromEntries(order.map((d) => [d, (avg[d] ?? 0) / total]));
  }

  const dimensions: ServqualDimensionGap[] = order.map((dimension) => {
    const gaps = byDim.get(dimension) ?? [];
    return { dimension, items: gaps.length, gap: mean(gaps), weight: normWeights?.[dimension] ?? null };
  });
  const dimGaps = dimensions.map((d) => d.gap).filter((g): g is number => g !== null);
  const unweighted = dimGaps.length === dimensions.length ? mean(dimGaps) : null;
  let weighted: number | null = null;
  if (normWeights) {
    if (dimGaps.length === dimensions.length) {
      weighted = dimensions.reduce((a, d) => a + (d.weight ?? 0) * (d.gap ?? 0), 0);
    } else {
      weightNote = 'a dimension has no answered items';
    }
  }
  const itemMean = mean(itemGaps.map((g) => g.gap).filter((g): g is number => g !== null));
  const headline = unweighted;
  return {
    items: itemGaps,
    dimensions,
    meanItemGap: itemMean,
    unweighted,
    weighted,
    reading: headline === null ? null : headline < 0 ? 'shortfall' : headline > 0 ? 'exceeds' : 'met',
    weightNote,
  };
}

/**
 * From dimension gaps already computed elsewhere (e.g. a published table): unweighted mean and the
 * weighted score with normalised weights.
 */
export function servqualFromDimensionGaps(
  gaps: Readonly<Record<string, number>>,
  weights?: ServqualWeights,
): { unweighted: number; weighted: number | null } {
  const dims = Object.keys(gaps);
  if (dims.length === 0) throw new RangeError('No SERVQUAL dimension gaps given.');
  const unweighted = dims.reduce((a, d) => a + (gaps[d] ?? 0), 0) / dims.length;
  if (!weights) return { unweighted, weighted: null };
  const avg = averageWeights(weights);
  const total = dims.reduce((a, d) => a + (avg[d] ?? 0), 0);
  if (dims.some((d) => !((avg[d] ?? -1) >= 0)) || !(total > 0)) return { unweighted, weighted: null };
  return { unweighted, weighted: dims.reduce((a, d) => a + ((avg[d] ?? 0) / total) * (gaps[d] ?? 0), 0) };
}
