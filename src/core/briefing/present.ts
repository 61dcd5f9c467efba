/**
 * How the pack writes numbers and labels, in one place: a stand-in until the shared presentation
 * module (src/core/format) lands, so switching is a change of imports. No Node or DOM API: the
 * report view in the renderer uses it too.
 */

export interface Where {
  locale: string;
  currency: string;
}

/** Typographic minus: a board pack shows "−3.4", never a hyphen, as a sign. */
const MINUS = '\u2212';

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** Half away from zero, and a value that rounds to zero loses its sign ("0.0", never "−0.0"). */
function rounded(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const result = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
  return result === 0 ? 0 : result;
}

export function decimal(value: number, where: Where, decimals: number, signed = false): string {
  const r = rounded(value, decimals);
  const text = numberFormat(where.locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(r);
  return (signed && r > 0 ? '+' : '') + text.replace(/-/g, MINUS);
}

export function money(value: number, where: Where, signed = false): string {
  const r = rounded(value, 0);
  const text = numberFormat(where.locale, {
    style: 'currency',
    currency: where.currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  }).format(r);
  return (signed && r > 0 ? '+' : '') + text.replace(/-/g, MINUS);
}

export function count(value: number, where: Where): string {
  return decimal(value, where, 0);
}

export type Unit = 'points' | 'percent' | 'ratio' | 'currency' | 'months' | 'score';

/** Digits per unit: NPS points and percentages one decimal, mean scores two, money whole. */
const DECIMALS: Record<Unit, number> = {
  points: 1,
  percent: 1,
  ratio: 1,
  currency: 0,
  months: 1,
  score: 2,
};

/** A KPI value with its unit: "32.6", "78.8%", "4.16", "$777,060", "4.8 months", "19.8×". */
export function kpiValue(value: number, unit: Unit, where: Where): string {
  if (unit === 'currency') return money(value, where);
  const digits = decimal(value, where, DECIMALS[unit]);
  if (unit === 'percent') return `${digits}%`;
  if (unit === 'months') return `${digits} months`;
  if (unit === 'ratio') return `${digits}×`;
  return digits;
}

/** A change in the KPI's units: "+1.5", "−0.2 pts" (percentage points), "+$90". */
export function kpiChange(change: number, unit: Unit, where: Where): string {
  if (unit === 'currency') return money(change, where, true);
  const digits = decimal(change, where, DECIMALS[unit], true);
  return unit === 'percent' ? `${digits} pts` : digits;
}

/** A 95% interval: "29.5 – 35.8" (percentages carry their sign once: "77.1 – 80.5%"). */
export function kpiInterval(low: number, high: number, unit: Unit, where: Where): string {
  const digits = DECIMALS[unit];
  const text = `${decimal(low, where, digits)} – ${decimal(high, where, digits)}`;
  return unit === 'percent' ? `${text}%` : text;
}

/** A share of people, whole percent: "77%". */
export function share(percent: number, where: Where): string {
  return `${decimal(percent, where, 0)}%`;
}

/** A score on the 0–100 scale of the gap report: "88.2". */
export function score100(value: number, where: Where): string {
  return decimal(value, where, 1);
}

/** A gap in points on 0–100, signed: "+23.8", "−13.2". */
export function gapPoints(value: number, where: Where): string {
  return decimal(value, where, 1, true);
}

/** Importance 0–1 as two decimals: "0.85". */
export function importance(value: number, where: Where): string {
  return decimal(value, where, 2);
}

/** "2026-09-18" → "18 Sep 2026"; "2026-09" → "Sep 2026"; anything else as given. */
export function date(text: string | null, where: Where): string {
  if (!text) return '—';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text);
  if (!m) return text;
  const [, y, mo, d] = m;
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d ?? 1)));
  const options: Intl.DateTimeFormatOptions = d
    ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
    : { month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(where.locale, options).format(at);
}

export const RAG_LABELS = { green: 'On target', amber: 'Watch', red: 'Off target' } as const;
