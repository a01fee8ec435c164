// Records repository: raw rows of each list, written in batches and read by rowid range (never by OFFSET).
import type { Db } from './db';

/** rowid = list_id * 2^32 + row_no (see migration 1): each list owns one contiguous rowid range. */
const ROWS_PER_LIST = 2 ** 32;
export const MAX_ROWS_PER_LIST = ROWS_PER_LIST - 1;

export function recordId(listId: number, rowNo: number): number {
  return listId * ROWS_PER_LIST + rowNo;
}

export interface RawRow {
  rowNo: number;
  lineNo: number;
  /** The row's cells as a JSON array string (serialized where the row was parsed). */
  json: string;
}

/** Returns a function that inserts one batch of rows; the caller owns the surrounding transaction. */
export function recordWriter(db: Db, listId: number): (rows: readonly RawRow[]) => void {
  const stmt = db.prepare(`INSERT INTO records (id, line_no, raw) VALUES (?, ?, ?)`);
  return (rows) => {
    for (const r of rows) stmt.run(recordId(listId, r.rowNo), r.lineNo, r.json);
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
