// The grid's page cache: least-recently-used eviction and page arithmetic at the edges of a list.
import { describe, expect, it } from 'vitest';
import { LruCache, pageRequest, pagesForRange } from '../../renderer/src/grid/page-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const c = new LruCache<number, string>(3);
    c.set(1, 'a');
    c.set(2, 'b');
    c.set(3, 'c');
    c.get(1); // 1 is now the newest
    c.set(4, 'd');
    expect(c.keys()).toEqual([3, 1, 4]);
    expect(c.has(2)).toBe(false);
  });

  it('peek reads without refreshing', () => {
    const c = new LruCache<number, string>(2);
    c.set(1, 'a');
    c.set(2, 'b');
    expect(c.peek(1)).toBe('a');
    c.set(3, 'c');
    expect(c.has(1)).toBe(false);
    expect(c.keys()).toEqual([2, 3]);
  });

  it('overwriting a key keeps one entry and makes it newest', () => {
    const c = new LruCache<string, number>(2);
    c.set('x', 1);
    c.set('y', 2);
    c.set('x', 3);
    expect(c.size).toBe(2);
    expect(c.keys()).toEqual(['y', 'x']);
    expect(c.get('x')).toBe(3);
  });

  it('rejects a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('pagesForRange', () => {
  it.each([
    { first: 0, last: 30, total: 1000, pages: [0] },
    { first: 190, last: 210, total: 1000, pages: [0, 1] },
    { first: -100, last: 130, total: 1000, pages: [0] },
    { first: 950, last: 1100, total: 1000, pages: [4] }, // stops at the last row
    { first: 999_900, last: 1_000_099, total: 1_000_000, pages: [4999] },
    { first: 5, last: 4, total: 1000, pages: [] },
    { first: 0, last: 10, total: 0, pages: [] },
  ])('rows $first..$last of $total → pages $pages', ({ first, last, total, pages }) => {
    expect(pagesForRange(first, last, 200, total)).toEqual(pages);
  });
});

describe('pageRequest', () => {
  it.each([
    { page: 0, total: 1000, fromRow: 1, count: 200 },
    { page: 4, total: 1000, fromRow: 801, count: 200 },
    { page: 4, total: 950, fromRow: 801, count: 150 },
    { page: 4999, total: 1_000_000, fromRow: 999_801, count: 200 },
    { page: 5, total: 1000, fromRow: 1001, count: 0 },
  ])('page $page of $total rows → fromRow $fromRow, count $count', ({ page, total, fromRow, count }) => {
    expect(pageRequest(page, 200, total)).toEqual({ fromRow, count });
  });
});
