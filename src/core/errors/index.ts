/**
 * Errors a user can cause or fix. Every one carries a code (so a host can add its own hint: the
 * CLI names a flag, the app offers a button) and parameters; its message is a sentence without
 * host vocabulary. Anything thrown that is not a UserError is a bug: hosts show "internal error"
 * with a reference and log the stack, never the bug's message as if it were a sentence.
 */
export const ERROR_CODES = [
  // engagement files
  'missing',
  'exists',
  'not-ours',
  'newer-version',
  'already-open',
  'corrupt',
  'is-folder',
  'folder-missing',
  'read-only',
  'disk-full',
  'no-engagement',
  // files given to import
  'file-unreadable',
  'file-refused',
  'file-changed',
  'no-rows',
  'no-mapping-detected',
  'mapping-does-not-fit',
  'already-imported',
  'too-many-rejects',
  'every-row-rejected',
  'import-cancelled',
  'sheet-on-csv',
  // inputs to analysis and settings
  'bad-scope',
  'bad-setting',
  'bad-target',
  'bad-template',
  'template-missing',
  'target-missing',
  'touchpoint-missing',
  'template-name-needed',
  'import-missing',
  'bad-request',
  'bad-argument',
  'no-drill-through',
  // exports
  'export-failed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number | boolean | null>;

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, message: string, params: ErrorParams = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.params = params;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** The code of a host-visible failure that is a bug, never a user's doing. */
export const INTERNAL_ERROR = 'internal';
