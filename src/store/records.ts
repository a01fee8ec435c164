// Records repository: raw rows of each list, written in batches and read by rowid range (never by OFFSET).
import type { Db } from './db';

/** rowid = list_id * 2^32 + row_no (see migration 1): each list owns one contiguous rowid range. */
const ROWS_PER_LIST = 2 ** 32;
export const MAX_ROWS_PER_LIST = ROWS_PER_LIST - 1;

export function recordId(listId: number, rowNo: number): number {
  return listId * ROWS_PER_LIST + rowNo;
}

/** Rows per INSERT statement: one statement step for 64 rows halves the per-row cost of a million-row import (measured). */
const ROWS_PER_INSERT = 64;

/**
 * Returns a function that inserts a batch of consecutive rows (row numbers from firstRowNo, each row's cells as a
 * JSON array string); the caller owns the surrounding transaction.
 */
export function recordWriter(db: Db, listId: number): (firstRowNo: number, rows: readonly string[], lineNos: ArrayLike<number>) => void {
  const one = db.prepare(`INSERT INTO records (id, line_no, raw) VALUES (?, ?, ?)`);
  const many = db.prepare(`INSERT INTO records (id, line_no, raw) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`);
  const params: (number | string)[] = new Array(ROWS_PER_INSERT * 3);
  return (firstRowNo, rows, lineNos) => {
    const base = recordId(listId, firstRowNo);
    let i = 0;
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      for (let k = 0; k < ROWS_PER_INSERT; k++) {
        params[3 * k] = base + i + k;
        params[3 * k + 1] = lineNos[i + k]!;
        params[3 * k + 2] = rows[i + k]!;
      }
      many.run(params);
    }
    for (; i < rows.length; i++) one.run(base + i, lineNos[i]!, rows[i]!);
  };
}

export const WINDOW_SQL = `SELECT id & 4294967295 AS rowNo, raw FROM records WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?`;

/** Rows fromRow.. (1-based) of a list: a rowid range seek, so the last page costs what the first does. */
export function rowWindow(db: Db, listId: number, fromRow: number, count: number): { rowNo: number; cells: string[] }[] {
  const rows = db.prepare(WINDOW_SQL).all(recordId(listId, fromRow), recordId(listId, MAX_ROWS_PER_LIST), count) as { rowNo: number; raw: string }[];
  return rows.map((r) => ({ rowNo: r.rowNo, cells: JSON.parse(r.raw) as string[] }));
}

/** Streams every row of a list in file order, in batches, for export. */
export function* iterateRows(db: Db, listId: number, batch = 5000): Generator<{ rowNo: number; cells: string[] }[]> {
  let from = 1;
  for (;;) {
    const rows = rowWindow(db, listId, from, batch);
    if (rows.length === 0) return;
    yield rows;
    from = rows[rows.length - 1]!.rowNo + 1;
  }
}

export function recordCount(db: Db, listId: number): number {
  return (db.prepare(`SELECT count(*) AS n FROM records WHERE id >= ? AND id <= ?`).get(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST)) as { n: number }).n;
}

export function deleteListRecords(db: Db, listId: number): number {
  return db.prepare(`DELETE FROM records WHERE id >= ? AND id <= ?`).run(recordId(listId, 0), recordId(listId, MAX_ROWS_PER_LIST)).changes;
}

export const RAW_WINDOW_SQL = `SELECT id, raw FROM records WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?`;

/** Ids and raw JSON rows of a list from rowid `fromId` on, unparsed (the clean job hands them to its workers as they are). */
export function rawWindow(db: Db, fromId: number, toId: number, count: number): { ids: number[]; raws: string[] } {
  const ids: number[] = [];
  const raws: string[] = [];
  for (const r of db.prepare(RAW_WINDOW_SQL).raw().iterate(fromId, toId, count) as IterableIterator<[number, string]>) {
    ids.push(r[0]);
    raws.push(r[1]);
  }
  return { ids, raws };
}

/** One record with its line number, or undefined. */
export function getRecord(db: Db, listId: number, rowNo: number): { rowNo: number; lineNo: number; cells: string[] } | undefined {
  const r = db.prepare(`SELECT line_no AS lineNo, raw FROM records WHERE id = ?`).get(recordId(listId, rowNo)) as { lineNo: number; raw: string } | undefined;
  return r && { rowNo, lineNo: r.lineNo, cells: JSON.parse(r.raw) as string[] };
}

/** Rows by row number, in the order asked (a filtered view's window). */
export function rowsByNumber(db: Db, listId: number, rowNos: readonly number[]): { rowNo: number; cells: string[] }[] {
  if (rowNos.length === 0) return [];
  const ids = rowNos.map((n) => recordId(listId, n));
  const found = db.prepare(`SELECT id & 4294967295 AS rowNo, raw FROM records WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { rowNo: number; raw: string }[];
  const byNo = new Map(found.map((r) => [r.rowNo, r.raw]));
  return rowNos.flatMap((rowNo) => {
    const raw = byNo.get(rowNo);
    return raw === undefined ? [] : [{ rowNo, cells: JSON.parse(raw) as string[] }];
  });
}

/** Every record id of a list, in row order. */
export function listRecordIds(db: Db, listId: number): number[] {
  return db.prepare(`SELECT id FROM records WHERE id >= ? AND id <= ? ORDER BY id`).pluck().all(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST)) as number[];
}
