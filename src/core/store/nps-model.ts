import { int32s } from './blobs';
import type { Db } from './engagement';
import { monthIndex, type RevenueModel } from './revenue-model';

/**
 * The NPS answers of known customers by month — promoters, passives, detractors and the class of
 * the month's latest answer — as columns in one row (nps_matrix, migrations 7–8), read once per
 * scorecard and summed in loops, like the MRR matrix. Each figure equals the SQL over
 * account_answers it replaces (tests cross-check with literal SQL).
 *
 * Storage: per customer, the months from its first to its last answer; counts as the narrowest
 * unsigned integers that hold the largest count (1, 2 or 4 bytes: the width is the blob's length
 * over the number of cells); the latest answer's class as one byte (0 none, 1 promoter, 2 passive,
 * 3 detractor). A scorecard reads ≈ 4 bytes per customer-month instead of 20.
 */
export const NO_ANSWER = 0;
export const PROMOTER = 1;
export const PASSIVE = 2;
export const DETRACTOR = 3;

type Counts = Uint8Array | Uint16Array | Uint32Array;

export function npsClassOf(score: number): number {
  return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
}

/** Accumulates rows in (customer, date newest first) order into the matrix's arrays. */
class MatrixBuilder {
  readonly ids: string[] = [];
  readonly firsts: number[] = [];
  readonly offsets: number[] = [0];
  promoters = new Uint32Array(1024);
  passives = new Uint32Array(1024);
  detractors = new Uint32Array(1024);
  latest = new Uint8Array(1024);
  cells = 0;
  private customer: string | null = null;
  /** The current customer's months, newest first: month index, and where its cell starts. */
  private months: number[] = [];
  private monthCounts: number[] = [];

  add(id: string, date: string, score: number): void {
    if (id !== this.customer) {
      this.flush();
      this.customer = id;
    }
    const month = monthIndex(date);
    const at = this.months.length - 1;
    // The first answer met in a month is that month's latest answer.
    if (at < 0 || this.months[at] !== month) {
      this.months.push(month);
      this.monthCounts.push(0, 0, 0, npsClassOf(score));
    }
    const base = (this.months.length - 1) * 4;
    const k = npsClassOf(score) - 1;
    this.monthCounts[base + k] = (this.monthCounts[base + k] as number) + 1;
  }

  flush(): void {
    if (this.customer === null || this.months.length === 0) return;
    const first = this.months[this.months.length - 1] as number;
    const span = (this.months[0] as number) - first + 1;
    this.reserve(this.cells + span);
    this.ids.push(this.customer);
    this.firsts.push(first);
    for (let j = 0; j < this.months.length; j += 1) {
      const at = this.cells + (this.months[j] as number) - first;
      this.promoters[at] = this.monthCounts[j * 4] as number;
      this.passives[at] = this.monthCounts[j * 4 + 1] as number;
      this.detractors[at] = this.monthCounts[j * 4 + 2] as number;
      this.latest[at] = this.monthCounts[j * 4 + 3] as number;
    }
    this.cells += span;
    this.offsets.push(this.cells);
    this.months = [];
    this.monthCounts = [];
    this.customer = null;
  }

  private reserve(cells: number): void {
    if (cells <= this.latest.length) return;
    let size = this.latest.length;
    while (size < cells) size *= 2;
    const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.subarray(0, this.cells));
      return b;
    };
    this.promoters = grow(this.promoters, (n) => new Uint32Array(n));
    this.passives = grow(this.passives, (n) => new Uint32Array(n));
    this.detractors = grow(this.detractors, (n) => new Uint32Array(n));
    this.latest = grow(this.latest, (n) => new Uint8Array(n));
  }
}

const ORDERED_ANSWERS = `SELECT customer_id, responded_on, score FROM account_answers r`;
const ORDER = ` ORDER BY customer_id, responded_on DESC, response_rowid DESC`;

