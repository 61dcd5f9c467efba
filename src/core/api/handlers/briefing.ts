/**
 * The briefing channels: the pack for a period and filter, its PDF, and the notes (key messages,
 * actions, decisions) saved per period. A host supplies the open engagement, the app version and
 * the PDF printer (Electron's printToPDF in the app, Chromium via playwright-core elsewhere).
 */
import { z } from 'zod';
import { buildBriefingPack, SECTIONS, type BriefingPack } from '../../briefing';
import { PAPERS, PdfExportError, type PdfPrinter, type PrintResult } from '../../export/pdf';
import { readNotes, writeNotes, type Db, type PeriodNotes } from '../../store';

/** The pack's period, filter and the sections the user switched off. */
export const packScope = {
  period: z.string().max(32).optional(),
  filters: z.record(z.string().max(100), z.string().max(200)).optional(),
  hidden: z.array(z.enum(SECTIONS)).max(SECTIONS.length).optional(),
};

const notes = z
  .object({
    messages: z
      .array(
        z
          .object({
            text: z.string().min(1).max(2000),
            cites: z
              .array(
                z
                  .object({ metric: z.string().max(200), value: z.number(), n: z.number().nullable() })
                  .strict(),
              )
              .max(20),
          })
          .strict(),
      )
      .max(10)
      .nullable(),
    actions: z
      .array(
        z
          .object({
            what: z.string().min(1).max(2000),
            owner: z.string().max(200),
            due: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}$/)
              .nullable(),
            status: z.string().max(50),
          })
          .strict(),
      )
      .max(200),
    decisions: z.array(z.string().min(1).max(2000)).max(50),
  })
  .strict();

export const BRIEFING_REQUESTS = {
  'pack:get': z.object(packScope).strict(),
  'pack:export-pdf': z
    .object({
      ...packScope,
      path: z.string().min(1).max(4096),
      paper: z.enum(PAPERS as [string, ...string[]]),
    })
    .strict(),
  'notes:get': z.object({ period: z.string().min(1).max(32) }).strict(),
  'notes:set': z.object({ period: z.string().min(1).max(32), notes }).strict(),
} as const;

export interface BriefingResponses {
  'pack:get': BriefingPack;
  'pack:export-pdf': PrintResult;
  'notes:get': PeriodNotes;
  'notes:set': PeriodNotes;
}

export type PackScope = z.infer<z.ZodObject<typeof packScope>>;

/** The pack a request names: its period (default: the engine's), filter and shown sections. */
export function packOf(db: Db, request: PackScope, appVersion: string): BriefingPack {
  return buildBriefingPack(db, {
    ...(request.period ? { period: request.period } : {}),
    filters: request.filters ?? {},
    ...(request.hidden ? { hidden: request.hidden } : {}),
    appVersion,
  });
}

type Req<C extends keyof typeof BRIEFING_REQUESTS> = z.infer<(typeof BRIEFING_REQUESTS)[C]>;

export interface BriefingHost {
  db(): Db;
  appVersion: string;
  printer: PdfPrinter | null;
}

export function briefingHandlers(host: BriefingHost): {
  [C in keyof BriefingResponses]: (request: Req<C>) => Promise<BriefingResponses[C]> | BriefingResponses[C];
} {
  const pack = (request: PackScope) => packOf(host.db(), request, host.appVersion);
  return {
    'pack:get': (request) => pack(request),
    'pack:export-pdf': async (request) => {
      if (!host.printer) throw new PdfExportError('PDF export is not available here.');
      return host.printer.print({
        pack: pack(request),
        paper: request.paper as (typeof PAPERS)[number],
        out: request.path,
        ...(request.hidden?.length ? { hidden: request.hidden } : {}),
      });
    },
    'notes:get': (request) => readNotes(host.db(), request.period),
    'notes:set': (request) => {
      writeNotes(host.db(), request.period, request.notes);
      return readNotes(host.db(), request.period);
    },
  };
}
