import { parseDate } from '../dates';
import type { Cell, RawRow } from '../source';
import { cellText, cleanText, isMissing, parseNumber } from '../values';

/** What a column's sampled values look like. */
export interface ColumnProfile {
  name: string;
  index: number;
  filled: number;
  numeric: number;
  integers: number;
  min: number | null;
  max: number | null;
  distinctNumbers: number;
  dates: number;
  /** Distinct non-numeric texts (first 30). */
  labels: string[];
  distinctTexts: number;
  averageLength: number;
  emails: number;
  phones: number;
  ips: number;
  samples: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d\s().-]{7,20}$/;
/** International or bracketed numbers: "+44 20 7946 1000", "(030) 1234-5678". */
const PHONE_SHAPE = /^(?:\+\d|\(\d)[\d\s().-]{7,20}$/;
/** Codes in a column named as an identifier are never phone numbers ("Customer ID" 22-309-3946). */
const ID_HEADER = /\b(?:id|ids|code|no|nr|number|ref|reference|key)\b|id$/i;
const digitCount = (text: string): number => (text.match(/\d/g) ?? []).length;
const IP = /^(?:\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]{7,39}$/i;

export function profileColumns(columns: string[], rows: RawRow[]): ColumnProfile[] {
  return columns.map((name, index) =>
    profileColumn(
      name,
      index,
      rows.map((row) => row.cells[index] ?? null),
    ),
  );
}

function profileColumn(name: string, index: number, cells: Cell[]): ColumnProfile {
  const profile: ColumnProfile = {
    name,
    index,
    filled: 0,
    numeric: 0,
    integers: 0,
    min: null,
    max: null,
    distinctNumbers: 0,
    dates: 0,
    labels: [],
    distinctTexts: 0,
    averageLength: 0,
    emails: 0,
    phones: 0,
    ips: 0,
    samples: [],
  };
  const numbers = new Set<number>();
  const texts = new Set<string>();
  let length = 0;
  for (const cell of cells) {
    if (isMissing(cell)) continue;
    profile.filled += 1;
    const text = cleanText(cell);
    length += text.length;
    if (profile.samples.length < 3)
      profile.samples.push(cell instanceof Date ? cell.toISOString().slice(0, 10) : text);
    const phoneLike = typeof cell === 'string' && PHONE_SHAPE.test(text) && !ID_HEADER.test(name);
    const number = typeof cell === 'string' && (/^0\d/.test(text) || phoneLike) ? null : parseNumber(cell);
    if (number?.ok) {
      profile.numeric += 1;
      numbers.add(number.value);
      if (Number.isInteger(number.value)) profile.integers += 1;
      profile.min = profile.min === null ? number.value : Math.min(profile.min, number.value);
      profile.max = profile.max === null ? number.value : Math.max(profile.max, number.value);
    } else {
      texts.add(text);
      const isDate =
        cell instanceof Date || parseDate(cell, { order: 'DMY' }).ok || /^\d{4}[-/.]\d{1,2}$/.test(text);
      if (isDate) profile.dates += 1;
      else if (EMAIL.test(text)) profile.emails += 1;
      else if (IP.test(text) && text.includes('.')) profile.ips += 1;
      else if (
        phoneLike ||
        (PHONE.test(text) && !ID_HEADER.test(name) && digitCount(text) >= 8 && /[\s().+-]/.test(text))
      ) {
        profile.phones += 1;
      }
    }
  }
  profile.distinctNumbers = numbers.size;
  profile.distinctTexts = texts.size;
  profile.labels = [...texts].slice(0, 30).map((label) => cellText(label));
  profile.averageLength = profile.filled ? length / profile.filled : 0;
  return profile;
}

/** Share of filled cells that satisfy a count (0 when the column is empty). */
export function share(profile: ColumnProfile, count: number): number {
  return profile.filled ? count / profile.filled : 0;
}

/**
 * The scale a numeric answer column is on, when it looks like one: small integers with at least
 * three distinct values. Header hints ("0-10", "1 to 7") win over the values.
 */
export function inferScale(profile: ColumnProfile): [number, number] | null {
  if (
    profile.filled === 0 ||
    share(profile, profile.numeric) < 0.95 ||
    profile.integers < profile.numeric * 0.98
  )
    return null;
  if (
    profile.min === null ||
    profile.max === null ||
    profile.min < 0 ||
    profile.max > 10 ||
    profile.distinctNumbers < 3
  )
    return null;
  const hinted = /(\d{1,2})\s*(?:-|–|to|à|bis|~)\s*(\d{1,2})/.exec(profile.name);
  if (hinted) {
    const [low, high] = [Number(hinted[1]), Number(hinted[2])];
    if (high > low && high <= 10 && profile.min >= low && profile.max <= high) return [low, high];
  }
  if (profile.min === 0 || profile.max > 7) return [0, 10];
  if (profile.max > 5) return [1, 7];
  return [1, 5];
}
