/**
 * The BriefingPack of the demo engagement through the engine's channels: key messages cite the
 * scorecard and gap figures they state, notes are saved per period and replace the generated
 * messages, and a section without data is listed as not shown instead of printed empty.
 */
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildDemoEngagement } from '../../../resources/demo/build';
import { answer, createEngine, type Engine } from '../../../src/core/api';
import type { BriefingPack } from '../../../src/core/briefing';
import { formatterFor } from '../../../src/core/format';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-briefing-'));
  await buildDemoEngagement(join(dir, 'demo.cxb'));
  engine = createEngine({ dataDir: dir, appVersion: '1.2.3' });
  await engine.handle('engagement:open', { path: join(dir, 'demo.cxb') });
});

afterAll(() => {
  engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('briefing pack', () => {
  it('generates 3–5 key messages, the expectation-gap headline first, each citing figures of the scorecard or gap', async () => {
    const pack = await engine.handle('pack:get', {});
    const scorecard = await engine.handle('scorecard:get', {});
    const gap = await engine.handle('gap:get', { period: scorecard.period.label });
    const f = formatterFor(scorecard.engagement);
    const messages = pack.summary.messages;
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages.length).toBeLessThanOrEqual(5);
    expect(messages[0]?.cites.map((c) => c.metric)).toEqual(['topbox:internal', 'topbox:customer']);
    expect(messages[0]?.text).toContain(`${f.value('share', gap.headline.internal!.share)} of staff`);
    for (const message of messages) {
      expect(message.cites.length).toBeGreaterThan(0);
      for (const cite of message.cites) {
        const kpi = scorecard.kpis.find((k) => k.id === cite.metric);
        const touchpoint = gap.touchpoints.find((t) => `gap:${t.touchpoint}` === cite.metric);
        const share =
          cite.metric === 'topbox:internal'
            ? gap.headline.internal?.share
            : cite.metric === 'topbox:customer'
              ? gap.headline.customer?.share
              : undefined;
        const figure = kpi?.value ?? touchpoint?.gap ?? share;
        expect(figure, cite.metric).toBe(cite.value);
        if (kpi) expect(message.text).toContain(f.value(kpi.unit, kpi.value));
      }
    }
    expect(pack.appVersion).toBe('1.2.3');
    expect(pack.period.label).toBe(scorecard.period.label);
  });

  it('saves notes per period; edited messages, actions and decisions come back in the pack', async () => {
    const pack = await engine.handle('pack:get', {});
    const notes = {
      messages: [
        { text: 'Onboarding is the board’s first priority.', cites: pack.summary.messages[0]!.cites },
      ],
      actions: [{ what: 'Cut onboarding to four weeks', owner: 'COO', due: '2026-12-31', status: 'open' }],
      decisions: ['Fund two onboarding specialists'],
    };
    const saved = await answer(engine, 'notes:set', { period: pack.period.label, notes });
    expect(saved).toEqual({ ok: true, value: notes });
    const again = (await engine.handle('pack:get', {})) as BriefingPack;
    expect(again.summary.messages).toEqual([{ ...notes.messages[0], edited: true }]);
    expect(again.actions).toEqual(notes.actions);
    expect(again.summary.decisions).toEqual(notes.decisions);
    expect(again.sections).toContain('actions');
    // Another period has its own (no) notes.
    expect(await engine.handle('notes:get', { period: '2026-Q2' })).toEqual({
      messages: null,
      actions: [],
      decisions: [],
    });
    // A bad note is refused with a sentence, nothing saved.
    const refused = await answer(engine, 'notes:set', {
      period: pack.period.label,
      notes: { ...notes, actions: [{ ...notes.actions[0], due: '31/12/2026' }] },
    });
    expect(refused).toEqual({ ok: false, error: 'Invalid request for notes:set.' });
    expect((await engine.handle('notes:get', { period: pack.period.label })).actions).toEqual(notes.actions);
  });

  it('leaves out a section without data and says so once on the methodology page', async () => {
    const pack = await engine.handle('pack:get', {});
    expect(pack.servqual).toBeNull();
    expect(pack.sections).not.toContain('servqual');
    expect(pack.methodology.notShown).toContain('SERVQUAL — no SERVQUAL items imported');
  });

  it('answers pack:export-pdf with a sentence when the host has no printer', async () => {
    const result = await answer(engine, 'pack:export-pdf', { path: join(dir, 'x.pdf'), paper: 'a4' });
    expect(result).toEqual({ ok: false, error: 'PDF export is not available here.' });
  });
});
