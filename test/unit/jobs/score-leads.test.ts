// Lead scoring through the service on the sample project (whose house file has a planted pattern: purchasing and
// operations buyers order three times as often): the profile finds it, every prospect is graded, the sales-ready rule
// follows its settings, new sales-ready leads are counted once, and the hand-off file has CRM column names.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportResult, ScoreRunResult } from '../../../src/api/contract';
import { parseCsv } from '../../fixtures/csv';
import { cleanupAfterEach, expectCode, newProject, writeFile } from '../../fixtures/helpers';

cleanupAfterEach();

const SAMPLE = path.resolve(import.meta.dirname, '../../../resources/sample');

async function sample() {
  const t = await newProject();
  for (const [file, role] of [['house-file.csv', 'customers'], ['bought-list.csv', 'prospects']] as const) {
    const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(path.join(SAMPLE, file), 'read'), role });
    expect((await t.service.invoke('jobs.wait', { jobId })).status).toBe('done');
  }
  return t;
}

async function score(t: Awaited<ReturnType<typeof sample>>): Promise<ScoreRunResult> {
  const job = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('score.run', { projectId: t.projectId })).jobId });
  if (job.status !== 'done') throw new Error(job.error?.message ?? job.status);
  return job.result as ScoreRunResult;
}

describe('lead scoring', () => {
  it('profiles the best customers: RFM segments, and the planted purchasing titles over-represented', async () => {
    const t = await sample();
    const p = await t.service.invoke('score.profile', { projectId: t.projectId });
    expect(p.customers).toBe(300);
    expect(p.withHistory).toBe(300);
    expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.thresholds.frequency).toHaveLength(4);
    expect(p.segments.reduce((s, x) => s + x.customers, 0)).toBe(300);
    expect(p.segments.find((s) => s.name === 'Champions')).toEqual(expect.objectContaining({ best: true }));
    expect(p.best).toBeGreaterThan(30);
    expect(p.best).toBeLessThan(150);
    const titles = p.attributes.filter((a) => a.attribute === 'title').slice(0, 3).map((a) => a.value);
    expect(titles.some((v) => /purchas|operations/i.test(v))).toBe(true);
    expect(p.attributes[0]!.indexVsAll).toBeGreaterThan(150);
    expect(p.prospects).toBe(1000);
  });

  it('grades every prospect, explains fits, and fills the sales-ready list by its rule', async () => {
    const t = await sample();
    const first = await score(t);
    expect(first.prospects).toBe(1000);
    expect(Object.values(first.grades).reduce((s, n) => s + n, 0)).toBe(1000);
    expect(first.newlySalesReady).toBe(first.salesReady);
    const leads = await t.service.invoke('score.leads', { projectId: t.projectId, limit: 50 });
    expect(leads.total).toBe(1000);
    const fits = leads.leads.map((l) => l.fit);
    expect([...fits].sort((a, b) => b - a)).toEqual(fits);
    expect(leads.leads[0]!.grade).toMatch(/^A[123]$/);
    expect(leads.leads[0]!.reasons[0]).toMatch(/more common among best customers$/);
    // A lower threshold and no required field: more leads are sales-ready; only those are new.
    await t.service.invoke('score.saveSettings', { projectId: t.projectId, settings: { salesReady: { minFit: 50, required: [], allowFlagged: false } } });
    const second = await score(t);
    expect(second.salesReady).toBeGreaterThan(first.salesReady);
    expect(second.newlySalesReady).toBe(second.salesReady - first.salesReady);
    const ready = await t.service.invoke('score.leads', { projectId: t.projectId, salesReadyOnly: true, limit: 1000 });
    expect(ready.total).toBe(second.salesReady);
    expect(ready.leads.every((l) => l.salesReady && l.fit >= 50 && l.flags.length === 0)).toBe(true);
    const third = await score(t);
    expect(third.newlySalesReady).toBe(0);
    const a3 = await t.service.invoke('score.leads', { projectId: t.projectId, grade: 'A3' });
    expect(a3.total).toBe(third.grades.A3);

    const out = path.join(t.dir, 'handoff.csv');
    const job = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('score.exportHandoff', { projectId: t.projectId, file: t.service.registerFile(out, 'write') })).jobId });
    expect((job.result as ExportResult).rowsWritten).toBe(third.salesReady);
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',').filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['First Name', 'Last Name', 'Company', 'Title', 'Email', 'Phone', 'Street', 'City', 'State', 'Postal Code', 'Country', 'Lead Source', 'Lead Score', 'Lead Grade', 'Description']);
    expect(rows).toHaveLength(third.salesReady + 1);
  });

  it('keeps settings, and refuses to score a project without customers or prospects in words', async () => {
    const t = await newProject();
    expect((await t.service.invoke('score.settings', { projectId: t.projectId })).salesReady.minFit).toBe(80);
    const saved = await t.service.invoke('score.saveSettings', { projectId: t.projectId, settings: { keywords: ['student', 'Rival Mailers'] } });
    expect(saved.keywords).toEqual(['student', 'Rival Mailers']);
    expect((await t.service.invoke('score.settings', { projectId: t.projectId })).keywords).toEqual(['student', 'Rival Mailers']);
    await expectCode(t.service.invoke('score.profile', { projectId: t.projectId }), 'NOT_FOUND');
    const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(writeFile(t.dir, 'c.csv', 'First Name,Last Name,Zip\nAnn,Lee,89501\n'), 'read'), role: 'customers' });
    await t.service.invoke('jobs.wait', { jobId });
    const job = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('score.run', { projectId: t.projectId })).jobId });
    expect(job.error?.message).toMatch(/no prospect list to score/);
    const p = await t.service.invoke('score.profile', { projectId: t.projectId });
    expect(p.notes).toEqual(['No order dates, order counts or amounts are mapped: every customer counts as a best customer.']);
    expect(p.best).toBe(1);
  });
});
