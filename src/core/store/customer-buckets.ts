import type { Db } from './engagement';
import { monthIndex } from './revenue-model';

/**
 * Answer counts of the NPS, CSAT and CES surveys per customer, month and bucket (survey, score,
 * scale), as columns in one row (customer_buckets, migration 9): a scorecard filtered by a customer
 * attribute (plan, a CRM field …) sums the kept customers' entries instead of scanning every answer.
 *
 * Layout: customer ids (JSON) with offsets into the entries; per entry its month index (int32,
 * −1 = undated), bucket code (uint16, into the JSON list of [survey, score, scale_min, scale_max])
 * and count (uint16; a larger count is split over several entries). `own_keys` lists the filter
 * keys some answer carries itself (segment, region, its own attributes): a filter on such a key
 * must look at the answers, so this matrix does not answer it.
 */
export const BUCKET_SURVEYS: ReadonlySet<string> = new Set(['nps', 'csat', 'ces']);
const UNDATED = -1;
const MAX_COUNT = 0xffff;

type Bucket = [survey: string, score: number, scaleMin: number, scaleMax: number];

/** Collects answers (or stored entries) and writes the matrix. */
export class BucketLog {
  private readonly customerIndex = new Map<string, number>();
  private readonly customerIds: string[] = [];
  private readonly codeIndex = new Map<string, number>();
  private readonly buckets: Bucket[] = [];
  private readonly ownKeys = new Set<string>();
  private readonly attributeKeys = new Map<string, string[]>();
  private customers = new Int32Array(4096);
  private months = new Int32Array(4096);
  private codes = new Uint16Array(4096);
  private counts = new Uint32Array(4096);
  private length = 0;

