import { float64s, int32s } from './blobs';
import type { Db } from './engagement';
import { monthIndex } from './revenue-model';

/**
 * The NPS answers of known customers by month — promoters, passives, detractors and the score of
 * the month's latest answer — as columns in one row (nps_matrix, migration 7), read once per
 * scorecard and summed in loops, like the MRR matrix. Each figure equals the SQL over
 * account_answers it replaces (tests cross-check with literal SQL).
 */
export function refreshNpsMatrix(db: Db): void {
  // Each customer spans the months from its first to its last answer: the columns are typed arrays
  // of exactly that many cells (no per-cell objects).
  const monthNumber = (column: string) =>
    `(CAST(substr(${column}, 1, 4) AS INTEGER) * 12 + CAST(substr(${column}, 6, 2) AS INTEGER))`;
  const capacity =
    (db
      .prepare(
        `SELECT coalesce(sum(span), 0) FROM (SELECT ${monthNumber('max(responded_on)')} - ${monthNumber('min(responded_on)')} + 1 AS span
         FROM account_answers GROUP BY customer_id)`,
      )
      .pluck()
      .get() as number) || 1;
  const promoters = new Int32Array(capacity);
  const passives = new Int32Array(capacity);
  const detractors = new Int32Array(capacity);
  const latest = new Float64Array(capacity).fill(Number.NaN);
  const ids: string[] = [];
  const firsts: number[] = [];
  const offsets: number[] = [0];
  let cells = 0;
  // One customer's months, newest first as the rows come: [month, p, pa, d, latest score].
  let months: Array<[number, number, number, number, number]> = [];
  let customer: string | null = null;
  const flush = () => {
    if (customer === null || months.length === 0) return;
    const first = (months[months.length - 1] as [number, number, number, number, number])[0];
    const last = (months[0] as [number, number, number, number, number])[0];
    ids.push(customer);
    firsts.push(first);
    for (const [month, p, pa, d, score] of months) {
      const at = cells + month - first;
      promoters[at] = p;
      passives[at] = pa;
      detractors[at] = d;
      latest[at] = score;
    }
    cells += last - first + 1;
    offsets.push(cells);
  };
  const rows = db
    .prepare(
      'SELECT customer_id, responded_on, score FROM account_answers ORDER BY customer_id, responded_on DESC, response_rowid DESC',
    )
    .raw()
    .iterate() as IterableIterator<[string, string, number]>;
  for (const [id, date, score] of rows) {
    if (id !== customer) {
      flush();
      customer = id;
      months = [];
    }
    const month = monthIndex(date);
    let cell = months[months.length - 1];
    // The first answer met in a month is that month's latest answer.
    if (!cell || cell[0] !== month) {
      cell = [month, 0, 0, 0, score];
      months.push(cell);
    }
    cell[score >= 9 ? 1 : score >= 7 ? 2 : 3] += 1;
  }
  flush();
  db.prepare('DELETE FROM nps_matrix').run();
  if (ids.length === 0) return;
  const blob = (array: Int32Array | Float64Array) =>
    Buffer.from(array.buffer, 0, cells * array.BYTES_PER_ELEMENT);
  db.prepare(
    `INSERT INTO nps_matrix (id, customer_ids, first_months, offsets, promoters, passives, detractors, latest)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    JSON.stringify(ids),
    Buffer.from(Int32Array.from(firsts).buffer),
    Buffer.from(Int32Array.from(offsets).buffer),
    blob(promoters),
    blob(passives),
    blob(detractors),
    blob(latest),
  );
}

export interface AccountNpsCounts {
  customerId: string;
  promoters: number;
  passives: number;
  detractors: number;
}

export class NpsModel {
  private constructor(
    private readonly ids: string[],
    private readonly firsts: Int32Array,
    private readonly offsets: Int32Array,
    private readonly promoters: Int32Array,
    private readonly passives: Int32Array,
    private readonly detractors: Int32Array,
    private readonly latest: Float64Array,
    private readonly kept: Int32Array,
  ) {}

  /** Loads the matrix; `allowed` (customer filters) keeps only those customers. */
  static load(db: Db, allowed: ReadonlySet<string> | null): NpsModel {
    const row = db
      .prepare(
        'SELECT customer_ids, first_months, offsets, promoters, passives, detractors, latest FROM nps_matrix WHERE id = 1',
      )
      .raw()
      .get() as [string, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer] | undefined;
    if (!row) {
      const none = new Int32Array();
      return new NpsModel([], none, new Int32Array(1), none, none, none, new Float64Array(), none);
    }
    const ids = JSON.parse(row[0]) as string[];
    const kept: number[] = [];
    for (let i = 0; i < ids.length; i += 1) if (!allowed || allowed.has(ids[i] as string)) kept.push(i);
    return new NpsModel(
      ids,
      int32s(row[1]),
      int32s(row[2]),
      int32s(row[3]),
      int32s(row[4]),
      int32s(row[5]),
      float64s(row[6]),
      Int32Array.from(kept),
    );
  }

  /**
   * Each customer's latest answer in the months [from, to], or before the month `before` (month
   * strings; either end may be open):
   * the newest month with an answer, and that month's latest score.
   */
  latestScores(range: { from?: string; to?: string; before?: string }): Map<string, number> {
    const out = new Map<string, number>();
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
        const score = this.latest[start + m - first] as number;
        if (!Number.isNaN(score)) {
          out.set(this.ids[i] as string, score);
          break;
        }
      }
    }
    return out;
  }

  /** Each customer's answer counts by NPS class in [first, last] (null = every month). */
  counts(months: { first: string; last: string } | null): AccountNpsCounts[] {
    const from = months ? monthIndex(months.first) : -Infinity;
    const to = months ? monthIndex(months.last) : Infinity;
    const out: AccountNpsCounts[] = [];
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
      if (p + pa + d > 0)
        out.push({ customerId: this.ids[i] as string, promoters: p, passives: pa, detractors: d });
    }
    return out;
  }
}
