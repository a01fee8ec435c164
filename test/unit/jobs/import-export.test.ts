// Covers import and export jobs through the service: exact cells in and out, malformed files, cancel, line numbers, job log, atomic export.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, ImportResult, JobProgress } from '../../../src/api/contract';
import type { ServiceOptions } from '../../../src/service';
import { csvLines } from '../../../src/jobs/export-delimited';
import { listProblems } from '../../../src/store/problems';
import { messyTable, parseCsv, plainCsv, seededRandom, toCsv } from '../../fixtures/csv';
import { ensureEngineBuilt, PARSE_WORKER } from '../../fixtures/engine-build';
import {
  allRows,
  cleanupAfterEach,
  expectCode,
  exportList,
  importFile,
  newProject,
  projectSnapshot,
  writeFile,
  type TestProject,
} from '../../fixtures/helpers';

cleanupAfterEach();
beforeAll(ensureEngineBuilt, 120_000);

// The engine parses on its own thread when it has no parse worker (tests, CLI from source) and in a worker when bundled.
const MODES: { mode: string; extra: Partial<ServiceOptions> }[] = [
  { mode: 'parsing on the engine thread', extra: {} },
  ...(PARSE_WORKER ? [{ mode: 'parsing in the parse worker', extra: { parserWorkerFile: PARSE_WORKER } }] : []),
];

/** A hand-written file with every hazard a bought list brings: quotes, doubled quotes, CRLF and LF inside cells, spaces, unicode, a ragged row, blank lines, no final newline. */
const MESSY_TEXT = [
  'Name,Address,City,Note',
  '"Smith, John","12 Main St\r\nApt 4",Springfield,"He said ""hi"""',
  '  José Müller  ,  3 Elm  ,Zürich,"multi\nline\nnote"',
  '',
  'Ragged,Row',
  '中文,emoji 😀,,',
  'O\'Brien,"""quoted start","trailing quote""",=SUM(A1)',
  '',
  '',
  'Last,row,"no newline at end",x',
].join('\r\n');
const MESSY_HEADER = ['Name', 'Address', 'City', 'Note'];
const MESSY_ROWS = [
  ['Smith, John', '12 Main St\r\nApt 4', 'Springfield', 'He said "hi"'],
  ['  José Müller  ', '  3 Elm  ', 'Zürich', 'multi\nline\nnote'],
  ['Ragged', 'Row'],
  ['中文', 'emoji 😀', '', ''],
  ["O'Brien", '"quoted start', 'trailing quote"', '=SUM(A1)'],
  ['Last', 'row', 'no newline at end', 'x'],
];
/** Physical line where each data row starts (1-based; the header is line 1). */
const MESSY_LINES = [2, 4, 8, 9, 10, 13];

const FEBRL = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'febrl-dataset1-head.csv');

const isC0Control = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
};

const imported = (job: { status: string; result: unknown; error: unknown }): ImportResult => {
  expect(job.error).toBeNull();
  expect(job.status).toBe('done');
  return job.result as ImportResult;
};

