// Covers the `winnow` command in-process (runCli) and through the real bin: import, export, lists, errors, exit codes, help.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { messyTable, parseCsv, plainCsv, toCsv } from '../fixtures/csv';
import { ensureEngineBuilt, ROOT } from '../fixtures/engine-build';
import { prospectWorkbook } from '../fixtures/formats/xlsx';
import { cleanupAfterEach, openService, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();
beforeAll(ensureEngineBuilt, 120_000);

interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** The same command two ways: runCli in this process, and the real bin in a child process. */
const runners: { how: string; run: (argv: string[], cwd: string) => Promise<Run> }[] = [
  {
    how: 'runCli',
    // runCli resolves relative paths against this process's cwd, so the tests pass absolute paths.
    run: async (argv, _cwd) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), resourcesDir: path.join(ROOT, 'resources') });
      return { code, out: out.flatMap((l) => l.split('\n')), err: err.flatMap((l) => l.split('\n')) };
    },
  },
  {
    how: 'bin/winnow.mjs',
    run: async (argv, cwd) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'winnow.mjs'), ...argv], { cwd, encoding: 'utf8', timeout: 60_000 });
      const lines = (s: string) => (s.length === 0 ? [] : s.replace(/\n$/, '').split('\n'));
      return { code: r.status ?? -1, out: lines(r.stdout), err: lines(r.stderr) };
    },
  },
];

const IMPORTED = /^Imported \d[\d,]* rows .* in \d+\.\d\d s/;

/** A small vendor file with typical headers (and one custom column). */
const VENDOR = [
  'Cust #,First,LName,Addr1,Town,ST,Zip Code,E-mail,Notes',
  '1001,Ann,Lee,1 Main St,Boston,MA,02134,ann@example.com,vip',
  '1002,Bob,Roe,2 Elm St,Austin,TX,73301,bob@example.com,',
  '1003,Cy,Dee,3 Oak Ave,Miami,FL,33101,cy@example.com,call',
  '1004,Di,Fox,4 Pine Rd,Denver,CO,80201,di@example.com,',
].join('\r\n') + '\r\n';

