import { float64s, int32s } from './blobs';
import type { Db } from './engagement';

/**
 * Monthly recurring revenue per customer, read once per scorecard from mrr_matrix (one row,
 * migration 6) and summed in plain loops. Every figure equals the SQL over the revenue table it
 * replaces (tests cross-check it with literal SQL); only the cost differs.
 */
export interface RevenuePair {
  customers: number;
  starting: number;
  expansion: number;
  contraction: number;
  churned: number;
  /** Of the starting customers, those with no MRR in the end month. */
  lost: number;
  /** Customers with MRR > 0 in the end month, and their MRR. */
  activeAtEnd: number;
  endingMrr: number;
}

/** Starting customers and their MRR movements (the per-customer classification of DESIGN §6). */
export interface Movements {
  customers: number;
  starting: number;
  expansion: number;
  contraction: number;
  churned: number;
  lost: number;
}

/** Adds one starting customer (MRR s > 0 at the start, e at the end) to the movements. */
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

/** Months as integers (year × 12 + month − 1) so a vector is indexed by subtraction. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Rebuilds the matrix from the current revenue rows (after any change to revenue). */
export function refreshMrrVectors(db: Db): void {
  const ids: string[] = [];
  const firsts: number[] = [];
  const offsets: number[] = [0];
  const values: number[] = [];
  let first = 0;
  const rows = db
    .prepare(
      'SELECT customer_id, period, sum(mrr) FROM revenue WHERE active = 1 GROUP BY customer_id, period ORDER BY customer_id, period',
    )
    .raw()
    .iterate() as IterableIterator<[string, string, number]>;
  for (const [id, period, mrr] of rows) {
    if (id !== ids[ids.length - 1]) {
      if (ids.length) offsets.push(values.length);
      ids.push(id);
      first = monthIndex(period);
      firsts.push(first);
    }
    const at = offsets[offsets.length - 1]! + monthIndex(period) - first;
    while (values.length < at) values.push(0);
    values[at] = mrr;
  }
  offsets.push(values.length);
  db.prepare('DELETE FROM mrr_matrix').run();
  if (ids.length === 0) return;
  db.prepare(
    'INSERT INTO mrr_matrix (id, customer_ids, first_months, offsets, mrr) VALUES (1, ?, ?, ?, ?)',
  ).run(
    JSON.stringify(ids),
    Buffer.from(Int32Array.from(firsts).buffer),
    Buffer.from(Int32Array.from(offsets).buffer),
    Buffer.from(Float64Array.from(values).buffer),
  );
}

/** Copies a blob into its own aligned ArrayBuffer so typed arrays can view it. */

export class RevenueModel {
  private constructor(
    readonly ids: string[],
    private readonly firsts: Int32Array,
    private readonly offsets: Int32Array,
    private readonly values: Float64Array,
    /** Indices of the customers the filters keep. */
    readonly kept: Int32Array,
  ) {}

  /** Loads the matrix; `allowed` (customer filters) keeps only those customers. */
  static load(db: Db, allowed: ReadonlySet<string> | null): RevenueModel {
    const row = db
      .prepare('SELECT customer_ids, first_months, offsets, mrr FROM mrr_matrix WHERE id = 1')
      .raw()
      .get() as [string, Buffer, Buffer, Buffer] | undefined;
    if (!row)
      return new RevenueModel([], new Int32Array(), new Int32Array(1), new Float64Array(), new Int32Array());
    const ids = JSON.parse(row[0]) as string[];
    const kept: number[] = [];
    for (let i = 0; i < ids.length; i += 1) if (!allowed || allowed.has(ids[i] as string)) kept.push(i);
    return new RevenueModel(ids, int32s(row[1]), int32s(row[2]), float64s(row[3]), Int32Array.from(kept));
  }

  /** MRR of customer i in month m (0 outside its months). */
  mrr(i: number, month: number): number {
    const at = (this.offsets[i] as number) + month - (this.firsts[i] as number);
    return at < (this.offsets[i] as number) || at >= (this.offsets[i + 1] as number)
      ? 0
      : (this.values[at] as number);
  }

  /** Per-customer movements from `startMonth` to `endMonth` (DESIGN §6). */
  pair(startMonth: string, endMonth: string): RevenuePair {
    const s0 = monthIndex(startMonth);
    const e0 = monthIndex(endMonth);
    const pair: RevenuePair = {
      customers: 0,
      starting: 0,
      expansion: 0,
      contraction: 0,
      churned: 0,
      lost: 0,
      activeAtEnd: 0,
      endingMrr: 0,
    };
    for (const i of this.kept) {
      const s = this.mrr(i, s0);
      const e = this.mrr(i, e0);
      if (e > 0) {
        pair.activeAtEnd += 1;
        pair.endingMrr += e;
      }
      if (s > 0) addMovement(pair, s, e);
    }
    return pair;
  }

  /** Customers with MRR > 0 in any month of [first, last], and how many have none in `last`. */
  everActive(first: string, last: string): { customers: number; lostByEnd: number } {
    const [a, b] = [monthIndex(first), monthIndex(last)];
    let customers = 0;
    let lostByEnd = 0;
    for (const i of this.kept) {
      let active = false;
      for (let m = a; m <= b && !active; m += 1) active = this.mrr(i, m) > 0;
      if (!active) continue;
      customers += 1;
      if (this.mrr(i, b) <= 0) lostByEnd += 1;
    }
    return { customers, lostByEnd };
  }

  /** Customers whose first month with MRR > 0 falls within [first, last]. */
  newCustomers(first: string, last: string): number {
    const [a, b] = [monthIndex(first), monthIndex(last)];
    let count = 0;
    for (const i of this.kept) {
      const start = this.offsets[i] as number;
      const end = this.offsets[i + 1] as number;
      for (let at = start; at < end; at += 1) {
        if ((this.values[at] as number) > 0) {
          const month = (this.firsts[i] as number) + at - start;
          if (month >= a && month <= b) count += 1;
          break;
        }
      }
    }
    return count;
  }

  private index: Map<string, number> | null = null;

  /** The index of a customer in `ids`, or −1 (a map built on first use). */
  indexOf(id: string): number {
    this.index ??= new Map(this.ids.map((customer, i) => [customer, i]));
    return this.index.get(id) ?? -1;
  }

  /** Indices of the kept customers with MRR > 0 in the month. */
  payingIn(month: string): Int32Array {
    const m = monthIndex(month);
    const out = new Int32Array(this.kept.length);
    let n = 0;
    for (const i of this.kept) if (this.mrr(i, m) > 0) out[n++] = i;
    return out.subarray(0, n);
  }

  /** Total MRR of the kept customers in the month. */
  totalIn(month: string): number {
    const m = monthIndex(month);
    let total = 0;
    for (const i of this.kept) total += this.mrr(i, m);
    return total;
  }
}
