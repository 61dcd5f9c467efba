/**
 * The pre-aggregates an import keeps up to date from its own rows (and from the rows a
 * replacement or a removal takes away or brings back) equal a full rebuild from the current rows,
 * after every step of random sequences of imports, replacements, removals and customer files on a
 * real engagement file.
 *
 * Counts, dates, blobs and id lists must be equal exactly. The derived-importance sums are floats
 * updated by differences (a respondent's share out, then in): they must agree within 1e-9 relative,
 * far above what rounding can reach here (a few hundred terms of at most 100 × 100, each op off by
 * at most 2^-53 relative, and every term ≥ 0 so no cancellation magnifies it) and far below any
 * digit the gap report prints.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportReport, type Mapping } from '../../../src/core/import';
import { openEngagement, refreshAggregates, removeImport, type Db } from '../../../src/core/store';
import { CustomerBuckets } from '../../../src/core/store/customer-buckets';
import { VALUE_CAP } from '../../../src/core/store/attribute-cube';
import { useTempDir } from '../../helpers';
import { answersMapping, random } from './answer-files';

const tempDir = useTempDir();

const withSegment: Mapping = { ...answersMapping, fields: { ...answersMapping.fields, segment: 'segment' } };
const customersMapping: Mapping = { kind: 'customers', fields: { customer_id: 'id', segment: 'segment' } };

const TOUCHPOINTS = ['Web', 'Store', 'Phone', ''];

type Step =
  | { kind: 'import'; from: number; rows: number; seed: number; ownSegment: boolean; manyRefs?: boolean }
  | { kind: 'replace'; pick: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'customers'; seed: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      from: fc.nat(60),
      rows: fc.integer({ min: 1, max: 40 }),
      seed: fc.nat(),
      ownSegment: fc.boolean(),
      // A file whose ref column has more distinct values than the attribute cube keeps per key.
      manyRefs: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('customers' as const), seed: fc.nat() }) },
);

/** Values of the language attribute (unmapped column): letter cases and blanks (no attribute). */
const LANGUAGES = ['en', 'EN', 'En', 'de', 'fr', ''];

/**
 * An answers file: keys `R<from>`… (overlapping earlier files' keys), a few people, customers and
 * days, and two unmapped columns kept as the answers' own attributes: language, and ref (a few
 * values, or with manyRefs one per row, more than the attribute cube keeps).
 */
