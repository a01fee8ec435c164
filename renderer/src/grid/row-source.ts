// Fetches the rows the grid shows, by page, around the viewport: LRU-cached, a few requests at a time, skipped pages never sent.
import type { GridRow } from '../../../src/api/contract';
import { LruCache, pageRequest, pagesForRange } from './page-cache';

export type { GridRow };

/** Fetches `count` rows starting at 1-based position `fromRow` of the view (rows carry their position as `pos`). */
export type FetchRows = (fromRow: number, count: number) => Promise<GridRow[]>;

export interface RowSourceOptions {
  pageSize?: number;
  /** Pages kept in memory. */
  capacity?: number;
  maxInFlight?: number;
  /** A page that failed is not asked for again until this long after. */
  retryAfterMs?: number;
  now?: () => number;
  onError?: (err: unknown) => void;
}

export class RowSource {
  readonly pageSize: number;
  private readonly cache: LruCache<number, (GridRow | undefined)[]>;
  private readonly inFlight = new Set<number>();
  private readonly failedAt = new Map<number, number>();
  private readonly listeners = new Set<() => void>();
  private readonly maxInFlight: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;
  private readonly onError: ((err: unknown) => void) | undefined;
  private queue: number[] = [];
  private disposed = false;
  /** Bumped whenever a page arrives; the grid re-renders on change. */
  version = 0;
  /** Every page ever requested, in order (for tests and diagnostics). */
  readonly requested: number[] = [];

  constructor(
    private readonly fetchRows: FetchRows,
    readonly totalRows: number,
    opts: RowSourceOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? 200;
    this.cache = new LruCache(opts.capacity ?? 40);
    this.maxInFlight = opts.maxInFlight ?? 2;
    this.retryAfterMs = opts.retryAfterMs ?? 2000;
    this.now = opts.now ?? (() => Date.now());
    this.onError = opts.onError;
  }

  /** The row at a 0-based index, if its page is loaded. */
  row(index: number): GridRow | undefined {
    return this.cache.peek(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  isLoaded(index: number): boolean {
    return this.cache.has(Math.floor(index / this.pageSize));
  }

  /**
   * The viewport now shows rows first..last (0-based). Pages for it (and half a page either side) jump the queue; pages
   * queued for an earlier viewport that is gone are dropped before they are ever requested.
   */
  want(first: number, last: number): void {
    if (this.disposed) return;
    const pad = Math.floor(this.pageSize / 2);
    const pages = pagesForRange(first - pad, last + pad, this.pageSize, this.totalRows);
    const center = (first + last) / 2 / this.pageSize;
    for (const p of pages) this.cache.get(p); // keep what is on screen from being evicted
    const t = this.now();
    this.queue = pages
      .filter((p) => !this.cache.has(p) && !this.inFlight.has(p) && !(t - (this.failedAt.get(p) ?? -Infinity) < this.retryAfterMs))
      .sort((a, b) => Math.abs(a + 0.5 - center) - Math.abs(b + 0.5 - center));
    this.pump();
  }

  /**
   * Replaces a loaded row (found by its source row number) with a newer version of it, e.g. after an edit or an undo; the
   * row keeps its place in this view. Returns false when the row is not loaded (it will be fetched fresh when shown).
   */
  patchRow(row: GridRow): boolean {
    for (const page of this.cache.keys()) {
      const slots = this.cache.peek(page);
      if (!slots) continue;
      const i = slots.findIndex((r) => r?.rowNo === row.rowNo);
      if (i < 0) continue;
      const old = slots[i] as GridRow;
      slots[i] = { ...row, pos: old.pos };
      this.changed();
      return true;
    }
    return false;
  }

  /** Replaces many loaded rows at once (a paste, an undo of one): one change notice instead of one per row. */
  patchRows(rows: readonly GridRow[]): number {
    if (rows.length === 0) return 0;
    const byNo = new Map(rows.map((r) => [r.rowNo, r] as const));
    let patched = 0;
    for (const page of this.cache.keys()) {
      const slots = this.cache.peek(page);
      if (!slots) continue;
      for (let i = 0; i < slots.length; i++) {
        const old = slots[i];
        const fresh = old ? byNo.get(old.rowNo) : undefined;
        if (!old || !fresh) continue;
        slots[i] = { ...fresh, pos: old.pos };
        patched++;
      }
    }
    if (patched > 0) this.changed();
    return patched;
  }

  /**
   * The rows at 0-based indexes first..last, from the cache where loaded and fetched (in pages of up to 1,000) where not —
   * for copying a range bigger than the screen. Rows fetched here are not cached.
   */
  async rowsBetween(first: number, last: number): Promise<GridRow[]> {
    const out: GridRow[] = [];
    let i = first;
    while (i <= last) {
      const cached = this.row(i);
      if (cached) {
        out.push(cached);
        i++;
        continue;
      }
      const count = Math.min(1000, last - i + 1);
      const fetched = await this.fetchRows(i + 1, count);
      if (fetched.length === 0) break;
      out.push(...fetched);
      i += fetched.length;
    }
    return out;
  }

  /** The loaded row with this source row number, if any. */
  findRow(rowNo: number): GridRow | undefined {
    for (const page of this.cache.keys()) {
      const r = this.cache.peek(page)?.find((x) => x?.rowNo === rowNo);
      if (r) return r;
    }
    return undefined;
  }

  /** Up to `limit` loaded rows, from whichever pages are cached (for sizing columns). */
  sampleRows(limit: number): GridRow[] {
    const out: GridRow[] = [];
    for (const page of this.cache.keys()) {
      for (const r of this.cache.peek(page) ?? []) {
        if (out.length >= limit) return out;
        if (r) out.push(r);
      }
    }
    return out;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;

  /** Stops everything: answers still on the way are thrown away. */
  dispose(): void {
    this.disposed = true;
    this.queue = [];
    this.listeners.clear();
    this.cache.clear();
  }

  private changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  private pump(): void {
    while (!this.disposed && this.inFlight.size < this.maxInFlight && this.queue.length > 0) {
      void this.load(this.queue.shift() as number);
    }
  }

  private async load(page: number): Promise<void> {
    const { fromRow, count } = pageRequest(page, this.pageSize, this.totalRows);
    if (count <= 0) return;
    this.inFlight.add(page);
    this.requested.push(page);
    try {
      const rows = await this.fetchRows(fromRow, count);
      if (this.disposed) return;
      const slots: (GridRow | undefined)[] = new Array(count);
      for (const r of rows) {
        // By position in the view, not by row number: in a filtered view row 812 may sit at position 3.
        const i = r.pos - fromRow;
        if (i >= 0 && i < count) slots[i] = r;
      }
      this.failedAt.delete(page);
      this.cache.set(page, slots);
      this.changed();
    } catch (err) {
      if (this.disposed) return;
      this.failedAt.set(page, this.now());
      this.onError?.(err);
    } finally {
      this.inFlight.delete(page);
      this.pump();
    }
  }
}
