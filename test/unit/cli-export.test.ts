// Covers `winnow export` of mailing sets: formula cells neutralized by default (phones intact) and --raw, --bom, chosen
// fields in order with mail-merge lines, .xlsx, one piece per household (matching run by the export), ZIP order, split
// files, the best-scored cap, the mailing ledger, usage errors in words, and an atomic write that survives SIGKILL.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkbook, readSheetRows } from '../../src/jobs/parse-xlsx';
import { parseCsv } from '../fixtures/csv';
import { cli } from '../fixtures/cli';
import { ensureEngineBuilt, ROOT } from '../fixtures/engine-build';
import { cleanupAfterEach, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();
beforeAll(ensureEngineBuilt, 180_000);

const PROSPECTS = [
  'id,First Name,Last Name,Address,City,State,Zip,Phone,Note',
  'p1,Robert,Smith,12 Main Street Apt 1,Reno,NV,89501-1234,+1 212 555 0100,"=HYPERLINK(""http://x"",""y"")"',
  'p2,Maria,Smith,12 Main St Apt 1,Reno,NV,89501,212-555-0101,@SUM(A1)',
  'p3,James,Carter,7 Lake Rd,Sparks,NV,89431,,-2+3',
  'p4,Linda,Nguyen,55 Curry St,Carson City,NV,89701,,  =1+1',
  'p5,Paul,Brown,900 State St,Salt Lake City,UT,84101,-12.50,plain',
  'p6,Karen,White,1 Market St,San Francisco,CA,94102,,José',
].join('\n');

async function setup() {
  const dir = tempDir();
  const project = path.join(dir, 'p.winnow');
  const r = await cli(['import', writeFile(dir, 'bought.csv', PROSPECTS), '--project', project, '--name', 'Bought']);
  expect(r.err).toEqual([]);
  return { dir, project };
}

const readCsv = (file: string) => parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), ',').filter((x) => x.length > 1);

async function readXlsx(file: string): Promise<string[][]> {
  const { book } = await openWorkbook(file, path.basename(file));
  const rows: string[][] = [];
  for await (const b of readSheetRows(file, path.basename(file), book, book.sheets[0]!)) for (const r of b) rows.push(r.cells);
  return rows;
}

