// A small LRU cache and page arithmetic for the grid's row windows.

/** Least-recently-used map: reading or writing a key makes it the newest; the oldest goes when full. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('LruCache capacity must be at least 1');
  }
  get size(): number {
    return this.map.size;
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  /** Returns the value and marks it most recently used. */
  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const v = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  /** Reads without changing the order (for rendering, which must not reshuffle what the fetcher keeps). */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
    }
  }
  keys(): K[] {
    return [...this.map.keys()];
  }
  clear(): void {
    this.map.clear();
  }
}

/** Page indexes covering row indexes first..last (0-based, inclusive). */
export function pagesForRange(first: number, last: number, pageSize: number, totalRows: number): number[] {
  if (totalRows <= 0 || last < first) return [];
  const lo = Math.max(0, Math.floor(Math.max(0, first) / pageSize));
  const hi = Math.floor(Math.min(totalRows - 1, last) / pageSize);
  const pages: number[] = [];
  for (let p = lo; p <= hi; p++) pages.push(p);
  return pages;
}

/** The lists.rows request for one page: 1-based fromRow and a count that stops at the last row. */
export function pageRequest(page: number, pageSize: number, totalRows: number): { fromRow: number; count: number } {
  const start = page * pageSize;
  return { fromRow: start + 1, count: Math.max(0, Math.min(pageSize, totalRows - start)) };
}
