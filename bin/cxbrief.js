#!/usr/bin/env node
// cxbrief: runs the TypeScript CLI directly through tsx so `npx cxbrief` works right after `npm ci`.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `cxbrief needs Node 22 or newer (this is Node ${process.versions.node}); see README "Prerequisites".`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
