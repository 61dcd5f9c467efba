/** What the pre-aggregate tests import: a seeded generator and the mapping of their answers files. */
import type { Mapping } from '../../../src/core/import';

/** mulberry32: the same draws for the same seed. */
export function random(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** rid, person, customer, date, touchpoint and the NPS, CSAT and CES items; other columns are attributes. */
export const answersMapping: Mapping = {
  kind: 'responses',
  fields: {
    response_id: 'rid',
    respondent_id: 'person',
    customer_id: 'customer',
    responded_on: 'date',
    touchpoint: 'touchpoint',
  },
  items: [
    { column: 'nps', survey: 'nps', scaleMin: 0, scaleMax: 10 },
    { column: 'csat', survey: 'csat', scaleMin: 1, scaleMax: 5 },
    { column: 'ces', survey: 'ces', scaleMin: 1, scaleMax: 7 },
  ],
};
