import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { forkedEngine } from './engine-link';
import { startBrowserHost } from './server';

/**
 * `npm run serve`: CX Brief in a browser on this machine, for where the app cannot be installed
 * (and for the end-to-end tests). Prints the one address to open; it holds the token.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    workspace: { type: 'string' },
  },
});
async function main(): Promise<void> {
  const workspace = resolve(values.workspace ?? process.env.CXBRIEF_WORKSPACE ?? join(homedir(), 'CX Brief'));
  const rendererDir = join(__dirname, '../renderer');
  const engine = forkedEngine({
    entry: join(__dirname, 'engine.cjs'),
    dataDir: join(workspace, '.app'),
    // The engine prints PDFs from the built report view with the npm Chromium.
    env: { CXBRIEF_REPORT_SITE: rendererDir },
  });
  const host = await startBrowserHost({
    rendererDir,
    engine,
    workspace,
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  console.log(`CX Brief is served at ${host.url}`);
  console.log(`Engagements and uploaded files go to ${workspace}. Press Ctrl+C to stop.`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      engine.close();
      void host.close().then(() => process.exit(0));
    });
}

void main();
