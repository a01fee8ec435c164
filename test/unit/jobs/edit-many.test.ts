// Many-cell edits (paste, clear, fill) through the service: one step in the undo history, re-cleaned records, all-or-nothing.
import { describe, expect, it } from 'vitest';
import { MAX_PATCH_ROWS, type GridRow } from '../../../src/api/contract';
import { allRows, cleanupAfterEach, expectCode, importFile, newProject, writeFile, type TestProject } from '../../fixtures/helpers';

cleanupAfterEach();

const CSV = [
  'Name,Company,Email,Phone,Street,City,ST,ZIP,Notes',
  '"SMITH, JOHN A",,john.smith@gmial.com,(212) 555-2368,123 North Main Street Apartment 4B,New York,NY,10001,first',
  'Mary O\'Neil,Acme Mfg. Co.,mary@acme-mfg.com,212-555-0198 x12,P.O. BOX 12,Boston,MA,2108,second',
  'Jim Beam,,jim@mailinator.com,555-2368,1600 Pennsylvania Ave NW,Washington,DC,20500,third',
  'ACME Corporation,,info@acme.com,,RR 2 BOX 15,Springfield,IL,62701,fourth',
  'Ann Lee,,ann.lee@gmail.com,+1 617 555 0142,12 Elm St,Boston,NY,02108,zip in another state',
].join('\r\n');
const EMAIL = 2;
const PHONE = 3;

const PEOPLE_MAPPING = [
  { index: 0, field: 'full_name' },
  { index: 4, field: 'address1' },
  { index: 6, field: 'state' },
] as const;

async function cleanedList(csv = CSV, mapping: readonly { index: number; field: 'full_name' | 'address1' | 'state' }[] = PEOPLE_MAPPING): Promise<{ t: TestProject; listId: number }> {
  const t = await newProject();
  const imported = await importFile(t, writeFile(t.dir, 'people.csv', csv), 'People', { mapping: [...mapping] });
  expect(imported.status, imported.error?.message).toBe('done');
  const listId = (imported.result as { listId: number }).listId;
  const { jobId } = await t.service.invoke('clean.start', { projectId: t.projectId, listId });
  const job = await t.service.invoke('jobs.wait', { jobId });
  expect(job.status, job.error?.message).toBe('done');
  return { t, listId };
}

/** Everything the grid and the list summary show of a list: rows with verdicts and issues, the clean counts, the issue kinds. */
async function snapshot(t: TestProject, listId: number) {
  const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 1000 });
  const info = await t.service.invoke('project.info', { projectId: t.projectId });
  const kinds = await t.service.invoke('lists.issues', { projectId: t.projectId, listId });
  return { rows: w.rows, clean: info.lists.find((l) => l.id === listId)!.clean, kinds: kinds.kinds };
}

/** A pasted range: rows from `firstRow`, columns from `firstColumn`, values row by row (as copied from a spreadsheet). */
function range(firstRow: number, firstColumn: number, values: string[][]) {
  return values.flatMap((cells, r) => cells.map((value, c) => ({ rowNo: firstRow + r, column: firstColumn + c, value })));
}

const PASTE_3x2 = range(1, EMAIL, [
  ['john.smith@gmail.com', '212-555-0100'],
  ['not an e-mail', ''],
  ['jim@beam.com', '(202) 555-0111'],
]);

