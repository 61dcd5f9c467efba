/** A reader limit that was exceeded (see bounds.ts): its constant's name, value and what was found. */
export interface ImportBound {
  name: string;
  limit: number;
  actual?: number;
}

/** A problem with the user's input, shown to them as one sentence naming where it is. */
export class ImportError extends Error {
  readonly file: string;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly reason: string;
  /** Set when the file exceeded one of the readers' limits. */
  readonly bound: ImportBound | undefined;

  constructor(args: { file: string; row?: number; column?: string; reason: string; bound?: ImportBound }) {
    super(describeLocation(args) + args.reason);
    this.name = 'ImportError';
    this.file = args.file;
    this.row = args.row;
    this.column = args.column;
    this.reason = args.reason;
    this.bound = args.bound;
  }
}

/** Thrown when the user cancels an import; the engagement file is left as it was. */
export class ImportCancelled extends Error {
  constructor(file: string) {
    super(`Import of ${baseName(file)} was cancelled; nothing was written.`);
    this.name = 'ImportCancelled';
  }
}

function describeLocation(args: { file: string; row?: number; column?: string }): string {
  const parts = [baseName(args.file)];
  if (args.row !== undefined) parts.push(`row ${args.row}`);
  if (args.column !== undefined) parts.push(`column "${args.column}"`);
  return parts.join(', ') + ': ';
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
