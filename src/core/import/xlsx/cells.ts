/** Cell references and text helpers for the XLSX reader. */

/** "AB12" → { col: 27, row: 12 } (1-based); null when not a cell reference. */
export function parseRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m?.[1] || !m[2]) return null;
  return { col: columnNumber(m[1]), row: Number(m[2]) };
}

/**
 * The 1-based column of a cell reference ("AB12", "$AB$12") from its letters, or 0 when it does not
 * start like one. Once per cell: char codes, no regex and no allocation.
 */
export function refColumn(ref: string): number {
  let at = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let col = 0;
  let letters = 0;
  for (; at < ref.length && letters <= 3; at += 1) {
    const c = ref.charCodeAt(at) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    letters += 1;
  }
  if (letters === 0 || letters > 3) return 0;
  if (ref.charCodeAt(at) === 36) at += 1;
  if (at >= ref.length) return 0;
  for (; at < ref.length; at += 1) {
    const d = ref.charCodeAt(at);
    if (d < 48 || d > 57) return 0;
  }
  return col;
}

/** "AB" → 28 (1-based). Returns 0 for an empty string. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Excel escapes control characters as _xHHHH_ (e.g. _x000D_); undo it, keeping literal _x005F_ escapes. */
export function unescapeExcelText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** [7, 9, 10, 11] → "7, 9–11"; at most `limit` items, then "and N more". */
export function formatNumberList(
  values: number[],
  label: (n: number) => string = String,
  limit = 20,
): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === (values[j] ?? 0) + 1) j++;
    const a = values[i] ?? 0;
    const b = values[j] ?? 0;
    parts.push(j - i >= 2 ? `${label(a)}–${label(b)}` : j === i ? label(a) : `${label(a)}, ${label(b)}`);
    i = j + 1;
  }
  if (parts.length <= limit) return parts.join(', ');
  return `${parts.slice(0, limit).join(', ')} and ${parts.length - limit} more`;
}
