/**
 * The NPS classes of a 0–10 likelihood-to-recommend answer (Reichheld): 9–10 promoter, 7–8 passive,
 * 0–6 detractor. The one definition: the formulas, the stored matrices and the SQL all use it.
 */
export type NpsClass = 'promoter' | 'passive' | 'detractor';

/** Lowest score of a promoter and of a passive. */
export const PROMOTER_MIN = 9;
export const PASSIVE_MIN = 7;

/** The class of an answer on 0–10 (the caller has checked the scale). */
export function npsClassOf(score: number): NpsClass {
  if (score >= PROMOTER_MIN) return 'promoter';
  if (score >= PASSIVE_MIN) return 'passive';
  return 'detractor';
}