function build(db: Db, where: string, params: unknown[]): MatrixBuilder {
  const builder = new MatrixBuilder();
  const rows = db
    .prepare(`${ORDERED_ANSWERS}${where ? ` WHERE ${where}` : ''}${ORDER}`)
    .raw()
    .iterate(...params) as IterableIterator<[string, string, number]>;
  for (const [id, date, score] of rows) builder.add(id, date, score);
  builder.flush();
  return builder;
}

/** The narrowest unsigned array holding every count (so the blob's length gives the width). */
function narrow(counts: Uint32Array, cells: number, max: number): Counts {
  const used = counts.subarray(0, cells);
  if (max <= 0xff) return Uint8Array.from(used);
  if (max <= 0xffff) return Uint16Array.from(used);
  return used;
}

function widest(...arrays: Uint32Array[]): number {
  let max = 0;
  for (const a of arrays) for (const v of a) if (v > max) max = v;
  return max;
}

function countsOf(blob: Buffer, cells: number): Counts {
  const width = cells === 0 ? 1 : blob.byteLength / cells;
  // Typed arrays need aligned offsets: an unaligned blob is copied (a fresh buffer starts at 0).
  const bytes = blob.byteOffset % width === 0 ? blob : new Uint8Array(blob);
  if (width === 1) return new Uint8Array(bytes.buffer, bytes.byteOffset, cells);
  if (width === 2) return new Uint16Array(bytes.buffer, bytes.byteOffset, cells);
  if (width === 4) return new Uint32Array(bytes.buffer, bytes.byteOffset, cells);
  throw new Error(`nps_matrix holds ${blob.byteLength} bytes for ${cells} cells: rebuild the pre-aggregates`);
}

