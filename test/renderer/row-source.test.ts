// The row source asks for the pages around the viewport, drops pages scrolled past before they were sent, and discards late answers.
import { describe, expect, it, vi } from 'vitest';
import { RowSource, type GridRow } from '../../renderer/src/grid/row-source';

interface Call {
  fromRow: number;
  count: number;
  resolve: (rows: GridRow[]) => void;
  reject: (err: unknown) => void;
}

function fakeFetch() {
  const calls: Call[] = [];
  const fetchRows = (fromRow: number, count: number) =>
    new Promise<GridRow[]>((resolve, reject) => {
      calls.push({ fromRow, count, resolve, reject });
    });
  const rowsFor = (c: Call) => Array.from({ length: c.count }, (_, i) => ({ pos: c.fromRow + i, rowNo: c.fromRow + i, cells: [`r${c.fromRow + i}`] }));
  return { calls, fetchRows, rowsFor };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('RowSource', () => {
  it('fetches the page under the viewport and serves its rows by index', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 1000, { pageSize: 200 });
    src.want(0, 30);
    expect(f.calls.map((c) => [c.fromRow, c.count])).toEqual([[1, 200]]);
    expect(src.row(5)).toBeUndefined();
    f.calls[0]!.resolve(f.rowsFor(f.calls[0]!));
    await flush();
    expect(src.row(5)).toEqual({ pos: 6, rowNo: 6, cells: ['r6'] });
    expect(src.isLoaded(199)).toBe(true);
    expect(src.isLoaded(200)).toBe(false);
  });

  it('never requests pages the user scrolled past while earlier requests were still running', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 1_000_000, { pageSize: 200, maxInFlight: 1 });
    src.want(0, 30); // page 0 goes out
    src.want(5000, 5030); // pages 24, 25 wait
    src.want(100_000, 100_030); // ...and are replaced by 499, 500
    // Answer everything until nothing more is asked for.
    for (let i = 0; i < f.calls.length; i++) {
      f.calls[i]!.resolve(f.rowsFor(f.calls[i]!));
      await flush();
    }
    expect(src.requested).toEqual([0, 500, 499]); // nearest to the viewport first; 24 and 25 never sent
  });

  it('asks for the last page with the right count, so the last row of a million loads', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 1_000_000, { pageSize: 200 });
    src.want(999_975, 999_999);
    expect(f.calls.map((c) => [c.fromRow, c.count])).toEqual([[999_801, 200]]);
    f.calls[0]!.resolve(f.rowsFor(f.calls[0]!));
    await flush();
    expect(src.row(999_999)?.rowNo).toBe(1_000_000);
  });

  it('does not ask again for a page that is loaded or on its way', () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 1000, { pageSize: 200 });
    src.want(0, 30);
    src.want(1, 31);
    src.want(2, 32);
    expect(f.calls).toHaveLength(1);
  });

  it('keeps at most `capacity` pages, dropping the ones scrolled away from', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 100_000, { pageSize: 100, capacity: 3 });
    let answered = 0;
    for (const first of [0, 1000, 2000]) {
      src.want(first, first + 10); // with half a page of padding: pages (first/100 - 1) and first/100
      for (; answered < f.calls.length; answered++) f.calls[answered]!.resolve(f.rowsFor(f.calls[answered]!));
      await flush();
      for (; answered < f.calls.length; answered++) f.calls[answered]!.resolve(f.rowsFor(f.calls[answered]!));
      await flush();
    }
    const loaded = [0, 900, 1000, 1900, 2000].filter((i) => src.isLoaded(i));
    expect(loaded).toHaveLength(3);
    expect(loaded).not.toContain(0);
    expect(loaded).toEqual(expect.arrayContaining([1900, 2000]));
  });

  it('throws away answers that arrive after it was disposed', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 1000, { pageSize: 200 });
    const listener = vi.fn();
    src.subscribe(listener);
    src.want(0, 30);
    src.dispose();
    f.calls[0]!.resolve(f.rowsFor(f.calls[0]!));
    await flush();
    expect(src.row(0)).toBeUndefined();
    expect(listener).not.toHaveBeenCalled();
    src.want(0, 30);
    expect(f.calls).toHaveLength(1);
  });

  it('reports a failed page and retries it only after a pause', async () => {
    const f = fakeFetch();
    let now = 0;
    const onError = vi.fn();
    const src = new RowSource(f.fetchRows, 1000, { pageSize: 200, retryAfterMs: 2000, now: () => now, onError });
    src.want(0, 30);
    f.calls[0]!.reject(new Error('boom'));
    await flush();
    expect(onError).toHaveBeenCalledTimes(1);
    src.want(0, 30);
    expect(f.calls).toHaveLength(1);
    now = 2500;
    src.want(0, 30);
    expect(f.calls).toHaveLength(2);
  });

  it('places rows by their position in the view, leaving holes for missing ones', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 10, { pageSize: 200 });
    src.want(0, 9);
    f.calls[0]!.resolve([
      { pos: 1, rowNo: 1, cells: ['a'] },
      { pos: 3, rowNo: 3, cells: ['c'] },
    ]);
    await flush();
    expect(src.row(0)?.cells).toEqual(['a']);
    expect(src.row(1)).toBeUndefined();
    expect(src.row(2)?.cells).toEqual(['c']);
    expect(src.sampleRows(10).map((r) => r.rowNo)).toEqual([1, 3]);
  });

  it('places the rows of a filtered view by position, whatever their row numbers', async () => {
    const f = fakeFetch();
    // A view of the 3 rows having some issue: rows 7, 120 and 4,001 of the list sit at positions 1-3.
    const src = new RowSource(f.fetchRows, 3, { pageSize: 200 });
    src.want(0, 2);
    expect(f.calls.map((c) => [c.fromRow, c.count])).toEqual([[1, 3]]);
    f.calls[0]!.resolve([
      { pos: 1, rowNo: 7, cells: ['g'] },
      { pos: 2, rowNo: 120, cells: ['t'] },
      { pos: 3, rowNo: 4001, cells: ['z'] },
    ]);
    await flush();
    expect([0, 1, 2].map((i) => src.row(i)?.rowNo)).toEqual([7, 120, 4001]);
  });

  it('patches a loaded row in place by its row number, keeping its position, and tells the grid', async () => {
    const f = fakeFetch();
    const src = new RowSource(f.fetchRows, 2, { pageSize: 200 });
    const listener = vi.fn();
    src.subscribe(listener);
    src.want(0, 1);
    f.calls[0]!.resolve([
      { pos: 1, rowNo: 7, cells: ['x@gmial.com'], issues: [{ field: 'email', code: 'email.typo', severity: 'warning', message: 'typo', columns: [0] }] },
      { pos: 2, rowNo: 9, cells: ['y'] },
    ]);
    await flush();
    const v = src.version;
    // The engine answers an edit with the row as it is now (its position in an unfiltered view).
    expect(src.patchRow({ pos: 7, rowNo: 7, cells: ['x@gmail.com'], edited: [0], issues: [] })).toBe(true);
    expect(src.row(0)).toEqual({ pos: 1, rowNo: 7, cells: ['x@gmail.com'], edited: [0], issues: [] });
    expect(src.version).toBe(v + 1);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(src.findRow(9)?.cells).toEqual(['y']);
    expect(src.patchRow({ pos: 50, rowNo: 50, cells: ['not loaded'] })).toBe(false);
    expect(src.version).toBe(v + 1);
  });
});
