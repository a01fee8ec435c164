// Reviewing a cleaned list: undo/redo state, the grid's issue filter, the issue kinds menu, the record drawer, and the rows the
// engine changed (edits, undo, redo) for the grid to patch in place. Holds no list data beyond the one row in flight.
import { create } from 'zustand';
import type { EditsState, GridRow, IssueKindCount } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { selectList, useAppStore } from './app-store';
import { reportError } from './toast-store';

export interface IssueFilter {
  listId: number;
  code: string;
  label: string;
  severity: IssueKindCount['severity'];
  /** Rows in the filtered view when it was chosen. */
  total: number;
}

export interface RowUpdate {
  /** Bumped on every update, so the same row changed twice is patched twice. */
  seq: number;
  listId: number;
  row: GridRow;
}

interface ReviewState {
  edits: EditsState;
  filter: IssueFilter | null;
  /** The issue kinds of one list, for the filter menu (null until asked for). */
  kinds: { listId: number; cleaned: boolean; kinds: IssueKindCount[] } | null;
  rowUpdate: RowUpdate | null;
  /** Many rows the engine changed at once (a paste, its undo), for the grid to patch in place. */
  rowsUpdate: RowsUpdate | null;
  /** Bumped when a list's rows changed wholesale (a clean finished): the grid fetches them again. */
  rowsVersion: number;
  drawerOpen: boolean;
  /** An undo or redo is on its way (a second key press waits for it, so they apply in order). */
  historyBusy: boolean;
}

export interface RowsUpdate {
  seq: number;
  listId: number;
  rows: readonly GridRow[];
}

export const NO_EDITS: EditsState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

export const useReviewStore = create<ReviewState>()(() => ({
  edits: NO_EDITS,
  filter: null,
  kinds: null,
  rowUpdate: null,
  rowsUpdate: null,
  rowsVersion: 0,
  drawerOpen: false,
  historyBusy: false,
}));

let seq = 0;
function publishRow(listId: number, row: GridRow | null): void {
  if (row) useReviewStore.setState({ rowUpdate: { seq: ++seq, listId, row } });
}

function publishRows(listId: number, rows: readonly GridRow[] | undefined): void {
  if (rows && rows.length > 0) useReviewStore.setState({ rowsUpdate: { seq: ++seq, listId, rows } });
}

/** For a new project (or tests): forget everything. */
export function resetReview(): void {
  useReviewStore.setState({ edits: NO_EDITS, filter: null, kinds: null, rowUpdate: null, rowsUpdate: null, drawerOpen: false, historyBusy: false });
}

export async function loadEditsState(projectId: string): Promise<void> {
  try {
    const edits = await api().invoke('edits.state', { projectId });
    if (useAppStore.getState().project?.projectId === projectId) useReviewStore.setState({ edits });
  } catch (err) {
    reportError('Could not read the undo history', err);
  }
}

/** Sets a cell's value through the engine; the grid gets the row back as the engine now has it (re-cleaned). Null on failure. */
export async function editCell(input: { projectId: string; listId: number; rowNo: number; column: number; value: string }): Promise<GridRow | null> {
  try {
    const { row, edits } = await api().invoke('records.edit', input);
    useReviewStore.setState({ edits });
    // The list's clean summary (mailable, with issues...) moves too: the engine's project.changed event refreshes it.
    publishRow(input.listId, row);
    return row;
  } catch (err) {
    reportError('Could not change the cell', err);
    return null;
  }
}

/**
 * Writes many cells in one step (a paste, clearing a range); one undo takes it all back. Resolves with the changed rows as
 * the engine now has them (re-cleaned), or null on failure.
 */
export async function editCells(input: { projectId: string; listId: number; cells: { rowNo: number; col: number; value: string }[]; kind: 'paste' | 'clear' }): Promise<readonly GridRow[] | null> {
  try {
    const r = await api().invoke('records.editMany', {
      projectId: input.projectId,
      listId: input.listId,
      cells: input.cells.map((c) => ({ rowNo: c.rowNo, column: c.col, value: c.value })),
      label: input.kind,
    });
    useReviewStore.setState({ edits: r.edits });
    return r.rows;
  } catch (err) {
    reportError(input.kind === 'clear' ? 'Could not clear the cells' : 'Could not paste', err);
    return null;
  }
}

/** Undo or redo the project's last edit; the row changes in place, and its list is selected if it is another one. */
export async function stepHistory(projectId: string, direction: 'undo' | 'redo'): Promise<void> {
  const s = useReviewStore.getState();
  if (s.historyBusy || !(direction === 'undo' ? s.edits.canUndo : s.edits.canRedo)) return;
  useReviewStore.setState({ historyBusy: true });
  try {
    const r = await api().invoke(direction === 'undo' ? 'edits.undo' : 'edits.redo', { projectId });
    useReviewStore.setState({ edits: r.edits });
    if (r.edit) {
      if (useAppStore.getState().selectedListId !== r.edit.listId) selectList(r.edit.listId);
      publishRow(r.edit.listId, r.row);
      if (r.rows && r.rows.length > 1) publishRows(r.edit.listId, r.rows);
    }
  } catch (err) {
    reportError(direction === 'undo' ? 'Could not undo' : 'Could not redo', err);
  } finally {
    useReviewStore.setState({ historyBusy: false });
  }
}

export async function loadIssueKinds(projectId: string, listId: number): Promise<void> {
  try {
    const r = await api().invoke('lists.issues', { projectId, listId });
    useReviewStore.setState({ kinds: { listId, cleaned: r.cleaned, kinds: r.kinds } });
  } catch (err) {
    reportError('Could not read the kinds of issues', err);
  }
}

/** Shows only the rows with findings of this kind (the engine counts them). */
export async function setIssueFilter(projectId: string, listId: number, kind: IssueKindCount): Promise<void> {
  try {
    const w = await api().invoke('lists.rows', { projectId, listId, fromRow: 1, count: 1, issue: kind.code });
    useReviewStore.setState({ filter: { listId, code: kind.code, label: kind.label, severity: kind.severity, total: w.total } });
  } catch (err) {
    reportError(`Could not show the rows with “${kind.label}”`, err);
  }
}

export function clearIssueFilter(): void {
  useReviewStore.setState({ filter: null });
}

/** After a clean: the findings changed, so the filter and the kinds go, and the grid fetches its rows again. */
export function rowsChanged(): void {
  useReviewStore.setState((s) => ({ filter: null, kinds: null, rowsVersion: s.rowsVersion + 1 }));
}

export function setDrawerOpen(drawerOpen: boolean): void {
  useReviewStore.setState({ drawerOpen });
}

export function toggleDrawer(): void {
  useReviewStore.setState((s) => ({ drawerOpen: !s.drawerOpen }));
}
