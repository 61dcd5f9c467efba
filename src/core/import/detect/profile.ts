import { isCompactDate, parseDate } from '../dates';
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
  /** Payment card numbers (13–19 digits passing the Luhn check) and IBANs (mod-97 check). */
  cards: number;
  ibans: number;
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
    cards: 0,
    ibans: 0,
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
    if (isCardNumber(text)) profile.cards += 1;
    else if (isIban(text)) profile.ibans += 1;
    if (profile.samples.length < 3)
      profile.samples.push(cell instanceof Date ? cell.toISOString().slice(0, 10) : text);
    if (isCompactDate(text)) {
      // 20240315: a date written as eight digits, not a number to sum or a score.
      texts.add(text);
      profile.dates += 1;
      continue;
    }
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
        cell instanceof Date ||
        parseDate(cell, { order: 'DMY' }).ok ||
        parseDate(cell, { order: 'MDY' }).ok ||
        /^\d{4}[-/.]\d{1,2}$/.test(text);
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

/** 13–19 digits (spaces or dashes between groups allowed) whose Luhn check digit is right. */
export function isCardNumber(text: string): boolean {
  if (text.length < 13 || text.length > 23 || !/^\d[\d -]+\d$/.test(text)) return false;
  const digits = text.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Country code, two check digits and 11–30 letters or digits, with the ISO 13616 mod-97 check. */
export function isIban(text: string): boolean {
  const compact = text.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
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
  // Every point from 1 to 4 used by 50 or more answers and never a 5: a four-point scale (HR and
  // forced-choice surveys), whose top two boxes are 3–4, not a five-point one nobody topped.
  if (profile.min === 1 && profile.max === 4 && profile.distinctNumbers === 4 && profile.numeric >= 50)
    return [1, 4];
  return [1, 5];
}
