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
