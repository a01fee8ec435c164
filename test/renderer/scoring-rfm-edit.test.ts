// Editing scoring settings as text: RFM cut points (four numbers, none negative, each at least the one before, "$1,200" read as
// 1200), keywords (one a line or comma-separated, duplicates once), the fit threshold (0-100).
import { describe, expect, it } from 'vitest';
import { cutsToDraft, parseCuts, parseKeywords, parseMinFit, sameCuts } from '../../renderer/src/scoring/rfm-edit';

describe('RFM cut points', () => {
  it('reads four ascending numbers', () => {
    expect(parseCuts(['30', '90', '180', '365'])).toEqual({ ok: true, cuts: [30, 90, 180, 365] });
  });

  it('reads money as typed, and allows equal neighbours (quintiles of small counts repeat)', () => {
    expect(parseCuts(['$50', '1,200', ' 2500.5 ', '10000'])).toEqual({ ok: true, cuts: [50, 1200, 2500.5, 10000] });
    expect(parseCuts(['1', '1', '2', '3'])).toEqual({ ok: true, cuts: [1, 1, 2, 3] });
  });

  it.each([
    [['30', '', '180', '365'], 1, 'Cut point 2 is not a number.'],
    [['30', 'abc', '180', '365'], 1, 'Cut point 2 is not a number.'],
    [['-1', '90', '180', '365'], 0, 'Cut point 1 cannot be negative.'],
    [['30', '90', '80', '365'], 2, 'Cut point 3 must be at least cut point 2.'],
    [['30', '90', '180'], 0, 'Four cut points are needed.'],
  ])('%j is refused at %i: %s', (draft, at, error) => {
    expect(parseCuts(draft)).toEqual({ ok: false, at, error });
  });

  it('shows the engine’s cut points without float noise, and reads them back unchanged', () => {
    const draft = cutsToDraft([12, 45.5, 0.1 + 0.2, 126.784, 400]);
    expect(draft).toEqual(['12', '45.5', '0.3', '126.78', '400']);
    const back = parseCuts(draft.filter((_, i) => i !== 2));
    expect(back.ok && sameCuts(back.cuts, [12, 45.5, 126.78, 400])).toBe(true);
  });

  it('compares cut points, null meaning quintiles', () => {
    expect(sameCuts([1, 2, 3, 4], [1, 2, 3, 4])).toBe(true);
    expect(sameCuts([1, 2, 3, 4], [1, 2, 3, 5])).toBe(false);
    expect(sameCuts(null, null)).toBe(true);
    expect(sameCuts(null, [1, 2, 3, 4])).toBe(false);
  });
});

describe('keywords', () => {
  it('splits on lines, commas and semicolons; trims; keeps the first spelling of a duplicate', () => {
    expect(parseKeywords('student\n Intern , ACME Corp;;\n\nstudent\nINTERN\nacme   corp')).toEqual(['student', 'Intern', 'ACME Corp']);
  });
  it('nothing typed: no keywords', () => {
    expect(parseKeywords('  \n , ')).toEqual([]);
  });
});

describe('fit threshold', () => {
  it.each([
    ['60', 60],
    [' 0 ', 0],
    ['100', 100],
    ['72.6', 73],
    ['101', null],
    ['-5', null],
    ['', null],
    ['6O', null],
  ])('%j → %s', (text, v) => {
    expect(parseMinFit(text)).toBe(v);
  });
});
