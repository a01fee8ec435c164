// What each cell of a row shows besides its value: the most severe finding about its column, and whether the user edited it.
import type { GridRow, IssueSeverity, RecordIssue } from '../../../src/api/contract';

export interface CellIssueMark {
  /** The most severe finding's severity (error over warning over info). */
  severity: IssueSeverity;
  /** Every finding's message, most severe first: the badge's tooltip. */
  title: string;
  /** The codes of the findings, most severe first. */
  codes: string[];
}

const RANK: Record<IssueSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Column index → the mark its cell shows; columns without findings are absent. */
export function cellIssueMarks(issues: readonly RecordIssue[] | undefined): Map<number, CellIssueMark> {
  const marks = new Map<number, CellIssueMark>();
  if (!issues || issues.length === 0) return marks;
  const byCol = new Map<number, RecordIssue[]>();
  for (const issue of issues) {
    for (const col of issue.columns) {
      const list = byCol.get(col);
      if (list) list.push(issue);
      else byCol.set(col, [issue]);
    }
  }
  for (const [col, list] of byCol) {
    const sorted = [...list].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    marks.set(col, {
      severity: sorted[0]!.severity,
      title: sorted.map((i) => (i.suggestion ? `${i.message} (suggested: ${i.suggestion})` : i.message)).join('\n'),
      codes: sorted.map((i) => i.code),
    });
  }
  return marks;
}

/** The most severe finding of a row (whichever column it is about, or none), for the dot by its row number. */
export function rowSeverity(issues: readonly RecordIssue[] | undefined): IssueSeverity | undefined {
  let best: IssueSeverity | undefined;
  for (const i of issues ?? []) if (best === undefined || RANK[i.severity] < RANK[best]) best = i.severity;
  return best;
}

/** The row's edited columns as a set (cheap lookups while drawing). */
export function editedColumns(row: GridRow | undefined): ReadonlySet<number> {
  return row?.edited && row.edited.length > 0 ? new Set(row.edited) : EMPTY;
}
const EMPTY: ReadonlySet<number> = new Set();