describe('records.editMany', () => {
  it('pastes a 3×2 range as one step: one undo restores all six cells and the clean verdicts, redo re-applies them', async () => {
    const { t, listId } = await cleanedList();
    const projectId = t.projectId;
    const before = await snapshot(t, listId);

    const pasted = await t.service.invoke('records.editMany', { projectId, listId, cells: PASTE_3x2 });
    expect(pasted.changed).toBe(6);
    expect(pasted.rows.map((r) => [r.pos, r.rowNo, r.cells[EMAIL], r.cells[PHONE], r.edited])).toEqual([
      [1, 1, 'john.smith@gmail.com', '212-555-0100', [EMAIL, PHONE]],
      [2, 2, 'not an e-mail', '', [EMAIL, PHONE]],
      [3, 3, 'jim@beam.com', '(202) 555-0111', [EMAIL, PHONE]],
    ]);
    // Each record was cleaned again: the typo is gone from row 1, row 2 lost its e-mail and phone.
    expect(pasted.rows[0]!.issues?.some((i) => i.code === 'email.typo') ?? false).toBe(false);
    expect(pasted.rows[0]!.verdict?.emailable).toBe(true);
    expect(pasted.rows[1]!.verdict).toEqual(expect.objectContaining({ emailable: false, callable: false }));
    expect(pasted.edits).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo paste of 6 cells', redoLabel: null });
    const after = await snapshot(t, listId);
    expect(after.rows.slice(0, 3)).toEqual(pasted.rows);
    expect(after.clean).not.toEqual(before.clean);
    expect(after.rows.slice(3)).toEqual(before.rows.slice(3));

    const history = await t.service.invoke('edits.history', { projectId, listId });
    expect(history.edits).toEqual([expect.objectContaining({ rowNo: 1, column: EMAIL, columnName: 'Email', before: 'john.smith@gmial.com', after: 'john.smith@gmail.com', undone: false, group: { action: 'paste', cells: 6 } })]);

    const undone = await t.service.invoke('edits.undo', { projectId });
    expect(undone.edit).toEqual(expect.objectContaining({ listId, rowNo: 1, column: EMAIL, group: { action: 'paste', cells: 6 } }));
    expect(undone.row?.rowNo).toBe(1);
    expect(undone.rows.map((r) => r.rowNo)).toEqual([1, 2, 3]);
    expect(undone.edits).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Redo paste of 6 cells' });
    const restored = await snapshot(t, listId);
    expect(restored).toEqual(before);
    expect(undone.rows).toEqual(before.rows.slice(0, 3));

    const redone = await t.service.invoke('edits.redo', { projectId });
    expect(redone.edit?.group).toEqual({ action: 'paste', cells: 6 });
    expect(redone.rows).toEqual(pasted.rows);
    expect(redone.edits).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo paste of 6 cells', redoLabel: null });
    expect(await snapshot(t, listId)).toEqual(after);
    expect((await t.service.invoke('edits.redo', { projectId })).edit).toBeNull();
  });

  it('a paste after an undo drops the redo history', async () => {
    const { t, listId } = await cleanedList();
    const projectId = t.projectId;
    await t.service.invoke('records.editMany', { projectId, listId, cells: PASTE_3x2 });
    await t.service.invoke('edits.undo', { projectId });
    const cleared = await t.service.invoke('records.editMany', { projectId, listId, cells: range(4, EMAIL, [['', '']]), label: 'clear' });
    // Row 4 has no phone: only its e-mail changed.
    expect(cleared.changed).toBe(1);
    expect(cleared.edits).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo clear of 1 cell', redoLabel: null });
    expect((await t.service.invoke('edits.redo', { projectId })).edit).toBeNull();
    const { edits } = await t.service.invoke('edits.history', { projectId });
    expect(edits).toEqual([expect.objectContaining({ rowNo: 4, column: EMAIL, after: '', group: { action: 'clear', cells: 1 } })]);
    // The undone paste is gone for good: undoing the clear leaves nothing to undo.
    expect((await t.service.invoke('edits.undo', { projectId })).edits.canUndo).toBe(false);
  });

  it('skips cells that already hold the value, and logs nothing when no cell changes', async () => {
    const { t, listId } = await cleanedList();
    const projectId = t.projectId;
    const r = await t.service.invoke('records.editMany', {
      projectId,
      listId,
      label: 'fill',
      cells: [
        { rowNo: 1, column: PHONE, value: '(212) 555-2368' }, // the imported value
        { rowNo: 2, column: PHONE, value: '617-555-0000' },
        { rowNo: 3, column: PHONE, value: '555-2368' }, // the imported value
        { rowNo: 4, column: PHONE, value: 'typed first' },
        { rowNo: 4, column: PHONE, value: '617-555-0000' }, // the same cell again: the later value wins
      ],
    });
    expect(r.changed).toBe(2);
    expect(r.rows.map((x) => [x.rowNo, x.cells[PHONE]])).toEqual([
      [2, '617-555-0000'],
      [4, '617-555-0000'],
    ]);
    expect(r.edits.undoLabel).toBe('Undo fill of 2 cells');
    // The same fill again changes nothing: no new step, the undo label stays.
    const again = await t.service.invoke('records.editMany', { projectId, listId, label: 'fill', cells: [2, 4].map((rowNo) => ({ rowNo, column: PHONE, value: '617-555-0000' })) });
    expect(again).toEqual({ changed: 0, rows: [], edits: r.edits });
    expect((await t.service.invoke('edits.history', { projectId })).edits).toHaveLength(1);
    // Typing an edited cell's imported value back removes the edit, as records.edit does.
    const back = await t.service.invoke('records.editMany', { projectId, listId, cells: [{ rowNo: 2, column: PHONE, value: '212-555-0198 x12' }] });
    expect(back.changed).toBe(1);
    expect(back.rows[0]!.edited).toBeUndefined();
  });

  it('rejects the whole batch when a row or column is outside the list, with nothing applied', async () => {
    const { t, listId } = await cleanedList();
    const projectId = t.projectId;
    // A redo history that a successful paste would drop.
    await t.service.invoke('records.edit', { projectId, listId, rowNo: 5, column: 7, value: '10001' });
    await t.service.invoke('edits.undo', { projectId });
    const before = await snapshot(t, listId);
    const state = await t.service.invoke('edits.state', { projectId });
    expect(state.canRedo).toBe(true);

    // 40 rows pasted from row 3 of a 5-row list.
    const tooLong = range(3, EMAIL, Array.from({ length: 40 }, (_, k) => [`p${k}@example.com`, `212-555-${String(1000 + k)}`]));
    const err = await expectCode(t.service.invoke('records.editMany', { projectId, listId, cells: tooLong }), 'NOT_FOUND');
    expect(err.message).toBe('List "People" has no row 6 (nor 36 other rows of the paste); nothing was changed.');
    expect(err.details).toEqual(expect.objectContaining({ listId, rowNo: 6, missingRows: 37 }));
    const badColumn = await expectCode(t.service.invoke('records.editMany', { projectId, listId, cells: [...PASTE_3x2, { rowNo: 1, column: 9, value: 'x' }] }), 'INVALID_INPUT');
    expect(badColumn.message).toMatch(/has no column 10/);
    await expectCode(t.service.invoke('records.editMany', { projectId, listId: 99, cells: PASTE_3x2 }), 'NOT_FOUND');
    await expectCode(t.service.invoke('records.editMany', { projectId, listId, cells: [] }), 'INVALID_INPUT');

    expect(await snapshot(t, listId)).toEqual(before);
    expect(await t.service.invoke('edits.state', { projectId })).toEqual(state);
    expect((await t.service.invoke('edits.history', { projectId })).edits).toHaveLength(1);
  });

  it('pastes 5,000 cells as one group, returns at most MAX_PATCH_ROWS rows, and one undo restores every cell and count', async () => {
    const header = 'Name,Email,ZIP';
    const lines = Array.from({ length: 2500 }, (_, k) => `Person ${k + 1},person${k + 1}@example.com,${String(10000 + k)}`);
    const { t, listId } = await cleanedList([header, ...lines].join('\n'), [{ index: 0, field: 'full_name' }]);
    const projectId = t.projectId;
    const before = await snapshot(t, listId);
    expect(before.clean?.rows).toBe(2500);
    const cellsBefore = await allRows(t, listId);

    const cells = range(1, 1, Array.from({ length: 2500 }, (_, k) => [`new${k + 1}@example.org`, String(20000 + k)]));
    expect(cells).toHaveLength(5000);
    const pasted = await t.service.invoke('records.editMany', { projectId, listId, cells });
    expect(pasted.changed).toBe(5000);
    expect(pasted.rows).toHaveLength(MAX_PATCH_ROWS);
    expect(pasted.rows.map((r) => r.rowNo)).toEqual(Array.from({ length: MAX_PATCH_ROWS }, (_, k) => k + 1));
    expect(pasted.edits.undoLabel).toBe('Undo paste of 5,000 cells');
    const pastedRows = await allRows(t, listId);
    expect(pastedRows[2499]).toEqual(['Person 2500', 'new2500@example.org', '22499']);
    const { edits } = await t.service.invoke('edits.history', { projectId, listId });
    expect(edits).toEqual([expect.objectContaining({ rowNo: 1, column: 1, group: { action: 'paste', cells: 5000 } })]);

    const undone = await t.service.invoke('edits.undo', { projectId });
    expect(undone.rows).toHaveLength(MAX_PATCH_ROWS);
    expect(undone.edits.canUndo).toBe(false);
    expect(await allRows(t, listId)).toEqual(cellsBefore);
    expect(await snapshot(t, listId)).toEqual(before);
    await t.service.invoke('edits.redo', { projectId });
    expect(await allRows(t, listId)).toEqual(pastedRows);
  });

  it('keeps single-cell records.edit working, with undo and redo interleaved with groups', async () => {
    const { t, listId } = await cleanedList();
    const projectId = t.projectId;
    const rowsNow = async () => (await t.service.invoke('lists.rows', { projectId, listId, fromRow: 1, count: 10 })).rows.map((r) => r.cells);
    const s0 = await rowsNow();
    const a = await t.service.invoke('records.edit', { projectId, listId, rowNo: 5, column: 7, value: '10001' });
    expect(a.edits.undoLabel).toBe('Undo edit of "ZIP" in row 5');
    const s1 = await rowsNow();
    const g = await t.service.invoke('records.editMany', { projectId, listId, cells: PASTE_3x2 });
    expect(g.edits.undoLabel).toBe('Undo paste of 6 cells');
    const s2 = await rowsNow();
    // A single edit of a cell the paste changed: undo must take back only it first.
    const b = await t.service.invoke('records.edit', { projectId, listId, rowNo: 1, column: EMAIL, value: 'j.smith@gmail.com' });
    expect(b.edits.undoLabel).toBe('Undo edit of "Email" in row 1');
    const s3 = await rowsNow();

    const history = await t.service.invoke('edits.history', { projectId });
    expect(history.edits.map((e) => [e.rowNo, e.column, e.group?.cells ?? 1])).toEqual([
      [1, EMAIL, 1],
      [1, EMAIL, 6],
      [5, 7, 1],
    ]);
    expect(history.edits[0]!.group).toBeUndefined();

    const u1 = await t.service.invoke('edits.undo', { projectId });
    expect([u1.edit?.group, u1.rows.length, u1.row?.rowNo]).toEqual([undefined, 1, 1]);
    expect(u1.rows).toEqual([u1.row]);
    expect(u1.edits.undoLabel).toBe('Undo paste of 6 cells');
    expect(await rowsNow()).toEqual(s2);
    const u2 = await t.service.invoke('edits.undo', { projectId });
    expect(u2.rows).toHaveLength(3);
    expect(u2.edits).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Undo edit of "ZIP" in row 5', redoLabel: 'Redo paste of 6 cells' });
    expect(await rowsNow()).toEqual(s1);
    const u3 = await t.service.invoke('edits.undo', { projectId });
    expect(u3.row).toEqual(expect.objectContaining({ rowNo: 5 }) as GridRow);
    expect(await rowsNow()).toEqual(s0);

    await t.service.invoke('edits.redo', { projectId });
    expect(await rowsNow()).toEqual(s1);
    const r2 = await t.service.invoke('edits.redo', { projectId });
    expect(r2.edits.redoLabel).toBe('Redo edit of "Email" in row 1');
    expect(await rowsNow()).toEqual(s2);
    await t.service.invoke('edits.redo', { projectId });
    expect(await rowsNow()).toEqual(s3);
    expect((await t.service.invoke('edits.redo', { projectId })).edits.canRedo).toBe(false);
  });
});
