// Covers reading every kind of list a user has: encodings, delimiters, line endings, title rows, .xlsx cells as Excel shows them, and damaged files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueColumnNames } from '../../../src/domain/header';
import { inspectTable, readTable } from '../../../src/jobs/read-table';
import { ensureEngineBuilt } from '../../fixtures/engine-build';
import { readBack } from '../../fixtures/formats/read-back';
import { cleanupAfterEach, expectCode, tempDir, writeFile } from '../../fixtures/helpers';
import { handWrittenXlsx, prospectWorkbook } from '../../fixtures/formats/xlsx';

cleanupAfterEach();

const FORMATS = path.resolve(import.meta.dirname, '../../fixtures/formats');

const PEOPLE = [
  ['name', 'city', 'note'],
  ['José Müller', 'Zürich', 'café'],
  ['Zoë Ångström', 'Malmö', '“quoted” – dash'],
];
const csv = (rows: string[][], d = ',', nl = '\r\n') => rows.map((r) => r.join(d)).join(nl) + nl;
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('encodings', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(csv(PEOPLE)), 'utf-8', /UTF-8/],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(PEOPLE))]), 'utf-8', /byte-order mark/],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(PEOPLE), 'utf16le')]), 'utf-16le', /UTF-16LE/],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(csv(PEOPLE))]), 'utf-16be', /UTF-16BE/],
    ['UTF-16LE without BOM', Buffer.from(csv(PEOPLE), 'utf16le'), 'utf-16le', /NUL pattern/],
    ['Windows-1252', Buffer.from(new TextEncoder().encode('x')) && win1252(csv(PEOPLE)), 'windows-1252', /Windows-1252.*"(José|Müller|Zürich)"/],
  ])('reads %s and says why', async (_what, bytes, encoding, reason) => {
    const r = await readBack(writeFile(tempDir(), 'people.csv', bytes));
    expect(r.encoding).toBe(encoding);
    expect(r.reason).toMatch(reason);
    expect([r.header, ...r.rows]).toEqual(PEOPLE);
    expect(r.problems).toEqual([]);
  });

  it('streams UTF-16 across read chunks without splitting a character', async () => {
    const rows = [['id', 'name'], ...Array.from({ length: 40_000 }, (_, i) => [String(i), `Zoë 😀 ${i}`])];
    const r = await readBack(writeFile(tempDir(), 'u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(rows), 'utf16le')])));
    expect(r.rows.length).toBe(40_000);
    expect(r.rows[39_999]).toEqual(['39999', 'Zoë 😀 39999']);
    expect(r.problems).toEqual([]);
  });

  it('checks the whole file for UTF-8: a Windows-1252 name after 64 KB of ASCII makes it Windows-1252', async () => {
    const head = csv([['id', 'name'], ...Array.from({ length: 8000 }, (_, i) => [String(i), `Person ${i}`])]);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const file = writeFile(tempDir(), 'late.csv', Buffer.concat([Buffer.from(head), win1252('8000,José Müller\r\n')]));
    const r = await readBack(file);
    expect(r.encoding).toBe('windows-1252');
    expect(r.reason).toMatch(/not at offset \d+/);
    expect(r.rows.at(-1)).toEqual(['8000', 'José Müller']);
    expect(r.problems).toEqual([]);
  });

  it('keeps UTF-8 for a UTF-8 file with one stray byte, and lists the row holding it', async () => {
    const body = csv([['id', 'name'], ...Array.from({ length: 3000 }, (_, i) => [String(i), `Zoë ${i}`])]);
    const file = writeFile(tempDir(), 'stray.csv', Buffer.concat([Buffer.from(body), Buffer.from('3000,Bad'), Buffer.from([0xe9]), Buffer.from('\r\n')]));
    const r = await readBack(file);
    expect(r.encoding).toBe('utf-8');
    expect(r.reason).toMatch(/except 1 invalid byte/);
    expect(r.rows.at(-1)).toEqual(['3000', 'Bad\uFFFD']);
    expect(r.problems).toEqual([{ lineNo: 3002, rowNo: 3001, reason: expect.stringMatching(/not valid UTF-8/) }]);
  });

  it('recognizes Mac Roman names', async () => {
    const mac = Buffer.from([...Buffer.from('name,city\nJos'), 0x8e, ...Buffer.from(',Z'), 0x9f, ...Buffer.from('rich\nM'), 0x9f, ...Buffer.from('ller,K'), 0x9a, ...Buffer.from('ln\n')]);
    const r = await readBack(writeFile(tempDir(), 'mac.csv', mac));
    expect(r.encoding).toBe('macintosh');
    expect(r.rows).toEqual([['José', 'Zürich'], ['Müller', 'Köln']]);
  });

  it('lets the user choose the encoding, and refuses a label no decoder knows', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'p.csv', win1252(csv(PEOPLE)));
    const r = await readBack(file, { encoding: 'latin1' });
    expect(r.encoding).toBe('windows-1252');
    expect(r.reason).toMatch(/chosen by you/);
    expect(r.rows[0]![0]).toBe('José Müller');
    // The user's UTF-16 choice on a file with a UTF-16 BOM still skips the BOM.
    const u16 = writeFile(dir, 'u.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(PEOPLE), 'utf16le')]));
    expect((await readBack(u16, { encoding: 'UTF-16LE' })).header).toEqual(PEOPLE[0]);
    const err = await expectCode(inspectTable(file, 'p.csv', { encoding: 'klingon-8' }), 'INVALID_INPUT');
    expect(err.message).toMatch(/unknown encoding "klingon-8"/);
  });
});

