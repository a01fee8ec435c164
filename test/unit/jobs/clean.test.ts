// The clean job and what it feeds: verdicts and issues on grid rows, issue filters, the record drawer, edits with undo/redo that re-clean, canonical export, cancel.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CleanResult, JobRecord } from '../../../src/api/contract';
import { CANONICAL_EXPORT_COLUMNS } from '../../../src/domain/clean-record';
import { rawBatch } from '../../../src/store/clean';
import { openProjectDb } from '../../../src/store/db';
import { MAX_ROWS_PER_LIST, recordId, recordWriter } from '../../../src/store/records';
import { cleanupAfterEach, expectCode, importFile, newProject, projectSnapshot, tempDir, writeFile, type TestProject } from '../../fixtures/helpers';

cleanupAfterEach();

const CSV = [
  'Name,Company,Email,Phone,Street,City,ST,ZIP,Notes',
  '"SMITH, JOHN A",,john.smith@gmial.com,(212) 555-2368,123 North Main Street Apartment 4B,New York,NY,10001,first',
  'Mary O\'Neil,Acme Mfg. Co.,mary@acme-mfg.com,212-555-0198 x12,P.O. BOX 12,Boston,MA,2108,second',
  'Jim Beam,,jim@mailinator.com,555-2368,1600 Pennsylvania Ave NW,Washington,DC,20500,third',
  'ACME Corporation,,info@acme.com,,RR 2 BOX 15,Springfield,IL,62701,fourth',
  'Ann Lee,,ann.lee@gmail.com,+1 617 555 0142,12 Elm St,Boston,NY,02108,zip in another state',
  ',,,,,,,,empty',
].join('\r\n');

async function cleanedProject(): Promise<{ t: TestProject; listId: number; job: JobRecord }> {
  const t = await newProject();
  const file = writeFile(t.dir, 'people.csv', CSV);
  const imported = await importFile(t, file, 'People', { mapping: [{ index: 0, field: 'full_name' }, { index: 4, field: 'address1' }, { index: 6, field: 'state' }] });
  expect(imported.status).toBe('done');
  const listId = (imported.result as { listId: number }).listId;
  const { jobId } = await t.service.invoke('clean.start', { projectId: t.projectId, listId });
  const job = await t.service.invoke('jobs.wait', { jobId });
  expect(job.status, job.error?.message).toBe('done');
  return { t, listId, job };
}

async function row(t: TestProject, listId: number, rowNo: number) {
  const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: rowNo, count: 1 });
  return w.rows[0]!;
}

