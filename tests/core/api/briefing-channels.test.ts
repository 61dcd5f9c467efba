/**
 * What the Briefing screen asks of the engine: a pack without the sections the user switched off
 * (left out, not reported as missing data), the same in the deck it exports, an unknown section
 * refused, and saved notes announced as changed data so every screen shows them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answer,
  createEngine,
  type BriefingPack,
  type Engine,
  type EngineEvent,
} from '../../../src/core/api';
import { buildDemoEngagement } from '../../../src/demo/build';
import { openDeck, textOf } from '../export/ooxml';

let dir: string;
let engine: Engine;
const events: EngineEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-briefing-channels-'));
  await buildDemoEngagement(join(dir, 'demo.cxb'));
  engine = createEngine({ dataDir: dir, onEvent: (event) => events.push(event) });
  await engine.handle('engagement:open', { path: join(dir, 'demo.cxb') });
});

afterAll(() => {
  engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pack(request: object): Promise<BriefingPack> {
  const result = await answer(engine, 'pack:get', request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as BriefingPack;
}

describe('the briefing channels', () => {
  it('leave out the sections switched off, without calling them missing data', async () => {
    const whole = await pack({ period: '2026-Q3' });
    expect(whole.sections).toContain('voice');
    expect(whole.sections).toContain('segments');
    const trimmed = await pack({ period: '2026-Q3', hidden: ['voice', 'segments'] });
    expect(trimmed.sections).toEqual(whole.sections.filter((s) => s !== 'voice' && s !== 'segments'));
    expect(trimmed.methodology.notShown).toEqual(whole.methodology.notShown);
  });

  it('export the deck without them too', async () => {
    const path = join(dir, 'deck.pptx');
    const titles = async (hidden: string[]) => {
      expect((await answer(engine, 'pack:export-pptx', { period: '2026-Q3', hidden, path })).ok).toBe(true);
      return (await openDeck(new Uint8Array(readFileSync(path)))).slides.map((s) => textOf(s).split('\n')[0]);
    };
    expect(await titles([])).toContain('Voice of the customer');
    expect(await titles(['voice'])).not.toContain('Voice of the customer');
  });

  it('refuse a section that does not exist', async () => {
    expect(await answer(engine, 'pack:get', { hidden: ['appendix'] })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', params: { problem: 'hidden.0' } },
    });
  });

  it('announce saved notes as changed data, and the pack carries them', async () => {
    events.length = 0;
    const notes = {
      messages: [{ text: 'Fix onboarding first.', cites: [] }],
      actions: [{ what: 'Rebuild the handover', owner: 'COO', due: '2026-09-30', status: 'open' }],
      decisions: ['Fund two onboarding specialists.'],
    };
    expect((await answer(engine, 'notes:set', { period: '2026-Q3', notes })).ok).toBe(true);
    expect(events).toEqual([{ name: 'data:changed', payload: { tables: ['notes'] } }]);
    const saved = await pack({ period: '2026-Q3' });
    expect(saved.summary.messages).toEqual([{ text: 'Fix onboarding first.', cites: [], edited: true }]);
    expect(saved.actions).toEqual(notes.actions);
    expect(saved.summary.decisions).toEqual(notes.decisions);
  });
});
