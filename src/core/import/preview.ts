import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { importsWithSha, type Db, type RejectRecord } from '../store';
import { RowConversion, converterFor } from './convert';
import { detectDateOrder, parseDateFormat, type DateFormat } from './dates';
import { proposeMapping, type ColumnProposal } from './detect';
import { ImportError } from './errors';
import { detectHeader, type HeaderLayout } from './header';
import { FIELDS, mappingProblems, type ItemMapping, type Kind, type Mapping } from './mapping';
import { note, type ImportNote } from './notes';
import { openSource, sha256OfFile, type SourceOptions } from './open';
import type { RawRow, ReadProgress, SourceDescription, TableSource } from './source';
import { cellText } from './values';
import { UserError, type ErrorCode, type ErrorParams } from '../errors';

/** Changes to a detected (or given) mapping, as a user makes them. */
export interface MappingOverrides {
  fields?: Record<string, string>;
  items?: ItemMapping[];
  dateFormat?: string;
  decimal?: '.' | ',';
  headerRow?: number;
  headerRows?: number;
}

export interface PreviewRequest extends SourceOptions {
  file: string;
  /** The column mapping; when absent it is detected from headers and values. */
  mapping?: Mapping;
  /** Detect the mapping for this kind (when no mapping is given). */
  kind?: Kind;
  overrides?: MappingOverrides;
}

/** One column as the preview shows it: what it will be used for, why, and what it holds. */
export interface PreviewColumn {
  index: number;
  name: string;
  /** Up to 5 non-blank values from the sample, as text. */
  samples: string[];
  use: ColumnProposal['use'] | 'unmapped';
  field?: string;
  item?: ItemMapping;
  confidence: number | null;
  reason: string | null;
  personal: 'drop' | 'hash' | null;
}

export interface SampleValidation {
  rowsSampled: number;
  accepted: number;
  rejected: number;
  /** The first rejects of the sample with their reasons. */
  rejects: Array<Omit<RejectRecord, 'rawRow'>>;
}

/** Why the file cannot be imported as previewed (a user fixes it by editing the mapping). */
export interface PreviewRefusal {
  code: ErrorCode;
  params: ErrorParams;
  /** The sentence with the file's name; `reason` is the same without it. */
  message: string;
  reason: string;
}

/**
 * What an import will do, before it writes anything: a plain value (it crosses process
 * boundaries) that `commitImport` applies exactly, with the user's edits.
 */
export interface ImportPreview {
  file: string;
  fileName: string;
  /** Size and modification time when previewed: the commit refuses a file changed since. */
  size: number;
  modifiedAt: number;
  sha256: string;
  /** The reading options as given (the commit reads the file with the same ones). */
  options: SourceOptions;
  source: Omit<SourceDescription, 'notes'>;
  header: HeaderLayout;
  kind: Kind | null;
  /** Set when the mapping was detected rather than given. */
  detection: { kind: Kind | null; confidence: number; columns: ColumnProposal[] } | null;
  mapping: Mapping | null;
  dates: DateFormat;
  columns: PreviewColumn[];
  validation: SampleValidation;
  notes: ImportNote[];
  refusal: PreviewRefusal | null;
  /** Imports of a file with the same sha256 in the open engagement. */
  previousImports: number[];
}

export const SAMPLE_ROWS = 500;
const SHOWN_REJECTS = 20;
const SHOWN_SAMPLES = 5;

/**
 * Reads the file's first rows and decides everything an import needs: header, kind, mapping,
 * date order, and checks the sample against the rules, writing nothing.
 */
export async function previewImport(
  request: PreviewRequest,
  context: { db?: Db; signal?: AbortSignal } = {},
): Promise<ImportPreview> {
  const open = await openPreview(request, context);
  await open.close();
  return open.preview;
}

/**
 * A preview whose file is still open at the rows after the sample, so a one-shot import (the CLI)
 * reads the file once: the commit goes on from the sample instead of opening it again.
 */
