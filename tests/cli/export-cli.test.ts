/**
 * `cxbrief export` as a user runs it: a filtered US Letter pack, and every mistake a user can make
 * (a filter key the engagement lacks, a period without data, a paper size, a browser that is not
 * there) refused with one sentence and exit 1, leaving no file under the name asked for.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';
import { buildFixture } from '../core/scorecard/fixture';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function cxbrief(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cxbrief export (child process)', () => {
  it('writes a filtered US Letter pack and says where', async () => {
    const dir = tempDir();
    buildFixture(dir).close();
    const out = join(dir, 'packs', 'pack.pdf');
    const run = cxbrief([
      'export',
      join(dir, 'fixture.cxb'),
      '--pdf',
      out,
      '--paper',
      'letter',
      '--filter',
      'segment=smb',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`PDF pack \\(\\d+ pages\\) written to ${out.replace(/[.]/g, '\\.')}`),
    );
    const task = getDocument({ data: new Uint8Array(readFileSync(out)), verbosity: 0 });
    const doc = await task.promise;
    const [, , width, height] = (await doc.getPage(1)).view as number[];
    expect([Math.round(width as number), Math.round(height as number)]).toEqual([792, 612]);
    const cover = (await (await doc.getPage(1)).getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join(' ');
    expect(cover).toContain('segment = smb');
    await task.destroy();
    expect(readdirSync(join(dir, 'packs'))).toEqual(['pack.pdf']);
  });

  it('refuses what a user got wrong with one sentence and exit 1, writing nothing', () => {
    const dir = tempDir();
    buildFixture(dir).close();
    const cxb = join(dir, 'fixture.cxb');
    const out = join(dir, 'pack.pdf');
    const cases: Array<[string[], RegExp, NodeJS.ProcessEnv?]> = [
      [['--filter', 'colour=red'], /no filter key "colour"/],
      [['--period', '2031-Q1'], /There is no data for 2031-Q1/],
      [['--paper', 'a3'], /--paper must be a4 or letter, not "a3"/],
      [
        [],
        /CXBRIEF_BROWSER is set to \/nowhere\/chrome, which does not exist\./,
        { ...process.env, CXBRIEF_BROWSER: '/nowhere/chrome' },
      ],
    ];
    for (const [extra, message, env] of cases) {
      const run = cxbrief(['export', cxb, '--pdf', out, ...extra], env);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(dir).filter((f) => f.includes('pack'))).toEqual([]);
    const none = cxbrief(['export', cxb]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/say what to write: --pdf pack\.pdf/);
  });
});
