/**
 * What the browser e2e tests share: `npm run serve` started on a workspace (the built renderer and
 * the engine process behind the browser host), and screenshots at the two window sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-output', 'screenshots');
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** Starts `npm run serve`; resolves with the address it prints (token included) and the process. */
export function startServe(workspace: string): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const serve = spawn('npm', ['run', 'serve', '--', '--workspace', workspace], {
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
    serve.on('exit', (code) => reject(new Error(`npm run serve exited with ${code}: ${output}`)));
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
