/** The demo engagement's pack (built once per test file), and the personal data planted in its comments. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoEngagement } from '../../../src/demo/build';
import { buildBriefingPack, type BriefingPack } from '../../../src/core/briefing';
import { openEngagement } from '../../../src/core/store';

export interface DemoPack {
  dir: string;
  pack: BriefingPack;
  /** E-mails, phone numbers and names the demo generator planted in survey comments. */
  planted: string[];
  close(): void;
}

export async function demoPack(): Promise<DemoPack> {
  const dir = mkdtempSync(join(tmpdir(), 'cxb-export-'));
  const path = join(dir, 'demo.cxb');
  await buildDemoEngagement(path);
  const engagement = openEngagement(path, { create: false });
  try {
    const pack = buildBriefingPack(engagement.db, { appVersion: '9.9.9-test' });
    const truth = JSON.parse(readFileSync(join(dir, 'demo-files', 'truth.json'), 'utf8')) as {
      pii: { items: { value: string }[] };
    };
    return {
      dir,
      pack,
      planted: truth.pii.items.map((i) => i.value),
      close: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    engagement.close();
  }
}
