/**
 * The period engine (DESIGN §6). Labels: `2026-07` (month), `2026-Q3` (quarter), `2026` (year),
 * `FY2026-Q3` / `FY2026` (fiscal, named by the calendar year in which the fiscal year ends, starting
 * in the `fiscalStartMonth` setting), `TTM-2026-09` (the twelve months ending 2026-09) and `all`.
 * Every bounded period is a run of whole months: `start` is its first day, `endExclusive` the first
 * day after it, `months` its months in order. Nothing here reads the system clock.
 */

export type PeriodKind = 'month' | 'quarter' | 'year' | 'fiscal-quarter' | 'fiscal-year' | 'trailing' | 'all';
/** The kinds a default period can be chosen at. */
export type Granularity = 'month' | 'quarter' | 'year' | 'fiscal-quarter' | 'fiscal-year';

export interface Period {
  label: string;
  kind: PeriodKind;
  /** First day, `YYYY-MM-DD`; null only for `all` without a data range. */
  start: string | null;
  /** First day after the period, `YYYY-MM-DD`; null only for `all` without a data range. */
  endExclusive: string | null;
  /** `YYYY-MM` months covered, oldest first; empty only for `all` without a data range. */
  months: string[];
  /** Fiscal year start month (1–12) the label was read with; 1 means fiscal = calendar. */
  fiscalStartMonth: number;
}

export interface PeriodSettings {
  /** Month (1–12) in which the fiscal year starts; default 1 (January). */
  fiscalStartMonth?: number;
  /** For `all`: the first and last dates (or months) present in the data, to bound it. */
  dataRange?: { first: string; last: string } | null;
}

/** A period label or date the user gave that cannot be read; the message is a sentence. */
export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// ---- month arithmetic: a month is an index year·12 + (month − 1) ----

function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function yearOf(index: number): number {
  return Math.floor(index / 12);
}

function monthOf(index: number): number {
  return index - yearOf(index) * 12 + 1;
}

function pad2(x: number): string {
  return String(x).padStart(2, '0');
}

function monthLabel(index: number): string {
  return `${yearOf(index)}-${pad2(monthOf(index))}`;
}

function firstDay(index: number): string {
  return `${monthLabel(index)}-01`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkFiscalStart(m: number | undefined): number {
  const v = m ?? 1;
  if (!Number.isInteger(v) || v < 1 || v > 12) {
    throw new PeriodError(
      `The fiscal year start month must be a whole number from 1 to 12, not ${String(m)}.`,
    );
  }
  return v;
}

function checkYear(year: number, text: string): void {
  if (year < 1000 || year > 9998) throw new PeriodError(`"${text}" has a year outside 1000–9998.`);
}

/** Parses `YYYY-MM-DD` (a real calendar date) or `YYYY-MM` into a month index and day. */
function parseDateish(text: string): { index: number; day: number | null } {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim());
  if (!m) throw new PeriodError(`"${text}" is not a date in the form YYYY-MM-DD or a month YYYY-MM.`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new PeriodError(`"${text}" has no month ${month}.`);
  checkYear(year, text);
  if (m[3] === undefined) return { index: monthIndex(year, month), day: null };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) throw new PeriodError(`"${text}" is not a calendar date.`);
  return { index: monthIndex(year, month), day };
}

/** First month index of fiscal year `fy` (named by the year it ends). */
function fiscalYearStart(fy: number, fiscalStartMonth: number): number {
  return monthIndex(fiscalStartMonth === 1 ? fy : fy - 1, fiscalStartMonth);
}

/** The fiscal year (named by its end year) containing month `index`. */
function fiscalYearOf(index: number, fiscalStartMonth: number): number {
  const offset = index - (fiscalStartMonth - 1);
  return Math.floor(offset / 12) + (fiscalStartMonth === 1 ? 0 : 1);
}

// ---- construction ----

function make(kind: PeriodKind, startIndex: number, length: number, fiscalStartMonth: number): Period {
  const months: string[] = [];
  for (let i = 0; i < length; i++) months.push(monthLabel(startIndex + i));
  return {
    label: labelFor(kind, startIndex, length, fiscalStartMonth),
    kind,
    start: firstDay(startIndex),
    endExclusive: firstDay(startIndex + length),
    months,
    fiscalStartMonth,
  };
}

function labelFor(kind: PeriodKind, startIndex: number, length: number, fiscalStartMonth: number): string {
  switch (kind) {
    case 'month':
      return monthLabel(startIndex);
    case 'quarter':
      return `${yearOf(startIndex)}-Q${Math.floor((monthOf(startIndex) - 1) / 3) + 1}`;
    case 'year':
      return String(yearOf(startIndex));
    case 'fiscal-year':
      return `FY${fiscalYearOf(startIndex, fiscalStartMonth)}`;
    case 'fiscal-quarter': {
      const fy = fiscalYearOf(startIndex, fiscalStartMonth);
      const q = Math.floor((startIndex - fiscalYearStart(fy, fiscalStartMonth)) / 3) + 1;
      return `FY${fy}-Q${q}`;
    }
    case 'trailing':
      return `${length === 12 ? 'TTM' : `T${length}M`}-${monthLabel(startIndex + length - 1)}`;
    case 'all':
      return 'all';
  }
}

