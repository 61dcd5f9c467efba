/**
 * A filter on an attribute the answers carry themselves (an extra column of the survey file) reads
 * the attribute cube and the NPS matrix's attribute scopes; the scorecard and the gap report must
 * come out exactly as when they read the answers (the scan the pre-aggregates replace), on an
 * engagement imported through the importer: answers without the attribute, values differing only
 * in letter case, a superseding second file, customers and revenue for the account KPIs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeGapReport, computeScorecard } from '../../../src/core/analysis';
import { resolveFilters } from '../../../src/core/analysis/filters';
import { importFile, type Mapping } from '../../../src/core/import';
import { openEngagement, removeImport, SCHEMA_VERSION, type Db } from '../../../src/core/store';
import { attributeCubeSource, attributeNpsScope, VALUE_CAP } from '../../../src/core/store/attribute-cube';
import { surveyBuckets } from '../../../src/core/store/scorecard-queries';
import { useTempDir } from '../../helpers';
import { answersMapping as answers, random } from './answer-files';

const tempDir = useTempDir();

/** Answers over 2025 with language (cases and blanks), queue and a free-text ref (over the cap). */
function answersFile(dir: string, name: string, from: number, rows: number, seed: number): string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const lines = ['rid,person,customer,date,touchpoint,nps,csat,ces,language,queue,ref'];
  for (let i = 0; i < rows; i += 1) {
    const date = `2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    lines.push(
      [
        `R${from + i}`,
        `P${Math.floor(rnd() * 150)}`,
        rnd() < 0.1 ? '' : `C${Math.floor(rnd() * 40)}`,
        date,
        pick(['Web', 'Store', 'Phone']),
        String(Math.floor(rnd() * 11)),
        rnd() < 0.3 ? '' : String(1 + Math.floor(rnd() * 5)),
        rnd() < 0.5 ? '' : String(1 + Math.floor(rnd() * 7)),
        pick(['en', 'EN', 'En', 'de', 'DE', 'fr', '', '']),
        pick(['billing', 'Billing', 'tech', '']),
        `ref-${seed}-${i}`,
      ].join(','),
    );
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function engagement(dir: string) {
  const e = openEngagement(join(dir, 'attributes.cxb'));
  const customers = [
    'id,segment',
    ...Array.from({ length: 40 }, (_, c) => `C${c},${c % 3 ? 'SMB' : 'Enterprise'}`),
  ];
  writeFileSync(join(dir, 'customers.csv'), customers.join('\n') + '\n');
  await importFile(e.db, {
    file: join(dir, 'customers.csv'),
    mapping: { kind: 'customers', fields: { customer_id: 'id', segment: 'segment' } },
  });
  const rnd = random(99);
  const revenue = ['customer,month,mrr'];
  for (let c = 0; c < 40; c += 1)
    for (let m = 1; m <= 12; m += 1)
      if (rnd() < 0.95)
        revenue.push(`C${c},2025-${String(m).padStart(2, '0')},${100 + Math.floor(rnd() * 900)}`);
  writeFileSync(join(dir, 'revenue.csv'), revenue.join('\n') + '\n');
  await importFile(e.db, {
    file: join(dir, 'revenue.csv'),
    mapping: { kind: 'revenue', fields: { customer_id: 'customer', period: 'month', mrr: 'mrr' } },
  });
  await importFile(e.db, { file: answersFile(dir, 'a.csv', 0, 400, 1), mapping: answers });
  // Overlapping keys: the second file supersedes some of the first's answers.
  await importFile(e.db, { file: answersFile(dir, 'b.csv', 300, 300, 2), mapping: answers });
  return e;
}

/** Runs `read` with the pre-aggregates, then with every attribute key marked not kept (the scan). */
function bothWays<T>(db: Db, read: () => T): { cube: T; scan: T } {
  const cube = read();
  db.exec('SAVEPOINT scan');
  try {
    db.exec('UPDATE attribute_keys SET complete = 0');
    return { cube, scan: read() };
  } finally {
    db.exec('ROLLBACK TO scan; RELEASE scan');
  }
}

const FILTERS: Array<Record<string, string>> = [
  { language: 'en' },
  { language: 'EN' },
  { LANGUAGE: 'De' },
  { language: 'fr' },
  { language: 'it' },
  { queue: 'billing' },
  { language: 'en', touchpoint: 'Web' },
  { language: 'de', segment: 'enterprise' },
];
const PERIODS = ['all', '2025', '2025-Q2', '2025-07'];

describe('the attribute cube', () => {
  it('gives the scorecard and the gap report the scan’s figures for attribute filters', async () => {
    const e = await engagement(tempDir());
    expect(e.db.prepare('SELECT count(*) FROM responses WHERE active = 0').pluck().get()).toBeGreaterThan(0);
    for (const filters of FILTERS) {
      const resolved = resolveFilters(e.db, filters);
      expect(attributeCubeSource(e.db, resolved), JSON.stringify(filters)).not.toBeNull();
      for (const period of PERIODS) {
        const card = bothWays(e.db, () => computeScorecard(e.db, { period, filters }));
        expect(card.cube, `${period} ${JSON.stringify(filters)}`).toEqual(card.scan);
        const gap = bothWays(e.db, () => computeGapReport(e.db, { period, filters }));
        expect(gap.cube, `${period} ${JSON.stringify(filters)}`).toEqual(gap.scan);
      }
      // A single attribute filter reads its NPS matrix scope (the account KPIs above compared it).
      if (Object.keys(filters).length === 1) expect(npsScopeOf(e.db, filters)).not.toBeNull();
    }
    e.close();
  });

  it('counts what the rule written out in SQL keeps, in any letter case', async () => {
    const e = await engagement(tempDir());
    for (const value of ['en', 'EN', 'de', 'fr']) {
      const cube = surveyBuckets(e.db, null, resolveFilters(e.db, { language: value }));
      const rule = e.db
        .prepare(
          `SELECT survey, substr(responded_on, 1, 7) AS month, score, scale_min AS scaleMin, scale_max AS scaleMax, count(*) AS n
           FROM responses WHERE active = 1 AND survey IN ('nps', 'csat', 'ces')
             AND json_extract(attributes, '$.language') = ? COLLATE NOCASE
           GROUP BY 1, 2, 3, 4, 5`,
        )
        .all(value);
      const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(cube.length).toBeGreaterThan(0);
      expect(sorted(cube)).toEqual(sorted(rule));
    }
    e.close();
  });

  it('does not keep a key with more values than a filter bar lists, until that import is gone', async () => {
    const dir = tempDir();
    const e = await engagement(dir);
    const ref = resolveFilters(e.db, { ref: 'ref-1-3' });
    expect(attributeCubeSource(e.db, ref)).toBeNull();
    expect(e.db.prepare(`SELECT count(*) FROM attribute_cube WHERE key = 'ref'`).pluck().get()).toBe(0);
    const few = answersFile(dir, 'few.csv', 5000, VALUE_CAP - 10, 3);
    const report = await importFile(e.db, { file: few, mapping: answers });
    expect(attributeCubeSource(e.db, ref)).toBeNull();
    const wide = e.db
      .prepare(`SELECT id FROM imports WHERE kind = 'responses' AND id <> ?`)
      .pluck()
      .all(report.importId) as number[];
    for (const id of wide) removeImport(e.db, id);
    const kept = resolveFilters(e.db, { ref: 'REF-3-7' });
    expect(attributeCubeSource(e.db, kept)).not.toBeNull();
    const figures = bothWays(e.db, () =>
      computeScorecard(e.db, { period: 'all', filters: { ref: 'REF-3-7' } }),
    );
    expect(figures.cube).toEqual(figures.scan);
    expect(figures.cube.kpis.find((k) => k.id === 'nps')?.n).toBe(1);
    e.close();
  });
});

describe('migration 15', () => {
  it('builds the attribute cube and its NPS scopes for a file that holds answers already', async () => {
    const dir = tempDir();
    const e = await engagement(dir);
    const sorted = (db: Db, sql: string) =>
      (db.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    const attributeAggregates = (db: Db) => ({
      cube: sorted(db, 'SELECT * FROM attribute_cube'),
      keys: sorted(db, 'SELECT * FROM attribute_keys'),
      scopes: sorted(
        db,
        `SELECT scope, customer_ids, hex(offsets), hex(months), hex(promoters), hex(passives), hex(detractors),
           hex(latest), hex(latest_days) FROM nps_matrix WHERE scope LIKE 'attribute:%'`,
      ),
    });
    const kept = attributeAggregates(e.db);
    expect(kept.scopes.length).toBe(3 + 2); // en, de, fr; billing, tech
    // The file as version 14 left it.
    e.db.exec(`DROP TABLE attribute_cube; DROP TABLE attribute_keys;
      DELETE FROM nps_matrix WHERE scope LIKE 'attribute:%'`);
    e.db.pragma('user_version = 14');
    e.close();
    const migrated = openEngagement(join(dir, 'attributes.cxb'));
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(attributeAggregates(migrated.db)).toEqual(kept);
    migrated.close();
  });
});

describe('an attribute filter on churn by NPS class (dated churn, no revenue)', () => {
  it('classes each customer by their latest answer carrying the value', async () => {
    const dir = tempDir();
    const e = openEngagement(join(dir, 'churn.cxb'));
    const customers = [
      'id,acquired,churned',
      'C1,2024-01-01,2025-05-10',
      'C2,2024-01-01,',
      'C3,2024-02-01,2025-04-02',
    ];
    await importLines(e.db, join(dir, 'c.csv'), customers, {
      kind: 'customers',
      fields: { customer_id: 'id', acquired_on: 'acquired', churned_on: 'churned' },
    });
    const lines = [
      'rid,person,customer,date,touchpoint,nps,language',
      'R1,P1,C1,2025-01-05,Web,9,en',
      'R2,P2,C2,2025-02-05,Web,3,de',
      'R3,P3,C3,2025-02-07,Web,5,EN',
      'R4,P3,C3,2025-01-07,Web,10,de',
    ];
    await importLines(e.db, join(dir, 'a.csv'), lines, { ...answers, items: answers.items?.slice(0, 1) });
    const churn = (filters: Record<string, string>) =>
      computeScorecard(e.db, { period: '2025-Q2', filters })
        .kpis.filter((k) => k.id.startsWith('logo-churn:'))
        .map((k) => `${k.id} ${k.value} n=${k.n}`);
    // C1 (promoter) and C3 (latest answer 5: detractor) churned in Q2; C2 (detractor) stayed.
    expect(churn({})).toEqual([
      'logo-churn:promoter 100 n=1',
      'logo-churn:passive null n=null',
      'logo-churn:detractor 50 n=2',
    ]);
    // language=en keeps R1 and R3: C1 promoter, C3 detractor, both lost.
    expect(churn({ language: 'en' })).toEqual([
      'logo-churn:promoter 100 n=1',
      'logo-churn:passive null n=null',
      'logo-churn:detractor 100 n=1',
    ]);
    // language=de keeps R2 and R4: C2 detractor (stayed), C3 promoter (lost).
    expect(churn({ language: 'DE' })).toEqual([
      'logo-churn:promoter 100 n=1',
      'logo-churn:passive null n=null',
      'logo-churn:detractor 0 n=1',
    ]);
    e.close();
  });
});

async function importLines(db: Db, file: string, lines: string[], mapping: Mapping): Promise<void> {
  writeFileSync(file, lines.join('\n') + '\n');
  await importFile(db, { file, mapping });
}

function npsScopeOf(db: Db, filters: Record<string, string>): string | null {
  const own = resolveFilters(db, filters).filter((c) => c.kind === 'answer-attribute' || c.kind === 'answer');
  return attributeNpsScope(db, own);
}
