import { groupByKey, grownTo, release } from './typed-arrays';
import type { Db } from './engagement';
import { importRowRange } from './answer-rows';
import { keptIndices, toBlob, view } from './blobs';
import type { SurveyBucket } from './scorecard-queries';
import { monthIndex } from './mrr-matrix';

/**
 * Answer counts of the NPS, CSAT and CES surveys per customer, month and bucket (survey, score,
 * scale), as columns in one row per import (customer_bucket_segments, migrations 9 and 14): a
 * scorecard filtered by a customer attribute (plan, a CRM field …) sums the kept customers' entries
 * of every segment instead of scanning every answer. An import writes its own segment; a segment is
 * rebuilt from its import's current rows when answers of that import stop or start counting.
 *
 * Layout of a segment: customer ids (JSON) with offsets into the entries; per entry its month index
 * (int32, −1 = undated), bucket code (uint16, into the JSON list of [survey, score, scale_min,
 * scale_max]) and count (uint16; a larger count is split over several entries). `own_keys` lists the
 * filter keys some answer carries itself (segment, region, its own attributes): a filter on such a
 * key must look at the answers, so this matrix does not answer it. customer_buckets keeps the union
 * of the segments' own keys in one row.
 */
export const BUCKET_SURVEYS: ReadonlySet<string> = new Set(['nps', 'csat', 'ces']);
const UNDATED = -1;
const MAX_COUNT = 0xffff;

type Bucket = [survey: string, score: number, scaleMin: number, scaleMax: number];

/** Months are kept as int16 offsets from January 2000 while collecting (±2,700 years). */
const MONTH_BASE = 2000 * 12;
const UNDATED_16 = -0x8000;
/** A per-customer sort key packs (month offset, code) above a 24-bit count in one exact double. */
const COUNT_BITS = 2 ** 24;

/** Collects answers (or stored entries) and writes the matrix. */
export class BucketLog {
  private readonly customerIndex = new Map<string, number>();
  private readonly customerIds: string[] = [];
  private readonly buckets: Bucket[] = [];
  /** Bucket codes per survey: [scaleMin, scaleMax, code by score] (a few scales per survey). */
  private readonly codesBySurvey = new Map<string, Array<[number, number, Map<number, number>]>>();
  private readonly ownKeys = new Set<string>();
  private readonly attributeKeys = new Map<string, string[]>();
  private customers = new Int32Array(4096);
  private months = new Int16Array(4096);
  private codes = new Uint16Array(4096);
  private length = 0;
  /** Answers of the kept surveys seen (with or without a customer). */
  private answers = 0;

  /** The index of a customer (callers that see a customer often keep it). */
  customer(customerId: string): number {
    let index = this.customerIndex.get(customerId);
    if (index === undefined) {
      index = this.customerIds.length;
      this.customerIds.push(customerId);
      this.customerIndex.set(customerId, index);
    }
    return index;
  }

  /**
   * One answer: its customer's entry (customer: an index from customer(), or −1 without one), and
   * which filter keys it carries itself (segment, region, its own attributes). Surveys other than
   * NPS, CSAT and CES are not kept.
   */
  add(
    customer: number,
    survey: string,
    date: string | null,
    score: number,
    scaleMin: number,
    scaleMax: number,
    segment: unknown,
    region: unknown,
    attributes: unknown,
  ): void {
    if (!BUCKET_SURVEYS.has(survey)) return;
    this.answers += 1;
    this.noteOwnValues(segment, region, attributes);
    if (customer < 0) return;
    const month = date === null ? UNDATED_16 : monthIndex(date) - MONTH_BASE;
    this.push(customer, month, this.code(survey, score, scaleMin, scaleMax));
  }

  private noteOwnValues(segment: unknown, region: unknown, attributes: unknown): void {
    if (segment !== null && segment !== undefined) this.ownKeys.add('segment');
    if (region !== null && region !== undefined) this.ownKeys.add('region');
    if (typeof attributes !== 'string') return;
    let keys = this.attributeKeys.get(attributes);
    if (!keys) {
      keys = attributeKeysOf(attributes);
      // Attribute strings repeat (a few values per column): remember a bounded number of them.
      if (this.attributeKeys.size < 4096) this.attributeKeys.set(attributes, keys);
    }
    for (const key of keys) this.ownKeys.add(key);
  }