describe('winnow export', () => {
  it('neutralizes formula cells by default, keeps phone numbers and amounts, and writes values exactly with --raw', async () => {
    const { dir, project } = await setup();
    const out = path.join(dir, 'o.csv');
    const r = await cli(['export', '--project', project, '--list', 'Bought', '--out', out]);
    expect(r).toEqual({ code: 0, out: [expect.stringMatching(/^Exported 6 rows of list "Bought" to o\.csv in [\d.]+ s\.$/)], err: [] });
    const rows = readCsv(out);
    expect(rows.map((x) => [x[7], x[8]])).toEqual([
      ['Phone', 'Note'],
      ['+1 212 555 0100', '\'=HYPERLINK("http://x","y")'],
      ['212-555-0101', "'@SUM(A1)"],
      ['', "'-2+3"],
      ['', "'  =1+1"],
      ['-12.50', 'plain'],
      ['', 'José'],
    ]);
    const raw = path.join(dir, 'raw.csv');
    expect((await cli(['export', '--project', project, '--list', 'Bought', '--out', raw, '--raw'])).code).toBe(0);
    expect(readCsv(raw).map((x) => x[8])).toEqual(['Note', '=HYPERLINK("http://x","y")', '@SUM(A1)', '-2+3', '  =1+1', 'plain', 'José']);
  });

  it('writes chosen fields in order with mail-merge lines, to CSV with a BOM and to .xlsx', async () => {
    const { dir, project } = await setup();
    const csv = path.join(dir, 'labels.csv');
    const fields = 'addressee,company,delivery_line,last_line,id,note';
    expect((await cli(['export', '--project', project, '--list', 'Bought', '--out', csv, '--fields', fields, '--bom'])).code).toBe(0);
    const bytes = fs.readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(csv);
    expect(rows[0]).toEqual(['addressee', 'company', 'delivery_line', 'last_line', 'id', 'Note']);
    expect(rows[1]).toEqual(['Robert Smith', '', '12 MAIN ST APT 1', 'RENO NV 89501-1234', 'p1', '\'=HYPERLINK("http://x","y")']);
    const xlsx = path.join(dir, 'labels.xlsx');
    expect((await cli(['export', '--project', project, '--list', 'Bought', '--out', xlsx, '--fields', fields])).code).toBe(0);
    const sheet = await readXlsx(xlsx);
    expect(sheet[0]).toEqual(rows[0]);
    expect(sheet.slice(1).map((x) => x[3])).toEqual(rows.slice(1).map((x) => x[3]));
    expect(sheet[6]).toEqual(['Karen White', '', '1 MARKET ST', 'SAN FRANCISCO CA 94102', 'p6', 'José']);
  });

  it('keeps one piece per household (matching the list itself), sorts by ZIP, splits by state and records the set in the ledger', async () => {
    const { dir, project } = await setup();
    const out = path.join(dir, 'set.csv');
    const r = await cli(['export', '--project', project, '--list', 'Bought', '--out', out, '--fields', 'id,last_line', '--one-per', 'household', '--sort', 'zip', '--split-by', 'state', '--name', 'Spring']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^One piece per household: matched the list at household level now \(merge\/purge run \d+\); 1 record left out as the same household\.$/);
    expect(r.out.slice(1)).toEqual([
      expect.stringMatching(/^Exported 5 rows of list "Bought" to 3 files by state in [\d.]+ s:$/),
      '  set-CA.csv  1 row  (state CA)',
      '  set-NV.csv  3 rows  (state NV)',
      '  set-UT.csv  1 row  (state UT)',
      'Recorded in the mailing ledger as "Spring" (direct-mail, 5 pieces).',
    ]);
    expect(fs.existsSync(out)).toBe(false);
    // ZIP order: Sparks 89431, Reno 89501, Carson City 89701; the Smiths' household keeps one record.
    expect(readCsv(path.join(dir, 'set-NV.csv')).slice(1).map((x) => x[0])).toEqual(['p3', expect.stringMatching(/^p[12]$/), 'p4']);
    const db = new Database(project, { readonly: true });
    try {
      expect(db.prepare(`SELECT name, recipients, file_name AS fileName FROM mailings`).all()).toEqual([{ name: 'Spring', recipients: 5, fileName: 'set-CA.csv, set-NV.csv, set-UT.csv' }]);
      expect(db.prepare(`SELECT file_name AS f, rows FROM mailing_exports ORDER BY id`).all()).toEqual([
        { f: 'set-CA.csv', rows: 1 },
        { f: 'set-NV.csv', rows: 3 },
        { f: 'set-UT.csv', rows: 1 },
      ]);
    } finally {
      db.close();
    }
    // The recorded set exported again by name: the same recipients, one more export row, no new pieces.
    const again = path.join(dir, 'again.xlsx');
    const a = await cli(['export', '--project', project, '--mailing', 'Spring', '--out', again, '--sort', 'zip', '--fields', 'id']);
    expect(a.err).toEqual([]);
    expect(a.out).toEqual([expect.stringMatching(/^Exported 5 rows of mailing "Spring" to again\.xlsx/), 'Recorded in the mailing ledger: mailing "Spring" exported again (no new pieces).']);
    // ZIP order across states: 84101 (Salt Lake City), 89431, 89501, 89701, 94102.
    expect((await readXlsx(again)).map((x) => x[0])).toEqual(['id', 'p5', 'p3', expect.stringMatching(/^p[12]$/), 'p4', 'p6']);
    // A current household run is reused, not run again.
    const reuse = await cli(['export', '--project', project, '--list', 'Bought', '--out', path.join(dir, 'r.csv'), '--one-per', 'household']);
    expect(reuse.out[0]).toMatch(/^One piece per household: the current household-level merge\/purge \(run \d+\)/);
  });

  it('keeps the N best-scored pieces and splits by segment and band; refuses --limit without scores', async () => {
    const { dir, project } = await setup();
    const none = await cli(['export', '--project', project, '--list', 'Bought', '--out', path.join(dir, 'x.csv'), '--limit', '2']);
    expect(none).toEqual({ code: 1, out: [], err: ['winnow: --limit keeps the best-scored records, but no record of "Bought" has a score; run winnow score --project first.'] });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('x') || f.includes('.partial'))).toEqual([]);
    // Scores as `winnow score` stores them (list 1: record id = 2³² + row).
    const db = new Database(project);
    const ins = db.prepare(`INSERT INTO lead_scores (record_id, fit, grade, engagement, sales_ready, reasons, flags, scored_at) VALUES (?, ?, ?, 1, 0, '[]', '[]', '2026-01-01')`);
    [[1, 90, 'A1'], [2, 80, 'A2'], [3, 30, 'C1'], [4, 60, 'B3'], [5, 10, 'D3']].forEach(([row, fit, grade]) => ins.run(2 ** 32 + (row as number), fit, grade));
    db.close();
    const out = path.join(dir, 'best.csv');
    const r = await cli(['export', '--project', project, '--list', 'Bought', '--out', out, '--limit', '3', '--fields', 'id,score,grade,band']);
    expect(r.out[0]).toBe('Best-scored 3: 3 lower-scored records left out.');
    expect(readCsv(out)).toEqual([['id', 'score', 'grade', 'band'], ['p1', '90', 'A1', 'A'], ['p2', '80', 'A2', 'A'], ['p4', '60', 'B3', 'B']]);
    const seg = await cli(['export', '--project', project, '--list', 'Bought', '--out', path.join(dir, 'seg.csv'), '--split-by', 'segment', '--fields', 'id']);
    expect(seg.out.filter((l) => l.startsWith('  '))).toEqual([
      '  seg-A1.csv  1 row  (segment A1)',
      '  seg-A2.csv  1 row  (segment A2)',
      '  seg-B3.csv  1 row  (segment B3)',
      '  seg-C1.csv  1 row  (segment C1)',
      '  seg-D3.csv  1 row  (segment D3)',
      '  seg-unscored.csv  1 row  (segment unscored)',
    ]);
    const band = await cli(['export', '--project', project, '--list', 'Bought', '--out', path.join(dir, 'band.xlsx'), '--split-by', 'band', '--fields', 'id']);
    expect(band.out.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/)[0])).toEqual(['band-A.xlsx', 'band-B.xlsx', 'band-C.xlsx', 'band-D.xlsx', 'band-unscored.xlsx']);
    expect((await readXlsx(path.join(dir, 'band-A.xlsx'))).map((x) => x[0])).toEqual(['id', 'p1', 'p2']);
  });

  it.each([
    [['--fields', 'addressee,bogus'], 2, /--fields must be original, canonical or all, or field names in order: unknown field "bogus"\. Fields: original, canonical, all, mail-merge, cass, or a comma-separated list of .*addressee.*last_line.* or the list's columns "id", "First Name"/],
    [['--one-per', 'street'], 2, /--one-per must be household or company \(got "street"\)/],
    [['--sort', 'name'], 2, /--sort must be zip/],
    [['--split-by', 'city'], 2, /--split-by must be one of state, segment, band/],
    [['--limit', '0'], 2, /--limit must be a whole number of pieces/],
    [['--mailing', 'Spring'], 2, /give --list or --mailing, not both/],
  ])('refuses %j in words (exit %i)', async (extra, code, message) => {
    const { dir, project } = await setup();
    const r = await cli(['export', '--project', project, '--list', 'Bought', '--out', path.join(dir, 'o.csv'), ...extra]);
    expect(r.code).toBe(code);
    expect(r.err).toEqual([expect.stringMatching(message)]);
  });

  it('says which mailings exist when --mailing names none, and refuses --one-per with a recorded mailing', async () => {
    const { dir, project } = await setup();
    const r = await cli(['export', '--project', project, '--mailing', 'Nope', '--out', path.join(dir, 'o.csv')]);
    expect(r).toEqual({ code: 1, out: [], err: ['winnow: There is no mailing "Nope" in the ledger (mailings: none).'] });
    const u = await cli(['export', '--project', project, '--mailing', 'Nope', '--out', path.join(dir, 'o.csv'), '--one-per', 'company']);
    expect(u.code).toBe(2);
    expect(u.err[0]).toMatch(/--one-per and --limit form a new mailing set from a --list/);
  });

  it('leaves no file under the final name when the process is killed mid-write', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'big.winnow');
    const lines = ['First Name,Last Name,Address,City,State,Zip'];
    for (let i = 0; i < 150_000; i++) lines.push(`Name${i},Smith${i},${i} Main St,Reno,NV,${89501 + (i % 20)}`);
    expect((await cli(['import', writeFile(dir, 'big.csv', lines.join('\n')), '--project', project, '--name', 'Big'])).code).toBe(0);
    const out = path.join(dir, 'big.xlsx');
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'export', '--project', project, '--list', 'Big', '--out', out, '--fields', 'canonical'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill as soon as the temporary file has some bytes in it.
    const deadline = Date.now() + 60_000;
    let partial: string | undefined;
    while (Date.now() < deadline) {
      partial = fs.readdirSync(dir).find((f) => f.endsWith('.partial'));
      if (partial && fs.statSync(path.join(dir, partial)).size > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(partial).toMatch(/^\.big\.xlsx\.\d+\.\d+\.partial$/);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('big.xlsx'))).toEqual([]);
    // The next export of the same file completes and clears the killed one's temporary file.
    const again = await cli(['export', '--project', project, '--list', 'Big', '--out', out, '--fields', 'First Name,last_line']);
    expect(again.code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes('big.xlsx'))).toEqual(['big.xlsx']);
  }, 120_000);
});
