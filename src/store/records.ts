// Records repository: raw rows of each list, written in batches and read by row window (never by OFFSET).
import type { Db } from './db';

export interface RawRow {
  rowNo: number;
  lineNo: number;
  cells: string[];
}

/** Returns a function that inserts one batch of rows; the caller owns the surrounding transaction. */
export function recordWriter(db: Db, listId: number): (rows: readonly RawRow[]) => void {
  const stmt = db.prepare(`INSERT INTO records (list_id, row_no, line_no, raw) VALUES (?, ?, ?, ?)`);
  return (rows) => {
    for (const r of rows) stmt.run(listId, r.rowNo, r.lineNo, JSON.stringify(r.cells));
  };
}

export const WINDOW_SQL = `SELECT row_no AS rowNo, raw FROM records WHERE list_id = ? AND row_no >= ? ORDER BY row_no LIMIT ?`;

/** Rows fromRow.. (1-based) of a list: an index range seek, so the last page costs what the first does. */
export function rowWindow(db: Db, listId: number, fromRow: number, count: number): { rowNo: number; cells: string[] }[] {
  const rows = db.prepare(WINDOW_SQL).all(listId, fromRow, count) as { rowNo: number; raw: string }[];
  return rows.map((r) => ({ rowNo: r.rowNo, cells: JSON.parse(r.raw) as string[] }));
}

/** Streams every row of a list in file order, in batches, for export. */
export function* iterateRows(db: Db, listId: number, batch = 5000): Generator<{ rowNo: number; cells: string[] }[]> {
  const stmt = db.prepare(WINDOW_SQL);
  let from = 1;
  for (;;) {
    const rows = stmt.all(listId, from, batch) as { rowNo: number; raw: string }[];
    if (rows.length === 0) return;
    yield rows.map((r) => ({ rowNo: r.rowNo, cells: JSON.parse(r.raw) as string[] }));
    from = rows[rows.length - 1]!.rowNo + 1;
  }
}

export function recordCount(db: Db, listId: number): number {
  return (db.prepare(`SELECT count(*) AS n FROM records WHERE list_id = ?`).get(listId) as { n: number }).n;
}
