import { HOT_STATEMENTS } from './statements';
import { float64s, int32s, keptIndices, toBlob } from './blobs';
import type { Db } from './engagement';
import { addMovement, noMovements, type Movements } from '../domain/mrr';
import { monthIndex } from '../domain/month';

/**
 * Monthly recurring revenue per customer, read once per scorecard from mrr_matrix (one row,
 * migration 6) and summed in plain loops. Every figure equals the SQL over the revenue table it
 * replaces (tests cross-check it with literal SQL); only the cost differs.
 */
export interface RevenuePair extends Movements {
  /** Customers with MRR > 0 in the end month, and their MRR. */
  activeAtEnd: number;
  endingMrr: number;
}

export { monthIndex } from '../domain/month';

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
    toBlob(Int32Array.from(firsts)),
    toBlob(Int32Array.from(offsets)),
    toBlob(asCents(values) ?? Float64Array.from(values)),
  );
}

/**
 * The values as whole cents in 32 bits when that loses nothing (cents / 100 gives back each value
 * exactly and every amount is below 21 million), else null (they are stored as float64). The
 * width tells the reader which: 4 bytes per month are cents, 8 are float64.
 */
function asCents(values: readonly number[]): Int32Array | null {
  const cents = new Int32Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    const c = Math.round(v * 100);
    if (c / 100 !== v || c > 0x7fffffff || c < -0x80000000) return null;
    cents[i] = c;
  }
  return cents;
}

function mrrValues(blob: Buffer, cells: number): { values: Int32Array | Float64Array; scale: number } {
  if (cells > 0 && blob.byteLength === cells * 4) return { values: int32s(blob), scale: 100 };
  return { values: float64s(blob), scale: 1 };
}

export class MrrMatrix {
  private constructor(
    readonly ids: string[],
    private readonly firsts: Int32Array,
    private readonly offsets: Int32Array,
    /** MRR per customer-month, in units of 1/scale (cents when scale is 100). */
    private readonly values: Int32Array | Float64Array,
    private readonly scale: number,
    /** Indices of the customers the filters keep. */
    readonly kept: Int32Array,
  ) {}

  private readonly columns = new Map<number, Float64Array>();

  /** The kept customers' MRR in a month, indexed like `ids` (0 for others); built once per month. */
  column(month: number): Float64Array {
    let column = this.columns.get(month);
    if (column) return column;
    column = new Float64Array(this.ids.length);
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      column[i] = this.stored(i, month) / this.scale;
    }
    this.columns.set(month, column);
    return column;
  }

  /** Loads the matrix; `allowed` (customer filters) keeps only those customers. */
  static load(db: Db, allowed: ReadonlySet<string> | null): MrrMatrix {
    const statement = HOT_STATEMENTS.mrrMatrixRow();
    const row = db
      .prepare(statement.text)
      .raw()
      .get(...statement.params) as [string, Buffer, Buffer, Buffer] | undefined;
    if (!row)
      return new MrrMatrix([], new Int32Array(), new Int32Array(1), new Float64Array(), 1, new Int32Array());
    const ids = JSON.parse(row[0]) as string[];
    const offsets = int32s(row[2]);
    const { values, scale } = mrrValues(row[3], offsets[offsets.length - 1] as number);
    return new MrrMatrix(ids, int32s(row[1]), offsets, values, scale, keptIndices(ids, allowed));
  }

  /** The stored value of customer i in month m, in units of 1/scale (0 outside its months). */
  private stored(i: number, month: number): number {
    const start = this.offsets[i] as number;
    const at = start + month - (this.firsts[i] as number);
    return at < start || at >= (this.offsets[i + 1] as number) ? 0 : (this.values[at] as number);
  }

  /** MRR of kept customer i in month m (0 outside its months). */
  mrr(i: number, month: number): number {
    return this.column(month)[i] as number;
  }

  /** Per-customer movements from `startMonth` to `endMonth` (DESIGN §6). */
  pair(startMonth: string, endMonth: string): RevenuePair {
    const s0 = monthIndex(startMonth);
    const e0 = monthIndex(endMonth);
    const pair: RevenuePair = { ...noMovements(), activeAtEnd: 0, endingMrr: 0 };
    const [start, end] = [this.column(s0), this.column(e0)];
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      const s = start[i] as number;
      const e = end[i] as number;
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
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      let active = false;
      for (let m = a; m <= b && !active; m += 1) active = this.stored(i, m) > 0;
      if (!active) continue;
      customers += 1;
      if (this.stored(i, b) <= 0) lostByEnd += 1;
    }
    return { customers, lostByEnd };
  }

  /**
   * Customers with no MRR in `before` and MRR > 0 in some month of [first, last]: acquired or won
   * back during the period, also when lost again within it (the N of retention (E − N) / S).
   */
  enteredDuring(before: string, first: string, last: string): number {
    const [b, a, z] = [monthIndex(before), monthIndex(first), monthIndex(last)];
    let count = 0;
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      if (this.stored(i, b) > 0) continue;
      for (let m = a; m <= z; m += 1) {
        if (this.stored(i, m) > 0) {
          count += 1;
          break;
        }
      }
    }
    return count;
  }

  /** Customers whose first month with MRR > 0 falls within [first, last]. */
  newCustomers(first: string, last: string): number {
    const [a, b] = [monthIndex(first), monthIndex(last)];
    let count = 0;
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
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
    const column = this.column(m);
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      if ((column[i] as number) > 0) out[n++] = i;
    }
    return out.subarray(0, n);
  }

  /** Total MRR of the kept customers in the month. */
  totalIn(month: string): number {
    const m = monthIndex(month);
    let total = 0;
    const column = this.column(m);
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      total += column[i] as number;
    }
    return total;
  }
}
