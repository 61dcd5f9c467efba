/**
 * The engine process as the app runs it: the entry built by `electron-vite build`
 * (out/main/engine.cjs), started here with Node's fork (the app uses Electron's
 * utilityProcess.fork): every channel answered over the port, malformed payloads refused with a
 * code, an import streaming its progress, a cancelled import landing nothing, and `data:changed`
 * naming the tables each write touched.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, type EngineEvent, type Request, type Result } from '../../src/core/api';
import { buildApp, dataset, longAnswersCsv, useTempDir, workerTracePreload } from '../helpers';

const tempDir = useTempDir();
let ENTRY = '';

beforeAll(() => {
  ENTRY = join(buildApp('test-engine-process'), 'main', 'engine.cjs');
  expect(existsSync(ENTRY)).toBe(true);
});

interface Client {
  call<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<unknown>>;
  send(message: unknown): Promise<Result<unknown>>;
  events: EngineEvent[];
  onEvent(listener: (event: EngineEvent) => void): void;
  child: ChildProcess;
  dataDir: string;
  /** What the engine wrote to stderr so far. */
  stderr(): string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startEngine(options: { env?: Record<string, string>; execArgv?: string[] } = {}): Client {
  const dataDir = tempDir();
  const child = fork(ENTRY, [], {
    env: { ...process.env, CXBRIEF_DATA_DIR: dataDir, ...options.env },
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  children.push(child);
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    process.stderr.write(chunk);
  });
  const pending = new Map<unknown, (result: Result<unknown>) => void>();
  const events: EngineEvent[] = [];
  const listeners: Array<(event: EngineEvent) => void> = [];
  child.on(
    'message',
    (message: { id?: unknown; result?: Result<unknown>; event?: string; payload?: unknown }) => {
      if (message.event) {
        const event = { name: message.event, payload: message.payload } as EngineEvent;
        events.push(event);
        for (const listener of listeners) listener(event);
      } else {
        pending.get(message.id)?.(message.result as Result<unknown>);
        pending.delete(message.id);
      }
    },
  );
  let next = 1;
  const send = (message: unknown, id: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      child.send(message as never);
    });
  return {
    call: (channel, payload) => {
      const id = next++;
      return send({ id, channel, payload }, id);
    },
    send: (message) => send(message, null),
    events,
    onEvent: (listener) => listeners.push(listener),
    child,
    dataDir,
    stderr: () => stderr.join(''),
  };
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A survey export big enough to take a while: one NPS answer per row. */
function bigSurvey(rows: number): string {
  const lines = ['Response ID,Date,How likely are you to recommend us? (0-10),Comment'];
  for (let i = 1; i <= rows; i += 1)
    lines.push(`R${i},2026-0${1 + (i % 9)}-1${i % 10},${i % 11},"answer number ${i}, with some words"`);
  const path = join(tempDir(), 'big-survey.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('the engine process (child process, over its port)', () => {
  it('refuses a malformed payload on every channel with a code, and a message that is no request', async () => {
    const engine = startEngine();
    expect(CHANNELS.length).toBeGreaterThanOrEqual(29);
    for (const channel of CHANNELS) {
      const result = await engine.call(channel, { unexpected: 'x'.repeat(10) } as never);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await engine.call('no:such-channel' as Channel, {} as never)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await engine.send('DROP TABLE imports')).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    // Still serving after all that.
    expect(await engine.call('engagement:current', {})).toEqual({ ok: true, value: null });
  });

  it('answers every channel: engagement, import preview and commit, records, settings, targets, touchpoints, mappings, analysis', async () => {
    const engine = startEngine();
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    expect(await engine.call('scorecard:get', {})).toMatchObject({
      ok: false,
      error: { code: 'no-engagement' },
    });
    expect(value(await engine.call('engagement:create', { path: cxb, name: 'Acme' }))).toEqual({
      name: 'Acme',
      client: null,
      path: cxb,
      readOnly: null,
      created: true,
    });
    expect(await engine.call('engagement:create', { path: cxb })).toMatchObject({
      ok: false,
      error: { code: 'exists' },
    });

    const telco = dataset('telco-churn-ibm/Telco-Customer-Churn.csv');
    const preview = value<{
      kind: string;
      columns: Array<{ name: string; samples: string[]; use: string }>;
      validation: { rowsSampled: number; rejected: number };
      notes: Array<{ code: string }>;
    }>(await engine.call('import:preview', { file: telco }));
    expect(preview.kind).toBe('customers');
    expect(preview.columns.find((c) => c.name === 'customerID')).toMatchObject({ use: 'field' });
    expect(preview.columns[0]?.samples.length).toBeGreaterThanOrEqual(3);
    // The first 500 rows of the file: the header and 499 customers.
    expect(preview.validation).toMatchObject({ rowsSampled: 499, rejected: 0 });
    expect(preview.notes[0]?.code).toBe('kind-detected');

    const committed = value<{ rowsAccepted: number; importId: number; savedTemplate: unknown }>(
      await engine.call('import:commit', { preview: preview as never, saveMappingAs: 'crm export' }),
    );
    expect(committed).toMatchObject({
      rowsAccepted: 7043,
      importId: 1,
      savedTemplate: { name: 'crm export' },
    });
    expect(engine.events).toContainEqual({
      name: 'data:changed',
      payload: { tables: ['customers', 'imports', 'rejects', 'mapping_templates'] },
    });
    // The same preview again is a duplicate, refused with its code (the CLI adds its flags).
    expect(await engine.call('import:commit', { preview: preview as never })).toMatchObject({
      ok: false,
      error: { code: 'already-imported', params: { imports: '1' } },
    });

    const summary = value<{ rows: Record<string, number>; imports: number }>(
      await engine.call('engagement:summary', {}),
    );
    expect(summary).toMatchObject({ imports: 1, rows: { customers: 7043, responses: 0 } });
    expect(value<unknown[]>(await engine.call('imports:list', {}))).toHaveLength(1);
    expect(value(await engine.call('imports:rejects', { id: 1 }))).toEqual({ total: 0, offset: 0, rows: [] });
    const found = value<{ total: number; columns: string[]; rows: unknown[][] }>(
      await engine.call('records:list', { table: 'customers', search: '7590-VHVEG', limit: 5 }),
    );
    expect(found.total).toBe(1);
    expect(found.rows[0]?.[found.columns.indexOf('customer_id')]).toBe('7590-VHVEG');
    const paged = value<{ total: number; rows: unknown[] }>(
      await engine.call('records:list', { table: 'customers', offset: 7000, limit: 100 }),
    );
    expect(paged).toMatchObject({ total: 7043 });
    expect(paged.rows).toHaveLength(43);

    expect(
      value(await engine.call('settings:set', { values: { currency: 'eur', gross_margin: '0.7' } })),
    ).toMatchObject({
      settings: { currency: 'EUR', grossMargin: 0.7 },
      stored: { currency: 'EUR' },
    });
    expect(await engine.call('settings:set', { values: { currency: 'euros' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-setting' },
    });
    expect(value(await engine.call('settings:get', {}))).toMatchObject({ settings: { currency: 'EUR' } });

    expect(
      value(await engine.call('targets:set', { metric: 'nps', value: 30, direction: 'higher' })),
    ).toMatchObject([{ metric: 'nps', value: 30, importId: null }]);
    const targetsCsv = join(dir, 'targets.csv');
    writeFileSync(targetsCsv, 'metric,period,value,direction,amber_tolerance\nlogo_churn,*,2,lower,0.5\n');
    expect(value(await engine.call('targets:import', { file: targetsCsv }))).toMatchObject({
      rowsAccepted: 1,
    });
    expect(value<unknown[]>(await engine.call('targets:list', {}))).toHaveLength(2);

    expect(
      value(
        await engine.call('touchpoints:set', {
          name: 'Onboarding',
          aliases: ['On-boarding'],
          journeyStage: 'Start',
        }),
      ),
    ).toEqual([
      {
        name: 'Onboarding',
        aliases: ['On-boarding'],
        journeyStage: 'Start',
        statedImportance: null,
        importId: null,
      },
    ]);
    expect(value<unknown[]>(await engine.call('touchpoints:list', {}))).toHaveLength(1);

    expect(value(await engine.call('mappings:list', {}))).toMatchObject([
      { name: 'crm export', kind: 'customers' },
    ]);
    const template = value<{ mapping: { kind: string } }>(
      await engine.call('mappings:get', { name: 'crm export' }),
    );
    expect(template.mapping.kind).toBe('customers');
    expect(value(await engine.call('mappings:get', { name: 'nothing' }))).toBeNull();
    expect(value(await engine.call('mappings:save', { name: 'copy', mapping: template.mapping }))).toEqual({
      name: 'copy',
      replaced: false,
    });
    const { json } = value<{ json: string }>(await engine.call('mappings:export', { name: 'copy' }));
    expect(value(await engine.call('mappings:import', { json, name: 'third' }))).toEqual({
      name: 'third',
      replaced: false,
      kind: 'customers',
    });
    expect(value(await engine.call('mappings:delete', { name: 'third' }))).toEqual({ deleted: true });
    expect(await engine.call('mappings:delete', { name: 'third' })).toMatchObject({
      ok: false,
      error: { code: 'template-missing' },
    });

    const scorecard = value<{ kpis: Array<{ id: string }> }>(
      await engine.call('scorecard:get', { period: 'all' }),
    );
    expect(scorecard.kpis.some((kpi) => kpi.id === 'logo-churn' || kpi.id === 'logo_churn')).toBe(true);
    expect(await engine.call('scorecard:get', { period: 'next-quarter' })).toMatchObject({
      ok: false,
      error: { code: 'bad-scope' },
    });
    expect(value(await engine.call('gap:get', {}))).toMatchObject({ metadata: { period: { label: 'all' } } });

    expect(value(await engine.call('imports:remove', { id: 1 }))).toEqual({
      table: 'customers',
      rowsRemoved: 7043,
    });
    expect(await engine.call('imports:remove', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'import-missing' },
    });
    expect(engine.events.filter((e) => e.name === 'data:changed').map((e) => e.payload)).toEqual([
      { tables: ['customers', 'imports', 'rejects', 'mapping_templates'] },
      { tables: ['settings'] },
      { tables: ['targets'] },
      { tables: ['targets', 'imports'] },
      { tables: ['touchpoints'] },
      { tables: ['mapping_templates'] },
      { tables: ['mapping_templates'] },
      { tables: ['mapping_templates'] },
      { tables: ['customers', 'imports', 'rejects'] },
    ]);

    // The demo replaces its own file only, never a user's engagement.
    expect(await engine.call('demo:build', { path: cxb })).toMatchObject({
      ok: false,
      error: { code: 'exists', message: expect.stringMatching(/is an engagement that is not the demo/) },
    });
    expect(value(await engine.call('engagement:close', {}))).toBeNull();
    expect(value(await engine.call('engagement:current', {}))).toBeNull();
    expect(value(await engine.call('engagement:open', { path: cxb }))).toEqual({
      name: 'Acme',
      client: null,
      path: cxb,
      readOnly: null,
      created: false,
    });
    expect(await engine.call('engagement:open', { path: dir })).toMatchObject({
      ok: false,
      error: { code: 'is-folder' },
    });
  });

  it('streams progress while an import runs and ends with "finishing"', async () => {
    const engine = startEngine();
    value(await engine.call('engagement:create', { path: join(tempDir(), 'big.cxb') }));
    const file = bigSurvey(120_000);
    const preview = value<object>(await engine.call('import:preview', { file }));
    const started = Date.now();
    const report = value<{ rowsAccepted: number }>(
      await engine.call('import:commit', { preview: preview as never, jobId: 'job-1' }),
    );
    const took = Date.now() - started;
    expect(report.rowsAccepted).toBe(120_000);
    const progress = engine.events
      .filter((e): e is EngineEvent<'import:progress'> => e.name === 'import:progress')
      .map((e) => e.payload);
    expect(progress.every((p) => p.jobId === 'job-1')).toBe(true);
    // Reported per batch (at most every 100 ms) and on a 200 ms heartbeat: several per second.
    expect(progress.length).toBeGreaterThanOrEqual(Math.min(10, Math.floor(took / 250)));
    const reading = progress.filter((p) => p.phase === 'reading');
    for (let i = 1; i < reading.length; i += 1)
      expect(reading[i]!.bytes).toBeGreaterThanOrEqual(reading[i - 1]!.bytes);
    expect(progress.at(-1)).toMatchObject({ phase: 'finishing', fraction: 1 });
    expect(engine.events.at(-1)).toEqual({
      name: 'data:changed',
      payload: { tables: ['responses', 'imports', 'rejects'] },
    });
  });

  it('a cancelled import lands nothing', async () => {
    const engine = startEngine();
    value(await engine.call('engagement:create', { path: join(tempDir(), 'cancel.cxb') }));
    const file = bigSurvey(300_000);
    const preview = value<object>(await engine.call('import:preview', { file }));
    let cancel: Promise<Result<unknown>> | null = null;
    engine.onEvent((event) => {
      if (event.name === 'import:progress' && !cancel)
        cancel = engine.call('import:cancel', { jobId: 'job-2' });
    });
    const result = await engine.call('import:commit', { preview: preview as never, jobId: 'job-2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'import-cancelled' } });
    expect(await cancel).toEqual({ ok: true, value: { cancelled: true } });
    expect(value(await engine.call('imports:list', {}))).toEqual([]);
    expect(value(await engine.call('records:list', { table: 'responses' }))).toMatchObject({
      total: 0,
      rows: [],
    });
    // Screens that read while the rows were being written are told to read again.
    expect(engine.events.filter((e) => e.name === 'data:changed').map((e) => e.payload)).toEqual([
      { tables: ['responses', 'imports', 'rejects'] },
    ]);
  });

  it('while an import is written, reads are answered at once (the import list as before it) and writes wait: a removal made meanwhile is not undone by its cancel', async () => {
    const engine = startEngine();
    const dir = tempDir();
    value(await engine.call('engagement:create', { path: join(dir, 'waits.cxb') }));
    const small = join(dir, 'small.csv');
    const rows = [1, 2, 3, 4, 5].map((i) => `S${i},2025-12-0${i},${i + 5},"an earlier answer"`);
    writeFileSync(
      small,
      ['Response ID,Date,How likely are you to recommend us? (0-10),Comment', ...rows].join('\n'),
    );
    const first = value<object>(await engine.call('import:preview', { file: small }));
    value(await engine.call('import:commit', { preview: first as never }));
    const preview = value<object>(await engine.call('import:preview', { file: bigSurvey(300_000) }));
    const answered: string[] = [];
    let during: Array<Promise<Result<unknown>>> = [];
    engine.onEvent((event) => {
      if (event.name !== 'import:progress' || during.length) return;
      during = [
        engine.call('imports:list', {}).then((r) => (answered.push('list'), r)),
        engine.call('imports:remove', { id: 1 }).then((r) => (answered.push('remove'), r)),
        engine.call('import:cancel', { jobId: 'job-4' }).then((r) => (answered.push('cancel'), r)),
      ];
    });
    const result = await engine.call('import:commit', { preview: preview as never, jobId: 'job-4' });
    answered.push('commit');
    expect(result).toMatchObject({ ok: false, error: { code: 'import-cancelled' } });
    const [listed, removed, cancelled] = await Promise.all(during);
    expect(answered).toEqual(['list', 'cancel', 'commit', 'remove']);
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(value<Array<{ id: number }>>(listed as Result<unknown>).map((i) => i.id)).toEqual([1]);
    expect(value(removed as Result<unknown>)).toMatchObject({ table: 'responses', rowsRemoved: 5 });
    expect(value(await engine.call('imports:list', {}))).toEqual([]);
  });

  it('converts a long CSV and reads a large sheet in the worker threads built beside it, and converts here when a worker cannot start or dies as it loads', async () => {
    const dir = tempDir();
    // Names each worker the engine starts; BREAK_WORKERS makes them die as they load, or not start.
    const preload = workerTracePreload(dir);
    const answers = longAnswersCsv(dir);
    const importBoth = async (env: Record<string, string>) => {
      const engine = startEngine({ env, execArgv: ['--import', preload] });
      value(await engine.call('engagement:create', { path: join(engine.dataDir, 'workers.cxb') }));
      const reports: unknown[] = [];
      for (const file of [answers, dataset('servqual-kiosk-kr/설문응답지.xlsx')]) {
        const preview = value<object>(await engine.call('import:preview', { file }));
        const report = value<Record<string, unknown>>(
          await engine.call('import:commit', { preview: preview as never }),
        );
        reports.push({ ...report, sha256: null });
      }
      return { reports, stderr: engine.stderr() };
    };
    const threads = { CXBRIEF_CONVERT_THREAD: '1', CXBRIEF_XLSX_THREAD: '1' };
    const threaded = await importBoth(threads);
    const here = await importBoth({ CXBRIEF_CONVERT_THREAD: '0', CXBRIEF_XLSX_THREAD: '0' });
    const broken = await importBoth({ ...threads, BREAK_WORKERS: 'load' });
    const unsupported = await importBoth({ ...threads, BREAK_WORKERS: 'start' });
    const built = dirname(ENTRY);
    for (const name of ['convert-worker', 'read-worker']) {
      expect(threaded.stderr).toContain(`worker ${pathToFileURL(join(built, `${name}.cjs`)).href}`);
      expect(broken.stderr).toContain(`worker ${pathToFileURL(join(built, `${name}.cjs`)).href}`);
    }
    expect(here.stderr).not.toContain('worker ');
    expect(threaded.reports).toEqual(here.reports);
    expect(broken.reports).toEqual(here.reports);
    expect(unsupported.stderr).toContain('worker ');
    expect(unsupported.reports).toEqual(here.reports);
    expect(here.reports).toMatchObject([{ rowsRead: 600 }, { rowsRead: 200 }]);
  }, 60_000);

  it('builds the demo engagement, announcing each file, and opens it as the app does', async () => {
    const engine = startEngine();
    const path = join(engine.dataDir, 'demo.cxb');
    const build = value<{ company: string; imports: Array<{ rowsRejected: number }> }>(
      await engine.call('demo:build', { path, seed: 7 }),
    );
    expect(build.imports).toHaveLength(9);
    expect(build.imports.every((i) => i.rowsRejected === 0)).toBe(true);
    const announced = engine.events.filter((e) => e.name === 'demo:progress');
    expect(announced).toHaveLength(9);
    // "Open demo engagement" finds the one just built in the app's folder and opens it.
    expect(value(await engine.call('engagement:open-demo', {}))).toEqual({
      name: expect.any(String),
      client: 'Northwind Analytics',
      path,
      readOnly: null,
      created: false,
    });
    expect(value<{ imports: number }>(await engine.call('engagement:summary', {})).imports).toBe(9);
  });

  it('ends quietly when its parent leaves in the middle of an import: no send error, the file left as before', async () => {
    const dir = tempDir();
    const cxb = join(dir, 'left.cxb');
    const errors = join(dir, 'engine-stderr.txt');
    // A parent that forks the engine, starts an import and exits while the engine sends progress.
    const parent = join(dir, 'parent.mjs');
    writeFileSync(
      parent,
      `import { fork } from 'node:child_process';
       import { openSync } from 'node:fs';
       const [entry, dataDir, cxb, file, errors] = process.argv.slice(2);
       const child = fork(entry, [], {
         env: { ...process.env, CXBRIEF_DATA_DIR: dataDir },
         stdio: ['ignore', 'ignore', openSync(errors, 'w'), 'ipc'],
       });
       console.log(child.pid);
       let next = 1;
       const call = (channel, payload) => new Promise((resolve) => {
         const id = next++;
         child.on('message', (m) => { if (m.id === id) resolve(m.result); });
         child.send({ id, channel, payload });
       });
       await call('engagement:create', { path: cxb, name: 'Left' });
       const preview = await call('import:preview', { file });
       child.send({ id: next++, channel: 'import:commit', payload: { preview: preview.value } });
       setTimeout(() => process.exit(0), 30);\n`,
    );
    const started = spawnSync(
      process.execPath,
      [parent, ENTRY, tempDir(), cxb, dataset('telco-churn-ibm/Telco-Customer-Churn.csv'), errors],
      { encoding: 'utf8' },
    );
    expect(started.status, started.stderr).toBe(0);
    const pid = Number(started.stdout.trim());
    for (let waited = 0; isRunning(pid) && waited < 15_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(pid)).toBe(false);
    expect(readFileSync(errors, 'utf8')).toBe('');
    // Whatever the import had reached, the file opens and holds no half import.
    const db = new Database(cxb, { readonly: true });
    const imports = db.prepare('SELECT count(*) FROM imports').pluck().get() as number;
    const customers = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    db.close();
    expect(customers).toBe(imports === 0 ? 0 : 7043);
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
