/**
 * Derived-importance sums (ltr_sums): per touchpoint, each rating of it (x) paired with the same
 * respondent's mean likelihood to recommend (y), both on 0–100, over every current answer (period
 * all, no filter). The same pairing as the gap report's filtered query (gap-queries
 * touchpointLtrSums).
 *
 * They are kept from per-respondent sums (ltr_respondents): a respondent's pairs are y × their
 * ratings, so when answers of a respondent start or stop counting, their old share is taken out,
 * their sums updated and their new share put in. A respondent's ratings are stored as a blob of
 * little-endian float64 quads [touchpoint code, n, Σx, Σx²] (codes in ltr_touchpoints): an import
 * touching 200k respondents read and wrote them as JSON for about a second.
 *
 * Float sums: shares are taken out and put back, so the result equals a rebuild to within rounding
 * (tests allow 1e-9 relative; every term is ≥ 0, so no cancellation magnifies it).
 */
import type { Db } from './engagement';
import type { LtrGroup } from './ltr-tally';
import { binaryOrder } from './binary-order';

const NORM = '(score - scale_min) * 100.0 / (scale_max - scale_min)';
/** A rating of a touchpoint (x): every answer but NPS and SERVQUAL expectations. */
const RATING = `survey <> 'nps' AND touchpoint IS NOT NULL AND (measure IS NULL OR measure <> 'expectation') AND scale_max > scale_min`;
/** A likelihood-to-recommend answer (y). */
const RECOMMEND = `survey = 'nps' AND scale_max > scale_min`;

/** Rebuilds ltr_sums and the per-respondent sums from every current answer. */
export function refreshLtrSums(db: Db): void {
  db.exec('DELETE FROM ltr_respondents');
  updateLtrSums(db, 'SELECT 1 AS sign, * FROM responses WHERE active = 1');
  db.exec(`
    DELETE FROM ltr_sums;
    INSERT INTO ltr_sums (touchpoint, n, sum_x, sum_y, sum_xx, sum_yy, sum_xy)
    WITH ltr AS MATERIALIZED (
      SELECT respondent_id, AVG(${NORM}) AS y FROM responses
      WHERE active = 1 AND ${RECOMMEND} GROUP BY respondent_id
    ), ratings AS (
      SELECT respondent_id, touchpoint, ${NORM} AS x FROM responses WHERE active = 1 AND ${RATING}
    )
    SELECT r.touchpoint, COUNT(*), TOTAL(r.x), TOTAL(l.y), TOTAL(r.x * r.x), TOTAL(l.y * l.y), TOTAL(r.x * l.y)
    FROM ratings r JOIN ltr l ON l.respondent_id = r.respondent_id
    GROUP BY r.touchpoint`);
}

/**
 * Moves the sums by the answers `changes` lists (SQL with a `sign` column and the responses
 * columns), grouped per respondent in one sorted pass. Costs one pass over the changes and one row
 * per respondent concerned, never a pass over every answer.
 */
export function updateLtrSums(db: Db, changes: string): void {
  const deltas = db
    .prepare(
      `SELECT respondent_id, CASE WHEN survey = 'nps' THEN NULL ELSE touchpoint END AS t, SUM(sign),
         TOTAL(sign * ${NORM}), TOTAL(sign * ${NORM} * ${NORM})
       FROM (${changes}) WHERE (${RATING}) OR (${RECOMMEND})
       GROUP BY respondent_id, t ORDER BY respondent_id, t`,
    )
    .raw();
  // The deltas are a sort's output, not ltr_respondents, so writing while reading them is safe.
  // (A larger page cache for the sort saved a quarter of its time but cost 60 MB of peak memory.)
  db.unsafeMode(true);
  try {
    addLtrGroups(db, deltas.iterate() as IterableIterator<LtrGroup>);
  } finally {
    db.unsafeMode(false);
  }
}

/** Moves the sums by `groups` (each respondent's groups together, as LtrTally and the SQL give them). */
export function addLtrGroups(db: Db, groups: Iterable<LtrGroup>): void {
  const chunk = new LtrChunk(db);
  let respondent: string | null = null;
  let own: OwnGroups = [];
  for (const [who, touchpoint, n, sum, sumSq] of groups) {
    if (who !== respondent) {
      if (respondent !== null) chunk.add(respondent, own);
      [respondent, own] = [who, []];
    }
    own.push([touchpoint, n, sum, sumSq]);
  }
  if (respondent !== null) chunk.add(respondent, own);
  chunk.finish();
}

