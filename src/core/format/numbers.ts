/**
 * Locale-aware digits. Every number the product writes goes through `decimal`, so the grouping, the
 * decimal mark and the minus sign are the same on screen, in the CLI and in every export.
 */

/** Where and in which money a number is written: from the engagement's settings. */
export interface Locale {
  /** BCP 47 tag, e.g. en-US, de-DE. */
  locale: string;
  /** ISO 4217 code, e.g. USD, EUR. */
  currency: string;
}

export const DEFAULT_LOCALE: Locale = { locale: 'en-US', currency: 'USD' };

/** Typographic minus: Intl writes a hyphen, which a board pack should not show as a sign. */
export const MINUS = '\u2212';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/**
 * Rounds half away from zero at `decimals` and drops the sign of a value that rounds to zero, so a
 * change of −0.04 reads "0.0", never "−0.0".
 */
function rounded(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const result = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
  return result === 0 ? 0 : result;
}

/** A formatted number holds no other hyphen than its sign. */
function withMinus(text: string): string {
  return text.replace(/-/g, MINUS);
}

export interface DecimalOptions {
  /** Digits after the decimal mark (fixed: tables align and 32.0 stays 32.0). */
  decimals: number;
  /** '+' on positive values, for changes. */
  signed?: boolean;
  /** Drop trailing zero decimals ("6 points", not "6.0 points"): for numbers inside sentences. */
  trim?: boolean;
}

/** A plain number with grouping, `decimals` digits and a typographic minus. */
export function decimal(value: number, where: Locale, options: DecimalOptions): string {
  const text = numberFormat(where.locale, {
    minimumFractionDigits: options.trim ? 0 : options.decimals,
    maximumFractionDigits: options.decimals,
    useGrouping: true,
  }).format(rounded(value, options.decimals));
  const sign = options.signed && rounded(value, options.decimals) > 0 ? '+' : '';
  return sign + withMinus(text);
}

/** An amount of money in the engagement's currency and locale, e.g. "$4,033", "4.033 €". */
export function money(value: number, where: Locale, decimals: number, signed = false): string {
  const text = numberFormat(where.locale, {
    style: 'currency',
    currency: where.currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(rounded(value, decimals));
  const sign = signed && rounded(value, decimals) > 0 ? '+' : '';
  return sign + withMinus(text);
}
