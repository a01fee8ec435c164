// Column geometry: first widths guessed from the header and a sample of rows, left edges, and which columns are in view.

export const MIN_COLUMN_WIDTH = 48;
export const MAX_AUTO_WIDTH = 320;
export const MAX_COLUMN_WIDTH = 2000;

// An average 13px glyph of the UI font is ~7px, but short values are often capitals and wide letters: err wide.
const CHAR_PX = 8;
const PADDING_PX = 20;

/** Widths that show most values whole without letting one long value take the screen. */
export function estimateColumnWidths(headers: readonly string[], sample: readonly (readonly string[])[]): number[] {
  return headers.map((h, i) => {
    const lengths = sample.map((r) => (r[i] ?? '').length).sort((a, b) => a - b);
    // The 90th percentile: one freak value should not decide the width.
    const typical = lengths.length > 0 ? (lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))] ?? 0) : 0;
    const chars = Math.max(h.length + 2, typical);
    return Math.round(Math.min(MAX_AUTO_WIDTH, Math.max(MIN_COLUMN_WIDTH + 16, chars * CHAR_PX + PADDING_PX)));
  });
}

/** lefts[i] is column i's left edge; lefts[n] is the total width. */
export function columnLefts(widths: readonly number[]): number[] {
  const lefts = new Array<number>(widths.length + 1);
  lefts[0] = 0;
  for (let i = 0; i < widths.length; i++) lefts[i + 1] = (lefts[i] as number) + (widths[i] as number);
  return lefts;
}

/** Columns (0-based, inclusive) intersecting [scrollLeft, scrollLeft + width), widened by `overscan` each side. */
export function visibleColumns(lefts: readonly number[], scrollLeft: number, width: number, overscan = 1): { first: number; last: number } {
  const n = lefts.length - 1;
  if (n <= 0) return { first: 0, last: -1 };
  // The first column whose right edge is past scrollLeft.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lefts[mid + 1] as number) <= scrollLeft) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  let last = first;
  while (last < n - 1 && (lefts[last + 1] as number) < scrollLeft + width) last++;
  return { first: Math.max(0, first - overscan), last: Math.min(n - 1, last + overscan) };
}

export function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, w)));
}

/** The row-number gutter fits the largest row number. */
export function gutterWidth(totalRows: number): number {
  const chars = Math.max(1, totalRows).toLocaleString('en-US').length;
  return Math.max(44, Math.ceil(chars * 7.5 + 18));
}
