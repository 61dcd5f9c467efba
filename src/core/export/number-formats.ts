/**
 * Excel number formats (used by the workbook's cells and the deck's chart axes and labels), derived
 * from how the presentation module writes a value of each unit: the decimals, the currency symbol
 * and the suffix ("%", " months", ":1") come from `formatterFor(...).value`, so a cell shows what the
 * PDF prints and the rounding rules stay in one place. Percentages stay 0–100 numbers with a literal
 * "%" (Excel's own % format would multiply by 100).
 */
import { formatterFor, MINUS, type Locale, type Unit } from '../format';

const SAMPLE = 1000.123456;
const DIGITS = /1\D?000(?:\D(\d+))?/;

function literal(text: string): string {
  return text ? `"${text.replace(/"/g, '""')}"` : '';
}

/** The Excel number format of a unit in an engagement's locale and currency. */
export function excelFormat(unit: Unit, where: Locale): string {
  const written = formatterFor(where).value(unit, SAMPLE);
  const match = DIGITS.exec(written);
  if (!match) return 'General';
  const decimals = match[1]?.length ?? 0;
  const prefix = written.slice(0, match.index);
  const suffix = written.slice(match.index + match[0].length);
  const digits = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  const positive = `${literal(prefix)}${digits}${literal(suffix)}`;
  // The typographic minus the PDF prints, never Excel's hyphen.
  return `${positive};${literal(MINUS)}${positive}`;
}

/** A cache per pack: the workbook asks for the same few formats thousands of times. */
export function excelFormats(where: Locale): (unit: Unit) => string {
  const cache = new Map<Unit, string>();
  return (unit) => {
    let format = cache.get(unit);
    if (format === undefined) {
      format = excelFormat(unit, where);
      cache.set(unit, format);
    }
    return format;
  };
}
