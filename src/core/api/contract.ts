import type { z } from 'zod';
import { UserError, type ErrorCode, type ErrorParams } from '../errors';
import { PdfExportError } from '../export/pdf';
import { analysis, scoped } from './handlers/analysis';
import { BRIEFING_REQUESTS } from './handlers/briefing';
import { PACK_FILE_REQUESTS } from './handlers/pack-files';
import { domain } from './handlers/context';
import { engagement } from './handlers/engagement';
import { imports } from './handlers/imports';
import { mappings } from './handlers/mappings';
import { records } from './handlers/records';
import { settings } from './handlers/settings';
import { targets } from './handlers/targets';
import { touchpoints } from './handlers/touchpoints';

/**
 * The one typed contract between every host (the app's window, the CLI, a test's browser) and the
 * engine: each channel names its request schema (checked before anything runs) and answers with
 * its handler's result. The handlers live by domain in ./handlers; this file combines them.
 */

/** A printer failure (no browser, the report never got ready) is a sentence for the user, not a bug. */
async function printed<T>(printing: () => Promise<T> | T): Promise<T> {
  try {
    return await printing();
  } catch (error) {
    if (error instanceof PdfExportError) throw new UserError('export-failed', error.message);
    throw error;
  }
}

/** The board pack and its notes, answered by the briefing handlers for the context's host. */
const briefing = domain(BRIEFING_REQUESTS, {
  'pack:get': (r, context) => scoped(() => context.briefing['pack:get'](r)),
  'pack:export-pdf': (r, context) => printed(() => scoped(() => context.briefing['pack:export-pdf'](r))),
  'notes:get': (r, context) => context.briefing['notes:get'](r),
  'notes:set': (r, context) => {
    const saved = context.briefing['notes:set'](r);
    context.changed(['notes']);
    return saved;
  },
});

/** The pack as a PowerPoint deck and an Excel workbook, written whole or not at all. */
const packFiles = domain(PACK_FILE_REQUESTS, {
  'pack:export-pptx': (r, context) => scoped(() => context.packFiles['pack:export-pptx'](r)),
  'pack:export-xlsx': (r, context) => scoped(() => context.packFiles['pack:export-xlsx'](r)),
});

export const REQUESTS = {
  ...engagement.requests,
  ...imports.requests,
  ...records.requests,
  ...settings.requests,
  ...targets.requests,
  ...touchpoints.requests,
  ...mappings.requests,
  ...analysis.requests,
  ...briefing.requests,
  ...packFiles.requests,
};

export const HANDLERS = {
  ...engagement.handlers,
  ...imports.handlers,
  ...records.handlers,
  ...settings.handlers,
  ...targets.handlers,
  ...touchpoints.handlers,
  ...mappings.handlers,
  ...analysis.handlers,
  ...briefing.handlers,
  ...packFiles.handlers,
};

export type Channel = keyof typeof REQUESTS;

/** What a host sends (defaults not yet applied). */
export type Request<C extends Channel> = z.input<(typeof REQUESTS)[C]>;

export type Responses = { [C in Channel]: Awaited<ReturnType<(typeof HANDLERS)[C]>> };

/** Why a request failed: a user's error with its code, or `internal` (a bug) with a log reference. */
export interface ApiError {
  code: ErrorCode | 'internal';
  message: string;
  params?: ErrorParams;
  reference?: string;
}

/** Every answer is a value or an error a user can read, never a stack trace. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What a window sees as `window.cxb`: one async function per channel. */
export type ApiClient = { [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>> };

export const CHANNELS = Object.keys(REQUESTS) as Channel[];

export type { Events, EventName, EngineEvent } from './events';
export type {
  EngagementSummary,
  EngagementDetails,
  EngagementCheck,
  DemoBuildSummary,
} from './handlers/engagement';
export type { CommitResult } from './handlers/imports';
export type { SettingsView } from './handlers/settings';
export type {
  ColumnProposal,
  ImportPreview,
  ImportReport,
  ImportNote,
  ItemMapping,
  FieldSpec,
  Kind,
  Mapping,
  MappingOverrides,
  PreviewColumn,
  Survey,
} from '../import';
export type { ImportRecord, RejectRecord } from '../store';
export type { Page, RecordsPage, TouchpointRecord } from '../store/records';
export type { TemplateSummary, Template } from '../import/templates';
export type { TemplateFit } from './handlers/mappings';
export type { EngagementSettings, TargetRecord, TargetsImportResult } from '../store/settings';
export type {
  Scorecard,
  ScorecardKpi,
  GapReport,
  KpiDetail,
  PeriodChoices,
  PeriodOption,
  FilterChoice,
} from '../analysis';
export type { QuadrantChart } from '../gap';
export type { BriefingPack, GapTouchpoint, SectionId, SeriesPoint, TrendChart } from '../briefing';
export type { PeriodNotes } from '../store';
export type { PrintResult } from '../export/pdf';
