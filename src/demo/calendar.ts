/** The demo's fixed calendar: 36 months from 2023-10 to 2026-09, as of 2026-09-30. */
export const AS_OF = '2026-09-30';
export const FIRST_MONTH = '2023-10';
export const MONTH_COUNT = 36;

const FIRST_YEAR = 2023;
const FIRST_MONTH_INDEX = 9; // October, zero-based

/** Month label (YYYY-MM) of a month index; index 0 is 2023-10, negative indices are earlier. */
export function monthLabel(index: number): string {
  const absolute = FIRST_YEAR * 12 + FIRST_MONTH_INDEX + index;
  const year = Math.floor(absolute / 12);
  const month = absolute - year * 12 + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function monthYear(index: number): number {
  return Number(monthLabel(index).slice(0, 4));
}

export function monthNumber(index: number): number {
  return Number(monthLabel(index).slice(5, 7));
}

export function daysInMonth(index: number): number {
  return new Date(Date.UTC(monthYear(index), monthNumber(index), 0)).getUTCDate();
}

export function dateLabel(index: number, day: number): string {
  return `${monthLabel(index)}-${String(day).padStart(2, '0')}`;
}

/** Month index of a YYYY-MM or YYYY-MM-DD label. */
export function monthIndexOf(label: string): number {
  const year = Number(label.slice(0, 4));
  const month = Number(label.slice(5, 7));
  return year * 12 + month - 1 - (FIRST_YEAR * 12 + FIRST_MONTH_INDEX);
}

/** First day of a month index as a UTC date (for Excel date cells). */
export function monthStartUtc(index: number): Date {
  return new Date(Date.UTC(monthYear(index), monthNumber(index) - 1, 1));
}

/** Quarter of the window (0 = 2023-Q4 … 11 = 2026-Q3) of a month index. */
export function quarterOfMonth(index: number): number {
  return Math.floor(index / 3);
}

export const QUARTER_COUNT = MONTH_COUNT / 3;

export function quarterLabel(quarter: number): string {
  const first = quarter * 3;
  return `${monthYear(first)}-Q${Math.ceil(monthNumber(first) / 3)}`;
}

export function quarterMonths(quarter: number): [number, number, number] {
  return [quarter * 3, quarter * 3 + 1, quarter * 3 + 2];
}
