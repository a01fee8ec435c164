// The targeting waterfall through the service, on real project files: fuzzy suppression at the level an entry allows,
// customers, geography, the mailing ledger, and the bookkeeping (in − removed = next in, a reason on every removed record).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { MailingRunResult, TargetStepInput } from '../../../src/api/contract';
import { cleanupAfterEach, expectCode, importFile, newProject, writeFile, type TestProject } from '../../fixtures/helpers';

cleanupAfterEach();

const HEADER = 'First Name,Last Name,Company,Address,Address 2,City,State,Zip,Email,Phone';
// Prospects: the same Robert Smith as the suppression entry (nickname, "Street" spelled out, an apartment), another
// Robert Smith elsewhere, a neighbour with another surname, and people around Reno, Sacramento and Salt Lake City.
const PROSPECTS = [
  HEADER,
  'Robert,Smith,,12 Main Street,Apt 1,Reno,NV,89501,robert.smith@example.com,',
  'Robert,Smith,,480 Oak Avenue,,Sacramento,CA,95814,rsmith@example.org,',
  'Maria,Lopez,,12 Main St,Apt 2,Reno,NV,89501,maria.lopez@example.com,',
  'James,Carter,,7 Lake Rd,,Sparks,NV,89431,jcarter@example.net,',
  'Linda,Nguyen,,55 Curry St,,Carson City,NV,89701,linda.n@example.com,',
  'Paul,Brown,,900 State St,,Salt Lake City,UT,84101,paul.brown@example.com,',
  'Karen,White,Acme Supply,1 Market St,,San Francisco,CA,94102,karen@acmesupply.com,',
  'Tom,Gray,,,,,,,tom.gray@example.com,',
].join('\n');

async function project(files: Record<string, [string, 'prospects' | 'customers' | 'suppression' | 'responses']>): Promise<TestProject & { ids: Record<string, number> }> {
  const t = await newProject();
  const ids: Record<string, number> = {};
  for (const [name, [csv, role]] of Object.entries(files)) {
    const job = await importFile(t, writeFile(t.dir, `${name}.csv`, csv), name, { role });
    expect(job.status).toBe('done');
    ids[name] = (job.result as { listId: number }).listId;
  }
  return { ...t, ids };
}

async function run(t: TestProject, fromListId: number, steps: TargetStepInput[]): Promise<MailingRunResult> {
  const { jobId } = await t.service.invoke('mailing.run', { projectId: t.projectId, recipe: { fromListId, steps } });
  const job = await t.service.invoke('jobs.wait', { jobId });
  if (job.status !== 'done') throw new Error(job.error?.message ?? job.status);
  return job.result as MailingRunResult;
}

/** Rows removed by a run, with their reasons, as "row → reason". */
async function removed(t: TestProject, runId: number, step?: number): Promise<Map<number, string>> {
  const r = await t.service.invoke('mailing.removed', { projectId: t.projectId, runId, ...(step ? { step } : {}), limit: 1000 });
  return new Map(r.records.map((x) => [x.rowNo, x.reason]));
}

function expectWaterfallAddsUp(r: MailingRunResult): void {
  expect(r.steps[0]).toEqual(expect.objectContaining({ kind: 'input', in: r.input, removed: 0 }));
  for (let k = 1; k < r.steps.length; k++) expect(r.steps[k]!.in).toBe(r.steps[k - 1]!.in - r.steps[k - 1]!.removed);
  const last = r.steps[r.steps.length - 1]!;
  expect(last.in - last.removed).toBe(r.kept);
}

