/**
 * The report view, built for printing outside Electron: the renderer's report.html bundled by
 * Vite into out/report-site, rebuilt only when the sources it is made of changed (a stamp of their
 * sizes and times), so a warm `cxbrief export` does not pay for a build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['src/renderer', 'src/core', 'package-lock.json'];

function stampOf(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
  };
  for (const source of SOURCES) if (existsSync(join(ROOT, source))) visit(join(ROOT, source));
  return hash.digest('hex');
}

/** Builds the report site into `outDir` (default out/report-site) unless it is current; returns the folder. */
export async function ensureReportSite(outDir = join(ROOT, 'out/report-site')): Promise<string> {
  const stampFile = join(outDir, '.stamp');
  const stamp = stampOf();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return outDir;
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    root: join(ROOT, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: join(ROOT, 'src/renderer/report.html') },
    },
  });
  writeFileSync(stampFile, stamp);
  return outDir;
}
