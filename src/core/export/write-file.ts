/**
 * Writing a deck or workbook: whole or not at all (temporary name, then rename), and a failure a
 * user can fix said as a sentence naming the file, never as an errno.
 */
import { dirname } from 'node:path';
import { writeWhole } from './pdf';
import { UserError } from '../errors';

export class PackFileError extends UserError {
  constructor(message: string) {
    super('export-failed', message);
    this.name = 'PackFileError';
  }
}

const REASONS: Record<string, (out: string) => string> = {
  ENOENT: (out) => `the folder ${dirname(out)} does not exist`,
  ENOTDIR: (out) => `${dirname(out)} is not a folder`,
  EISDIR: (out) => `${out} is a folder`,
  EACCES: () => 'there is no permission to write there',
  EPERM: () => 'there is no permission to write there',
  EROFS: () => 'the disk is read-only',
  ENOSPC: () => 'the disk is full',
  EDQUOT: () => 'the disk is full (the disk quota is used up)',
  EFBIG: () => 'the file is larger than this system allows',
};

/** Writes `bytes` to `out` whole; `what` names the file for the user ("PowerPoint deck"). */
export function writePackFile(out: string, bytes: Uint8Array, what: string): void {
  try {
    writeWhole(out, bytes);
  } catch (error) {
    const reason = REASONS[(error as NodeJS.ErrnoException).code ?? ''];
    if (!reason) throw error;
    throw new PackFileError(`Could not write the ${what} to ${out}: ${reason(out)}.`);
  }
}
