// Import problems repository: rows an import kept but could not take as they were, with their line and reason.
import type { Db } from './db';

export interface ImportProblem {
  lineNo: number;
  rowNo: number | null;
  reason: string;
  raw: string[];
}

/** Writes problems whose cells are already serialized as a JSON array (as the parse stage hands them over). */
export function problemWriter(db: Db, listId: number): (p: Omit<ImportProblem, 'raw'> & { json: string }) => void {
  const stmt = db.prepare(`INSERT INTO import_problems (list_id, line_no, row_no, reason, raw) VALUES (?, ?, ?, ?, ?)`);
  return (p) => {
    stmt.run(listId, p.lineNo, p.rowNo, p.reason, p.json);
  };
}

export function listProblems(db: Db, listId: number, offset = 0, limit = 1000): ImportProblem[] {
  const rows = db
    .prepare(`SELECT line_no AS lineNo, row_no AS rowNo, reason, raw FROM import_problems WHERE list_id = ? ORDER BY line_no, id LIMIT ? OFFSET ?`)
    .all(listId, limit, offset) as { lineNo: number; rowNo: number | null; reason: string; raw: string }[];
  return rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) as string[] }));
}

export function problemCount(db: Db, listId: number): number {
  return (db.prepare(`SELECT count(*) AS n FROM import_problems WHERE list_id = ?`).get(listId) as { n: number }).n;
}

/** Every problem of a list in line order, in batches, for export. */
export function* iterateProblems(db: Db, listId: number, batch = 1000): Generator<ImportProblem[]> {
  for (let offset = 0; ; offset += batch) {
    const rows = listProblems(db, listId, offset, batch);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
  }
}
