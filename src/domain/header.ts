// Pure header handling: which row is the header, and column names made unique and never empty (the original kept).
import type { ColumnInfo } from '../api/contract';

export interface SampleRecord {
  /** 1-based physical line (delimited) or sheet row (xlsx) where the record starts. */
  lineNo: number;
  cells: string[];
}

/** How far down a header is looked for: title blocks above a header are a few rows, never pages. */
const MAX_HEADER_SEARCH = 20;
/** How many rows below a candidate are looked at to judge it. */
const FOLLOWING = 25;

const NUMERIC = /^[-+]?[$€£¥(]?\s*[-+]?\d[\d,.\s/:'-]*(%|\))?$/;

/** Cells up to the last non-empty one (a CSV saved by Excel pads title rows with delimiters). */
const usedWidth = (cells: readonly string[]) => {
  let w = cells.length;
  while (w > 0 && cells[w - 1]!.trim() === '') w--;
  return w;
};

function mode(xs: readonly number[]): number {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  let best = 0;
  let bestN = -1;
  for (const [x, n] of m) if (n > bestN || (n === bestN && x > best)) [best, bestN] = [x, n];
  return best;
}

/** Why a record is or is not a header, for the tests and for a user-facing explanation. */
export function headerVerdict(records: readonly SampleRecord[], i: number): { header: boolean; reason: string } {
  const r = records[i]!;
  const following = records.slice(i + 1, i + 1 + FOLLOWING);
  const texts = r.cells.map((c) => c.trim()).filter((c) => c !== '');
  const width = usedWidth(r.cells);
  if (texts.length === 0) return { header: false, reason: 'all its cells are empty' };
  if (following.length === 0) return i === 0 ? { header: true, reason: 'it is the only row' } : { header: false, reason: 'no rows follow it' };
  const widths = following.map((f) => usedWidth(f.cells));
  const modal = mode(widths);
  if (width < modal) return { header: false, reason: `it has ${width} cell${width === 1 ? '' : 's'}; the rows below have ${modal}` };
  if (texts.length < Math.max(1, Math.ceil(width * 0.5))) return { header: false, reason: `only ${texts.length} of its ${width} cells are filled` };
  const numeric = texts.filter((t) => NUMERIC.test(t)).length;
  if (numeric > texts.length / 2 || (texts.length === 1 && numeric === 1)) return { header: false, reason: 'its cells are numbers or dates' };
  const long = texts.filter((t) => t.length > 60).length;
  if (long > texts.length / 2) return { header: false, reason: 'its cells are long texts, not column names' };
  // A row below fits the header when it has as many cells (a CSV row's count is structural), or, where trailing empty
  // cells were dropped (an optional last column such as Notes, or a workbook row), it is no wider and not much narrower.
  const fits = following.filter((f, k) => f.cells.length === r.cells.length || (widths[k]! <= width && widths[k]! >= Math.ceil(width * 0.6))).length;
  if (fits < following.length / 2) return { header: false, reason: `most rows below it do not have its ${width} cells` };
  return { header: true, reason: `${texts.length} short names over ${width} columns, and the rows below have the same width` };
}

/**
 * The line of the header: the first record that looks like one — mostly filled, short non-numeric texts, at least as
 * wide as the rows below it, which mostly share its width. Title, note and date rows above it are the preamble. When
 * no record in the first rows qualifies (a file without a header, say), the first non-blank record is the header.
 */
export function detectHeaderRow(records: readonly SampleRecord[]): number {
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonBlank.length === 0) return records[0]?.lineNo ?? 1;
  for (let i = 0; i < Math.min(nonBlank.length, MAX_HEADER_SEARCH); i++) {
    if (headerVerdict(nonBlank, i).header) return nonBlank[i]!.lineNo;
  }
  return nonBlank[0]!.lineNo;
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