describe('suppression', () => {
  it('a "Bob Smith, 12 Main St" entry removes "Robert Smith, 12 Main Street Apt 1" at person level, not at e-mail level when the e-mails differ', async () => {
    const t = await project({
      Prospects: [PROSPECTS, 'prospects'],
      DNM: ['First Name,Last Name,Address,City,State,Zip,Email\nBob,Smith,12 Main St,Reno,NV,89501,bob@othermail.com', 'suppression'],
    });
    const person = await run(t, t.ids.Prospects!, [{ kind: 'suppress', listIds: [t.ids.DNM!], level: 'person' }]);
    const gone = await removed(t, person.runId);
    expect([...gone.keys()]).toEqual([1]);
    expect(gone.get(1)).toMatch(/^Suppressed: same person as row 1 of "DNM" \(Bob Smith, 12 Main St, 89501\)/);
    expect(gone.get(1)).toMatch(/Bob\/Robert|nickname/i);
    // The same entry decides by its own fields: name + address is a person.
    const auto = await run(t, t.ids.Prospects!, [{ kind: 'suppress', listIds: [t.ids.DNM!] }]);
    expect([...(await removed(t, auto.runId)).keys()]).toEqual([1]);
    expect(auto.steps[1]!.note).toBe('1 person entry → 1 removed');
    const email = await run(t, t.ids.Prospects!, [{ kind: 'suppress', listIds: [t.ids.DNM!], level: 'email' }]);
    expect(email.steps[1]!.removed).toBe(0);
    expect(email.kept).toBe(8);
  });

  it('an entry suppresses at the most specific level its own fields allow', async () => {
    const t = await project({
      Prospects: [PROSPECTS, 'prospects'],
      // An e-mail alone; an address alone (the whole apartment building is not removed: unit 2 only); a company at an
      // address; a first name alone (too thin).
      DNM: [
        [
          'First Name,Last Name,Company,Address,Address 2,Zip,Email',
          ',,,,,,tom.gray@example.com',
          ',,,12 Main St,Apt 2,89501,',
          ',,Acme Supply Co,1 Market Street,,94102,',
          'Robert,,,,,,',
        ].join('\n'),
        'suppression',
      ],
    });
    const r = await run(t, t.ids.Prospects!, [{ kind: 'suppress', listIds: [t.ids.DNM!] }]);
    const gone = await removed(t, r.runId);
    expect([...gone.keys()].sort()).toEqual([3, 7, 8]);
    expect(gone.get(8)).toMatch(/same e-mail as row 1 of "DNM"/);
    expect(gone.get(3)).toMatch(/same address as row 2 of "DNM"/);
    expect(gone.get(7)).toMatch(/same company at an address as row 3 of "DNM"/);
    expect(r.steps[1]!.note).toContain('1 entry too thin to match');
  });

  it('excludes existing customers, or keeps only them', async () => {
    const t = await project({
      House: ['First Name,Last Name,Address,Zip,Email\nLinda,Nguyen,55 Curry Street,89701,\nPaul,Browne,900 State Street,84101,paul.brown@example.com', 'customers'],
      Prospects: [PROSPECTS, 'prospects'],
    });
    const ex = await run(t, t.ids.Prospects!, [{ kind: 'customers' }]);
    const gone = await removed(t, ex.runId);
    expect([...gone.keys()].sort()).toEqual([5, 6]);
    expect(gone.get(5)).toMatch(/^Existing customer: same person as row 1 of "House"/);
    const only = await run(t, t.ids.Prospects!, [{ kind: 'customers', mode: 'only' }]);
    expect(only.kept).toBe(2);
    expect((await removed(t, only.runId)).get(1)).toBe('Not an existing customer: no match on the customer lists');
  });

  it('refuses a recipe that names an unknown list or suppresses the input list with itself', async () => {
    const t = await project({ Prospects: [PROSPECTS, 'prospects'] });
    const unknown = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('mailing.run', { projectId: t.projectId, recipe: { fromListId: t.ids.Prospects!, steps: [{ kind: 'suppress', listIds: [99] }] } })).jobId });
    expect(unknown.error).toEqual(expect.objectContaining({ code: 'NOT_FOUND', message: 'Step 1: there is no list 99 in this project.' }));
    await expectCode(t.service.invoke('mailing.run', { projectId: t.projectId, recipe: { fromListId: 42, steps: [] } }), 'NOT_FOUND');
    const { jobId } = await t.service.invoke('mailing.run', { projectId: t.projectId, recipe: { fromListId: t.ids.Prospects!, steps: [{ kind: 'suppress', listIds: [t.ids.Prospects!] }] } });
    const job = await t.service.invoke('jobs.wait', { jobId });
    expect(job.status).toBe('failed');
    expect(job.error).toEqual(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('Step 1') }));
    const bad = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('mailing.run', { projectId: t.projectId, recipe: { fromListId: t.ids.Prospects!, steps: [{ kind: 'radius', center: 'Main Street', miles: 5 }] } })).jobId });
    expect(bad.error?.message).toMatch(/Step 1 \(radius\): "Main Street" has no 5-digit ZIP/);
  });
});

