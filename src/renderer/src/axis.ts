/**
 * Chart axes: a value range widened to whole steps, with room on both sides, so a point or a
 * whisker is never drawn on the edge.
 */
import type { Unit } from '../../core/format';

/** The range of `values` widened to whole steps, with room on both sides, within [floor, ceiling]. */
export function roundedRange(
  values: number[],
  step: number,
  floor: number,
  ceiling: number,
): [number, number] {
  if (values.length === 0) return [floor, ceiling];
  const low = Math.floor((Math.min(...values) - step / 4) / step) * step;
  const high = Math.ceil((Math.max(...values) + step / 4) / step) * step;
  return [Math.max(floor, Number(low.toFixed(6))), Math.min(ceiling, Number(high.toFixed(6)))];
}

/** A step of 1, 2 or 5 times a power of ten giving about five ticks over the values. */
function niceStep(values: number[]): number {
  const span = Math.max(...values) - Math.min(...values) || Math.abs(values[0] ?? 1) || 1;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
}

/**
 * The value axis of a KPI chart: NPS within −100..100 and shares from 0 in steps of 10 (a share
 * above 100, such as NRR, widens the top); any other unit in round steps around its values.
 */
export function axisRange(values: number[], unit: Unit): [number, number] {
  if (values.length === 0) return [0, 100];
  if (unit === 'points') return roundedRange(values, 10, -100, 100);
  if (unit === 'percent') {
    const highest = Math.max(...values);
    return roundedRange(values, 10, 0, highest > 100 ? Math.ceil(highest / 10) * 10 + 10 : 100);
  }
  const step = niceStep(values);
  return roundedRange(values, step, Math.min(0, ...values), Math.max(...values) + step);
}
