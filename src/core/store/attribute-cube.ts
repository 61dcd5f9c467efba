/**
 * The attribute cube: answer counts per key and value of the attributes answers carry themselves
 * (extra columns of a survey file, kept in responses.attributes) over the answer cube's columns
 * (store/aggregates.ts), and the NPS matrix's scopes per attribute value, so a filter on such a key
 * reads a few thousand rows and one matrix row instead of every answer.
 *
 * Kept like the other pre-aggregates: the importer's AnswerTally hands every answer to an
 * AttributeTally (one lookup per answer and kept value; a row's attributes are read once per
 * distinct text); answers that stop or start counting have their imports' share rebuilt from their
 * rows; rebuildAttributeCube(db, null) rebuilds it all (refreshAggregates, migration 15).
 *
 * Only keys a filter bar can list in full are kept: an import whose current answers carry more than
 * VALUE_CAP distinct values of a key (free text, ids) or a value that is not text marks the key
 * incomplete in attribute_keys and keeps no counts for it; while any current import does, a filter
 * on that key reads the answers, and the key has no NPS scopes.
 *
 * Values keep their spelling in the cube (filters compare them COLLATE NOCASE, as the scan does);
 * the NPS scopes are per value folded as NOCASE folds it (ASCII letters), one scope per filter value.
 */
import type { Db } from './engagement';
import type { FactValue } from './facts';
import type { CubeCell } from './answer-tally';
import { ownedKey } from './owned-key';
import { cubeCanAnswer, cubeFilter, type Fragment } from './filter-sql';
import type { FilterCondition, Filters } from '../domain/filter';

/** Distinct values of a key per import above which the key is not kept (the filter bar lists 200). */
export const VALUE_CAP = 200;

/** Attribute texts whose reading is remembered (they repeat: a few values per column). */
const REMEMBERED_ROWS = 4096;

const CELL_COLUMNS = `survey, item, dimension, measure, touchpoint, channel, segment, region, month,
  scale_min, scale_max, score`;

/** Lower-cases ASCII letters only, as SQLite's NOCASE and lower() do. */
export function foldCase(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)) : text;
}

/** The NPS matrix scope of the answers whose `key` equals `value` (in any letter case). */
export function attributeScope(key: string, value: string): string {
  return `attribute:${JSON.stringify([key, foldCase(value)])}`;
}

function scopePrefix(key: string): string {
  return `attribute:${JSON.stringify([key]).slice(0, -1)},`;
}

// ---------------------------------------------------------------- the import's own share

interface KeyState {
  /** Value → pair id. */
  values: Map<string, number>;
  complete: boolean;
}

interface Pair {
  key: string;
  value: string;
  scope: string;
}

/** A row's attributes as pair ids, and the id of that combination (0: none). */
interface RowPairs {
  pairs: number[];
  combo: number;
}

const NO_PAIRS: RowPairs = { pairs: [], combo: 0 };

interface PairCount {
  cell: CubeCell;
  pair: number;
  n: number;
  first: string | null;
  last: string | null;
}

/** What an AttributeTally collected. */
export interface AttributeTallyResult {
  keys: ReadonlyMap<string, KeyState>;
  pairs: readonly Pair[];
  counts: readonly PairCount[];
  /** Per answer (in the order written, so by rowid) its combination of pairs (0: none). */
  comboOf: Uint16Array | Int32Array;
  comboPairs: ReadonlyArray<readonly number[]>;
}

/**
 * Accumulates a new import's attribute counts, keyed by the answer cube cell each answer fell in.
 * Hot path: per answer one comparison of its attributes text with the previous answer's (a source
 * row's answers share it) and one map lookup per kept value.
 */
export class AttributeTally {
  private readonly keys = new Map<string, KeyState>();
  private readonly pairs: Pair[] = [];
  private readonly rows = new Map<string, RowPairs>();
  private readonly combos = new Map<string, number>();
  private readonly comboPairs: number[][] = [[]];
  private readonly byCell = new Map<CubeCell, Map<number, PairCount>>();
  private readonly counts: PairCount[] = [];
  /** Two bytes per answer while the combinations fit (a 3M-answer file: 6 MB, not 12). */
  private comboOf: Uint16Array | Int32Array = new Uint16Array(0);
  private answers = 0;
  private lastText: unknown = null;
  private last: RowPairs = NO_PAIRS;