type OwnGroups = Array<[touchpoint: string | null, n: number, sum: number, sumSq: number]>;

/**
 * A respondent's sums: likelihood-to-recommend answers and their ratings as `count` quads
 * [touchpoint code, n, Σx, Σx²] in `quads` (typed, as stored: a decoded array per respondent cost a
 * later import more in collection than in arithmetic).
 */
interface RespondentSums {
  n: number;
  sumY: number;
  quads: Float64Array;
  count: number;
}

/** Respondents read and written per statement (fewer calls: a 1M-answer import has 200k of them). */
const CHUNK = 200;
/** A range read holding more than this many stored respondents per respondent asked for is given up. */
const RANGE_AT_MOST = 4;

/**
 * Respondents' groups taken a chunk at a time (their stored sums read with one statement, written
 * with one), and the pair sums they move, per touchpoint code: n, Σx, Σy, Σx², Σy², Σxy.
 */
class LtrChunk {
  private readonly pending: Array<[string, OwnGroups]> = [];
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  private readonly totals = new Map<number, Float64Array>();
  private readonly codes: Map<string, number>;
  /** Whether stored sums are read as ranges of the key (storedSums). */
  private ranged = true;

  constructor(private readonly db: Db) {
    const rows = db.prepare('SELECT touchpoint, code FROM ltr_touchpoints').raw().all() as Array<
      [string, number]
    >;
    this.codes = new Map(rows);
  }

  add(respondent: string, own: OwnGroups): void {
    this.pending.push([respondent, own]);
    if (this.pending.length === CHUNK) this.flush();
  }

  /** Writes the last chunk and moves ltr_sums by the pair sums. */
  finish(): void {
    this.flush();
    const names = new Map([...this.codes].map(([name, code]) => [code, name]));
    const move = this.db.prepare(
      `INSERT INTO ltr_sums (touchpoint, n, sum_x, sum_y, sum_xx, sum_yy, sum_xy) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET n = n + excluded.n, sum_x = sum_x + excluded.sum_x, sum_y = sum_y + excluded.sum_y,
         sum_xx = sum_xx + excluded.sum_xx, sum_yy = sum_yy + excluded.sum_yy, sum_xy = sum_xy + excluded.sum_xy`,
    );
    for (const [code, t] of this.totals)
      move.run(names.get(code) as string, Math.round(t[0] as number), ...t.subarray(1));
    this.db.exec('DELETE FROM ltr_sums WHERE n = 0');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const ids = this.pending.map(([respondent]) => respondent);
    const stored = new Map(this.storedSums(ids).map((row) => [row[0], row]));
    const writes: unknown[] = [];
    for (const [respondent, own] of this.pending) {
      const sums = decoded(stored.get(respondent), own.length);
      this.addShare(sums, -1);
      this.apply(sums, own);
      this.addShare(sums, 1);
      if (sums.n === 0 && sums.count === 0) this.statement('remove', 1).run(respondent);
      else writes.push(respondent, sums.n, sums.sumY, encoded(sums));
    }
    if (writes.length) this.statement('write', writes.length / 4).run(writes);
    this.pending.length = 0;
  }

  /**
   * The stored sums of `ids`' respondents. Read as one range of the key (the ids come in key
   * order, and an import's respondents are most of those stored between its first and last)
   * until a range holds many others: then, for the rest of the import, looked up one by one.
   */
  private storedSums(ids: string[]): StoredRow[] {
    if (this.ranged) {
      const [low, high] = keyRange(ids);
      const limit = RANGE_AT_MOST * ids.length;
      const rows = this.statement('range', 1).raw().all(low, high, limit) as StoredRow[];
      if (rows.length < limit) return rows;
      this.ranged = false;
    }
    return this.statement('read', ids.length).raw().all(ids) as StoredRow[];
  }

