// Builds the prebuilt CLI into out/cli: src/cli/main.ts and the import's worker threads bundled by
// esbuild, npm packages left as imports (they load from node_modules, native better-sqlite3
// included) except the few small pure-JavaScript ones every command loads. bin/cxbrief.js runs it
// while it is newer than every source (bin/cli-bundle.js), so a command starts in plain Node
// instead of compiling TypeScript through tsx first. Run by the prepare script (so by `npm ci` and
// `npm install`); plain Node, no tsx.
import { mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_STAMP, BUNDLE_DIR, PROJECT_ROOT } from '../bin/cli-bundle.js';

/**
 * Loaded by every command, small and plain JavaScript: bundled, they load as part of one file,
 * tree-shaken (zod as some sixty modules of its own took about 20 ms of a 100 ms `cxbrief
 * imports`; these five together about 27 ms).
 */
const BUNDLED_PACKAGES = ['zod', 'papaparse', 'chardet', 'iconv-lite', 'jstat'];

/** Every other package the project names stays an import, resolved from node_modules at run time. */
function externalPackages(root) {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(
    readFileSync(join(root, 'package.json'), 'utf8'),
  );
  return Object.keys({ ...dependencies, ...devDependencies })
    .filter((name) => !BUNDLED_PACKAGES.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/**
 * Builds beside the bundle and moves the result into place whole, so a command starting meanwhile
 * finds either a whole bundle or none (and runs the sources). Returns the bundle's folder.
 */
export async function buildCli(root = PROJECT_ROOT) {
  const startedAt = new Date();
  const outDir = join(root, BUNDLE_DIR);
  const staging = `${outDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src/cli/main.ts',
      // Beside main.js, where src/core/import/threads.ts looks for workers from a bundle.
      'read-worker': 'src/core/import/xlsx/read-worker.ts',
      'convert-worker': 'src/core/import/convert-worker.ts',
    },
    outdir: staging,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: externalPackages(root),
    // Bundled CommonJS packages require Node's built-ins (iconv-lite: buffer, stream): an ES
    // module has no require of its own.
    banner: {
      js: "import { createRequire as cxbriefRequire } from 'node:module';\nconst require = cxbriefRequire(import.meta.url);",
    },
    // Code behind a dynamic import (the printer, the deck and workbook writers, the demo) goes
    // to chunks of its own, with its packages: commands that do not need them never load them.
    splitting: true,
    logLevel: 'warning',
  }).catch((error) => {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  });
  mkdirSync(staging, { recursive: true });
  const stamp = join(staging, BUILT_STAMP);
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  utimesSync(stamp, startedAt, startedAt);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  return outDir;
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  try {
    const outDir = await buildCli();
    console.log(`cxbrief CLI built into ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    // An install without devDependencies (npm ci --omit=dev) has no esbuild: it should still
    // install; cxbrief then needs the sources' tsx, which such an install lacks too.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes("'esbuild'")) throw error;
    console.log('cxbrief CLI not prebuilt: esbuild is not installed (an install without devDependencies).');
  }
}
