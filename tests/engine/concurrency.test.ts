/**
 * One engagement file, several owners wanting it: the app's engine process, the engine `npm run
 * serve` forks (the same entry) and the cxbrief CLI. Whoever comes second is told "already open
 * by …" every time, creators racing for one new file never see a half-made one, and the file is
 * sound afterwards.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/api';
import { forkedEngine, type EngineLink } from '../../src/host/engine-link';
import { useTempDir } from '../helpers';
import {
  ROOT,
  contentDigest,
  cxbrief,
  cxbriefAsync,
  integrity,
  surveyCsv,
  type CliResult,
} from '../safety-helpers';

const tempDir = useTempDir();
const engines: EngineLink[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.close();
});

/** The engine process as the app and `npm run serve` start it (here from source, through tsx). */
function engineProcess(): EngineLink {
  const engine = forkedEngine({
    entry: join(ROOT, 'src', 'engine', 'index.ts'),
    dataDir: tempDir(),
    execArgv: ['--import', 'tsx'],
  });
  engines.push(engine);
  return engine;
}

const ALREADY_OPEN =
  /is already open by another CX Brief process \(the app, `npm run serve` or a cxbrief command\)/;

function expectAlreadyOpen(result: Result<unknown>): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('already-open');
  expect(result.error.message).toMatch(ALREADY_OPEN);
}

function expectCliAlreadyOpen(result: CliResult): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(ALREADY_OPEN);
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('one engagement, several processes', () => {
  it('the app engine holds it: the serve engine and the CLI are told "already open", reading and writing alike', async () => {
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    const survey = surveyCsv(dir, 500);
    expect(cxbrief(['import', survey, '--into', cxb, '--quiet']).code).toBe(0);
    const before = contentDigest(cxb);
    const app = engineProcess();
    expect((await app.call('engagement:open', { path: cxb })).ok).toBe(true);
    const served = engineProcess();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectAlreadyOpen(await served.call('engagement:open', { path: cxb }));
      expectCliAlreadyOpen(cxbrief(['imports', cxb]));
    }
    expectCliAlreadyOpen(cxbrief(['settings', cxb, 'currency=EUR']));
    expectCliAlreadyOpen(cxbrief(['import', surveyCsv(dir, 10, 'more.csv', 500), '--into', cxb]));
    expect((await app.call('engagement:close', {})).ok).toBe(true);
    // Released: the other engine opens it now, and the app is the one refused.
    expect((await served.call('engagement:open', { path: cxb })).ok).toBe(true);
    expectAlreadyOpen(await app.call('engagement:open', { path: cxb }));
    expect((await served.call('engagement:close', {})).ok).toBe(true);
    expect(contentDigest(cxb)).toBe(before);
    expect(integrity(cxb)).toBe('ok');
  });

  it('while the CLI imports into it, the engines are refused; the import then completes whole', async () => {
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    expect(cxbrief(['import', surveyCsv(dir, 100, 'first.csv'), '--into', cxb, '--quiet']).code).toBe(0);
    const importing = cxbriefAsync(['import', surveyCsv(dir, 150_000), '--into', cxb, '--quiet']);
    await waitFor(() => existsSync(`${cxb}-journal`), 30_000);
    const app = engineProcess();
    expectAlreadyOpen(await app.call('engagement:open', { path: cxb }));
    const done = await importing;
    expect(done.code, done.stderr).toBe(0);
    expect((await app.call('engagement:open', { path: cxb })).ok).toBe(true);
    const imports = (await app.call('imports:list', {})) as Result<unknown[]>;
    expect(imports.ok && imports.value.length).toBe(2);
    await app.call('engagement:close', {});
  });

  it('15 simultaneous creations of one new engagement: one file, whole, one import; never "not an SQLite database"', async () => {
    const dir = tempDir();
    const cxb = join(dir, 'new.cxb');
    const survey = surveyCsv(dir, 200);
    const results = await Promise.all(
      Array.from({ length: 15 }, () => cxbriefAsync(['import', survey, '--into', cxb, '--quiet'])),
    );
    for (const result of results) {
      expect(result.stderr).not.toMatch(/SQLite database|damaged|unfinished|internal error/);
      if (result.code !== 0) {
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/already open by another CX Brief process|was already imported/);
      }
    }
    expect(results.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    expect(integrity(cxb)).toBe('ok');
    const listed = cxbrief(['imports', cxb, '--json']);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });
});
