import { useEffect, useRef, useState } from 'react';
import type {
  TemplateFit,
  CommitResult,
  Events,
  FieldSpec,
  ImportPreview,
  Kind,
  Mapping,
  PreviewColumn,
} from '../../../core/api/contract';
import { call } from '../api';
import { bridge } from '../host';
import { ErrorSentence, Stat, f } from '../ui';
import './import.css';
import { fieldsOf, useLabel, useOf, useOptions, withUse, type Use } from './import-mapping';

const KINDS: Kind[] = [
  'responses',
  'customers',
  'revenue',
  'subscriptions',
  'transactions',
  'assessments',
  'touchpoints',
  'targets',
  'spend',
  'funnel',
];

interface Progress {
  rows: number;
  fraction: number;
}

type Stage =
  | { name: 'pick' }
  | { name: 'reading'; fileName: string; fraction: number }
  | { name: 'preview' }
  | { name: 'importing'; jobId: string; progress: Progress }
  | { name: 'done'; result: CommitResult }
  | { name: 'cancelled' };

/**
 * The import screen is the preview: the file's sheet and header row, the detected kind, each
 * column's proposed use with samples, confidence and reason, every use editable (each edit asks
 * the engine for a new preview), the sample's validation, then the commit with progress and cancel.
 */
export function ImportScreen({
  version,
  dropped = null,
  dragging = false,
  onDropTaken,
}: {
  version: number;
  /** A file dropped on the window (the shell catches drops anywhere and comes here). */
  dropped?: File | null;
  dragging?: boolean;
  onDropTaken?: () => void;
}) {
  const [stage, setStage] = useState<Stage>({ name: 'pick' });
  const [path, setPath] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  /** The engine's proposal for this file and kind, kept while the user edits uses. */
  const [proposed, setProposed] = useState<ImportPreview | null>(null);
  const [fields, setFields] = useState<Record<Kind, FieldSpec[]> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [onDuplicate, setOnDuplicate] = useState<'replace' | 'skip'>('replace');
  const [templateName, setTemplateName] = useState('');
  /** Saved templates that fit this file's header, and the one this preview was made with. */
  const [fits, setFits] = useState<TemplateFit[]>([]);
  const [usedTemplate, setUsedTemplate] = useState<string | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    void call('import:fields', {}).then(setFields, setError);
    return bridge().subscribe((event) => {
      if (event.name !== 'import:progress') return;
      const { jobId, rows, fraction } = event.payload as Events['import:progress'];
      if (jobId !== jobRef.current) return;
      setStage((current) =>
        current.name === 'importing' ? { ...current, progress: { rows, fraction } } : current,
      );
    });
  }, []);

  async function ask(request: Parameters<typeof previewOf>[0]) {
    setBusy(true);
    setError(null);
    try {
      const answer = await previewOf(request);
      setPreview(answer);
      if (!request.mapping && !request.template) setProposed(answer);
      setUsedTemplate(request.template ?? null);
      setFits(await call('mappings:suggest', { columns: answer.header.columns }));
      setStage({ name: 'preview' });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function take(file: File) {
    setError(null);
    setPreview(null);
    setProposed(null);
    setStage({ name: 'reading', fileName: file.name, fraction: 0 });
    try {
      const local = await bridge().pathForImport(file, (fraction) =>
        setStage({ name: 'reading', fileName: file.name, fraction }),
      );
      setPath(local);
      await ask({ file: local });
    } catch (failure) {
      setError(failure);
      setStage({ name: 'pick' });
    }
  }

  const reask = (changes: Changes) => {
    if (!path || !preview) return;
    const sheet = changes.sheet ?? preview.options.sheet;
    // A new count of header rows keeps the row they start on; a new start row lets the engine count.
    const overrides = changes.headerRows
      ? { headerRow: preview.header.headerRow, headerRows: changes.headerRows }
      : changes.headerRow
        ? { headerRow: changes.headerRow }
        : null;
    void ask({
      file: path,
      ...(sheet ? { sheet } : {}),
      ...(changes.kind ? { kind: changes.kind } : {}),
      ...(changes.mapping ? { mapping: changes.mapping } : {}),
      ...(changes.template ? { template: changes.template } : {}),
      ...(overrides ? { overrides } : {}),
    });
  };

  async function commit() {
    if (!preview) return;
    const jobId = `import-${Date.now()}`;
    jobRef.current = jobId;
    setError(null);
    setStage({ name: 'importing', jobId, progress: { rows: 0, fraction: 0 } });
    try {
      const result = await call('import:commit', {
        preview,
        jobId,
        ...(preview.previousImports.length ? { onDuplicate } : {}),
        ...(templateName.trim() ? { saveMappingAs: templateName.trim() } : {}),
      });
      setStage({ name: 'done', result });
    } catch (failure) {
      const cancelled = (failure as { error?: { code?: string } }).error?.code === 'import-cancelled';
      if (cancelled) setStage({ name: 'cancelled' });
      else {
        setError(failure);
        setStage({ name: 'preview' });
      }
    } finally {
      jobRef.current = null;
    }
  }

  const cancel = (jobId: string) => void call('import:cancel', { jobId });
  const restart = () => {
    setStage({ name: 'pick' });
    setPreview(null);
    setProposed(null);
    setPath(null);
    setTemplateName('');
  };

  useEffect(() => {
    if (!dropped) return;
    onDropTaken?.();
    void take(dropped);
    // A dropped file is taken once, when it arrives.
  }, [dropped]);

  return (
    <section>
      <h2>Import a file</h2>
      <ErrorSentence error={error} />
      {(stage.name === 'pick' || stage.name === 'reading') && (
        <div className={`dropzone${dragging ? ' over' : ''}`} data-testid="dropzone">
          {stage.name === 'reading' ? (
            <>
              <p>Reading {stage.fileName}…</p>
              <progress max={1} value={stage.fraction} aria-label="Reading the file" />
            </>
          ) : (
            <>
              <p>
                <strong>Drop a CSV or Excel file anywhere on this window</strong>
              </p>
              <p className="muted">
                Survey answers (NPS, CSAT, CES), customers, revenue or subscriptions, staff assessments,
                touchpoints, targets. Nothing is written until you press Import.
              </p>
              <label className="field" style={{ justifyItems: 'center' }}>
                <span>Or choose a file</span>
                <input
                  type="file"
                  accept=".csv,.txt,.tsv,.xlsx"
                  aria-label="Choose a file to import"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    if (file) void take(file);
                  }}
                />
              </label>
            </>
          )}
        </div>
      )}
      {stage.name === 'preview' && preview && (
        <PreviewView
          preview={preview}
          proposed={proposed}
          fields={fieldsOf(fields, preview.kind)}
          busy={busy}
          onDuplicate={onDuplicate}
          setOnDuplicate={setOnDuplicate}
          templateName={templateName}
          setTemplateName={setTemplateName}
          fits={fits}
          usedTemplate={usedTemplate}
          reask={reask}
          onCommit={() => void commit()}
          onCancel={restart}
        />
      )}
      {stage.name === 'importing' && (
        <div className="card" aria-live="polite">
          <h3>Importing {preview?.fileName}</h3>
          <progress max={1} value={stage.progress.fraction} aria-label="Import progress" />
          <p data-testid="import-progress">
            {f.count(stage.progress.rows)} rows read · {f.value('percent', stage.progress.fraction * 100)}
          </p>
          <button className="danger" onClick={() => cancel(stage.jobId)}>
            Cancel import
          </button>
        </div>
      )}
      {stage.name === 'cancelled' && (
        <div className="card" role="status">
          <h3>Import cancelled</h3>
          <p>Nothing was written: the engagement is as it was before this import.</p>
          <button onClick={restart}>Import another file</button>
        </div>
      )}
      {stage.name === 'done' && <ResultView result={stage.result} onAgain={restart} />}
      <History version={version} />
    </section>
  );
}