function readOnly<T>(projectPath: string, f: (db: Database.Database) => T): T {
  const db = new Database(projectPath, { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

async function roundTrip(t: TestProject, file: string, delimiter: string): Promise<{ result: ImportResult; cells: string[][]; exported: Buffer }> {
  const result = imported(await importFile(t, file));
  const cells = await allRows(t, result.listId);
  const out = path.join(t.dir, `out-${path.basename(file)}`);
  // The exact export (--raw): these tests prove the cells come back as imported.
  const job = await exportList(t, result.listId, out, { neutralize: false });
  expect(job.status).toBe('done');
  expect(parseCsv(fs.readFileSync(out, 'utf8'), delimiter).length).toBeGreaterThan(0);
  return { result, cells, exported: fs.readFileSync(out) };
}

describe.each(MODES)('import and export, $mode', ({ extra }) => {
  it('imports a messy CSV with every cell exactly as written', async () => {
    const t = await newProject(extra);
    const file = writeFile(t.dir, 'messy.csv', MESSY_TEXT);
    const result = imported(await importFile(t, file));
    expect(result).toMatchObject({ listName: 'messy', rowsRead: 6, rowsImported: 6, blankLines: 3, encoding: 'utf-8', delimiter: 'comma' });
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    const list = info.lists[0]!;
    expect(list.columns.map((c) => c.name)).toEqual(MESSY_HEADER);
    expect(list.rowCount).toBe(6);
    expect(list.format).toMatchObject({ encoding: 'utf-8', bom: false, delimiter: ',', newline: '\r\n' });
    expect(await allRows(t, result.listId)).toEqual(MESSY_ROWS);
    // A window from the middle returns those rows and their numbers.
    const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId: result.listId, fromRow: 3, count: 2 });
    expect(w).toEqual({ listId: result.listId, total: 6, rows: [{ pos: 3, rowNo: 3, cells: MESSY_ROWS[2] }, { pos: 4, rowNo: 4, cells: MESSY_ROWS[3] }] });
  });

  it('records the physical line each row starts on, counting line breaks inside quoted cells and blank lines', async () => {
    const t = await newProject(extra);
    imported(await importFile(t, writeFile(t.dir, 'messy.csv', MESSY_TEXT)));
    const lines = readOnly(t.projectPath, (db) => (db.prepare(`SELECT line_no AS l FROM records ORDER BY id`).all() as { l: number }[]).map((r) => r.l));
    expect(lines).toEqual(MESSY_LINES);
  });

  it('keeps a ragged row whole and records it in import_problems with its line', async () => {
    const t = await newProject(extra);
    const { listId } = imported(await importFile(t, writeFile(t.dir, 'messy.csv', MESSY_TEXT)));
    const problems = readOnly(t.projectPath, (db) => listProblems(db, listId));
    expect(problems).toEqual([{ lineNo: 8, rowNo: 3, reason: expect.stringMatching(/2 cells.*header has 4/), raw: ['Ragged', 'Row'] }]);
  });

  it('exports the messy list back to the same cells, header first, in order', async () => {
    const t = await newProject(extra);
    const { exported } = await roundTrip(t, writeFile(t.dir, 'messy.csv', MESSY_TEXT), ',');
    const text = exported.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(parseCsv(text, ',')).toEqual([MESSY_HEADER, ...MESSY_ROWS]);
    // Rows end the way the source's rows ended.
    expect(text.split('\r\n')[0]).toBe('Name,Address,City,Note');
    // By default a formula cell gets a leading quote, so a spreadsheet shows it as text.
    const safe = path.join(t.dir, 'safe.csv');
    expect((await exportList(t, (await t.service.invoke('project.info', { projectId: t.projectId })).lists[0]!.id, safe)).status).toBe('done');
    expect(fs.readFileSync(safe, 'utf8')).toContain("'=SUM(A1)");
  });

  it('keeps a UTF-8 byte-order mark on export and never puts it in the first header cell', async () => {
    const t = await newProject(extra);
    const table = messyTable(50, 4, 7);
    const { result, cells, exported } = await roundTrip(t, writeFile(t.dir, 'bom.csv', toCsv(table, { bom: true })), ',');
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists[0]!.format?.bom).toBe(true);
    expect(info.lists[0]!.columns[0]!.name).toBe('ID');
    expect(result.rowsImported).toBe(50);
    expect(cells).toEqual(table.slice(1));
    expect([...exported.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(exported.toString('utf8'), ',')).toEqual(table);
    expect(exported.equals(fs.readFileSync(path.join(t.dir, 'bom.csv')))).toBe(true);
  });

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ])('round-trips a %s-separated file with its delimiter', async (_name, d) => {
    const t = await newProject(extra);
    const table = messyTable(300, 5, 11);
    const { result, cells, exported } = await roundTrip(t, writeFile(t.dir, 'list.txt', toCsv(table, { delimiter: d, newline: '\n' })), d);
    expect(result.delimiter).toBe(_name);
    expect(cells).toEqual(table.slice(1));
    expect(parseCsv(exported.toString('utf8'), d)).toEqual(table);
    // Written with the same rules (minimal quoting, same delimiter and line ending), the file comes back byte for byte.
    expect(exported.toString('utf8')).toBe(fs.readFileSync(path.join(t.dir, 'list.txt'), 'utf8'));
  });

  it('reads an Excel file whose header cell wraps (LF inside quotes) while rows end in CRLF', async () => {
    // Excel writes Alt+Enter breaks as LF inside a quoted cell and ends rows with CRLF.
    const t = await newProject(extra);
    const text = 'Name,"Mailing\nAddress",Zip\r\nAnn Lee,"1 Main St\nApt 2",02134\r\nBob Roe,9 Elm St,10001\r\n';
    const { result, cells, exported } = await roundTrip(t, writeFile(t.dir, 'excel.csv', text), ',');
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists[0]!.columns.map((c) => c.name)).toEqual(['Name', 'Mailing\nAddress', 'Zip']);
    expect(info.lists[0]!.format?.newline).toBe('\r\n');
    expect(result.rowsImported).toBe(2);
    expect(cells).toEqual([
      ['Ann Lee', '1 Main St\nApt 2', '02134'],
      ['Bob Roe', '9 Elm St', '10001'],
    ]);
    expect(exported.toString('utf8')).toBe(text);
  });

  it('reads Windows-1252 and UTF-16 files into the right characters', async () => {
    const t = await newProject(extra);
    const cp1252 = Buffer.concat([Buffer.from('Name,City\r\nJos'), Buffer.from([0xe9]), Buffer.from(',Z'), Buffer.from([0xfc]), Buffer.from('rich\r\n'), Buffer.from([0x93]), Buffer.from('Al'), Buffer.from([0x94]), Buffer.from(',Paris\r\n')]);
    const a = imported(await importFile(t, writeFile(t.dir, 'cp1252.csv', cp1252)));
    expect(a.encoding).toBe('windows-1252');
    expect(await allRows(t, a.listId)).toEqual([
      ['José', 'Zürich'],
      ['“Al”', 'Paris'],
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tCity\r\nRenée\t東京\r\n', 'utf16le')]);
    const b = imported(await importFile(t, writeFile(t.dir, 'utf16.txt', utf16)));
    expect(b.encoding).toBe('utf-16le');
    expect(await allRows(t, b.listId)).toEqual([['Renée', '東京']]);
  });

  it('imports a real comma-space file (Febrl extract) keeping every raw value, spaces included', async () => {
    const t = await newProject(extra);
    const source = fs.readFileSync(FEBRL);
    const expected = parseCsv(source.toString('utf8'), ',');
    const { result, cells, exported } = await roundTrip(t, writeFile(t.dir, 'febrl.csv', source), ',');
    expect(result).toMatchObject({ rowsImported: 25, delimiter: 'comma', encoding: 'utf-8' });
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    // Raw values are never trimmed on import: trimming is a cleaning step the user can see and undo. Column names
    // are shown trimmed, with the header cell as written kept beside them (and written back on export).
    expect(info.lists[0]!.columns.slice(0, 3).map((c) => c.name)).toEqual(['rec_id', 'given_name', 'surname']);
    expect(info.lists[0]!.columns.slice(0, 3).map((c) => c.original ?? c.name)).toEqual(['rec_id', ' given_name', ' surname']);
    expect(cells[0]!.slice(0, 3)).toEqual(['rec-223-org', ' ', ' waller']);
    expect(cells).toEqual(expected.slice(1));
    expect(parseCsv(exported.toString('utf8'), ',')).toEqual(expected);
  });

  it('reads an ASCII file whose first Windows-1252 byte comes after the sniffed sample as Windows-1252', async () => {
    // A typical US list: ASCII for thousands of rows, then one Windows-1252 name. The sample (64 KB) alone says UTF-8;
    // the whole file is checked before that verdict is trusted.
    const t = await newProject(extra);
    const head = plainCsv(2000);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const file = writeFile(t.dir, 'late.csv', Buffer.concat([Buffer.from(head), Buffer.from('2001,Jos'), Buffer.from([0xe9]), Buffer.from(',Lee,jl@example.com,02134\n2002,Ann,Roe,ar@example.com,10001\n')]));
    const result = imported(await importFile(t, file));
    expect(result.encoding).toBe('windows-1252');
    expect(result.rowsImported).toBe(2002);
    const [late, next] = (await t.service.invoke('lists.rows', { projectId: t.projectId, listId: result.listId, fromRow: 2001, count: 2 })).rows;
    expect(late!.cells[1]).toBe('José');
    expect(next!.cells[1]).toBe('Ann');
    expect(readOnly(t.projectPath, (db) => listProblems(db, result.listId))).toEqual([]);
  });

  it('keeps a UTF-8 file with one stray byte as UTF-8 and flags the row that holds it', async () => {
    // Mostly real UTF-8 (accented names throughout), then one byte that is not: the row is kept and listed as a problem.
    const t = await newProject(extra);
    const head = 'id,first_name\n' + Array.from({ length: 5000 }, (_, i) => `${i + 1},Renée Müller\n`).join('');
    expect(Buffer.byteLength(head)).toBeGreaterThan(64 * 1024);
    const file = writeFile(t.dir, 'stray.csv', Buffer.concat([Buffer.from(head), Buffer.from('5001,Jos'), Buffer.from([0xe9]), Buffer.from('\n5002,Ann\n')]));
    const result = imported(await importFile(t, file));
    expect(result.encoding).toBe('utf-8');
    expect(result.rowsImported).toBe(5002);
    const [bad, good] = (await t.service.invoke('lists.rows', { projectId: t.projectId, listId: result.listId, fromRow: 5001, count: 2 })).rows;
    expect(bad!.cells[1]).toBe('Jos\uFFFD');
    expect(good!.cells[1]).toBe('Ann');
    // The row is kept, and the user can find it: it is listed with its line and why.
    const problems = readOnly(t.projectPath, (db) => listProblems(db, result.listId));
    expect(problems).toEqual([{ lineNo: 5002, rowNo: 5001, reason: expect.stringMatching(/not valid UTF-8/), raw: bad!.cells }]);
    expect(result.rowsWithProblems).toBe(1);
  });

  it('round-trips a 20,000-row generated messy CSV cell for cell, with the right line numbers', async () => {
    const t = await newProject(extra);
    const table = messyTable(20_000, 8, 2024);
    const text = toCsv(table);
    // Big enough to cross several read chunks, so quoted cells and multi-byte characters straddle chunk boundaries.
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    const { result, cells, exported } = await roundTrip(t, writeFile(t.dir, 'big.csv', text), ',');
    expect(result.rowsImported).toBe(20_000);
    expect(cells.length).toBe(20_000);
    for (let i = 0; i < cells.length; i++) if (JSON.stringify(cells[i]) !== JSON.stringify(table[i + 1])) expect([i, cells[i]]).toEqual([i, table[i + 1]]);
    const back = parseCsv(exported.toString('utf8'), ',');
    expect(back.length).toBe(table.length);
    for (let i = 0; i < back.length; i++) if (JSON.stringify(back[i]) !== JSON.stringify(table[i])) expect([i, back[i]]).toEqual([i, table[i]]);
    // Expected start lines: each row begins after the previous row's line breaks (CRLF counts once).
    const expectedLines: number[] = [];
    let line = 2;
    for (const row of table.slice(1)) {
      expectedLines.push(line);
      line += 1 + row.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    }
    const lines = readOnly(t.projectPath, (db) => (db.prepare(`SELECT line_no AS l FROM records ORDER BY id`).all() as { l: number }[]).map((r) => r.l));
    expect(lines).toEqual(expectedLines);
  });

  it('keeps rows intact when a 1 MB read boundary falls at every byte of a quoted, multi-line, multi-byte row', async () => {
    const t = await newProject(extra);
    const unit = ['a"😀\r\nb', 'é', '😀x'];
    const unitText = toCsv([unit], { trailingNewline: true });
    const unitBytes = Buffer.byteLength(unitText);
    const MB = 1024 * 1024;
    for (let shift = 0; shift < unitBytes; shift++) {
      // Filler rows up to a little before 1 MB, then hazard rows across the boundary; `shift` moves them one byte at a time.
      const table: string[][] = [['k', 'v', 'w']];
      let bytes = Buffer.byteLength('k,v,w\r\n');
      const target = MB - 20 * unitBytes + shift;
      while (bytes < target - 200) {
        table.push(['f', 'x'.repeat(90), 'y']); // 96 bytes with its CRLF
        bytes += 96;
      }
      table.push(['f', 'x'.repeat(target - bytes - 6), 'y']);
      for (let i = 0; i < 40; i++) table.push(unit);
      const text = toCsv(table);
      expect(Buffer.byteLength(text)).toBe(target + 40 * unitBytes);
      const file = writeFile(t.dir, `edge-${shift}.csv`, text);
      const result = imported(await importFile(t, file));
      const cells = await allRows(t, result.listId);
      if (JSON.stringify(cells) !== JSON.stringify(table.slice(1))) {
        const i = cells.findIndex((c, j) => JSON.stringify(c) !== JSON.stringify(table[j + 1]));
        expect([shift, i, cells[i]]).toEqual([shift, i, table[i + 1]]);
      }
      expect(cells.length).toBe(table.length - 1);
    }
  });

  it('round-trips arbitrary tables of arbitrary unicode text (property)', async () => {
    const t = await newProject(extra);
    // Any code point except C0 controls other than tab/CR/LF (a NUL or control-byte run makes a file binary by design),
    // with CSV hazards (quotes, line breaks, delimiters, a BOM character) mixed in often enough to matter.
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }).filter((s) => ![...s].some(isC0Control)) },
      { weight: 2, arbitrary: fc.constantFrom('"', '""', '\n', '\r\n', '\r', ',', ';', '\t', '|', ' ', '\uFEFF', 'José', '😀') },
    );
    const cell = fc.array(piece, { maxLength: 4 }).map((ps) => ps.join(''));
    const row = fc.array(cell, { minLength: 1, maxLength: 5 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (generated, d, newline, quoteAll) => {
          // Unquoted, cells full of another delimiter make a file genuinely ambiguous; quoted, nothing is.
          const others = new RegExp(`[${[',', ';', '\t', '|'].filter((x) => x !== d).join('')}]`, 'g');
          const rows = quoteAll ? generated : generated.map((r) => r.map((c) => c.replace(others, '')));
          // A row that is one empty cell is a blank line, and a table of only whitespace is a blank file (both covered elsewhere).
          fc.pre(rows.every((r) => !(r.length === 1 && r[0] === '')));
          fc.pre(rows.some((r) => r.some((c) => c.trim().length > 0)));
          // The sniffer skips whitespace-only lines, so a tab file's delimiter must show on a line with some text.
          fc.pre(rows.every((r) => r.length < 2) || rows.some((r) => r.length > 1 && r.join('').trim().length > 0));
          const file = writeFile(t.dir, `p${++n}.csv`, Papa.unparse(rows, { delimiter: d, newline, quotes: quoteAll }) + newline);
          // Two generated tables can be the same file, and a generated first row need not look like a header (a lone
          // space, say); neither is what this property is about, so the header row is given and repeats are allowed.
          const job = await importFile(t, file, `p${n}`, { ifAlreadyImported: 'import', options: { headerRow: 1 } });
          expect(job.error).toBeNull();
          const { listId } = job.result as ImportResult;
          const info = await t.service.invoke('project.info', { projectId: t.projectId });
          const list = info.lists.find((l) => l.id === listId)!;
          expect(list.columns.map((c) => c.original ?? c.name)).toEqual(rows[0]);
          // A one-column file has no delimiter to find; any table with two cells in a row must have its own found.
          if (rows.some((r) => r.length > 1)) expect(list.format?.delimiter).toBe(d);
          expect(await allRows(t, listId)).toEqual(rows.slice(1));
          const out = path.join(t.dir, `p${n}-out.csv`);
          expect((await exportList(t, listId, out, { neutralize: false })).status).toBe('done');
          expect(parseCsv(fs.readFileSync(out, 'utf8'), list.format!.delimiter)).toEqual(rows);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('malformed inputs leave the project unchanged', () => {
  const bad: [string, (dir: string) => string, 'FILE_NOT_FOUND' | 'FILE_EMPTY' | 'FILE_NOT_TEXT' | 'FILE_UNREADABLE'][] = [
    ['a missing file', (dir) => path.join(dir, 'nope.csv'), 'FILE_NOT_FOUND'],
    ['an empty file', (dir) => writeFile(dir, 'empty.csv', ''), 'FILE_EMPTY'],
    ['a file of blank lines and spaces', (dir) => writeFile(dir, 'blank.csv', '\r\n   \r\n\t\n\n'), 'FILE_EMPTY'],
    [
      'binary garbage with NULs',
      (dir) => {
        const rand = seededRandom(99);
        const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i % 97 === 50 ? 0 : Math.floor(rand() * 256))));
        bytes[0] = 0x41; // not a byte-order mark, whatever the generator drew
        return writeFile(dir, 'garbage.csv', bytes);
      },
      'FILE_NOT_TEXT',
    ],
    ['a damaged .xlsx workbook', (dir) => writeFile(dir, 'book.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])), 'FILE_UNREADABLE'],
    ['a PDF', (dir) => writeFile(dir, 'list.csv', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 0)])), 'FILE_NOT_TEXT'],
    [
      'a folder',
      (dir) => {
        fs.mkdirSync(path.join(dir, 'folder.csv'));
        return path.join(dir, 'folder.csv');
      },
      'FILE_UNREADABLE',
    ],
  ];

  it.each(bad)('refuses %s with a specific code in preview and in the job, changing nothing', async (_what, make, code) => {
    const t = await newProject();
    imported(await importFile(t, writeFile(t.dir, 'good.csv', MESSY_TEXT)));
    const before = projectSnapshot(t.projectPath);
    const file = make(t.dir);
    const err = await expectCode(t.service.invoke('import.preview', { file: t.service.registerFile(file, 'read') }), code);
    expect(err.message).toContain(path.basename(file));
    const job = await importFile(t, file);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe(code);
    expect(job.result).toBeNull();
    expect(projectSnapshot(t.projectPath)).toEqual(before);
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists.map((l) => l.name)).toEqual(['good']);
  });

  it('rolls back the new list when a file passes the first look but holds no rows (a lone "")', async () => {
    const t = await newProject();
    const before = projectSnapshot(t.projectPath);
    const job = await importFile(t, writeFile(t.dir, 'quotes.csv', '""\r\n""\r\n'));
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('FILE_EMPTY');
    expect(projectSnapshot(t.projectPath)).toEqual(before);
  });
});

