/** Cells of the CSV files Tandem writes (the directory export, the outreach report) and reads back. */

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with = + - @
 * tab or carriage return. Leading single quotes are included so that a value which itself
 * starts with a quote and a trigger also gets one more quote, and `restoreFormula` can always
 * remove exactly one: the pair round-trips every string.
 */
const FORMULA_TRIGGER = /^'*[=+\-@\t\r]/;
const NEUTRALIZED_FORMULA = /^'+[=+\-@\t\r]/;

/** Export: prefixes a cell a spreadsheet would evaluate with `'`, which makes it plain text. */
export function neutralizeFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/** Import: removes the one quote `neutralizeFormula` added, so export → import round-trips. */
export function restoreFormula(cell: string): string {
  return NEUTRALIZED_FORMULA.test(cell) ? cell.slice(1) : cell;
}