describe('clean job', () => {
  it('reports verdicts and issue kinds for the list and stores them on the list', async () => {
    const { t, listId, job } = await cleanedProject();
    const r = job.result as CleanResult;
    expect(r.lists).toEqual([expect.objectContaining({ listId, listName: 'People', rows: 6 })]);
    const l = r.lists[0]!;
    // Rows 1, 2 and 4 have a name or company, a delivery line and a consistent city/state/ZIP; row 3 too (DC 20500).
    expect(l.mailable).toBe(4);
    expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['email.typo', 'email.disposable', 'zip.state_mismatch', 'phone.no_area_code']));
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists[0]!.clean).toEqual(expect.objectContaining({ rows: 6, mailable: 4 }));
  });

  it('puts each issue on the columns that feed its field, with verdicts on the row', async () => {
    const { t, listId } = await cleanedProject();
    const first = await row(t, listId, 1);
    expect(first.verdict).toEqual(expect.objectContaining({ mailable: true, emailable: false, callable: true }));
    const typo = first.issues?.find((i) => i.code === 'email.typo');
    expect(typo).toEqual(expect.objectContaining({ field: 'email', columns: [2], severity: 'warning', suggestion: 'john.smith@gmail.com' }));
    const fifth = await row(t, listId, 5);
    expect(fifth.verdict?.mailable).toBe(false);
    expect(fifth.issues?.find((i) => i.code === 'zip.state_mismatch')?.columns).toEqual([7]);
  });

  it('filters the grid to the rows with one kind of issue, positions counting within the filter', async () => {
    const { t, listId } = await cleanedProject();
    const kinds = await t.service.invoke('lists.issues', { projectId: t.projectId, listId });
    expect(kinds.cleaned).toBe(true);
    const typo = kinds.kinds.find((k) => k.code === 'email.typo');
    expect(typo).toEqual(expect.objectContaining({ records: 1, label: 'Likely e-mail typo', severity: 'warning' }));
    // Notes such as "no e-mail" on an empty cell stay in the record drawer; the filter offers what the grid marks.
    expect(kinds.kinds.every((k) => k.severity !== 'info')).toBe(true);
    const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 100, issue: 'email.typo' });
    expect(w.total).toBe(1);
    expect(w.rows.map((r) => [r.pos, r.rowNo])).toEqual([[1, 1]]);
    const missing = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 100, issue: 'address.missing' });
    expect(missing.rows.map((r) => r.rowNo)).toEqual([6]);
    expect(missing.rows[0]!.pos).toBe(1);
    const none = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 100, issue: 'no.such_code' });
    expect(none).toEqual({ listId, total: 0, rows: [] });
  });

  it('shows raw and normalized values and every issue in the record detail', async () => {
    const { t, listId } = await cleanedProject();
    const d = await t.service.invoke('records.get', { projectId: t.projectId, listId, rowNo: 1 });
    expect(d.columns[4]).toEqual(expect.objectContaining({ name: 'Street', raw: '123 North Main Street Apartment 4B', value: '123 North Main Street Apartment 4B', edited: false }));
    const norm = Object.fromEntries(d.clean!.normalized.map((n) => [n.field, n.value]));
    expect(norm).toEqual(expect.objectContaining({ first_name: 'John', middle_name: 'A', last_name: 'Smith', address1: '123 N MAIN ST APT 4B', city: 'NEW YORK', state: 'NY', zip5: '10001', phone: '+12125552368' }));
    expect(d.clean!.qualityReasons.join(' ')).toMatch(/E-mail not usable \(likely typo\) \(−15\)/);
    expect(d.clean!.verdict.quality).toBeLessThan(100);
  });

  it('re-cleans a record when a cell is edited, keeps the raw value, and undo/redo step through it', async () => {
    const { t, listId } = await cleanedProject();
    const before = await t.service.invoke('lists.issues', { projectId: t.projectId, listId });
    const edited = await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 1, column: 2, value: 'john.smith@gmail.com' });
    expect(edited.row.cells[2]).toBe('john.smith@gmail.com');
    expect(edited.row.edited).toEqual([2]);
    expect(edited.row.issues?.some((i) => i.code === 'email.typo') ?? false).toBe(false);
    expect(edited.row.verdict?.emailable).toBe(true);
    expect(edited.edits).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo edit of "Email" in row 1', redoLabel: null });
    const after = await t.service.invoke('lists.issues', { projectId: t.projectId, listId });
    expect(after.kinds.find((k) => k.code === 'email.typo')).toBeUndefined();
    expect(before.kinds.find((k) => k.code === 'email.typo')?.records).toBe(1);
    const detail = await t.service.invoke('records.get', { projectId: t.projectId, listId, rowNo: 1 });
    expect(detail.columns[2]).toEqual(expect.objectContaining({ raw: 'john.smith@gmial.com', value: 'john.smith@gmail.com', edited: true }));

    const undone = await t.service.invoke('edits.undo', { projectId: t.projectId });
    expect(undone.edit).toEqual(expect.objectContaining({ rowNo: 1, column: 2, columnName: 'Email', before: 'john.smith@gmial.com', after: 'john.smith@gmail.com' }));
    expect(undone.row?.cells[2]).toBe('john.smith@gmial.com');
    expect(undone.row?.edited).toBeUndefined();
    expect(undone.row?.issues?.some((i) => i.code === 'email.typo')).toBe(true);
    expect(undone.edits.canRedo).toBe(true);
    const redone = await t.service.invoke('edits.redo', { projectId: t.projectId });
    expect(redone.row?.cells[2]).toBe('john.smith@gmail.com');
    expect((await t.service.invoke('edits.redo', { projectId: t.projectId })).edit).toBeNull();
    const history = await t.service.invoke('edits.history', { projectId: t.projectId, listId });
    expect(history.edits).toEqual([expect.objectContaining({ seq: 1, undone: false, after: 'john.smith@gmail.com' })]);
  });

  it('keeps an edit when the list is cleaned again', async () => {
    const { t, listId } = await cleanedProject();
    await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 5, column: 7, value: '10001' });
    const { jobId } = await t.service.invoke('clean.start', { projectId: t.projectId, listId });
    expect((await t.service.invoke('jobs.wait', { jobId })).status).toBe('done');
    const r = await row(t, listId, 5);
    expect(r.cells[7]).toBe('10001');
    expect(r.edited).toEqual([7]);
    expect(r.verdict?.mailable).toBe(true);
    expect(r.issues?.some((i) => i.code === 'zip.state_mismatch') ?? false).toBe(false);
  });

  it('a new edit after an undo drops the redo history; typing the imported value back removes the edit', async () => {
    const { t, listId } = await cleanedProject();
    await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 2, column: 1, value: 'Acme' });
    await t.service.invoke('edits.undo', { projectId: t.projectId });
    const second = await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 2, column: 1, value: 'Acme Manufacturing' });
    expect(second.edits.canRedo).toBe(false);
    const back = await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 2, column: 1, value: 'Acme Mfg. Co.' });
    expect(back.row.edited).toBeUndefined();
    expect(back.row.cells[1]).toBe('Acme Mfg. Co.');
    await expectCode(t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 2, column: 42, value: 'x' }), 'INVALID_INPUT');
    await expectCode(t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 99, column: 1, value: 'x' }), 'NOT_FOUND');
  });

  it('edits a list that was never cleaned without cleaning it', async () => {
    const t = await newProject();
    const imported = await importFile(t, writeFile(t.dir, 'p.csv', CSV), 'P');
    const listId = (imported.result as { listId: number }).listId;
    const e = await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 1, column: 0, value: 'John Smith' });
    expect(e.row).toEqual({ pos: 1, rowNo: 1, cells: expect.arrayContaining(['John Smith']), edited: [0] });
    expect((await t.service.invoke('lists.issues', { projectId: t.projectId, listId })).cleaned).toBe(false);
  });

  it('a cancelled clean leaves the project as it was', async () => {
    const { t, listId } = await cleanedProject();
    const before = projectSnapshot(t.projectPath);
    const rowBefore = await row(t, listId, 1);
    const stop = t.service.on('job.progress', (p) => void t.service.invoke('jobs.cancel', { jobId: p.jobId }));
    const { jobId } = await t.service.invoke('clean.start', { projectId: t.projectId });
    const job = await t.service.invoke('jobs.wait', { jobId });
    stop();
    expect(job.status).toBe('cancelled');
    expect(job.error?.message).toContain('unchanged');
    expect(projectSnapshot(t.projectPath)).toEqual(before);
    expect(await row(t, listId, 1)).toEqual(rowBefore);
  });
});

