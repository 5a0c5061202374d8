/**
 * Characters that make a spreadsheet treat a cell as a formula (or, for tab and line breaks, shift it
 * into one): OWASP "CSV Injection". Full-width forms are included because some spreadsheet programs
 * fold them to their ASCII meaning on import.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell that is a number as a whole ("-12", "+84", "1.5e3") is safe as it is and stays readable as a number. */
const WHOLE_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One RFC 4180 field, always quoted. Text that a spreadsheet would execute is prefixed with `'`
 * (https://owasp.org/www-community/attacks/CSV_Injection), so `-1+1+cmd|' /C calc'!A0` is shown, not run.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (FORMULA_START.test(text) && !WHOLE_NUMBER.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole CSV document: a UTF-8 BOM (so spreadsheet programs read Vietnamese), a header line, CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, string | number | null | undefined>[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
