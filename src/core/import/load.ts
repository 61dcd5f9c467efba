import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import {
  AnswerTally,
  FactWriter,
  customerSegments,
  hasAnswers,
  nextRowid,
  recordRowidRange,
  applyAnswerChanges,
  refreshAggregates,
  refreshMrrVectors,
  finishImport,
  importsWithSha,
  insertImport,
  insertRejects,
  removeImport,
  supersedeOlderRows,
  useImportCache,
  writeAnswerTally,
  writeLtrShare,
  packedLtrSource,
  type AnswerTallyResult,
  type PackedLtrGroups,
  type CustomerSegments,
  type Db,
  type RejectRecord,
} from '../store';
import {
  RowConversion,
  converterFor,
  type ConversionSink,
  type ConversionSummary,
  type LoadPlan,
} from './convert';
import {
  convertInThread,
  convertsInThread,
  type ConversionRequest,
  type ThreadConversion,
} from './convert-thread';
import { WorkerNotStarted } from './threads';
import { ImportCancelled, ImportError, fileChangedError } from './errors';
import type { HeaderLayout } from './header';
import { mappingProblems, type Mapping } from './mapping';
import type { ColumnProposal } from './detect';
import { note, type ImportNote } from './notes';
import { openSource } from './open';
import {
  applyOverrides,
  dateFormatOf,
  openPreview,
  refusalError,
  type ImportPreview,
  type MappingOverrides,
  type OpenPreview,
  type PreviewRequest,
} from './preview';
import { throwIfAborted, type RawRow, type ReadProgress, type TableSource } from './source';
import type { KindConverter } from './kinds/types';

export interface ImportProgress {
  phase: 'reading' | 'finishing';
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
  /** 0–100 by bytes. */
  percent: number;
}

export interface ImportRequest extends PreviewRequest, CommitOptions {}

/** How a previewed import is written. */
export interface CommitOptions {
  /** The user's changes to the previewed mapping (the preview's sample and rules stay). */
  edits?: ImportEdits;
  /** Keep the import although more than `rejectLimit` of its rows were rejected. */
  acceptRejects?: boolean;
  rejectLimit?: number;
  /** What to do when a file with the same sha256 was imported before. */
  onDuplicate?: 'refuse' | 'replace' | 'skip';
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Minimum milliseconds between progress callbacks (default 100; DESIGN asks for ≤ 250). */
  progressInterval?: number;
}

/** What a user changed in a preview: the whole mapping, or single fields, items and settings. */
export interface ImportEdits extends Omit<MappingOverrides, 'headerRow' | 'headerRows'> {
  mapping?: Mapping;
}

export interface ImportReport {
  status: 'imported' | 'skipped-duplicate';
  importId: number | null;
  fileName: string;
  sha256: string;
  kind: string;
  sheet: string | null;
  encoding: string | null;
  header: HeaderLayout | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  factsWritten: number;
  blanksSkipped: number;
  replacedImports: number[];
  /** The first rejects (all are kept in the file's rejects table). */
  rejects: RejectRecord[];
  /** The notes as sentences; `noteDetails` gives each one's code and parameters. */
  notes: string[];
  noteDetails: ImportNote[];
  /** The mapping used (detected or given): save it as a template to reuse it. */
  mapping: Mapping | null;
  /** Per-column detection result when the mapping was detected. */
  detected: ColumnProposal[] | null;
  /** E-mail addresses and phone numbers masked in comments. */
  redactions: number;
}

/**
 * Imports one file into an open engagement: the preview, then its commit with no edits, reading
 * the file once. All or nothing, in one transaction.
 */
export async function importFile(db: Db, request: ImportRequest): Promise<ImportReport> {
  const open = await openPreview(request, { db, ...(request.signal ? { signal: request.signal } : {}) });
  try {
    return await writePreviewed(db, open.preview, open.source, (listener) => open.rows(listener), request);
  } finally {
    await open.close();
  }
}

/**
 * Writes a previewed import: exactly the previewed header, mapping (with the user's edits) and
 * date order, the file read with the previewed options; never a second detection. Rejected rows
 * are stored with their raw row for review; above the reject limit nothing is written.
 */
