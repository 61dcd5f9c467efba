/**
 * The Briefing screen's PowerPoint and Excel exports through the engine's channels: the pack of the
 * asked period is written whole to the given path, and a malformed request is refused with a sentence.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../../src/demo/build';
import { answer, createEngine, type Engine } from '../../../src/core/api';
import type { DeckResult, WorkbookResult } from '../../../src/core/export';
import { openDeck, textOf } from '../export/ooxml';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-pack-files-'));
  await buildDemoEngagement(join(dir, 'demo.cxb'));
  engine = createEngine({ dataDir: dir, appVersion: '4.5.6' });
  await engine.handle('engagement:open', { path: join(dir, 'demo.cxb') });
});

afterAll(() => {
  engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pack:export-pptx and pack:export-xlsx', () => {
  it('write the deck and the workbook of the asked period', async () => {
    const out = join(dir, 'out');
    const deckPath = join(dir, 'deck.pptx');
    const deck = await answer(engine, 'pack:export-pptx', { period: '2026-Q2', path: deckPath });
    expect(deck.ok).toBe(true);
    const parts = await openDeck(new Uint8Array(readFileSync(deckPath)));
    expect(deck.ok && (deck.value as DeckResult).slides).toBe(parts.slides.length);
    expect(textOf(parts.slides[0]!)).toContain('(2026-Q2)');
    expect(textOf(parts.slides[0]!)).toContain('CX Brief 4.5.6');

    const bookPath = join(dir, 'book.xlsx');
    const book = await answer(engine, 'pack:export-xlsx', { period: '2026-Q2', path: bookPath });
    expect(book.ok && (book.value as WorkbookResult).sheets).toContain('Scorecard');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(bookPath);
    const summary = workbook.getWorksheet('Summary')!;
    expect(String(summary.getCell('B4').value)).toContain('(2026-Q2)');
    expect(existsSync(out)).toBe(false);
  });

  it('answer a period the data cannot read as the user’s to fix, not as a bug', async () => {
    const result = await answer(engine, 'pack:export-pptx', { period: '1999-13', path: join(dir, 'p.pptx') });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-scope' } });
  });

  it('refuse a request with unknown fields, and say why a write failed, leaving no partial file', async () => {
    expect(await answer(engine, 'pack:export-xlsx', { path: join(dir, 'x.xlsx'), sql: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'Invalid request for pack:export-xlsx.' },
    });
    const missing = join(dir, 'no-such-folder', 'deck.pptx');
    expect(await answer(engine, 'pack:export-pptx', { path: missing })).toEqual({
      ok: false,
      error: {
        code: 'export-failed',
        message: `Could not write the PowerPoint deck to ${missing}: the folder ${join(dir, 'no-such-folder')} does not exist.`,
        params: {},
      },
    });
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
