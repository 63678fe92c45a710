/**
 * Excel runs a cell that starts with one of these as a formula; names, addresses and reasons are typed by
 * users, so such text is prefixed with an apostrophe (OWASP "CSV injection"). Numbers are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a CSV cell that Excel shows and never evaluates. */
export function inertCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
