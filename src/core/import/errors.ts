/** A reader limit that was exceeded (see bounds.ts): its constant's name, value and what was found. */
export interface ImportBound {
  name: string;
  limit: number;
  actual?: number;
}

import { UserError, type ErrorCode, type ErrorParams } from '../errors';

/** A problem with the user's input, shown to them as one sentence naming where it is. */
export class ImportError extends UserError {
  readonly file: string;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly reason: string;
  /** Set when the file exceeded one of the readers' limits. */
  readonly bound: ImportBound | undefined;

  constructor(args: {
    file: string;
    row?: number;
    column?: string;
    reason: string;
    bound?: ImportBound;
    code?: ErrorCode;
    params?: ErrorParams;
  }) {
    super(args.code ?? 'file-refused', describeLocation(args) + args.reason, {
      file: baseName(args.file),
      ...args.params,
    });
    this.name = 'ImportError';
    this.file = args.file;
    this.row = args.row;
    this.column = args.column;
    this.reason = args.reason;
    this.bound = args.bound;
  }
}

/** The file was changed after its preview: the commit would read another file than the one shown. */
export function fileChangedError(file: string): ImportError {
  return new ImportError({
    file,
    code: 'file-changed',
    reason: 'changed since it was previewed; preview it again.',
  });
}

/** Thrown when the user cancels an import; the engagement file is left as it was. */
export class ImportCancelled extends UserError {
  constructor(file: string) {
    super('import-cancelled', `Import of ${baseName(file)} was cancelled; nothing was written.`, {
      file: baseName(file),
    });
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
