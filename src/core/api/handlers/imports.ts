import { z } from 'zod';
import { UserError } from '../../errors';
import {
  FIELDS,
  KINDS,
  NOTE_CODES,
  commitImport,
  commitOpenPreview,
  openPreview,
  type CommitOptions,
  type ImportPreview,
  type OpenPreview,
  type ImportProgress,
  type ImportReport,
} from '../../import';
import { listImports, removeImport, type Db, type ImportRecord, type RejectRecord } from '../../store';
import { rejectsPage, type Page } from '../../store/records';
import {
  checkTemplateName,
  getTemplate,
  itemSchema,
  mappingSchema,
  saveTemplate,
} from '../../import/templates';
import { domain, empty, nameSchema, page, pathSchema, request, type EngineContext } from './context';

const overridesShape = {
  fields: z.record(z.string(), z.string().min(1)).optional(),
  items: z.array(itemSchema).optional(),
  dateFormat: z.string().min(1).max(40).optional(),
  decimal: z.enum(['.', ',']).optional(),
};

const previewRequest = request({
  file: pathSchema,
  sheet: z.string().min(1).max(255).optional(),
  encoding: z.string().min(1).max(40).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  kind: z.enum(KINDS).optional(),
  mapping: mappingSchema.optional(),
  /** A mapping template saved in the open engagement. */
  template: nameSchema.optional(),
  overrides: z
    .object({
      ...overridesShape,
      headerRow: z.number().int().positive().optional(),
      headerRows: z.number().int().min(1).max(3).optional(),
    })
    .strict()
    .optional(),
});

/** The parts of a preview the commit applies, checked; what it only shows passes as it is. */
const previewShape = z.looseObject({
  file: pathSchema,
  fileName: z.string().min(1),
  size: z.number().int().min(0),
  modifiedAt: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  options: z
    .object({
      sheet: z.string().optional(),
      encoding: z.string().optional(),
      delimiter: z.string().optional(),
    })
    .strict(),
  source: z.looseObject({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().optional(),
    delimiter: z.string().optional(),
    sheet: z.string().optional(),
  }),
  header: z
    .object({
      headerRow: z.number().int().positive(),
      headerRows: z.number().int().min(1).max(3),
      columns: z.array(z.string()),
      firstDataRow: z.number().int().positive(),
    })
    .strict(),
  kind: z.enum(KINDS).nullable(),
  mapping: mappingSchema.nullable(),
  dates: z
    .object({
      order: z.enum(['DMY', 'MDY', 'YMD']),
      compact: z.boolean().optional(),
      date1904: z.boolean().optional(),
    })
    .strict(),
  notes: z.array(
    z.object({
      code: z.enum(NOTE_CODES),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      text: z.string(),
    }),
  ),
  refusal: z.looseObject({ code: z.string(), message: z.string(), reason: z.string() }).nullable(),
  previousImports: z.array(z.number().int()),
});

const previewSchema = z.custom<ImportPreview>((value) => previewShape.safeParse(value).success, {
  message: 'not an import preview',
});

const commitRequest = request({
  preview: previewSchema,
  edits: z
    .object({ ...overridesShape, mapping: mappingSchema.optional() })
    .strict()
    .optional(),
  onDuplicate: z.enum(['refuse', 'replace', 'skip']).optional(),
  acceptRejects: z.boolean().optional(),
  /** Save the mapping used as a template of this name once the import is written. */
  saveMappingAs: nameSchema.optional(),
  /** An id the host picks so it can cancel this import and tell its progress events apart. */
  jobId: z.string().min(1).max(100).optional(),
});

export interface CommitResult extends ImportReport {
  savedTemplate: { name: string; replaced: boolean } | null;
}

/** The table an import of a kind writes its facts to. */
export function tableOfKind(kind: string): string {
  return ['revenue', 'subscriptions', 'transactions'].includes(kind) ? 'revenue' : kind;
}

async function preview(r: z.output<typeof previewRequest>, context: EngineContext): Promise<ImportPreview> {
  const { template, ...rest } = r;
  const mapping = template ? templateMapping(context, template) : rest.mapping;
  const db = context.engagement?.db;
  const open = await openPreview({ ...rest, ...(mapping ? { mapping } : {}) }, db ? { db } : {});
  await context.keepPreview(open);
  return open.preview;
}