function answersFile(dir: string, name: string, s: Extract<Step, { kind: 'import' }>): string {
  const rnd = random(s.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const score = (min: number, max: number) =>
    rnd() < 0.2 ? '' : String(min + Math.floor(rnd() * (max - min + 1)));
  const lines = [
    `rid,person,customer,date,touchpoint,nps,csat,ces,language,ref${s.ownSegment ? ',segment' : ''}`,
  ];
  const count = s.manyRefs ? VALUE_CAP + 5 : s.rows;
  for (let i = 0; i < count; i += 1) {
    const day = `2025-${String(1 + Math.floor(rnd() * 4)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 3)).padStart(2, '0')}`;
    const customer = rnd() < 0.15 ? '' : `C${Math.floor(rnd() * 6)}`;
    lines.push(
      [
        `R${s.from + i}`,
        `P${Math.floor(rnd() * 9)}`,
        customer,
        day,
        pick(TOUCHPOINTS),
        score(0, 10),
        score(1, 5),
        score(1, 7),
        pick(LANGUAGES),
        s.manyRefs ? `ref-${i}` : pick(['a', 'b', '']),
        ...(s.ownSegment ? [pick(['SMB', 'Enterprise', ''])] : []),
      ].join(','),
    );
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function customersFile(dir: string, name: string, seed: number): string {
  const rnd = random(seed);
  const lines = ['id,segment'];
  for (let c = 0; c < 6; c += 1) if (rnd() < 0.8) lines.push(`C${c},${rnd() < 0.5 ? 'SMB' : 'Enterprise'}`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

type Snapshot = Record<string, unknown>;

function rows(db: Db, sql: string): string[] {
  return (db.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
}

/** Float columns compared within tolerance: [table, key columns, integer columns, float columns]. */
const SUMS: Array<[string, string, string, string]> = [
  ['ltr_sums', 'touchpoint', 'n', 'sum_x, sum_y, sum_xx, sum_yy, sum_xy'],
  ['ltr_respondents', 'respondent_id', 'n', 'sum_y'],
];

function exactSnapshot(db: Db): Snapshot {
  const segments = new Map<string, number>();
  CustomerBuckets.load(db, null)?.forEachEntry((customer, month, bucket, n) => {
    const key = JSON.stringify([customer, month, bucket]);
    segments.set(key, (segments.get(key) ?? 0) + n);
  });
  return {
    cube: rows(db, 'SELECT * FROM response_cube'),
    attributeCube: rows(db, 'SELECT * FROM attribute_cube'),
    attributeKeys: rows(db, 'SELECT * FROM attribute_keys'),
    surveyMonths: rows(db, 'SELECT * FROM survey_months'),
    accountAnswers: rows(db, 'SELECT * FROM account_answers'),
    npsMatrix: rows(
      db,
      `SELECT scope, customer_ids, hex(offsets), hex(months), hex(promoters), hex(passives), hex(detractors),
         hex(latest), hex(latest_days) FROM nps_matrix`,
    ),
    bucketEntries: [...segments].sort(),
    bucketSegments: rows(db, 'SELECT import_id, own_keys FROM customer_bucket_segments'),
    ownKeys: rows(db, 'SELECT * FROM customer_buckets'),
    sumCounts: SUMS.map(([table, key, counts]) => rows(db, `SELECT ${key}, ${counts} FROM ${table}`)),
    ratingCounts: storedRatings(db)
      .map(([respondent, touchpoint, n]) => JSON.stringify([respondent, touchpoint, n]))
      .sort(),
  };
}

function sums(db: Db): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [table, key, , floats] of SUMS)
    for (const row of db.prepare(`SELECT ${key}, ${floats} FROM ${table}`).raw().all() as unknown[][]) {
      const keys = key.split(', ').length;
      out.set(JSON.stringify([table, ...row.slice(0, keys)]), row.slice(keys) as number[]);
    }
  for (const [respondent, touchpoint, , sumX, sumXX] of storedRatings(db))
    out.set(JSON.stringify(['ratings', respondent, touchpoint]), [sumX, sumXX]);
  return out;
}

/** Each respondent's stored ratings: [respondent, touchpoint, n, Σx, Σx²] (blobs of float64 quads by code). */
function storedRatings(db: Db): Array<[string, string, number, number, number]> {
  const names = new Map(
    db.prepare('SELECT code, touchpoint FROM ltr_touchpoints').raw().all() as Array<[number, string]>,
  );
  const out: Array<[string, string, number, number, number]> = [];
  for (const [respondent, blob] of db
    .prepare('SELECT respondent_id, ratings FROM ltr_respondents')
    .raw()
    .all() as Array<[string, Buffer]>)
    for (let at = 0; at < blob.length; at += 32)
      out.push([
        respondent,
        names.get(blob.readDoubleLE(at)) as string,
        blob.readDoubleLE(at + 8),
        blob.readDoubleLE(at + 16),
        blob.readDoubleLE(at + 24),
      ]);
  return out;
}

/** The pre-aggregates as kept, and as a rebuild makes them (rolled back afterwards). */
function compareWithRebuild(db: Db): void {
  const kept = exactSnapshot(db);
  const keptSums = sums(db);
  db.exec('SAVEPOINT rebuild');
  try {
    refreshAggregates(db);
    expect(kept).toEqual(exactSnapshot(db));
    const rebuilt = sums(db);
    expect([...keptSums.keys()].sort()).toEqual([...rebuilt.keys()].sort());
    for (const [key, values] of rebuilt) {
      const mine = keptSums.get(key) as number[];
      values.forEach((value, i) => {
        const difference = Math.abs((mine[i] as number) - value);
        if (difference > 1e-9 * Math.max(1, Math.abs(value)))
          throw new Error(`${key} sum ${i}: kept ${mine[i]}, rebuilt ${value}`);
      });
    }
  } finally {
    db.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  }
}

describe('pre-aggregates kept by imports, replacements and removals', () => {
  it('equal a full rebuild after every step of random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 9 }), async (steps) => {
        const dir = tempDir();
        const e = openEngagement(join(dir, 'property.cxb'));
        const imported: Array<{ id: number; file: string; mapping: Mapping }> = [];
        try {
          for (const [index, s] of steps.entries()) {
            if (s.kind === 'import') {
              const file = answersFile(dir, `answers-${index}.csv`, s);
              const mapping = s.ownSegment ? withSegment : answersMapping;
              const report: ImportReport = await importFile(e.db, { file, mapping, onDuplicate: 'skip' });
              if (report.importId !== null) imported.push({ id: report.importId, file, mapping });
            } else if (s.kind === 'customers') {
              const file = customersFile(dir, `customers-${index}.csv`, s.seed);
              await importFile(e.db, { file, mapping: customersMapping, onDuplicate: 'replace' });
            } else if (imported.length > 0) {
              const [chosen] = imported.splice(s.pick % imported.length, 1);
              if (!chosen) continue;
              if (s.kind === 'remove') removeImport(e.db, chosen.id);
              else {
                const report = await importFile(e.db, {
                  file: chosen.file,
                  mapping: chosen.mapping,
                  onDuplicate: 'replace',
                });
                expect(report.replacedImports).toEqual([chosen.id]);
                imported.push({ ...chosen, id: report.importId as number });
              }
            }
            compareWithRebuild(e.db);
          }
        } finally {
          e.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('a later file that supersedes answers moves every pre-aggregate (the check can fail)', async () => {
    const dir = tempDir();
    const e = openEngagement(join(dir, 'supersede.cxb'));
    await importFile(e.db, {
      file: answersFile(dir, 'a.csv', { kind: 'import', from: 0, rows: 30, seed: 1, ownSegment: false }),
      mapping: answersMapping,
    });
    const before = exactSnapshot(e.db);
    await importFile(e.db, {
      file: answersFile(dir, 'b.csv', { kind: 'import', from: 10, rows: 30, seed: 2, ownSegment: false }),
      mapping: answersMapping,
    });
    expect(e.db.prepare('SELECT count(*) FROM responses WHERE active = 0').pluck().get()).toBeGreaterThan(0);
    compareWithRebuild(e.db);
    // The second file moved the matrices, and a sum off by a millionth is caught.
    expect(exactSnapshot(e.db).npsMatrix).not.toEqual(before.npsMatrix);
    e.db.exec(`UPDATE ltr_sums SET sum_xy = sum_xy * 1.000001`);
    expect(() => compareWithRebuild(e.db)).toThrow(/sum 4/);
    e.close();
  });
});