describe('export with cleaned fields', () => {
  async function exportAs(t: TestProject, listId: number, fields: 'original' | 'canonical' | 'all', name: string): Promise<string[][]> {
    const out = path.join(t.dir, name);
    const { jobId } = await t.service.invoke('export.start', { projectId: t.projectId, listId, file: t.service.registerFile(out, 'write'), fields });
    const job = await t.service.invoke('jobs.wait', { jobId });
    expect(job.status, job.error?.message).toBe('done');
    return Papa.parse<string[]>(fs.readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
  }

  it('writes the canonical columns in their documented order with verdicts and issue codes', async () => {
    const { t, listId } = await cleanedProject();
    const rows = await exportAs(t, listId, 'canonical', 'c.csv');
    expect(rows[0]).toEqual([...CANONICAL_EXPORT_COLUMNS]);
    expect(rows[0]!.join(',')).toBe('first_name,last_name,company,title,email,phone,address1,address2,city,state,zip5,zip4,mailable,quality,issues');
    const byCol = (r: string[]) => Object.fromEntries(CANONICAL_EXPORT_COLUMNS.map((c, i) => [c, r[i]]));
    expect(byCol(rows[1]!)).toEqual(expect.objectContaining({ first_name: 'John', last_name: 'Smith', address1: '123 N MAIN ST APT 4B', state: 'NY', zip5: '10001', mailable: 'yes', issues: 'email.typo' }));
    expect(byCol(rows[2]!)).toEqual(expect.objectContaining({ company: 'Acme Mfg. Co.', address1: 'PO BOX 12', zip5: '02108', phone: '+12125550198 ext. 12' }));
    expect(byCol(rows[3]!)).toEqual(expect.objectContaining({ address1: '1600 PENNSYLVANIA AVE NW', zip5: '20500' }));
    expect(byCol(rows[4]!)).toEqual(expect.objectContaining({ company: 'ACME Corporation', address1: 'RR 2 BOX 15' }));
    expect(byCol(rows[5]!).mailable).toBe('no');
    expect(byCol(rows[5]!).issues).toContain('zip.state_mismatch');
    expect(rows).toHaveLength(7);
  });

  it('writes canonical then original columns with --fields all, and edits in the original columns', async () => {
    const { t, listId } = await cleanedProject();
    await t.service.invoke('records.edit', { projectId: t.projectId, listId, rowNo: 1, column: 8, value: 'edited note' });
    const all = await exportAs(t, listId, 'all', 'a.csv');
    expect(all[0]).toEqual([...CANONICAL_EXPORT_COLUMNS, 'Name', 'Company', 'Email', 'Phone', 'Street', 'City', 'ST', 'ZIP', 'Notes']);
    expect(all[1]!.slice(CANONICAL_EXPORT_COLUMNS.length)).toEqual(['SMITH, JOHN A', '', 'john.smith@gmial.com', '(212) 555-2368', '123 North Main Street Apartment 4B', 'New York', 'NY', '10001', 'edited note']);
    const original = await exportAs(t, listId, 'original', 'o.csv');
    expect(original[1]![8]).toBe('edited note');
  });

  it('cleans on the fly when exporting canonical fields of a list never cleaned, without storing anything', async () => {
    const t = await newProject();
    const imported = await importFile(t, writeFile(t.dir, 'p.csv', CSV), 'P', { mapping: [{ index: 0, field: 'full_name' }, { index: 4, field: 'address1' }, { index: 6, field: 'state' }] });
    const listId = (imported.result as { listId: number }).listId;
    const rows = await exportAs(t, listId, 'canonical', 'c.csv');
    expect(rows[1]!.slice(0, 2)).toEqual(['John', 'Smith']);
    expect((await t.service.invoke('lists.issues', { projectId: t.projectId, listId })).cleaned).toBe(false);
  });
});

describe('clean job reading', () => {
  it('rawBatch hands over rows in id order, joined as one JSON array, with their ids, gaps and list bounds included', () => {
    const db = openProjectDb(path.join(tempDir(), 'r.winnow'), { create: true });
    try {
      const cells = (n: number) => [`r${n}`, n % 2 ? 'a,b' : '', '"q"\n'];
      const write = recordWriter(db, 1);
      write(1, [1, 2, 3, 4, 5].map((n) => JSON.stringify(cells(n))), [2, 3, 4, 5, 6]);
      write(8, [8, 9].map((n) => JSON.stringify(cells(n))), [9, 10]);
      recordWriter(db, 2)(1, [JSON.stringify(['other list'])], [2]);
      const last = recordId(1, MAX_ROWS_PER_LIST);
      const seen: number[] = [];
      let from = recordId(1, 1);
      for (;;) {
        const { ids, json } = rawBatch(db, from, last, 3);
        if (ids.length === 0) {
          expect(json).toBe('[]');
          break;
        }
        const rows = JSON.parse(json) as string[][];
        expect(rows).toEqual(Array.from(ids, (id) => cells(id - recordId(1, 0))));
        seen.push(...Array.from(ids, (id) => id - recordId(1, 0)));
        from = ids[ids.length - 1]! + 1;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 8, 9]);
    } finally {
      db.close();
    }
  });
});
