import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';
import { buildFixture } from '../core/scorecard/fixture';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cxbrief scorecard / settings / targets (child process)', () => {
  it('prints the documented --json shape, a table, and refuses bad periods and filters with exit 1', () => {
    const dir = tempDir();
    buildFixture(dir).close();
    const cxb = join(dir, 'fixture.cxb');

    const json = cxbrief('scorecard', cxb, '--json');
    expect(json.code, json.stderr).toBe(0);
    const s = JSON.parse(json.stdout);
    expect(Object.keys(s)).toEqual([
      'schema',
      'engagement',
      'period',
      'asOf',
      'dataRange',
      'filters',
      'churnBasis',
      'kpis',
      'notes',
    ]);
    expect(s.schema).toBe('cxbrief.scorecard/1');
    expect(s.period).toMatchObject({ label: '2026-Q1', isDefault: true, coverage: 'complete' });
    const nps = s.kpis.find((k: { id: string }) => k.id === 'nps');
    expect(nps).toMatchObject({ group: 'survey', status: 'ok', n: 6, unit: 'points', rag: null });
    expect(nps.value).toBeCloseTo(16.667, 2);
    for (const key of [
      'label',
      'definition',
      'interval',
      'target',
      'vsPrior',
      'vsLastYear',
      'series',
      'sample',
    ])
      expect(nps, key).toHaveProperty(key);
    expect(nps.series).toHaveLength(12);
    const cac = s.kpis.find((k: { id: string }) => k.id === 'cac');
    expect(cac).toMatchObject({ status: 'needs-data', value: null });
    expect(cac.needs).toMatch(/spend/);

    const filtered = cxbrief(
      'scorecard',
      cxb,
      '--period',
      '2026-Q1',
      '--filter',
      'segment=Enterprise',
      '--json',
    );
    expect(filtered.code).toBe(0);
    const f = JSON.parse(filtered.stdout);
    expect(f.filters).toEqual([{ key: 'segment', value: 'Enterprise', appliesTo: ['survey', 'customers'] }]);
    expect(f.kpis.find((k: { id: string }) => k.id === 'nps').value).toBe(100);

    const text = cxbrief('scorecard', cxb, '--period', '2026-Q2');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2026-Q2 \(partial: data to 2026-04\)/);
    expect(text.stdout).toMatch(/Net Promoter Score/);
    expect(text.stdout).toMatch(/Logo churn/);

    const bad = cxbrief('scorecard', cxb, '--period', 'next-quarter');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/not a period/);
    expect(cxbrief('scorecard', cxb, '--filter', 'segment').code).toBe(1);
    expect(cxbrief('scorecard', join(dir, 'missing.cxb')).code).toBe(1);
  });

  it('sets settings and imports targets, which the scorecard then rates', () => {
    const dir = tempDir();
    buildFixture(dir).close();
    const cxb = join(dir, 'fixture.cxb');
    const set = cxbrief('settings', cxb, 'currency=eur', 'gross_margin=0.7', 'fiscal_year_start=4');
    expect(set.code, set.stderr).toBe(0);
    const settings = JSON.parse(cxbrief('settings', cxb, '--json').stdout);
    expect(settings).toEqual({
      currency: 'EUR',
      locale: 'en-US',
      fiscalYearStart: 4,
      grossMargin: 0.7,
      populationSize: null,
      servqualWeights: null,
    });
    const bad = cxbrief('settings', cxb, 'gross_margin=2');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/gross_margin/);

    const file = join(dir, 'targets.csv');
    writeFileSync(file, 'metric,period,value,direction,amber_tolerance\nnps,*,20,higher,5\n');
    const imported = cxbrief('targets', cxb, '--import', file, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual([
      { metric: 'nps', period: '*', value: 20, direction: 'higher', amberTolerance: 5, importId: 4 },
    ]);
    // fiscal year from April: the default period is now a fiscal quarter
    const s = JSON.parse(cxbrief('scorecard', cxb, '--period', '2026-Q1', '--json').stdout);
    expect(s.kpis.find((k: { id: string }) => k.id === 'nps')).toMatchObject({
      rag: 'amber',
      target: { value: 20 },
    });
    expect(JSON.parse(cxbrief('scorecard', cxb, '--json').stdout).period.label).toBe('FY2026-Q4');
  });
});
