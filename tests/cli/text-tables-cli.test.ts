/**
 * Text tables and refusals through the real CLI: --delimiter ' ' and --date-format YYYYMMDD are
 * honoured, import prints which column gave the NPS, and an import of nothing is an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(dir: string, name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('cxbrief import: text tables and what it used', () => {
  it('a space-delimited .dat with DDMMYYYY dates: --delimiter " " and --date-format DDMMYYYY', () => {
    const dir = tempDir();
    // 05032024 is 5 March with DDMMYYYY (as YYYYMMDD it would be no date at all).
    const file = write(dir, 'answers.dat', [
      'response_id date likelihood_to_recommend',
      'R1 05032024 10',
      'R2 17032024 9',
      'R3 28022024 3',
      'R4 01022024 7',
    ]);
    const run = cxbrief(
      'import',
      file,
      '--into',
      join(dir, 'e.cxb'),
      '--delimiter',
      ' ',
      '--date-format',
      'DDMMYYYY',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/4 rows read, 4 accepted, 0 rejected/);
    expect(run.stdout).toContain('NPS from column "likelihood_to_recommend", 0–10');
    const card = cxbrief('scorecard', join(dir, 'e.cxb'), '--period', '2024-03', '--json');
    const nps = (
      JSON.parse(card.stdout) as { kpis: Array<{ id: string; value: number; n: number }> }
    ).kpis.find((k) => k.id === 'nps');
    // March: R1 (10) and R2 (9) are promoters → NPS 100 on n = 2.
    expect(nps).toMatchObject({ value: 100, n: 2 });
  });

  it('an unknown --delimiter is a user error (exit 1), not a crash', () => {
    const dir = tempDir();
    const file = write(dir, 'a.csv', ['a,b', '1,2']);
    const run = cxbrief('import', file, '--into', join(dir, 'e.cxb'), '--delimiter', '#');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a\.csv: Unsupported delimiter "#"/);
  });

  it('--accept-rejects with every row rejected exits 1 and writes nothing', () => {
    const dir = tempDir();
    const file = write(dir, 'bad-dates.csv', [
      'response_id,date,How likely are you to recommend us?',
      'A,31/02/2024,9',
      'B,30/02/2024,10',
      'C,31/04/2024,4',
      'D,32/01/2024,7',
    ]);
    const run = cxbrief('import', file, '--into', join(dir, 'e.cxb'), '--accept-rejects');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/every one of its 4 rows was rejected, so nothing was written/);
    // Nor is the engagement it would have created left behind.
    expect(existsSync(join(dir, 'e.cxb'))).toBe(false);
  });
});
