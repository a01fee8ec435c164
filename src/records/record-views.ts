// What the grid and the record drawer read about records: current cell values (edits over raw), verdicts and issues placed on columns; and cell edits (one cell, or a pasted/cleared/filled range as one step) with undo/redo that re-clean the records.
import { MAX_PATCH_ROWS, WinnowError, type EditAction, type EditInfo, type EditsState, type GridRow, type IssueField, type ListInfo, type RecordDetail, type RecordIssue } from '../api/contract';
import { cleanRecord, ISSUE_FIELD_SOURCES, normalizedForDisplay, type CleanIssue, type CleanTables } from '../domain/clean-record';
import { fieldColumns } from '../jobs/clean-list';
import { withPostal } from '../jobs/postal-verdicts';
import { valuesOf } from '../jobs/clean-batch';
import { cleanForIds, decodeClean, encodeClean, getClean, listCleanStats, putClean, saveListClean, tally, type StoredClean } from '../store/clean';
import type { Db } from '../store/db';
import { applyEdit, applyEditGroup, editHistory, editsForIds, nextRedo, nextUndo, redoEdits, stepCells, stepEntries, undoEdits, type CellChange, type EditLogRow } from '../store/edits';
import { getList } from '../store/lists';
import { getRecord, recordId, rowsByNumber, rowWindow } from '../store/records';

/** Issue field → the list's columns that feed it. */
export function issueColumns(list: ListInfo): Map<IssueField, number[]> {
  const out = new Map<IssueField, number[]>();
  for (const [field, sources] of Object.entries(ISSUE_FIELD_SOURCES) as [IssueField, readonly string[]][]) {
    out.set(field, list.columns.filter((c) => c.field && sources.includes(c.field)).map((c) => c.index));
  }
  return out;
}

function placeIssues(issues: readonly CleanIssue[], columns: Map<IssueField, number[]>, withInfo: boolean): RecordIssue[] {
  return issues.filter((i) => withInfo || i.severity !== 'info').map((i) => ({ ...i, columns: columns.get(i.field) ?? [] }));
}

function gridRow(pos: number, rowNo: number, cells: string[], edits: Map<number, string> | undefined, clean: StoredClean | undefined, columns: Map<IssueField, number[]>): GridRow {
  const row: GridRow = { pos, rowNo, cells };
  if (edits && edits.size > 0) {
    row.cells = [...cells];
    for (const [col, value] of edits) row.cells[col] = value;
    row.edited = [...edits.keys()].sort((a, b) => a - b);
  }
  if (clean) {
    const r = decodeClean(clean);
    row.verdict = { mailable: r.mailable, emailable: r.emailable, callable: r.callable, quality: r.quality };
    const issues = placeIssues(r.issues, columns, false);
    if (issues.length > 0) row.issues = issues;
  }
  return row;
}

/** A row the list does not have; within its numbers, one lost when a damaged project was recovered (GridRow.lost). */
export function noSuchRow(list: ListInfo, rowNo: number): WinnowError {
  const why =
    rowNo >= 1 && rowNo <= list.rowCount
      ? `Row ${rowNo.toLocaleString('en-US')} of list "${list.name}" is gone: it was in a damaged part of the file when the project was recovered.`
      : `List "${list.name}" has no row ${rowNo}.`;
  return new WinnowError('NOT_FOUND', why, { listId: list.id, rowNo });
}

/**
 * Rows of a view: positions fromPos.. of the whole list (a rowid range seek) or of the rows with an issue code
 * (`filtered` holds their row numbers in order, worked out once per view by the caller).
 */