export async function commitImport(
  db: Db,
  preview: ImportPreview,
  options: CommitOptions = {},
): Promise<ImportReport> {
  const source = await openUnchanged(preview);
  const rows = (onProgress: (progress: ReadProgress) => void) =>
    source.batches({ ...(options.signal ? { signal: options.signal } : {}), onProgress });
  return writePreviewed(db, preview, source, rows, options);
}

/**
 * Commits a preview whose file is still open from previewing it (the engine keeps the latest
 * one): the rows come from that stream, everything else from `preview` as the user sent it back.
 */
export async function commitOpenPreview(
  db: Db,
  open: OpenPreview,
  preview: ImportPreview,
  options: CommitOptions = {},
): Promise<ImportReport> {
  if (!sameFileAndReading(open.preview, preview)) return commitImport(db, preview, options);
  refuseIfChanged(preview);
  return writePreviewed(db, preview, open.source, (listener) => open.rows(listener), options);
}

function sameFileAndReading(a: ImportPreview, b: ImportPreview): boolean {
  return (
    a.file === b.file &&
    a.size === b.size &&
    a.modifiedAt === b.modifiedAt &&
    a.sha256 === b.sha256 &&
    JSON.stringify(a.options) === JSON.stringify(b.options) &&
    JSON.stringify(a.source) === JSON.stringify(b.source)
  );
}

async function writePreviewed(
  db: Db,
  preview: ImportPreview,
  source: TableSource,
  readRows: (onProgress: (progress: ReadProgress) => void) => AsyncIterable<RawRow[]>,
  options: CommitOptions,
): Promise<ImportReport> {
  const refused = refusalError(preview);
  if (refused && !options.edits?.mapping) throw refused;
  const mapping = editedMapping(preview, options.edits);
  const dates = options.edits?.dateFormat
    ? dateFormatOf(preview.file, options.edits.dateFormat)
    : mapping.dateFormat && mapping.dateFormat !== preview.mapping?.dateFormat
      ? dateFormatOf(preview.file, mapping.dateFormat)
      : preview.dates;
  const notes = [...preview.notes];
  const previous = importsWithSha(db, preview.sha256);
  const base: ImportReport = {
    status: 'imported',
    importId: null,
    fileName: preview.fileName,
    sha256: preview.sha256,
    kind: mapping.kind,
    sheet: source.description.sheet ?? null,
    encoding: source.description.encoding ?? null,
    header: null,
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    factsWritten: 0,
    blanksSkipped: 0,
    replacedImports: [],
    rejects: [],
    notes: [],
    noteDetails: notes,
    mapping,
    detected: preview.detection?.columns ?? null,
    redactions: 0,
  };
  if (duplicateDecision(options, previous, preview))
    return withNoteTexts({ ...base, status: 'skipped-duplicate' });

  const controller = new ProgressThrottle(source, options);
  const rows = readRows((p) => controller.read(p));
  const restoreCache = useImportCache(db);
  db.exec('BEGIN IMMEDIATE');
  try {
    if (options.onDuplicate === 'replace') for (const id of previous) removeImport(db, id);
    base.replacedImports = options.onDuplicate === 'replace' ? previous : [];
    const importId = insertImport(db, {
      fileName: preview.fileName,
      sha256: preview.sha256,
      sheet: base.sheet,
      kind: mapping.kind,
      mapping: JSON.stringify(mapping),
      encoding: base.encoding,
    });
    const salt = engagementSalt(db);
    const plan = { importId, mapping, header: preview.header, dates, salt };
    const input = {
      rows,
      thread: conversionThread(preview, plan),
      onRead: (p: ReadProgress) => controller.read(p),
    };
    const report = await loadRows(db, plan, input, { ...options, file: preview.file }, base);
    controller.finishing();
    db.exec('COMMIT');
    return report;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (error instanceof Error && error.name === 'AbortError') throw new ImportCancelled(preview.file);
    throw error;
  } finally {
    restoreCache();
  }
}

