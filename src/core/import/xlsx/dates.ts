/** Excel serial dates → JavaScript Dates (UTC), for both the 1900 and the 1904 date systems. */

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in the 1900 system; the 1904 system counts from 1904-01-01. */
const UNIX_EPOCH_1900 = 25_569;
const UNIX_EPOCH_1904 = 24_107;

export function serialToDate(serial: number, date1904: boolean): Date {
  let days = serial - (date1904 ? UNIX_EPOCH_1904 : UNIX_EPOCH_1900);
  // The 1900 system counts a 29 February 1900 that never was: serials 1–59 are a day early.
  if (!date1904 && serial >= 1 && serial < 60) days += 1;
  return new Date(Math.round(days * MS_PER_DAY));
}

const formatCache = new Map<string, boolean>();

/** True for number formats that show a date or time (d, m, y, h, s outside quotes/brackets). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  let cached = formatCache.get(format);
  if (cached === undefined) {
    const stripped = format
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/[_*]./g, '')
      .replace(/\[(?:h+|m+|s+)\]/gi, 'h') // elapsed time [h]:mm stays a time
      .replace(/\[[^\]]*\]/g, '');
    cached = /general/i.test(stripped) ? false : /[dmyhsb]/i.test(stripped);
    formatCache.set(format, cached);
  }
  return cached;
}

/** Parses a `t="d"` ISO 8601 cell; values without a zone are taken as UTC. */
export function parseIsoDate(text: string): Date | null {
  const s = text.trim();
  const withZone = /(?:Z|[+-]\d\d:?\d\d)$/.test(s) || !s.includes('T') ? s : s + 'Z';
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(withZone) ? withZone + 'T00:00:00Z' : withZone);
  return Number.isNaN(d.getTime()) ? null : d;
}
