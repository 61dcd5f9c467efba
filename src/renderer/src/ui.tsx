import type { ReactNode } from 'react';
import { formatterFor, RAG_LABEL, type Rag } from '../../core/format';
import { EngineError } from './api';

/** Counts and percentages on screens are written by core/format, as in the CLI and the pack. */
export const f = formatterFor();

/** What a user can do about an engagement-file error, said after the engine's sentence. */
const WHAT_TO_DO: Record<string, string> = {
  'already-open':
    'Close it in the other CX Brief window (or wait for that import to finish), then try again.',
  'newer-version': 'Update CX Brief to open it; this version will not change the file.',
  corrupt:
    'If a backup lies beside it (a .bak-v… file an upgrade left), open that; otherwise re-import the source files into a new engagement.',
  missing: 'Check the path, or pick the file again.',
  'not-ours': 'Pick a .cxb file made by CX Brief.',
  'read-only': 'Copy the file to a folder you can write to, then open the copy.',
  'disk-full': 'Free some disk space, then try again.',
  'no-engagement': 'Open or create an engagement on the Start screen first.',
};

export function sentenceOf(error: unknown): string {
  if (error instanceof EngineError) {
    const advice = WHAT_TO_DO[error.error.code];
    return advice ? `${error.message} ${advice}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorSentence({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="alert">
      {sentenceOf(error)}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/**
 * A RAG status by colour, by shape (●▲■, drawn by the stylesheet so the cell's text is the label the
 * CLI and the pack write) and by its label: readable in grey print and by everyone.
 */
export function RagBadge({ rag }: { rag: Rag | null }) {
  if (!rag) return <span className="muted">—</span>;
  return <span className={`rag rag-${rag}`}>{RAG_LABEL[rag]}</span>;
}

export function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
