// Recovery of a damaged project: every row SQLite can still read, table by table, copied into a new project file.
// SQLite's own `.recover` (the sqlite3 shell's dbdata extension) is not in better-sqlite3, so this reads by rowid and
// steps over the pages that cannot be read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WinnowError, type RecoverResult } from '../api/contract';
import { openProjectDb, type Db } from './db';
import { SCHEMA_VERSION } from './migrations';
import { isCorruptionError, readFileHeader } from './project-file';

const BATCH = 500;
const MAX_ROWID = 2 ** 53;

interface Column {
  name: string;
  pk: number;
  type: string;
  hidden: number;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function columnsOf(db: Db, table: string): Column[] {
  return db.prepare(`SELECT name, pk, type, hidden FROM pragma_table_xinfo(?)`).all(table) as Column[];
}

/**
 * Copies what can be read of `sourcePath` into a new project at `outPath` (which must not exist). The damaged file is
 * never written: it is copied to a temporary folder first (with its -wal), and SQLite reads the copy.
 */
export function recoverProject(sourcePath: string, outPath: string): RecoverResult {
  const started = performance.now();
  const name = path.basename(sourcePath);
  if (!fs.existsSync(sourcePath)) throw new WinnowError('FILE_NOT_FOUND', `Project file not found: ${sourcePath}`, { path: sourcePath });
  if (fs.existsSync(outPath)) {
    throw new WinnowError('INVALID_INPUT', `${path.basename(outPath)} already exists; choose a new name for the recovered project.`, { path: outPath });
  }
  try {
    readFileHeader(sourcePath);
  } catch (err) {
    // A file cut short can still give back what it holds; a file that is not a database holds nothing to recover.
    if (!(err instanceof WinnowError) || err.code !== 'PROJECT_DAMAGED') {
      throw new WinnowError('PROJECT_UNREADABLE', `${name} is not a Winnow project file, so there is nothing to recover from it.`, { path: sourcePath });
    }
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-recover-'));
  const copy = path.join(work, 'source.winnow');
  const tmpOut = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.recovering`);
  let src: Db | null = null;
  let dst: Db | null = null;
  try {
    fs.copyFileSync(sourcePath, copy);
    if (fs.existsSync(sourcePath + '-wal')) fs.copyFileSync(sourcePath + '-wal', copy + '-wal');
    fitHeaderToFile(copy);
    try {
      src = new Database(copy, { fileMustExist: true });
      // Checks each cell's size against its page as it is read, so garbled cells fail instead of being misread.
      src.pragma('cell_size_check = ON');
    } catch (err) {
      throw new WinnowError('PROJECT_UNREADABLE', `${name} cannot be opened at all (${(err as Error).message}); nothing can be recovered from it.`, { path: sourcePath });
    }
    let srcTables: Map<string, string>;
    let version = 0;
    try {
      srcTables = new Map(
        (src.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
      );
      version = src.pragma('user_version', { simple: true }) as number;
    } catch (err) {
      throw new WinnowError(
        'PROJECT_UNREADABLE',
        `The table of contents of ${name} cannot be read (${(err as Error).message}), so Winnow cannot tell which data is where: nothing can be recovered from it. Open an automatic backup (${name}.backup-…) if there is one.`,
        { path: sourcePath },
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new WinnowError('PROJECT_TOO_NEW', `${name} was saved by a newer version of Winnow (project format ${version}); recover it with that version.`, { path: sourcePath });
    }

    fs.rmSync(tmpOut, { force: true });
    dst = openProjectDb(tmpOut, { create: true });
    dst.pragma('foreign_keys = OFF');
    const dstTables = dst.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`).all() as { name: string; sql: string }[];
    const tables: RecoverResult['tables'] = [];
    const unreadable: string[] = [];
    dst.exec('BEGIN');
    for (const t of dstTables) {
      if (!srcTables.has(t.name)) continue;
      let srcCols: Column[];
      try {
        srcCols = columnsOf(src, t.name);
      } catch {
        unreadable.push(t.name);
        tables.push({ name: t.name, copied: 0, lost: true, note: 'could not be read at all' });
        continue;
      }
      const dstCols = columnsOf(dst, t.name).filter((c) => c.hidden === 0);
      const have = new Set(srcCols.filter((c) => c.hidden === 0).map((c) => c.name));
      const cols = dstCols.filter((c) => have.has(c.name)).map((c) => c.name);
      const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*;?\s*$/i.test(t.sql);
      const result = withoutRowid ? copyScan(src, dst, t.name, cols) : copyByRowid(src, dst, t.name, cols, dstCols);
      if (result.copied === 0 && result.lost && result.firstError) unreadable.push(t.name);
      tables.push({ name: t.name, copied: result.copied, lost: result.lost, ...(result.note ? { note: result.note } : {}) });
    }
    const summary: string[] = [];
    // Records whose list row was lost get a stand-in list, so they can be seen and exported.
    const orphanLists = dst.prepare(`SELECT DISTINCT id >> 32 AS listId FROM records WHERE (id >> 32) NOT IN (SELECT id FROM lists)`).all() as { listId: number }[];
    for (const { listId } of orphanLists) {
      const stats = dst.prepare(`SELECT max(id & 4294967295) AS last FROM records WHERE id BETWEEN ? AND ?`).get(listId * 2 ** 32, listId * 2 ** 32 + 4294967295) as { last: number };
      let width = 1;
      for (const r of dst.prepare(`SELECT raw FROM records WHERE id BETWEEN ? AND ? LIMIT 200`).all(listId * 2 ** 32, listId * 2 ** 32 + 4294967295) as { raw: string }[]) {
        try {
          width = Math.max(width, (JSON.parse(r.raw) as unknown[]).length);
        } catch {
          /* a garbled row does not decide the width */
        }
      }
      const columns = Array.from({ length: width }, (_, i) => ({ index: i, name: `Column ${i + 1}` }));
      dst
        .prepare(`INSERT INTO lists (id, name, role, imported_at, row_count, columns) VALUES (?, ?, 'prospects', ?, ?, ?)`)
        .run(listId, `Recovered list ${listId}`, new Date().toISOString(), stats.last, JSON.stringify(columns));
      summary.push(`The details of list ${listId} (its name, role and column names) were lost; its records are in "Recovered list ${listId}" with columns named Column 1, Column 2, ….`);
    }
    // Rows that point at something lost (a problem of a lost list, a pair of a lost run) would break the project's rules.
    for (const t of dstTables) {
      const fks = dst.prepare(`SELECT "table" AS parent, "from" AS col, "to" AS target FROM pragma_foreign_key_list(?)`).all(t.name) as { parent: string; col: string; target: string | null }[];
      for (const fk of fks) {
        const target = fk.target ?? 'rowid';
        const removed = dst.prepare(`DELETE FROM ${q(t.name)} WHERE ${q(fk.col)} IS NOT NULL AND ${q(fk.col)} NOT IN (SELECT ${q(target)} FROM ${q(fk.parent)})`).run().changes;
        if (removed > 0) {
          const entry = tables.find((x) => x.name === t.name);
          if (entry) {
            entry.copied -= removed;
            entry.lost = true;
            entry.note = `${entry.note ? entry.note + '; ' : ''}${removed} row(s) dropped: what they belonged to in ${fk.parent} was lost`;
          }
        }
      }
    }
    const lists = (dst.prepare(`SELECT id, name, row_count AS rows FROM lists ORDER BY id`).all() as { id: number; name: string; rows: number }[]).map((l) => {
      const { n } = dst!.prepare(`SELECT count(*) AS n FROM records WHERE id BETWEEN ? AND ?`).get(l.id * 2 ** 32, l.id * 2 ** 32 + 4294967295) as { n: number };
      return { listId: l.id, name: l.name, rows: l.rows, recovered: n };
    });
    for (const l of lists) {
      if (l.recovered >= l.rows) continue;
      // Its clean counts were worked out over rows that are gone: the list shows as not cleaned until cleaned again.
      dst.prepare(`DELETE FROM list_clean WHERE list_id = ?`).run(l.listId);
      summary.push(`List "${l.name}": ${l.recovered.toLocaleString('en-US')} of ${l.rows.toLocaleString('en-US')} rows recovered; ${(l.rows - l.recovered).toLocaleString('en-US')} were in damaged parts of the file. Clean it again before mailing.`);
    }
    dst.exec(`UPDATE jobs SET status = 'interrupted', finished_at = '${new Date().toISOString()}' WHERE status = 'running'`);
    dst.exec('COMMIT');
    dst.pragma('foreign_keys = ON');
    const check = dst.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new WinnowError('INTERNAL', `The recovered project did not pass SQLite's check (${String(check)}); it was not kept.`);
    dst.close();
    dst = null;
    for (const suffix of ['-wal', '-shm']) fs.rmSync(tmpOut + suffix, { force: true });
    fs.renameSync(tmpOut, outPath);

    const lostTables = tables.filter((t) => t.lost);
    const complete = lostTables.length === 0 && unreadable.length === 0;
    if (complete) summary.unshift(`Every row of ${name} was read and copied; nothing was lost.`);
    else {
      const other = lostTables.filter((t) => t.name !== 'records').map((t) => `${t.name} (${t.note ?? 'some rows lost'})`);
      if (other.length > 0) summary.push(`Also lost in part: ${other.join(', ')}.`);
    }
    summary.push(`The recovered project is ${path.basename(outPath)}; ${name} was not changed.`);
    return { location: outPath, tables, lists, unreadable, complete, summary, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (dst?.inTransaction) dst.exec('ROLLBACK');
    dst?.close();
    src?.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (!fs.existsSync(outPath) || fs.existsSync(tmpOut)) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmpOut + suffix, { force: true });
  }
}

