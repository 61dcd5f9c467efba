/** Cell references and text helpers for the XLSX reader. */

/** "AB12" → { col: 27, row: 12 } (1-based); null when not a cell reference. */
export function parseRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m?.[1] || !m[2]) return null;
  return { col: columnNumber(m[1]), row: Number(m[2]) };
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

/** A shared string from exceljs's cache: plain text or { richText: [{ text }] }. */
export function sharedStringText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return unescapeExcelText(value);
  if (typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
    return unescapeExcelText(
      (value.richText as { text?: unknown }[])
        .map((run) => (typeof run.text === 'string' ? run.text : ''))
        .join(''),
    );
  }
  return String(value as string | number);
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
