/**
 * What the stored matrices (MRR, NPS, customer buckets: one row of blobs each) share: typed-array
 * views of their blobs, blobs of typed arrays, and the customers a filter keeps.
 */
type TypedArray = Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Int16Array;

interface TypedArrayType<T extends TypedArray> {
  new (buffer: ArrayBuffer, offset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * The blob as `Type` (its whole length unless `length` elements are asked for): in place when the
 * blob starts on the type's alignment (better-sqlite3's blobs usually do), else over a copy.
 */
export function view<T extends TypedArray>(blob: Buffer, Type: TypedArrayType<T>, length?: number): T {
  const width = Type.BYTES_PER_ELEMENT;
  const elements = length ?? blob.byteLength / width;
  if (blob.byteOffset % width === 0) return new Type(blob.buffer as ArrayBuffer, blob.byteOffset, elements);
  const copy = blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) as ArrayBuffer;
  return new Type(copy, 0, elements);
}

export function int32s(blob: Buffer): Int32Array {
  return view(blob, Int32Array);
}

export function float64s(blob: Buffer): Float64Array {
  return view(blob, Float64Array);
}

/** The array's bytes as a blob to store (no copy). */
export function toBlob(array: TypedArray): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Indices of the ids a customer filter keeps (`allowed`; null keeps every one). */
export function keptIndices(ids: readonly string[], allowed: ReadonlySet<string> | null): Int32Array {
  if (!allowed) return Int32Array.from({ length: ids.length }, (_, i) => i);
  const kept: number[] = [];
  for (let i = 0; i < ids.length; i += 1) if (allowed.has(ids[i] as string)) kept.push(i);
  return Int32Array.from(kept);
}
