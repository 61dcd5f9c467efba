/**
 * The keys a file has shown so far (a response id, a customer id …) and the row each first appeared
 * in, for in-file duplicate detection. Exact: keys are kept whole, as UTF-8 bytes in one growing
 * arena, with an open-addressing table of typed arrays over them. A Map of a million id strings took
 * about 80 MB and, being a million objects near the CLI's heap limit, 2.3 s of garbage collection on
 * a 1M-row file; this takes the key's bytes plus 20 bytes per key and is no work for the collector.
 */
import { grownTo, release } from './typed-arrays';

const EMPTY = 0;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Arena offsets are int32: more than 2 GB of keys is far beyond any file the bounds let through. */
const MAX_ARENA_BYTES = 0x7fffffff;

export class SeenKeys {
  /** `hash` is replaceable so tests can make every key collide and check the byte comparison. */
  constructor(private readonly hash: (bytes: Uint8Array, length: number) => number = hashOf) {}

  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private scratch = new Uint8Array(256);
  /** Entry number + 1 per slot (0 = empty); at most half full. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(512);
  /** Entry e's bytes are arena[starts[e] .. starts[e + 1]). */
  private starts = new Int32Array(513);
  private rows = new Int32Array(512);
  private arena = new Uint8Array(16 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row `key` was first seen in; undefined (and `row` remembered) when it is new. */
  firstSeen(key: string, row: number): number | undefined {
    const length = this.encode(key);
    const hash = this.hash(this.scratch, length);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.holds(entry, length)) return this.rows[entry];
      slot = (slot + 1) & mask;
    }
    this.append(hash, length, row, slot);
    return undefined;
  }

  /**
   * The key's bytes in `scratch`: UTF-8, or for a key with a lone surrogate (which UTF-8 would turn
   * into U+FFFD, making two different keys equal) a 0xFF byte, never part of UTF-8, then its UTF-16
   * code units.
   */
  private encode(key: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; the other form 1 + 2 per unit.
    if (this.scratch.length < key.length * 3 + 1) this.scratch = new Uint8Array(key.length * 3 + 1);
    const scratch = this.scratch;
    // Ids are mostly ASCII, whose UTF-8 is their code units: copied without the encoder's call.
    let ascii = 0;
    for (; ascii < key.length; ascii += 1) {
      const unit = key.charCodeAt(ascii);
      if (unit >= 0x80) break;
      scratch[ascii] = unit;
    }
    if (ascii === key.length) return ascii;
    if (!LONE_SURROGATE.test(key)) return this.encoder.encodeInto(key, scratch).written;
    scratch[0] = 0xff;
    for (let i = 0; i < key.length; i += 1) {
      const unit = key.charCodeAt(i);
      scratch[1 + 2 * i] = unit & 0xff;
      scratch[2 + 2 * i] = unit >>> 8;
    }
    return 1 + 2 * key.length;
  }

  /** The key of entry `entry` (entries are numbered 0, 1 … in the order keys were first seen). */
  key(entry: number): string {
    const bytes = this.arena.subarray(this.starts[entry] as number, this.starts[entry + 1] as number);
    if (bytes[0] !== 0xff) return this.decoder.decode(bytes);
    let key = '';
    for (let i = 1; i < bytes.length; i += 2)
      key += String.fromCharCode((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
    return key;
  }

  /** Orders two entries by their keys' bytes (for UTF-8 keys, as SQLite's BINARY collation does). */
  compare(a: number, b: number): number {
    const [fromA, toA] = [this.starts[a] as number, this.starts[a + 1] as number];
    const [fromB, toB] = [this.starts[b] as number, this.starts[b + 1] as number];
    const arena = this.arena;
    for (let i = 0; i < toA - fromA && i < toB - fromB; i += 1) {
      const d = (arena[fromA + i] as number) - (arena[fromB + i] as number);
      if (d !== 0) return d;
    }
    return toA - fromA - (toB - fromB);
  }

  private holds(entry: number, length: number): boolean {
    const start = this.starts[entry] as number;
    if ((this.starts[entry + 1] as number) - start !== length) return false;
    const arena = this.arena;
    const scratch = this.scratch;
    for (let i = 0; i < length; i += 1) if (arena[start + i] !== scratch[i]) return false;
    return true;
  }

  private append(hash: number, length: number, row: number, slot: number): void {
    const entry = this.count;
    if (entry === this.rows.length) this.growEntries();
    const start = this.starts[entry] as number;
    if (start + length > this.arena.length) this.growArena(start + length);
    this.arena.set(this.scratch.subarray(0, length), start);
    this.starts[entry + 1] = start + length;
    this.hashes[entry] = hash;
    this.rows[entry] = row;
    this.slots[slot] = entry + 1;
    this.count += 1;
    if (this.count * 2 > this.slots.length) this.growSlots();
  }

  private growEntries(): void {
    const size = this.rows.length * 2;
    this.hashes = grownTo(this.hashes, new Int32Array(size));
    this.rows = grownTo(this.rows, new Int32Array(size));
    this.starts = grownTo(this.starts, new Int32Array(size + 1));
  }

  private growArena(needed: number): void {
    if (needed > MAX_ARENA_BYTES) throw new Error('more than 2 GB of distinct keys in one file');
    let size = this.arena.length;
    while (size < needed) size = Math.min(MAX_ARENA_BYTES, size * 2);
    this.arena = grownTo(this.arena, new Uint8Array(size));
  }

  /** Doubles the table and puts every entry back by its stored hash. */
  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry += 1) {
      let slot = (this.hashes[entry] as number) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    release(this.slots);
    this.slots = slots;
  }

  /** Gives the table's memory back at once; the set is empty afterwards. */
  clear(): void {
    for (const array of [this.slots, this.hashes, this.starts, this.rows, this.arena]) release(array);
    this.slots = new Int32Array(1024);
    this.hashes = new Int32Array(512);
    this.starts = new Int32Array(513);
    this.rows = new Int32Array(512);
    this.arena = new Uint8Array(16 * 1024);
    this.count = 0;
  }
}

/** FNV-1a over the key's bytes, then a final mix so nearby ids spread over the table. */
function hashOf(bytes: Uint8Array, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i += 1) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash;
}
