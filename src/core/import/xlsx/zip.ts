/**
 * A minimal read-only view of a zip file's central directory, used before streaming to list
 * sheets and peek at each sheet's start (dimension, hidden columns) without reading the file
 * through. Only the parts an .xlsx needs: stored and deflated entries, ZIP64 sizes.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { lyingSize } from './guard';
import { MAX_CENTRAL_DIRECTORY_BYTES, MAX_XLSX_PART_CHARS, MAX_ZIP_ENTRIES, boundError } from '../bounds';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class NotAZipError extends Error {}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Reads the central directory; throws NotAZipError when the file has none. */
export async function readZipDirectory(path: string, fileSize: number): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const tailLength = Math.min(fileSize, 65_557);
    const tail = await readAt(fh, fileSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new NotAZipError('no end of central directory record');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw new NotAZipError('bad ZIP64 locator');
      const rec = await readAt(fh, Number(tail.readBigUInt64LE(loc + 8)), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw new NotAZipError('bad ZIP64 record');
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > fileSize) throw new NotAZipError('central directory out of range');
    if (count > MAX_ZIP_ENTRIES)
      throw boundError({
        file: path,
        name: 'MAX_ZIP_ENTRIES',
        actual: count,
        what: `the zip holds ${count.toLocaleString('en-US')} entries`,
      });
    if (cdSize > MAX_CENTRAL_DIRECTORY_BYTES)
      throw boundError({
        file: path,
        name: 'MAX_CENTRAL_DIRECTORY_BYTES',
        actual: cdSize,
        what: `the zip's directory takes ${cdSize.toLocaleString('en-US')} bytes`,
      });
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count && p + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(p) !== CENTRAL) throw new NotAZipError('bad central directory entry');
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let size = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      // ZIP64 extended information: present fields follow in a fixed order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.set(name, { name, method, compressedSize, size, localHeaderOffset });
      p = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * Decompresses an entry as UTF-8 text, chunk by chunk, until `enough(textSoFar)` says stop or
 * `maxChars` is reached. Whole small parts (workbook.xml) are read with `enough` never true and
 * no `maxChars`: those may not pass MAX_XLSX_PART_CHARS (an ImportError), nor inflate beyond
 * their declared size (NotAZipError).
 */
export async function readEntryText(
  path: string,
  entry: ZipEntry,
  enough: (text: string) => boolean = () => false,
  maxChars = Number.POSITIVE_INFINITY,
): Promise<string> {
  const { chunks: source, close } = await openEntry(path, entry);
  const decoder = new StringDecoder('utf8');
  const whole = maxChars === Number.POSITIVE_INFINITY;
  let text = '';
  let inflated = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.size) throw lyingSize(path, entry.name, entry.size);
      text += decoder.write(chunk);
      if (whole && text.length > MAX_XLSX_PART_CHARS) {
        throw boundError({
          file: path,
          name: 'MAX_XLSX_PART_CHARS',
          actual: text.length,
          what: `part ${entry.name} holds more than ${text.length.toLocaleString('en-US')} characters`,
        });
      }
      if (text.length >= maxChars || enough(text)) return text;
    }
    return text + decoder.end();
  } finally {
    close();
  }
}

/**
 * An entry's decompressed bytes as a stream (stored or deflated), with where its data starts in
 * the file (for progress). Callers bound what they read (guard.ts, readEntryText).
 */
export async function openEntry(
  path: string,
  entry: ZipEntry,
): Promise<{
  chunks: AsyncIterable<Buffer>;
  dataStart: number;
  raw: NodeJS.ReadableStream;
  close: () => void;
}> {
  const fh = await open(path, 'r');
  let dataStart: number;
  try {
    const header = await readAt(fh, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
      throw new NotAZipError(`bad local header for ${entry.name}`);
    dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (entry.compressedSize === 0) {
    const empty = (async function* (): AsyncGenerator<Buffer> {})();
    return { chunks: empty, dataStart, raw: Readable.from([]), close: () => undefined };
  }
  if (entry.method !== 0 && entry.method !== 8)
    throw new NotAZipError(`unsupported compression method ${entry.method}`);
  const raw = createReadStream(path, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: 256 * 1024,
  });
  const inflater = entry.method === 8 ? createInflateRaw({ chunkSize: 64 * 1024 }) : null;
  const source = inflater ? raw.pipe(inflater) : raw;
  return {
    chunks: source as AsyncIterable<Buffer>,
    dataStart,
    raw,
    close: () => {
      raw.destroy();
      inflater?.destroy();
    },
  };
}
