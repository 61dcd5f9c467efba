/** File writers for the demo: RFC 4180 CSV (UTF-8, CRLF) and byte-for-byte reproducible XLSX. */
import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

export type CsvValue = string | number | null;

function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes a CSV file; returns the number of data rows. */
export async function writeCsv(path: string, header: string[], rows: CsvValue[][]): Promise<number> {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return rows.length;
}

/** Fixed document dates so the workbook's XML does not depend on the clock. */
export const FIXED_DATE = new Date(Date.UTC(2026, 8, 30, 0, 0, 0));

export function workbookWriter(path: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'CX Brief demo generator';
  workbook.lastModifiedBy = 'CX Brief demo generator';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  return workbook;
}

/** Commits a streamed workbook, then pins every zip entry's timestamp so equal content gives equal bytes. */
export async function commitWorkbook(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  path: string,
): Promise<void> {
  await workbook.commit();
  const bytes = await readFile(path);
  pinZipTimestamps(bytes);
  await writeFile(path, bytes);
}

// DOS date/time of FIXED_DATE: 2026-09-30 00:00:00.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (9 << 5) | 30;

/**
 * exceljs' streaming writer stamps zip entries with the current time; rewrite the DOS time and date
 * in every central-directory and local file header (and drop nothing else).
 */
export function pinZipTimestamps(zip: Buffer): void {
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('demo xlsx: malformed central directory');
    zip.writeUInt16LE(DOS_TIME, offset + 12);
    zip.writeUInt16LE(DOS_DATE, offset + 14);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('demo xlsx: malformed local header');
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    pinExtendedTimestamps(zip, offset + 46 + zip.readUInt16LE(offset + 28), zip.readUInt16LE(offset + 30));
    pinExtendedTimestamps(zip, local + 30 + zip.readUInt16LE(local + 26), zip.readUInt16LE(local + 28));
    offset +=
      46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
}

/** Unix timestamps in an "extended timestamp" (0x5455) extra field, if a zip library wrote one. */
function pinExtendedTimestamps(zip: Buffer, start: number, length: number): void {
  const seconds = Math.floor(FIXED_DATE.getTime() / 1000);
  let at = start;
  while (at + 4 <= start + length) {
    const id = zip.readUInt16LE(at);
    const size = zip.readUInt16LE(at + 2);
    if (id === 0x5455) {
      for (let t = at + 5; t + 4 <= at + 4 + size; t += 4) zip.writeUInt32LE(seconds, t);
    }
    at += 4 + size;
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw new Error('demo xlsx: no end of central directory');
}