export interface OpenPreview {
  preview: ImportPreview;
  source: TableSource;
  /** Every row from the first, the sample included; reading progress goes to `listener`. */
  rows(listener: (progress: ReadProgress) => void): AsyncIterable<RawRow[]>;
  close(): Promise<void>;
}

export async function openPreview(
  request: PreviewRequest,
  context: { db?: Db; signal?: AbortSignal } = {},
): Promise<OpenPreview> {
  const source = await openSource(request.file, request);
  let listener: (progress: ReadProgress) => void = () => {};
  const stream = peekable(
    source.batches({
      ...(context.signal ? { signal: context.signal } : {}),
      onProgress: (progress) => listener(progress),
    }),
  );
  try {
    const sample = (await stream.peek(SAMPLE_ROWS)).slice(0, SAMPLE_ROWS);
    const preview = await describePreview(request, source, sample, context.db);
    return {
      preview,
      source,
      rows(onProgress) {
        listener = onProgress;
        return stream.all();
      },
      close: () => stream.close(),
    };
  } catch (error) {
    await stream.close();
    throw error;
  }
}

async function describePreview(
  request: PreviewRequest,
  source: TableSource,
  sample: RawRow[],
  db: Db | undefined,
): Promise<ImportPreview> {
  const stat = statSync(request.file);
  const sha256 = await sha256OfFile(request.file);
  const header = detectHeader(sample, { ...request.mapping, ...request.overrides });
  if (!header)
    throw new ImportError({ file: request.file, reason: 'has no rows to import.', code: 'no-rows' });
  const { notes: sourceNotes, ...description } = source.description;
  const notes: ImportNote[] = [
    ...(description.encodingGuess ? [encodingNote(description.encodingGuess)] : []),
    ...sourceNotes.map((text) => note('source', text)),
  ];
  const { mapping, detection, refusal } = resolveMapping(request, header, sample, notes);
  const dates: DateFormat = mapping
    ? decideDateFormat(request.file, mapping, header, sample, notes)
    : { order: 'DMY' };
  return {
    file: request.file,
    fileName: basename(request.file),
    size: stat.size,
    modifiedAt: stat.mtimeMs,
    sha256,
    options: sourceOptions(request),
    source: description,
    header,
    kind: mapping?.kind ?? null,
    detection,
    mapping,
    dates,
    columns: describeColumns(header, sample, mapping, detection?.columns ?? null),
    validation: mapping ? validateSample(mapping, header, dates, sample) : emptyValidation(),
    notes,
    refusal,
    previousImports: db ? importsWithSha(db, sha256) : [],
  };
}

/** An async batch stream whose first rows can be looked at before the whole is consumed. */
function peekable(source: AsyncIterable<RawRow[]>) {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: RawRow[][] = [];
  let done = false;
  return {
    async peek(rows: number): Promise<RawRow[]> {
      let count = buffered.reduce((sum, batch) => sum + batch.length, 0);
      while (!done && count < rows) {
        const next = await iterator.next();
        if (next.done) done = true;
        else {
          buffered.push(next.value);
          count += next.value.length;
        }
      }
      return buffered.flat();
    },
    async *all(): AsyncGenerator<RawRow[]> {
      while (buffered.length) yield buffered.shift() as RawRow[];
      while (!done) {
        const next = await iterator.next();
        if (next.done) done = true;
        else yield next.value;
      }
    },
    async close(): Promise<void> {
      if (!done) {
        done = true;
        await iterator.return?.();
      }
    },
  };
}

function sourceOptions(request: PreviewRequest): SourceOptions {
  return {
    ...(request.sheet ? { sheet: request.sheet } : {}),
    ...(request.encoding ? { encoding: request.encoding } : {}),
    ...(request.delimiter ? { delimiter: request.delimiter } : {}),
  };
}

