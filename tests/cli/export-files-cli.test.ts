/**
 * `cxbrief export` and `cxbrief demo` writing the PowerPoint deck and the Excel workbook (child
 * processes on a real engagement file): the files open, the output says what was written, and a
 * path that cannot be written is a one-line reason with exit 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../src/demo/build';
import { openDeck, textOf } from '../core/export/ooxml';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');
let dir: string;

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-export-cli-'));
  await buildDemoEngagement(join(dir, 'demo.cxb'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cxbrief export --pptx --xlsx (child process)', () => {
  it('writes the deck and the workbook of the asked period into a new folder', async () => {
    const deck = join(dir, 'out', 'deck.pptx');
    const book = join(dir, 'out', 'book.xlsx');
    const run = cxbrief(
      'export',
      join(dir, 'demo.cxb'),
      '--period',
      '2026-Q2',
      '--pptx',
      deck,
      '--xlsx',
      book,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`PowerPoint deck \\(\\d+ slides, \\d+ charts\\) written to ${deck}`),
    );
    expect(run.stdout).toMatch(new RegExp(`Excel workbook \\(\\d+ sheets\\) written to ${book}`));
    const parts = await openDeck(new Uint8Array(readFileSync(deck)));
    expect(textOf(parts.slides[0]!)).toContain('(2026-Q2)');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    expect(workbook.getWorksheet('Scorecard')!.rowCount).toBeGreaterThan(10);
  });

  it('says what to write, and why a path cannot be written, with exit 1', () => {
    const none = cxbrief('export', join(dir, 'demo.cxb'));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--pptx deck.pptx or --xlsx book.xlsx');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const blocked = cxbrief('export', join(dir, 'demo.cxb'), '--xlsx', join(file, 'book.xlsx'));
    expect(blocked.code).toBe(1);
    expect(blocked.stderr.trim()).toBe(
      `cxbrief export: Could not write the Excel workbook to ${join(file, 'book.xlsx')}: ${file} is not a folder.`,
    );
  });
});