  add(attributes: FactValue, cell: CubeCell, date: string | null): void {
    const at = this.answers++;
    if (typeof attributes !== 'string') return;
    if (attributes !== this.lastText) {
      this.lastText = attributes;
      this.last = this.read(attributes);
    }
    const row = this.last;
    if (row.combo === 0) return;
    if (at >= this.comboOf.length || row.combo > 0xffff) this.grow(at, row.combo);
    this.comboOf[at] = row.combo;
    let counts = this.byCell.get(cell);
    if (!counts) this.byCell.set(cell, (counts = new Map()));
    for (const pair of row.pairs) {
      const count = counts.get(pair);
      if (!count) {
        const first = date === null ? null : ownedKey(date);
        const created: PairCount = { cell, pair, n: 1, first, last: first };
        counts.set(pair, created);
        this.counts.push(created);
      } else {
        count.n += 1;
        if (date !== null) {
          if (count.first === null || date < count.first) count.first = ownedKey(date);
          if (count.last === null || date > count.last) count.last = ownedKey(date);
        }
      }
    }
  }

  result(): AttributeTallyResult {
    this.rows.clear();
    this.byCell.clear();
    return {
      keys: this.keys,
      pairs: this.pairs,
      counts: this.counts,
      comboOf: this.comboOf.subarray(0, this.answers),
      comboPairs: this.comboPairs,
    };
  }

  private grow(at: number, combo: number): void {
    const wide = combo > 0xffff || this.comboOf instanceof Int32Array;
    const size = at >= this.comboOf.length ? Math.max(1024, (at + 1) * 2) : this.comboOf.length;
    if (size === this.comboOf.length && (!wide || this.comboOf instanceof Int32Array)) return;
    const grown = wide ? new Int32Array(size) : new Uint16Array(size);
    grown.set(this.comboOf);
    this.comboOf = grown;
  }

  private read(text: string): RowPairs {
    const known = this.rows.get(text);
    if (known) return known;
    const row = this.parse(text);
    if (this.rows.size < REMEMBERED_ROWS) this.rows.set(ownedKey(text), row);
    return row;
  }

  private parse(text: string): RowPairs {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return NO_PAIRS;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return NO_PAIRS;
    const pairs: number[] = [];
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      let state = this.keys.get(key);
      if (!state) this.keys.set(ownedKey(key), (state = { values: new Map(), complete: true }));
      if (!state.complete) continue;
      if (typeof value !== 'string') {
        state.complete = false;
        continue;
      }
      let pair = state.values.get(value);
      if (pair === undefined) {
        if (state.values.size === VALUE_CAP) {
          state.complete = false;
          continue;
        }
        pair = this.pairs.length;
        const owned = ownedKey(value);
        this.pairs.push({ key: ownedKey(key), value: owned, scope: attributeScope(key, value) });
        state.values.set(owned, pair);
      }
      pairs.push(pair);
    }
    if (pairs.length === 0) return NO_PAIRS;
    const id = pairs.join(',');
    let combo = this.combos.get(id);
    if (combo === undefined) {
      combo = this.comboPairs.length;
      this.comboPairs.push(pairs);
      this.combos.set(id, combo);
    }
    return { pairs, combo };
  }
}

/**
 * Stores an import's attribute counts and key states, drops the NPS scopes of keys it made
 * incomplete, and returns the NPS scopes of each of its answers by rowid (for the matrix merge).
 */
export function writeAttributeTally(
  db: Db,
  importId: number,
  firstRowid: number,
  tally: AttributeTallyResult,
): (rowid: number) => readonly string[] | null {
  const before = completeAttributeKeys(db);
  const insertKey = db.prepare('INSERT INTO attribute_keys (import_id, key, complete) VALUES (?, ?, ?)');
  for (const [key, state] of tally.keys) insertKey.run(importId, key, state.complete ? 1 : 0);
  const insert = db.prepare(
    `INSERT INTO attribute_cube (import_id, key, value, ${CELL_COLUMNS}, n, first_date, last_date)
     VALUES (${new Array(18).fill('?').join(', ')})`,
  );
  const kept = (pair: number) => {
    const { key } = tally.pairs[pair] as Pair;
    return (tally.keys.get(key) as KeyState).complete;
  };
  for (const count of tally.counts) {
    if (!kept(count.pair)) continue;
    const { key, value } = tally.pairs[count.pair] as Pair;
    insert.run(importId, key, value, ...count.cell.values, count.n, count.first, count.last);
  }
  const after = completeAttributeKeys(db);
  dropScopes(db, before, after);
  const scopes: Array<readonly string[] | null> = tally.comboPairs.map((pairs) => {
    const named = pairs.flatMap((p) => {
      const pair = tally.pairs[p] as Pair;
      return after.has(pair.key) ? [pair.scope] : [];
    });
    return named.length ? named : null;
  });
  return (rowid) => scopes[tally.comboOf[rowid - firstRowid] ?? 0] ?? null;
}

