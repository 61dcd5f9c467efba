import Papa from 'papaparse';

/** The delimiters real exports use; the one that splits the sample most consistently wins. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** ' ' is a text table: columns separated by runs of spaces (or aligned to fixed positions). */
export type Delimiter = (typeof DELIMITERS)[number] | ' ';

export interface Dialect {
  delimiter: Delimiter;
  /** Line endings found in the sample; rows are split on all of them. */
  newline: '\r\n' | '\n' | '\r' | 'mixed';
  /** Text tables: where each column starts when the columns are aligned (null: split on spaces). */
  columnStarts?: number[] | null;
  /** Every row is one quoted field holding values separated by this delimiter: unwrapped. */
  wrapped?: Delimiter;
}

const SAMPLE_LINES = 60;

/** Detects the delimiter from decoded sample text (the first ~64 KiB of the file). */
export function detectDialect(sampleText: string, forcedDelimiter?: string): Dialect {
  const newline = detectNewline(sampleText);
  const normalised = normaliseNewlines(dropLastLine(sampleText));
  if (forcedDelimiter) {
    const delimiter = asDelimiter(forcedDelimiter);
    if (delimiter === ' ')
      return { delimiter, newline, columnStarts: textTable(normalised)?.columnStarts ?? null };
    return { delimiter, newline };
  }
  const best = bestDelimiter(normalised);
  if (best.splitShare >= 0.5) return { delimiter: best.delimiter, newline };
  const wrapped = wrappedDelimiter(normalised);
  if (wrapped) return { delimiter: best.delimiter, newline, wrapped };
  const table = textTable(normalised);
  if (table) return { delimiter: ' ', newline, columnStarts: table.columnStarts };
  return { delimiter: best.delimiter, newline };
}

/**
 * A text table's layout: aligned columns when every line leaves the same gaps (values may then
 * hold single spaces, cells may be blank), else columns separated by spaces when nearly every
 * line splits into the same number of words. Null when it is neither.
 */
function textTable(text: string): { columnStarts: number[] | null } | null {
  const lines = sampleLines(text);
  if (lines.length < 3) return null;
  const counts = new Map<number, number>();
  for (const line of lines) {
    const words = line.trim().split(/ +/).length;
    counts.set(words, (counts.get(words) ?? 0) + 1);
  }
  const [words, agreeing] = [...counts].sort((a, b) => b[1] - a[1])[0] as [number, number];
  const bySpaces = words >= 2 && agreeing >= lines.length * 0.9 ? words : 0;
  const aligned = alignedColumns(lines);
  if (aligned && aligned.length >= bySpaces) return { columnStarts: aligned };
  return bySpaces ? { columnStarts: null } : null;
}

function sampleLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLE_LINES)
    .map((line) => line.replace(/\t/g, '    '));
}

function bestDelimiter(text: string): { delimiter: Delimiter; score: number; splitShare: number } {
  let best = { delimiter: ',' as Delimiter, score: -1, splitShare: 0 };
  for (const delimiter of DELIMITERS) {
    const { score, splitShare } = consistency(text, delimiter);
    if (score > best.score) best = { delimiter, score, splitShare };
  }
  return best;
}

function asDelimiter(value: string): Delimiter {
  const named: Record<string, Delimiter> = {
    comma: ',',
    semicolon: ';',
    tab: '\t',
    pipe: '|',
    '\\t': '\t',
    space: ' ',
    whitespace: ' ',
  };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter !== ' ' && !(DELIMITERS as readonly string[]).includes(delimiter)) {
    throw new Error(`Unsupported delimiter "${value}"; use , ; tab | or ' ' (space).`);
  }
  return delimiter as Delimiter;
}

/**
 * Score = rows agreeing on the modal field count × (fields − 1). Preamble rows above the header
 * (titles, export dates) disagree with the mode and simply do not count. `splitShare` is the
 * share of rows that split into the best-scoring count of two or more fields.
 */
function consistency(text: string, delimiter: Delimiter): { score: number; splitShare: number } {
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    preview: SAMPLE_LINES,
    skipEmptyLines: true,
  });
  const counts = new Map<number, number>();
  for (const row of parsed.data) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let score = 0;
  let splitShare = 0;
  for (const [fields, rows] of counts) {
    const rowScore = rows * Math.log2(fields) + rows;
    if (fields > 1 && rowScore > score) {
      score = rowScore;
      splitShare = rows / Math.max(1, parsed.data.length);
    }
  }
  return { score, splitShare };
}

/**
 * Rows that are each one quoted field ("id;date;score") hold the real row inside: the delimiter
 * that splits the unwrapped text consistently, if any.
 */
function wrappedDelimiter(text: string): Delimiter | undefined {
  const lines = sampleLines(text);
  const whole = lines.filter((line) => /^\s*"(?:[^"]|"")*"\s*$/.test(line));
  if (lines.length === 0 || whole.length < lines.length * 0.8) return undefined;
  const inner = whole.map((line) => line.trim().slice(1, -1).replace(/""/g, '"')).join('\n');
  const best = bestDelimiter(inner);
  return best.splitShare >= 0.8 ? best.delimiter : undefined;
}

/**
 * A whitespace-aligned text table (.txt, .prn, .dat reports): the positions where a column starts,
 * found as text that every sampled line leaves blank just before. Null when the lines share no
 * such gaps.
 */
function alignedColumns(lines: string[]): number[] | null {
  const width = Math.max(...lines.map((line) => line.length));
  const blank: boolean[] = [];
  for (let i = 0; i < width; i += 1) blank.push(lines.every((line) => i >= line.length || line[i] === ' '));
  const starts: number[] = [];
  for (let i = 0; i < width; i += 1) if (!blank[i] && (i === 0 || blank[i - 1])) starts.push(i);
  if (starts.length < 2) return null;
  // Every column of a real table is filled on most lines; a gap found by chance leaves one empty.
  const filled = starts.every((start, k) => {
    const end = starts[k + 1] ?? width;
    return lines.filter((line) => line.slice(start, end).trim() !== '').length >= lines.length * 0.5;
  });
  return filled ? starts : null;
}

function detectNewline(text: string): Dialect['newline'] {
  const crlf = countOf(text, '\r\n');
  const lf = countOf(text, '\n') - crlf;
  const cr = countOf(text, '\r') - crlf;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds > 1) return 'mixed';
  if (crlf > 0) return '\r\n';
  if (cr > 0) return '\r';
  return '\n';
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

function dropLastLine(text: string): string {
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return cut > 0 ? text.slice(0, cut) : text;
}

/** CRLF and lone CR become LF so one parser newline serves files with mixed line endings. */
export function normaliseNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}
