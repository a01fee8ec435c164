// Scaled scrolling: maps the scroll bar (capped height) to a virtual pixel offset over all rows, so row 1,000,000 stays reachable.

/** Browsers cap element height (~33.5M px in Chromium, less elsewhere); stay well below it. */
export const MAX_SCROLL_PX = 10_000_000;

export interface ScrollGeometry {
  totalRows: number;
  rowHeight: number;
  /** Height of the rows area (the visible part, below the header). */
  viewportHeight: number;
  /** totalRows × rowHeight: the height the rows would have if nothing were capped. */
  contentHeight: number;
  /** Height given to the scrollable spacer: contentHeight, capped. */
  scrollHeight: number;
  /** Virtual pixels per scrollTop pixel; 1 unless the content is taller than the cap. */
  scale: number;
}

export function scrollGeometry(totalRows: number, rowHeight: number, viewportHeight: number, maxScrollPx = MAX_SCROLL_PX): ScrollGeometry {
  const rows = Math.max(0, Math.floor(totalRows));
  const vh = Math.max(0, viewportHeight);
  const contentHeight = rows * rowHeight;
  const scrollHeight = Math.min(contentHeight, Math.max(maxScrollPx, vh));
  const realRange = Math.max(0, scrollHeight - vh);
  const virtualRange = Math.max(0, contentHeight - vh);
  const scale = realRange > 0 && virtualRange > realRange ? virtualRange / realRange : 1;
  return { totalRows: rows, rowHeight, viewportHeight: vh, contentHeight, scrollHeight, scale };
}

export function maxOffset(g: ScrollGeometry): number {
  return Math.max(0, g.contentHeight - g.viewportHeight);
}

export function maxScrollTop(g: ScrollGeometry): number {
  return Math.max(0, g.scrollHeight - g.viewportHeight);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The virtual offset (px from the top of row 1) shown when the scroll bar is at scrollTop. */
export function offsetFromScrollTop(scrollTop: number, g: ScrollGeometry): number {
  const top = clamp(scrollTop, 0, maxScrollTop(g));
  if (top >= maxScrollTop(g)) return maxOffset(g); // the bottom of the bar always shows the last row
  return clamp(top * g.scale, 0, maxOffset(g));
}

/** The scrollTop that shows a virtual offset (inverse of offsetFromScrollTop). */
export function scrollTopFromOffset(offset: number, g: ScrollGeometry): number {
  return clamp(clamp(offset, 0, maxOffset(g)) / g.scale, 0, maxScrollTop(g));
}

export interface RowRange {
  /** First and last row index (0-based, inclusive) to render; last < first when there are no rows. */
  first: number;
  last: number;
}

/** Rows intersecting the viewport at this offset, widened by `overscan` rows on each side. */
export function visibleRows(offset: number, g: ScrollGeometry, overscan = 0): RowRange {
  if (g.totalRows === 0 || g.rowHeight <= 0) return { first: 0, last: -1 };
  const off = clamp(offset, 0, maxOffset(g));
  const firstVisible = Math.min(g.totalRows - 1, Math.floor(off / g.rowHeight));
  const lastVisible = Math.min(g.totalRows - 1, Math.max(firstVisible, Math.ceil((off + g.viewportHeight) / g.rowHeight) - 1));
  return { first: Math.max(0, firstVisible - overscan), last: Math.min(g.totalRows - 1, lastVisible + overscan) };
}

/** The nearest offset at which row `index` is fully visible (unchanged if it already is). */
export function offsetToReveal(index: number, offset: number, g: ScrollGeometry): number {
  const top = index * g.rowHeight;
  const bottom = top + g.rowHeight;
  let next = offset;
  if (top < offset) next = top;
  else if (bottom > offset + g.viewportHeight) next = bottom - g.viewportHeight;
  return clamp(next, 0, maxOffset(g));
}

/** Whole rows that fit in the viewport: the step for PageUp/PageDown. */
export function rowsPerPage(g: ScrollGeometry): number {
  return Math.max(1, Math.floor(g.viewportHeight / Math.max(1, g.rowHeight)) - 1);
}
