import type { ErrorCode, ImportNote } from '../core/api';

/**
 * The CLI's own words for what a user can do about an error or a note: core names no flag, so
 * each host adds the controls it has.
 */
const ERROR_HINTS: Partial<Record<ErrorCode, string>> = {
  'already-imported': 'Use --replace to replace it or --skip-duplicate to skip it.',
  'too-many-rejects': 'Rerun with --accept-rejects to keep the accepted rows.',
  'no-mapping-detected': 'Give --kind and --map field=Column, or --mapping NAME.',
  'mapping-does-not-fit': 'Fix it with --map field=Column or --item Column=nps|csat|ces|rating[:min-max].',
  'sheet-on-csv': 'Leave out --sheet.',
  'template-name-needed': 'Give one with --name.',
};

const NOTE_HINTS: Partial<Record<ImportNote['code'], string>> = {
  'encoding-guessed': '(--encoding NAME)',
  'dates-conflicting': '(--date-format DD/MM/YYYY or MM/DD/YYYY)',
  'dates-by-variation': '(--date-format DD/MM/YYYY or MM/DD/YYYY)',
  'dates-ambiguous': '(--date-format DD/MM/YYYY or MM/DD/YYYY)',
};

export function withErrorHint(code: ErrorCode, message: string): string {
  const hint = ERROR_HINTS[code];
  return hint ? `${message} ${hint}` : message;
}

export function noteText(note: Pick<ImportNote, 'code' | 'text'>): string {
  const hint = NOTE_HINTS[note.code];
  return hint ? `${note.text} ${hint}` : note.text;
}
