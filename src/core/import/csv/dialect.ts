import Papa from 'papaparse';

/** The delimiters real exports use; the one that splits the sample most consistently wins. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
  delimiter: Delimiter;
  /** Line endings found in the sample; rows are split on all of them. */
  newline: '\r\n' | '\n' | '\r' | 'mixed';
}

/** Detects the delimiter from decoded sample text (the first ~64 KiB of the file). */
export function detectDialect(sampleText: string, forcedDelimiter?: string): Dialect {
  const newline = detectNewline(sampleText);
  if (forcedDelimiter) return { delimiter: asDelimiter(forcedDelimiter), newline };
  const normalised = normaliseNewlines(dropLastLine(sampleText));
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const score = consistencyScore(normalised, delimiter);
    if (score > best.score) best = { delimiter, score };
  }
  return { delimiter: best.delimiter, newline };
}

function asDelimiter(value: string): Delimiter {
  const named: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', '\\t': '\t' };
  const delimiter = named[value] ?? value;
  if (!(DELIMITERS as readonly string[]).includes(delimiter)) {
    throw new Error(`Unsupported delimiter "${value}"; use , ; tab or |.`);
  }
  return delimiter as Delimiter;
}

/**
 * Score = rows agreeing on the modal field count × (fields − 1). Preamble rows above the header
 * (titles, export dates) disagree with the mode and simply do not count.
 */
function consistencyScore(text: string, delimiter: Delimiter): number {
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', preview: 60, skipEmptyLines: true });
  const counts = new Map<number, number>();
  for (const row of parsed.data) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let score = 0;
  for (const [fields, rows] of counts) {
    if (fields > 1) score = Math.max(score, rows * Math.log2(fields) + rows);
  }
  return score;
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