function startIndexOf(p: Period): number | null {
  const first = p.months[0];
  return first === undefined ? null : parseDateish(first).index;
}

/** `all`, bounded by the data's first and last dates when given. */
export function allPeriod(settings: PeriodSettings = {}): Period {
  const fiscalStartMonth = checkFiscalStart(settings.fiscalStartMonth);
  const range = settings.dataRange;
  if (!range)
    return { label: 'all', kind: 'all', start: null, endExclusive: null, months: [], fiscalStartMonth };
  const first = parseDateish(range.first).index;
  const last = parseDateish(range.last).index;
  if (last < first)
    throw new PeriodError(`The data range ends (${range.last}) before it starts (${range.first}).`);
  return { ...make('month', first, last - first + 1, fiscalStartMonth), kind: 'all', label: 'all' };
}

/**
 * Reads a period label (case-insensitive, surrounding spaces ignored). Throws PeriodError with a
 * sentence for anything else.
 */
export function parsePeriod(text: string, settings: PeriodSettings = {}): Period {
  const fiscalStartMonth = checkFiscalStart(settings.fiscalStartMonth);
  const t = text.trim().toUpperCase();
  if (t === 'ALL') return allPeriod(settings);
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    checkYear(year, text);
    if (month < 1 || month > 12) throw new PeriodError(`"${text}" has no month ${month}; months are 01–12.`);
    return make('month', monthIndex(year, month), 1, fiscalStartMonth);
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(t))) {
    const year = Number(m[1]);
    checkYear(year, text);
    return make('quarter', monthIndex(year, 3 * (Number(m[2]) - 1) + 1), 3, fiscalStartMonth);
  }
  if ((m = /^(\d{4})$/.exec(t))) {
    const year = Number(m[1]);
    checkYear(year, text);
    return make('year', monthIndex(year, 1), 12, fiscalStartMonth);
  }
  if ((m = /^FY(\d{4})-Q([1-4])$/.exec(t))) {
    const fy = Number(m[1]);
    checkYear(fy, text);
    return make(
      'fiscal-quarter',
      fiscalYearStart(fy, fiscalStartMonth) + 3 * (Number(m[2]) - 1),
      3,
      fiscalStartMonth,
    );
  }
  if ((m = /^FY(\d{4})$/.exec(t))) {
    const fy = Number(m[1]);
    checkYear(fy, text);
    return make('fiscal-year', fiscalYearStart(fy, fiscalStartMonth), 12, fiscalStartMonth);
  }
  if ((m = /^TTM-(\d{4})-(\d{2})$/.exec(t))) {
    const end = parseDateish(`${m[1]}-${m[2]}`).index;
    return make('trailing', end - 11, 12, fiscalStartMonth);
  }
  throw new PeriodError(
    `"${text}" is not a period; use a month (2026-07), quarter (2026-Q3), year (2026), ` +
      'fiscal quarter (FY2026-Q3), fiscal year (FY2026), TTM-2026-09 or all.',
  );
}

/** The period's label, which parsePeriod reads back to the same period (given the same fiscal start). */
export function formatPeriod(period: Period): string {
  return period.label;
}

/** Months in words: "Jul 2026", "Jul–Sep 2026", "Apr 2025–Mar 2026"; "all data" for `all`. */
export function describePeriod(period: Period): string {
  const first = period.months[0];
  const last = period.months[period.months.length - 1];
  if (first === undefined || last === undefined) return 'all data';
  const a = parseDateish(first).index;
  const b = parseDateish(last).index;
  const name = (i: number): string => MONTH_NAMES[monthOf(i) - 1] ?? '';
  let text: string;
  if (a === b) text = `${name(a)} ${yearOf(a)}`;
  else if (yearOf(a) === yearOf(b)) text = `${name(a)}–${name(b)} ${yearOf(a)}`;
  else text = `${name(a)} ${yearOf(a)}–${name(b)} ${yearOf(b)}`;
  return period.kind === 'all' ? `all data (${text})` : text;
}

/** The period of the same kind just before; null for `all`. */
export function priorPeriod(period: Period): Period | null {
  if (period.kind === 'all') return null;
  const s = startIndexOf(period);
  if (s === null) return null;
  const len = period.months.length;
  return make(period.kind, s - len, len, period.fiscalStartMonth);
}

/** The same period one year earlier; null for `all`. */
export function samePeriodLastYear(period: Period): Period | null {
  if (period.kind === 'all') return null;
  const s = startIndexOf(period);
  if (s === null) return null;
  return make(period.kind, s - 12, period.months.length, period.fiscalStartMonth);
}

