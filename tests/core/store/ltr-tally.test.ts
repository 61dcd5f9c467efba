/**
 * The derived-importance groups an import collects in memory equal the SQL pass over the same
 * answers (the pass that a rebuild, a replacement or a removal uses): the same respondents,
 * touchpoints and sums, with SERVQUAL expectations, NPS, answers without a touchpoint and scales
 * without width handled alike. Past its limits the tally gives up and says so.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LtrTally, packedBuffers, packedLtrSource, type LtrGroup } from '../../../src/core/store/ltr-tally';

/** An answer as LtrTally.add takes it: respondent, survey, touchpoint, measure, score, scale. */
type Answer = Parameters<LtrTally['add']>;

function answers(count: number, seed: number): Answer[] {
  let s = seed;
  // mulberry32 (an LCG in doubles loses precision and falls into short cycles).
  const next = (n: number) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const surveys = ['nps', 'csat', 'ces', 'servqual', 'rating'];
  const touchpoints = ['Web', 'Store', 'Phone', null];
  const out: Answer[] = [];
  for (let i = 0; i < count; i += 1) {
    const survey = surveys[next(surveys.length)] as string;
    const [min, max] = survey === 'nps' ? [0, 10] : next(20) === 0 ? [3, 3] : [1, 7];
    const measure = survey === 'servqual' ? (next(2) ? 'expectation' : 'perception') : null;
    out.push([
      // Ids longer than 12 characters and ids that differ in case: both must stay apart.
      [`person-with-a-long-id-${next(40)}`, `P${next(30)}`, `p${next(30)}`, `Zoë-${next(5)}`][
        next(4)
      ] as string,
      survey,
      touchpoints[next(touchpoints.length)] as string | null,
      measure,
      min + next(max - min + 1),
      min,
      max,
    ]);
  }
  return out;
}

/** The SQL grouping aggregates.ts runs over stored answers, on a real SQLite file of the same answers. */
function sqlGroups(rows: Answer[]): LtrGroup[] {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE responses (respondent_id TEXT, survey TEXT, touchpoint TEXT, measure TEXT,
    score REAL, scale_min REAL, scale_max REAL)`);
  const insert = db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const row of rows) insert.run(...row);
  const NORM = '(score - scale_min) * 100.0 / (scale_max - scale_min)';
  const groups = db
    .prepare(
      `SELECT respondent_id, CASE WHEN survey = 'nps' THEN NULL ELSE touchpoint END AS t, count(*),
         TOTAL(${NORM}), TOTAL(${NORM} * ${NORM}) FROM responses
       WHERE (survey <> 'nps' AND touchpoint IS NOT NULL AND (measure IS NULL OR measure <> 'expectation')
              AND scale_max > scale_min) OR (survey = 'nps' AND scale_max > scale_min)
       GROUP BY respondent_id, t ORDER BY respondent_id, t`,
    )
    .raw()
    .all() as LtrGroup[];
  db.close();
  return groups;
}

function byKey(groups: Iterable<LtrGroup>): Map<string, LtrGroup> {
  return new Map([...groups].map((g) => [`${g[0]}\u0000${g[1] ?? ''}`, g]));
}

describe('LtrTally', () => {
  it('groups the answers as the SQL pass does', () => {
    for (const seed of [1, 7, 42]) {
      const rows = answers(3000, seed);
      const tally = new LtrTally();
      for (const row of rows) tally.add(...row);
      const mine = byKey(tally.groups() ?? []);
      const theirs = byKey(sqlGroups(rows));
      expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [key, [, , n, sum, sumSq]] of theirs) {
        const got = mine.get(key) as LtrGroup;
        expect(got[2]).toBe(n);
        expect(got[3]).toBeCloseTo(sum, 6);
        expect(got[4]).toBeCloseTo(sumSq, 4);
      }
    }
  });

  it("gives each respondent's groups together, respondents in order of their id", () => {
    const tally = new LtrTally();
    for (const row of answers(2000, 3)) tally.add(...row);
    const ids = [...(tally.groups() ?? [])].map((g) => g[0]);
    const runs = ids.filter((id, i) => i === 0 || id !== ids[i - 1]);
    expect(runs).toEqual([...new Set(ids)].sort());
  });

  it('gives up past its limits, so the SQL pass counts instead', () => {
    const rows = answers(500, 5);
    const fewRespondents = new LtrTally({ respondents: 10, answers: 10_000 });
    const fewAnswers = new LtrTally({ respondents: 10_000, answers: 100 });
    const enough = new LtrTally({ respondents: 10_000, answers: 10_000 });
    for (const row of rows) [fewRespondents, fewAnswers, enough].forEach((t) => t.add(...row));
    expect(fewRespondents.groups()).toBeNull();
    expect(fewAnswers.groups()).toBeNull();
    expect(enough.groups()).not.toBeNull();
  });

  it('gives up on a score it cannot keep in two bytes (the SQL pass counts it exactly)', () => {
    const halves = new LtrTally();
    halves.add('P1', 'nps', null, null, 7, 0, 10);
    halves.add('P1', 'csat', 'Web', null, 3.5, 1, 5);
    expect(halves.groups()).toBeNull();
    const whole = new LtrTally();
    whole.add('P1', 'nps', null, null, 7, 0, 10);
    whole.add('P1', 'csat', 'Web', null, 4, 1, 5);
    expect([...(whole.groups() ?? [])]).toEqual([
      ['P1', null, 1, 70, 4900],
      ['P1', 'Web', 1, 75, 5625],
    ]);
  });

  it('packs its groups in chunks that unpack, moved to another thread, to exactly the same groups', () => {
    const rows = answers(3000, 11);
    const direct = new LtrTally();
    const packing = new LtrTally();
    for (const row of rows) [direct, packing].forEach((t) => t.add(...row));
    const chunks = [...(packing.packedChunks(7) ?? [])];
    // 7 respondents a chunk: many chunks, none holding more, every respondent's groups in one.
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.respondents.length))).toBe(7);
    const moved = chunks.map((chunk) => structuredClone(chunk, { transfer: packedBuffers(chunk) }));
    expect(chunks[0]?.sums.length).toBe(0); // the buffers went, not copies
    const unpacked = moved.flatMap((chunk) => [...(packedLtrSource(chunk).groups() ?? [])]);
    expect(unpacked).toEqual([...(direct.groups() ?? [])]);
  });

  it('packs nothing when it gave up, so the SQL pass counts', () => {
    const tally = new LtrTally({ respondents: 2, answers: 100 });
    for (const row of answers(50, 2)) tally.add(...row);
    expect(tally.packedChunks()).toBeNull();
    expect(packedLtrSource(null).groups()).toBeNull();
  });
});
