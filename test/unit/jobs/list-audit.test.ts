// The list audit through the service on a real project (import + clean + merge/purge + linkage): exact counts for a bought
// list with known overlaps, net-new, price and cost per net-new record, the savings meter, side by side, and errors.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult, ListAudit } from '../../../src/api/contract';
import { AUDIT_LISTS } from '../../fixtures/audit-lists';
import { cleanupAfterEach, expectCode, importFile, newProject, writeFile, type TestProject } from '../../fixtures/helpers';

cleanupAfterEach();

async function project(): Promise<TestProject & { ids: Record<string, number> }> {
  const t = await newProject();
  const ids: Record<string, number> = {};
  const lists: [string, string, 'prospects' | 'customers' | 'suppression', Record<string, unknown>?][] = [
    ['House', AUDIT_LISTS.house, 'customers'],
    ['Spring', AUDIT_LISTS.earlier, 'prospects'],
    ['DNM', AUDIT_LISTS.dnm, 'suppression'],
    ['Bought', AUDIT_LISTS.bought, 'prospects', { vendor: 'Acme Data', pricePaid: 320 }],
  ];
  for (const [name, csv, role, details] of lists) {
    const job = await importFile(t, writeFile(t.dir, `${name}.csv`, csv), name, { role, ...(details ? { details } : {}) });
    expect(job.status).toBe('done');
    ids[name] = (job.result as { listId: number }).listId;
  }
  return { ...t, ids };
}

async function audit(t: TestProject, input: Record<string, unknown>): Promise<{ jobId: string; result: AuditResult }> {
  const { jobId } = await t.service.invoke('audit.run', { projectId: t.projectId, ...input } as never);
  const job = await t.service.invoke('jobs.wait', { jobId });
  if (job.status !== 'done') throw new Error(job.error?.message ?? job.status);
  return { jobId, result: job.result as AuditResult };
}

const byKind = (l: ListAudit) => Object.fromEntries(l.steps.map((s) => [s.kind, [s.found, s.removed]]));

