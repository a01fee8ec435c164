// Covers `winnow mailing`: the waterfall in the documented order with the report JSON (step, in, removed), the mailing
// set written and recorded in the ledger so the next run's --not-mailed-days removes it, and usage errors in words.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../fixtures/csv';
import { cli } from '../fixtures/cli';
import { cleanupAfterEach, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();

const PROSPECTS = [
  'id,First Name,Last Name,Address,City,State,Zip,Email',
  'p1,Robert,Smith,12 Main Street Apt 1,Reno,NV,89501,robert@example.com',
  'p2,Maria,Lopez,40 Elm St,Reno,NV,89502,maria@example.com',
  'p3,James,Carter,7 Lake Rd,Sparks,NV,89431,james@example.com',
  'p4,Linda,Nguyen,55 Curry St,Carson City,NV,89701,linda@example.com',
  'p5,Paul,Brown,900 State St,Salt Lake City,UT,84101,paul@example.com',
  'p6,Karen,White,1 Market St,San Francisco,CA,94102,karen@example.com',
  'p7,Ann,Lee,3 Pine St,Las Vegas,NV,89101,ann@example.com',
].join('\n');

async function setup() {
  const dir = tempDir();
  const project = path.join(dir, 'p.winnow');
  const imp = async (name: string, csv: string, role: string) => {
    const r = await cli(['import', writeFile(dir, `${name}.csv`, csv), '--project', project, '--name', name, '--role', role]);
    expect(r.err).toEqual([]);
  };
  await imp('Bought', PROSPECTS, 'prospects');
  await imp('DNM', 'First Name,Last Name,Address,Zip\nBob,Smith,12 Main St,89501', 'suppression');
  await imp('House', 'First Name,Last Name,Address,Zip\nPaul,Brown,900 State Street,84101', 'customers');
  return { dir, project };
}

describe('winnow mailing', () => {
  it('runs the waterfall in the documented order, writes the set and a report whose counts add up', async () => {
    const { dir, project } = await setup();
    const out = path.join(dir, 'set.csv');
    const report = path.join(dir, 'report.json');
    const r = await cli([
      'mailing', '--project', project, '--from', 'Bought', '--suppress', 'DNM', '--exclude-customers', '--states', 'NV,UT', '--zip3', '895,894,897',
      '--radius', '89501:30', '--not-mailed-days', '30', '--name', 'Spring', '--out', out, '--report', report,
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { steps: { step: string; kind: string; in: number; removed: number }[]; input: number; kept: number; mailing: string; rowsWritten: number };
    expect(json.steps.map((s) => [s.kind, s.in, s.removed])).toEqual([
      ['suppress', 7, 1], // Bob Smith, 12 Main St = Robert Smith, 12 Main Street Apt 1
      ['customers', 6, 1], // Paul Brown
      ['states', 5, 1], // San Francisco
      ['zip3', 4, 1], // Las Vegas (891)
      ['radius', 3, 0], // Reno, Sparks, Carson City (26 mi) are within 30 miles
      ['notMailed', 3, 0],
    ]);
    expect(json.steps[0]!.in).toBe(json.input);
    for (let k = 1; k < json.steps.length; k++) expect(json.steps[k]!.in).toBe(json.steps[k - 1]!.in - json.steps[k - 1]!.removed);
    expect(json.steps[json.steps.length - 1]!.in - json.steps[json.steps.length - 1]!.removed).toBe(json.kept);
    expect(json).toEqual(expect.objectContaining({ input: 7, kept: 3, mailing: 'Spring', rowsWritten: 3 }));
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',').filter((x) => x.length > 1);
    expect(rows[0]).toEqual(['id', 'First Name', 'Last Name', 'Address', 'City', 'State', 'Zip', 'Email']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(['p2', 'p3', 'p4']);
    expect(r.out).toEqual(expect.arrayContaining([expect.stringMatching(/^Mailing set from "Bought" in [\d.]+ s: 7 → 3 records\.$/), expect.stringMatching(/recorded in the mailing ledger as "Spring"/)]));

    // The ledger remembers: the same three are not mailed again within 30 days.
    const again = await cli(['mailing', '--project', project, '--from', 'Bought', '--not-mailed-days', '30', '--out', path.join(dir, 'again.csv'), '--report', report]);
    expect(again.code).toBe(0);
    const second = JSON.parse(fs.readFileSync(report, 'utf8')) as { steps: { kind: string; removed: number }[]; kept: number };
    expect(second.steps).toEqual([expect.objectContaining({ kind: 'notMailed', in: 7, removed: 3 })]);
    expect(second.kept).toBe(4);
  });

  it('suppresses at a chosen level: by e-mail nobody matches here', async () => {
    const { dir, project } = await setup();
    const r = await cli(['mailing', '--project', project, '--from', 'Bought', '--suppress', 'DNM', '--level', 'email', '--out', path.join(dir, 'o.csv')]);
    expect(r.code).toBe(0);
    expect(r.out.find((l) => l.startsWith('1  Suppress'))).toMatch(/\(e-mail\)\s+7\s+0\s+7$/);
  });

  it.each([
    [['--from', 'Bought'], /--out is required/],
    [['--from', 'Bought', '--out', 'x.csv', '--radius', '89501'], /--radius must be ZIP:MILES/],
    [['--from', 'Bought', '--out', 'x.csv', '--states', 'Nevada'], /--states: "NEVADA" is not a two-letter state code/],
    [['--from', 'Bought', '--out', 'x.csv', '--zip3', '89'], /--zip3: "89" is not a 3-digit ZIP area/],
    [['--from', 'Bought', '--out', 'x.csv', '--not-mailed-days', 'soon'], /--not-mailed-days must be a whole number/],
    [['--from', 'Bought', '--out', 'x.csv', '--level', 'family'], /--level must be one of auto, person/],
  ])('refuses %j with a usage error', async (args, message) => {
    const { project } = await setup();
    const r = await cli(['mailing', '--project', project, ...args]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
  });

  it('names the missing list, and a radius centre it cannot place, as errors', async () => {
    const { dir, project } = await setup();
    const missing = await cli(['mailing', '--project', project, '--from', 'Bought', '--suppress', 'Nope', '--out', path.join(dir, 'o.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toMatch(/no list named "Nope" in p\.winnow \(lists: "Bought", "DNM", "House"\)/);
    const nowhere = await cli(['mailing', '--project', project, '--from', 'Bought', '--radius', '99999:10', '--out', path.join(dir, 'o.csv')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.err.join('\n')).toMatch(/Step 1 \(radius\): ZIP 99999 is not in the bundled ZIP table/);
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
  });
});
