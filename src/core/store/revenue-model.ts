import type { Db } from './engagement';

/**
 * Monthly recurring revenue per customer, read once per scorecard from mrr_vectors (one row per
 * customer, migration 6) and summed in plain loops. Every figure equals the SQL over the revenue
 * table it replaces (tests cross-check it with literal SQL); only the cost differs.
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

/** Months as integers (year × 12 + month − 1) so a vector is indexed by subtraction. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Rebuilds every customer's vector from the current revenue rows. */
export function refreshMrrVectors(db: Db): void {
  db.exec('DELETE FROM mrr_vectors');
  const insert = db.prepare('INSERT INTO mrr_vectors (customer_id, first_month, mrr) VALUES (?, ?, ?)');
  let customer: string | null = null;
  let first = 0;
  let firstMonth = '';
  let values: number[] = [];
  // Vectors are a few hundred bytes each: keep them until the read ends (one statement at a time
  // per connection), then write them.
  const vectors: Array<[string, string, Buffer]> = [];
  const flush = () => {
    if (customer === null) return;
    const blob = Buffer.alloc(values.length * 8);
    values.forEach((value, i) => blob.writeDoubleLE(value, i * 8));
    vectors.push([customer, firstMonth, blob]);
  };
  const rows = db
    .prepare(
      'SELECT customer_id, period, sum(mrr) FROM revenue WHERE active = 1 GROUP BY customer_id, period ORDER BY customer_id, period',
    )
    .raw()
    .iterate() as IterableIterator<[string, string, number]>;
  for (const [id, period, mrr] of rows) {
    if (id !== customer) {
      flush();
      customer = id;
      first = monthIndex(period);
      firstMonth = period;
      values = [];
    }
    const at = monthIndex(period) - first;
    while (values.length < at) values.push(0);
    values[at] = mrr;
  }
  flush();
  for (const [id, month, blob] of vectors) insert.run(id, month, blob);
}

export class RevenueModel {
  private constructor(
    readonly ids: string[],
    private readonly firsts: Int32Array,
    private readonly vectors: Buffer[],
  ) {}

  /** Loads every customer's vector; `allowed` (customer filters) keeps only those customers. */
  static load(db: Db, allowed: ReadonlySet<string> | null): RevenueModel {
    const rows = db.prepare('SELECT customer_id, first_month, mrr FROM mrr_vectors').raw().all() as Array<
      [string, string, Buffer]
    >;
    const kept = allowed ? rows.filter(([id]) => allowed.has(id)) : rows;
    return new RevenueModel(
      kept.map(([id]) => id),
      Int32Array.from(kept.map(([, month]) => monthIndex(month))),
      kept.map(([, , mrr]) => mrr),
    );
  }

  /** MRR of customer i in month m (0 outside its vector). */
  mrr(i: number, month: number): number {
    const at = month - (this.firsts[i] as number);
    const vector = this.vectors[i] as Buffer;
    return at < 0 || at * 8 >= vector.length ? 0 : vector.readDoubleLE(at * 8);
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
    for (let i = 0; i < this.ids.length; i += 1) {
      const s = this.mrr(i, s0);
      const e = this.mrr(i, e0);
      if (e > 0) {
        pair.activeAtEnd += 1;
        pair.endingMrr += e;
      }
      if (!(s > 0)) continue;
      pair.customers += 1;
      pair.starting += s;
      if (e > s) pair.expansion += e - s;
      else if (e > 0 && e < s) pair.contraction += s - e;
      else if (e <= 0) {
        pair.churned += s;
        pair.lost += 1;
      }
    }
    return pair;
  }

  /** Customers with MRR > 0 in any month of [first, last], and how many have none in `last`. */
  everActive(first: string, last: string): { customers: number; lostByEnd: number } {
    const [a, b] = [monthIndex(first), monthIndex(last)];
    let customers = 0;
    let lostByEnd = 0;
    for (let i = 0; i < this.ids.length; i += 1) {
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
    for (let i = 0; i < this.ids.length; i += 1) {
      const vector = this.vectors[i] as Buffer;
      const start = this.firsts[i] as number;
      for (let at = 0; at * 8 < vector.length; at += 1) {
        if (vector.readDoubleLE(at * 8) > 0) {
          if (start + at >= a && start + at <= b) count += 1;
          break;
        }
      }
    }
    return count;
  }

  /** Each customer's MRR in a month (customers without revenue that month are left out). */
  mrrIn(month: string): Map<string, number> {
    const m = monthIndex(month);
    const out = new Map<string, number>();
    for (let i = 0; i < this.ids.length; i += 1) {
      const value = this.mrr(i, m);
      if (value !== 0) out.set(this.ids[i] as string, value);
    }
    return out;
  }
}