function win1252(s: string): Buffer {
  const map: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '€': 0x80, '’': 0x92 };
  return Buffer.from([...s].map((c) => map[c] ?? c.charCodeAt(0)));
}

describe('delimiters, quotes and line endings', () => {
  it.each([
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects %j and reads the table', async (d) => {
    const r = await readBack(writeFile(tempDir(), 'd.csv', csv(PEOPLE, d)));
    expect(r.delimiter).toBe(d);
    expect([r.header, ...r.rows]).toEqual(PEOPLE);
  });

  it.each([
    ['semicolon', ';'],
    [';', ';'],
    ['TAB', '\t'],
    ['\t', '\t'],
    ['pipe', '|'],
    ['comma', ','],
  ])('takes the delimiter the user names (%j)', async (option, d) => {
    const info = await inspectTable(writeFile(tempDir(), 'x.csv', 'a,b;c\n1,2;3\n'), 'x.csv', { delimiter: option });
    expect(info.delimiter).toBe(d);
  });

  it('refuses a delimiter it does not support', async () => {
    await expectCode(inspectTable(writeFile(tempDir(), 'x.csv', 'a,b\n'), 'x.csv', { delimiter: 'colon' }), 'INVALID_INPUT');
  });

  it('reads quoted delimiters, doubled quotes and line breaks inside cells, with each row’s first line', async () => {
    const text = 'name,note\r\n"Lee, Ann","She said ""hi"""\r\n"Roe; Bob","line one\r\nline two\nline three"\r\nCy,plain\r\n';
    const r = await readBack(writeFile(tempDir(), 'q.csv', text));
    expect(r.rows).toEqual([['Lee, Ann', 'She said "hi"'], ['Roe; Bob', 'line one\r\nline two\nline three'], ['Cy', 'plain']]);
    expect(r.lineNos).toEqual([2, 3, 6]);
  });

  it('splits a file that mixes CRLF and bare LF rows on both, never touching a CR inside quotes', async () => {
    const text = 'id,name,note\r\n1,Ann,a\r\n2,Bob,b\n3,Cy,"x\r\ny"\r\n4,Di,"ends with CR\r"\n5,Ed,"q"\r\n6,Fay,lone\rCR\n7,Gus,last';
    const r = await readBack(writeFile(tempDir(), 'mixed.csv', text));
    expect(r.rows).toEqual([
      ['1', 'Ann', 'a'],
      ['2', 'Bob', 'b'],
      ['3', 'Cy', 'x\r\ny'],
      ['4', 'Di', 'ends with CR\r'],
      ['5', 'Ed', 'q'],
      ['6', 'Fay', 'lone\rCR'],
      ['7', 'Gus', 'last'],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('splits mixed line endings that start only after the sniffed sample, across read chunks', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},"Name ${i}",${i % 3 === 0 ? '"a\r\nb"' : 'x'}`);
    const text = 'id,name,note\r\n' + rows.map((r, i) => r + (i > 30_000 && i % 2 ? '\n' : '\r\n')).join('');
    const r = await readBack(writeFile(tempDir(), 'late-mixed.csv', text));
    expect(r.rows.length).toBe(60_000);
    expect(r.problems).toEqual([]);
    expect(r.rows[59_999]).toEqual(['59999', 'Name 59999', 'x']);
    expect(r.rows[59_997]).toEqual(['59997', 'Name 59997', 'a\r\nb']);
  });

  it('keeps ragged rows whole and reports them with their line', async () => {
    const r = await readBack(writeFile(tempDir(), 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n'));
    expect(r.rows).toEqual([['1', '2', '3'], ['4', '5'], ['6', '7', '8', '9']]);
    expect(r.problems.map((p) => [p.lineNo, p.rowNo])).toEqual([[3, 2], [4, 3]]);
  });

  it('reads the committed fixtures', async () => {
    const a = await readBack(path.join(FORMATS, 'title-rows-semicolon-1252.csv'));
    expect(a).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headerRow: 4 });
    expect(a.preamble).toEqual([['ACME DATA — März 2026 Interessenten', '', '', ''], ['Erstellt am 1.3.2026', '', '', '']]);
    expect(uniqueColumnNames(a.header).map((c) => c.name)).toEqual(['Vorname', 'Name', 'E-Mail', 'E-Mail (2)']);
    expect(a.rows[0]).toEqual(['Jürgen', 'Müller', 'jm@example.de', '']);
    expect(a.lineNos).toEqual([5, 6]);
    const b = await readBack(path.join(FORMATS, 'utf16le-tab.txt'));
    expect(b).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', header: ['Name', 'Ort'] });
    expect(b.rows).toEqual([['Zoë', 'Malmö'], ['山田', '東京']]);
  });
});

describe('header rows', () => {
  const TITLED = 'ACME DATA — March 2026 prospects,,\r\nGenerated 3/1/2026,,\r\n\r\nFirst,Last,Email\r\nAnn,Lee,a@x.com\r\n\r\nBob,Roe,b@x.com\r\n';

  it('finds the header below title and blank rows, keeps the titles as the preamble and numbers rows from 1', async () => {
    const r = await readBack(writeFile(tempDir(), 't.csv', TITLED));
    expect(r.headerRow).toBe(4);
    expect(r.preamble).toEqual([['ACME DATA — March 2026 prospects', '', ''], ['Generated 3/1/2026', '', '']]);
    expect(r.header).toEqual(['First', 'Last', 'Email']);
    expect(r.rows).toEqual([['Ann', 'Lee', 'a@x.com'], ['Bob', 'Roe', 'b@x.com']]);
    expect(r.rowNos).toEqual([1, 2]);
    expect(r.lineNos).toEqual([5, 7]);
    expect(r.blankLines).toBe(2);
  });

  it('honours the header row the user chose', async () => {
    const r = await readBack(writeFile(tempDir(), 't.csv', TITLED), { headerRow: 2 });
    expect(r.preamble).toEqual([['ACME DATA — March 2026 prospects', '', '']]);
    expect(r.header).toEqual(['Generated 3/1/2026', '', '']);
    expect(r.rows[0]).toEqual(['First', 'Last', 'Email']);
    expect(r.lineNos[0]).toBe(4);
  });

  it('reads the same through the parse worker (preamble, header, rows, lines, problems)', async () => {
    await ensureEngineBuilt();
    const file = writeFile(tempDir(), 't.csv', TITLED + 'Cy,Kim\r\n' + 'Di,Fox,"multi\r\nline"\n');
    const here = await readBack(file);
    expect(here.problems.length).toBe(1);
    expect(await readBack(file, {}, true)).toEqual(here);
    // A WinnowError raised in the worker arrives as itself.
    await expectCode(readBack(file, { headerRow: 99 }, true), 'INVALID_INPUT');
  }, 120_000);

  it('refuses a header row past the end of the file', async () => {
    await expectCode(readBack(writeFile(tempDir(), 't.csv', 'a,b\n1,2\n'), { headerRow: 50 }), 'INVALID_INPUT');
  });
});

describe('files that are not tables', () => {
  it('calls a 0-byte file empty and a file of blank lines empty', async () => {
    const dir = tempDir();
    await expectCode(inspectTable(writeFile(dir, 'e.csv', ''), 'e.csv'), 'FILE_EMPTY');
    await expectCode(inspectTable(writeFile(dir, 'b.csv', '\r\n\n  \n'), 'b.csv'), 'FILE_EMPTY');
  });

  it('calls a binary file binary and names what it is', async () => {
    const err = await expectCode(inspectTable(writeFile(tempDir(), 'x.csv', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 0])), 'x.csv'), 'FILE_NOT_TEXT');
    expect(err.message).toMatch(/PDF/);
  });

  it('asks for an old .xls to be saved as .xlsx or .csv', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('Workbook', 'utf16le').copy(ole, 1024);
    const err = await expectCode(inspectTable(writeFile(tempDir(), 'old.xls', ole), 'old.xls'), 'NOT_SUPPORTED');
    expect(err.message).toMatch(/save it as \.xlsx or \.csv/);
  });

  it('says a password-protected workbook is encrypted', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    const err = await expectCode(inspectTable(writeFile(tempDir(), 'secret.xlsx', ole), 'secret.xlsx'), 'FILE_UNREADABLE');
    expect(err.message).toMatch(/password-protected/);
    // A big one, whose directory (named by the header) lies far past the first 64 KB.
    const big = Buffer.alloc(200 * 1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(big);
    big.writeUInt16LE(9, 0x1e);
    big.writeUInt32LE(300, 0x30);
    Buffer.from('EncryptedPackage', 'utf16le').copy(big, 301 * 512 + 128);
    const err2 = await expectCode(inspectTable(writeFile(tempDir(), 'big-secret.xlsx', big), 'big-secret.xlsx'), 'FILE_UNREADABLE');
    expect(err2.message).toMatch(/password-protected/);
  });
});

describe('.xlsx workbooks', () => {
  // Made once for the block (tempDir folders are removed after each test).
  const bookDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-xlsx-'));
  const book = path.join(bookDir, 'prospects.xlsx');
  beforeAll(() => prospectWorkbook(book));
  afterAll(() => fs.rmSync(bookDir, { recursive: true, force: true }));

  it('lists the sheets, picks the first with data, and shows every cell as Excel does', async () => {
    const r = await readBack(book);
    expect(r).toMatchObject({ kind: 'xlsx', sheets: ['Notes', 'Prospects'], sheet: 'Prospects', headerRow: 3 });
    expect(r.preamble).toEqual([['ACME DATA — March 2026 prospects']]);
    expect(r.header).toEqual(['First', 'Last', 'Zip', 'Joined', 'Spend', 'Share', 'Active', 'Total', 'Note', 'Phone']);
    expect(r.rows).toEqual([
      ['José', 'Müller', '02108', '3/14/2026', '$1,234.50', '25%', 'TRUE', '3', '', '6175551234'],
      ['Ann', 'O’Brien', '00501', '12/31/1999', '$0.00', '100%', 'FALSE', '7', 'Call after 5', '2125550000'],
      ['Cy', '', '60601', '', '', '', '', '', '', ''],
    ]);
    expect(r.lineNos).toEqual([4, 5, 6]);
    expect(r.rowNos).toEqual([1, 2, 3]);
    expect(r.problems).toEqual([]);
  });

  it('reads the same through the parse worker', async () => {
    await ensureEngineBuilt();
    expect(await readBack(book, {}, true)).toEqual(await readBack(book));
  }, 120_000);

  it('picks a sheet by name and names the sheets when there is no such sheet', async () => {
    expect((await inspectTable(book, 'p.xlsx', { sheet: 'notes' })).sheet).toBe('Notes');
    const err = await expectCode(inspectTable(book, 'p.xlsx', { sheet: 'Customers' }), 'INVALID_INPUT');
    expect(err.message).toMatch(/no sheet called "Customers"; its sheets are "Notes", "Prospects"/);
  });

  it('reads a workbook renamed to .csv as a workbook', async () => {
    const renamed = writeFile(tempDir(), 'list.csv', fs.readFileSync(book));
    expect((await readBack(renamed)).rows[0]![2]).toBe('02108');
  });

  it('reads inline strings, formula strings, errors, phonetic runs, prefixed XML and row gaps', async () => {
    const rowsXml =
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Name</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>Ci</x:t></x:r><x:r><x:t xml:space="preserve">ty </x:t></x:r></x:is></x:c></x:row>' +
      '<x:row r="3"><x:c r="A3" t="str"><x:f>CONCAT("a","b")</x:f><x:v>ab</x:v></x:c><x:c r="C3" t="e"><x:v>#N/A</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="B4" t="s"><x:v>1</x:v></x:c><x:c r="C4" s="1"><x:v>0.5</x:v></x:c><x:c r="D4"><x:v>7</x:v></x:c></x:row>' +
      '<x:row r="5"><x:c r="A5" t="b"><x:v>0</x:v></x:c><x:c r="B5" s="2"><x:v>46095.75</x:v></x:c><x:c r="C5"><x:v>1234567.891</x:v></x:c></x:row>';
    const file = writeFile(
      tempDir(),
      'hand.xlsx',
      handWrittenXlsx({
        sheets: [{ name: 'Data & more', rowsXml, prefix: 'x' }],
        sharedStrings: '<si><t>A &amp; B</t></si><si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>',
        stylesXml: '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs>',
      }),
    );
    const r = await readBack(file, { headerRow: 1 });
    expect(r.sheets).toEqual(['Data & more']);
    expect(r.header).toEqual(['Name', 'A & B', 'City ']);
    expect(r.rows).toEqual([
      ['ab', '', '#N/A'],
      ['', '東京', '50.0%', '7'],
      ['FALSE', '3/14/2026 18:00', '1234567.891'],
    ]);
    expect(r.lineNos).toEqual([3, 4, 5]);
    expect(r.blankLines).toBe(1);
    expect(r.problems).toEqual([{ lineNo: 4, rowNo: 2, reason: expect.stringMatching(/4 cells; the header has 3/) }]);
  });

  it('reads parts stored without compression as well as deflated ones', async () => {
    const rowsXml = '<row r="1"><c r="A1" t="inlineStr"><is><t>Zip</t></is></c></row><row r="2"><c r="A2" s="1"><v>2108</v></c></row>';
    const stylesXml = '<numFmts count="1"><numFmt numFmtId="164" formatCode="00000"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>';
    for (const stored of [true, false]) {
      const r = await readBack(writeFile(tempDir(), 's.xlsx', handWrittenXlsx({ sheets: [{ name: 'S', rowsXml }], stylesXml, stored })));
      expect([r.header, ...r.rows]).toEqual([['Zip'], ['02108']]);
    }
  });

  it('calls a truncated or damaged workbook unreadable, never hanging', async () => {
    const bytes = fs.readFileSync(book);
    const dir = tempDir();
    for (const cut of [bytes.length - 10, Math.floor(bytes.length / 2), 100]) {
      const err = await expectCode(readBack(writeFile(dir, `cut${cut}.xlsx`, bytes.subarray(0, cut))), 'FILE_UNREADABLE');
      expect(err.message).toMatch(/not a readable \.xlsx workbook/);
    }
    // Flip bytes inside the compressed sheet data, directory intact.
    const hand = handWrittenXlsx({ sheets: [{ name: 'S', rowsXml: Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>r${i}</t></is></c></row>`).join('') }] });
    const at = hand.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 40;
    for (let i = at; i < at + 60; i++) hand[i] = hand[i]! ^ 0x5a;
    await expectCode(readBack(writeFile(dir, 'flipped.xlsx', hand)), 'FILE_UNREADABLE');
    await expectCode(inspectTable(writeFile(dir, 'zip.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])), 'zip.xlsx'), 'FILE_UNREADABLE');
  });

  it('keeps memory bounded on a 100,000-row sheet (streamed, not loaded)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const file = path.join(tempDir(), 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Big');
    ws.addRow(['id', 'name', 'zip']).commit();
    for (let i = 1; i <= 100_000; i++) ws.addRow([i, `Name ${i % 5000}`, `0${i % 10000}`]).commit();
    ws.commit();
    await wb.commit();
    const info = await inspectTable(file, 'big.xlsx');
    let rows = 0;
    let last: string[] = [];
    for await (const b of readTable(file, 'big.xlsx', info, 1)) {
      rows += b.rows.length;
      if (b.rows.length > 0) last = JSON.parse(b.rows.at(-1)!) as string[];
    }
    expect(rows).toBe(100_000);
    expect(last).toEqual(['100000', 'Name 0', '00']);
  }, 60_000);
});
