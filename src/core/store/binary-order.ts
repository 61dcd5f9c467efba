/** How SQLite orders TEXT under its default collation, for code that merges with what it returns. */

/**
 * SQLite's BINARY order of two strings (their UTF-8 bytes, i.e. code points), which JavaScript's
 * `<` (UTF-16 code units) differs from only for characters above U+FFFF against U+E000–U+FFFF.
 */
export function binaryOrder(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k += 1) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (characters above U+FFFF) rank after U+E000–U+FFFF, as their code points do. */
function codeUnitRank(unit: number): number {
  return unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}
