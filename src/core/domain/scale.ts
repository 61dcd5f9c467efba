/** Rating scales: putting any scale on 0–100 and deciding what counts as the top box. */
import { PROMOTER_MIN } from './nps';

export interface Scale {
  min: number;
  max: number;
}

function checkScale(min: number, max: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) {
    throw new RangeError(`Invalid scale ${min}–${max}: the maximum must be greater than the minimum.`);
  }
}

/** (x − min) / (max − min) · 100. A score outside its scale is an error, never silently clamped. */
export function normaliseScore(x: number, min: number, max: number): number {
  checkScale(min, max);
  if (!Number.isFinite(x) || x < min || x > max) {
    throw new RangeError(`Score ${x} lies outside its scale ${min}–${max}.`);
  }
  return ((x - min) / (max - min)) * 100;
}

/**
 * Lowest score that counts as the top box: 9 on a 0–10 scale (9–10, the promoter band), otherwise the
 * scale maximum (5 of 5, 7 of 7, …).
 */
export function topBoxThreshold(scale: Scale): number {
  checkScale(scale.min, scale.max);
  if (scale.min === 0 && scale.max === 10) return PROMOTER_MIN;
  return scale.max;
}

export function isTopBox(value: number, scale: Scale): boolean {
  return value >= topBoxThreshold(scale);
}
