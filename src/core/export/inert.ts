/**
 * Spreadsheet formula injection (OWASP "CSV injection"): text that starts with = + - @ TAB or CR
 * can become a live formula once a user edits the cell, copies it or saves the sheet as CSV. Such
 * text is written with a leading apostrophe, the usual guard, so it stays words wherever it goes.
 * Numbers are never touched: they are typed numeric cells.
 */
const TRIGGERS = /^[=+\-@\t\r]/;

/** Text that no spreadsheet reads as a formula. */
export function inertText(text: string): string {
  return TRIGGERS.test(text) ? `'${text}` : text;
}