/**
 * SQLite refuses a whole file that is shorter than the page count in its header (it would have to trust the header or
 * the size). For recovery the pages that are there are what we have: the copy's header is made to say so.
 */
function fitHeaderToFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const head = Buffer.alloc(100);
    if (fs.readSync(fd, head, 0, 100, 0) < 100) return;
    const raw = head.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return;
    const pages = Math.floor(fs.fstatSync(fd).size / pageSize);
    if (head.readUInt32BE(28) <= pages) return;
    head.writeUInt32BE(pages, 28);
    head.writeUInt32BE(head.readUInt32BE(24), 92);
    fs.writeSync(fd, head, 0, 100, 0);
    fs.ftruncateSync(fd, pages * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

interface CopyResult {
  copied: number;
  lost: boolean;
  note?: string;
  firstError?: string;
}

/**
 * Reads a rowid table in rowid order, 500 rows at a time. Where a read fails (a damaged page or row), it finds the first
 * rowid past the damage by doubling steps and then bisecting, so a damaged leaf costs ~100 small probes and its
 * neighbours are kept.
 */
function copyByRowid(src: Db, dst: Db, table: string, cols: string[], dstCols: Column[]): CopyResult {
  const pkCols = dstCols.filter((c) => c.pk > 0);
  const aliasCol = pkCols.length === 1 && pkCols[0]!.type.toUpperCase() === 'INTEGER' ? pkCols[0]!.name : null;
  const selectCols = ['rowid AS "__rowid"', ...cols.map(q)].join(', ');
  const batch = src.prepare(`SELECT ${selectCols} FROM ${q(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`);
  const one = src.prepare(`SELECT ${selectCols} FROM ${q(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`);
  const insertCols = aliasCol ? cols : ['rowid', ...cols];
  const insert = dst.prepare(`INSERT OR IGNORE INTO ${q(table)} (${insertCols.map((c) => (c === 'rowid' ? 'rowid' : q(c))).join(', ')}) VALUES (${insertCols.map(() => '?').join(', ')})`);
  const put = (row: Record<string, unknown>) => {
    const values = insertCols.map((c) => (c === 'rowid' ? row.__rowid : row[c]));
    try {
      return insert.run(values).changes;
    } catch {
      return 0;
    }
  };
  let copied = 0;
  let skippedRanges = 0;
  let rejected = 0;
  let firstError: string | undefined;
  let after = -MAX_ROWID;
  const readable = (from: number): boolean => {
    try {
      one.get(from);
      return true;
    } catch (err) {
      if (!isCorruptionError(err)) throw err;
      return false;
    }
  };
  for (;;) {
    let rows: Record<string, unknown>[];
    try {
      rows = batch.all(after) as Record<string, unknown>[];
    } catch (err) {
      if (!isCorruptionError(err)) throw err;
      firstError ??= (err as Error).message;
      // Take the readable rows before the damage one by one, then step over it.
      for (;;) {
        let row: Record<string, unknown> | undefined;
        try {
          row = one.get(after + 1) as Record<string, unknown> | undefined;
        } catch {
          break;
        }
        if (!row) return { copied, lost: skippedRanges > 0 || rejected > 0, firstError };
        const n = put(row);
        copied += n;
        rejected += 1 - n;
        after = row.__rowid as number;
      }
      skippedRanges++;
      let lo = after + 1;
      let step = 1;
      let hi = -1;
      while (after + step < MAX_ROWID) {
        step *= 2;
        const probe = after + step;
        if (readable(probe)) {
          hi = probe;
          break;
        }
        lo = probe;
      }
      if (hi < 0) break;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (readable(mid)) hi = mid;
        else lo = mid;
      }
      after = Math.max(after + 1, hi - 1);
      continue;
    }
    if (rows.length === 0) break;
    for (const row of rows) {
      const n = put(row);
      copied += n;
      rejected += 1 - n;
    }
    after = rows[rows.length - 1]!.__rowid as number;
  }
  const notes: string[] = [];
  if (skippedRanges > 0) notes.push(`${skippedRanges} damaged part${skippedRanges > 1 ? 's' : ''} of the table skipped`);
  if (rejected > 0) notes.push(`${rejected} garbled row(s) left out`);
  return { copied, lost: skippedRanges > 0 || rejected > 0, ...(notes.length ? { note: notes.join('; ') } : {}), ...(firstError ? { firstError } : {}) };
}

/** A table without rowids is read in one pass in key order; after a damaged page, the rest of it is lost. */
function copyScan(src: Db, dst: Db, table: string, cols: string[]): CopyResult {
  const insert = dst.prepare(`INSERT OR IGNORE INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  let copied = 0;
  try {
    for (const row of src.prepare(`SELECT ${cols.map(q).join(', ')} FROM ${q(table)}`).raw().iterate() as IterableIterator<unknown[]>) {
      try {
        copied += insert.run(row).changes;
      } catch {
        /* a row that breaks the schema's rules is left out */
      }
    }
    return { copied, lost: false };
  } catch (err) {
    if (!isCorruptionError(err)) throw err;
    return { copied, lost: true, note: `a damaged page ended the read after ${copied} rows`, firstError: (err as Error).message };
  }
}
