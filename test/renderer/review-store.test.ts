// Editing and reviewing through the engine: an edit publishes the engine's row for the grid and the new undo state; undo of
// an edit in another list selects that list; undo keys pressed quickly apply in order; the issue filter takes the engine's count.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditsState, GridRow, ListInfo, ProjectInfo } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { useAppStore } from '../../renderer/src/state/app-store';
import { editCell, resetReview, rowsChanged, setIssueFilter, stepHistory, useReviewStore } from '../../renderer/src/state/review-store';
import { useToastStore } from '../../renderer/src/state/toast-store';

const list = (id: number): ListInfo => ({
  id,
  name: `list ${id}`,
  role: 'prospects',
  sourceFile: null,
  sourceSize: null,
  importedAt: '2026-01-01T00:00:00Z',
  rowCount: 10,
  columns: [{ index: 0, name: 'Email' }],
  format: null,
  details: {},
  problemCount: 0,
  clean: null,
});
const project: ProjectInfo = { projectId: 'p1', name: 'P', location: '/x/P.winnow', schemaVersion: 1, lists: [list(1), list(2)] };
const canUndo: EditsState = { canUndo: true, canRedo: false, undoLabel: 'Undo edit of "Email" in row 3', redoLabel: null };
const row = (rowNo: number, email: string): GridRow => ({ pos: rowNo, rowNo, cells: [email], edited: [0], issues: [] });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let invoke: ReturnType<typeof vi.fn>;
beforeEach(() => {
  resetReview();
  useToastStore.setState({ toasts: [] });
  useAppStore.setState({ project, selectedListId: 1, listView: 'rows' });
  invoke = vi.fn();
  setApi({ invoke } as unknown as RendererClient);
});

describe('editCell', () => {
  it('sends the edit and publishes the row the engine answers with, and the undo state', async () => {
    invoke.mockImplementation((method: string) => {
      if (method === 'records.edit') return Promise.resolve({ row: row(3, 'x@gmail.com'), edits: canUndo });
      if (method === 'project.info') return Promise.resolve(project);
      return Promise.reject(new Error(method));
    });
    const r = await editCell({ projectId: 'p1', listId: 1, rowNo: 3, column: 0, value: 'x@gmail.com' });
    expect(invoke).toHaveBeenCalledWith('records.edit', { projectId: 'p1', listId: 1, rowNo: 3, column: 0, value: 'x@gmail.com' });
    expect(r?.cells).toEqual(['x@gmail.com']);
    const s = useReviewStore.getState();
    expect(s.edits).toEqual(canUndo);
    expect(s.rowUpdate).toMatchObject({ listId: 1, row: { rowNo: 3, cells: ['x@gmail.com'] } });
  });

  it('says why in a toast and resolves null when the engine refuses', async () => {
    invoke.mockImplementation(() => Promise.reject(new Error('nope')));
    expect(await editCell({ projectId: 'p1', listId: 1, rowNo: 3, column: 0, value: 'v' })).toBeNull();
    expect(useToastStore.getState().toasts[0]).toMatchObject({ tone: 'error', title: 'Could not change the cell' });
    expect(useReviewStore.getState().rowUpdate).toBeNull();
  });
});

describe('stepHistory', () => {
  it('undoes an edit made in another list: that list is selected and its row published', async () => {
    useReviewStore.setState({ edits: canUndo });
    const edit = { seq: 4, listId: 2, listName: 'list 2', rowNo: 3, column: 0, columnName: 'Email', before: 'x@gmial.com', after: 'x@gmail.com', at: '' };
    invoke.mockImplementation((method: string) => {
      if (method === 'edits.undo') return Promise.resolve({ edit, row: row(3, 'x@gmial.com'), edits: { canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Redo' } });
      if (method === 'project.info') return Promise.resolve(project);
      return Promise.reject(new Error(method));
    });
    await stepHistory('p1', 'undo');
    expect(useAppStore.getState().selectedListId).toBe(2);
    const s = useReviewStore.getState();
    expect(s.rowUpdate).toMatchObject({ listId: 2, row: { cells: ['x@gmial.com'] } });
    expect(s.edits.canRedo).toBe(true);
    expect(s.historyBusy).toBe(false);
  });

  it('does nothing when there is nothing to undo, and ignores a second press while one is on its way', async () => {
    await stepHistory('p1', 'undo');
    expect(invoke).not.toHaveBeenCalled();
    useReviewStore.setState({ edits: canUndo });
    const d = deferred<unknown>();
    invoke.mockImplementation((method: string) => (method === 'edits.undo' ? d.promise : Promise.resolve(project)));
    const first = stepHistory('p1', 'undo');
    await stepHistory('p1', 'undo');
    expect(invoke.mock.calls.filter((c) => c[0] === 'edits.undo')).toHaveLength(1);
    d.resolve({ edit: null, row: null, edits: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null } });
    await first;
    expect(useReviewStore.getState().edits.canUndo).toBe(false);
  });
});

describe('issue filter', () => {
  it('asks the engine how many rows have the issue, and a clean drops the filter and refetches', async () => {
    invoke.mockResolvedValue({ listId: 1, total: 2, rows: [] });
    await setIssueFilter('p1', 1, { code: 'email.typo', field: 'email', severity: 'warning', label: 'Likely e-mail typo', records: 3 });
    expect(invoke).toHaveBeenCalledWith('lists.rows', { projectId: 'p1', listId: 1, fromRow: 1, count: 1, issue: 'email.typo' });
    expect(useReviewStore.getState().filter).toEqual({ listId: 1, code: 'email.typo', label: 'Likely e-mail typo', severity: 'warning', total: 2 });
    const v = useReviewStore.getState().rowsVersion;
    rowsChanged();
    expect(useReviewStore.getState().filter).toBeNull();
    expect(useReviewStore.getState().rowsVersion).toBe(v + 1);
  });
});
