// Covers finding the header row of real-world messy files (title, date and blank rows above it) and naming its columns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectHeaderRow, headerVerdict, uniqueColumnNames, type SampleRecord } from '../../../src/domain/header';

/** Records from CSV-ish lines: one record per line, cells split on commas, blank lines skipped (as sampleTable does). */
const recs = (...lines: string[]): SampleRecord[] =>
  lines.flatMap((l, i) => (l === '' ? [] : [{ lineNo: i + 1, cells: l.split(',') }]));

const DATA = ['Ann,Lee,ann@example.com,02134', 'Bob,Roe,bob@example.com,10001', 'Cy,Kim,cy@example.com,60601', 'Di,Fox,di@example.com,94105'];

describe('detectHeaderRow', () => {
  it.each([
    ['a plain header on line 1', recs('First,Last,Email,Zip', ...DATA), 1],
    ['a vendor title, a date line and a blank line above the header', recs('ACME DATA — March 2026 prospects', 'Generated 3/1/2026', '', 'First,Last,Email,Zip', ...DATA), 4],
    ['a title padded with commas, as Excel saves a CSV', recs('ACME DATA — March 2026 prospects,,,', ',,,', 'First,Last,Email,Zip', ...DATA), 3],
    ['a "Report:" line with one value and a row count line', recs('Report:,Prospects', 'Rows:,4', 'First,Last,Email,Zip', ...DATA), 3],
    ['a long disclaimer sentence over a few cells', recs('This list is licensed for one-time use only and may not be resold or shared with third parties,see contract,,', 'First,Last,Email,Zip', ...DATA), 2],
    ['a header with an empty and a duplicate name', recs('First,,Email,Email', ...DATA), 1],
    ['a one-column email list', recs('email', 'ann@example.com', 'bob@example.com'), 1],
    ['a header-only file', recs('First,Last,Email,Zip'), 1],
    ['a file without a header (data from line 1)', recs('1001,02134,6175551234,42.5', '1002,10001,2125551234,17', '1003,60601,3125551234,8'), 1],
    ['a header below a numeric "totals" line', recs('4,rows,,', 'First,Last,Email,Zip', ...DATA), 2],
    ['a title in a one-cell row above a two-column table', recs('Customer export', 'name,zip', 'Ann,02134', 'Bob,10001'), 2],
    ['no records at all', [] as SampleRecord[], 1],
    [
      'a header whose last column (Notes) is mostly empty, below a title',
      recs('ACME prospects,,,,', 'First,Last,Email,Zip,Notes', 'Ann,Lee,ann@example.com,02134,', 'Bob,Roe,bob@example.com,10001,', 'Cy,Kim,cy@example.com,60601,call back', 'Di,Fox,di@example.com,94105,'),
      2,
    ],
    [
      'workbook rows that drop trailing empty cells (Notes empty) below a header',
      [
        { lineNo: 1, cells: ['First', 'Last', 'Email', 'Zip', 'Notes'] },
        ...DATA.map((d, i) => ({ lineNo: i + 2, cells: d.split(',') })),
      ],
      1,
    ],
  ])('finds %s', (_what, records, line) => {
    expect(detectHeaderRow(records)).toBe(line);
  });

  it('says in words why a row is not the header', () => {
    const r = recs('ACME DATA — March 2026 prospects,,,', 'First,Last,Email,Zip', ...DATA);
    expect(headerVerdict(r, 0)).toMatchObject({ header: false, reason: 'it has 1 cell; the rows below have 4' });
    expect(headerVerdict(r, 1)).toMatchObject({ header: true });
    expect(headerVerdict(recs('1001,02134,x,9', ...DATA), 0).reason).toMatch(/numbers/);
  });

  it('never throws and always answers a line of one of the records (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), { maxLength: 30 }), (rows) => {
        const records = rows.map((cells, i) => ({ lineNo: i * 2 + 1, cells }));
        const line = detectHeaderRow(records);
        if (records.length === 0) expect(line).toBe(1);
        else expect(records.map((r) => r.lineNo)).toContain(line);
      }),
      { numRuns: 400 },
    );
  });
});

describe('uniqueColumnNames', () => {
  it.each([
    [['Name', 'Email'], ['Name', 'Email']],
    [['Email', 'email', 'EMAIL'], ['Email', 'email (2)', 'EMAIL (3)']],
    [['', 'Zip', ''], ['Column 1', 'Zip', 'Column 3']],
    [[' Zip ', 'Zip'], ['Zip', 'Zip (2)']],
    [['Phone', 'Phone (2)', 'Phone'], ['Phone', 'Phone (2)', 'Phone (3)']],
  ])('names %j as %j, keeping the original text when it differs', (header, names) => {
    const cols = uniqueColumnNames(header);
    expect(cols.map((c) => c.name)).toEqual(names);
    cols.forEach((c, i) => expect(c.original).toBe(c.name === header[i] ? undefined : header[i]));
  });

  it('always gives unique, non-empty names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', ' ', 'a', 'A', 'a (2)', 'b', 'Column 1'), { maxLength: 12 }), (header) => {
        const names = uniqueColumnNames(header).map((c) => c.name.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
        expect(names.every((n) => n.trim() !== '')).toBe(true);
      }),
    );
  });
});
