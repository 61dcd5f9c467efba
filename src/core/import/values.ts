import type { Cell } from './source';

/**
 * Cell value parsing shared by every kind. Each parser returns a value or a reason the
 * cell cannot be read (never a silently coerced guess).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const MISSING = new Set([
  '',
  'na',
  'n/a',
  'n.a.',
  '#n/a',
  'null',
  'none',
  '-',
  '--',
  'nan',
  '(blank)',
  'missing',
]);

/**
 * "12", "-3", "4.5": digits with at most one point and a leading minus, nothing else (most score
 * cells). Such text means the same under every rule below, so Number() reads it directly.
 */
function isPlainDecimal(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 15) return false;
  let at = text.charCodeAt(0) === 45 ? 1 : 0; // -
  let digits = 0;
  let point = false;
  for (; at < length; at += 1) {
    const c = text.charCodeAt(at);
    if (c >= 48 && c <= 57) digits += 1;
    else if (c === 46 && !point && digits > 0) point = true;
    else return false;
  }
  return digits > 0 && text.charCodeAt(length - 1) !== 46;
}

/** Blank cells and the usual "no answer" tokens (NA, N/A, NULL, -) are missing, not errors. */
export function isMissing(cell: Cell): boolean {
  if (cell === null) return true;
  if (typeof cell !== 'string') return false;
  if (cell === '') return true;
  // Hot path: every cell of every row passes here; only short texts can be a missing token, and
  // only one whose first visible character starts one (no lower-casing of every short value).
  if (cell.length > 12) return false;
  let at = 0;
  while (at < cell.length && cell.charCodeAt(at) <= 32) at += 1;
  if (at === cell.length) return true;
  const first = cell.charCodeAt(at);
  // Beyond ASCII (a no-break space before "NA" …) the full check decides.
  if (first < 128 && !MISSING_STARTS.has(first | 0x20)) return false;
  return MISSING.has(cell.trim().toLowerCase());
}

/** First characters of the missing tokens, lower-cased with `| 0x20` ('-' and '(' and '#' map to themselves). */
const MISSING_STARTS = new Set([...MISSING].filter(Boolean).map((token) => token.charCodeAt(0) | 0x20));

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  // An invalid Date (a serial far out of range) has no ISO form: toISOString() would throw.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString();
  return String(cell);
}

export interface NumberFormat {
  decimal: '.' | ',';
}

const BIDI_AND_ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const BIDI_AND_ZERO_WIDTH_ALL = new RegExp(BIDI_AND_ZERO_WIDTH.source, 'g');

const CURRENCY = /^[€$£¥₩₹]|[€$£¥₩₹]$|^(?:USD|EUR|GBP|CHF|JPY|KRW)\s*|\s*(?:USD|EUR|GBP|CHF|JPY|KRW)$/i;

/**
 * Numbers as exports write them: "1,234.56", "1.234,56" (decimal comma files), "12,5", "€ 1 200",
 * "(300)" for −300, "45%" stays 45. Ambiguous grouping is read with the file's decimal separator.
 */
export function parseNumber(cell: Cell, format: NumberFormat = { decimal: '.' }): Parsed<number> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : notNumber(cell);
  if (typeof cell === 'string' && format.decimal === '.' && isPlainDecimal(cell))
    return { ok: true, value: Number(cell) };
  if (typeof cell === 'boolean' || cell instanceof Date || cell === null) return notNumber(cell);
  let text = cell.trim().replace(/[\u00a0\u202f\u2009 ]/g, '');
  // Direction marks and zero-width characters copied in from right-to-left or web text.
  if (BIDI_AND_ZERO_WIDTH.test(text)) text = text.replace(BIDI_AND_ZERO_WIDTH_ALL, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  // One sign, before or after the currency: "-€5", "€-5", "+£0", "USD -3".
  let signs = 0;
  const takeSign = (): void => {
    if (text.startsWith('-') || text.startsWith('\u2212')) {
      negative = !negative;
      signs += 1;
      text = text.slice(1);
    } else if (text.startsWith('+')) {
      signs += 1;
      text = text.slice(1);
    }
  };
  takeSign();
  text = text.replace(CURRENCY, '').replace(/%$/, '');
  takeSign();
  if (signs > 1) return notNumber(cell);
  const normalised = normaliseDigits(text, format.decimal);
  if (normalised === null) return notNumber(cell);
  const value = Number(normalised);
  if (!Number.isFinite(value)) return notNumber(cell);
  return { ok: true, value: negative ? -value : value };
}

function normaliseDigits(text: string, decimal: '.' | ','): string | null {
  const group = decimal === '.' ? ',' : '.';
  if (/^\d+$/.test(text)) return text;
  if (/^\d*[.,]\d+$/.test(text) && !text.includes(group)) return text.replace(',', '.');
  if (/^\d+(?:e[+-]?\d+)?$/i.test(text) || /^\d*\.\d+e[+-]?\d+$/i.test(text)) return text;
  const grouped = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+(?:\\${decimal}\\d+)?$`);
  if (grouped.test(text)) return text.split(group).join('').replace(decimal, '.');
  if (decimal === '.' && /^\d+\.\d+$/.test(text)) return text;
  return null;
}

function notNumber(cell: Cell): Parsed<number> {
  return { ok: false, reason: `"${cellText(cell)}" is not a number` };
}

const TRUE_WORDS = new Set([
  'true',
  'yes',
  'y',
  '1',
  'churned',
  'lost',
  'cancelled',
  'canceled',
  'oui',
  'ja',
  'sí',
  'si',
]);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'active', 'retained', 'non', 'nein', 'nee']);

export function parseFlag(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  if (typeof cell === 'number' && (cell === 0 || cell === 1)) return { ok: true, value: cell === 1 };
  const word = cellText(cell).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, reason: `"${cellText(cell)}" is not a yes/no value` };
}

/** Text cleaned of the invisible characters spreadsheet exports carry (NBSP, zero-width). */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00a0]/;

export function cleanText(cell: Cell): string {
  const text = cellText(cell);
  if (!INVISIBLE.test(text)) return text.trim();
  return text
    .replace(BIDI_AND_ZERO_WIDTH_ALL, '')
    .replace(/\u00a0/g, ' ')
    .trim();
}
