import { UserError } from '../core/api';

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

function isNumeric(text: string): boolean {
  return /^[-+−]?[\d,.]+%?$/.test(text);
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A user error in the command line itself: printed as one line, exit code 1. */
export class UsageError extends UserError {
  constructor(message: string) {
    super('bad-argument', message);
    this.name = 'UsageError';
  }
}
