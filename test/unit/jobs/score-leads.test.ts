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
    // Opening the profile writes nothing: the house file is cleaned in memory, the bought list counts once cleaned.
    expect(p.prospects).toBe(0);
    expect(p.notes).toEqual(['"bought-list" is not cleaned yet: the index against prospects counts no prospects until you score leads (or clean).']);
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists.map((l) => l.clean)).toEqual([null, null]);
    await score(t);
    const after = await t.service.invoke('score.profile', { projectId: t.projectId });
    expect(after.prospects).toBe(1000);
    expect(after.best).toBe(p.best);
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

    expect(third.notes).toEqual([expect.stringMatching(/^No merge\/purge has run: duplicates among the prospects may each be sales-ready/)]);
    // After a merge/purge, each person is handed to sales once: duplicates stay out, marked as such.
    const dd = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('dedupe.start', { projectId: t.projectId })).jobId });
    expect(dd.status).toBe('done');
    const fourth = await score(t);
    expect(fourth.notes).toEqual([]);
    expect(fourth.salesReady).toBeLessThan(third.salesReady);
    const readyNow = await t.service.invoke('score.leads', { projectId: t.projectId, salesReadyOnly: true, limit: 1000 });
    const people = readyNow.leads.map((l) => l.summary.toLowerCase());
    expect(new Set(people).size).toBeGreaterThan(people.length * 0.97);
    const marked = (await t.service.invoke('score.leads', { projectId: t.projectId, limit: 1000 })).leads.filter((l) => l.flags.some((f) => f.startsWith('duplicate of row ')));
    expect(marked.length).toBeGreaterThan(10);
    expect(marked.every((l) => !l.salesReady)).toBe(true);

    const out = path.join(t.dir, 'handoff.csv');
    const job = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('score.exportHandoff', { projectId: t.projectId, file: t.service.registerFile(out, 'write') })).jobId });
    expect((job.result as ExportResult).rowsWritten).toBe(fourth.salesReady);
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',').filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['First Name', 'Last Name', 'Company', 'Title', 'Email', 'Phone', 'Street', 'City', 'State', 'Postal Code', 'Country', 'Lead Source', 'Lead Score', 'Lead Grade', 'Description']);
    expect(rows).toHaveLength(fourth.salesReady + 1);

    // The same leads laid out for HubSpot's importer: its property labels, the same values in the same order.
    const hubOut = path.join(t.dir, 'handoff-hubspot.csv');
    await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('score.exportHandoff', { projectId: t.projectId, file: t.service.registerFile(hubOut, 'write'), crm: 'hubspot' })).jobId });
    const hub = parseCsv(fs.readFileSync(hubOut, 'utf8'), ',').filter((r) => r.length > 1);
    expect(hub[0]).toEqual(['First Name', 'Last Name', 'Company Name', 'Job Title', 'Email', 'Phone Number', 'Street Address', 'City', 'State/Region', 'Postal Code', 'Country/Region', 'Winnow List', 'Lead Score', 'Lead Grade', 'Fit Reasons']);
    expect(hub.slice(1)).toEqual(rows.slice(1));
  });

  it('engagement: activity matched to prospects makes them hot, fades with age, and a campaign teaches a response model', async () => {
    const t = await sample();
    const bought = parseCsv(fs.readFileSync(path.join(SAMPLE, 'bought-list.csv'), 'utf8'), ',').filter((r) => r.length > 1);
    const [header, ...rows] = bought;
    const col = (name: string) => header!.indexOf(name);
    const person = (r: string[]) => [r[col('First Name')]!, r[col('Last Name')]!, r[col('Address')]!, r[col('Zip')]!];
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
    // Rows 1-3 filled a form this week, rows 1-2 also downloaded a paper; row 4 downloaded one two years ago; row 5 said
    // "not interested".
    const activity = [
      'First Name,Last Name,Address,Zip,Activity,Activity Date',
      ...[0, 1, 2].map((k) => [...person(rows[k]!), 'Web form fill', daysAgo(2)].join(',')),
      ...[0, 1].map((k) => [...person(rows[k]!), 'Case study download', daysAgo(3)].join(',')),
      [...person(rows[3]!), 'Whitepaper download', daysAgo(730)].join(','),
      [...person(rows[4]!), 'Call - not interested', daysAgo(5)].join(','),
    ].join('\n');
    // A campaign mailed to rows 100-499: people in TX and CA answered (the planted pattern); row 100 answered and never bought.
    const state = col('State');
    const campaign = [
      'First Name,Last Name,Address,Zip,State,Mail Date,Responded,Converted',
      ...rows.slice(100, 500).map((r, k) => [...person(r), r[state]!, daysAgo(60), ['TX', 'CA'].includes(r[state]!) || k === 0 ? 'yes' : 'no', k === 0 ? 'no' : ''].join(',')),
    ].join('\n');
    for (const [name, csv] of [['activity.csv', activity], ['campaign.csv', campaign]] as const) {
      const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(writeFile(t.dir, name, csv), 'read'), role: 'responses' });
      expect((await t.service.invoke('jobs.wait', { jobId })).status).toBe('done');
    }
    const r = await score(t);
    expect(r.engagement.events).toBeGreaterThanOrEqual(5);
    expect(r.engagement.leads).toBeGreaterThanOrEqual(5);
    expect(r.response).toEqual(expect.objectContaining({ mailed: 400, chosen: expect.stringMatching(/logistic|gbt/) }));
    expect(r.response!.auc).toBeGreaterThan(0.6);
    const all = await t.service.invoke('score.leads', { projectId: t.projectId, limit: 1000 });
    const lead = (row: number) => all.leads.find((l) => l.rowNo === row)!;
    // A form (10 points) and a download (8) this week are hot (≥ 15); a form alone is warm.
    for (const row of [1, 2]) {
      expect(lead(row).engagement).toBe(1);
      expect(lead(row).reasons.join('; ')).toMatch(/engagement 1\d\.\d points; latest: web form fill 2 days ago/);
    }
    expect(lead(3).engagement).toBeLessThanOrEqual(2);
    expect(lead(3).reasons.join('; ')).toMatch(/engagement 9\.\d points; latest: web form fill 2 days ago/);
    // Two years of half-lives leave nothing; "not interested" takes points away.
    expect(lead(4).reasons.join('; ')).toMatch(/engagement 0\.0 points; latest: download 730 days ago/);
    expect(lead(5).reasons.join('; ')).toMatch(/latest: call: not interested/);
    expect(lead(101).flags).toEqual(expect.arrayContaining([expect.stringMatching(/^responded 60 days ago, did not buy$/)]));
    expect(r.flags.find((f) => f.rule === 'responded_not_bought')?.records).toBeGreaterThanOrEqual(1);
    // The response model ranks people in the planted states higher.
    const inTx = all.leads.filter((l) => / TX \d{5}/.test(l.summary));
    const inNy = all.leads.filter((l) => / NY \d{5}/.test(l.summary));
    const share1 = (ls: typeof all.leads) => ls.filter((l) => l.engagement <= 2).length / Math.max(1, ls.length);
    expect(share1(inTx)).toBeGreaterThan(share1(inNy));
  });

  it('scores again by itself when a list is imported after leads were scored, counting the new sales-ready leads', async () => {
    const t = await sample();
    await t.service.invoke('score.saveSettings', { projectId: t.projectId, settings: { salesReady: { minFit: 50, required: [], allowFlagged: true } } });
    const first = await score(t);
    const rows = fs.readFileSync(path.join(SAMPLE, 'bought-list.csv'), 'utf8').split('\n');
    const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(writeFile(t.dir, 'april.csv', rows.slice(0, 201).join('\n')), 'read'), name: 'April buy' });
    expect((await t.service.invoke('jobs.wait', { jobId })).status).toBe('done');
    let auto;
    for (let k = 0; k < 50 && !auto; k++) {
      auto = (await t.service.invoke('jobs.history', { projectId: t.projectId })).jobs.find((j) => j.kind === 'score' && j.label === 'Score leads again (new list)');
      if (!auto) await new Promise((r) => setTimeout(r, 20));
    }
    expect(auto).toBeTruthy();
    const done = await t.service.invoke('jobs.wait', { jobId: auto!.jobId });
    const r = done.result as ScoreRunResult;
    expect(r.prospects).toBe(1200);
    expect(r.newlySalesReady).toBeGreaterThan(0);
    expect(r.salesReady).toBe(first.salesReady + r.newlySalesReady);
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
