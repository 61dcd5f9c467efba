#!/usr/bin/env node
// cxbrief: runs the prebuilt CLI (out/cli, built at `npm ci` by the prepare script) while it is
// current, else the TypeScript CLI directly through tsx, so `npx cxbrief` works right after
// `npm ci` and a developer editing src never runs stale code (bin/cli-bundle.js decides).
import { spawn } from 'node:child_process';
import * as nodeModule from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBundle } from './cli-bundle.js';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `cxbrief needs Node 22 or newer (this is Node ${process.versions.node}); see README "Prerequisites".`,
  );
  process.exit(1);
}

// Streaming imports allocate a lot of short-lived garbage. With an explicit old-space limit V8
// collects it eagerly and the process stays near its working set (about 215 MB for a 1M-row
// import instead of about 295 MB) and flat with file size. V8 reads the limit only at start,
// so these commands re-run themselves once with it; a limit the user set wins. The other
// commands read a few rows through SQLite and start once: a second Node start would be most of
// their time.
// The two processes live and die together: signals to this one are passed on, and the child
// holds an IPC channel to this one, which closes when this process dies in any way (SIGKILL
// included), so the child never keeps importing or holding the engagement's lock as an orphan.
const STREAMING_COMMANDS = new Set(['import', 'demo', 'export']);
const HEAP_LIMIT = '--max-old-space-size=192';
const [command] = process.argv.slice(2);
const limited = /max-old-space-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);
if (STREAMING_COMMANDS.has(command) && !limited) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, HEAP_LIMIT, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
  );
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
} else {
  if (process.channel) {
    // Started by the wrapper above: end with it. The channel itself must not keep us alive.
    process.on('disconnect', () => process.exit(1));
    process.channel.unref();
  }
  const { run } = await loadCli();
  process.exitCode = await run(process.argv.slice(2));
}

/** The prebuilt CLI when current, else the sources through tsx. CXBRIEF_TRACE_CLI=1 says which. */
async function loadCli() {
  // V8's compiled code kept on disk (in the temporary folder) between runs: compiling the CLI's
  // JavaScript was about a third of a cheap command's time. Node 22.0 has no such cache.
  nodeModule.enableCompileCache?.();
  const bundle = currentBundle();
  if (process.env.CXBRIEF_TRACE_CLI === '1')
    console.error(
      bundle.entry
        ? `cxbrief: prebuilt CLI ${bundle.entry} (${bundle.reason})`
        : `cxbrief: TypeScript sources through tsx (${bundle.reason})`,
    );
  if (bundle.entry) return import(pathToFileURL(bundle.entry).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}
