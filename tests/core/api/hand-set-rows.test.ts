/**
 * Touchpoints and targets are set by hand or imported; whichever was written last is current, one
 * per name (or metric and period). Removing the one set by hand, or the import that superseded it,
 * brings back the one before.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer, createEngine, type Engine, type EngineEvent } from '../../../src/core/api';
import { openEngagement, type Db } from '../../../src/core/store';
import { activeTouchpoints } from '../../../src/core/store/gap-queries';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

interface Session {
  engine: Engine;
  dir: string;
  events: EngineEvent[];
  /** `work` on the engagement's file itself, the engine having closed it (then it opens it again). */
  onFile: <T>(work: (db: Db) => T) => Promise<T>;
}

async function withEngine(work: (session: Session) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const path = join(dir, 'hand.cxb');
  const events: EngineEvent[] = [];
  const engine = createEngine({ dataDir: dir, onEvent: (event) => events.push(event) });
  const onFile = async <T>(fileWork: (db: Db) => T): Promise<T> => {
    await engine.handle('engagement:close', {});
    const engagement = openEngagement(path);
    try {
      return fileWork(engagement.db);
    } finally {
      engagement.close();
      await engine.handle('engagement:open', { path });
    }
  };
  try {
    await engine.handle('engagement:create', { path });
    await work({ engine, dir, events, onFile });
  } finally {
    engine.close();
  }
}

async function importCsv(engine: Engine, path: string, text: string): Promise<number> {
  writeFileSync(path, text);
  const preview = await engine.handle('import:preview', { file: path });
  const report = await engine.handle('import:commit', { preview });
  if (report.importId === null) throw new Error(`${path} was not imported`);
  return report.importId;
}

/** The touchpoint rows marked current, as [name, import], in the order they were written. */
const currentRows = (db: Db) =>
  db.prepare('SELECT name, import_id FROM touchpoints WHERE active = 1 ORDER BY rowid').raw().all();

const stages = async (engine: Engine) =>
  (await engine.handle('touchpoints:list', {})).map((t) => [t.name, t.journeyStage, t.importId]);

describe('touchpoints and targets set by hand beside imported ones', () => {
  it('a touchpoints import supersedes a definition set by hand, and removing either brings the other back', async () => {
    await withEngine(async ({ engine, dir, onFile }) => {
      await engine.handle('touchpoints:set', {
        name: 'Onboarding',
        journeyStage: 'by hand',
        statedImportance: 5,
      });
      const file = join(dir, 'touchpoints.csv');
      const first = await importCsv(
        engine,
        file,
        'name,journey_stage,stated_importance\nOnboarding,imported,3\nSupport,imported,4\n',
      );
      expect(await stages(engine)).toEqual([
        ['Onboarding', 'imported', first],
        ['Support', 'imported', first],
      ]);
      // The definition set by hand is kept, no longer current.
      expect(await onFile(currentRows)).toEqual([
        ['Onboarding', first],
        ['Support', first],
      ]);
      // The gap report reads the same single definition.
      expect(await onFile((db) => activeTouchpoints(db).map((t) => [t.name, t.statedImportance]))).toEqual([
        ['Onboarding', 3],
        ['Support', 4],
      ]);

      await engine.handle('imports:remove', { id: first });
      expect(await stages(engine)).toEqual([['Onboarding', 'by hand', null]]);

      const again = await importCsv(
        engine,
        file,
        'name,journey_stage,stated_importance\nOnboarding,imported,3\n',
      );
      await engine.handle('touchpoints:set', { name: 'Onboarding', journeyStage: 'by hand again' });
      expect(await stages(engine)).toEqual([['Onboarding', 'by hand again', null]]);
      expect(await engine.handle('touchpoints:remove', { name: 'Onboarding' })).toMatchObject([
        { name: 'Onboarding', journeyStage: 'imported', importId: again },
      ]);
      expect(await answer(engine, 'touchpoints:remove', { name: 'Onboarding' })).toMatchObject({
        ok: false,
        error: { code: 'touchpoint-missing', message: expect.stringMatching(/goes with its import/) },
      });
    });
  });

  it('removing a later import brings back the newest row before it, set by hand or imported', async () => {
    await withEngine(async ({ engine, dir, onFile }) => {
      const first = await importCsv(engine, join(dir, 'a.csv'), 'name,journey_stage\nOnboarding,first\n');
      await engine.handle('touchpoints:set', { name: 'Onboarding', journeyStage: 'by hand' });
      const second = await importCsv(engine, join(dir, 'b.csv'), 'name,journey_stage\nOnboarding,second\n');
      expect(await onFile(currentRows)).toEqual([['Onboarding', second]]);
      await engine.handle('imports:remove', { id: second });
      expect(await onFile(currentRows)).toEqual([['Onboarding', null]]);
      await engine.handle('touchpoints:remove', { name: 'Onboarding' });
      expect(await onFile(currentRows)).toEqual([['Onboarding', first]]);
    });
  });

  it('a file where both were left current reads one definition per name: the one written last', async () => {
    await withEngine(async ({ engine, dir, onFile }) => {
      await engine.handle('touchpoints:set', { name: 'Onboarding', journeyStage: 'by hand' });
      await importCsv(engine, join(dir, 't.csv'), 'name,journey_stage\nOnboarding,imported\n');
      await onFile((db) => db.exec('UPDATE touchpoints SET active = 1'));
      expect(await stages(engine)).toEqual([['Onboarding', 'imported', 1]]);
      expect(await onFile((db) => activeTouchpoints(db).length)).toBe(1);
    });
  });

  it('a target removed by hand gives way to the imported one; an imported target goes with its import', async () => {
    await withEngine(async ({ engine, dir, events }) => {
      const targets = async () =>
        (await engine.handle('targets:list', {})).map((t) => [t.metric, t.period, t.value, t.importId]);
      const imported = await importCsv(
        engine,
        join(dir, 'targets.csv'),
        'metric,period,value,direction,amber_tolerance\nnps,*,40,higher,0\ncsat,2026,80,higher,2\n',
      );
      await engine.handle('targets:set', { metric: 'nps', value: 30, direction: 'higher' });
      expect(await targets()).toEqual([
        ['csat', '2026', 80, imported],
        ['nps', '*', 30, null],
      ]);
      events.length = 0;
      expect(await engine.handle('targets:remove', { metric: 'nps' })).toMatchObject([
        { metric: 'csat' },
        { metric: 'nps', period: '*', value: 40, importId: imported },
      ]);
      expect(events).toEqual([{ name: 'data:changed', payload: { tables: ['targets'] } }]);
      expect(await answer(engine, 'targets:remove', { metric: 'csat', period: '2026' })).toMatchObject({
        ok: false,
        error: { code: 'target-missing' },
      });

      await engine.handle('targets:set', {
        metric: 'nps',
        period: '2026-Q1',
        value: 35,
        direction: 'higher',
      });
      await engine.handle('imports:remove', { id: imported });
      expect(await targets()).toEqual([['nps', '2026-Q1', 35, null]]);
      await engine.handle('targets:remove', { metric: 'nps', period: '2026-Q1' });
      expect(await targets()).toEqual([]);
    });
  });
});