describe.each(MODES)('cancel, $mode', ({ extra }) => {
  it('cancelling an import on its first progress event leaves the project as before and records the cancellation', async () => {
    const t = await newProject(extra);
    imported(await importFile(t, writeFile(t.dir, 'good.csv', MESSY_TEXT)));
    const big = writeFile(t.dir, 'big.csv', plainCsv(200_000));
    const before = projectSnapshot(t.projectPath);
    const progress: JobProgress[] = [];
    let cancelled: Promise<{ cancelled: boolean }> | null = null;
    const off = t.service.on('job.progress', (p) => {
      progress.push(p);
      cancelled ??= t.service.invoke('jobs.cancel', { jobId: p.jobId });
    });
    const { jobId } = await t.service.invoke('import.start', { projectId: t.projectId, file: t.service.registerFile(big, 'read') });
    const job = await t.service.invoke('jobs.wait', { jobId });
    off();
    expect(await cancelled).toEqual({ cancelled: true });
    expect(progress[0]!.jobId).toBe(jobId);
    // It really was stopped part-way, not after the whole file.
    expect(progress[0]!.rows).toBeLessThan(200_000);
    expect(job.status).toBe('cancelled');
    expect(job.error?.code).toBe('JOB_CANCELLED');
    expect(projectSnapshot(t.projectPath)).toEqual(before);
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists.map((l) => l.name)).toEqual(['good']);
    const history = await t.service.invoke('jobs.history', { projectId: t.projectId });
    expect(history.jobs.find((j) => j.jobId === jobId)).toMatchObject({ status: 'cancelled', kind: 'import', finishedAt: expect.any(String) });
    // The project is free again: the next import runs and commits.
    const again = imported(await importFile(t, big));
    expect(again.rowsImported).toBe(200_000);
    expect(projectSnapshot(t.projectPath).records).toBe(before.records + 200_000);
  });
});

