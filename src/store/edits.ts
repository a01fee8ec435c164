// Cell edits repository: the current value of each changed cell (the imported value stays in records.raw) and the undo history.
import type { Db } from './db';
import { MAX_ROWS_PER_LIST, recordId } from './records';

export interface EditLogRow {
  seq: number;
  recordId: number;
  col: number;
  /** The cell's edit before this change; null when it showed the imported value. */
  before: string | null;
  /** The cell's edit after this change; null when it went back to the imported value. */
  after: string | null;
  at: string;
  undone: boolean;
}

const LOG_COLUMNS = 'seq, record_id AS recordId, col, before, after, at, undone';

/** Edits of a list's records in a rowid range: record id → (column → value). */
export function editsInRange(db: Db, fromId: number, toId: number): Map<number, Map<number, string>> {
  const rows = db.prepare(`SELECT record_id AS id, col, value FROM cell_edits WHERE record_id >= ? AND record_id <= ?`).all(fromId, toId) as { id: number; col: number; value: string }[];
  return group(rows);
}

export function editsForIds(db: Db, ids: readonly number[]): Map<number, Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare(`SELECT record_id AS id, col, value FROM cell_edits WHERE record_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number; col: number; value: string }[];
  return group(rows);
}

function group(rows: { id: number; col: number; value: string }[]): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  for (const r of rows) {
    let m = out.get(r.id);
    if (!m) out.set(r.id, (m = new Map()));
    m.set(r.col, r.value);
  }
  return out;
}

/** Whether a list has any edited cell (the clean job skips the overlay lookup when not). */
export function listHasEdits(db: Db, listId: number): boolean {
  return db.prepare(`SELECT 1 FROM cell_edits WHERE record_id >= ? AND record_id <= ? LIMIT 1`).get(recordId(listId, 0), recordId(listId, MAX_ROWS_PER_LIST)) !== undefined;
}

export function cellEdit(db: Db, id: number, col: number): string | null {
  const r = db.prepare(`SELECT value FROM cell_edits WHERE record_id = ? AND col = ?`).get(id, col) as { value: string } | undefined;
  return r ? r.value : null;
}

function setCell(db: Db, id: number, col: number, value: string | null): void {
  if (value === null) db.prepare(`DELETE FROM cell_edits WHERE record_id = ? AND col = ?`).run(id, col);
  else db.prepare(`INSERT OR REPLACE INTO cell_edits (record_id, col, value) VALUES (?, ?, ?)`).run(id, col, value);
}

/** Records a change of one cell and applies it; drops the redo history (a new change ends it, as in every editor). */
export function applyEdit(db: Db, id: number, col: number, after: string | null, at = new Date().toISOString()): EditLogRow {
  const before = cellEdit(db, id, col);
  db.prepare(`DELETE FROM edit_log WHERE undone = 1`).run();
  const seq = Number(db.prepare(`INSERT INTO edit_log (record_id, col, before, after, at) VALUES (?, ?, ?, ?, ?)`).run(id, col, before, after, at).lastInsertRowid);
  setCell(db, id, col, after);
  return { seq, recordId: id, col, before, after, at, undone: false };
}

/** The change Undo would revert: the latest one not undone. */
export function nextUndo(db: Db): EditLogRow | undefined {
  return toRow(db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log WHERE undone = 0 ORDER BY seq DESC LIMIT 1`).get());
}

/** The change Redo would apply again: the earliest one undone. */
export function nextRedo(db: Db): EditLogRow | undefined {
  return toRow(db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log WHERE undone = 1 ORDER BY seq ASC LIMIT 1`).get());
}

export function undoEdit(db: Db, e: EditLogRow): void {
  setCell(db, e.recordId, e.col, e.before);
  db.prepare(`UPDATE edit_log SET undone = 1 WHERE seq = ?`).run(e.seq);
}

export function redoEdit(db: Db, e: EditLogRow): void {
  setCell(db, e.recordId, e.col, e.after);
  db.prepare(`UPDATE edit_log SET undone = 0 WHERE seq = ?`).run(e.seq);
}

/** The history, newest first; only a list's records when listId is given. */
export function editHistory(db: Db, limit: number, listId?: number): EditLogRow[] {
  const rows =
    listId === undefined
      ? db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log ORDER BY seq DESC LIMIT ?`).all(limit)
      : db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log WHERE record_id >= ? AND record_id <= ? ORDER BY seq DESC LIMIT ?`).all(recordId(listId, 0), recordId(listId, MAX_ROWS_PER_LIST), limit);
  return rows.map((r) => toRow(r)!);
}

function toRow(r: unknown): EditLogRow | undefined {
  if (!r) return undefined;
  const x = r as Omit<EditLogRow, 'undone'> & { undone: number };
  return { ...x, undone: x.undone === 1 };
}

export function deleteListEdits(db: Db, listId: number): void {
  const lo = recordId(listId, 0);
  const hi = recordId(listId, MAX_ROWS_PER_LIST);
  db.prepare(`DELETE FROM cell_edits WHERE record_id >= ? AND record_id <= ?`).run(lo, hi);
  db.prepare(`DELETE FROM edit_log WHERE record_id >= ? AND record_id <= ?`).run(lo, hi);
}
