import { HOT_STATEMENTS } from './statements';
import { int32s, keptIndices, toBlob, view } from './blobs';
import type { Db } from './engagement';
import { grownTo } from './typed-arrays';
import { binaryOrder } from './binary-order';
import { monthIndex } from '../domain/month';
import { npsClassOf as npsClass } from '../domain/nps';
import type { MrrMatrix } from './mrr-matrix';
import { attributeScopes, completeAttributeKeys, dropScopes, type AttributeScopes } from './attribute-cube';

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
  months: Int32Array;
  promoters: Uint32Array;
  passives: Uint32Array;
  detractors: Uint32Array;
  latest: Uint8Array;
  days: Uint8Array;
  entries = 0;
  /** The largest count of any entry (how wide the stored counts must be). */
  largestCount = 0;
  private customer: string | null = null;

  /** `capacity`: entries to make room for at once (a merge knows its most; a walk grows). */
  constructor(capacity = 1024) {
    this.months = new Int32Array(capacity);
    this.promoters = new Uint32Array(capacity);
    this.passives = new Uint32Array(capacity);
    this.detractors = new Uint32Array(capacity);
    this.latest = new Uint8Array(capacity);
    this.days = new Uint8Array(capacity);
  }

  add(id: string, date: string, score: number): void {
    const month = monthIndex(date);
    const k = npsClassOf(score);
    // Rows come newest first: the first answer met in a month is that month's latest answer.
    if (!this.continues(id, month))
      this.open(id, month, k, (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48);
    const at = this.entries - 1;
    const counts = k === PROMOTER ? this.promoters : k === PASSIVE ? this.passives : this.detractors;
    const count = (counts[at] as number) + 1;
    counts[at] = count;
    if (count > this.largestCount) this.largestCount = count;
  }

  /** Appends a whole entry (entries in customer order, each customer's newest month first). */
  append(
    id: string,
    month: number,
    promoters: number,
    passives: number,
    detractors: number,
    latest: number,
    day: number,
  ): void {
    this.open(id, month, latest, day);
    const at = this.entries - 1;
    this.promoters[at] = promoters;
    this.passives[at] = passives;
    this.detractors[at] = detractors;
    this.largestCount = Math.max(this.largestCount, promoters, passives, detractors);
  }

  /** Appends entry e of m as it is. */
  copy(id: string, m: ScopeEntries, e: number): void {
    this.append(
      id,
      m.months[e] as number,
      m.promoters[e] as number,
      m.passives[e] as number,
      m.detractors[e] as number,
      m.latest[e] as number,
      m.days[e] as number,
    );
  }

  finish(): this {
    if (this.customer !== null) this.offsets.push(this.entries);
    this.customer = null;
    return this;
  }

  /** Whether the last entry is this customer's in this month. */
  private continues(id: string, month: number): boolean {
    const at = this.entries - 1;
    return (
      id === this.customer &&
      at >= 0 &&
      this.offsets[this.offsets.length - 1] !== this.entries &&
      this.months[at] === month
    );
  }

  private open(id: string, month: number, latest: number, day: number): void {
    if (id !== this.customer) {
      if (this.customer !== null) this.offsets.push(this.entries);
      this.ids.push(id);
      this.customer = id;
    }
    if (this.entries === this.months.length) this.grow();
    const at = this.entries;
    this.entries += 1;
    this.months[at] = month;
    this.latest[at] = latest;
    this.days[at] = day;
    this.promoters[at] = 0;
    this.passives[at] = 0;
    this.detractors[at] = 0;
  }

  private grow(): void {
    const size = this.months.length * 2;
    this.months = grownTo(this.months, new Int32Array(size));
    this.promoters = grownTo(this.promoters, new Uint32Array(size));
    this.passives = grownTo(this.passives, new Uint32Array(size));
    this.detractors = grownTo(this.detractors, new Uint32Array(size));
    this.latest = grownTo(this.latest, new Uint8Array(size));
    this.days = grownTo(this.days, new Uint8Array(size));
  }
}

/** A scope's entries as arrays, from a builder or from the stored row. */
interface ScopeEntries {
  ids: readonly string[];
  offsets: ArrayLike<number>;
  months: ArrayLike<number>;
  promoters: ArrayLike<number>;
  passives: ArrayLike<number>;
  detractors: ArrayLike<number>;
  latest: ArrayLike<number>;
  days: ArrayLike<number>;
}

const ORDER = ' ORDER BY customer_id, responded_on DESC, response_rowid DESC';

