#!/usr/bin/env node
// cxbrief: runs the TypeScript CLI directly through tsx so `npx cxbrief` works right after `npm ci`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
// so the command re-runs itself once with it; a limit the user set wins.
// The two processes live and die together: signals to this one are passed on, and the child
// holds an IPC channel to this one, which closes when this process dies in any way (SIGKILL
// included), so the child never keeps importing or holding the engagement's lock as an orphan.
const HEAP_LIMIT = '--max-old-space-size=192';
const limited = /max-old-space-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);
if (!limited) {
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
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/cli/main.ts');
  process.exitCode = await run(process.argv.slice(2));
}
