/**
 * The lint rules that keep the hosts on their side of the API: the CLI imports from core only the
 * API and the presentation module; the renderer only types from the contract, and core/format.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => /no-restricted-imports/.test(m.ruleId ?? ''))
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it('the CLI reaches core only through core/api and core/format', async () => {
    expect(
      await problems(
        'src/cli/commands/example.ts',
        "import { createEngine } from '../../core/api';\nimport { formatterFor } from '../../core/format';\nvoid createEngine; void formatterFor;\n",
      ),
    ).toEqual([]);
    const refused = await problems(
      'src/cli/commands/example.ts',
      "import { openEngagement } from '../../core/store';\nimport { importFile } from '../../core/import/load';\nimport { buildDemoEngagement } from '../../demo/build';\nvoid openEngagement; void importFile; void buildDemoEngagement;\n",
    );
    expect(refused).toHaveLength(3);
  });

  it('the renderer imports only types from the contract, and core/format', async () => {
    expect(
      await problems(
        'src/renderer/src/Example.tsx',
        "import type { Scorecard } from '../../core/api/contract';\nimport { formatterFor } from '../../core/format';\nexport type S = Scorecard; void formatterFor;\n",
      ),
    ).toEqual([]);
    const refused = await problems(
      'src/renderer/src/Example.tsx',
      "import { CHANNELS } from '../../core/api/contract';\nimport type { Db } from '../../core/store';\nimport { readFileSync } from 'node:fs';\nexport type D = Db; void CHANNELS; void readFileSync;\n",
    );
    expect(refused).toHaveLength(3);
  });
});
