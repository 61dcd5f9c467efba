import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's folder (the one holding package.json). Found by walking up from this module: the
 * CLI runs from its TypeScript sources in src/cli and from its prebuilt bundle in out/cli, which
 * sit at different depths.
 */
export const PROJECT_ROOT = projectRootAbove(import.meta.dirname);

function projectRootAbove(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json in ${start} or above it`);
  }
}