  /**
   * One answer: its customer's entry, and which filter keys it carries itself (segment, region,
   * its own attributes). Surveys other than NPS, CSAT and CES are not kept.
   */
  add(
    customerId: string | null,
    survey: string,
    date: string | null,
    score: number,
    scale: [min: number, max: number],
    own: [segment: unknown, region: unknown, attributes: unknown],
  ): void {
    if (!BUCKET_SURVEYS.has(survey)) return;
    this.noteOwnValues(...own);
    if (customerId === null) return;
    const month = date === null ? UNDATED : monthIndex(date);
    this.push(customerId, month, this.code([survey, score, scale[0], scale[1]]), 1);
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

  /** Adds the entries of the stored matrix (an import adds its answers to what is there). */
  addStored(db: Db): void {
    const stored = CustomerBuckets.load(db, null);
    if (!stored) return;
    for (const key of stored.ownKeys) this.ownKeys.add(key);
    stored.forEachEntry((customerId, month, bucket, n) => this.push(customerId, month, this.code(bucket), n));
  }

  /** Replaces the stored matrix with these entries, merged per customer, month and bucket. */
  write(db: Db): void {
    db.prepare('DELETE FROM customer_buckets').run();
    const order = this.byCustomer();
    const offsets = new Int32Array(this.customerIds.length + 1);
    const months: number[] = [];
    const codes: number[] = [];
    const counts: number[] = [];
    for (let c = 0; c < this.customerIds.length; c += 1) {
      const merged = new Map<number, number>();
      for (let k = order.starts[c] as number; k < (order.starts[c + 1] as number); k += 1) {
        const e = order.entries[k] as number;
        // month + 1 ≥ 0 so the key is a plain non-negative number.
        const key = ((this.months[e] as number) + 1) * 0x10000 + (this.codes[e] as number);
        merged.set(key, (merged.get(key) ?? 0) + (this.counts[e] as number));
      }
      for (const key of [...merged.keys()].sort((a, b) => a - b)) {
        for (let n = merged.get(key) as number; n > 0; n -= MAX_COUNT) {
          months.push(Math.floor(key / 0x10000) - 1);
          codes.push(key % 0x10000);
          counts.push(Math.min(n, MAX_COUNT));
        }
      }
      offsets[c + 1] = months.length;
    }
    db.prepare(
      `INSERT INTO customer_buckets (id, customer_ids, offsets, months, codes, counts, buckets, own_keys)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      JSON.stringify(this.customerIds),
      bytes(offsets),
      bytes(Int32Array.from(months)),
      bytes(Uint16Array.from(codes)),
      bytes(Uint16Array.from(counts)),
      JSON.stringify(this.buckets),
      JSON.stringify([...this.ownKeys].sort()),
    );
  }

  private code(bucket: Bucket): number {
    const key = bucket.join('\u0001');
    let code = this.codeIndex.get(key);
    if (code === undefined) {
      code = this.buckets.length;
      if (code > 0xffff) throw new Error('more than 65,536 distinct survey scores and scales');
      this.buckets.push(bucket);
      this.codeIndex.set(key, code);
    }
    return code;
  }

  private push(customerId: string, month: number, code: number, n: number): void {
    let customer = this.customerIndex.get(customerId);
    if (customer === undefined) {
      customer = this.customerIds.length;
      this.customerIds.push(customerId);
      this.customerIndex.set(customerId, customer);
    }
    if (this.length === this.customers.length) this.grow();
    this.customers[this.length] = customer;
    this.months[this.length] = month;
    this.codes[this.length] = code;
    this.counts[this.length] = n;
    this.length += 1;
  }

  private grow(): void {
    const size = this.customers.length * 2;
    const grown = <T extends Int32Array | Uint16Array | Uint32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.customers = grown(this.customers, new Int32Array(size));
    this.months = grown(this.months, new Int32Array(size));
    this.codes = grown(this.codes, new Uint16Array(size));
    this.counts = grown(this.counts, new Uint32Array(size));
  }

  /** Entry positions grouped by customer (a counting sort). */
  private byCustomer(): { starts: Int32Array; entries: Int32Array } {
    const starts = new Int32Array(this.customerIds.length + 1);
    for (let e = 0; e < this.length; e += 1) {
      const c = (this.customers[e] as number) + 1;
      starts[c] = (starts[c] as number) + 1;
    }
    for (let c = 0; c < this.customerIds.length; c += 1)
      starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
    const next = starts.slice(0, this.customerIds.length);
    const entries = new Int32Array(this.length);
    for (let e = 0; e < this.length; e += 1) {
      const c = this.customers[e] as number;
      const at = next[c] as number;
      entries[at] = e;
      next[c] = at + 1;
    }
    return { starts, entries };
  }
}

function bytes(a: Int32Array | Uint16Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function attributeKeysOf(attributes: string): string[] {
  try {
    const parsed: unknown = JSON.parse(attributes);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

/** Rebuilds the matrix from every current answer (after anything changes which answers are current). */
export function refreshCustomerBuckets(db: Db): void {
  const log = new BucketLog();
  const rows = db
    .prepare(
      `SELECT customer_id, survey, responded_on, score, scale_min, scale_max, segment, region, attributes
       FROM responses WHERE active = 1 AND survey IN ('nps', 'csat', 'ces')`,
    )
    .raw()
    .iterate() as IterableIterator<
    [string | null, string, string | null, number, number, number, unknown, unknown, unknown]
  >;
  let any = false;
  for (const [customerId, survey, date, score, min, max, segment, region, attributes] of rows) {
    any = true;
    log.add(customerId, survey, date, score, [min, max], [segment, region, attributes]);
  }
  if (any) log.write(db);
  else db.prepare('DELETE FROM customer_buckets').run();
}

function view<T extends Uint16Array | Int32Array>(
  blob: Buffer,
  make: (buffer: ArrayBufferLike, offset: number, length: number) => T,
  width: number,
): T {
  const source = blob.byteOffset % width === 0 ? blob : new Uint8Array(blob);
  return make(source.buffer, source.byteOffset, source.byteLength / width);
}

/** The stored matrix, with the customers a filter keeps. */
export class CustomerBuckets {
  private constructor(
    private readonly ids: string[],
    private readonly offsets: Int32Array,
    private readonly months: Int32Array,
    private readonly codes: Uint16Array,
    private readonly counts: Uint16Array,
    private readonly buckets: Bucket[],
    readonly ownKeys: ReadonlySet<string>,
    private readonly kept: Int32Array,
  ) {}

  static load(db: Db, allowed: ReadonlySet<string> | null): CustomerBuckets | null {
    const row = db
      .prepare(
        'SELECT customer_ids, offsets, months, codes, counts, buckets, own_keys FROM customer_buckets WHERE id = 1',
      )
      .raw()
      .get() as [string, Buffer, Buffer, Buffer, Buffer, string, string] | undefined;
    if (!row) return null;
    const ids = JSON.parse(row[0]) as string[];
    const kept: number[] = [];
    for (let i = 0; i < ids.length; i += 1) if (!allowed || allowed.has(ids[i] as string)) kept.push(i);
    return new CustomerBuckets(
      ids,
      view(row[1], (b, o, n) => new Int32Array(b, o, n), 4),
      view(row[2], (b, o, n) => new Int32Array(b, o, n), 4),
      view(row[3], (b, o, n) => new Uint16Array(b, o, n), 2),
      view(row[4], (b, o, n) => new Uint16Array(b, o, n), 2),
      JSON.parse(row[5]) as Bucket[],
      new Set(JSON.parse(row[6]) as string[]),
      Int32Array.from(kept),
    );
  }

  forEachEntry(visit: (customerId: string, month: number, bucket: Bucket, n: number) => void): void {
    for (let c = 0; c < this.ids.length; c += 1) {
      for (let e = this.offsets[c] as number; e < (this.offsets[c + 1] as number); e += 1)
        visit(
          this.ids[c] as string,
          this.months[e] as number,
          this.buckets[this.codes[e] as number] as Bucket,
          this.counts[e] as number,
        );
    }
  }

  /**
   * The kept customers' answer counts per survey, month and bucket in [first, last] (null: every
   * answer, undated ones too), and how many kept customers gave an NPS answer in those months.
   */
  sum(months: { first: string; last: string } | null): {
    buckets: Array<{
      survey: string;
      month: string | null;
      score: number;
      scaleMin: number;
      scaleMax: number;
      n: number;
    }>;
    npsAccounts: number;
  } {
    const from = months ? monthIndex(months.first) : UNDATED;
    const to = months ? monthIndex(months.last) : Infinity;
    const totals = new Map<number, number>();
    let npsAccounts = 0;
    for (let slot = 0; slot < this.kept.length; slot += 1) {
      const c = this.kept[slot] as number;
      let answeredNps = false;
      for (let e = this.offsets[c] as number; e < (this.offsets[c + 1] as number); e += 1) {
        const month = this.months[e] as number;
        if (month < from || month > to) continue;
        const code = this.codes[e] as number;
        const key = (month + 1) * 0x10000 + code;
        totals.set(key, (totals.get(key) ?? 0) + (this.counts[e] as number));
        if (!answeredNps && (this.buckets[code] as Bucket)[0] === 'nps') answeredNps = true;
      }
      if (answeredNps) npsAccounts += 1;
    }
    const buckets = [...totals].map(([key, n]) => {
      const month = Math.floor(key / 0x10000) - 1;
      const [survey, score, scaleMin, scaleMax] = this.buckets[key % 0x10000] as Bucket;
      return { survey, month: month === UNDATED ? null : monthLabel(month), score, scaleMin, scaleMax, n };
    });
    return { buckets, npsAccounts };
  }
}

function monthLabel(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
