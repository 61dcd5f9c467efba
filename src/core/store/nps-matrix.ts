import { HOT_STATEMENTS } from './statements';
import { int32s, keptIndices, toBlob, view } from './blobs';
import type { Db } from './engagement';
import { monthIndex } from '../domain/month';
import { npsClassOf as npsClass } from '../domain/nps';
import type { MrrMatrix } from './mrr-matrix';

/**
 * The NPS answers of known customers by month — promoters, passives, detractors and the class of
 * the month's latest answer — as columns in one row per scope (nps_matrix, migrations 7–10): scope
 * '*' holds every answer, 'touchpoint:<name>' the answers about one touchpoint. A scorecard reads
 * one row and sums it in loops, like the MRR matrix. Each figure equals the SQL over
 * account_answers it replaces (tests cross-check with literal SQL).
 *
 * Storage: per customer, one entry per month with answers, newest first (month index as int32);
 * counts as the narrowest unsigned integers that hold the largest count (1, 2 or 4 bytes: the
 * width is the blob's length over the number of entries); the latest answer's class as one byte
 * (1 promoter, 2 passive, 3 detractor).
 */
export const NO_ANSWER = 0;
export const PROMOTER = 1;
export const PASSIVE = 2;
export const DETRACTOR = 3;

/** The scope of every answer, and of one touchpoint's answers. */
export const ALL_ANSWERS = '*';
export function touchpointScope(touchpoint: string): string {
  return `touchpoint:${touchpoint}`;
}

type Counts = Uint8Array | Uint16Array | Uint32Array;

export function npsClassOf(score: number): number {
  const c = npsClass(score);
  return c === 'promoter' ? PROMOTER : c === 'passive' ? PASSIVE : DETRACTOR;
}

/** Accumulates rows in (customer, date newest first) order into the matrix's arrays. */
class MatrixBuilder {
  readonly ids: string[] = [];
  readonly offsets: number[] = [0];
  months = new Int32Array(1024);
  promoters = new Uint32Array(1024);
  passives = new Uint32Array(1024);
  detractors = new Uint32Array(1024);
  latest = new Uint8Array(1024);
  entries = 0;
  private customer: string | null = null;

  add(id: string, date: string, score: number): void {
    if (id !== this.customer) {
      if (this.customer !== null) this.offsets.push(this.entries);
      this.ids.push(id);
      this.customer = id;
    }
    const month = monthIndex(date);
    const k = npsClassOf(score);
    let at = this.entries - 1;
    // Rows come newest first: the first answer met in a month is that month's latest answer.
    if (at < 0 || this.offsets[this.offsets.length - 1] === this.entries || this.months[at] !== month) {
      if (this.entries === this.months.length) this.grow();
      at = this.entries;
      this.entries += 1;
      this.months[at] = month;
      this.latest[at] = k;
      this.promoters[at] = 0;
      this.passives[at] = 0;
      this.detractors[at] = 0;
    }
    const counts = k === PROMOTER ? this.promoters : k === PASSIVE ? this.passives : this.detractors;
    counts[at] = (counts[at] as number) + 1;
  }

  finish(): this {
    if (this.customer !== null) this.offsets.push(this.entries);
    this.customer = null;
    return this;
  }

  private grow(): void {
    const size = this.months.length * 2;
    const grown = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.months = grown(this.months, new Int32Array(size));
    this.promoters = grown(this.promoters, new Uint32Array(size));
    this.passives = grown(this.passives, new Uint32Array(size));
    this.detractors = grown(this.detractors, new Uint32Array(size));
    this.latest = grown(this.latest, new Uint8Array(size));
  }
}

const ORDER = ' ORDER BY customer_id, responded_on DESC, response_rowid DESC';

/** The narrowest unsigned array holding every count (so the blob's length gives the width). */
function narrow(counts: Uint32Array, max: number): Counts {
  if (max <= 0xff) return Uint8Array.from(counts);
  if (max <= 0xffff) return Uint16Array.from(counts);
  return counts;
}

function maxOf(...arrays: Uint32Array[]): number {
  let max = 0;
  for (const a of arrays) for (const v of a) if (v > max) max = v;
  return max;
}

function countsOf(blob: Buffer, entries: number): Counts {
  const width = entries === 0 ? 1 : blob.byteLength / entries;
  if (width === 1) return view(blob, Uint8Array, entries);
  if (width === 2) return view(blob, Uint16Array, entries);
  if (width === 4) return view(blob, Uint32Array, entries);
  throw new Error(
    `nps_matrix holds ${blob.byteLength} bytes for ${entries} entries: rebuild the pre-aggregates`,
  );
}