describe('geography', () => {
  it('keeps states, ZIP3 areas and ZIP codes, or leaves them out, saying where each removed record is', async () => {
    const t = await project({ Prospects: [PROSPECTS, 'prospects'] });
    const st = await run(t, t.ids.Prospects!, [{ kind: 'states', states: ['nv', 'UT'] }]);
    expect(st.kept).toBe(5);
    const gone = await removed(t, st.runId);
    expect(gone.get(2)).toBe('In CA, not in NV, UT');
    expect(gone.get(8)).toBe('No state or known ZIP: not in NV, UT');
    const ex = await run(t, t.ids.Prospects!, [{ kind: 'states', mode: 'exclude', states: ['NV'] }]);
    expect(ex.kept).toBe(4);
    const z3 = await run(t, t.ids.Prospects!, [{ kind: 'zip3', zip3: ['895', '841'] }]);
    expect([...(await removed(t, z3.runId)).values()]).toContain('ZIP3 894 is not one of the chosen areas');
    expect(z3.kept).toBe(3);
    const zips = await run(t, t.ids.Prospects!, [{ kind: 'zips', mode: 'exclude', zips: ['89501'] }]);
    expect(zips.kept).toBe(6);
  });

  it('a radius is great-circle miles between ZIP centroids (Reno–Sacramento 111.4 mi)', async () => {
    const t = await project({ Prospects: [PROSPECTS, 'prospects'] });
    const near = await run(t, t.ids.Prospects!, [{ kind: 'radius', center: '89501', miles: 111 }]);
    // Reno ×2, Sparks, Carson City stay; Sacramento (111.4 mi) is just outside.
    expect(near.kept).toBe(4);
    expect(near.steps[1]!.step).toBe('Within 111 miles of RENO, NV 89501');
    const gone = await removed(t, near.runId);
    expect(gone.get(2)).toBe('111.4 miles from RENO, NV 89501, beyond 111 miles');
    expect(gone.get(8)).toBe('No US ZIP: distance to RENO, NV 89501 cannot be measured');
    const wider = await run(t, t.ids.Prospects!, [{ kind: 'radius', center: '12 Main St, Reno NV 89501', miles: 112 }]);
    expect(wider.kept).toBe(5);
    const out = await run(t, t.ids.Prospects!, [{ kind: 'radius', center: '89501', miles: 30, mode: 'exclude' }]);
    // Reno ×2, Sparks and Carson City (26 mi) are within 30 miles.
    expect(out.kept).toBe(4);
    const geo = await t.service.invoke('geo.summary', { projectId: t.projectId, runId: near.runId });
    expect(geo.circles).toEqual([{ lat: 39.5268, lon: -119.8113, miles: 111, label: 'RENO, NV 89501' }]);
    expect(geo.areas.find((a) => a.zip3 === '895')).toEqual(expect.objectContaining({ prospects: 2, kept: 2, target: true, state: 'NV', place: 'RENO' }));
    expect(geo.areas.find((a) => a.zip3 === '894')).toEqual(expect.objectContaining({ prospects: 1, kept: 1, target: true }));
    expect(geo.areas.find((a) => a.zip3 === '841')).toEqual(expect.objectContaining({ prospects: 1, kept: 0, target: false }));
    expect(geo.unplaced).toEqual({ customers: 0, prospects: 1, kept: 0 });
  });

  it('finds the fewest ZIP3 areas holding a share of customers, by count or by amount', async () => {
    const rows = ['First Name,Last Name,Address,Zip,Amount'];
    // 6 customers in 895 (small spenders), 3 in 841, 1 big spender in 941.
    for (let k = 0; k < 6; k++) rows.push(`A${k},Reno,${k + 1} Main St,89501,$10.00`);
    for (let k = 0; k < 3; k++) rows.push(`B${k},Salt,${k + 1} State St,84101,20`);
    rows.push('C,Big,1 Market St,94102,"$1,000.00"');
    const t = await project({ House: [rows.join('\n'), 'customers'] });
    const byCount = await t.service.invoke('geo.bestAreas', { projectId: t.projectId, percent: 60 });
    expect(byCount).toEqual({ zip3: ['895'], by: 'customers', covered: 6, total: 10, share: 0.6 });
    const most = await t.service.invoke('geo.bestAreas', { projectId: t.projectId, percent: 80 });
    expect(most.zip3).toEqual(['841', '895']);
    const byAmount = await t.service.invoke('geo.bestAreas', { projectId: t.projectId, percent: 80, by: 'amount' });
    expect(byAmount).toEqual(expect.objectContaining({ zip3: ['941'], covered: 1000, total: 1120 }));
  });
});

