/**
 * What the browser e2e tests (and the renderer benchmark) share: the app built and served as
 * `npm run serve` serves it on a workspace (the built renderer and the engine process behind the
 * browser host), and screenshots at the two window sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp } from '../helpers';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-output', 'screenshots');
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** Its own build folder, so a developer's `npm run serve` (out/) and these runs never meet. */
const BUILD = 'e2e-host';
const OUT = join(ROOT, 'out');
const STALE_LOCK_MS = 10 * 60_000;

/**
 * `npm run serve`'s build, once per test run: test files run in parallel workers, and a second
 * build would rewrite out/ under a host another file is still using. The workers share the test
 * runner as their parent process, so a marker named after it says the build is done.
 */
async function buildOnce(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const lock = join(OUT, '.e2e-build.lock');
  const marker = join(OUT, `.e2e-built-${process.ppid}`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a run that was killed.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (existsSync(marker)) return;
    buildApp(BUILD);
    writeFileSync(marker, '');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the app (once per run) and starts its browser host as `npm run serve` does; resolves with the address it prints (token included) and the process. */
export async function startServe(workspace: string): Promise<{ url: string; process: ChildProcess }> {
  await buildOnce();
  return new Promise((resolve, reject) => {
    const serve = spawn(process.execPath, [join(OUT, BUILD, 'main', 'serve.cjs'), '--workspace', workspace], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let output = '';
    serve.stdout?.setEncoding('utf8');
    serve.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const found = /CX Brief is served at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (found?.[1]) resolve({ url: found[1], process: serve });
    });
    serve.on('exit', (code) => reject(new Error(`The browser host exited with ${code}: ${output}`)));
  });
}

/** Stops the host and everything it started (it runs in its own process group). */
export function stopServe(serve: ChildProcess | undefined): void {
  if (serve?.pid) process.kill(-serve.pid, 'SIGTERM');
}

/** The page as it is, at 1280×800 and 1920×1080, into test-output/screenshots. */
export async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  for (const viewport of SIZES) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `${name}-${viewport.width}x${viewport.height}.png`) });
  }
  if (size) await page.setViewportSize(size);
}
