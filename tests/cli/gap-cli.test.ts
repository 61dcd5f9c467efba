import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngagement, refreshAggregates } from '../../src/core/store';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Onboarding: staff 5,5,4,5,5,4 vs customers 2,3,3,2,4 (as "On-boarding") on 1–5. */
function seedEngagement(path: string): void {
  const e = openEngagement(path);
  try {
    const db = e.db;
    db.prepare(
      `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected,
        facts_written, imported_at) VALUES ('seed.csv', 'abc', 'responses', '{}', 0, 0, 0, 0, '2026-07-31T00:00:00Z')`,
    ).run();
    db.prepare(
      `INSERT INTO touchpoints (name, aliases, journey_stage, stated_importance, import_id)
       VALUES ('Onboarding', '["On-boarding"]', 'Start', 1, 1)`,
    ).run();
    const staff = db.prepare(
      `INSERT INTO assessments (respondent, touchpoint, item, score, scale_min, scale_max, import_id)
       VALUES (?, 'Onboarding', 'q', ?, 1, 5, 1)`,
    );
    [5, 5, 4, 5, 5, 4].forEach((score, i) => staff.run(`s${i}`, score));
    const customer = db.prepare(
      `INSERT INTO responses (respondent_id, responded_on, survey, item, score, scale_min, scale_max, touchpoint, segment, import_id)
       VALUES (?, '2026-07-15', 'csat', 'q', ?, 1, 5, 'On-boarding', ?, 1)`,
    );
    [2, 3, 3, 2, 4].forEach((score, i) => customer.run(`c${i}`, score, i < 3 ? 'SMB' : 'Enterprise'));
    refreshAggregates(db); // rows written with SQL, not the importer
  } finally {
    e.close();
  }
}

describe('cxbrief gap (child process)', () => {
  it('prints the documented JSON and a readable table', () => {
    const cxb = join(tempDir(), 'acme.cxb');
    seedEngagement(cxb);

    const json = cxbrief('gap', cxb, '--json');
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.version).toBe(1);
    expect(Object.keys(report)).toEqual([
      'version',
      'metadata',
      'headline',
      'touchpoints',
      'stages',
      'multipleTesting',
      'importance',
      'quadrant',
      'priorities',
      'internalIpa',
      'servqual',
      'keyMessages',
      'unmatched',
    ]);
    expect(report.metadata).toMatchObject({ period: { label: 'all' }, asOf: '2026-07-15', filters: {} });
    const onb = report.touchpoints[0];
    expect(onb).toMatchObject({
      touchpoint: 'Onboarding',
      journeyStage: 'Start',
      internal: { n: 6 },
      customer: { n: 5 },
    });
    expect(onb.internal.mean).toBeCloseTo(550 / 6, 9);
    expect(onb.customer.mean).toBeCloseTo(45, 9);
    expect(onb.gap).toBeCloseTo(550 / 6 - 45, 9);
    expect(onb.smallSample).toBe(true);
    expect(onb.significant).toBeNull();

    const filtered = JSON.parse(
      cxbrief('gap', cxb, '--json', '--filter', 'segment=SMB', '--period', '2026-Q3').stdout,
    );
    expect(filtered.metadata.filters).toEqual({ segment: 'SMB' });
    expect(filtered.touchpoints[0].customer).toMatchObject({ n: 3 });
    expect(filtered.touchpoints[0].customer.mean).toBeCloseTo(125 / 3, 9);

    const text = cxbrief('gap', cxb);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Expectation gap — period all/);
    expect(text.stdout).toMatch(/Onboarding\s+Start\s+6\s+91\.7\s+5\s+45\.0\s+46\.7/);
  });

  it('exits 1 with one line for a bad period, filter or missing file', () => {
    const cxb = join(tempDir(), 'acme.cxb');
    seedEngagement(cxb);
    for (const args of [
      ['gap', cxb, '--period', '2026-Q5'],
      ['gap', cxb, '--filter', 'segment'],
      ['gap', join(tempDir(), 'missing.cxb')],
      ['gap'],
    ]) {
      const r = cxbrief(...args);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^cxbrief gap: /);
    }
  });
});