describe('the mailing ledger', () => {
  it('records every export; "not mailed in N days" removes the same records and the same people on other lists', async () => {
    const t = await project({ Prospects: [PROSPECTS, 'prospects'] });
    const first = await run(t, t.ids.Prospects!, [{ kind: 'states', states: ['NV'] }]);
    const out = path.join(t.dir, 'nv.csv');
    const { jobId } = await t.service.invoke('mailing.export', { projectId: t.projectId, runId: first.runId, file: t.service.registerFile(out, 'write'), name: 'Nevada spring', mailedAt: daysAgo(10) });
    const exported = await t.service.invoke('jobs.wait', { jobId });
    expect(exported.status).toBe('done');
    const written = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').trim()).data;
    expect(written).toHaveLength(1 + 4);
    expect(written.slice(1).map((r) => r[7])).toEqual(['89501', '89501', '89431', '89701']);
    const { mailings } = await t.service.invoke('mailing.ledger', { projectId: t.projectId });
    expect(mailings).toEqual([expect.objectContaining({ name: 'Nevada spring', channel: 'direct-mail', recipients: 4, runId: first.runId, fromListName: 'Prospects', fileName: 'nv.csv', mailedAt: daysAgo(10) })]);

    const again = await run(t, t.ids.Prospects!, [{ kind: 'notMailed', days: 30 }]);
    expect(again.kept).toBe(4);
    const gone = await removed(t, again.runId);
    expect(gone.get(1)).toBe(`Mailed in "Nevada spring" on ${daysAgo(10)} (10 days ago)`);
    const older = await run(t, t.ids.Prospects!, [{ kind: 'notMailed', days: 7 }]);
    expect(older.kept).toBe(8);
    // A new bought list: the same Linda Nguyen (spelled out street) was mailed from the first list.
    const { jobId: imp } = await t.service.invoke('import.start', {
      projectId: t.projectId,
      file: t.service.registerFile(writeFile(t.dir, 'new.csv', `${HEADER}\nLinda,Nguyen,,55 Curry Street,,Carson City,NV,89701,,\nNew,Person,,1 Elm St,,Carson City,NV,89701,,`), 'read'),
      name: 'New list',
    });
    const newList = ((await t.service.invoke('jobs.wait', { jobId: imp })).result as { listId: number }).listId;
    const next = await run(t, newList, [{ kind: 'notMailed', days: 30 }]);
    expect(next.kept).toBe(1);
    expect((await removed(t, next.runId)).get(1)).toMatch(/^Mailed in "Nevada spring" on .* as row 5 of "Prospects" \(Linda Nguyen/);
    // E-mail campaigns do not count when only direct mail is asked about.
    const directOnly = await run(t, newList, [{ kind: 'notMailed', days: 30, channels: ['email'] }]);
    expect(directOnly.kept).toBe(2);
  });

  it('allows at most K pieces per household per period, counting the ledger and the set itself', async () => {
    const t = await project({
      Prospects: [
        [HEADER, 'Ann,Lee,,3 Pine St,,Reno,NV,89501,,', 'Bob,Lee,,3 Pine Street,,Reno,NV,89501,,', 'Cy,Lee,,3 Pine St,,Reno,NV,89501,,', 'Di,Park,,3 Pine St,,Reno,NV,89501,,'].join('\n'),
        'prospects',
      ],
    });
    const limit = await run(t, t.ids.Prospects!, [{ kind: 'householdLimit', pieces: 2, days: 90 }]);
    // Three Lees in one household: the third goes; the Parks are another household.
    expect(limit.kept).toBe(3);
    expect([...(await removed(t, limit.runId)).values()]).toEqual(['Household LEE at 3 PINE ST, 89501 has 2 pieces (2 already in this set); limit 2 in 90 days']);
    // Mail one Lee, then one piece is left for the household.
    const one = await run(t, t.ids.Prospects!, [{ kind: 'zips', zips: ['89501'] }, { kind: 'householdLimit', pieces: 1, days: 90 }]);
    expect(one.kept).toBe(2);
    const { jobId } = await t.service.invoke('mailing.export', { projectId: t.projectId, runId: one.runId, file: t.service.registerFile(path.join(t.dir, 'one.csv'), 'write'), name: 'One per house' });
    expect((await t.service.invoke('jobs.wait', { jobId })).status).toBe('done');
    const after = await run(t, t.ids.Prospects!, [{ kind: 'householdLimit', pieces: 2, days: 90 }]);
    expect(after.kept).toBe(2);
  });
});

describe('the waterfall', () => {
  it('adds up (in − removed = next in), stores a reason on every removed record, and pages them by step', async () => {
    const t = await project({
      House: ['First Name,Last Name,Address,Zip\nPaul,Brown,900 State St,84101', 'customers'],
      Prospects: [PROSPECTS, 'prospects'],
      DNM: ['Email\nkaren@acmesupply.com', 'suppression'],
    });
    const r = await run(t, t.ids.Prospects!, [
      { kind: 'suppress', listIds: [t.ids.DNM!] },
      { kind: 'customers' },
      { kind: 'mailable' },
      { kind: 'states', states: ['NV', 'CA'] },
      { kind: 'radius', center: '89501', miles: 50 },
    ]);
    expectWaterfallAddsUp(r);
    expect(r.steps.map((s) => s.removed)).toEqual([0, 1, 1, 1, 0, 1]);
    expect(r.kept).toBe(4);
    const all = await t.service.invoke('mailing.removed', { projectId: t.projectId, runId: r.runId });
    expect(all.total).toBe(r.input - r.kept);
    for (const rec of all.records) {
      expect(rec.reason.length).toBeGreaterThan(10);
      expect(rec.summary.length).toBeGreaterThan(3);
      expect(rec.step).toBeGreaterThanOrEqual(1);
    }
    const byStep = await Promise.all(r.steps.slice(1).map((_, k) => t.service.invoke('mailing.removed', { projectId: t.projectId, runId: r.runId, step: k + 1 })));
    expect(byStep.map((p) => p.total)).toEqual(r.steps.slice(1).map((s) => s.removed));
    expect(byStep[2]!.records[0]!.reason).toMatch(/^No deliverable postal address/);
    const runs = await t.service.invoke('mailing.runs', { projectId: t.projectId });
    expect(runs.runs[0]).toEqual(expect.objectContaining({ runId: r.runId, kept: 4, recipe: expect.objectContaining({ fromListId: t.ids.Prospects }) }));
  });

  it('saves a named recipe and runs it again', async () => {
    const t = await project({ Prospects: [PROSPECTS, 'prospects'] });
    const recipe = { fromListId: t.ids.Prospects!, steps: [{ kind: 'states' as const, states: ['NV'] }] };
    const { jobId } = await t.service.invoke('mailing.run', { projectId: t.projectId, recipe, name: 'Nevada' });
    expect(((await t.service.invoke('jobs.wait', { jobId })).result as MailingRunResult).recipeName).toBe('Nevada');
    const { recipes } = await t.service.invoke('mailing.recipes', { projectId: t.projectId });
    expect(recipes).toEqual([expect.objectContaining({ name: 'Nevada', recipe: { fromListId: t.ids.Prospects, steps: [{ kind: 'states', mode: 'include', states: ['NV'] }] } })]);
    expect((await t.service.invoke('mailing.deleteRecipe', { projectId: t.projectId, name: 'Nevada' })).deleted).toBe(true);
    expect((await t.service.invoke('mailing.recipes', { projectId: t.projectId })).recipes).toEqual([]);
  });

  it('flags multi-buyers, and keeps only them when asked', async () => {
    const t = await project({
      Prospects: [PROSPECTS, 'prospects'],
      Other: [`${HEADER}\nRobert,Smith,,12 Main St,Apt 1,Reno,NV,89501,,\nPaul,Brown,,900 State Street,,Salt Lake City,UT,84101,,`, 'prospects'],
    });
    const flag = await run(t, t.ids.Prospects!, []);
    expect(flag.multiBuyers).toBe(2);
    const only = await run(t, t.ids.Prospects!, [{ kind: 'multiBuyers' }]);
    expect(only.kept).toBe(2);
    expect((await removed(t, only.runId)).get(3)).toBe('On 1 bought list; multi-buyers are on 2 or more');
  });
});

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
