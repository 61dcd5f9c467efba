/**
 * The PowerPoint and Excel exports of a pack: `pack:export-pptx` and `pack:export-xlsx` write the
 * pack of a period and filter to a path (whole or not at all). Self-contained, so it moves with
 * the briefing handlers wherever the domains of the API settle.
 */
import { z } from 'zod';
import type { DeckResult } from '../../export/pptx';
import type { WorkbookResult } from '../../export/xlsx';
import type { Db } from '../../store';
import { packOf, packScope } from './briefing';

const packFileRequest = z.object({ ...packScope, path: z.string().min(1).max(4096) }).strict();

export const PACK_FILE_REQUESTS = {
  'pack:export-pptx': packFileRequest,
  'pack:export-xlsx': packFileRequest,
} as const;

type PackFileRequest = z.infer<typeof packFileRequest>;

export interface PackFileResponses {
  'pack:export-pptx': DeckResult;
  'pack:export-xlsx': WorkbookResult;
}

export interface PackFileHost {
  db(): Db;
  appVersion: string;
}

export function packFileHandlers(host: PackFileHost): {
  [C in keyof PackFileResponses]: (request: PackFileRequest) => Promise<PackFileResponses[C]>;
} {
  const pack = (r: PackFileRequest) => packOf(host.db(), r, host.appVersion);
  return {
    // Loaded only to export: pptxgenjs, jszip and exceljs stay out of every other request's start.
    'pack:export-pptx': async (r) => (await import('../../export/pptx')).writeDeck(pack(r), r.path),
    'pack:export-xlsx': async (r) => (await import('../../export/xlsx')).writeWorkbook(pack(r), r.path),
  };
}