/** Rebuilds the matrix from account_answers (after any change to the answers). */
export function refreshNpsMatrix(db: Db): void {
  const m = build(db, '', []);
  db.prepare('DELETE FROM nps_matrix').run();
  if (m.ids.length === 0) return;
  const max = widest(
    m.promoters.subarray(0, m.cells),
    m.passives.subarray(0, m.cells),
    m.detractors.subarray(0, m.cells),
  );
  const blob = (a: Counts | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  db.prepare(
    `INSERT INTO nps_matrix (id, customer_ids, first_months, offsets, promoters, passives, detractors, latest)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    JSON.stringify(m.ids),
    Buffer.from(Int32Array.from(m.firsts).buffer),
    Buffer.from(Int32Array.from(m.offsets).buffer),
    blob(narrow(m.promoters, m.cells, max)),
    blob(narrow(m.passives, m.cells, max)),
    blob(narrow(m.detractors, m.cells, max)),
    blob(m.latest.subarray(0, m.cells)),
  );
}

/** Per kept customer with answers in the months: its index in the model and its class counts. */
export interface AccountNpsCounts {
  customers: Int32Array;
  promoters: Int32Array;
  passives: Int32Array;
  detractors: Int32Array;
}

export class NpsModel {
  private constructor(
    readonly ids: string[],
    private readonly firsts: Int32Array,
    private readonly offsets: Int32Array,
    private readonly promoters: Counts,
    private readonly passives: Counts,
    private readonly detractors: Counts,
    private readonly latest: Uint8Array,
    readonly kept: Int32Array,
  ) {}

  private static keep(ids: string[], allowed: ReadonlySet<string> | null): Int32Array {
    if (!allowed) return Int32Array.from({ length: ids.length }, (_, i) => i);
    const kept: number[] = [];
    for (let i = 0; i < ids.length; i += 1) if (allowed.has(ids[i] as string)) kept.push(i);
    return Int32Array.from(kept);
  }

  /** Loads the stored matrix; `allowed` (customer filters) keeps only those customers. */
  static load(db: Db, allowed: ReadonlySet<string> | null): NpsModel {
    const row = db
      .prepare(
        'SELECT customer_ids, first_months, offsets, promoters, passives, detractors, latest FROM nps_matrix WHERE id = 1',
      )
      .raw()
      .get() as [string, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer] | undefined;
    if (!row) {
      const none = new Uint8Array();
      return new NpsModel([], new Int32Array(), new Int32Array(1), none, none, none, none, new Int32Array());
    }
    const ids = JSON.parse(row[0]) as string[];
    const offsets = int32s(row[2]);
    const cells = offsets[offsets.length - 1] as number;
    const latest = row[6];
    return new NpsModel(
      ids,
      int32s(row[1]),
      offsets,
      countsOf(row[3], cells),
      countsOf(row[4], cells),
      countsOf(row[5], cells),
      new Uint8Array(latest.buffer, latest.byteOffset, cells),
      NpsModel.keep(ids, allowed),
    );
  }

  /**
   * The same matrix over the account answers matching `where` (on account_answers r: filters that
   * narrow the answers themselves, such as a touchpoint), built in one ordered walk.
   */
  static fromAnswers(
    db: Db,
    where: string,
    params: unknown[],
    allowed: ReadonlySet<string> | null,
  ): NpsModel {
    const m = build(db, where, params);
    return new NpsModel(
      m.ids,
      Int32Array.from(m.firsts),
      Int32Array.from(m.offsets),
      m.promoters.subarray(0, m.cells),
      m.passives.subarray(0, m.cells),
      m.detractors.subarray(0, m.cells),
      m.latest.subarray(0, m.cells),
      NpsModel.keep(m.ids, allowed),
    );
  }

  /**
   * Each kept customer's latest answer class in the months [from, to], or before the month
   * `before` (month strings; either end may be open): the class of the newest month's latest
   * answer, NO_ANSWER when none. Indexed like `ids`.
   */
  latestClasses(range: { from?: string; to?: string; before?: string }): Uint8Array {
    const out = new Uint8Array(this.ids.length);
    const from = range.from === undefined ? -Infinity : monthIndex(range.from);
    const to = Math.min(
      range.to === undefined ? Infinity : monthIndex(range.to),
      range.before === undefined ? Infinity : monthIndex(range.before) - 1,
    );
    for (const i of this.kept) {
      const start = this.offsets[i] as number;
      const first = this.firsts[i] as number;
      const last = first + (this.offsets[i + 1] as number) - start - 1;
      for (let m = Math.min(last, to); m >= Math.max(first, from); m -= 1) {
        const k = this.latest[start + m - first] as number;
        if (k !== NO_ANSWER) {
          out[i] = k;
          break;
        }
      }
    }
    return out;
  }

  /** Each kept customer's answer counts by NPS class in [first, last] (null = every month). */
  counts(months: { first: string; last: string } | null): AccountNpsCounts {
    const from = months ? monthIndex(months.first) : -Infinity;
    const to = months ? monthIndex(months.last) : Infinity;
    const n = this.kept.length;
    const out = {
      customers: new Int32Array(n),
      promoters: new Int32Array(n),
      passives: new Int32Array(n),
      detractors: new Int32Array(n),
    };
    let k = 0;
    for (const i of this.kept) {
      const start = this.offsets[i] as number;
      const first = this.firsts[i] as number;
      const last = first + (this.offsets[i + 1] as number) - start - 1;
      let p = 0;
      let pa = 0;
      let d = 0;
      for (let m = Math.max(first, from); m <= Math.min(last, to); m += 1) {
        const at = start + m - first;
        p += this.promoters[at] as number;
        pa += this.passives[at] as number;
        d += this.detractors[at] as number;
      }
      if (p + pa + d === 0) continue;
      out.customers[k] = i;
      out.promoters[k] = p;
      out.passives[k] = pa;
      out.detractors[k] = d;
      k += 1;
    }
    return {
      customers: out.customers.subarray(0, k),
      promoters: out.promoters.subarray(0, k),
      passives: out.passives.subarray(0, k),
      detractors: out.detractors.subarray(0, k),
    };
  }

  /** For each customer of this model, its index in the revenue model (−1 when it has no revenue). */
  revenueIndex(revenue: RevenueModel): Int32Array {
    if (this.linked?.revenue === revenue) return this.linked.index;
    const index = new Int32Array(this.ids.length).fill(-1);
    for (const i of this.kept) index[i] = revenue.indexOf(this.ids[i] as string);
    this.linked = { revenue, index };
    return index;
  }

  private linked: { revenue: RevenueModel; index: Int32Array } | null = null;
}
