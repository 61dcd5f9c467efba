import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { openCsv, type CsvOptions } from './csv/reader';
import { ImportError } from './errors';
import type { TableSource } from './source';

export interface SourceOptions extends CsvOptions {
  sheet?: string;
}

/** Opens a CSV or XLSX file by its content (magic bytes), not by its name alone. */
export async function openSource(path: string, options: SourceOptions = {}): Promise<TableSource> {
  const format = sniffFormat(path);
  if (format === 'xls') {
    // Excel stores a password-protected .xlsx in the same OLE2 container as a legacy .xls.
    const reason = isEncryptedPackage(path)
      ? 'is a password-protected workbook; remove the password in Excel (File › Info › Protect Workbook), save it, then import that.'
      : 'is a legacy Excel 97–2003 (.xls) workbook; open it in Excel and save it as .xlsx, then import that.';
    throw new ImportError({ file: path, reason });
  }
  if (format === 'zip') {
    // Loaded on first use: CSV imports never load the XLSX reader.
    const { openXlsx } = await import('./xlsx');
    return openXlsx(path, { ...(options.sheet ? { sheet: options.sheet } : {}) });
  }
  if (options.sheet)
    throw new ImportError({
      file: path,
      code: 'sheet-on-csv',
      reason: 'is a CSV file; a sheet can be chosen in Excel workbooks only.',
    });
  return openCsv(path, options);
}

function sniffFormat(path: string): 'zip' | 'xls' | 'text' {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ImportError({
      file: path,
      reason: 'does not exist or cannot be read.',
      code: 'file-unreadable',
    });
  }
  if (size === 0) throw new ImportError({ file: path, reason: 'is empty (0 bytes).' });
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(8);
    readSync(fd, magic, 0, 8, 0);
    if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) return 'zip';
    if (magic.readUInt32BE(0) === 0xd0cf11e0 && magic.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
    return 'text';
  } finally {
    closeSync(fd);
  }
}

/** The file's sha256, read through one reused buffer (a stream's fresh chunks would pile up as garbage). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const file = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** An OLE2 file holding an "EncryptedPackage" stream is an encrypted Office Open XML document. */
function isEncryptedPackage(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1024 * 1024);
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).includes(ENCRYPTED_PACKAGE);
  } finally {
    closeSync(fd);
  }
}