/** The `count` periods of the same kind ending at (and including) P, oldest first; [] for `all`. */
export function periodSeries(period: Period, count = 12): Period[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}.`);
  if (period.kind === 'all') return [];
  const s = startIndexOf(period);
  if (s === null) return [];
  const len = period.months.length;
  const out: Period[] = [];
  for (let k = count - 1; k >= 0; k--) out.push(make(period.kind, s - k * len, len, period.fiscalStartMonth));
  return out;
}

/** The month before P starts (`YYYY-MM`), whose MRR is the starting MRR for NRR/GRR; null for unbounded `all`. */
export function monthBefore(period: Period): string | null {
  const s = startIndexOf(period);
  return s === null ? null : monthLabel(s - 1);
}

/** The last month of P (`YYYY-MM`); null for unbounded `all`. */
export function lastMonth(period: Period): string | null {
  return period.months[period.months.length - 1] ?? null;
}

/** The `months` months ending with P's last month (for trailing-twelve-month NRR); null for unbounded `all`. */
export function trailingPeriod(period: Period, months = 12): Period | null {
  const last = lastMonth(period);
  if (last === null) return null;
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`months must be a positive integer, got ${months}.`);
  const end = parseDateish(last).index;
  return make('trailing', end - months + 1, months, period.fiscalStartMonth);
}

/** Shifts a `YYYY-MM` month by k months. */
export function addMonths(month: string, k: number): string {
  return monthLabel(parseDateish(month).index + k);
}

/** The period of the given granularity that contains a date (`YYYY-MM-DD`) or month (`YYYY-MM`). */
export function periodContaining(
  date: string,
  granularity: Granularity,
  settings: PeriodSettings = {},
): Period {
  const fiscalStartMonth = checkFiscalStart(settings.fiscalStartMonth);
  const i = parseDateish(date).index;
  switch (granularity) {
    case 'month':
      return make('month', i, 1, fiscalStartMonth);
    case 'quarter':
      return make('quarter', i - ((monthOf(i) - 1) % 3), 3, fiscalStartMonth);
    case 'year':
      return make('year', monthIndex(yearOf(i), 1), 12, fiscalStartMonth);
    case 'fiscal-year':
      return make(
        'fiscal-year',
        fiscalYearStart(fiscalYearOf(i, fiscalStartMonth), fiscalStartMonth),
        12,
        fiscalStartMonth,
      );
    case 'fiscal-quarter': {
      const fyStart = fiscalYearStart(fiscalYearOf(i, fiscalStartMonth), fiscalStartMonth);
      return make('fiscal-quarter', fyStart + 3 * Math.floor((i - fyStart) / 3), 3, fiscalStartMonth);
    }
  }
}

/**
 * How much of P the data covers, given the data's last date (`YYYY-MM-DD`) or last month (`YYYY-MM`,
 * taken as a whole month, as revenue data is monthly): 'complete' when the data reaches P's last day,
 * 'partial' when it ends inside P, 'no-data' when it ends before P starts.
 */
export function periodCoverage(period: Period, maxDate: string): 'complete' | 'partial' | 'no-data' {
  const first = period.months[0];
  const last = lastMonth(period);
  if (first === undefined || last === null) return 'complete';
  const { index, day } = parseDateish(maxDate);
  const s = parseDateish(first).index;
  const e = parseDateish(last).index;
  if (index < s) return 'no-data';
  if (index > e) return 'complete';
  if (index < e) return 'partial';
  return day === null || day === daysInMonth(yearOf(index), monthOf(index)) ? 'complete' : 'partial';
}

export function isPartial(period: Period, maxDate: string | null | undefined): boolean {
  return maxDate !== null && maxDate !== undefined && periodCoverage(period, maxDate) === 'partial';
}

/** The label with its coverage: "2026-Q3 (partial: data to 2026-08-15)". */
export function labelWithCoverage(period: Period, maxDate: string | null | undefined): string {
  if (maxDate === null || maxDate === undefined) return period.label;
  const c = periodCoverage(period, maxDate);
  if (c === 'partial') return `${period.label} (partial: data to ${maxDate})`;
  if (c === 'no-data') return `${period.label} (no data: data ends ${maxDate})`;
  return period.label;
}

export interface DefaultPeriod {
  /** The last complete period of the granularity in the data (`all` when the data has no dates). */
  period: Period;
  /** The period containing the data's last date; equals `period` when that one is complete. */
  latest: Period;
  /** True when `latest` is incomplete (so `period` is the one before it). */
  partial: boolean;
}

/**
 * The default period: the last complete period of `granularity` given the data's last date — never
 * the system clock. If the period containing that date is incomplete, the one before it is chosen
 * and `partial` says so. With no dated data the default is `all`.
 */
export function defaultPeriod(
  maxDate: string | null | undefined,
  settings: PeriodSettings & { granularity?: Granularity } = {},
): DefaultPeriod {
  if (maxDate === null || maxDate === undefined) {
    const all = allPeriod(settings);
    return { period: all, latest: all, partial: false };
  }
  const latest = periodContaining(maxDate, settings.granularity ?? 'quarter', settings);
  if (periodCoverage(latest, maxDate) === 'complete') return { period: latest, latest, partial: false };
  const prior = priorPeriod(latest);
  if (prior === null) return { period: latest, latest, partial: true };
  return { period: prior, latest, partial: true };
}
