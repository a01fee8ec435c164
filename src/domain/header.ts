// Pure header handling: which row is the header, and column names made unique and never empty (the original kept).
import type { ColumnInfo } from '../api/contract';

export interface SampleRecord {
  /** 1-based physical line (delimited) or sheet row (xlsx) where the record starts. */
  lineNo: number;
  cells: string[];
}

/** The line of the header: for now the first record with any non-empty cell. */
export function detectHeaderRow(records: readonly SampleRecord[]): number {
  const first = records.find((r) => r.cells.some((c) => c.trim() !== ''));
  return first?.lineNo ?? 1;
}

/** Names shown for the header cells: trimmed, empty ones named "Column N", repeats suffixed " (2)", " (3)"... */
export function uniqueColumnNames(header: readonly string[]): ColumnInfo[] {
  const seen = new Map<string, number>();
  return header.map((original, index) => {
    const base = original.trim() === '' ? `Column ${index + 1}` : original.trim();
    let name = base;
    for (let n = (seen.get(base.toLowerCase()) ?? 0) + 1; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.set(base.toLowerCase(), (seen.get(base.toLowerCase()) ?? 0) + 1);
    seen.set(name.toLowerCase(), 1);
    return name === original ? { index, name } : { index, name, original };
  });
}
