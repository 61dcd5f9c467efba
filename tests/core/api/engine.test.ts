import { describe, expect, it } from 'vitest';
import { CHANNELS, REQUESTS, answer, createEngine } from '../../../src/core/api';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('the API contract and the engine behind it', () => {
  it('refuses malformed payloads before any handler runs', () => {
    expect(REQUESTS['scorecard:get'].safeParse({ period: 2026 }).success).toBe(false);
    expect(REQUESTS['scorecard:get'].safeParse({ period: '2026-Q3', sql: 'DROP TABLE x' }).success).toBe(
      false,
    );
    expect(REQUESTS['engagement:open'].safeParse({ path: '' }).success).toBe(false);
    expect(REQUESTS['gap:get'].safeParse({ filters: { segment: 'SMB' } }).success).toBe(true);
    expect(CHANNELS.every((channel) => /^[a-z]+:[a-z-]+$/.test(channel))).toBe(true);
  });

  it('opens the demo engagement and answers scorecard and gap requests', async () => {
    const engine = createEngine({ dataDir: tempDir() });
    try {
      await expect(engine.handle('scorecard:get', {})).rejects.toThrow(/Open an engagement first/);
      // What the renderer receives: a sentence, for a refused payload and for a failing handler.
      // Refusals carry a code beside the sentence, so each host can add its own hint.
      expect(await answer(engine, 'scorecard:get', { period: 7 })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: 'Invalid request for scorecard:get.' },
      });
      expect(await answer(engine, 'scorecard:get', {})).toMatchObject({
        ok: false,
        error: { code: 'no-engagement', message: 'Open an engagement first.' },
      });
      const opened = await engine.handle('engagement:open-demo', {});
      expect(opened.name).toMatch(/demo/);
      expect(await engine.handle('engagement:current', {})).toEqual(opened);
      const scorecard = await engine.handle('scorecard:get', { period: '2026-Q3' });
      expect(scorecard.kpis.find((kpi) => kpi.id === 'nps')?.n).toBeGreaterThan(1000);
      const gap = await engine.handle('gap:get', {});
      expect(gap.priorities[0]?.touchpoint).toBe('Onboarding');
      expect((await engine.handle('imports:list', {})).length).toBe(9);
    } finally {
      engine.close();
    }
  });
});