  /**
   * Stores these entries, merged per customer, month and bucket, as the segment of `importId`
   * (replacing it; with no answers of the kept surveys the segment is removed).
   */
  write(db: Db, importId = 0): void {
    if (this.answers === 0) {
      db.prepare('DELETE FROM customer_bucket_segments WHERE import_id = ?').run(importId);
      refreshOwnKeys(db);
      return;
    }
    const order = this.byCustomer();
    const offsets = new Int32Array(this.customerIds.length + 1);
    // Merging only shrinks the entries, except that a count above 65,535 takes several.
    let capacity = this.length + 16;
    let months = new Int32Array(capacity);
    let codes = new Uint16Array(capacity);
    let counts = new Uint16Array(capacity);
    let written = 0;
    const emit = (month: number, code: number, n: number) => {
      if (written === capacity) {
        capacity *= 2;
        months = grownTo(months, new Int32Array(capacity));
        codes = grownTo(codes, new Uint16Array(capacity));
        counts = grownTo(counts, new Uint16Array(capacity));
      }
      months[written] = month;
      codes[written] = code;
      counts[written] = n;
      written += 1;
    };
    // Month slots: 0 undated, else 1 + months since the earliest (13 bits, so keys stay exact).
    let earliest = Infinity;
    for (let e = 0; e < this.length; e += 1) {
      const m = this.months[e] as number;
      if (m !== UNDATED_16 && m < earliest) earliest = m;
    }
    const slotOf = (m: number) => (m === UNDATED_16 ? 0 : m - earliest + 1);
    for (let e = 0; e < this.length; e += 1)
      if (slotOf(this.months[e] as number) >= 0x2000)
        throw new Error('answer dates span more than 680 years');
    let packed = new Float64Array(1024);
    for (let c = 0; c < this.customerIds.length; c += 1) {
      const [from, to] = [order.starts[c] as number, order.starts[c + 1] as number];
      if (packed.length < to - from) packed = new Float64Array(to - from);
      const keys = packed.subarray(0, to - from);
      for (let k = from; k < to; k += 1) {
        const e = order.entries[k] as number;
        // slot < 2^13, code < 2^16, count < 2^24: the packed key stays below 2^53 (exact).
        const key = slotOf(this.months[e] as number) * 0x10000 + (this.codes[e] as number);
        keys[k - from] = key * COUNT_BITS + 1;
      }
      keys.sort();
      let k = 0;
      while (k < keys.length) {
        const key = Math.floor((keys[k] as number) / COUNT_BITS);
        let n = 0;
        for (; k < keys.length && Math.floor((keys[k] as number) / COUNT_BITS) === key; k += 1)
          n += (keys[k] as number) % COUNT_BITS;
        const slot = Math.floor(key / 0x10000);
        const month = slot === 0 ? UNDATED : slot - 1 + earliest + MONTH_BASE;
        for (; n > 0; n -= MAX_COUNT) emit(month, key % 0x10000, Math.min(n, MAX_COUNT));
      }
      offsets[c + 1] = written;
    }
    this.release();
    release(order.starts);
    release(order.entries);
    db.prepare(
      `INSERT OR REPLACE INTO customer_bucket_segments
         (import_id, customer_ids, offsets, months, codes, counts, buckets, own_keys)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      importId,
      JSON.stringify(this.customerIds),
      toBlob(offsets),
      toBlob(months.subarray(0, written)),
      toBlob(codes.subarray(0, written)),
      toBlob(counts.subarray(0, written)),
      JSON.stringify(this.buckets),
      JSON.stringify([...this.ownKeys].sort()),
    );
    for (const array of [months, codes, counts]) release(array);
    refreshOwnKeys(db);
  }

  /** Written once: the log's arrays go now, not whenever the log itself is collected. */
  private release(): void {
    for (const array of [this.customers, this.months, this.codes]) release(array);
    this.length = 0;
  }

  private code(survey: string, score: number, min: number, max: number): number {
    let scales = this.codesBySurvey.get(survey);
    if (!scales) this.codesBySurvey.set(survey, (scales = []));
    let scores: Map<number, number> | undefined;
    for (const [a, b, byScore] of scales) if (a === min && b === max) scores = byScore;
    if (!scores) scales.push([min, max, (scores = new Map())]);
    let code = scores.get(score);
    if (code === undefined) {
      code = this.buckets.length;
      if (code > 0xffff) throw new Error('more than 65,536 distinct survey scores and scales');
      this.buckets.push([survey, score, min, max]);
      scores.set(score, code);
    }
    return code;
  }

  /** One answer's entry (entries are single answers until write() merges them). */
  private push(customer: number, month: number, code: number): void {
    if (this.length === this.customers.length) this.grow();
    this.customers[this.length] = customer;
    this.months[this.length] = month;
    this.codes[this.length] = code;
    this.length += 1;
  }

  private grow(): void {
    const size = this.customers.length * 2;
    this.customers = grownTo(this.customers, new Int32Array(size));
    this.months = grownTo(this.months, new Int16Array(size));
    this.codes = grownTo(this.codes, new Uint16Array(size));
  }

  /** Entry positions grouped by customer (a counting sort). */
  private byCustomer(): { starts: Int32Array; entries: Int32Array } {
    return groupByKey(this.customers, this.length, this.customerIds.length);
  }
}

function attributeKeysOf(attributes: string): string[] {
  try {
    const parsed: unknown = JSON.parse(attributes);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

/** customer_buckets: the union of the segments' own keys (no row when there is no segment). */
export function refreshOwnKeys(db: Db): void {
  const lists = db.prepare('SELECT own_keys FROM customer_bucket_segments').pluck().all() as string[];
  db.prepare('DELETE FROM customer_buckets').run();
  if (lists.length === 0) return;
  const keys = new Set(lists.flatMap((list) => JSON.parse(list) as string[]));
  db.prepare('INSERT INTO customer_buckets (id, own_keys) VALUES (1, ?)').run(
    JSON.stringify([...keys].sort()),
  );
}

/** Rebuilds every import's segment from the current answers (after anything changes which answers are current). */
export function refreshCustomerBuckets(db: Db): void {
  db.prepare('DELETE FROM customer_bucket_segments').run();
  const imports = db
    .prepare(
      `SELECT i.id FROM imports i WHERE EXISTS (SELECT 1 FROM response_cube c WHERE c.import_id = i.id) ORDER BY i.id`,
    )
    .pluck()
    .all() as number[];
  for (const importId of imports) rebuildBucketSegment(db, importId);
  refreshOwnKeys(db);
}

/** Rebuilds one import's segment from its current answers (read within its rowid range). */
export function rebuildBucketSegment(db: Db, importId: number): void {
  const log = new BucketLog();
  const rows = db
    .prepare(
      `SELECT customer_id, survey, responded_on, score, scale_min, scale_max, segment, region, attributes
       FROM responses r WHERE active = 1 AND import_id = ?${importRowRange(db, importId, 'r')}
         AND survey IN ('nps', 'csat', 'ces')`,
    )
    .raw()
    .iterate(importId) as IterableIterator<
    [string | null, string, string | null, number, number, number, unknown, unknown, unknown]
  >;
  for (const [customerId, survey, date, score, min, max, segment, region, attributes] of rows) {
    log.add(
      customerId === null ? -1 : log.customer(customerId),
      survey,
      date,
      score,
      min,
      max,
      segment,
      region,
      attributes,
    );
  }
  log.write(db, importId);
}

/** One import's stored segment, with the customers a filter keeps. */
interface Segment {
  ids: string[];
  offsets: Int32Array;
  months: Int32Array;
  codes: Uint16Array;
  counts: Uint16Array;
  /** The segment's bucket codes as codes into CustomerBuckets' list of every bucket. */
  shared: Int32Array;
  /** The segment's customers as indices into CustomerBuckets' list of every customer. */
  customers: Int32Array;
  kept: Int32Array;
}

/** Month and bucket of a total in one exact number (codes below 2^20). */
const CODE_SPAN = 2 ** 20;

/** The stored segments, summed as one matrix, with the customers a filter keeps. */
export class CustomerBuckets {
  private constructor(
    private readonly segments: Segment[],
    private readonly buckets: Bucket[],
    private readonly customerCount: number,
    readonly ownKeys: ReadonlySet<string>,
  ) {}

  static load(db: Db, allowed: ReadonlySet<string> | null): CustomerBuckets | null {
    const rows = db
      .prepare(
        'SELECT customer_ids, offsets, months, codes, counts, buckets, own_keys FROM customer_bucket_segments ORDER BY import_id',
      )
      .raw()
      .all() as Array<[string, Buffer, Buffer, Buffer, Buffer, string, string]>;
    if (rows.length === 0) return null;
    const buckets: Bucket[] = [];
    const bucketCodes = new Map<string, number>();
    const customerIndex = new Map<string, number>();
    const ownKeys = new Set<string>();
    const segments = rows.map((row): Segment => {
      const ids = JSON.parse(row[0]) as string[];
      const shared = Int32Array.from(JSON.parse(row[5]) as Bucket[], (bucket) => {
        const key = JSON.stringify(bucket);
        let code = bucketCodes.get(key);
        if (code === undefined) bucketCodes.set(key, (code = buckets.push(bucket) - 1));
        return code;
      });
      for (const key of JSON.parse(row[6]) as string[]) ownKeys.add(key);
      // One segment's customers are the only ones: no map of every id needed.
      const customers =
        rows.length === 1
          ? Int32Array.from({ length: ids.length }, (_, i) => i)
          : Int32Array.from(ids, (id) => {
              let index = customerIndex.get(id);
              if (index === undefined) customerIndex.set(id, (index = customerIndex.size));
              return index;
            });
      return {
        ids,
        offsets: view(row[1], Int32Array),
        months: view(row[2], Int32Array),
        codes: view(row[3], Uint16Array),
        counts: view(row[4], Uint16Array),
        shared,
        customers,
        kept: keptIndices(ids, allowed),
      };
    });
    const customerCount = rows.length === 1 ? (segments[0] as Segment).ids.length : customerIndex.size;
    return new CustomerBuckets(segments, buckets, customerCount, ownKeys);
  }

  forEachEntry(visit: (customerId: string, month: number, bucket: Bucket, n: number) => void): void {
    for (const s of this.segments)
      for (let c = 0; c < s.ids.length; c += 1) {
        for (let e = s.offsets[c] as number; e < (s.offsets[c + 1] as number); e += 1)
          visit(
            s.ids[c] as string,
            s.months[e] as number,
            this.buckets[s.shared[s.codes[e] as number] as number] as Bucket,
            s.counts[e] as number,
          );
      }
  }

  /**
   * The kept customers' answer counts per survey, month and bucket in [first, last] (null: every
   * answer, undated ones too), and how many kept customers gave an NPS answer in those months.
   */
  sum(months: { first: string; last: string } | null): { buckets: SurveyBucket[]; npsAccounts: number } {
    const from = months ? monthIndex(months.first) : UNDATED;
    const to = months ? monthIndex(months.last) : Infinity;
    const totals = new Map<number, number>();
    const isNps = Uint8Array.from(this.buckets, (bucket) => (bucket[0] === 'nps' ? 1 : 0));
    const answeredNps = new Uint8Array(this.customerCount);
    for (const s of this.segments) {
      for (let slot = 0; slot < s.kept.length; slot += 1) {
        const c = s.kept[slot] as number;
        for (let e = s.offsets[c] as number; e < (s.offsets[c + 1] as number); e += 1) {
          const month = s.months[e] as number;
          if (month < from || month > to) continue;
          const code = s.shared[s.codes[e] as number] as number;
          const key = (month + 1) * CODE_SPAN + code;
          totals.set(key, (totals.get(key) ?? 0) + (s.counts[e] as number));
          if (isNps[code]) answeredNps[s.customers[c] as number] = 1;
        }
      }
    }
    let npsAccounts = 0;
    for (const answered of answeredNps) npsAccounts += answered;
    const buckets = [...totals].map(([key, n]) => {
      const month = Math.floor(key / CODE_SPAN) - 1;
      const [survey, score, scaleMin, scaleMax] = this.buckets[key % CODE_SPAN] as Bucket;
      return { survey, month: month === UNDATED ? null : monthLabel(month), score, scaleMin, scaleMax, n };
    });
    return { buckets, npsAccounts };
  }
}

function monthLabel(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
