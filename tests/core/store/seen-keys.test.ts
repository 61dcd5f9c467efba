/** SeenKeys answers exactly as a Map of the keys would, for any keys, in any order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenKeys } from '../../../src/core/store/seen-keys';

/** What SeenKeys replaces: the first row per key, in a Map. */
function reference(keys: string[]): Array<number | undefined> {
  const seen = new Map<string, number>();
  return keys.map((key, row) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row);
    return first;
  });
}

function answers(keys: string[], seen = new SeenKeys()): Array<number | undefined> {
  return keys.map((key, row) => seen.firstSeen(key, row));
}

/** Keys from a small alphabet, so generated lists repeat keys often. */
const key = fc.oneof(
  fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', 'é', '😀', '\ud800', '\udc00', ' ') }),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 12, unit: 'binary' }),
);

describe('SeenKeys', () => {
  it('finds the first row of every repeated key and nothing else (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        expect(answers(keys)).toEqual(reference(keys));
      }),
      { numRuns: 1000 },
    );
  });

  it('compares whole keys when hashes collide (every key hashed alike, 300 runs)', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), (keys) => {
        expect(answers(keys, new SeenKeys(() => 7))).toEqual(reference(keys));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps keys apart that UTF-8 would merge: lone surrogates and U+FFFD', () => {
    const keys = ['\ud800', '\ufffd', '\udc00', 'a\ud800', 'a\ufffd', '\ud800\udc00', '\ud800', '\ufffd'];
    expect(answers(keys)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 0, 1]);
  });

  it('holds 200,000 distinct ids and their repeats through every growth of its table', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `RESP-2025-${String(i).padStart(9, '0')}`);
    const seen = new SeenKeys();
    ids.forEach((id, row) => expect(seen.firstSeen(id, row)).toBeUndefined());
    expect(seen.size).toBe(200_000);
    for (let i = ids.length - 1; i >= 0; i -= 997) expect(seen.firstSeen(ids[i] as string, -1)).toBe(i);
    expect(seen.firstSeen('RESP-2025-', -1)).toBeUndefined();
  });

  it('gives each key back, and orders keys by their UTF-8 bytes (as SQLite orders text)', () => {
    const keys = ['b', 'a', 'Zoë', 'Zoe', '\ud800', 'a\ud800', '', 'ab', '日本', 'é'];
    const seen = new SeenKeys();
    keys.forEach((k, row) => seen.firstSeen(k, row));
    expect(keys.map((_, entry) => seen.key(entry))).toEqual(keys);
    const valid = keys.map((k, e) => [k, e] as const).filter(([k]) => !/[\ud800-\udfff]/.test(k));
    const bytes = (k: string) => Buffer.from(k, 'utf8');
    const expected = [...valid].sort(([a], [b]) => Buffer.compare(bytes(a), bytes(b))).map(([, e]) => e);
    expect([...valid.map(([, e]) => e)].sort((a, b) => seen.compare(a, b))).toEqual(expected);
  });
});