/** The narrowest unsigned array holding every count (so the blob's length gives the width). */
function narrow(counts: Uint32Array, max: number): Counts {
  if (max <= 0xff) return Uint8Array.from(counts);
  if (max <= 0xffff) return Uint16Array.from(counts);
  return counts;
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

/** Writes a scope's row (or deletes it when the scope has no answers left). */
function writeScope(db: Db, scope: string, m: MatrixBuilder): void {
  if (m.ids.length === 0) {
    db.prepare('DELETE FROM nps_matrix WHERE scope = ?').run(scope);
    return;
  }
  const used = (a: Uint32Array) => a.subarray(0, m.entries);
  db.prepare(
    `INSERT OR REPLACE INTO nps_matrix (scope, customer_ids, offsets, months, promoters, passives, detractors, latest, latest_days)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    scope,
    JSON.stringify(m.ids),
    toBlob(Int32Array.from(m.offsets)),
    toBlob(m.months.subarray(0, m.entries)),
    toBlob(narrow(used(m.promoters), m.largestCount)),
    toBlob(narrow(used(m.passives), m.largestCount)),
    toBlob(narrow(used(m.detractors), m.largestCount)),
    toBlob(m.latest.subarray(0, m.entries)),
    toBlob(m.days.subarray(0, m.entries)),
  );
}

function storedScope(db: Db, scope: string): ScopeEntries | null {
  const row = db
    .prepare(
      'SELECT customer_ids, offsets, months, promoters, passives, detractors, latest, latest_days FROM nps_matrix WHERE scope = ?',
    )
    .raw()
    .get(scope) as [string, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer] | undefined;
  if (!row) return null;
  const months = int32s(row[2]);
  return {
    ids: JSON.parse(row[0]) as string[],
    offsets: int32s(row[1]),
    months,
    promoters: countsOf(row[3], months.length),
    passives: countsOf(row[4], months.length),
    detractors: countsOf(row[5], months.length),
    latest: view(row[6], Uint8Array, months.length),
    days: view(row[7], Uint8Array, months.length),
  };
}

/** An account answer as the walks read it; the last column tells `scopesOf` its further scopes. */
type AccountRow = [string, string, number, string | null, unknown];

/**
 * Walks account answers (in ORDER) into one builder for every answer, one per touchpoint and one
 * per further scope a row is in (its attribute values: store/attribute-cube.ts).
 */
function buildScopes(
  rows: Iterable<AccountRow>,
  scopesOf: (extra: unknown) => readonly string[] | null = () => null,
): Map<string, MatrixBuilder> {
  const scopes = new Map<string, MatrixBuilder>([[ALL_ANSWERS, new MatrixBuilder()]]);
  const all = scopes.get(ALL_ANSWERS) as MatrixBuilder;
  const addTo = (scope: string, id: string, date: string, score: number) => {
    let builder = scopes.get(scope);
    if (!builder) scopes.set(scope, (builder = new MatrixBuilder()));
    builder.add(id, date, score);
  };
  for (const [id, date, score, touchpoint, extra] of rows) {
    all.add(id, date, score);
    if (touchpoint !== null) addTo(touchpointScope(touchpoint), id, date, score);
    for (const scope of scopesOf(extra) ?? []) addTo(scope, id, date, score);
  }
  for (const builder of scopes.values()) builder.finish();
  return scopes;
}

/** What an ordered walk over account answers selects and where. */
interface AccountWalk {
  /** Selected from `alias` (and `join`), starting with the customer id and the date. */
  columns: readonly string[];
  alias: string;
  join?: string;
  /** SQL ANDed to each segment's condition; its parameters are given to `iterate`. */
  where?: string;
}

/** A prepared walk: `iterate` runs it with the where's parameters. */
interface AccountRows<Row> {
  iterate(params?: readonly unknown[]): IterableIterator<Row>;
}

/** Past this many imports a walk sorts instead of merging (SQLite allows 500 arms in a compound). */
const MERGED_SEGMENTS_AT_MOST = 64;

/**
 * account_answers in ORDER (customer, newest answer first). The table keeps one segment per import
 * (its key starts with import_id), so an import appends its own instead of going onto every
 * customer's pages; a walk reads each import's segment, already in order, as one arm of a UNION
 * ALL that SQLite merges without sorting (a single import reads as one ordered range). Past
 * MERGED_SEGMENTS_AT_MOST imports, one SELECT seeks each import's segment and sorts.
 * Rows carry the answer's response rowid last, after `columns`.
 */
export function accountAnswersInOrder(db: Db, walk: AccountWalk): AccountRows<unknown[]> {
  const { columns, alias: a, join = '', where = '' } = walk;
  const select = `SELECT ${columns.join(', ')}, ${a}.response_rowid FROM account_answers ${a}${join}`;
  const and = where ? ` AND (${where})` : '';
  const segments = db.prepare('SELECT id FROM imports ORDER BY id').pluck().all() as number[];
  const arms =
    segments.length <= MERGED_SEGMENTS_AT_MOST
      ? segments.map((id) => `${select} WHERE ${a}.import_id = ${id}${and}`)
      : [`${select} WHERE ${a}.import_id IN (SELECT id FROM imports)${and}`];
  const sql = `${arms.length ? arms.join(' UNION ALL ') : `${select} WHERE 0`} ORDER BY 1, 2 DESC, ${columns.length + 1} DESC`;
  const statement = db.prepare(sql).raw();
  return {
    iterate: (params = []) => statement.iterate(...arms.flatMap(() => params)) as IterableIterator<unknown[]>,
  };
}

/** account_answers a in ORDER, with the attributes column (or NULL) attribute scopes read. */
function accountRows(db: Db, attributes: AttributeScopes, where = ''): AccountRows<AccountRow> {
  return accountAnswersInOrder(db, {
    columns: ['a.customer_id', 'a.responded_on', 'a.score', 'a.touchpoint', attributes.select],
    alias: 'a',
    join: attributes.join,
    where,
  }) as AccountRows<AccountRow>;
}

/** Rebuilds the matrices (every answer, each touchpoint's, each attribute value's) in one walk. */
export function refreshNpsMatrix(db: Db): void {
  const attributes = attributeScopes(db);
  const scopes = buildScopes(accountRows(db, attributes).iterate(), attributes.scopesOf);
  db.prepare('DELETE FROM nps_matrix').run();
  for (const [scope, builder] of scopes) writeScope(db, scope, builder);
}

/**
 * Adds one import's account answers to the stored matrices: its own answers are walked and merged
 * entry by entry. Its answers were written after every stored one (higher rowids), so on the same
 * day its latest answer is the month's latest.
 */
export function addImportToNpsMatrix(
  db: Db,
  importId: number,
  scopesOfRowid: (rowid: number) => readonly string[] | null = () => null,
): void {
  const rows = db
    .prepare(
      `SELECT customer_id, responded_on, score, touchpoint, response_rowid FROM account_answers
       WHERE import_id = ?${ORDER}`,
    )
    .raw()
    .iterate(importId) as IterableIterator<AccountRow>;
  for (const [scope, added] of buildScopes(rows, (rowid) => scopesOfRowid(rowid as number))) {
    if (added.ids.length === 0) continue;
    const stored = storedScope(db, scope);
    const merged = stored ? merge(stored, added, null) : added;
    writeScope(db, scope, merged);
  }
}

/**
 * Recomputes the customer-months in `touched` (customer id → month indices) from account_answers,
 * in every scope: after answers were taken away or brought back, those entries are read again
 * (one index range per customer-month), the rest of each matrix is kept.
 */
export function recomputeNpsMonths(db: Db, touched: ReadonlyMap<string, ReadonlySet<number>>): void {
  if (touched.size === 0) return;
  const attributes = attributeScopes(db);
  // One read per customer over the span of its months (a read costs a seek per import's segment).
  const read = accountRows(
    db,
    attributes,
    'a.customer_id = ? AND a.responded_on >= ? AND a.responded_on < ?',
  );
  const ids = [...touched.keys()].sort(binaryOrder);
  function* rows(): Generator<AccountRow> {
    for (const id of ids) {
      const months = touched.get(id) as ReadonlySet<number>;
      const span = [monthStart(Math.min(...months)), monthStart(Math.max(...months) + 1)];
      for (const row of read.iterate([id, ...span])) if (months.has(monthIndex(row[1]))) yield row;
    }
  }
  const fresh = buildScopes(rows(), attributes.scopesOf);
  const scopes = new Set([
    ...fresh.keys(),
    ...(db.prepare('SELECT scope FROM nps_matrix').pluck().all() as string[]),
  ]);
  for (const scope of scopes) {
    const stored = storedScope(db, scope);
    const recomputed = fresh.get(scope);
    const empty = new MatrixBuilder().finish();
    const merged = merge(stored ?? empty, recomputed ?? empty, touched);
    writeScope(db, scope, merged);
  }
}

/**
 * Follows the attribute keys kept (store/attribute-cube.ts) after answers changed: the scopes of a
 * key no longer kept go; a key kept again (the import with its many values gone) has its scopes
 * built from every account answer.
 */
export function followAttributeKeys(db: Db, before: ReadonlySet<string>): void {
  const after = completeAttributeKeys(db);
  dropScopes(db, before, after);
  const added = new Set([...after].filter((key) => !before.has(key)));
  if (added.size === 0) return;
  const attributes = attributeScopes(db, added);
  for (const [scope, builder] of buildScopes(accountRows(db, attributes).iterate(), attributes.scopesOf))
    if (scope !== ALL_ANSWERS && !scope.startsWith('touchpoint:')) writeScope(db, scope, builder);
}

function monthStart(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Merges two matrices customer by customer and month by month (newest first). Without `replaced`
 * the entries add up (b is newer: it keeps the latest answer on a tie); with it, each
 * customer-month listed there is b's (or dropped when b has none), the others are a's.
 * Hot when an import is added (once per stored entry): no object per entry.
 */
function merge(
  a: ScopeEntries,
  b: ScopeEntries,
  replaced: ReadonlyMap<string, ReadonlySet<number>> | null,
): MatrixBuilder {
  // Room for every entry of both at once: growing by doubling would hold two copies at the end.
  const out = new MatrixBuilder(Math.max(1, entriesOf(a) + entriesOf(b)));
  let i = 0;
  let j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const order =
      i === a.ids.length ? 1 : j === b.ids.length ? -1 : binaryOrder(a.ids[i] as string, b.ids[j] as string);
    const id = (order <= 0 ? a.ids[i] : b.ids[j]) as string;
    const gone = replaced?.get(id);
    let ea = order <= 0 ? (a.offsets[i] as number) : 0;
    const endA = order <= 0 ? (a.offsets[i + 1] as number) : 0;
    let eb = order >= 0 ? (b.offsets[j] as number) : 0;
    const endB = order >= 0 ? (b.offsets[j + 1] as number) : 0;
    while (ea < endA || eb < endB) {
      const ma = ea < endA ? (a.months[ea] as number) : -Infinity;
      const mb = eb < endB ? (b.months[eb] as number) : -Infinity;
      if (ma > mb) {
        if (!gone?.has(ma)) out.copy(id, a, ea);
        ea += 1;
      } else if (mb > ma || replaced) {
        if (ma === mb) ea += 1;
        out.copy(id, b, eb++);
      } else {
        // b is newer: on the same day its latest answer is the month's latest.
        const newer = (b.days[eb] as number) >= (a.days[ea] as number);
        const latestOf = newer ? b : a;
        const at = newer ? eb : ea;
        out.append(
          id,
          mb,
          (a.promoters[ea] as number) + (b.promoters[eb] as number),
          (a.passives[ea] as number) + (b.passives[eb] as number),
          (a.detractors[ea] as number) + (b.detractors[eb] as number),
          latestOf.latest[at] as number,
          latestOf.days[at] as number,
        );
        ea += 1;
        eb += 1;
      }
    }
    if (order <= 0) i += 1;
    if (order >= 0) j += 1;
  }
  return out.finish();
}

function entriesOf(m: ScopeEntries): number {
  return m.offsets[m.ids.length] as number;
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
   * The same matrix over the answers matching `where`: on account_answers r (filters on the
   * columns it keeps, such as a channel), or with `fromResponses` on responses r (filters on what
   * only the answers hold: their survey, their own attributes), built in one ordered walk.
   */
  static fromAnswers(
    db: Db,
    where: string,
    params: unknown[],
    allowed: ReadonlySet<string> | null,
    fromResponses = false,
  ): NpsMatrix {
    const m = new MatrixBuilder();
    const rows = (
      fromResponses
        ? db
            .prepare(
              `SELECT customer_id, responded_on, score FROM responses r NOT INDEXED
               WHERE r.active = 1 AND r.survey = 'nps' AND r.customer_id IS NOT NULL AND r.responded_on IS NOT NULL
                 AND ${where} ORDER BY customer_id, responded_on DESC, rowid DESC`,
            )
            .raw()
            .iterate(...params)
        : accountAnswersInOrder(db, {
            columns: ['r.customer_id', 'r.responded_on', 'r.score'],
            alias: 'r',
            where,
          }).iterate(params)
    ) as IterableIterator<[string, string, number]>;
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