function encodingNote(guess: { encoding: string; confidence: number }): ImportNote {
  return note(
    'encoding-guessed',
    `Encoding guessed as ${guess.encoding} (confidence ${guess.confidence}%); name the encoding if this is wrong.`,
    guess,
  );
}

/** The given mapping, or the detected one, with the caller's overrides applied. */
function resolveMapping(
  request: PreviewRequest,
  header: HeaderLayout,
  sample: RawRow[],
  notes: ImportNote[],
): Pick<ImportPreview, 'mapping' | 'detection' | 'refusal'> {
  let mapping = request.mapping;
  let detection: ImportPreview['detection'] = null;
  if (!mapping) {
    const proposal = proposeMapping(header, sample, request.kind);
    detection = { kind: proposal.kind, confidence: proposal.confidence, columns: proposal.columns };
    if (!proposal.mapping) {
      const reason = proposal.refusal ?? 'could not detect a mapping.';
      return { mapping: null, detection, refusal: refusalOf(request.file, 'no-mapping-detected', reason) };
    }
    mapping = proposal.mapping;
    const confidence = Number((proposal.confidence * 100).toFixed(0));
    notes.push(
      note('kind-detected', `Detected ${proposal.kind} (confidence ${confidence}%).`, {
        kind: mapping.kind,
        confidence,
      }),
      ...proposal.notes.map((text) => note('detection', text)),
    );
  }
  const merged = applyOverrides(mapping, request.overrides ?? {});
  for (const [column, action] of Object.entries(merged.personalColumns ?? {})) {
    notes.push(
      note(
        'personal-data',
        `Column "${column}" holds personal data: ${action === 'hash' ? 'stored only as a one-way hash' : 'not imported'}.`,
        { column, action },
      ),
    );
  }
  const problems = mappingProblems(merged, header.columns);
  const refusal = problems.length
    ? refusalOf(
        request.file,
        'mapping-does-not-fit',
        `the mapping does not fit this file: ${problems.join('; ')}. Columns found: ${header.columns.map((c) => `"${c}"`).join(', ')}.`,
      )
    : null;
  return { mapping: merged, detection, refusal };
}

function refusalOf(file: string, code: ErrorCode, reason: string): PreviewRefusal {
  const error = new ImportError({ file, reason, code });
  return { code, params: error.params, message: error.message, reason };
}

/** A mapping with a user's changes: named fields and items replace, settings override. */
export function applyOverrides(mapping: Mapping, overrides: MappingOverrides): Mapping {
  const merged: Mapping = { ...mapping, fields: { ...mapping.fields, ...overrides.fields } };
  if (overrides.items?.length) {
    const replaced = new Set(overrides.items.map((item) => item.column));
    merged.items = [
      ...(mapping.items ?? []).filter((item) => !replaced.has(item.column)),
      ...overrides.items,
    ];
  }
  for (const key of ['dateFormat', 'decimal', 'headerRow', 'headerRows'] as const) {
    if (overrides[key] !== undefined) Object.assign(merged, { [key]: overrides[key] });
  }
  return merged;
}

/** The date order a mapping's date format names, or a user error naming the bad format. */
export function dateFormatOf(file: string, text: string): DateFormat {
  try {
    return parseDateFormat(text);
  } catch (error) {
    throw new ImportError({ file, reason: (error as Error).message, code: 'bad-argument' });
  }
}

