// Scaled scrolling: the scroll bar stays under the browser's height cap and every row, including the last, is reachable.
import { describe, expect, it } from 'vitest';
import {
  maxOffset,
  maxScrollTop,
  offsetFromScrollTop,
  offsetToReveal,
  rowsPerPage,
  scrollGeometry,
  scrollTopFromOffset,
  visibleRows,
} from '../../renderer/src/grid/scroll-mapping';

const H = 24;
const MILLION = 1_000_000;

describe('scrollGeometry', () => {
  it.each([
    // rows, viewport, cap → scrollHeight, scaled?
    { rows: 0, vh: 600, cap: 10_000_000, scrollHeight: 0, scaled: false },
    { rows: 10, vh: 600, cap: 10_000_000, scrollHeight: 240, scaled: false },
    { rows: 100_000, vh: 600, cap: 10_000_000, scrollHeight: 2_400_000, scaled: false },
    { rows: 416_666, vh: 600, cap: 10_000_000, scrollHeight: 9_999_984, scaled: false },
    { rows: MILLION, vh: 600, cap: 10_000_000, scrollHeight: 10_000_000, scaled: true },
    { rows: 50_000_000, vh: 900, cap: 10_000_000, scrollHeight: 10_000_000, scaled: true },
  ])('$rows rows in $vh px → spacer $scrollHeight px', ({ rows, vh, cap, scrollHeight, scaled }) => {
    const g = scrollGeometry(rows, H, vh, cap);
    expect(g.scrollHeight).toBe(scrollHeight);
    expect(g.scrollHeight).toBeLessThanOrEqual(cap);
    expect(g.scale > 1).toBe(scaled);
  });

  it('maps the whole scroll bar onto the whole content', () => {
    const g = scrollGeometry(MILLION, H, 600);
    expect(maxScrollTop(g) * g.scale).toBeCloseTo(maxOffset(g), 3);
  });
});

describe('offsetFromScrollTop / scrollTopFromOffset', () => {
  const g = scrollGeometry(MILLION, H, 600);

  it.each([0, 1, 1234.5, 5_000_000, 9_999_399])('round-trips scrollTop %d', (top) => {
    expect(scrollTopFromOffset(offsetFromScrollTop(top, g), g)).toBeCloseTo(top, 6);
  });

  it('puts the top of the bar at row 1 and the bottom at the last row', () => {
    expect(visibleRows(offsetFromScrollTop(0, g), g).first).toBe(0);
    const atEnd = visibleRows(offsetFromScrollTop(maxScrollTop(g), g), g);
    expect(atEnd.last).toBe(MILLION - 1);
    // The last row ends exactly at the bottom of the viewport.
    expect(offsetFromScrollTop(maxScrollTop(g), g) + g.viewportHeight).toBe(MILLION * H);
  });

  it('clamps scroll positions outside the bar', () => {
    expect(offsetFromScrollTop(-50, g)).toBe(0);
    expect(offsetFromScrollTop(maxScrollTop(g) + 10_000, g)).toBe(maxOffset(g));
  });

  it('is monotonic: scrolling down never shows an earlier row', () => {
    let prev = -1;
    for (let top = 0; top <= maxScrollTop(g); top += 99_991) {
      const first = visibleRows(offsetFromScrollTop(top, g), g).first;
      expect(first).toBeGreaterThanOrEqual(prev);
      prev = first;
    }
  });

  it('is the identity when the content fits under the cap', () => {
    const small = scrollGeometry(1000, H, 600);
    expect(small.scale).toBe(1);
    expect(offsetFromScrollTop(4321, small)).toBe(4321);
    expect(scrollTopFromOffset(4321, small)).toBe(4321);
  });
});

describe('visibleRows', () => {
  const g = scrollGeometry(1000, H, 240); // 10 rows fit exactly

  it.each([
    { offset: 0, overscan: 0, first: 0, last: 9 },
    { offset: 12, overscan: 0, first: 0, last: 10 }, // half a row scrolled: 11 rows show
    { offset: 24, overscan: 0, first: 1, last: 10 },
    { offset: 24, overscan: 3, first: 0, last: 13 },
    { offset: 23_760, overscan: 0, first: 990, last: 999 }, // the end
    { offset: 23_760, overscan: 5, first: 985, last: 999 },
    { offset: 99_999_999, overscan: 0, first: 990, last: 999 }, // clamped
  ])('offset $offset (overscan $overscan) → rows $first..$last', ({ offset, overscan, first, last }) => {
    expect(visibleRows(offset, g, overscan)).toEqual({ first, last });
  });

  it('is empty when there are no rows', () => {
    const r = visibleRows(0, scrollGeometry(0, H, 600));
    expect(r.last).toBeLessThan(r.first);
  });

  it('shows all rows when they fit', () => {
    expect(visibleRows(0, scrollGeometry(3, H, 600))).toEqual({ first: 0, last: 2 });
  });
});

describe('offsetToReveal', () => {
  const g = scrollGeometry(1000, H, 240);
  it.each([
    { row: 5, offset: 0, expected: 0 }, // already visible
    { row: 10, offset: 0, expected: 24 }, // just below: scroll one row
    { row: 3, offset: 240, expected: 72 }, // above: bring to top
    { row: 999, offset: 0, expected: 23_760 }, // last row at the bottom
    { row: 0, offset: 23_760, expected: 0 },
    { row: 9, offset: 12, expected: 12 }, // fully visible while half a row is scrolled
  ])('row $row from offset $offset → $expected', ({ row, offset, expected }) => {
    expect(offsetToReveal(row, offset, g)).toBe(expected);
  });
});

describe('every row is reachable in a scaled 1,000,000-row grid', () => {
  const g = scrollGeometry(MILLION, H, 611);
  it.each([0, 1, 2, 499_999, 500_000, 777_777, 999_000, 999_998, 999_999])('row %d', (row) => {
    const offset = offsetToReveal(row, 0, g);
    // The browser rounds scrollTop to whole pixels; the row must still be on screen after the round trip.
    const top = Math.round(scrollTopFromOffset(offset, g));
    const shown = visibleRows(offsetFromScrollTop(top, g), g);
    expect(row).toBeGreaterThanOrEqual(shown.first);
    expect(row).toBeLessThanOrEqual(shown.last);
  });
});

describe('rowsPerPage', () => {
  it.each([
    { vh: 240, expected: 9 },
    { vh: 250, expected: 9 },
    { vh: 10, expected: 1 },
  ])('$vh px → $expected rows', ({ vh, expected }) => {
    expect(rowsPerPage(scrollGeometry(1000, H, vh))).toBe(expected);
  });
});