type PreviewRequest = {
  file: string;
  sheet?: string;
  kind?: Kind;
  mapping?: Mapping;
  template?: string;
  overrides?: { headerRow?: number; headerRows?: number };
};

/** What the user changed on the preview; the engine previews again with it. */
type Changes = {
  sheet?: string;
  headerRow?: number;
  headerRows?: number;
  kind?: Kind;
  mapping?: Mapping;
  template?: string;
};

const previewOf = (request: PreviewRequest) => call('import:preview', request);

function PreviewView(props: {
  preview: ImportPreview;
  proposed: ImportPreview | null;
  fields: FieldSpec[];
  busy: boolean;
  onDuplicate: 'replace' | 'skip';
  setOnDuplicate: (value: 'replace' | 'skip') => void;
  templateName: string;
  setTemplateName: (value: string) => void;
  fits: TemplateFit[];
  usedTemplate: string | null;
  reask: (changes: Changes) => void;
  onCommit: () => void;
  onCancel: () => void;
}) {
  const { preview, fields, busy } = props;
  const sheets = preview.source.sheets ?? [];
  const validation = preview.validation;
  const detection = props.proposed?.detection ?? preview.detection;
  const confidence = detection ? f.value('percent', detection.confidence * 100) : null;
  return (
    <>
      <div className="card">
        <h3>{preview.fileName}</h3>
        <div className="actions">
          {sheets.length > 1 && (
            <label className="field">
              Sheet
              <select
                value={preview.source.sheet ?? ''}
                disabled={busy}
                onChange={(event) => props.reask({ sheet: event.target.value })}
              >
                {sheets.map((sheet) => (
                  <option key={sheet.name} value={sheet.name}>
                    {sheet.name}
                    {sheet.hidden ? ' (hidden)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            Header row
            <input
              aria-label="Header row"
              type="number"
              min={1}
              max={50}
              defaultValue={preview.header.headerRow}
              key={preview.header.headerRow}
              disabled={busy}
              onBlur={(event) => {
                const row = Number(event.target.value);
                if (row >= 1 && row !== preview.header.headerRow) props.reask({ headerRow: row });
              }}
            />
          </label>
          <label className="field">
            Header rows
            <select
              value={preview.header.headerRows}
              disabled={busy}
              aria-label="Header rows"
              title="Survey tools often write two or three header rows (question, then answer option); their texts are joined"
              onChange={(event) => props.reask({ headerRows: Number(event.target.value) })}
            >
              {[1, 2, 3].map((rows) => (
                <option key={rows} value={rows}>
                  {rows === 1 ? '1 row' : `${rows} rows, joined`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            What this file holds
            <select
              value={preview.kind ?? ''}
              disabled={busy}
              aria-label="Kind of file"
              onChange={(event) => props.reask({ kind: event.target.value as Kind })}
            >
              {!preview.kind && <option value="">(not recognised — choose)</option>}
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          </label>
          {confidence && <span className="muted">detected with {confidence} confidence</span>}
          {preview.source.format === 'csv' && (
            <span className="muted">
              CSV, {preview.source.encoding}, delimiter “{preview.source.delimiter}”
            </span>
          )}
        </div>
      </div>
      <TemplateNotice fits={props.fits} used={props.usedTemplate} busy={busy} reask={props.reask} />
      {preview.refusal && (
        <p className="alert" role="alert">
          {preview.refusal.message} Change the kind or a column’s use below.
        </p>
      )}
      {preview.notes.map((note) => (
        <p key={note.text} className="notice">
          {note.text}
        </p>
      ))}
      <div className="card">
        <h3>Columns</h3>
        <div className="table-wrap">
          <table aria-label="Columns and their use">
            <thead>
              <tr>
                <th>Column</th>
                <th>Sample values</th>
                <th>Use</th>
                <th className="figure">Confidence</th>
                <th>Why</th>
                <th>Personal data</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((column) => (
                <ColumnRow key={column.index} column={column} {...props} fields={fields} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card">
        <h3>Check of the first {f.count(validation.rowsSampled)} rows</h3>
        <div className="stats">
          <Stat label="accepted" value={f.count(validation.accepted)} testId="sample-accepted" />
          <Stat label="rejected" value={f.count(validation.rejected)} testId="sample-rejected" />
          <Stat label="warnings" value={f.count(preview.notes.length)} />
        </div>
        {validation.rejects.length > 0 && <RejectsTable rejects={validation.rejects} />}
        {preview.previousImports.length > 0 && (
          <fieldset className="notice choices">
            <legend>This file was imported before (import {preview.previousImports.join(', ')}).</legend>
            <label>
              <input
                type="radio"
                checked={props.onDuplicate === 'replace'}
                onChange={() => props.setOnDuplicate('replace')}
              />
              Replace the earlier import
            </label>
            <label>
              <input
                type="radio"
                checked={props.onDuplicate === 'skip'}
                onChange={() => props.setOnDuplicate('skip')}
              />
              Skip: keep the earlier import
            </label>
          </fieldset>
        )}
        <div className="actions align-end">
          <label className="field">
            Save this mapping as a template (optional)
            <input
              value={props.templateName}
              maxLength={100}
              placeholder="e.g. Qualtrics NPS export"
              onChange={(event) => props.setTemplateName(event.target.value)}
            />
          </label>
          <SaveTemplateNow name={props.templateName} mapping={preview.mapping} busy={busy} />
        </div>
        <div className="actions" style={{ marginTop: 'var(--space-4)' }}>
          <button
            className="primary"
            disabled={busy || preview.refusal !== null || !preview.mapping}
            onClick={props.onCommit}
          >
            Import this file
          </button>
          <button onClick={props.onCancel}>Choose another file</button>
          {busy && <span className="muted">Checking the file again…</span>}
        </div>
      </div>
    </>
  );
}

function ColumnRow(props: {
  column: PreviewColumn;
  preview: ImportPreview;
  proposed: ImportPreview | null;
  fields: FieldSpec[];
  busy: boolean;
  reask: (changes: { mapping?: Mapping }) => void;
}) {
  const { column, preview } = props;
  const current = useOf(column, preview.mapping);
  const options = useOptions(column, props.fields);
  const known = options.some((option) => option.value === current);
  // Confidence and reason are the engine's proposal; an edited use says so beside it.
  const first = props.proposed?.columns.find((c) => c.name === column.name) ?? column;
  const proposedUse = useOf(first, props.proposed?.mapping ?? preview.mapping);
  const edited = proposedUse !== current;
  const low = first.confidence !== null && first.confidence < 0.5;
  return (
    <tr>
      <td>
        <strong>{column.name}</strong>
      </td>
      <td className="samples" title={column.samples.join(' | ')}>
        {column.samples.slice(0, 3).join(' | ')}
      </td>
      <td>
        <select
          aria-label={`Use of column ${column.name}`}
          value={current}
          disabled={props.busy || !preview.mapping}
          onChange={(event) => {
            const mapping = withUse(preview, column, event.target.value as Use);
            if (mapping) props.reask({ mapping });
          }}
        >
          {!known && <option value={current}>{current === 'ignore' ? 'not used' : current}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value} title={option.title}>
              {option.label}
            </option>
          ))}
        </select>
      </td>
      <td className={`figure${low ? ' confidence-low' : ''}`}>
        {first.confidence === null ? '—' : f.value('percent', first.confidence * 100)}
      </td>
      <td className="muted">
        {edited ? (
          <strong className="edited">changed by you (proposed: {useLabel(proposedUse)})</strong>
        ) : (
          (first.reason ?? '—')
        )}
      </td>
      <td>{column.personal ? (column.personal === 'drop' ? 'dropped' : 'hashed') : '—'}</td>
    </tr>
  );
}

interface RejectRow {
  rowNumber: number;
  column: string | null;
  value: string | null;
  reason: string;
}

function RejectsTable({ rejects }: { rejects: RejectRow[] }) {
  return (
    <div className="table-wrap">
      <table aria-label="Rejected rows">
        <thead>
          <tr>
            <th className="figure">Row</th>
            <th>Column</th>
            <th>Value</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {rejects.map((reject, i) => (
            <tr key={`${reject.rowNumber}-${i}`}>
              <td className="figure">{f.count(reject.rowNumber)}</td>
              <td>{reject.column ?? '—'}</td>
              <td>{reject.value ?? '—'}</td>
              <td>{reject.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every reject of an import as CSV (row, column, value, reason), fetched page by page. */
async function rejectsCsv(importId: number): Promise<string> {
  const quote = (text: string | number | null) => `"${String(text ?? '').replace(/"/g, '""')}"`;
  const lines = ['row,column,value,reason'];
  for (let offset = 0; ; offset += 1000) {
    const page = await call('imports:rejects', { id: importId, offset, limit: 1000 });
    for (const r of page.rows) lines.push([r.rowNumber, r.column, r.value, r.reason].map(quote).join(','));
    if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
  }
  return `${lines.join('\n')}\n`;
}

function ResultView({ result, onAgain }: { result: CommitResult; onAgain: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const skipped = result.status === 'skipped-duplicate';
  return (
    <div className="card" role="status">
      <h3>
        {skipped ? `${result.fileName} was skipped: it was imported before` : `Imported ${result.fileName}`}
      </h3>
      <ErrorSentence error={error} />
      <div className="stats">
        <Stat label="rows read" value={f.count(result.rowsRead)} testId="result-read" />
        <Stat label="accepted" value={f.count(result.rowsAccepted)} testId="result-accepted" />
        <Stat label="rejected" value={f.count(result.rowsRejected)} testId="result-rejected" />
        <Stat label="records written" value={f.count(result.factsWritten)} />
      </div>
      <p>
        {skipped
          ? 'Nothing was written: the earlier import stays as it was.'
          : `Added to the engagement’s ${result.kind}` +
            (result.replacedImports.length
              ? `, replacing import ${result.replacedImports.join(', ')}, which was removed.`
              : '.')}
        {result.savedTemplate ? ` Mapping saved as template “${result.savedTemplate.name}”.` : ''}
      </p>
      {result.notes.map((note) => (
        <p key={note} className="notice">
          {note}
        </p>
      ))}
      {result.rejects.length > 0 && <RejectsTable rejects={result.rejects} />}
      <div className="actions" style={{ marginTop: 'var(--space-4)' }}>
        {result.rowsRejected > 0 && result.importId !== null && (
          <button
            onClick={() =>
              void rejectsCsv(result.importId as number)
                .then((text) => bridge().saveText(`${result.fileName}.rejects.csv`, text))
                .catch(setError)
            }
          >
            Download the rejects (CSV)
          </button>
        )}
        <button onClick={onAgain}>Import another file</button>
      </div>
    </div>
  );
}

/** The import history: provenance of every file in the engagement, and removing one. */
export function History({ version }: { version: number }) {
  const [imports, setImports] = useState<Awaited<ReturnType<typeof listImports>> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<number | null>(null);
  useEffect(() => {
    void listImports().then(setImports, setError);
  }, [version]);
  const remove = async (id: number) => {
    setConfirm(null);
    setError(null);
    try {
      await call('imports:remove', { id });
      setImports(await listImports());
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="card">
      <h3>Import history</h3>
      <ErrorSentence error={error} />
      {imports && imports.length === 0 && (
        <p className="muted">
          Nothing imported yet. Start with the survey export (NPS, CSAT or CES answers) or the customer list.
        </p>
      )}
      {imports && imports.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Import history">
            <thead>
              <tr>
                <th className="figure">#</th>
                <th>File</th>
                <th>Kind</th>
                <th className="figure">Rows</th>
                <th className="figure">Accepted</th>
                <th className="figure">Rejected</th>
                <th>SHA-256</th>
                <th>Imported</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {imports.map((item) => (
                <tr key={item.id}>
                  <td className="figure">{item.id}</td>
                  <td>{item.fileName}</td>
                  <td>{item.kind}</td>
                  <td className="figure">{f.count(item.rowsRead)}</td>
                  <td className="figure">{f.count(item.rowsAccepted)}</td>
                  <td className="figure">{f.count(item.rowsRejected)}</td>
                  <td title={item.sha256}>
                    <code>{item.sha256.slice(0, 12)}…</code>
                  </td>
                  <td style={{ whiteSpace: 'nowrap' }}>{item.importedAt.replace('T', ' ').slice(0, 16)}</td>
                  <td>
                    {confirm === item.id ? (
                      <span className="actions">
                        <button className="danger" onClick={() => void remove(item.id)}>
                          Remove {f.count(item.rowsAccepted)} rows
                        </button>
                        <button onClick={() => setConfirm(null)}>Keep</button>
                      </span>
                    ) : (
                      <button onClick={() => setConfirm(item.id)} aria-label={`Remove import ${item.id}`}>
                        Remove…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const listImports = () => call('imports:list', {});

/** A saved template whose columns this file has: offered, or said to be in use. */
function TemplateNotice(props: {
  fits: TemplateFit[];
  used: string | null;
  busy: boolean;
  reask: (changes: Changes) => void;
}) {
  if (props.used)
    return (
      <p className="notice" role="status">
        Mapped with your saved template “{props.used}”.
      </p>
    );
  const [best, ...others] = props.fits;
  if (!best) return null;
  return (
    <div className="notice actions" role="status" data-testid="template-suggestion">
      <span>
        This file’s columns match your saved template “{best.name}” ({best.kind}, {f.count(best.columns)}{' '}
        columns)
        {others.length ? ` and ${f.count(others.length)} more` : ''}.
      </span>
      {props.fits.map((fit) => (
        <button key={fit.name} disabled={props.busy} onClick={() => props.reask({ template: fit.name })}>
          Use “{fit.name}”
        </button>
      ))}
    </div>
  );
}

/** Saves the mapping on screen as a template now, without importing. */
function SaveTemplateNow({ name, mapping, busy }: { name: string; mapping: Mapping | null; busy: boolean }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        disabled={busy || !mapping || !name.trim()}
        onClick={() => {
          setError(null);
          if (mapping)
            call('mappings:save', { name: name.trim(), mapping }).then(
              (result) => setSaved(`${result.replaced ? 'Replaced' : 'Saved'} template “${result.name}”.`),
              setError,
            );
        }}
      >
        Save as template now
      </button>
      {saved && <span className="muted">{saved}</span>}
      <ErrorSentence error={error} />
    </>
  );
}