export function gridWindow(db: Db, list: ListInfo, fromPos: number, count: number, filtered: Float64Array | Uint32Array | null): GridRow[] {
  // The whole list is positioned by row number; a recovered project may miss some (see GridRow.lost), and a seek past
  // such a gap returns rows of later positions, which are not this window's.
  const last = Math.min(fromPos + count - 1, list.rowCount);
  const raw = filtered
    ? rowsByNumber(db, list.id, Array.from(filtered.subarray(fromPos - 1, fromPos - 1 + count)))
    : rowWindow(db, list.id, fromPos, count).filter((r) => r.rowNo <= last);
  const ids = raw.map((r) => recordId(list.id, r.rowNo));
  const edits = editsForIds(db, ids);
  const clean = list.clean ? cleanForIds(db, ids) : new Map<number, StoredClean>();
  const columns = issueColumns(list);
  const rows = raw.map((r, k) => {
    const id = ids[k]!;
    return gridRow(filtered ? fromPos + k : r.rowNo, r.rowNo, r.cells, edits.get(id), clean.get(id), columns);
  });
  if (filtered || rows.length === Math.max(0, last - fromPos + 1)) return rows;
  const out: GridRow[] = [];
  let k = 0;
  for (let rowNo = fromPos; rowNo <= last; rowNo++) {
    if (rows[k]?.rowNo === rowNo) out.push(rows[k++]!);
    else out.push({ pos: rowNo, rowNo, cells: [], lost: true });
  }
  return out;
}

/** Rows as the grid shows them, pos = rowNo, in the order given (for patching the grid after a change); missing rows are left out. */
function gridRowsByNumber(db: Db, list: ListInfo, rowNos: readonly number[]): GridRow[] {
  const raw = rowsByNumber(db, list.id, rowNos);
  const ids = raw.map((r) => recordId(list.id, r.rowNo));
  const edits = editsForIds(db, ids);
  const clean = cleanForIds(db, ids);
  const columns = issueColumns(list);
  return raw.map((r, k) => gridRow(r.rowNo, r.rowNo, r.cells, edits.get(ids[k]!), clean.get(ids[k]!), columns));
}

/** One row as the grid shows it, with pos = rowNo (for patching the grid after an edit). */
export function oneGridRow(db: Db, list: ListInfo, rowNo: number): GridRow {
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw noSuchRow(list, rowNo);
  const id = recordId(list.id, rowNo);
  return gridRow(rowNo, rowNo, rec.cells, editsForIds(db, [id]).get(id), getClean(db, id), issueColumns(list));
}

export function recordDetail(db: Db, list: ListInfo, rowNo: number): RecordDetail {
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw noSuchRow(list, rowNo);
  const id = recordId(list.id, rowNo);
  const edits = editsForIds(db, [id]).get(id) ?? new Map<number, string>();
  const stored = getClean(db, id);
  const detail: RecordDetail = {
    listId: list.id,
    rowNo,
    lineNo: rec.lineNo,
    columns: list.columns.map((c) => {
      const raw = rec.cells[c.index] ?? '';
      const edit = edits.get(c.index);
      return { index: c.index, name: c.name, field: c.field ?? null, raw, value: edit ?? raw, edited: edit !== undefined };
    }),
    clean: null,
  };
  if (stored) {
    const r = decodeClean(stored);
    detail.clean = {
      verdict: { mailable: r.mailable, emailable: r.emailable, callable: r.callable, quality: r.quality },
      qualityReasons: r.qualityReasons,
      normalized: normalizedForDisplay(r),
      issues: placeIssues(r.issues, issueColumns(list), true),
      nameKind: r.nameKind,
    };
  }
  return detail;
}

/** Rows read per query when many records change at once (keeps IN lists short). */
const CHUNK = 500;

/**
 * Cleans records again after their cells changed (each once, however many of its cells changed), keeping the list's
 * counts current. No-op for a list never cleaned. Call inside the transaction that changed the cells.
 */
