// Formula-injection neutralization for cells written to CSV and .xlsx files a spreadsheet may open (OWASP "CSV injection").

/**
 * A signed number or phone number: an optional run of spaces, "+" or "-", then only digits, spaces and the punctuation
 * phone numbers and amounts are written with (parentheses, dot, dash, slash), with at least one digit, and an optional
 * extension ("x12", "ext. 12", ", ext. 12", "#12"). A spreadsheet can at worst compute such a value as arithmetic; it cannot call a function,
 * reference a cell or another program, so it is left intact ("+1 212 555 0100", "-12.50", "+44 (0)20 7946 0958").
 */
const SIGNED_NUMBER = /^ *[+-][\d ().\-/]*\d[\d ().\-/]*(?: *,? *(?:x|#|ext\.?|extension) *\d+)?$/i;

/** A dash or a row of dashes, the usual "no value" placeholder: text to every spreadsheet. */
const DASHES = /^ *-+ *$/;

/** The characters that make a spreadsheet read a cell as a formula (or, tab and CR, shift it into another cell). */
const TRIGGER = /^ *[=+\-@]|^[\t\r]/;

/**
 * The cell as it is safe to write: a single quote before a value whose first non-space character is = + - or @, or
 * whose first character is a tab or a carriage return — unless the value is a signed number or phone number (see
 * SIGNED_NUMBER). Excel and LibreOffice show a leading quote as the mark of a text cell and never evaluate it; unlike
 * a leading tab, the quote survives being trimmed and is visible, so a reader can see the value was changed.
 */
export function neutralizeCell(value: string): string {
  if (value === '' || !TRIGGER.test(value)) return value;
  if (SIGNED_NUMBER.test(value) || DASHES.test(value)) return value;
  return `'${value}`;
}

/** neutralizeCell over a row (a new array only when a cell changes). */
export function neutralizeRow(row: readonly string[]): readonly string[] {
  let out: string[] | null = null;
  for (let i = 0; i < row.length; i++) {
    const c = row[i] ?? '';
    const n = neutralizeCell(c);
    if (n !== c) (out ??= [...row])[i] = n;
  }
  return out ?? row;
}