describe.each(runners)('winnow via $how', ({ run }) => {
  it('imports a file into a new project and prints one summary line', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'acme.csv', toCsv(messyTable(1500, 6, 5)));
    const project = path.join(dir, 'spring.winnow');
    const r = await run(['import', file, '--project', project], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(IMPORTED);
    expect(r.out[0]).toMatch(/^Imported 1,500 rows from acme\.csv into list "acme" \(prospects\) of spring\.winnow in \d+\.\d\d s \[utf-8, comma\]\.$/);
    // Then the report: how it was read, problems, blank lines, mapped and custom columns.
    expect(r.out.slice(1, 5)).toEqual([
      expect.stringMatching(/^ {2}read as: +utf-8 \(.+\), comma-separated; header on row 1$/),
      expect.stringMatching(/^ {2}rows with problems: +0$/),
      expect.stringMatching(/^ {2}blank lines: +0 skipped$/),
      expect.stringMatching(/^ {2}columns: +\d+ mapped to fields, \d+ kept as custom fields$/),
    ]);
    expect(fs.existsSync(project)).toBe(true);
  });

  it('reports mapped columns, problems and blank lines of a vendor file', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'vendor.csv', VENDOR + 'only,two\r\n\r\n');
    const project = path.join(dir, 'p.winnow');
    const r = await run(['import', file, '--project', project, '--name', 'Acme'], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Imported 5 rows from vendor\.csv into list "Acme" \(prospects\) of p\.winnow in \d+\.\d\d s \[utf-8, comma, 1 blank lines skipped\]\.$/);
    expect(r.out).toContain('  rows with problems: 1 (kept whole; list them with: winnow problems --project p.winnow --list "Acme")');
    expect(r.out).toContain('  blank lines:        1 skipped');
    expect(r.out).toContain('  columns:            8 mapped to fields, 1 kept as custom fields');
    expect(r.out).toContain('  mapped:             Cust # → customer_id, First → first_name, LName → last_name, Addr1 → address1, Town → city, ST → state, Zip Code → zip, E-mail → email');
    expect(r.out).toContain('  custom:             Notes');
  });

  it('refuses a file imported before, telling to pass --again, and imports it with --again', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'march.csv', plainCsv(50));
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', file, '--project', project], dir)).code).toBe(0);
    const r = await run(['import', file, '--project', project, '--name', 'Again'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([expect.stringMatching(/^winnow: march\.csv was already imported as list "march" on \d{4}-\d\d-\d\d.*Pass --again to import it once more\.$/)]);
    const again = await run(['import', file, '--project', project, '--name', 'Again', '--again'], dir);
    expect(again.code).toBe(0);
    expect(again.out[0]).toMatch(/^Imported 50 rows from march\.csv into list "Again"/);
    const lists = await run(['lists', '--project', project], dir);
    expect(lists.out.slice(1).map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(['march', 'Again']);
  });

  it('imports with --mapping FILE.json (header names or column indexes) and saves and reuses a preset', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'vendor.csv', VENDOR);
    const project = path.join(dir, 'p.winnow');
    const byName = writeFile(dir, 'map.json', JSON.stringify({ columns: { Notes: 'source', 'cust #': null } }));
    const r = await run(['import', file, '--project', project, '--mapping', byName, '--save-preset', 'Acme layout'], dir);
    expect(r.err).toEqual([]);
    expect(r.out).toContain('  columns:            8 mapped to fields, 1 kept as custom fields');
    expect(r.out).toContain('  custom:             Cust #');
    expect(r.out.find((l) => l.startsWith('  mapped:'))).toMatch(/Notes → source$/);
    // The preview of the same layout in this project shows the preset.
    const p = await run(['preview', file, '--project', project], dir);
    expect(p.out).toContain('  already imported as list "vendor" on ' + new Date().toISOString().slice(0, 10));
    expect(p.out.find((l) => l.startsWith('  columns:'))).toMatch(/from preset "Acme layout"/);
    // --mapping PRESET by name; an array of {index, field} works too.
    const again = await run(['import', file, '--project', project, '--again', '--name', 'B', '--mapping', 'acme LAYOUT'], dir);
    expect(again.out).toContain('  custom:             Cust #');
    const byIndex = writeFile(dir, 'idx.json', JSON.stringify([{ index: 0, field: 'customer_id' }, { index: 8, field: null }]));
    const third = await run(['import', file, '--project', project, '--again', '--name', 'C', '--mapping', byIndex], dir);
    expect(third.out).toContain('  custom:             Notes');
  });

  it('previews and imports an Excel workbook: sheets, header row below a title, mapped columns', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'prospects.xlsx');
    await prospectWorkbook(file);
    const p = await run(['preview', file], dir);
    expect(p.err).toEqual([]);
    expect(p.out.slice(0, 3)).toEqual([expect.stringMatching(/^prospects\.xlsx: [\d.]+ KB, Excel workbook$/), '  sheets:     "Notes", "Prospects"; showing "Prospects"', '  header row: 3 (1 row above it kept aside)']);
    expect(p.out).toContain('    3  Zip     → zip  (0.99: header "Zip" is a name for ZIP, and 100% of values look like ZIP codes)');
    const r = await run(['import', file, '--project', path.join(dir, 'p.winnow'), '--sheet', 'Prospects'], dir);
    expect(r.err).toEqual([]);
    expect(r.out[0]).toMatch(/^Imported \d+ rows from prospects\.xlsx into list "prospects" \(prospects\) of p\.winnow in \d+\.\d\d s \[xlsx, sheet "Prospects"/);
    expect(r.out[1]).toBe('  read as:            Excel workbook, sheet "Prospects"; header on row 3 (1 row above it kept aside)');
  });

  it('reads with --encoding, --delimiter and --header-row', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'semi.txt', Buffer.from('Name;City\r\nJos\xe9;Z\xfcrich\r\n', 'latin1'));
    const r = await run(['import', file, '--project', path.join(dir, 'p.winnow'), '--encoding', 'windows-1252', '--delimiter', 'semicolon', '--header-row', '1'], dir);
    expect(r.err).toEqual([]);
    expect(r.out[0]).toMatch(/\[windows-1252, semicolon\]\.$/);
  });

  it('preview prints encoding, delimiter, header row, one line per column with its field and reason, and the first 5 rows', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'vendor.csv', VENDOR + '1005,E,F,5 St,X,NY,10001,e@f.com,n5\r\n1006,G,H,6 St,Y,NJ,07001,g@h.com,n6\r\n');
    const r = await run(['preview', file], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.slice(0, 5)).toEqual([
      expect.stringMatching(/^vendor\.csv: \d+ bytes, delimited text$/),
      expect.stringMatching(/^ {2}encoding: +utf-8 \(.+\)$/),
      '  delimiter:  comma',
      '  header row: 1',
      '  columns:    9 (8 mapped to fields)',
    ]);
    expect(r.out).toContain('   7  Zip Code  → zip  (0.99: header "Zip Code" is a name for ZIP, and 100% of values look like ZIP codes)');
    expect(r.out).toContain('   9  Notes     → (custom)  (0.00: header "Notes" is not a known field; kept as a custom field)');
    const at = r.out.indexOf('  first 5 rows:');
    expect(at).toBeGreaterThan(0);
    expect(r.out.slice(at + 1)).toEqual(['    1001,Ann,Lee,1 Main St,Boston,MA,02134,ann@example.com,vip', expect.any(String), expect.any(String), expect.any(String), expect.stringMatching(/^ {4}1005,E,F/)]);
  });

  it('problems prints line, row, reason and cells as CSV, or writes them with --out', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', writeFile(dir, 'r.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n'), '--project', project], dir)).code).toBe(0);
    const r = await run(['problems', '--project', project, '--list', 'R'], dir);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual(['line,row,reason,a,b,c', '3,2,row has 2 cells; the header has 3 (all cells kept),4,5', '4,3,row has 4 cells; the header has 3 (all cells kept),6,7,8,9']);
    const out = path.join(dir, 'problems.csv');
    const w = await run(['problems', '--project', project, '--list', 'r', '--out', out], dir);
    expect(w.out).toEqual(['Wrote 2 problems of list "r" to problems.csv.']);
    expect(parseCsv(fs.readFileSync(out, 'utf8'), ',')).toEqual([
      ['line', 'row', 'reason', 'a', 'b', 'c'],
      ['3', '2', 'row has 2 cells; the header has 3 (all cells kept)', '4', '5'],
      ['4', '3', 'row has 4 cells; the header has 3 (all cells kept)', '6', '7', '8', '9'],
    ]);
  });

  it('problems --out neutralizes formula triggers in the raw cells, as every file export does', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', writeFile(dir, 'f.csv', 'a,b\n1,2\n=HYPERLINK("http://x"),+1 212 555 0100,extra\n'), '--project', project], dir)).code).toBe(0);
    const out = path.join(dir, 'problems.csv');
    expect((await run(['problems', '--project', project, '--list', 'f', '--out', out], dir)).code).toBe(0);
    expect(parseCsv(fs.readFileSync(out, 'utf8'), ',')[1]).toEqual(['3', '2', 'row has 3 cells; the header has 2 (all cells kept)', `'=HYPERLINK("http://x")`, '+1 212 555 0100', 'extra']);
  });

  it('exports a list that reproduces every cell of the imported file', async () => {
    const dir = tempDir();
    const table = messyTable(800, 5, 9);
    const file = writeFile(dir, 'list.csv', toCsv(table));
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', file, '--project', project, '--name', 'March buy'], dir)).code).toBe(0);
    const out = path.join(dir, 'out.csv');
    const r = await run(['export', '--project', project, '--list', 'March buy', '--out', out], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([expect.stringMatching(/^Exported 800 rows of list "March buy" to out\.csv in \d+\.\d\d s\.$/)]);
    expect(parseCsv(fs.readFileSync(out, 'utf8'), ',')).toEqual(table);
    // The list name matches without regard to case.
    expect((await run(['export', '--project', project, '--list', 'march BUY', '--out', path.join(dir, 'o2.csv')], dir)).code).toBe(0);
  });

  it('clean prints verdict counts and issue kinds; export --fields canonical|all writes the cleaned columns', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'vendor.csv', VENDOR.replace('ann@example.com', 'ann@gmial.com').replace('73301', '7330'));
    const project = path.join(dir, 'c.winnow');
    expect((await run(['import', file, '--project', project], dir)).code).toBe(0);
    const c = await run(['clean', '--project', project, '--list', 'vendor'], dir);
    expect(c.err).toEqual([]);
    expect(c.code).toBe(0);
    expect(c.out[0]).toMatch(/^Cleaned 4 records in list "vendor" in \d+\.\d\d s/);
    expect(c.out[1]).toMatch(/vendor: 4 records — mailable 3 \(75%\), emailable 3 \(75%\), callable 0 \(0%\); 2 with issues; average quality/);
    expect(c.out.join('\n')).toMatch(/email\.typo\s+warning\s+1\s+Likely e-mail typo/);
    expect(c.out.join('\n')).toMatch(/zip\.too_short\s+error\s+1/);
    expect(c.out.at(-1)).toBe('USPS-style standardization from public data: not CASS, DPV or NCOA certified.');
    const out = path.join(dir, 'canon.csv');
    const e = await run(['export', '--project', project, '--list', 'vendor', '--out', out, '--fields', 'canonical'], dir);
    expect(e.code).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',');
    expect(rows[0]!.join(',')).toBe('first_name,last_name,company,title,email,phone,address1,address2,city,state,zip5,zip4,mailable,quality,issues');
    expect(rows[1]).toEqual(['Ann', 'Lee', '', '', 'ann@gmial.com', '', '1 MAIN ST', '', 'BOSTON', 'MA', '02134', '', 'yes', expect.stringMatching(/^\d+$/), 'email.typo']);
    expect(rows[2]!.slice(10, 13)).toEqual(['', '', 'no']);
    const all = path.join(dir, 'all.csv');
    expect((await run(['export', '--project', project, '--list', 'vendor', '--out', all, '--fields', 'all'], dir)).code).toBe(0);
    expect(parseCsv(fs.readFileSync(all, 'utf8'), ',')[0]!.slice(14, 17)).toEqual(['issues', 'Cust #', 'First']);
    const bad = await run(['export', '--project', project, '--list', 'vendor', '--out', all, '--fields', 'some'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/--fields must be original, canonical or all/);
  });

  it('lists prints a header and one line per list with its role and row count', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    expect((await run(['import', writeFile(dir, 'house.csv', plainCsv(1234)), '--project', project, '--role', 'customers'], dir)).code).toBe(0);
    expect((await run(['import', writeFile(dir, 'dnm.csv', plainCsv(7)), '--project', project, '--role', 'suppression', '--name', 'Do not mail'], dir)).code).toBe(0);
    const r = await run(['lists', '--project', project], dir);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(3);
    expect(r.out[0]!.split(/\s{2,}/)).toEqual(['LIST', 'ROLE', 'ROWS']);
    expect(r.out[1]!.trim().split(/\s{2,}/)).toEqual(['house', 'customers', '1234']);
    expect(r.out[2]!.trim().split(/\s{2,}/)).toEqual(['Do not mail', 'suppression', '7']);
  });

  it('says so when a project has no lists', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'empty.winnow');
    const service = openService();
    await service.invoke('project.create', { file: service.registerFile(project, 'write') });
    await service.close();
    const r = await run(['lists', '--project', project], dir);
    expect(r).toMatchObject({ code: 0, out: ['empty has no lists yet.'], err: [] });
  });

  it('imports a header-only file as a list of 0 rows', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.winnow');
    const r = await run(['import', writeFile(dir, 'h.csv', 'name,zip\n'), '--project', project], dir);
    expect(r.out[0]).toMatch(/^Imported 0 rows from h\.csv/);
    const lists = await run(['lists', '--project', project], dir);
    expect(lists.out[1]!.trim().split(/\s{2,}/)).toEqual(['h', 'prospects', '0']);
  });

  describe('errors: one line on stderr, exit 1', () => {
    it('a missing source file, and no project is created', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      const r = await run(['import', path.join(dir, 'nope.csv'), '--project', project], dir);
      expect(r.code).toBe(1);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([expect.stringMatching(/^winnow: nope\.csv: no such file/)]);
      expect(fs.readdirSync(dir)).toEqual([]);
    });

    it('a binary source file, and no project is created', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      const r = await run(['import', writeFile(dir, 'book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])), '--project', project], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/ZIP/)]);
      expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
    });

    it('a file of empty quoted cells (no header), and no project is created', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      const r = await run(['import', writeFile(dir, 'quotes.csv', '""\n""\n'), '--project', project], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/only blank lines/)]);
      expect(fs.readdirSync(dir)).toEqual(['quotes.csv']);
    });

    it('an import that fails after the project was created removes the new project file', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      // A mapping by column number is only checked against the file by the job itself.
      const map = writeFile(dir, 'm.json', JSON.stringify([{ index: 5, field: 'zip' }]));
      const r = await run(['import', writeFile(dir, 'a.csv', 'name\nAnn\n'), '--project', project, '--mapping', map], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/column 6, but the file has 1 column/)]);
      expect(fs.readdirSync(dir).sort()).toEqual(['a.csv', 'm.json']);
    });

    it.each([
      ['a missing mapping file', (dir: string) => path.join(dir, 'nope.json'), /^winnow: mapping file nope\.json: no such file\.$/],
      ['a mapping file that is not JSON', (dir: string) => writeFile(dir, 'bad.json', '{columns:'), /^winnow: mapping file bad\.json is not valid JSON/],
      ['a mapping file of the wrong shape', (dir: string) => writeFile(dir, 'shape.json', '{"Zip": "zip"}'), /^winnow: mapping file shape\.json: it must hold \{"columns"/],
      ['a mapping file naming a column the file lacks', (dir: string) => writeFile(dir, 'col.json', '{"columns": {"Fax": "phone"}}'), /names column "Fax", which vendor\.csv does not have \(columns: "Cust #", /],
      ['a mapping file naming an unknown field', (dir: string) => writeFile(dir, 'fld.json', '{"columns": {"Notes": "favourite_colour"}}'), /maps "Notes" to "favourite_colour", which is not a field Winnow knows/],
      ['a mapping file mapping two columns to one field', (dir: string) => writeFile(dir, 'two.json', '{"columns": {"Notes": "city", "Town": "city"}}'), /Two columns are mapped to city \(city\): column 9 "Notes" and column 5 "Town"/],
      ['an unknown preset in a new project', () => 'Acme', /no mapping preset named "Acme": p\.winnow does not exist yet/],
    ])('%s, and no project is created', async (_what, make, message) => {
      const dir = tempDir();
      const file = writeFile(dir, 'vendor.csv', VENDOR);
      const mapping = make(dir);
      const before = fs.readdirSync(dir).sort();
      const r = await run(['import', file, '--project', path.join(dir, 'p.winnow'), '--mapping', mapping], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(message)]);
      expect(fs.readdirSync(dir).sort()).toEqual(before);
    });

    it('an unknown preset in an existing project, naming the presets there are', async () => {
      const dir = tempDir();
      const file = writeFile(dir, 'vendor.csv', VENDOR);
      const project = path.join(dir, 'p.winnow');
      expect((await run(['import', file, '--project', project, '--save-preset', 'Acme'], dir)).code).toBe(0);
      const r = await run(['import', file, '--project', project, '--again', '--mapping', 'Zenith'], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual(['winnow: no mapping preset named "Zenith" in p.winnow (presets: "Acme").']);
    });

    it('preview of a missing or binary file', async () => {
      const dir = tempDir();
      const missing = await run(['preview', path.join(dir, 'nope.csv')], dir);
      expect(missing).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(/^winnow: nope\.csv: no such file/)] });
      const pdf = await run(['preview', writeFile(dir, 'x.csv', Buffer.from('%PDF-1.4\n\0\0\0'))], dir);
      expect(pdf).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(/^winnow: x\.csv cannot be imported: it is a PDF document/)] });
    });

    it('a failed import into an existing project keeps the project and its lists', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      expect((await run(['import', writeFile(dir, 'a.csv', 'name\nAnn\n'), '--project', project], dir)).code).toBe(0);
      expect((await run(['import', writeFile(dir, 'quotes.csv', '""\n'), '--project', project], dir)).code).toBe(1);
      const r = await run(['lists', '--project', project], dir);
      expect(r.out.slice(1).map((l) => l.trim().split(/\s{2,}/))).toEqual([['a', 'prospects', '1']]);
    });

    it('a project that is not a Winnow project', async () => {
      const dir = tempDir();
      const junk = writeFile(dir, 'junk.winnow', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)));
      const r = await run(['lists', '--project', junk], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/^winnow: .*junk\.winnow/)]);
    });

    it('a project that does not exist', async () => {
      const dir = tempDir();
      const r = await run(['lists', '--project', path.join(dir, 'missing.winnow')], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/missing\.winnow does not exist/)]);
      expect(fs.existsSync(path.join(dir, 'missing.winnow'))).toBe(false);
    });

    it('an unknown list, naming the lists there are', async () => {
      const dir = tempDir();
      const project = path.join(dir, 'p.winnow');
      expect((await run(['import', writeFile(dir, 'a.csv', 'name\nAnn\n'), '--project', project], dir)).code).toBe(0);
      const r = await run(['export', '--project', project, '--list', 'Nope', '--out', path.join(dir, 'o.csv')], dir);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringMatching(/no list named "Nope".*"a"/)]);
      expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
    });
  });

  describe('usage errors: one line on stderr, exit 2', () => {
    it.each([
      ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
      ['a missing --project', ['lists'], /--project is required/],
      ['a missing file argument', ['import', '--project', 'p.winnow'], /expected 1 file argument/],
      ['an unknown option', ['lists', '--project', 'p.winnow', '--colour'], /colour/],
      ['a bad role', ['import', 'a.csv', '--project', 'p.winnow', '--role', 'friends'], /--role must be one of/],
      ['a bad header row', ['preview', 'a.csv', '--header-row', 'two'], /--header-row must be a whole number/],
      ['problems without --list', ['problems', '--project', 'p.winnow'], /--list is required/],
      ['no command at all', [], null],
    ])('%s', async (_what, argv, message) => {
      const dir = tempDir();
      const r = await run(argv, dir);
      expect(r.code).toBe(2);
      if (message) {
        expect(r.err).toHaveLength(1);
        expect(r.err[0]).toMatch(message);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });

  it('--help and COMMAND --help print usage and exit 0', async () => {
    const dir = tempDir();
    const help = await run(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/Usage:[\s\S]*winnow preview[\s\S]*winnow import[\s\S]*--mapping auto\|PRESET\|FILE\.json[\s\S]*--again[\s\S]*winnow export[\s\S]*winnow lists[\s\S]*winnow problems/);
    const sub = await run(['export', '--help'], dir);
    expect(sub.code).toBe(0);
    expect(sub.out.join('\n')).toMatch(/winnow export --project/);
    const version = await run(['--version'], dir);
    expect(version).toMatchObject({ code: 0, out: [expect.stringMatching(/^winnow \d+\.\d+\.\d+$/)] });
  });
});

describe('runCli progress', () => {
  it('reports progress through io.progress for a long import and clears the line at the end', async () => {
    const dir = tempDir();
    const progress: string[] = [];
    const code = await runCli(['import', writeFile(dir, 'big.csv', plainCsv(200_000)), '--project', path.join(dir, 'p.winnow')], {
      out: () => undefined,
      err: () => undefined,
      progress: (t) => progress.push(t),
      resourcesDir: path.join(ROOT, 'resources'),
    });
    expect(code).toBe(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]).toBe('checking the file…');
    expect(progress[1]).toMatch(/^importing \d+% — [\d,]+ rows, [\d,]+ rows\/s$/);
    expect(progress[progress.length - 1]).toBe('');
  });
});
