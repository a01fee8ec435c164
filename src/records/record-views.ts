// What the grid and the record drawer read about records: current cell values (edits over raw), verdicts and issues placed on columns; and cell edits with undo/redo that re-clean the record.
import { WinnowError, type EditInfo, type EditsState, type GridRow, type IssueField, type ListInfo, type RecordDetail, type RecordIssue } from '../api/contract';
import { cleanRecord, ISSUE_FIELD_SOURCES, normalizedForDisplay, type CleanIssue, type CleanTables } from '../domain/clean-record';
import { fieldColumns } from '../jobs/clean-list';
import { valuesOf } from '../jobs/clean-batch';
import { cleanForIds, decodeClean, encodeClean, getClean, listCleanStats, putClean, saveListClean, tally, type StoredClean } from '../store/clean';
import type { Db } from '../store/db';
import { applyEdit, editHistory, editsForIds, nextRedo, nextUndo, redoEdit, undoEdit, type EditLogRow } from '../store/edits';
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

/**
 * Rows of a view: positions fromPos.. of the whole list (a rowid range seek) or of the rows with an issue code
 * (`filtered` holds their row numbers in order, worked out once per view by the caller).
 */
export function gridWindow(db: Db, list: ListInfo, fromPos: number, count: number, filtered: Float64Array | Uint32Array | null): GridRow[] {
  const raw = filtered
    ? rowsByNumber(db, list.id, Array.from(filtered.subarray(fromPos - 1, fromPos - 1 + count)))
    : rowWindow(db, list.id, fromPos, count);
  const ids = raw.map((r) => recordId(list.id, r.rowNo));
  const edits = editsForIds(db, ids);
  const clean = list.clean ? cleanForIds(db, ids) : new Map<number, StoredClean>();
  const columns = issueColumns(list);
  return raw.map((r, k) => {
    const id = ids[k]!;
    return gridRow(filtered ? fromPos + k : r.rowNo, r.rowNo, r.cells, edits.get(id), clean.get(id), columns);
  });
}

/** One row as the grid shows it, with pos = rowNo (for patching the grid after an edit). */
export function oneGridRow(db: Db, list: ListInfo, rowNo: number): GridRow {
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw new WinnowError('NOT_FOUND', `List "${list.name}" has no row ${rowNo}.`, { listId: list.id, rowNo });
  const id = recordId(list.id, rowNo);
  return gridRow(rowNo, rowNo, rec.cells, editsForIds(db, [id]).get(id), getClean(db, id), issueColumns(list));
}

export function recordDetail(db: Db, list: ListInfo, rowNo: number): RecordDetail {
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw new WinnowError('NOT_FOUND', `List "${list.name}" has no row ${rowNo}.`, { listId: list.id, rowNo });
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

/** The record's current cells: raw with the user's edits applied. */
function currentCells(db: Db, list: ListInfo, rowNo: number): string[] {
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw new WinnowError('NOT_FOUND', `List "${list.name}" has no row ${rowNo}.`, { listId: list.id, rowNo });
  const id = recordId(list.id, rowNo);
  const cells = [...rec.cells];
  for (const [col, value] of editsForIds(db, [id]).get(id) ?? []) cells[col] = value;
  return cells;
}

/** Cleans one record again after its cells changed, keeping the list's counts current. No-op for a list never cleaned. */
function recleanRecord(db: Db, list: ListInfo, rowNo: number, tables: () => CleanTables): void {
  const saved = listCleanStats(db, list.id);
  if (!saved) return;
  const id = recordId(list.id, rowNo);
  const old = getClean(db, id);
  if (old) tally(saved.stats, old, decodeClean(old).issues, -1);
  const r = cleanRecord(valuesOf(currentCells(db, list, rowNo), fieldColumns(list)), tables());
  const e = encodeClean(r);
  putClean(db, id, e);
  tally(saved.stats, e, r.issues, 1);
  saveListClean(db, list.id, saved.stats, saved.cleanedAt);
}

const listIdOf = (recordIdValue: number) => Math.floor(recordIdValue / 2 ** 32);
const rowNoOf = (recordIdValue: number) => recordIdValue % 2 ** 32;

function describe(db: Db, e: EditLogRow): EditInfo {
  const list = getList(db, listIdOf(e.recordId));
  const rowNo = rowNoOf(e.recordId);
  const raw = list ? (getRecord(db, list.id, rowNo)?.cells[e.col] ?? '') : '';
  return {
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
}

export function editsState(db: Db): EditsState {
  const u = nextUndo(db);
  const r = nextRedo(db);
  const label = (verb: string, e: EditLogRow | undefined) => {
    if (!e) return null;
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
  if (!rec) throw new WinnowError('NOT_FOUND', `List "${list.name}" has no row ${rowNo}.`, { listId: list.id, rowNo });
  db.transaction(() => {
    // Typing the imported value back removes the edit rather than storing a copy of it.
    applyEdit(db, recordId(list.id, rowNo), column, value === (rec.cells[column] ?? '') ? null : value);
    recleanRecord(db, list, rowNo, tables);
  })();
  return { row: oneGridRow(db, list, rowNo), edits: editsState(db) };
}

/** Undo (or redo) the latest change in the project, re-cleaning its record. */
export function stepHistory(db: Db, direction: 'undo' | 'redo', tables: () => CleanTables): { edit: EditInfo | null; row: GridRow | null; edits: EditsState } {
  const e = direction === 'undo' ? nextUndo(db) : nextRedo(db);
  if (!e) return { edit: null, row: null, edits: editsState(db) };
  const list = getList(db, listIdOf(e.recordId));
  const rowNo = rowNoOf(e.recordId);
  db.transaction(() => {
    if (direction === 'undo') undoEdit(db, e);
    else redoEdit(db, e);
    if (list) recleanRecord(db, list, rowNo, tables);
  })();
  return { edit: describe(db, e), row: list ? oneGridRow(db, list, rowNo) : null, edits: editsState(db) };
}

export function historyOf(db: Db, limit: number, listId?: number): (EditInfo & { undone: boolean })[] {
  return editHistory(db, limit, listId).map((e) => ({ ...describe(db, e), undone: e.undone }));
}
