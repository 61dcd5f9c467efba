import { DEFAULT_LOCALE, decimal, type Locale } from './numbers';
import { formatChange, formatValue, MISSING, type Unit } from './units';
import { significanceMark } from './words';

export interface Interval {
  low: number;
  high: number;
}

export interface Target {
  value: number;
  direction: 'higher' | 'lower';
}

/** Every way a number is written, bound to one engagement's locale and currency. */
export interface Formatter {
  readonly where: Locale;
  /** A value in its unit; "—" when missing. */
  value(unit: Unit, value: number | null | undefined): string;
  /** The same value as written inside a sentence: trailing zero decimals dropped ("6 points"). */
  inText(unit: Unit, value: number): string;
  /** A signed change ("+1.5", "−0.2 pp"), with "*" when significant; "—" when missing. */
  change(unit: Unit, change: number | null | undefined, significant?: boolean | null): string;
  /** "29.5 to 35.8" ("to", not a dash: intervals of a gap often start below zero). */
  interval(unit: Unit, interval: Interval | null | undefined): string;
  /** "≥ 30.0" for a higher-is-better target, "≤ 3.0%" for a lower-is-better one. */
  target(unit: Unit, target: Target | null | undefined): string;
  /** A sample size or row count, grouped: "2,261". */
  count(n: number | null | undefined): string;
  /** "0.042", "<0.001". */
  pValue(p: number | null | undefined): string;
}

const missing = (x: unknown): x is null | undefined => x === null || x === undefined;

/** The formatter for an engagement (its `locale` and `currency` settings; en-US and USD by default). */
export function formatterFor(where: Partial<Locale> = {}): Formatter {
  const at: Locale = { ...DEFAULT_LOCALE, ...where };
  const value = (unit: Unit, v: number | null | undefined) =>
    missing(v) ? MISSING : formatValue(unit, v, at);
  return {
    where: at,
    value,
    inText: (unit, v) => formatValue(unit, v, at, true),
    change: (unit, c, significant) =>
      missing(c) ? MISSING : `${formatChange(unit, c, at)}${significanceMark(significant)}`,
    interval: (unit, iv) => (missing(iv) ? MISSING : `${value(unit, iv.low)} to ${value(unit, iv.high)}`),
    target: (unit, t) =>
      missing(t) ? MISSING : `${t.direction === 'higher' ? '≥' : '≤'} ${value(unit, t.value)}`,
    count: (n) => (missing(n) ? MISSING : decimal(n, at, { decimals: 0 })),
    pValue: (p) => {
      if (missing(p)) return MISSING;
      return p < 0.001 ? `<${decimal(0.001, at, { decimals: 3 })}` : decimal(p, at, { decimals: 3 });
    },
  };
}
