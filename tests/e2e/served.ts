/** `npm run serve` for the end-to-end tests: started in its own process group, its address read from its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served {
  /** The printed address, with its token. */
  url: string;
  process: ChildProcess;
}

export function startServe(workspace: string): Promise<Served> {
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

/** Stops the host and the engine and browser it started (the whole process group). */
export function stopServe(served: ChildProcess | undefined): void {
  if (served?.pid) process.kill(-served.pid, 'SIGTERM');
}
