import { UserError } from '../core/api';
import { format } from 'node:util';
import { formatterFor, terminalSafe } from '../core/format';

/** Plain-text tables for terminal output (no colours: output is often piped into files). */
export function table(headers: string[], rows: Array<Array<string | number | null>>): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell))));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        isNumeric(cell) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

/** A figure as core/format writes it ("−0.2 pp*", "$4,033", "29.5 to 35.8"): right-aligned. */
function isNumeric(text: string): boolean {
  if (!/\d/.test(text) || /^\d{4}-\d{2}/.test(text)) return false;
  return !/\p{L}{2,}/u.test(text.replace(/\b(pp|months|to)\b/g, ''));
}

/** A row or answer count as every output writes it ("7,043"). */
export const formatCount = (value: number): string => formatterFor().count(value);

/** A user error in the command line itself: printed as one line, exit code 1. */
export class UsageError extends UserError {
  constructor(message: string) {
    super('bad-argument', message);
    this.name = 'UsageError';
  }
}

/**
 * The CLI's only ways to write to the terminal: every line passes through terminalSafe, so no
 * control character or escape sequence from data reaches it raw (lint forbids console in src/cli).
 */
export function say(...parts: unknown[]): void {
  // eslint-disable-next-line no-console -- the CLI's one way to stdout (a bench stage listens to it)
  console.log(terminalSafe(format(...parts)));
}

/** One line on stderr, made safe like `say`. */
export function sayError(...parts: unknown[]): void {
  // eslint-disable-next-line no-console -- the CLI's one way to stderr
  console.error(terminalSafe(format(...parts)));
}

/**
 * Rewrites the progress line in place: the carriage return is the CLI's own, the text is made safe.
 * Written only to a terminal.
 */
export function sayProgress(text: string, done: boolean): void {
  process.stderr.write(`\r${terminalSafe(text)}${done ? '\n' : ''}`);
}
