// The lead grade matrix's shape: fit A-D (rows) × engagement 1-3 (columns) from the engine's "A1" … "D3" counts, with row and
// column totals and each cell's share of the largest (for its shade). Pure, so it is tested without a DOM.
export const FIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export const ENGAGEMENT_LEVELS = [1, 2, 3] as const;

export const FIT_LABELS: Record<(typeof FIT_GRADES)[number], string> = {
  A: 'A — looks like your best customers',
  B: 'B — good fit',
  C: 'C — some fit',
  D: 'D — little fit',
};
export const ENGAGEMENT_LABELS: Record<(typeof ENGAGEMENT_LEVELS)[number], string> = {
  1: '1 — hot',
  2: '2 — some sign',
  3: '3 — no sign yet',
};

export interface GradeCell {
  grade: string;
  count: number;
  /** count / the largest cell (0-1), for the cell's shade. */
  heat: number;
}

export interface GradeMatrix {
  rows: { fit: (typeof FIT_GRADES)[number]; cells: GradeCell[]; total: number }[];
  columnTotals: number[];
  total: number;
}

export function isGrade(g: string): boolean {
  return /^[A-D][1-3]$/.test(g);
}

export function gradeMatrix(grades: Record<string, number> | null | undefined): GradeMatrix {
  const count = (g: string) => {
    const n = grades?.[g];
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
  };
  let max = 0;
  for (const f of FIT_GRADES) for (const e of ENGAGEMENT_LEVELS) max = Math.max(max, count(`${f}${e}`));
  const rows = FIT_GRADES.map((fit) => {
    const cells = ENGAGEMENT_LEVELS.map((e) => {
      const grade = `${fit}${e}`;
      const n = count(grade);
      return { grade, count: n, heat: max > 0 ? n / max : 0 };
    });
    return { fit, cells, total: cells.reduce((s, c) => s + c.count, 0) };
  });
  const columnTotals = ENGAGEMENT_LEVELS.map((_, i) => rows.reduce((s, r) => s + r.cells[i]!.count, 0));
  return { rows, columnTotals, total: rows.reduce((s, r) => s + r.total, 0) };
}
