import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();

describe('npm run bench', () => {
  it('runs every stage end to end on a small input and writes its JSON results', () => {
    const out = tempDir();
    const root = join(import.meta.dirname, '..', '..');
    const printed = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench', 'run.ts'), '--rows', '3000', '--out', out],
      {
        encoding: 'utf8',
        cwd: root,
        // No pause before the re-measured imports: this checks the stages run, not their speed.
        env: { ...process.env, BENCH_SETTLE_MS: '0' },
      },
    );
    expect(printed).toMatch(/CSV import: [\d,]+ rows\/s/);
    expect(printed).toMatch(/XLSX import: [\d.]+× exceljs streaming read/);
    expect(printed).toMatch(/demo pack PPTX \(\d+ slides, \d+ charts\): [\d.]+ s/);
    expect(printed).toMatch(/demo pack XLSX \(\d+ sheets, [\d,]+ cells\): [\d.]+ s/);
    const file = readdirSync(out).find((name) => name.startsWith('results-')) as string;
    const results = JSON.parse(readFileSync(join(out, file), 'utf8'));
    const stages = results.results.map((r: { stage: string }) => r.stage);
    expect(stages).toEqual([
      'bare-parse',
      'insert-ceiling',
      'import-csv',
      'import-csv-small',
      'exceljs-read',
      'import-xlsx',
    ]);
    const imported = results.results.find((r: { stage: string }) => r.stage === 'import-csv');
    expect(imported.rows).toBe(3000);
    expect(results.results.find((r: { stage: string }) => r.stage === 'import-xlsx').rows).toBe(600);
    // The 1st and 10th imports of the series, each measured twice more: medians of three.
    expect(printed).toMatch(/import 10 \/ import 1: [\d.]+ wall, [\d.]+ CPU \(target ≤ 1\.2; medians of 3: /);
    const { firsts, lasts } = results.repeated as {
      firsts: Array<{ rows: number }>;
      lasts: Array<{ rows: number }>;
    };
    expect([firsts.length, lasts.length]).toEqual([3, 3]);
    expect([...firsts, ...lasts].map((r) => r.rows)).toEqual(new Array(6).fill(3000));
  });
});
