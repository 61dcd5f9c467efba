/**
 * The report view, built for printing outside Electron: the renderer's report.html bundled by
 * Vite into out/report-site, rebuilt only when the sources it is made of changed (a stamp of their
 * sizes and times), so a warm `cxbrief export` does not pay for a build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT as ROOT } from './paths';

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

function isCurrent(outDir: string, stamp: string): boolean {
  const stampFile = join(outDir, '.stamp');
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
}

/**
 * Builds the report site into `outDir` (default out/report-site) unless it is current; returns the
 * folder. Several processes may ask at once (tests, a bench next to an export): each builds into
 * its own folder and moves it into place whole, so none ever reads a half-built or emptied site.
 */
export async function ensureReportSite(outDir = join(ROOT, 'out/report-site')): Promise<string> {
  const stamp = stampOf();
  if (isCurrent(outDir, stamp)) return outDir;
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const staging = `${outDir}.building-${process.pid}-${Date.now()}`;
  await build({
    root: join(ROOT, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: {
      outDir: staging,
      emptyOutDir: true,
      rollupOptions: { input: join(ROOT, 'src/renderer/report.html') },
    },
  });
  writeFileSync(join(staging, '.stamp'), stamp);
  if (isCurrent(outDir, stamp)) {
    // Another process finished the same build first: keep its folder (it may be printing from it).
    rmSync(staging, { recursive: true, force: true });
    return outDir;
  }
  rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another build moved in between: fine if it is current.
    rmSync(staging, { recursive: true, force: true });
    if (!isCurrent(outDir, stamp)) throw error;
  }
  return outDir;
}
