/**
 * Builds the demo engagement the way a user would: generate the client's export files, then
 * import each one through the real importer with detected mappings (no hand-written mapping).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, type ImportReport } from '../core/import';
import { computeScorecard } from '../core/analysis';
import { openEngagement, writeNotes } from '../core/store';
import { demoNotes } from './notes';
import { generateDemo, type DemoFileKind, type DemoManifest } from './generate';

export interface DemoBuild {
  path: string;
  filesDir: string;
  manifest: DemoManifest;
  imports: ImportReport[];
}

/** Import order: reference data first, so a reader of the history sees it in a natural order. */
const ORDER: DemoFileKind[] = [
  'touchpoints',
  'targets',
  'customers',
  'revenue-long',
  'revenue-wide',
  'responses',
  'assessments',
  'spend',
  'funnel',
];

/** How a demo engagement's name ends (so the demo is never built over a user's own file). */
export const DEMO_NAME_SUFFIX = ' (demo)';

export async function buildDemoEngagement(
  path: string,
  options: { seed?: number; scale?: number; onFile?: (file: string) => void } = {},
): Promise<DemoBuild> {
  const filesDir = `${path.replace(/\.cxb$/, '')}-files`;
  const manifest = await generateDemo(filesDir, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
  });
  for (const suffix of ['', '-journal', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  const engagement = openEngagement(path, {
    name: `${manifest.company}${DEMO_NAME_SUFFIX}`,
    client: manifest.company,
  });
  const imports: ImportReport[] = [];
  try {
    const files = [...manifest.files].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    for (const file of files) {
      options.onFile?.(file.path);
      imports.push(await importFile(engagement.db, { file: join(filesDir, file.path) }));
    }
    const setting = engagement.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    setting.run('currency', 'USD');
    setting.run('gross_margin', '0.78');
    const period = computeScorecard(engagement.db, { seriesLength: 1 }).period.label;
    writeNotes(engagement.db, period, demoNotes(period));
  } finally {
    engagement.close();
  }
  return { path, filesDir, manifest, imports };
}
