// CSV cells that are safe to open in a spreadsheet (OWASP, "CSV Injection"): a text cell that begins with
// = + - @, a tab or a carriage return would be read as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)), so it is
// written with a ' in front, which spreadsheets show as text and do not display. A cell already beginning
// with ' and then one of those gets one more, so that reading jobtrend's own CSV back can take exactly one
// off and restore the text as it was.

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A text cell as written to CSV: prefixed with ' when a spreadsheet would take it for a formula. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text of a cell that spreadsheetSafe wrote (jobtrend's own CSV read back). */
export function fromSpreadsheetSafe(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
