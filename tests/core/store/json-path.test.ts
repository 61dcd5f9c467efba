/** attributePath: every attribute key a column header can hold finds its value in SQLite's json_extract. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { attributePath } from '../../../src/core/store/json-path';

describe('attributePath', () => {
  it('reads keys with quotes, backslashes, dots, brackets and spaces literally', () => {
    const db = new Database(':memory:');
    const keys = ['tier', 'Plan "tier"', 'a\\b', 'c.d', 'e[0]', 'Account manager', 'x\\"y', '$.z', 'ünï'];
    const attributes = JSON.stringify(Object.fromEntries(keys.map((key, i) => [key, `v${i}`])));
    const extract = db.prepare('SELECT json_extract(?, ?) AS v');
    keys.forEach((key, i) => {
      expect((extract.get(attributes, attributePath(key)) as { v: unknown }).v, key).toBe(`v${i}`);
    });
    db.close();
  });
});