function writeScope(db: Db, scope: string, m: MatrixBuilder): void {
  const used = (a: Uint32Array) => a.subarray(0, m.entries);
  const max = maxOf(used(m.promoters), used(m.passives), used(m.detractors));
  db.prepare(
    `INSERT INTO nps_matrix (scope, customer_ids, offsets, months, promoters, passives, detractors, latest)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    scope,
    JSON.stringify(m.ids),
    toBlob(Int32Array.from(m.offsets)),
    toBlob(m.months.subarray(0, m.entries)),
    toBlob(narrow(used(m.promoters), max)),
    toBlob(narrow(used(m.passives), max)),
    toBlob(narrow(used(m.detractors), max)),
    toBlob(m.latest.subarray(0, m.entries)),
  );
}

/** Rebuilds the matrices (every answer, and each touchpoint's) from account_answers in one walk. */
export function refreshNpsMatrix(db: Db): void {
  const all = new MatrixBuilder();
  const byTouchpoint = new Map<string, MatrixBuilder>();
  const rows = db
    .prepare(`SELECT customer_id, responded_on, score, touchpoint FROM account_answers${ORDER}`)
    .raw()
    .iterate() as IterableIterator<[string, string, number, string | null]>;
  for (const [id, date, score, touchpoint] of rows) {
    all.add(id, date, score);
    if (touchpoint === null) continue;
    let builder = byTouchpoint.get(touchpoint);
    if (!builder) byTouchpoint.set(touchpoint, (builder = new MatrixBuilder()));
    builder.add(id, date, score);
  }
  db.prepare('DELETE FROM nps_matrix').run();
  if (all.finish().ids.length === 0) return;
  writeScope(db, ALL_ANSWERS, all);
  for (const [touchpoint, builder] of byTouchpoint)
    writeScope(db, touchpointScope(touchpoint), builder.finish());
}

/** Per kept customer with answers in the months: its index in the model and its class counts. */
export interface AccountNpsCounts {
  customers: Int32Array;
  promoters: Int32Array;
  passives: Int32Array;
  detractors: Int32Array;
}

export class NpsMatrix {
  private constructor(
    readonly ids: string[],
    private readonly offsets: Int32Array,
    private readonly months: Int32Array,
    private readonly promoters: Counts,
    private readonly passives: Counts,
    private readonly detractors: Counts,
    private readonly latest: Uint8Array,
    readonly kept: Int32Array,
  ) {}

  private static empty(): NpsMatrix {
    const none = new Uint8Array();
    return new NpsMatrix([], new Int32Array(1), new Int32Array(), none, none, none, none, new Int32Array());
  }

  /**
   * Loads a stored matrix (scope: ALL_ANSWERS or a touchpoint's); `allowed` (customer filters)
   * keeps only those customers. A scope with no row has no answers.
   */
  static load(db: Db, allowed: ReadonlySet<string> | null, scope = ALL_ANSWERS): NpsMatrix {
    const statement = HOT_STATEMENTS.npsMatrixRow(scope);
    const row = db
      .prepare(statement.text)
      .raw()
      .get(...statement.params) as [string, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer] | undefined;
    if (!row) return NpsMatrix.empty();
    const ids = JSON.parse(row[0]) as string[];
    const months = int32s(row[2]);
    const latest = row[6];
    return new NpsMatrix(
      ids,
      int32s(row[1]),
      months,
      countsOf(row[3], months.length),
      countsOf(row[4], months.length),
      countsOf(row[5], months.length),
      view(latest, Uint8Array, months.length),
      keptIndices(ids, allowed),
    );
  }

  /**
   * The same matrix over the account answers matching `where` (on account_answers r: filters that
   * narrow the answers themselves, such as a channel), built in one ordered walk.
   */
  static fromAnswers(
    db: Db,
    where: string,
    params: unknown[],
    allowed: ReadonlySet<string> | null,
  ): NpsMatrix {
    const m = new MatrixBuilder();
    const rows = db
      .prepare(`SELECT customer_id, responded_on, score FROM account_answers r WHERE ${where}${ORDER}`)
      .raw()
      .iterate(...params) as IterableIterator<[string, string, number]>;
    for (const [id, date, score] of rows) m.add(id, date, score);
    m.finish();
    const used = <T extends Uint32Array | Uint8Array | Int32Array>(a: T) => a.subarray(0, m.entries) as T;
    return new NpsMatrix(
      m.ids,
      Int32Array.from(m.offsets),
      used(m.months),
      used(m.promoters),
      used(m.passives),
      used(m.detractors),
      used(m.latest),
      keptIndices(m.ids, allowed),
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
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      const end = this.offsets[i + 1] as number;
      // Entries run newest first: the first one not after `to` is the latest, if not before `from`.
      for (let e = this.offsets[i] as number; e < end; e += 1) {
        const month = this.months[e] as number;
        if (month > to) continue;
        if (month >= from) out[i] = this.latest[e] as number;
        break;
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
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const i = this.kept[slot] as number;
      let p = 0;
      let pa = 0;
      let d = 0;
      const end = this.offsets[i + 1] as number;
      for (let e = this.offsets[i] as number; e < end; e += 1) {
        const month = this.months[e] as number;
        if (month > to) continue;
        if (month < from) break;
        p += this.promoters[e] as number;
        pa += this.passives[e] as number;
        d += this.detractors[e] as number;
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
  revenueIndex(revenue: MrrMatrix): Int32Array {
    if (this.linked?.revenue === revenue) return this.linked.index;
    const index = new Int32Array(this.ids.length).fill(-1);
    const theirs = revenue.ids;
    if (ascending(this.ids) && ascending(theirs)) {
      // Both id lists are sorted the same way: one merge instead of a map of every id.
      let j = 0;
      for (let i = 0; i < this.ids.length && j < theirs.length; i += 1) {
        const id = this.ids[i] as string;
        while (j < theirs.length && (theirs[j] as string) < id) j += 1;
        if (theirs[j] === id) index[i] = j;
      }
    } else {
      for (let i = 0; i < this.ids.length; i += 1) index[i] = revenue.indexOf(this.ids[i] as string);
    }
    this.linked = { revenue, index };
    return index;
  }

  private linked: { revenue: MrrMatrix; index: Int32Array } | null = null;
}

/** Whether the ids are strictly ascending in JavaScript's string order (SQLite's order can differ). */
function ascending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i += 1) if (!((ids[i - 1] as string) < (ids[i] as string))) return false;
  return true;
}