function recleanRecords(db: Db, list: ListInfo, rowNos: readonly number[], tables: () => CleanTables): void {
  const saved = listCleanStats(db, list.id);
  if (!saved) return;
  const fields = fieldColumns(list);
  const t = tables();
  for (let k = 0; k < rowNos.length; k += CHUNK) {
    const recs = rowsByNumber(db, list.id, rowNos.slice(k, k + CHUNK));
    const ids = recs.map((r) => recordId(list.id, r.rowNo));
    const edits = editsForIds(db, ids);
    const old = cleanForIds(db, ids);
    recs.forEach((rec, j) => {
      const id = ids[j]!;
      const cells = [...rec.cells];
      for (const [col, value] of edits.get(id) ?? []) cells[col] = value;
      const before = old.get(id);
      if (before) tally(saved.stats, before, decodeClean(before).issues, -1);
      const r = withPostal(db, list, id, cells, cleanRecord(valuesOf(cells, fields), t));
      const e = encodeClean(r);
      putClean(db, id, e);
      tally(saved.stats, e, r.issues, 1);
    });
  }
  saveListClean(db, list.id, saved.stats, saved.cleanedAt);
}

const listIdOf = (recordIdValue: number) => Math.floor(recordIdValue / 2 ** 32);
const rowNoOf = (recordIdValue: number) => recordIdValue % 2 ** 32;

/** A step in words: its (first) change, and for a many-cell step what it was and how many cells it changed. */
function describe(db: Db, e: EditLogRow, cells = 1): EditInfo {
  const list = getList(db, listIdOf(e.recordId));
  const rowNo = rowNoOf(e.recordId);
  const raw = list ? (getRecord(db, list.id, rowNo)?.cells[e.col] ?? '') : '';
  const info: EditInfo = {
    seq: e.seq,
    listId: list?.id ?? listIdOf(e.recordId),
    listName: list?.name ?? '',
    rowNo,
    column: e.col,
    columnName: list?.columns.find((c) => c.index === e.col)?.name ?? `Column ${e.col + 1}`,
    before: e.before ?? raw,
    after: e.after ?? raw,
    at: e.at,
  };
  if (e.groupSeq !== null) info.group = { action: e.action ?? 'paste', cells };
  return info;
}

