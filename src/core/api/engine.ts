import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoEngagement } from '../../../resources/demo/build';
import type { PdfPrinter } from '../export/pdf';
import { computeGapReport } from '../gap';
import { briefingHandlers } from './handlers/briefing';
import { packFileHandlers } from './handlers/pack-files';
import { computeScorecard } from '../metrics';
import { listImports, openEngagement, type Engagement } from '../store';
import {
  REQUESTS,
  type Channel,
  type EngagementSummary,
  type Request,
  type Responses,
  type Result,
} from './contract';

/**
 * The engine behind the contract: owns the one open engagement file and answers each channel
 * by calling core. Used by Electron's main process (and by the HTTP host later); plain Node.
 */
export interface Engine {
  handle<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]>;
  close(): void;
}

export interface EngineOptions {
  dataDir: string;
  /** Stamped on every pack; the host knows it (package.json, Electron's app.getVersion()). */
  appVersion?: string;
  /** Prints `pack:export-pdf`; without one that channel answers that PDF export is not available. */
  printer?: PdfPrinter | null;
}

export function createEngine(options: EngineOptions): Engine {
  let current: Engagement | null = null;
  const summary = (): EngagementSummary | null => {
    if (!current) return null;
    const row = current.db.prepare(`SELECT value FROM meta WHERE key = 'name'`).get() as
      { value: string } | undefined;
    return { name: row?.value ?? 'Engagement', path: current.path };
  };
  const open = (path: string): EngagementSummary => {
    current?.close();
    current = null;
    current = openEngagement(path, { create: false });
    return summary() as EngagementSummary;
  };
  const require = (): Engagement => {
    if (!current) throw new Error('Open an engagement first.');
    return current;
  };
  const handlers: { [C in Channel]: (request: Request<C>) => Promise<Responses[C]> | Responses[C] } = {
    'engagement:open': (request) => open(request.path),
    'engagement:open-demo': async () => {
      const path = join(options.dataDir, 'demo.cxb');
      if (!existsSync(path)) {
        current?.close();
        current = null;
        await buildDemoEngagement(path);
      }
      return open(path);
    },
    'engagement:current': () => summary(),
    'imports:list': () => listImports(require().db),
    'scorecard:get': (request) => computeScorecard(require().db, request),
    'gap:get': (request) => computeGapReport(require().db, request),
    ...briefingHandlers({
      db: () => require().db,
      appVersion: options.appVersion ?? 'dev',
      printer: options.printer ?? null,
    }),
    ...packFileHandlers({ db: () => require().db, appVersion: options.appVersion ?? 'dev' }),
  };
  return {
    async handle(channel, request) {
      return handlers[channel](request);
    },
    close() {
      void options.printer?.close();
      current?.close();
      current = null;
    },
  };
}

/**
 * One request from the renderer, as every host answers it (Electron's IPC, a test's browser): the
 * payload checked against the channel's schema before anything runs, and any failure turned into a
 * sentence the renderer can show, never a stack trace.
 */
export async function answer(engine: Engine, channel: Channel, payload: unknown): Promise<Result<unknown>> {
  const parsed = REQUESTS[channel].safeParse(payload ?? {});
  if (!parsed.success) return { ok: false, error: `Invalid request for ${channel}.` };
  try {
    return { ok: true, value: await engine.handle(channel, parsed.data as never) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