/** The previewed mapping with the user's edits, checked against the previewed columns. */
function editedMapping(preview: ImportPreview, edits: ImportEdits = {}): Mapping {
  const { mapping: replacement, ...overrides } = edits;
  const chosen = replacement ?? preview.mapping;
  if (!chosen)
    throw new ImportError({
      file: preview.file,
      reason: 'has no mapping to import with.',
      code: 'no-mapping-detected',
    });
  const mapping = applyOverrides(chosen, overrides);
  const problems = mappingProblems(mapping, preview.header.columns);
  if (problems.length)
    throw new ImportError({
      file: preview.file,
      code: 'mapping-does-not-fit',
      reason: `the mapping does not fit this file: ${problems.join('; ')}. Columns found: ${preview.header.columns.map((c) => `"${c}"`).join(', ')}.`,
    });
  return mapping;
}

/** The worker request when the file converts in a worker thread, else null. */
function conversionThread(preview: ImportPreview, plan: LoadPlan): ConversionRequest | null {
  const { format, encoding, delimiter } = preview.source;
  if (!convertsInThread(format, plan.mapping, preview.size)) return null;
  refuseIfChanged(preview);
  return {
    path: preview.file,
    options: preview.options,
    expected: { format, ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) },
    plan,
  };
}

/** Opens the previewed file with the previewed options, refusing it if it changed since. */
async function openUnchanged(preview: ImportPreview): Promise<TableSource> {
  refuseIfChanged(preview);
  const source = await openSource(preview.file, preview.options);
  const now = source.description;
  if (
    now.format !== preview.source.format ||
    now.encoding !== preview.source.encoding ||
    now.delimiter !== preview.source.delimiter ||
    now.sheet !== preview.source.sheet
  )
    throw fileChangedError(preview.file);
  return source;
}

function refuseIfChanged(preview: ImportPreview): void {
  const stat = statOrNull(preview.file);
  if (!stat || stat.size !== preview.size || stat.mtimeMs !== preview.modifiedAt)
    throw fileChangedError(preview.file);
}

function statOrNull(path: string): { size: number; mtimeMs: number } | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function duplicateDecision(options: CommitOptions, previous: number[], preview: ImportPreview): boolean {
  if (previous.length === 0) return false;
  if (options.onDuplicate === 'skip') return true;
  if (options.onDuplicate === 'replace') return false;
  throw new ImportError({
    file: preview.file,
    code: 'already-imported',
    params: { imports: previous.join(', ') },
    reason: `was already imported (import ${previous.join(', ')}, same sha256); replace that import or skip this file.`,
  });
}

