// Proves the streaming .xlsx writer: a large sheet written and read back by Winnow's own reader cell for cell, with
// Excel's row limit continuing on a second sheet, and text that XML cannot carry as is.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAtomicFile } from '../../../src/jobs/atomic-file';
import { openWorkbook, readSheetRows } from '../../../src/jobs/parse-xlsx';
import { columnLetters, xlsxWriter } from '../../../src/jobs/xlsx-writer';
import { cleanupAfterEach, tempDir } from '../../fixtures/helpers';
import { roundTrip } from '../../fixtures/xlsx-sample';

cleanupAfterEach();

describe('the streaming .xlsx writer', () => {
  it('names columns the way Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('writes 200,000 rows × 15 columns that read back identical (no 65k cap)', async () => {
    const file = path.join(tempDir(), 'big.xlsx');
    const r = await roundTrip(file, 200_000);
    expect(r).toEqual(expect.objectContaining({ mismatches: 0, read_rows: 200_000, sheets: 1 }));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['big.xlsx']);
  }, 120_000);

  it('continues on a new sheet, header repeated, when a sheet reaches Excel\'s row limit', async () => {
    const file = path.join(tempDir(), 'sheets.xlsx');
    const out = openAtomicFile(file);
    const w = xlsxWriter({ write: (b) => out.write(b) }, 'Mailing', ['n'], 5);
    await w.addRows(Array.from({ length: 10 }, (_, i) => [String(i + 1)]));
    expect(await w.finish()).toEqual({ rows: 10, sheets: 3 });
    await out.commit();
    const { book } = await openWorkbook(file, 'sheets.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['Mailing', 'Mailing (2)', 'Mailing (3)']);
    const got: string[][] = [];
    for (const sheet of book.sheets) {
      const cells: string[] = [];
      for await (const b of readSheetRows(file, 'sheets.xlsx', book, sheet)) for (const r of b) cells.push(r.cells[0]!);
      got.push(cells);
    }
    expect(got).toEqual([['n', '1', '2', '3', '4'], ['n', '5', '6', '7', '8'], ['n', '9', '10']]);
  });

  it('keeps text XML cannot carry as is: CR, control characters as _xHHHH_, spaces at the ends', async () => {
    const file = path.join(tempDir(), 'odd.xlsx');
    const out = openAtomicFile(file);
    const w = xlsxWriter({ write: (b) => out.write(b) }, 'Odd: [sheet]?', ['a', 'b']);
    await w.addRows([[' lead', 'trail '], ['a\r\nb', 'tab\there'], ['bell\u0007', '😀 é']]);
    await w.finish();
    await out.commit();
    const { book } = await openWorkbook(file, 'odd.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['Odd   sheet  ']);
    const got: string[][] = [];
    for await (const b of readSheetRows(file, 'odd.xlsx', book, book.sheets[0]!)) for (const r of b) got.push(r.cells);
    expect(got).toEqual([['a', 'b'], [' lead', 'trail '], ['a\r\nb', 'tab\there'], ['bell_x0007_', '😀 é']]);
  });
});