const cellCount = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'cell' : 'cells'}`;

export function editsState(db: Db): EditsState {
  const u = nextUndo(db);
  const r = nextRedo(db);
  const label = (verb: string, e: EditLogRow | undefined) => {
    if (!e) return null;
    if (e.groupSeq !== null) return `${verb} ${e.action ?? 'paste'} of ${cellCount(stepCells(db, e))}`;
    const d = describe(db, e);
    return `${verb} edit of "${d.columnName}" in row ${d.rowNo}`;
  };
  return { canUndo: !!u, canRedo: !!r, undoLabel: label('Undo', u), redoLabel: label('Redo', r) };
}

/** Sets a cell's current value (the imported value stays), records it for undo, and re-cleans the record. */
export function editCell(db: Db, list: ListInfo, rowNo: number, column: number, value: string, tables: () => CleanTables): { row: GridRow; edits: EditsState } {
  if (!list.columns.some((c) => c.index === column)) {
    throw new WinnowError('INVALID_INPUT', `List "${list.name}" has no column ${column + 1}.`, { listId: list.id, column });
  }
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw noSuchRow(list, rowNo);
  db.transaction(() => {
    // Typing the imported value back removes the edit rather than storing a copy of it.
    applyEdit(db, recordId(list.id, rowNo), column, value === (rec.cells[column] ?? '') ? null : value);
    recleanRecords(db, list, [rowNo], tables);
  })();
  return { row: oneGridRow(db, list, rowNo), edits: editsState(db) };
}

/**
 * Sets many cells of a list as one step of the undo history (a paste, clear or fill). Cells already holding the value are
 * skipped; a later cell of the same row and column wins. A row or column the list lacks rejects the whole call before
 * anything changes. Each changed record is re-cleaned once. rows: the changed rows now, in row order, capped.
 */
export function editCells(
  db: Db,
  list: ListInfo,
  cells: readonly { rowNo: number; column: number; value: string }[],
  action: EditAction,
  tables: () => CleanTables,
): { changed: number; rows: GridRow[]; edits: EditsState } {
  const columns = new Set(list.columns.map((c) => c.index));
  const byRow = new Map<number, Map<number, string>>();
  for (const c of cells) {
    if (!columns.has(c.column)) throw new WinnowError('INVALID_INPUT', `List "${list.name}" has no column ${c.column + 1}.`, { listId: list.id, column: c.column });
    let row = byRow.get(c.rowNo);
    if (!row) byRow.set(c.rowNo, (row = new Map()));
    row.set(c.column, c.value);
  }
  const rowNos = [...byRow.keys()].sort((a, b) => a - b);
  const changedRows: number[] = [];
  let changed = 0;
  db.transaction(() => {
    // Read everything first: a missing row throws before anything is written (and the transaction would undo it anyway).
    const changes: CellChange[] = [];
    for (let k = 0; k < rowNos.length; k += CHUNK) {
      const chunk = rowNos.slice(k, k + CHUNK);
      const recs = rowsByNumber(db, list.id, chunk);
      if (recs.length < chunk.length) {
        const found = new Set(recs.map((r) => r.rowNo));
        const first = chunk.find((n) => !found.has(n))!;
        const missing = rowNos.length - existingRows(db, list.id, rowNos);
        const more = missing > 1 ? ` (nor ${(missing - 1).toLocaleString('en-US')} other rows of the ${action})` : '';
        throw new WinnowError('NOT_FOUND', `List "${list.name}" has no row ${first}${more}; nothing was changed.`, { listId: list.id, rowNo: first, missingRows: missing });
      }
      const ids = recs.map((r) => recordId(list.id, r.rowNo));
      const edits = editsForIds(db, ids);
      recs.forEach((rec, j) => {
        const id = ids[j]!;
        let rowChanged = false;
        for (const [col, value] of [...byRow.get(rec.rowNo)!].sort((a, b) => a[0] - b[0])) {
          const raw = rec.cells[col] ?? '';
          if (value === (edits.get(id)?.get(col) ?? raw)) continue;
          // The imported value back removes the edit rather than storing a copy of it.
          changes.push({ recordId: id, col, after: value === raw ? null : value });
          rowChanged = true;
        }
        if (rowChanged) changedRows.push(rec.rowNo);
      });
    }
    if (changes.length === 0) return;
    applyEditGroup(db, changes, action);
    recleanRecords(db, list, changedRows, tables);
    changed = changes.length;
  })();
  return { changed, rows: gridRowsByNumber(db, list, changedRows.slice(0, MAX_PATCH_ROWS)), edits: editsState(db) };
}

/** How many of these rows the list has (for the error that names the rows it lacks). */
function existingRows(db: Db, listId: number, rowNos: readonly number[]): number {
  let n = 0;
  for (let k = 0; k < rowNos.length; k += CHUNK) n += rowsByNumber(db, listId, rowNos.slice(k, k + CHUNK)).length;
  return n;
}

/** Undo (or redo) the latest step in the project, one cell or a whole group, in one transaction; re-cleans each record once. */
export function stepHistory(db: Db, direction: 'undo' | 'redo', tables: () => CleanTables): { edit: EditInfo | null; row: GridRow | null; rows: GridRow[]; edits: EditsState } {
  const e = direction === 'undo' ? nextUndo(db) : nextRedo(db);
  if (!e) return { edit: null, row: null, rows: [], edits: editsState(db) };
  const entries = stepEntries(db, e);
  const head = entries[0]!;
  const list = getList(db, listIdOf(head.recordId));
  const rowNos = [...new Set(entries.map((x) => rowNoOf(x.recordId)))].sort((a, b) => a - b);
  db.transaction(() => {
    if (direction === 'undo') undoEdits(db, entries);
    else redoEdits(db, entries);
    if (list) recleanRecords(db, list, rowNos, tables);
  })();
  const rows = list ? gridRowsByNumber(db, list, rowNos.slice(0, MAX_PATCH_ROWS)) : [];
  const headRow = rowNoOf(head.recordId);
  return { edit: describe(db, head, entries.length), row: rows.find((r) => r.rowNo === headRow) ?? null, rows, edits: editsState(db) };
}

export function historyOf(db: Db, limit: number, listId?: number): (EditInfo & { undone: boolean })[] {
  return editHistory(db, limit, listId).map((e) => ({ ...describe(db, e, e.cells), undone: e.undone }));
}
