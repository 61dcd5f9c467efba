import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../src/demo/build';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('demo engagement built through the real importer', () => {
  it('accepts every generated row with detected mappings and stores what truth.json planted', async () => {
    const build = await buildDemoEngagement(join(tempDir(), 'demo.cxb'));
    const truth = JSON.parse(readFileSync(join(build.filesDir, 'truth.json'), 'utf8'));
    for (const report of build.imports) {
      expect({ file: report.fileName, rejected: report.rowsRejected }).toEqual({
        file: report.fileName,
        rejected: 0,
      });
      expect(report.rowsRead).toBe(truth.rows[report.fileName]);
    }
    const db = new Database(build.path, { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM customers WHERE active = 1')).toBe(truth.rows['customers.csv']);
    expect(count('SELECT count(*) AS n FROM responses WHERE active = 1')).toBe(truth.rows['responses.csv']);
    expect(count('SELECT count(*) AS n FROM assessments WHERE active = 1')).toBe(
      truth.rows['assessments.xlsx'],
    );
    const wide = build.manifest.files.find((f) => f.kind === 'revenue-wide');
    expect(count('SELECT count(*) AS n FROM revenue WHERE active = 1')).toBe(
      truth.rows['revenue_long.csv'] + Number(wide?.details?.customerMonths),
    );
    // Planted e-mail addresses and phone numbers in comments are all masked, nothing else.
    const responsesImport = build.imports.find((r) => r.fileName === 'responses.csv');
    expect(responsesImport?.redactions).toBe(truth.pii.byKind.email + truth.pii.byKind.phone);
    expect(count(`SELECT count(*) AS n FROM responses WHERE comment LIKE '%@example.%'`)).toBe(0);
    // Realised NPS per quarter, computed here with SQL written out in full.
    const quarters = db
      .prepare(
        `SELECT substr(responded_on, 1, 4) || '-Q' || ((cast(substr(responded_on, 6, 2) AS integer) + 2) / 3) AS period,
                count(*) AS n, sum(score >= 9) AS promoters, sum(score <= 6) AS detractors
         FROM responses WHERE active = 1 AND survey = 'nps' GROUP BY period ORDER BY period`,
      )
      .all() as Array<{ period: string; n: number; promoters: number; detractors: number }>;
    for (const planted of truth.nps.quarters) {
      const stored = quarters.find((q) => q.period === planted.period);
      expect(stored).toMatchObject({
        n: planted.n,
        promoters: planted.promoters,
        detractors: planted.detractors,
      });
    }
    db.close();
  });
});
