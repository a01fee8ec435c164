// Cell edits repository: the current value of each changed cell (the imported value stays in records.raw) and the undo history.
import type { EditAction } from '../api/contract';
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
  /** The seq of the first entry of the step this entry belongs to (a paste, clear or fill); null for a single-cell edit. */
  groupSeq: number | null;
  action: EditAction | null;
}

/** One cell of a many-cell change: its new edit, or null to go back to the imported value. */
export interface CellChange {
  recordId: number;
  col: number;
  after: string | null;
}

const LOG_COLUMNS = 'seq, record_id AS recordId, col, before, after, at, undone, group_seq AS groupSeq, action';

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

/** A new change ends the redo history, as in every editor. */
function dropRedo(db: Db): void {
  db.prepare(`DELETE FROM edit_log WHERE undone = 1`).run();
}

/** Records a change of one cell and applies it; drops the redo history. */
export function applyEdit(db: Db, id: number, col: number, after: string | null, at = new Date().toISOString()): EditLogRow {
  const before = cellEdit(db, id, col);
  dropRedo(db);
  const seq = Number(db.prepare(`INSERT INTO edit_log (record_id, col, before, after, at) VALUES (?, ?, ?, ?, ?)`).run(id, col, before, after, at).lastInsertRowid);
  setCell(db, id, col, after);
  return { seq, recordId: id, col, before, after, at, undone: false, groupSeq: null, action: null };
}

/**
 * Records changes of many cells as one step of the history and applies them; drops the redo history. The entries get
 * consecutive seqs and share group_seq = the first one's, so Undo and Redo take them together. Each cell at most once.
 * Returns the group's seq. Call inside a transaction.
 */
export function applyEditGroup(db: Db, changes: readonly CellChange[], action: EditAction, at = new Date().toISOString()): number {
  dropRedo(db);
  const first = db.prepare(`SELECT coalesce(max(seq), 0) + 1 FROM edit_log`).pluck().get() as number;
  const current = db.prepare(`SELECT value FROM cell_edits WHERE record_id = ? AND col = ?`).pluck();
  const log = db.prepare(`INSERT INTO edit_log (seq, record_id, col, before, after, at, group_seq, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const set = cellSetter(db);
  changes.forEach((c, k) => {
    const before = (current.get(c.recordId, c.col) as string | undefined) ?? null;
    log.run(first + k, c.recordId, c.col, before, c.after, at, first, action);
    set(c.recordId, c.col, c.after);
  });
  return first;
}

/** setCell with its statements prepared once, for many cells. */
function cellSetter(db: Db): (id: number, col: number, value: string | null) => void {
  const del = db.prepare(`DELETE FROM cell_edits WHERE record_id = ? AND col = ?`);
  const put = db.prepare(`INSERT OR REPLACE INTO cell_edits (record_id, col, value) VALUES (?, ?, ?)`);
  return (id, col, value) => void (value === null ? del.run(id, col) : put.run(id, col, value));
}

/** The change Undo would revert: the latest one not undone. */
export function nextUndo(db: Db): EditLogRow | undefined {
  return toRow(db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log WHERE undone = 0 ORDER BY seq DESC LIMIT 1`).get());
}

/** The change Redo would apply again: the earliest one undone. */
export function nextRedo(db: Db): EditLogRow | undefined {
  return toRow(db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log WHERE undone = 1 ORDER BY seq ASC LIMIT 1`).get());
}

/** Every entry of the step an entry belongs to, in seq order: the entry alone, or its whole group. */
export function stepEntries(db: Db, e: EditLogRow): EditLogRow[] {
  if (e.groupSeq === null) return [e];
  return db.prepare(`SELECT ${LOG_COLUMNS} FROM edit_log WHERE group_seq = ? ORDER BY seq`).all(e.groupSeq).map((r) => toRow(r)!);
}

/** How many cells the step an entry belongs to changed (1 for a single-cell edit). */
export function stepCells(db: Db, e: EditLogRow): number {
  return e.groupSeq === null ? 1 : (db.prepare(`SELECT count(*) FROM edit_log WHERE group_seq = ?`).pluck().get(e.groupSeq) as number);
}

/** Puts back the value before each entry, newest first. Call inside a transaction. */
export function undoEdits(db: Db, entries: readonly EditLogRow[]): void {
  const set = cellSetter(db);
  const mark = db.prepare(`UPDATE edit_log SET undone = 1 WHERE seq = ?`);
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k]!;
    set(e.recordId, e.col, e.before);
    mark.run(e.seq);
  }
}

/** Applies each entry again, oldest first. Call inside a transaction. */
export function redoEdits(db: Db, entries: readonly EditLogRow[]): void {
  const set = cellSetter(db);
  const mark = db.prepare(`UPDATE edit_log SET undone = 0 WHERE seq = ?`);
  for (const e of entries) {
    set(e.recordId, e.col, e.after);
    mark.run(e.seq);
  }
}

/**
 * The history, newest first, one entry per step: a group shows as its first entry with the number of cells it changed.
 * Only a list's records when listId is given (a group is always within one list).
 */
export function editHistory(db: Db, limit: number, listId?: number): (EditLogRow & { cells: number })[] {
  const steps = `(group_seq IS NULL OR group_seq = seq)`;
  const cells = `CASE WHEN group_seq IS NULL THEN 1 ELSE (SELECT count(*) FROM edit_log g WHERE g.group_seq = edit_log.seq) END AS cells`;
  const rows =
    listId === undefined
      ? db.prepare(`SELECT ${LOG_COLUMNS}, ${cells} FROM edit_log WHERE ${steps} ORDER BY seq DESC LIMIT ?`).all(limit)
      : db.prepare(`SELECT ${LOG_COLUMNS}, ${cells} FROM edit_log WHERE record_id >= ? AND record_id <= ? AND ${steps} ORDER BY seq DESC LIMIT ?`).all(recordId(listId, 0), recordId(listId, MAX_ROWS_PER_LIST), limit);
  return rows.map((r) => ({ ...toRow(r)!, cells: (r as { cells: number }).cells }));
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
