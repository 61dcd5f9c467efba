/**
 * Data can carry escape sequences (a survey tool exports whatever respondents typed): the CLI
 * never writes one raw to the terminal. Every printed control character comes out as its \u escape.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';
import { cxbrief, rawControls, type CliResult } from '../safety-helpers';

const tempDir = useTempDir();
const ESC = '\u001b';
const RED_TOUCHPOINT = `${ESC}[31mCheckout${ESC}[0m`;
const TITLE_SEGMENT = `${ESC}]0;owned${'\u0007'}Enterprise`;
const CLEARING_COMMENT = `great service${ESC}[2J${ESC}[H\rsee \u009b31m here`;

function hostileSurvey(dir: string): string {
  const lines = ['Response ID,Date,Touchpoint,Segment,How likely are you to recommend us? (0-10),Comment'];
  for (let i = 1; i <= 60; i += 1)
    lines.push(
      [
        `R${i}`,
        `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
        i % 2 ? RED_TOUCHPOINT : 'Delivery',
        i % 3 ? TITLE_SEGMENT : 'SMB',
        String(i % 11),
        `"${CLEARING_COMMENT} ${i}"`,
      ].join(','),
    );
  const path = join(dir, `survey ${ESC}[1mbold.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function expectSafe(result: CliResult, label: string): void {
  expect(rawControls(result.stdout), `${label} stdout`).toEqual([]);
  expect(rawControls(result.stderr), `${label} stderr`).toEqual([]);
}

describe('terminal output is safe', () => {
  it('touchpoints, segments, comments and file names with escape sequences are printed escaped', () => {
    const dir = tempDir();
    const survey = hostileSurvey(dir);
    const cxb = join(dir, 'acme.cxb');
    const inspected = cxbrief(['inspect', survey]);
    expect(inspected.code, inspected.stderr).toBe(0);
    expectSafe(inspected, 'inspect');
    expect(inspected.stdout).toContain('\\u001b[31mCheckout\\u001b[0m');
    expect(inspected.stdout).toContain('\\u001b]0;owned\\u0007Enterprise');
    expect(inspected.stdout).toContain('great service\\u001b[2J\\u001b[H');
    expect(inspected.stdout).toContain('see \\u009b31m here');

    const imported = cxbrief(['import', survey, '--into', cxb]);
    expect(imported.code, imported.stderr).toBe(0);
    expectSafe(imported, 'import');
    expect(imported.stdout).toContain('survey \\u001b[1mbold.csv');

    for (const args of [
      ['imports', cxb],
      ['scorecard', cxb, '--period', 'all', '--filter', `segment=${TITLE_SEGMENT}`],
      ['scorecard', cxb, '--period', 'all', '--filter', `touchpoint=${RED_TOUCHPOINT}`],
      ['gap', cxb, '--period', 'all'],
      ['scorecard', cxb, '--period', `${ESC}[2J`],
    ]) {
      const result = cxbrief(args);
      expectSafe(result, args.join(' '));
    }

    // JSON stays JSON, and reads back the very strings in the data.
    const json = cxbrief(['imports', cxb, '--json']);
    expectSafe(json, 'imports --json');
    expect((JSON.parse(json.stdout) as Array<{ fileName: string }>)[0]?.fileName).toBe(
      `survey ${ESC}[1mbold.csv`,
    );
  });
});
