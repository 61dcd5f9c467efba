/**
 * The preload is built from one generic invoke and checked with `satisfies ApiClient`: a channel
 * missing from it is a compile error, not a silent hole in `window.cxb`. Proved by compiling the
 * preload as it is beside a copy with one channel left out.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const PRELOAD = join(ROOT, 'src', 'preload', 'index.ts');
const tempDir = useTempDir();

/** The preload's source with its imports pointing back into the repository. */
function copyOf(source: string): string {
  return source.replace(
    "from '../core/api/contract'",
    `from ${JSON.stringify(join(ROOT, 'src/core/api/contract'))}`,
  );
}

describe('the preload against the contract', () => {
  it('compiles as it is, and fails to compile with a channel left out', () => {
    const dir = tempDir();
    const source = readFileSync(PRELOAD, 'utf8');
    const missing = "  'gap:get': to('gap:get'),\n";
    expect(source).toContain(missing);
    writeFileSync(join(dir, 'intact.ts'), copyOf(source));
    writeFileSync(join(dir, 'broken.ts'), copyOf(source.replace(missing, '')));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.node.json'),
        compilerOptions: {
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          paths: { electron: [join(ROOT, 'node_modules', 'electron', 'electron.d.ts')] },
        },
        include: [],
        files: [join(dir, 'intact.ts'), join(dir, 'broken.ts'), join(ROOT, 'src/core/metrics/jstat.d.ts')],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(dir, 'tsconfig.json')],
      { encoding: 'utf8', cwd: ROOT },
    );
    const errors = tsc.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors, tsc.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(
      /broken\.ts\(\d+,\d+\): error TS1360: .*does not satisfy the expected type 'ApiClient'/,
    );
    expect(tsc.stdout).toMatch(/Property '"gap:get"' is missing/);
    expect(tsc.status).toBe(2);
  });
});
