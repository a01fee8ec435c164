// A list whose records were partly lost (what recovering a damaged project leaves): the whole-list grid keeps every row
// number and marks the lost ones instead of leaving the window short; views, the drawer and edits say so in words.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recordId } from '../../../src/store/records';
import { cleanupAfterEach, expectCode, importFile, newProject, openService, writeFile } from '../../fixtures/helpers';

cleanupAfterEach();

function csv(n: number): string {
  const lines = ['Name,City'];
  for (let i = 1; i <= n; i++) lines.push(`Person ${i},${i % 2 ? 'Reno' : 'Austin'}`);
  return lines.join('\n');
}

async function projectMissing(rows: number, lost: number[]) {
  const t = await newProject();
  const imported = await importFile(t, writeFile(t.dir, 'people.csv', csv(rows)), 'People');
  const listId = (imported.result as { listId: number }).listId;
  await t.service.invoke('project.close', { projectId: t.projectId });
  const db = new Database(t.projectPath);
  const del = db.prepare('DELETE FROM records WHERE id = ?');
  for (const r of lost) del.run(recordId(listId, r));
  db.close();
  const s = openService();
  const info = await s.invoke('project.open', { file: s.registerFile(t.projectPath, 'read') });
  return { s, projectId: info.projectId, listId };
}

describe('lost rows in the whole-list grid', () => {
  it('a window over a gap has one row per position: the present ones as they are, the lost ones marked and empty', async () => {
    const { s, projectId, listId } = await projectMissing(30, [5, 6, 7, 20]);
    const w = await s.invoke('lists.rows', { projectId, listId, fromRow: 3, count: 6 });
    expect(w.total).toBe(30);
    expect(w.rows.map((r) => [r.pos, r.rowNo, r.cells[0] ?? null, r.lost ?? false])).toEqual([
      [3, 3, 'Person 3', false],
      [4, 4, 'Person 4', false],
      [5, 5, null, true],
      [6, 6, null, true],
      [7, 7, null, true],
      [8, 8, 'Person 8', false],
    ]);
    // A window that ends on a lost row, and the last window of the list.
    const end = await s.invoke('lists.rows', { projectId, listId, fromRow: 19, count: 50 });
    expect(end.rows.map((r) => r.rowNo)).toEqual(Array.from({ length: 12 }, (_, k) => 19 + k));
    expect(end.rows.filter((r) => r.lost).map((r) => r.rowNo)).toEqual([20]);
    expect((await s.invoke('lists.rows', { projectId, listId, fromRow: 31, count: 10 })).rows).toEqual([]);
  });

  it('a sorted or filtered view holds only the rows that are there', async () => {
    const { s, projectId, listId } = await projectMissing(30, [5, 6, 7, 20]);
    const w = await s.invoke('lists.rows', { projectId, listId, fromRow: 1, count: 100, view: { filters: [{ target: { column: 1 }, op: 'equals', value: 'Austin' }] } });
    expect(w.total).toBe(13);
    expect(w.rows.some((r) => r.lost)).toBe(false);
    expect(w.rows.map((r) => r.rowNo)).not.toContain(6);
  });

  it('opening or editing a lost row is refused in words that say why', async () => {
    const { s, projectId, listId } = await projectMissing(30, [5]);
    const get = await expectCode(s.invoke('records.get', { projectId, listId, rowNo: 5 }), 'NOT_FOUND');
    expect(get.message).toBe('Row 5 of list "People" is gone: it was in a damaged part of the file when the project was recovered.');
    const edit = await expectCode(s.invoke('records.edit', { projectId, listId, rowNo: 5, column: 0, value: 'x' }), 'NOT_FOUND');
    expect(edit.message).toContain('Row 5 of list "People" is gone');
    const beyond = await expectCode(s.invoke('records.get', { projectId, listId, rowNo: 31 }), 'NOT_FOUND');
    expect(beyond.message).toBe('List "People" has no row 31.');
  });
});
