import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { EngagementFileError, integrityProblems, openEngagement, type Db } from '../../store';
import { RECORD_TABLES } from '../../store/records';
import { getSettings, type EngagementSettings } from '../../store/settings';
import { domain, empty, nameSchema, pathSchema, request, type EngineContext } from './context';

export interface EngagementSummary {
  name: string;
  /** Whom the engagement is for, as typed when it was created (the pack's cover shows it); null if none. */
  client: string | null;
  path: string;
  /**
   * Why the engagement is open for viewing only ("it is marked read-only"), or null when it can
   * be written: the scorecard, gap and pack work, every change is refused with a sentence.
   */
  readOnly: string | null;
  /** True when this request created the file. */
  created: boolean;
}

export interface EngagementCheck {
  path: string;
  /** True when SQLite's integrity and foreign-key checks found nothing. */
  ok: boolean;
  /** The first problems found (empty when ok). */
  problems: string[];
  seconds: number;
}

export interface EngagementDetails extends EngagementSummary {
  createdAt: string | null;
  settings: EngagementSettings;
  imports: number;
  /** Current rows per fact table. */
  rows: Record<string, number>;
}

export interface DemoBuildSummary {
  path: string;
  filesDir: string;
  company: string;
  imports: Array<{
    fileName: string;
    kind: string;
    rowsRead: number;
    rowsAccepted: number;
    rowsRejected: number;
    factsWritten: number;
  }>;
}

function meta(db: Db, key: string): string | null {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function summary(context: EngineContext): EngagementSummary | null {
  const current = context.engagement;
  if (!current) return null;
  return {
    name: meta(current.db, 'name') ?? 'Engagement',
    client: meta(current.db, 'client'),
    path: current.path,
    readOnly: current.readOnly,
    created: current.created,
  };
}

function opened(context: EngineContext): EngagementSummary {
  return summary(context) as EngagementSummary;
}

function details(context: EngineContext): EngagementDetails {
  const db = context.db();
  const rows: Record<string, number> = {};
  for (const table of RECORD_TABLES) {
    const active = table === 'targets' ? '' : 'WHERE active = 1';
    rows[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}" ${active}`).get() as { n: number }).n;
  }
  const imports = (db.prepare(`SELECT count(*) AS n FROM imports`).get() as { n: number }).n;
  return { ...opened(context), createdAt: meta(db, 'created_at'), settings: getSettings(db), imports, rows };
}

/** Building the demo replaces its file: never let that be a user's own engagement. */
function refuseToReplace(path: string, demoNameSuffix: string): void {
  if (!existsSync(path)) return;
  const existing = openEngagement(path, { create: false });
  try {
    if (meta(existing.db, 'name')?.endsWith(demoNameSuffix)) return;
  } finally {
    existing.close();
  }
  throw new EngagementFileError(
    path,
    'exists',
    `${path} is an engagement that is not the demo; it was left as it is. Choose another file for the demo.`,
  );
}

async function buildDemo(context: EngineContext, path: string, seed?: number): Promise<DemoBuildSummary> {
  // Loaded only here: the demo's file writers pull in exceljs, which every other request starts without.
  const { DEMO_NAME_SUFFIX, buildDemoEngagement } = await import('../../../demo/build');
  const target = resolve(path);
  if (context.engagement && resolve(context.engagement.path) === target) context.close();
  refuseToReplace(target, DEMO_NAME_SUFFIX);
  mkdirSync(dirname(target), { recursive: true });
  const build = await buildDemoEngagement(target, {
    ...(seed !== undefined ? { seed } : {}),
    onFile: (file) => context.emit('demo:progress', { file }),
  });
  return {
    path: build.path,
    filesDir: build.filesDir,
    company: build.manifest.company,
    imports: build.imports.map((r) => ({
      fileName: r.fileName,
      kind: r.kind,
      rowsRead: r.rowsRead,
      rowsAccepted: r.rowsAccepted,
      rowsRejected: r.rowsRejected,
      factsWritten: r.factsWritten,
    })),
  };
}

/** Create, open, close and describe the one engagement file the engine owns; the demo. */
export const engagement = domain(
  {
    'engagement:create': request({
      path: pathSchema,
      name: nameSchema.optional(),
      client: z.string().max(200).optional(),
    }),
    'engagement:open': request({ path: pathSchema, create: z.boolean().optional() }),
    'engagement:close': request({ discardIfUnused: z.boolean().optional() }),
    'engagement:check': empty,
    'engagement:current': empty,
    'engagement:summary': empty,
    'engagement:open-demo': empty,
    'demo:build': request({ path: pathSchema, seed: z.number().int().min(0).optional() }),
  },
  {
    'engagement:create': (r, context): EngagementSummary => {
      // Refused before the open engagement is closed; mustBeNew also refuses one made meanwhile.
      if (existsSync(r.path))
        throw new EngagementFileError(r.path, 'exists', `${r.path} already exists; open it instead.`);
      const client = r.client?.trim();
      context.open(r.path, {
        create: true,
        mustBeNew: true,
        ...(r.name ? { name: r.name } : {}),
        ...(client ? { client } : {}),
      });
      return opened(context);
    },
    'engagement:open': (r, context): EngagementSummary => {
      context.open(r.path, { create: r.create ?? false });
      return opened(context);
    },
    'engagement:close': (r, context): null => {
      context.close({ discardIfUnused: r.discardIfUnused ?? false });
      return null;
    },
    'engagement:check': (_r, context): EngagementCheck => {
      const db = context.db();
      const started = performance.now();
      const problems = integrityProblems(db);
      return {
        path: context.engagement?.path ?? '',
        ok: problems.length === 0,
        problems: problems.slice(0, 10),
        seconds: (performance.now() - started) / 1000,
      };
    },
    'engagement:current': (_r, context): EngagementSummary | null => summary(context),
    'engagement:summary': (_r, context): EngagementDetails => details(context),
    'engagement:open-demo': async (_r, context): Promise<EngagementSummary> => {
      const path = join(context.dataDir, 'demo.cxb');
      if (!existsSync(path)) {
        context.close();
        await buildDemo(context, path);
      }
      context.open(path, { create: false });
      return opened(context);
    },
    'demo:build': (r, context): Promise<DemoBuildSummary> => buildDemo(context, r.path, r.seed),
  },
);