// ---------------------------------------------------------------- rebuilt from the rows

/**
 * Rebuilds the attribute cube and key states of one import (null: of every import) from its rows:
 * the answers are first counted per attributes text and cube cell (a survey file's attributes
 * repeat, so this is about the answer cube's size), then each group's attributes are read once.
 */
export function rebuildAttributeCube(db: Db, importId: number | null, rowRange = ''): void {
  const only = importId === null ? '' : ` AND r.import_id = ${Number(importId)}${rowRange}`;
  if (importId === null) db.exec('DELETE FROM attribute_cube; DELETE FROM attribute_keys;');
  else deleteAttributeCube(db, importId);
  const cell = `r.survey AS survey, r.item AS item, r.dimension AS dimension, r.measure AS measure,
    r.touchpoint AS touchpoint, r.channel AS channel, coalesce(r.segment, c.segment) AS segment,
    coalesce(r.region, c.region) AS region, substr(r.responded_on, 1, 7) AS month, r.scale_min AS scale_min,
    r.scale_max AS scale_max, r.score AS score`;
  const grouped = CELL_COLUMNS.split(',')
    .map((column) => `g.${column.trim()}`)
    .join(', ');
  db.exec(`
    CREATE TEMP TABLE attribute_groups AS
      SELECT r.import_id AS import_id, r.attributes AS attributes, ${cell}, count(*) AS n,
        min(r.responded_on) AS first_date, max(r.responded_on) AS last_date
      FROM responses r LEFT JOIN customers c ON c.customer_id = r.customer_id AND c.active = 1
      WHERE r.active = 1 AND r.attributes IS NOT NULL${only}
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14; -- import, attributes and the cell
    INSERT INTO attribute_keys (import_id, key, complete)
      SELECT g.import_id, j.key, count(DISTINCT CAST(j.value AS TEXT)) <= ${VALUE_CAP} AND sum(j.type <> 'text') = 0
      FROM temp.attribute_groups g, json_each(g.attributes) j GROUP BY g.import_id, j.key;
    INSERT INTO attribute_cube (import_id, key, value, ${CELL_COLUMNS}, n, first_date, last_date)
      SELECT g.import_id, j.key, CAST(j.value AS TEXT), ${grouped}, sum(g.n), min(g.first_date), max(g.last_date)
      FROM temp.attribute_groups g, json_each(g.attributes) j
      JOIN attribute_keys k ON k.import_id = g.import_id AND k.key = j.key AND k.complete = 1
      GROUP BY g.import_id, j.key, CAST(j.value AS TEXT), ${grouped};
    DROP TABLE temp.attribute_groups;`);
}

export function deleteAttributeCube(db: Db, importId: number): void {
  db.prepare('DELETE FROM attribute_cube WHERE import_id = ?').run(importId);
  db.prepare('DELETE FROM attribute_keys WHERE import_id = ?').run(importId);
}

/** Keys some current answer carries and no current import marks incomplete. */
export function completeAttributeKeys(db: Db): Set<string> {
  return new Set(
    db
      .prepare('SELECT key FROM attribute_keys GROUP BY key HAVING min(complete) = 1')
      .pluck()
      .all() as string[],
  );
}

/** Drops the NPS scopes of the keys kept before and not after. */
export function dropScopes(db: Db, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
  const drop = db.prepare('DELETE FROM nps_matrix WHERE substr(scope, 1, length(?)) = ?');
  for (const key of before) if (!after.has(key)) drop.run(scopePrefix(key), scopePrefix(key));
}

/**
 * How walks over account_answers (alias a) learn each NPS answer's attribute scopes: the column to
 * select and the join that gives it, and the scopes of a row's attributes text (the complete keys'
 * values only). Without complete keys nothing is joined.
 */
export interface AttributeScopes {
  select: string;
  join: string;
  scopesOf(attributes: unknown): readonly string[] | null;
}

