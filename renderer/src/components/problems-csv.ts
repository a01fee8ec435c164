// Formats a list's problem rows as CSV text for "Export problems…" (formatting only: the rows come from lists.problems).
import type { ImportProblemRow } from '../../../src/api/contract';

function field(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Line, Row, Reason, then the row's cells under the list's column names; CRLF and a BOM so Excel reads it as UTF-8. */
export function problemsCsv(columnNames: readonly string[], problems: readonly ImportProblemRow[]): string {
  const width = Math.max(columnNames.length, ...problems.map((p) => p.cells.length));
  const header = ['Line', 'Row', 'Reason', ...Array.from({ length: width }, (_, i) => columnNames[i] ?? `Column ${i + 1}`)];
  const lines = [header, ...problems.map((p) => [String(p.lineNo), p.rowNo === null ? '' : String(p.rowNo), p.reason, ...p.cells])];
  return `\uFEFF${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}