describe('list audit', () => {
  it('counts duplicates, house-file overlap, earlier purchases, suppressed, undeliverable and outside the area exactly', async () => {
    const t = await project();
    const { result } = await audit(t, { listId: t.ids.Bought, target: [{ kind: 'states', mode: 'include', states: ['NV'] }] });
    const l = result.lists[0]!;
    expect(l.rows).toBe(32);
    expect(byKind(l)).toEqual({
      duplicates: [2, 2],
      house: [10, 10],
      earlier: [5, 5],
      suppressed: [3, 3],
      undeliverable: [1, 1],
      outside: [2, 1], // no address (already undeliverable) and California
      stale: [0, 0],
    });
    expect(l.netNew).toBe(10);
    // The waterfall adds up: in − removed = the next in; the last one's out is net-new.
    for (let k = 1; k < l.steps.length; k++) expect(l.steps[k]!.in).toBe(l.steps[k - 1]!.in - l.steps[k - 1]!.removed);
    expect(l.steps[0]!.in).toBe(32);
    expect(l.house).toEqual([expect.objectContaining({ listName: 'House', records: 10 })]);
    expect(l.earlier).toEqual([expect.objectContaining({ listName: 'Spring', records: 5 })]);
    expect(l.suppression).toEqual([expect.objectContaining({ listName: 'DNM', records: 3 })]);
    // Price from the list details: $320 for 32 rows = $10,000 per thousand; $32 per net-new record.
    expect(l.price).toEqual({ total: 320, cpm: 10000, source: 'list details' });
    expect(l.costPerNetNew).toBe(32);
    expect(l.vendor).toBe('Acme Data');
    // The savings meter at the default unit costs ($0.25 print, $0.40 postage): 22 pieces.
    expect(result.costs).toEqual({ printPerPiece: 0.25, postagePerPiece: 0.4, recentDays: 90 });
    expect(l.savings).toEqual({ pieces: 22, print: 5.5, postage: 8.8, total: 14.3 });
    expect(l.steps.find((s) => s.kind === 'house')!.savings).toEqual({ pieces: 10, print: 2.5, postage: 4, total: 6.5 });
    expect(l.missing.find((m) => m.field === 'address')!.records).toBe(1);
    expect(l.states.find((s) => s.state === 'NV')).toEqual({ state: 'NV', records: 30, netNew: 10, inTarget: true });
    expect(l.states.find((s) => s.state === 'CA')).toEqual({ state: 'CA', records: 1, netNew: 0, inTarget: false });
    expect(result.target).toEqual({ description: 'states NV', source: 'options', recipeName: null });
  });

  it('takes the target area from the newest saved recipe, says when there is none, and uses a given CPM and unit costs', async () => {
    const t = await project();
    const none = (await audit(t, { listId: t.ids.Bought })).result;
    expect(none.target).toBeNull();
    expect(none.lists[0]!.steps.find((s) => s.kind === 'outside')).toEqual(expect.objectContaining({ found: 0, removed: 0, note: expect.stringMatching(/^No target area is set/) }));
    await t.service.invoke('mailing.saveRecipe', { projectId: t.projectId, name: 'West', recipe: { fromListId: t.ids.Bought!, steps: [{ kind: 'states', states: ['CA'] }] } });
    const { result } = await audit(t, { listId: t.ids.Bought, cpm: 50, costs: { printPerPiece: 0.5, postagePerPiece: 0.5 } });
    expect(result.target).toEqual({ description: 'states CA', source: 'recipe', recipeName: 'West' });
    const l = result.lists[0]!;
    // Everyone but Samantha (CA) is outside; the step counts what earlier steps left.
    expect(l.steps.find((s) => s.kind === 'outside')).toEqual(expect.objectContaining({ found: 31, removed: 10 }));
    expect(l.netNew).toBe(1);
    expect(l.price).toEqual({ total: 1.6, cpm: 50, source: 'given' });
    expect(l.costPerNetNew).toBe(1.6);
    expect(l.savings).toEqual({ pieces: 31, print: 15.5, postage: 15.5, total: 31 });
  });

  it('reads a CPM entered later in the list details', async () => {
    const t = await project();
    const info = await t.service.invoke('lists.setDetails', { projectId: t.projectId, listId: t.ids.Spring!, details: { cpm: 125, vendor: 'Beta Lists' } });
    expect(info.details).toEqual({ cpm: 125, vendor: 'Beta Lists' });
    const spring = (await audit(t, { listId: t.ids.Spring })).result.lists[0]!;
    expect(spring.price).toEqual({ total: 0.75, cpm: 125, source: 'list details' });
    expect(spring.costPerNetNew).toBe(0.125);
  });

  it('puts a second list beside the first, each with its own earlier purchases', async () => {
    const t = await project();
    const { result } = await audit(t, { listId: t.ids.Bought, compareListId: t.ids.Spring });
    expect(result.lists.map((l) => l.listName)).toEqual(['Bought', 'Spring']);
    const spring = result.lists[1]!;
    expect(spring.earlier).toEqual([]); // bought first
    expect(spring.house).toEqual([expect.objectContaining({ records: 0 })]);
    expect(spring.netNew).toBe(6);
    expect(spring.price).toBeNull();
    expect(spring.costPerNetNew).toBeNull();
  });

  it('counts records mailed recently per the ledger as stale', async () => {
    const t = await project();
    // Mail the whole "Spring" list today; its five people on "Bought" are then recently mailed (and on an earlier purchase).
    const run = await t.service.invoke('mailing.run', { projectId: t.projectId, recipe: { fromListId: t.ids.Spring!, steps: [] } });
    const r = await t.service.invoke('jobs.wait', { jobId: run.jobId });
    const out = path.join(t.dir, 'spring-set.csv');
    const ex = await t.service.invoke('mailing.export', { projectId: t.projectId, runId: (r.result as { runId: number }).runId, file: t.service.registerFile(out, 'write'), name: 'Spring mailing' });
    expect((await t.service.invoke('jobs.wait', { jobId: ex.jobId })).status).toBe('done');
    const l = (await audit(t, { listId: t.ids.Bought })).result.lists[0]!;
    expect(byKind(l).stale).toEqual([5, 0]);
    expect(l.steps.find((s) => s.kind === 'stale')!.note).toMatch(/5 mailed in the last 90 days/);
  });

  it('refuses an unknown list, a list compared with itself and a target step that is not geography', async () => {
    const t = await project();
    const unknown = await expectCode(t.service.invoke('audit.run', { projectId: t.projectId, listId: 999 }), 'NOT_FOUND');
    expect(unknown.message).toBe(`There is no list 999 in this project (lists: ${t.ids.House} "House", ${t.ids.Spring} "Spring", ${t.ids.DNM} "DNM", ${t.ids.Bought} "Bought").`);
    await expectCode(t.service.invoke('audit.run', { projectId: t.projectId, listId: t.ids.Bought!, compareListId: t.ids.Bought! }), 'INVALID_INPUT');
    const notGeo = await expectCode(t.service.invoke('audit.run', { projectId: t.projectId, listId: t.ids.Bought!, target: [{ kind: 'mailable' }] }), 'INVALID_INPUT');
    expect(notGeo.message).toMatch(/not a "mailable" step/);
  });

  it('audits a list that is not a bought list, saying so', async () => {
    const t = await project();
    const l = (await audit(t, { listId: t.ids.House })).result.lists[0]!;
    expect(l.notes).toEqual(['"House" is a customers list, not a bought (prospects) list; it was audited as if it were one.']);
    expect(l.house).toEqual([]);
  });

  it('can be cancelled, leaving the project as it was', async () => {
    const t = await project();
    const { jobId } = await t.service.invoke('audit.run', { projectId: t.projectId, listId: t.ids.Bought! });
    await t.service.invoke('jobs.cancel', { jobId });
    const job = await t.service.invoke('jobs.wait', { jobId });
    expect(job.status).toBe('cancelled');
    expect(job.error?.message).toMatch(/cancelled/);
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists.every((l) => l.clean === null)).toBe(true);
  });

  it('keeps unit costs in the project settings and writes the report atomically', async () => {
    const t = await project();
    expect(await t.service.invoke('audit.settings', { projectId: t.projectId })).toEqual({ printPerPiece: 0.25, postagePerPiece: 0.4, recentDays: 90 });
    await t.service.invoke('audit.saveSettings', { projectId: t.projectId, costs: { postagePerPiece: 0.55 } });
    const { jobId, result } = await audit(t, { listId: t.ids.Bought });
    expect(result.costs.postagePerPiece).toBe(0.55);
    const out = path.join(t.dir, 'audit.html');
    const w = await t.service.invoke('audit.exportHtml', { projectId: t.projectId, jobId, file: t.service.registerFile(out, 'write') });
    expect(w.fileName).toBe('audit.html');
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const html = fs.readFileSync(out, 'utf8');
    expect(Buffer.byteLength(html)).toBe(w.bytes);
    expect(html).toContain('<h1>Bought</h1>');
    await expectCode(t.service.invoke('audit.exportHtml', { projectId: t.projectId, jobId: 'nope', file: t.service.registerFile(out, 'write') }), 'NOT_FOUND');
  });
});
