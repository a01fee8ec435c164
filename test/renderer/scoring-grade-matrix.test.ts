// The grade matrix: the engine's "A1" … "D3" counts as 4 rows × 3 columns with totals that add up, missing or malformed keys
// counted as 0, and each cell shaded by its share of the largest cell.
import { describe, expect, it } from 'vitest';
import { gradeMatrix, isGrade } from '../../renderer/src/scoring/grade-matrix';

describe('grade matrix', () => {
  it('shapes the counts A-D × 1-3 with row, column and grand totals', () => {
    const m = gradeMatrix({ A1: 3, A2: 5, A3: 12, B1: 1, B3: 40, C2: 7, C3: 90, D3: 142 });
    expect(m.rows.map((r) => r.fit)).toEqual(['A', 'B', 'C', 'D']);
    expect(m.rows[0]!.cells.map((c) => [c.grade, c.count])).toEqual([
      ['A1', 3],
      ['A2', 5],
      ['A3', 12],
    ]);
    expect(m.rows.map((r) => r.total)).toEqual([20, 41, 97, 142]);
    expect(m.columnTotals).toEqual([4, 12, 284]);
    expect(m.total).toBe(300);
    expect(m.columnTotals.reduce((a, b) => a + b, 0)).toBe(m.total);
  });

  it('shades each cell by its share of the largest', () => {
    const m = gradeMatrix({ A1: 10, D3: 40 });
    expect(m.rows[3]!.cells[2]!.heat).toBe(1);
    expect(m.rows[0]!.cells[0]!.heat).toBe(0.25);
    expect(m.rows[1]!.cells[1]!.heat).toBe(0);
  });

  it('ignores keys that are not grades and counts that are not positive numbers', () => {
    const m = gradeMatrix({ A1: 2, E1: 50, A4: 9, a1: 7, B2: -3, C1: Number.NaN });
    expect(m.total).toBe(2);
    expect(m.rows[1]!.cells[1]!.count).toBe(0);
  });

  it('no run yet: every cell 0, nothing shaded', () => {
    const m = gradeMatrix(null);
    expect(m.total).toBe(0);
    expect(m.rows.flatMap((r) => r.cells).every((c) => c.count === 0 && c.heat === 0)).toBe(true);
  });

  it.each([
    ['A1', true],
    ['D3', true],
    ['E1', false],
    ['A0', false],
    ['a1', false],
    ['A12', false],
  ])('%s is a grade: %s', (g, ok) => {
    expect(isGrade(g)).toBe(ok);
  });
});
