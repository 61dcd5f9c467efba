/**
 * A map key that holds no more than its own characters. A cell read from a file can be a slice of
 * the whole chunk it was read from; kept as a key for the rest of the import, it would keep that
 * chunk alive too.
 */
export function ownedKey(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