export function attributeScopes(
  db: Db,
  keys: ReadonlySet<string> = completeAttributeKeys(db),
): AttributeScopes {
  if (keys.size === 0) return { select: 'NULL', join: '', scopesOf: () => null };
  const remembered = new Map<string, readonly string[] | null>();
  const read = (text: string): readonly string[] | null => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return null;
    }
    if (parsed === null || typeof parsed !== 'object') return null;
    const scopes = Object.entries(parsed as Record<string, unknown>).flatMap(([key, value]) =>
      keys.has(key) && typeof value === 'string' ? [attributeScope(key, value)] : [],
    );
    return scopes.length ? scopes : null;
  };
  return {
    select: 'ar.attributes',
    join: ' LEFT JOIN responses ar ON ar.rowid = a.response_rowid',
    scopesOf(attributes) {
      if (typeof attributes !== 'string') return null;
      let scopes = remembered.get(attributes);
      if (scopes === undefined) {
        scopes = read(attributes);
        if (remembered.size < REMEMBERED_ROWS) remembered.set(attributes, scopes);
      }
      return scopes;
    },
  };
}

/** Rebuilds the attribute cube and, from it, the NPS matrices (migration: files with answers already). */
export function migrateAttributeCube(db: Db, refreshNpsMatrix: (db: Db) => void): void {
  db.exec(`
    CREATE TABLE attribute_keys (
      import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      complete INTEGER NOT NULL, -- 0: too many values or a value that is not text: not kept
      PRIMARY KEY (import_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE attribute_cube (
      import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      survey TEXT NOT NULL,
      item TEXT NOT NULL,
      dimension TEXT,
      measure TEXT,
      touchpoint TEXT,
      channel TEXT,
      segment TEXT,
      region TEXT,
      month TEXT,
      scale_min REAL NOT NULL,
      scale_max REAL NOT NULL,
      score REAL NOT NULL,
      n INTEGER NOT NULL,
      first_date TEXT,
      last_date TEXT
    );
    -- Covers the scorecard's survey buckets of one value (7 ms instead of 55 on 1M answers).
    CREATE INDEX attribute_cube_value
      ON attribute_cube(key, value COLLATE NOCASE, survey, month, score, scale_min, scale_max, n);
    CREATE INDEX attribute_cube_import ON attribute_cube(import_id);`);
  if (db.prepare('SELECT 1 FROM responses WHERE attributes IS NOT NULL LIMIT 1').get() === undefined) return;
  rebuildAttributeCube(db, null);
  refreshNpsMatrix(db);
}

// ---------------------------------------------------------------- reading

/** The one answer-attribute condition of `filters`, when the cube holds its key and the rest are cube columns. */
function keptCondition(db: Db, filters: Filters): { condition: FilterCondition; rest: Filters } | null {
  const own = filters.filter((c) => c.kind === 'answer-attribute');
  const [condition] = own;
  if (own.length !== 1 || !condition) return null;
  const rest = filters.filter((c) => c !== condition);
  if (!cubeCanAnswer(rest)) return null;
  const incomplete = db
    .prepare('SELECT 1 FROM attribute_keys WHERE key = ? AND complete = 0 LIMIT 1')
    .get(condition.key);
  return incomplete === undefined ? { condition, rest } : null;
}

/**
 * For an answer-attribute filter: the attribute cube (the answer cube's columns, read in its place)
 * and the ` AND …` conditions on it, the other filters' included; null when it cannot answer (the
 * key is not kept, two attribute keys, or a condition the cube lacks).
 */
export function attributeCubeSource(db: Db, filters: Filters): { table: string; where: Fragment } | null {
  const kept = keptCondition(db, filters);
  if (!kept) return null;
  const { condition, rest } = kept;
  const marks = condition.matches.map(() => '?').join(', ');
  const others = cubeFilter(rest);
  return {
    table: 'attribute_cube',
    where: {
      sql: ` AND key = ? AND value COLLATE NOCASE IN (${marks})${others.sql}`,
      params: [condition.key, ...condition.matches, ...others.params],
    },
  };
}

/** The NPS matrix scope that holds exactly the answers `own` keeps (one kept attribute value), else null. */
export function attributeNpsScope(db: Db, own: Filters): string | null {
  const kept = keptCondition(db, own);
  if (!kept || kept.rest.length > 0 || kept.condition.matches.length !== 1) return null;
  return attributeScope(kept.condition.key, kept.condition.matches[0] as string);
}
