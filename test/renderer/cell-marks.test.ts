// A cell shows the most severe finding about its column (all messages in its tooltip), and edited cells are known by column.
import { describe, expect, it } from 'vitest';
import type { RecordIssue } from '../../src/api/contract';
import { cellIssueMarks, editedColumns, rowSeverity } from '../../renderer/src/grid/cell-marks';

const issue = (p: Partial<RecordIssue> & Pick<RecordIssue, 'code' | 'severity' | 'columns'>): RecordIssue => ({ field: 'email', message: p.code, ...p });

describe('cellIssueMarks', () => {
  it('marks nothing for a row without findings (or not cleaned)', () => {
    expect(cellIssueMarks(undefined).size).toBe(0);
    expect(cellIssueMarks([]).size).toBe(0);
  });

  it('puts each finding on every column it names, the most severe first', () => {
    const marks = cellIssueMarks([
      issue({ code: 'zip.state_mismatch', severity: 'warning', columns: [5, 6], message: 'ZIP 90210 is in CA, not NY' }),
      issue({ code: 'zip.invalid', severity: 'error', columns: [6], message: 'Not a ZIP code', suggestion: '02108' }),
    ]);
    expect([...marks.keys()].sort()).toEqual([5, 6]);
    expect(marks.get(5)).toEqual({ severity: 'warning', title: 'ZIP 90210 is in CA, not NY', codes: ['zip.state_mismatch'] });
    expect(marks.get(6)).toEqual({
      severity: 'error',
      title: 'Not a ZIP code (suggested: 02108)\nZIP 90210 is in CA, not NY',
      codes: ['zip.invalid', 'zip.state_mismatch'],
    });
  });

  it('puts no badge anywhere for a finding about a field the list has no column for', () => {
    expect(cellIssueMarks([issue({ code: 'phone.missing', severity: 'warning', columns: [] })]).size).toBe(0);
  });
});

describe('editedColumns', () => {
  it('is the set of edited columns, empty when none', () => {
    expect([...editedColumns({ pos: 1, rowNo: 1, cells: ['a', 'b'], edited: [1] })]).toEqual([1]);
    expect(editedColumns({ pos: 1, rowNo: 1, cells: ['a'] }).size).toBe(0);
    expect(editedColumns(undefined).size).toBe(0);
  });
});

describe('rowSeverity', () => {
  it('is the most severe finding of the row, even one about no column', () => {
    expect(rowSeverity(undefined)).toBeUndefined();
    expect(rowSeverity([issue({ code: 'phone.missing', severity: 'warning', columns: [] })])).toBe('warning');
    expect(rowSeverity([issue({ code: 'a.b', severity: 'info', columns: [1] }), issue({ code: 'zip.invalid', severity: 'error', columns: [] })])).toBe('error');
  });
});