/** A random salt per engagement so hashed identifiers cannot be matched across engagements. */
function engagementSalt(db: Db): string {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'pii_salt'`).get() as
    { value: string } | undefined;
  if (row) return row.value;
  const salt = randomBytes(16).toString('hex');
  db.prepare(`INSERT INTO meta (key, value) VALUES ('pii_salt', ?)`).run(salt);
  return salt;
}

function withNoteTexts(report: ImportReport): ImportReport {
  return { ...report, notes: report.noteDetails.map((n) => n.text) };
}

/**
 * What the conversion produced: its counts, and for answers what it tallied (the derived-importance
 * share apart when a worker tallies it).
 */
interface Converted {
  summary: ConversionSummary;
  tally: AnswerTallyResult | null;
  thread: ThreadConversion | null;
}

/** Where an import's rows are written: its fact table and its rejects. */
interface Writers {
  facts: FactWriter;
  rejects: (records: RejectRecord[]) => void;
}

/** Where an import's rows come from: the reader's batches, or a worker that converts them. */
interface LoadInput {
  rows: AsyncIterable<RawRow[]>;
  thread: ConversionRequest | null;
  onRead: (progress: ReadProgress) => void;
}

async function loadRows(
  db: Db,
  plan: LoadPlan,
  input: LoadInput,
  request: CommitOptions & { file: string },
  report: ImportReport,
): Promise<ImportReport> {
  const { importId, header } = plan;
  const converter = converterFor(plan);
  converter.prepare?.(db);
  const firstRowid = nextRowid(db, converter.table);
  const isAnswers = converter.table === 'responses';
  const writers: Writers = {
    facts: new FactWriter(db, converter.table, converter.shape),
    rejects: (records) => insertRejects(db, importId, records),
  };
  const customers = isAnswers ? customerSegments(db) : null;
  const { summary, tally, thread } = await convert({
    converter,
    plan,
    input,
    writers,
    customers,
    signal: request.signal,
  });
  const rowids = { first: firstRowid, count: summary.factsAdded };
  try {
    if (tally) writeAnswerTally(db, importId, rowids, tally);
    if (thread) await writeThreadLtrShare(db, rowids, thread.ltr);
  } finally {
    await thread?.stop();
  }
  recordRowidRange(db, importId, firstRowid, summary.factsAdded);
  const finalized = converter.finalize?.(db, importId);
  const notes = report.noteDetails;
  if (finalized) notes.push(...finalized.notes.map((text) => note('lines-summed', text)));
  const table = converter.factTable ?? converter.table;
  const superseded = supersedeOlderRows(db, table, importId);
  updateAggregates(db, table, superseded > 0);
  if (superseded > 0)
    notes.push(
      note(
        'superseded',
        `${superseded} older ${table} rows were replaced by this import (newest import wins).`,
        {
          rows: superseded,
          table,
        },
      ),
    );
  const final: ImportReport = {
    ...report,
    importId,
    rowsRead: summary.rowsRead,
    rowsRejected: summary.rowsRejected,
    rowsAccepted: summary.rowsRead - summary.rowsRejected,
    factsWritten: finalized?.factsWritten ?? writers.facts.written,
    blanksSkipped: summary.blanksSkipped,
    redactions: summary.redactions,
    rejects: summary.reported,
    header,
  };
  if (summary.rowsRead === 0) notes.push(note('no-data-rows', 'The file has a header but no data rows.'));
  const totals = summary.totalsRows;
  if (totals.count) {
    notes.push(
      note(
        'totals-left-out',
        `Left out ${totals.count} totals row(s) (row ${totals.first.join(', ')}): they sum other rows.`,
        { rows: totals.count, first: totals.first.join(', ') },
      ),
    );
  }
  if (final.redactions)
    notes.push(
      note(
        'redactions',
        `${final.redactions} e-mail addresses, phone numbers, card numbers or IBANs in comments were masked.`,
        {
          count: final.redactions,
        },
      ),
    );
  const withTexts = withNoteTexts(final);
  enforceRejectLimit(request, withTexts);
  finishImport(db, importId, withTexts);
  return withTexts;
}

/** What a conversion works with. */
interface ConversionInput {
  converter: KindConverter;
  plan: LoadPlan;
  input: LoadInput;
  writers: Writers;
  customers: CustomerSegments | null;
  signal: AbortSignal | undefined;
}

/**
 * Converts the rows and writes their facts and rejects as they come: in a worker when the plan has
 * one, else (or when it cannot start, having done nothing) in this thread.
 */
async function convert(conversion: ConversionInput): Promise<Converted> {
  const thread = conversion.input.thread;
  if (thread) {
    try {
      return await convertWith(conversion, thread);
    } catch (error) {
      if (!(error instanceof WorkerNotStarted)) throw error;
    }
  }
  return convertWith(conversion, null);
}

async function convertWith(
  { converter, plan, input, writers, customers, signal }: ConversionInput,
  threaded: ConversionRequest | null,
): Promise<Converted> {
  const tally = customers ? new AnswerTally(customers, { ltrElsewhere: threaded !== null }) : null;
  const sink: ConversionSink = {
    fact(values) {
      writers.facts.add(values);
      tally?.add(values);
    },
    rejects: writers.rejects,
  };
  const thread = threaded
    ? await convertInThread(threaded, sink, { signal, onProgress: input.onRead })
    : null;
  const summary = thread ? thread.summary : await convertHere(converter, plan, input.rows, sink, signal);
  writers.facts.flush();
  return { summary, tally: tally?.result() ?? null, thread };
}

/** Adds the derived-importance share a conversion worker tallied, chunk by chunk as it sends them. */
async function writeThreadLtrShare(
  db: Db,
  rowids: { first: number; count: number },
  chunks: AsyncGenerator<PackedLtrGroups, boolean>,
): Promise<void> {
  for (;;) {
    const next = await chunks.next();
    if (next.done) {
      if (next.value) writeLtrShare(db, rowids, packedLtrSource(null));
      return;
    }
    writeLtrShare(db, rowids, packedLtrSource(next.value));
  }
}

async function convertHere(
  converter: KindConverter,
  plan: LoadPlan,
  rows: AsyncIterable<RawRow[]>,
  sink: ConversionSink,
  signal: AbortSignal | undefined,
): Promise<ConversionSummary> {
  const conversion = new RowConversion(converter, plan.header.firstDataRow, sink);
  for await (const batch of rows) {
    throwIfAborted(signal);
    conversion.take(batch);
  }
  return conversion.finish();
}

function enforceRejectLimit(request: CommitOptions & { file: string }, report: ImportReport): void {
  const limit = request.rejectLimit ?? 0.05;
  if (report.rowsRead === 0) return;
  const examples = report.rejects
    .slice(0, 3)
    .map((r) => `row ${r.rowNumber}${r.column ? ` column "${r.column}"` : ''}: ${r.reason}`)
    .join('; ');
  // --accept-rejects keeps an import with some bad rows; an import of nothing is no import.
  if (report.rowsRejected === report.rowsRead && report.factsWritten === 0)
    throw new ImportError({
      file: request.file,
      code: 'every-row-rejected',
      params: { read: report.rowsRead },
      reason: `every one of its ${report.rowsRead} rows was rejected, so nothing was written (first: ${examples}); the mapping or the date format is probably wrong: check them in the preview.`,
    });
  if (request.acceptRejects) return;
  const share = report.rowsRejected / report.rowsRead;
  if (share <= limit) return;
  throw new ImportError({
    file: request.file,
    code: 'too-many-rejects',
    params: { rejected: report.rowsRejected, read: report.rowsRead, limit: limit * 100 },
    reason: `${report.rowsRejected} of ${report.rowsRead} rows (${(share * 100).toFixed(1)}%) were rejected, more than ${limit * 100}%, so nothing was written (first: ${examples}); fix the mapping or accept the rejects.`,
  });
}

/** Forwards reader progress to the caller at most every `progressInterval` ms. */
class ProgressThrottle {
  private last = 0;
  private latest = { bytesRead: 0, rowsRead: 0 };

  constructor(
    private readonly source: TableSource,
    private readonly request: CommitOptions,
  ) {}

  read(progress: { bytesRead: number; rowsRead: number }): void {
    this.latest = progress;
    const now = Date.now();
    if (now - this.last < (this.request.progressInterval ?? 100)) return;
    this.last = now;
    this.emit('reading');
  }

  finishing(): void {
    this.emit('finishing');
  }

  private emit(phase: ImportProgress['phase']): void {
    const total = this.source.bytesTotal || 1;
    this.request.onProgress?.({
      phase,
      rowsRead: this.latest.rowsRead,
      bytesRead: this.latest.bytesRead,
      bytesTotal: this.source.bytesTotal,
      percent: Math.min(100, (this.latest.bytesRead / total) * 100),
    });
  }
}

/**
 * Keeps the pre-aggregates in step with the rows that are now current: the loader already added
 * this import's answers; older answers it superseded are taken out. New customers change the
 * segment and region answers take, so the answer pre-aggregates are rebuilt.
 */
function updateAggregates(db: Db, table: string, supersededOlder: boolean): void {
  if (table === 'responses') {
    if (supersededOlder) applyAnswerChanges(db);
  } else if (table === 'customers' && hasAnswers(db)) refreshAggregates(db);
  else if (table === 'revenue') refreshMrrVectors(db);
}