  /** A respondent's sums moved by their groups of changed answers (touchpoints left with none dropped). */
  private apply(sums: RespondentSums, own: OwnGroups): void {
    const quads = sums.quads;
    for (const [touchpoint, n, sum, sumSq] of own) {
      if (touchpoint === null) {
        sums.n += n;
        sums.sumY += sum;
        continue;
      }
      const code = this.code(touchpoint);
      let at = 0;
      while (at < sums.count * 4 && quads[at] !== code) at += 4;
      if (at === sums.count * 4) sums.count += 1;
      quads[at] = code;
      quads[at + 1] = (quads[at + 1] as number) + n;
      quads[at + 2] = (quads[at + 2] as number) + sum;
      quads[at + 3] = (quads[at + 3] as number) + sumSq;
    }
    let kept = 0;
    for (let at = 0; at < sums.count * 4; at += 4) {
      if (quads[at + 1] === 0) continue;
      if (kept !== at) quads.copyWithin(kept, at, at + 4);
      kept += 4;
    }
    sums.count = kept / 4;
    if (sums.n === 0) sums.sumY = 0;
  }

  /** Adds (sign 1) or takes out (−1) a respondent's pairs: y (their mean) with each of their ratings. */
  private addShare(sums: RespondentSums, sign: number): void {
    if (sums.n === 0) return;
    const y = sums.sumY / sums.n;
    const quads = sums.quads;
    for (let at = 0; at < sums.count * 4; at += 4) {
      const code = quads[at] as number;
      const n = quads[at + 1] as number;
      const sumX = quads[at + 2] as number;
      const sumXX = quads[at + 3] as number;
      let t = this.totals.get(code);
      if (!t) this.totals.set(code, (t = new Float64Array(6)));
      t[0] = (t[0] as number) + sign * n;
      t[1] = (t[1] as number) + sign * sumX;
      t[2] = (t[2] as number) + sign * n * y;
      t[3] = (t[3] as number) + sign * sumXX;
      t[4] = (t[4] as number) + sign * n * y * y;
      t[5] = (t[5] as number) + sign * sumX * y;
    }
  }

  private code(touchpoint: string): number {
    let code = this.codes.get(touchpoint);
    if (code === undefined) {
      code = Number(
        this.db.prepare('INSERT INTO ltr_touchpoints (touchpoint) VALUES (?)').run(touchpoint)
          .lastInsertRowid,
      );
      this.codes.set(touchpoint, code);
    }
    return code;
  }

  private statement(kind: 'read' | 'range' | 'write' | 'remove', count: number): ReturnType<Db['prepare']> {
    const key = `${kind}${count}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const marks = new Array<string>(count).fill('?').join(', ');
      const rows = new Array<string>(count).fill('(?, ?, ?, ?)').join(', ');
      const sql = {
        read: `SELECT respondent_id, n, sum_y, ratings FROM ltr_respondents WHERE respondent_id IN (${marks})`,
        range: `SELECT respondent_id, n, sum_y, ratings FROM ltr_respondents WHERE respondent_id BETWEEN ? AND ? LIMIT ?`,
        write: `INSERT OR REPLACE INTO ltr_respondents (respondent_id, n, sum_y, ratings) VALUES ${rows}`,
        remove: 'DELETE FROM ltr_respondents WHERE respondent_id = ?',
      }[kind];
      statement = this.db.prepare(sql);
      // Only full chunks repeat; a last, shorter one is prepared once.
      if (count === 1 || count === CHUNK) this.statements.set(key, statement);
    }
    return statement;
  }
}

type StoredRow = [respondent: string, n: number, sumY: number, ratings: Buffer];

/** A stored row's sums (none when absent), with room for `more` touchpoints. */
function decoded(row: StoredRow | undefined, more: number): RespondentSums {
  const blob = row?.[3];
  const count = blob ? blob.length / 32 : 0;
  const quads = new Float64Array(4 * (count + more));
  if (blob) new Uint8Array(quads.buffer).set(blob);
  return { n: row?.[1] ?? 0, sumY: row?.[2] ?? 0, quads, count };
}

/** The blob of a respondent's quads (the little-endian float64 layout every supported platform has). */
function encoded(sums: RespondentSums): Buffer {
  return Buffer.from(sums.quads.buffer, 0, sums.count * 32);
}

/** The lowest and highest id in SQLite's order (binaryOrder), whatever order they come in. */
function keyRange(ids: readonly string[]): [string, string] {
  let [low, high] = [ids[0] as string, ids[0] as string];
  for (const id of ids) {
    if (binaryOrder(id, low) < 0) low = id;
    if (binaryOrder(id, high) > 0) high = id;
  }
  return [low, high];
}
