// Ranges to and from spreadsheets: clipboard text as Excel writes it (tabs, CRLF, quoted cells with line breaks) parses back
// to the same cells; a pasted block lands from the selection's corner, fills or tiles a larger selection, and is clipped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTsv, pasteTargets, rectOf, toTsv } from '../../renderer/src/grid/clipboard';

describe('parseTsv', () => {
  it.each<[string, string, string[][]]>([
    ['one value', 'Boston', [['Boston']]],
    ['one value and Excel’s trailing CRLF', 'Boston\r\n', [['Boston']]],
    ['a 2×2 block from Excel', 'Ann\tLee\r\nBob\tStone\r\n', [['Ann', 'Lee'], ['Bob', 'Stone']]],
    ['LF line ends (LibreOffice on Linux)', 'a\tb\nc\td\n', [['a', 'b'], ['c', 'd']]],
    ['CR line ends (old Mac)', 'a\rb', [['a'], ['b']]],
    ['empty cells kept', 'a\t\tc\r\n\t\t\r\n', [['a', '', 'c'], ['', '', '']]],
    ['a quoted cell with a line break', '"12 Main St\nSuite 4"\tBoston\r\n', [['12 Main St\nSuite 4', 'Boston']]],
    ['doubled quotes inside a quoted cell', '"He said ""hi"""\tx', [['He said "hi"', 'x']]],
    ['a quote inside unquoted text is text', 'O"Neil\t5" pipe', [['O"Neil', '5" pipe']]],
    ['a leading quote not closed before a separator is text', '"abc"def\tx', [['"abc"def', 'x']]],
    ['ragged rows padded to a rectangle', 'a\tb\tc\r\nd\r\n', [['a', 'b', 'c'], ['d', '', '']]],
    ['a blank line in the middle is an empty row', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
  ])('%s', (_name, text, rows) => {
    expect(parseTsv(text)).toEqual(rows);
  });

  it('reads back whatever toTsv wrote (any text, tabs, quotes and line breaks in cells)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\n', '\r', '"', 'é', '=', '1') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 })),
        (rows) => {
          // A single empty cell is the one shape clipboard text cannot tell from nothing.
          fc.pre(!(rows.length === 1 && rows[0]!.length === 1 && rows[0]![0] === ''));
          expect(parseTsv(toTsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

describe('toTsv', () => {
  it('quotes only cells that need it and ends each row with CRLF, as Excel does', () => {
    expect(toTsv([['Ann', 'Lee'], ['a\tb', 'say "x"']])).toBe('Ann\tLee\r\n"a\tb"\t"say ""x"""\r\n');
    expect(toTsv([])).toBe('');
  });
});

describe('pasteTargets', () => {
  const bounds = { rows: 100, cols: 5 };
  const at = (top: number, left: number, bottom = top, right = left) => ({ top, left, bottom, right });

  it('places a block from the selection’s top-left corner', () => {
    expect(pasteTargets([['a', 'b'], ['c', 'd']], at(10, 1), bounds)).toEqual([
      { row: 10, col: 1, value: 'a' },
      { row: 10, col: 2, value: 'b' },
      { row: 11, col: 1, value: 'c' },
      { row: 11, col: 2, value: 'd' },
    ]);
  });

  it('fills a selected range with one value', () => {
    const t = pasteTargets([['x']], at(0, 0, 2, 1), bounds);
    expect(t).toHaveLength(6);
    expect(new Set(t.map((c) => c.value))).toEqual(new Set(['x']));
  });

  it('tiles a block over a selection that is an exact multiple of it', () => {
    const t = pasteTargets([['a'], ['b']], at(0, 0, 3, 0), bounds);
    expect(t.map((c) => c.value)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('pastes the block once when the selection is not a multiple of it', () => {
    expect(pasteTargets([['a'], ['b']], at(0, 0, 2, 0), bounds)).toHaveLength(2);
  });

  it('clips what falls outside the grid', () => {
    const t = pasteTargets([['a', 'b', 'c']], at(99, 3), bounds);
    expect(t).toEqual([
      { row: 99, col: 3, value: 'a' },
      { row: 99, col: 4, value: 'b' },
    ]);
  });

  it('rectOf orders the corners', () => {
    expect(rectOf({ row: 5, col: 3 }, { row: 2, col: 1 })).toEqual({ top: 2, left: 1, bottom: 5, right: 3 });
  });
});