function decideDateFormat(
  file: string,
  mapping: Mapping,
  header: HeaderLayout,
  sample: RawRow[],
  notes: ImportNote[],
): DateFormat {
  if (mapping.dateFormat) return dateFormatOf(file, mapping.dateFormat);
  const dateFields = FIELDS[mapping.kind]
    .filter((spec) => spec.type === 'date')
    .map((spec) => mapping.fields[spec.name]);
  const values = dateFields.flatMap((column) => {
    const index = column ? header.columns.indexOf(column) : -1;
    return index < 0
      ? []
      : sample.filter((row) => row.rowNumber >= header.firstDataRow).map((row) => row.cells[index] ?? null);
  });
  const decision = detectDateOrder(values);
  if (decision.conflicting)
    notes.push(
      note(
        'dates-conflicting',
        'Dates mix day-first and month-first values; read as day-first. Name the date format to be sure.',
        { order: decision.order },
      ),
    );
  else if (decision.byVariation) {
    const order = decision.order === 'MDY' ? 'month-first (MM/DD/YYYY)' : 'day-first (DD/MM/YYYY)';
    notes.push(
      note(
        'dates-by-variation',
        `No date in the file has a day above 12; read as ${order} because that part varies most like days. Name the date format if wrong.`,
        { order: decision.order },
      ),
    );
  } else if (decision.ambiguous)
    notes.push(
      note(
        'dates-ambiguous',
        'Day/month order of dates is ambiguous in this file; read as day-first (DD/MM/YYYY). Name the date format if wrong.',
        { order: decision.order },
      ),
    );
  return { order: decision.order };
}

function validateSample(
  mapping: Mapping,
  header: HeaderLayout,
  dates: DateFormat,
  sample: RawRow[],
): SampleValidation {
  const converter = converterFor({ importId: 0, mapping, header, dates, salt: 'preview' });
  const conversion = new RowConversion(converter, header.firstDataRow, { fact() {}, rejects() {} });
  conversion.take(sample);
  const summary = conversion.finish();
  return {
    rowsSampled: summary.rowsRead,
    accepted: summary.rowsRead - summary.rowsRejected,
    rejected: summary.rowsRejected,
    rejects: summary.reported
      .slice(0, SHOWN_REJECTS)
      .map(({ rowNumber, column, value, reason }) => ({ rowNumber, column, value, reason })),
  };
}

function emptyValidation(): SampleValidation {
  return { rowsSampled: 0, accepted: 0, rejected: 0, rejects: [] };
}

function describeColumns(
  header: HeaderLayout,
  sample: RawRow[],
  mapping: Mapping | null,
  proposals: ColumnProposal[] | null,
): PreviewColumn[] {
  const dataRows = sample.filter((row) => row.rowNumber >= header.firstDataRow);
  const proposed = new Map(proposals?.map((p) => [p.column, p]) ?? []);
  return header.columns.map((name, index) => {
    const proposal = proposed.get(name);
    const field = mapping ? Object.keys(mapping.fields).find((f) => mapping.fields[f] === name) : undefined;
    const item = mapping?.items?.find((i) => i.column === name);
    const personal = mapping?.personalColumns?.[name] ?? null;
    const use: PreviewColumn['use'] = field
      ? 'field'
      : item
        ? 'item'
        : personal
          ? personal
          : (proposal?.use ?? (mapping?.keepAttributes === false ? 'ignore' : 'unmapped'));
    return {
      index,
      name,
      samples: samplesOf(dataRows, index),
      use,
      ...(field ? { field } : {}),
      ...(item ? { item } : {}),
      confidence: proposal?.confidence ?? null,
      reason: proposal?.reason ?? (field || item ? 'given in the mapping' : null),
      personal,
    };
  });
}

function samplesOf(rows: RawRow[], index: number): string[] {
  const samples: string[] = [];
  for (const row of rows) {
    const cell = row.cells[index];
    if (cell === null || cell === undefined || cell === '') continue;
    samples.push(cell instanceof Date ? cell.toISOString().slice(0, 10) : cellText(cell));
    if (samples.length >= SHOWN_SAMPLES) break;
  }
  return samples;
}

/** The refusal of a preview as the error a commit (or a CLI import) throws. */
export function refusalError(preview: ImportPreview): UserError | null {
  if (!preview.refusal) return null;
  return new ImportError({
    file: preview.file,
    reason: preview.refusal.reason,
    code: preview.refusal.code,
  });
}
