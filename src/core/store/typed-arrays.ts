/**
 * Growing and dropping the large typed arrays an import keeps. A typed array's memory lies outside
 * the JavaScript heap and goes back only when the collector finds the array unreachable; in a
 * long import that is often much later, so each doubling left the smaller copies behind and the
 * garbage peaked beside the live arrays (about 40 MB on a 1M-row wide survey). Detaching the buffer
 * gives its memory back at once.
 */
type Typed = Int32Array | Int16Array | Uint16Array | Uint32Array | Uint8Array | Float64Array;

/** `to` holding `from`'s values (as many as fit); `from` is released, so it must not be used again. */
export function grownTo<T extends Typed>(from: T, to: T): T {
  (to as Int32Array).set((from as Int32Array).subarray(0, Math.min(from.length, to.length)));
  release(from);
  return to;
}

/**
 * Gives an array's memory back now; the array becomes empty. Only an array that owns its whole
 * buffer is released (a view into a larger buffer is left alone).
 */
export function release(view: Typed): void {
  const buffer = view.buffer as ArrayBuffer & {
    detached?: boolean;
    transfer?: (length: number) => ArrayBuffer;
  };
  if (buffer.detached || view.byteOffset !== 0 || view.byteLength !== buffer.byteLength) return;
  buffer.transfer?.(0);
}

/**
 * Positions 0 … length − 1 grouped by their key (a counting sort, stable): the positions of key k
 * are entries[starts[k] … starts[k + 1]). Keys are 0 … keyCount − 1.
 */
export function groupByKey(
  keys: Int32Array,
  length: number,
  keyCount: number,
): { starts: Int32Array; entries: Int32Array } {
  const starts = new Int32Array(keyCount + 1);
  for (let i = 0; i < length; i += 1) {
    const k = (keys[i] as number) + 1;
    starts[k] = (starts[k] as number) + 1;
  }
  for (let k = 0; k < keyCount; k += 1) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  const next = starts.slice(0, keyCount);
  const entries = new Int32Array(length);
  for (let i = 0; i < length; i += 1) {
    const k = keys[i] as number;
    const at = next[k] as number;
    entries[at] = i;
    next[k] = at + 1;
  }
  release(next);
  return { starts, entries };
}
