// Column geometry: guessed widths, left edges and which columns are in view while scrolling sideways.
import { describe, expect, it } from 'vitest';
import { MAX_AUTO_WIDTH, MIN_COLUMN_WIDTH, clampWidth, columnLefts, estimateColumnWidths, gutterWidth, visibleColumns } from '../../renderer/src/grid/column-widths';

describe('estimateColumnWidths', () => {
  it('fits typical values, ignoring one freak value, within limits', () => {
    const sample = Array.from({ length: 20 }, (_, i) => ['NY', i === 0 ? 'x'.repeat(500) : 'jane.doe@example.com', 'y'.repeat(200)]);
    const [state, email, notes] = estimateColumnWidths(['State', 'Email', 'Notes'], sample);
    expect(state).toBeGreaterThanOrEqual(MIN_COLUMN_WIDTH);
    expect(state).toBeLessThan(100);
    expect(email).toBeGreaterThan(150);
    expect(email).toBeLessThan(MAX_AUTO_WIDTH);
    expect(notes).toBe(MAX_AUTO_WIDTH);
  });

  it('uses the header alone when no rows are loaded yet', () => {
    const [short, long] = estimateColumnWidths(['Id', 'Mailing address line 2'], []);
    expect(long!).toBeGreaterThan(short!);
  });
});

describe('columnLefts / visibleColumns', () => {
  const lefts = columnLefts([100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);

  it('accumulates widths', () => {
    expect(columnLefts([10, 20, 30])).toEqual([0, 10, 30, 60]);
  });

  it.each([
    { scrollLeft: 0, width: 250, overscan: 0, first: 0, last: 2 },
    { scrollLeft: 100, width: 200, overscan: 0, first: 1, last: 2 },
    { scrollLeft: 150, width: 200, overscan: 0, first: 1, last: 3 },
    { scrollLeft: 150, width: 200, overscan: 1, first: 0, last: 4 },
    { scrollLeft: 900, width: 500, overscan: 2, first: 7, last: 9 },
    { scrollLeft: 5000, width: 500, overscan: 0, first: 9, last: 9 },
  ])('scrollLeft $scrollLeft, width $width → columns $first..$last', ({ scrollLeft, width, overscan, first, last }) => {
    expect(visibleColumns(lefts, scrollLeft, width, overscan)).toEqual({ first, last });
  });

  it('has nothing to show without columns', () => {
    const r = visibleColumns([0], 0, 500);
    expect(r.last).toBeLessThan(r.first);
  });
});

describe('clampWidth / gutterWidth', () => {
  it('keeps dragged widths sane', () => {
    expect(clampWidth(3)).toBe(MIN_COLUMN_WIDTH);
    expect(clampWidth(123.6)).toBe(124);
    expect(clampWidth(1e9)).toBe(2000);
  });
  it('widens the gutter for bigger row numbers', () => {
    expect(gutterWidth(1_000_000)).toBeGreaterThan(gutterWidth(99));
  });
});
