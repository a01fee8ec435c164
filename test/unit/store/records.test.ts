// Covers the records repository: exact row windows, the grid's window query plan (an index/rowid seek), full iteration.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProjectDb, openReadConnection, type Db } from '../../../src/store/db';
import { insertList } from '../../../src/store/lists';
import { iterateRows, recordCount, recordWriter, rowWindow, WINDOW_SQL } from '../../../src/store/records';
import { cleanupAfterEach, tempDir } from '../../fixtures/helpers';

cleanupAfterEach();

const ROWS = 12_345;
const cellsOf = (listId: number, rowNo: number) => [`L${listId}`, `row ${rowNo}`, rowNo % 7 === 0 ? 'a, "quoted"\nvalue' : 'é😀'];

function addList(db: Db, name: string, rows: number): number {
  const listId = insertList(db, { name, role: 'prospects', sourceFile: null, sourceSize: null, columns: [{ index: 0, name: 'a' }], format: null });
  const write = recordWriter(db, listId);
  db.transaction(() => {
    const json = Array.from({ length: rows }, (_, i) => JSON.stringify(cellsOf(listId, i + 1)));
    write(1, json, Int32Array.from(json, (_, i) => i + 2));
  })();
  return listId;
}

let db: Db;
let projectPath: string;
let big: number;
let small: number;
let other: number;

beforeEach(() => {
  projectPath = path.join(tempDir(), 'records.winnow');
  db = openProjectDb(projectPath, { create: true });
  // Lists interleave with each other in the table, so a window must keep to its own list.
  small = addList(db, 'small', 3);
  big = addList(db, 'big', ROWS);
  other = addList(db, 'other', 50);
});
afterEach(() => db.close());

const expected = (listId: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ rowNo: from + i, cells: cellsOf(listId, from + i) }));

describe('rowWindow', () => {
  it('returns exactly rows 1..100 for the first window', () => {
    expect(rowWindow(db, big, 1, 100)).toEqual(expected(big, 1, 100));
  });

  it('returns exactly the rows asked for from the middle of a list', () => {
    expect(rowWindow(db, big, 6001, 250)).toEqual(expected(big, 6001, 6250));
  });

  it('returns the short last window and nothing past the end, never rows of the next list', () => {
    expect(rowWindow(db, big, ROWS - 40, 100)).toEqual(expected(big, ROWS - 40, ROWS));
    expect(rowWindow(db, big, ROWS + 1, 100)).toEqual([]);
    expect(rowWindow(db, small, 1, 100)).toEqual(expected(small, 1, 3));
    expect(rowWindow(db, other, 50, 10)).toEqual(expected(other, 50, 50));
  });

  it('returns nothing for a list that does not exist', () => {
    expect(rowWindow(db, 999, 1, 10)).toEqual([]);
  });

  it('reads the same rows through the separate read connection the grid uses', () => {
    const read = openReadConnection(projectPath);
    try {
      expect(rowWindow(read, big, 12_000, 5)).toEqual(expected(big, 12_000, 12_004));
    } finally {
      read.close();
    }
  });

  it('stores the line number given for each row', () => {
    const lines = db.prepare(`SELECT line_no AS l FROM records ORDER BY id`).all() as { l: number }[];
    expect(lines.length).toBe(3 + ROWS + 50);
    expect(lines.slice(0, 4).map((r) => r.l)).toEqual([2, 3, 4, 2]);
  });

  it('counts the rows of each list separately', () => {
    expect([recordCount(db, small), recordCount(db, big), recordCount(db, other)]).toEqual([3, ROWS, 50]);
  });
});

describe('the grid window query', () => {
  it('is a seek on an index or the rowid (SEARCH), never a table SCAN or a sort', () => {
    const params = WINDOW_SQL.split('?').length - 1;
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${WINDOW_SQL}`).all(...Array.from({ length: params }, () => 1)) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/SEARCH records USING (INTEGER PRIMARY KEY|(COVERING )?INDEX \w+)/);
    expect(details).not.toMatch(/\bSCAN\b/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });

  it('keeps its plan after ANALYZE has statistics for a large table', () => {
    db.exec('ANALYZE');
    const params = WINDOW_SQL.split('?').length - 1;
    const details = (db.prepare(`EXPLAIN QUERY PLAN ${WINDOW_SQL}`).all(...Array.from({ length: params }, () => 1)) as { detail: string }[])
      .map((p) => p.detail)
      .join('\n');
    expect(details).toMatch(/^SEARCH records/m);
    expect(details).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
  });
});

describe('iterateRows', () => {
  it('yields every row once, in order, across batch boundaries', () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    for (const batch of iterateRows(db, big, 1000)) {
      sizes.push(batch.length);
      for (const r of batch) {
        seen.push(r.rowNo);
        if (r.rowNo % 1000 === 0 || r.rowNo % 1000 === 1) expect(r.cells).toEqual(cellsOf(big, r.rowNo));
      }
    }
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(sizes).toEqual([...Array(12).fill(1000), 345]);
  });

  it('ends cleanly when the row count is an exact multiple of the batch size', () => {
    const batches = [...iterateRows(db, other, 10)];
    expect(batches.map((b) => b.length)).toEqual([10, 10, 10, 10, 10]);
    expect(batches.flat().map((r) => r.rowNo)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('yields nothing for an empty list', () => {
    const empty = insertList(db, { name: 'empty', role: 'prospects', sourceFile: null, sourceSize: null, columns: [], format: null });
    expect([...iterateRows(db, empty)]).toEqual([]);
  });
});
