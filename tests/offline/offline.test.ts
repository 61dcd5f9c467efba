/**
 * The whole path runs with no network: demo files → import → scorecard → gap → PDF, PowerPoint and
 * Excel packs. Inside `unshare -n` (a network namespace with no interface up) where this machine
 * allows it; elsewhere with a preloaded hook that ends the process on any connection off this
 * machine (it covers Node's sockets, not Chromium's: the unshare run is the full proof).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';
import { CLI, ROOT } from '../safety-helpers';

const tempDir = useTempDir();
const HOOK = join(import.meta.dirname, 'no-network.cjs');

const canUnshare =
  process.platform === 'linux' && spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status === 0;

/** Runs cxbrief offline: in a namespace without network, or with the hook preloaded. */
function offline(args: string[], how: 'unshare' | 'hook') {
  const node = [process.execPath, CLI, ...args];
  const result =
    how === 'unshare'
      ? spawnSync('unshare', ['-n', ...node], { cwd: ROOT, encoding: 'utf8' })
      : spawnSync(node[0] as string, node.slice(1), {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: `--require ${HOOK}` },
        });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function wholePath(how: 'unshare' | 'hook'): void {
  const dir = tempDir();
  const cxb = join(dir, 'demo.cxb');
  const built = offline(
    [
      'demo',
      '--out',
      cxb,
      '--pdf',
      join(dir, 'pack.pdf'),
      '--pptx',
      join(dir, 'deck.pptx'),
      '--xlsx',
      join(dir, 'book.xlsx'),
    ],
    how,
  );
  expect(built.code, built.stderr).toBe(0);
  for (const file of ['pack.pdf', 'deck.pptx', 'book.xlsx'])
    expect(statSync(join(dir, file)).size).toBeGreaterThan(10_000);
  const scorecard = offline(['scorecard', cxb], how);
  expect(scorecard.code, scorecard.stderr).toBe(0);
  expect(scorecard.stdout).toMatch(/NPS/);
  const gap = offline(['gap', cxb], how);
  expect(gap.code, gap.stderr).toBe(0);
  expect(`${built.stderr}${scorecard.stderr}${gap.stderr}`).not.toMatch(/NETWORK ACCESS/);
}

describe('offline', () => {
  it.runIf(canUnshare)(
    'demo → import → scorecard → gap → PDF/PPTX/XLSX inside unshare -n',
    () => wholePath('unshare'),
    600_000,
  );

  it.runIf(!canUnshare)(
    'demo → import → scorecard → gap → PDF/PPTX/XLSX with connections off this machine refused (unshare not permitted here)',
    () => wholePath('hook'),
    600_000,
  );

  it('the hook refuses a connection off this machine (so the fallback can fail)', () => {
    const result = spawnSync(
      process.execPath,
      ['--require', HOOK, '-e', "require('node:net').connect(443, '93.184.215.14')"],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(97);
    expect(result.stderr).toMatch(/NETWORK ACCESS: 93\.184\.215\.14:443/);
  });
});
