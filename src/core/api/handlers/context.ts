import { z } from 'zod';
import { UserError } from '../../errors';
import type { OpenPreview } from '../../import';
import {
  discardIfUnused,
  openEngagement,
  type Db,
  type Engagement,
  type ImportRecord,
  type OpenOptions,
} from '../../store';
import type { PdfPrinter } from '../../export/pdf';
import type { EmitEvent } from '../events';
import { briefingHandlers } from './briefing';
import { packFileHandlers } from './pack-files';

/** What the host gives the engine beyond its data folder: its version and its PDF printer. */
export interface HostServices {
  /** Stamped on every pack; the host knows it (package.json, Electron's app.getVersion()). */
  appVersion?: string;
  /** Prints `pack:export-pdf`; without one that channel answers that PDF export is not available. */
  printer?: PdfPrinter | null;
}

/**
 * What every handler works with: the one open engagement (the engine owns it), the running
 * imports that can be cancelled, and the event channel to the host.
 */
export class EngineContext {
  private current: Engagement | null = null;
  readonly jobs = new Map<string, AbortController>();
  /** While an import is written: the imports as they were before it (the list screens show). */
  importsBeforeWrite: ImportRecord[] | null = null;
  readonly briefing: ReturnType<typeof briefingHandlers>;
  readonly packFiles: ReturnType<typeof packFileHandlers>;
  /**
   * The latest preview with its file still open, so a commit right after it reads the file once
   * (the CLI previews and commits in one go; a window may take its time, or preview another).
   */
  private openPreview: OpenPreview | null = null;

  constructor(
    readonly dataDir: string,
    readonly emit: EmitEvent,
    private readonly services: HostServices = {},
  ) {
    this.briefing = briefingHandlers({
      db: () => this.db(),
      appVersion: services.appVersion ?? 'dev',
      printer: services.printer ?? null,
    });
    this.packFiles = packFileHandlers({ db: () => this.db(), appVersion: services.appVersion ?? 'dev' });
  }

  get engagement(): Engagement | null {
    return this.current;
  }

  /** The open engagement's database; a user error when none is open. */
  db(): Db {
    if (!this.current) throw new UserError('no-engagement', 'Open an engagement first.');
    return this.current.db;
  }

  open(path: string, options: OpenOptions & { create: boolean }): Engagement {
    this.close();
    this.current = openEngagement(path, options);
    return this.current;
  }

  /** Closes the engagement and what the host lent the engine (the printer's browser). */
  shutdown(): void {
    this.close();
    void this.services.printer?.close();
  }

  /** Keeps this preview's open file for the commit, closing the one kept before. */
  async keepPreview(open: OpenPreview): Promise<void> {
    const previous = this.openPreview;
    this.openPreview = open;
    await previous?.close();
  }

  /** The kept preview, handed over once (a commit consumes its stream). */
  takePreview(): OpenPreview | null {
    const open = this.openPreview;
    this.openPreview = null;
    return open;
  }

  /**
   * Closes the open engagement. `discardIfUnused` deletes it instead when this session created it
   * and nothing was imported (a refused first import leaves no empty engagement behind).
   */
  close(options: { discardIfUnused?: boolean } = {}): void {
    void this.takePreview()?.close();
    for (const job of this.jobs.values()) job.abort();
    const current = this.current;
    this.current = null;
    if (current && !(options.discardIfUnused && discardIfUnused(current))) current.close();
  }

  changed(tables: string[]): void {
    this.emit('data:changed', { tables: [...new Set(tables)] });
  }
}

/** A request schema: an object with only the named properties. */
export const request = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
export const empty = request({});
export const pathSchema = z.string().min(1).max(4096);
export const nameSchema = z.string().min(1).max(200);
export const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
};

/** A domain's channels: their request schemas and the handlers answering them. */
export function domain<
  R extends Record<string, z.ZodType>,
  H extends { [K in keyof R]: (request: z.output<R[K]>, context: EngineContext) => unknown },
>(requests: R, handlers: H): { requests: R; handlers: H } {
  return { requests, handlers };
}
