// Lists repository: the lists inside a project and their source details.
import type { ColumnInfo, ColumnMapping, ListDetails, ListInfo, ListRole, SourceFormat } from '../api/contract';
import { cleanInfo, type CleanStats } from './clean';
import type { Db } from './db';

interface ListRow {
  id: number;
  name: string;
  role: ListRole;
  source_file: string | null;
  source_size: number | null;
  imported_at: string;
  row_count: number;
  columns: string;
  format: string | null;
  details: string | null;
  problem_count: number;
  cleaned_at: string | null;
  clean_stats: string | null;
}

const LIST_COLUMNS =
  'lists.id AS id, name, role, source_file, source_size, imported_at, row_count, columns, format, details, (SELECT count(*) FROM import_problems p WHERE p.list_id = lists.id) AS problem_count, ' +
  'c.cleaned_at AS cleaned_at, c.stats AS clean_stats';
const LIST_FROM = 'lists LEFT JOIN list_clean c ON c.list_id = lists.id';

function toInfo(r: ListRow): ListInfo {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    sourceFile: r.source_file,
    sourceSize: r.source_size,
    importedAt: r.imported_at,
    rowCount: r.row_count,
    columns: JSON.parse(r.columns) as ColumnInfo[],
    format: r.format ? (JSON.parse(r.format) as SourceFormat) : null,
    details: r.details ? (JSON.parse(r.details) as ListDetails) : {},
    problemCount: r.problem_count,
    clean: r.cleaned_at && r.clean_stats ? cleanInfo(r.cleaned_at, JSON.parse(r.clean_stats) as CleanStats) : null,
  };
}

export function allLists(db: Db): ListInfo[] {
  return (db.prepare(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} ORDER BY id`).all() as ListRow[]).map(toInfo);
}

export function getList(db: Db, id: number): ListInfo | undefined {
  const r = db.prepare(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE id = ?`).get(id) as ListRow | undefined;
  return r && toInfo(r);
}

export interface NewList {
  name: string;
  role: ListRole;
  sourceFile: string | null;
  sourceSize: number | null;
  columns: ColumnInfo[];
  format: SourceFormat | null;
  /** What the user said about the list (vendor, price...); stored as given. */
  details?: ListDetails;
}

export function insertList(db: Db, l: NewList, importedAt = new Date().toISOString()): number {
  const details = l.details && Object.keys(l.details).length > 0 ? JSON.stringify(l.details) : null;
  const res = db
    .prepare(
      `INSERT INTO lists (name, role, source_file, source_size, imported_at, columns, format, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(l.name, l.role, l.sourceFile, l.sourceSize, importedAt, JSON.stringify(l.columns), l.format && JSON.stringify(l.format), details);
  return Number(res.lastInsertRowid);
}

/** Lists imported from a file with this content (same SHA-256), oldest first. */
export function listsWithSource(db: Db, sha256: string): { listId: number; listName: string; importedAt: string }[] {
  return db
    .prepare(`SELECT id AS listId, name AS listName, imported_at AS importedAt FROM lists WHERE source_sha256 = ? ORDER BY id`)
    .all(sha256) as { listId: number; listName: string; importedAt: string }[];
}

/** Whether any list came from a file of this size: only then is hashing a new file worth its time. */
export function anyListWithSourceSize(db: Db, size: number): boolean {
  return db.prepare(`SELECT 1 FROM lists WHERE source_size = ? AND source_sha256 IS NOT NULL LIMIT 1`).get(size) !== undefined;
}

/** Records a list's columns (with their fields) and the mapping by column index. */
export function setListColumns(db: Db, id: number, columns: ColumnInfo[], mapping: ColumnMapping[]): void {
  db.prepare(`UPDATE lists SET columns = ?, mapping = ? WHERE id = ?`).run(JSON.stringify(columns), JSON.stringify(mapping), id);
}

export function updateListFormat(db: Db, id: number, format: SourceFormat): void {
  db.prepare(`UPDATE lists SET format = ? WHERE id = ?`).run(JSON.stringify(format), id);
}

export function finishListImport(db: Db, id: number, rowCount: number, sha256: string): void {
  db.prepare(`UPDATE lists SET row_count = ?, source_sha256 = ? WHERE id = ?`).run(rowCount, sha256, id);
}


/** A name not yet taken in this project: "Name", "Name (2)", "Name (3)"... */
export function uniqueListName(db: Db, wanted: string): string {
  const taken = db.prepare(`SELECT 1 FROM lists WHERE name = ?`);
  if (!taken.get(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted} (${i})`;
    if (!taken.get(candidate)) return candidate;
  }
}

/** Replaces the given keys of a list's details (the others stay). */
export function setListDetails(db: Db, listId: number, details: ListDetails): void {
  const row = db.prepare(`SELECT details FROM lists WHERE id = ?`).pluck().get(listId) as string | null | undefined;
  const next = { ...(row ? (JSON.parse(row) as ListDetails) : {}), ...details };
  db.prepare(`UPDATE lists SET details = ? WHERE id = ?`).run(Object.keys(next).length > 0 ? JSON.stringify(next) : null, listId);
}
