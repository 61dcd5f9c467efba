/**
 * MRR movements (DESIGN §6): how a customer's MRR between the month before a period and its last
 * month counts — expansion, contraction or churn. Used by the formulas (NRR, GRR, churn) and by the
 * stored MRR matrix alike.
 */

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
 * The per-customer classification: a customer with MRR s > 0 in the month before the period and e
 * in its last month. e = 0 is churn (lost), a rise is expansion, a fall is contraction.
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