function templateMapping(context: EngineContext, name: string) {
  const template = getTemplate(context.db(), name);
  if (!template)
    throw new UserError('template-missing', `there is no mapping template named "${name}".`, { name });
  return template.mapping;
}

async function commit(r: z.output<typeof commitRequest>, context: EngineContext): Promise<CommitResult> {
  const db = context.db();
  if (r.saveMappingAs !== undefined) checkTemplateName(r.saveMappingAs);
  const jobId = r.jobId ?? null;
  const controller = new AbortController();
  if (jobId) context.jobs.set(jobId, controller);
  let latest: ImportProgress | null = null;
  const send = (progress: ImportProgress) =>
    context.emit('import:progress', {
      jobId,
      phase: progress.phase,
      rows: progress.rowsRead,
      bytes: progress.bytesRead,
      bytesTotal: progress.bytesTotal,
      fraction: progress.percent / 100,
    });
  // Readers report per batch; the heartbeat keeps a screen's bar alive between slow batches.
  const heartbeat = setInterval(() => latest && send(latest), 200);
  context.importsBeforeWrite = listImports(db);
  try {
    const open = context.takePreview();
    const report = await commitWith(db, open, r.preview, {
      ...(r.edits ? { edits: r.edits } : {}),
      ...(r.onDuplicate ? { onDuplicate: r.onDuplicate } : {}),
      acceptRejects: r.acceptRejects ?? false,
      signal: controller.signal,
      progressInterval: 100,
      onProgress: (progress) => {
        latest = progress;
        send(progress);
      },
    });
    let savedTemplate: CommitResult['savedTemplate'] = null;
    if (report.status === 'imported') {
      const tables = [tableOfKind(report.kind), 'imports', 'rejects'];
      if (r.saveMappingAs !== undefined && report.mapping) {
        savedTemplate = {
          name: r.saveMappingAs.trim(),
          ...saveTemplate(db, r.saveMappingAs, report.mapping),
        };
        tables.push('mapping_templates');
      }
      context.changed(tables);
    }
    return { ...report, savedTemplate };
  } catch (error) {
    // Screens may have read the rows being written (reads run alongside an import): after the
    // rollback they read again. (Progress is reported once rows are read, not on a refusal before.)
    if (latest) {
      const kind = r.edits?.mapping?.kind ?? r.preview.kind;
      context.changed([...(kind ? [tableOfKind(kind)] : []), 'imports', 'rejects']);
    }
    throw error;
  } finally {
    context.importsBeforeWrite = null;
    clearInterval(heartbeat);
    if (jobId) context.jobs.delete(jobId);
  }
}

async function commitWith(
  db: Db,
  open: OpenPreview | null,
  preview: ImportPreview,
  options: CommitOptions,
): Promise<ImportReport> {
  if (!open) return commitImport(db, preview, options);
  try {
    return await commitOpenPreview(db, open, preview, options);
  } finally {
    await open.close();
  }
}

function remove(id: number, context: EngineContext): { table: string; rowsRemoved: number } {
  const removed = removeImport(context.db(), id);
  if (!removed) throw new UserError('import-missing', `there is no import ${id} in this engagement.`, { id });
  context.changed([removed.table, 'imports', 'rejects']);
  return removed;
}

/** Preview, commit and cancel an import; the import history and each import's rejects. */
export const imports = domain(
  {
    'import:fields': empty,
    'import:preview': previewRequest,
    'import:commit': commitRequest,
    'import:cancel': request({ jobId: z.string().min(1).max(100) }),
    'imports:list': empty,
    'imports:remove': request({ id: z.number().int().positive() }),
    'imports:rejects': request({ id: z.number().int().positive(), ...page }),
  },
  {
    /** Each kind's fields, so a screen can offer every use of a column. */
    'import:fields': () => FIELDS,
    'import:preview': preview,
    'import:commit': commit,
    'import:cancel': (r, context): { cancelled: boolean } => {
      const job = context.jobs.get(r.jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    'imports:list': (_r, context): ImportRecord[] => context.importsBeforeWrite ?? listImports(context.db()),
    'imports:remove': (r, context) => remove(r.id, context),
    'imports:rejects': (r, context): Page<RejectRecord> => rejectsPage(context.db(), r.id, r.offset, r.limit),
  },
);
