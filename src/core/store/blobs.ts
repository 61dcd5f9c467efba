/**
 * Typed-array views of SQLite blobs (the MRR and NPS matrices): in place when the blob starts on
 * an 8-byte boundary (better-sqlite3's usually do), else over a copy.
 */
function aligned(blob: Buffer): { buffer: ArrayBuffer; offset: number; bytes: number } {
  if (blob.byteOffset % 8 === 0)
    return { buffer: blob.buffer as ArrayBuffer, offset: blob.byteOffset, bytes: blob.byteLength };
  const copy = blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) as ArrayBuffer;
  return { buffer: copy, offset: 0, bytes: blob.byteLength };
}

export function int32s(blob: Buffer): Int32Array {
  const { buffer, offset, bytes } = aligned(blob);
  return new Int32Array(buffer, offset, bytes / 4);
}

export function float64s(blob: Buffer): Float64Array {
  const { buffer, offset, bytes } = aligned(blob);
  return new Float64Array(buffer, offset, bytes / 8);
}