describe('list names and the job log', () => {
  it('names a second import of the same list "Name (2)", then "Name (3)", ignoring case', async () => {
    const t = await newProject();
    const file = writeFile(t.dir, 'Acme March.csv', MESSY_TEXT);
    const again = { ifAlreadyImported: 'import' } as const;
    expect(imported(await importFile(t, file)).listName).toBe('Acme March');
    expect(imported(await importFile(t, file, undefined, again)).listName).toBe('Acme March (2)');
    expect(imported(await importFile(t, file, 'ACME MARCH', again)).listName).toBe('ACME MARCH (3)');
    const info = await t.service.invoke('project.info', { projectId: t.projectId });
    expect(info.lists.map((l) => l.name)).toEqual(['Acme March', 'Acme March (2)', 'ACME MARCH (3)']);
  });

  it('shows done and failed jobs in history, newest first, with their results and errors', async () => {
    const t = await newProject();
    const ok = await importFile(t, writeFile(t.dir, 'good.csv', MESSY_TEXT));
    const bad = await importFile(t, path.join(t.dir, 'missing.csv'));
    const out = await exportList(t, (ok.result as ImportResult).listId, path.join(t.dir, 'out.csv'));
    const { jobs } = await t.service.invoke('jobs.history', { projectId: t.projectId });
    expect(jobs.map((j) => [j.jobId, j.kind, j.status])).toEqual([
      [out.jobId, 'export', 'done'],
      [bad.jobId, 'import', 'failed'],
      [ok.jobId, 'import', 'done'],
    ]);
    expect(jobs[2]!.result).toMatchObject({ rowsImported: 6, listName: 'good' });
    expect(jobs[1]!.error).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect((jobs[0]!.result as ExportResult).rowsWritten).toBe(6);
    for (const j of jobs) expect(Date.parse(j.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(j.startedAt));
  });

  it('marks a job left running by a crash as interrupted when the project is next opened', async () => {
    const t = await newProject();
    await t.service.invoke('project.close', { projectId: t.projectId });
    const db = new Database(t.projectPath);
    db.prepare(`INSERT INTO jobs (id, kind, label, status, params, started_at) VALUES ('crashed', 'import', 'Import x.csv', 'running', '{}', ?)`).run(
      new Date().toISOString(),
    );
    db.close();
    const info = await t.service.invoke('project.open', { file: t.service.registerFile(t.projectPath, 'read') });
    const { jobs } = await t.service.invoke('jobs.history', { projectId: info.projectId });
    expect(jobs).toEqual([expect.objectContaining({ jobId: 'crashed', status: 'interrupted', finishedAt: expect.any(String) })]);
    expect(await t.service.invoke('jobs.wait', { jobId: 'crashed' })).toMatchObject({ status: 'interrupted' });
  });
});

describe('export writes atomically', () => {
  const partials = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.partial'));

  it('does not create the target until the file is complete, and leaves no temporary file', async () => {
    const t = await newProject();
    const { listId } = imported(await importFile(t, writeFile(t.dir, 'big.csv', plainCsv(60_000))));
    const outDir = path.join(t.dir, 'exports');
    fs.mkdirSync(outDir);
    const target = path.join(outDir, 'out.csv');
    const seen: { targetExists: boolean; partials: number }[] = [];
    const off = t.service.on('job.progress', (p) => {
      if (p.kind === 'export') seen.push({ targetExists: fs.existsSync(target), partials: partials(outDir).length });
    });
    const job = await exportList(t, listId, target);
    off();
    expect(job.status).toBe('done');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toEqual({ targetExists: false, partials: 1 });
    expect(fs.readdirSync(outDir)).toEqual(['out.csv']);
    expect(parseCsv(fs.readFileSync(target, 'utf8'), ',').length).toBe(60_001);
  });

  it('keeps an existing target intact until the new file replaces it', async () => {
    const t = await newProject();
    const { listId } = imported(await importFile(t, writeFile(t.dir, 'big.csv', plainCsv(30_000))));
    const target = writeFile(t.dir, 'out.csv', 'old,content\n');
    const during: string[] = [];
    const off = t.service.on('job.progress', (p) => {
      if (p.kind === 'export') during.push(fs.readFileSync(target, 'utf8'));
    });
    expect((await exportList(t, listId, target)).status).toBe('done');
    off();
    expect(during[0]).toBe('old,content\n');
    expect(fs.readFileSync(target, 'utf8').startsWith('id,first_name')).toBe(true);
  });

  it('leaves neither the target nor a .partial file when the export is cancelled', async () => {
    const t = await newProject();
    const { listId } = imported(await importFile(t, writeFile(t.dir, 'big.csv', plainCsv(60_000))));
    const outDir = path.join(t.dir, 'exports');
    fs.mkdirSync(outDir);
    const target = path.join(outDir, 'out.csv');
    const off = t.service.on('job.progress', (p) => {
      if (p.kind === 'export') void t.service.invoke('jobs.cancel', { jobId: p.jobId });
    });
    const job = await exportList(t, listId, target);
    off();
    expect(job.status).toBe('cancelled');
    expect(job.error?.code).toBe('JOB_CANCELLED');
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('fails with FILE_NOT_FOUND when the target folder does not exist', async () => {
    const t = await newProject();
    const { listId } = imported(await importFile(t, writeFile(t.dir, 'good.csv', MESSY_TEXT)));
    const job = await exportList(t, listId, path.join(t.dir, 'no-such-folder', 'out.csv'));
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('FILE_NOT_FOUND');
  });
});

describe('csvLines', () => {
  it('quotes exactly the cells Papa Parse quotes (property)', () => {
    for (const delimiter of [',', '\t', ';', '|']) {
      const lines = csvLines(delimiter, '\r\n');
      fc.assert(
        fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom(' a', 'b ', '"', 'x\ny', '\uFEFFz', delimiter, '=1+2')), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (rows) => {
          expect(lines(rows)).toBe(Papa.unparse(rows, { delimiter, newline: '\r\n', header: false, quotes: false, escapeFormulae: false }));
        }),
        { numRuns: 300 },
      );
    }
  });
});
