// Opens a project file: checks it is a Winnow project, refuses newer schemas, applies migrations, sets WAL.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { WinnowError } from '../api/contract';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export type Db = Database.Database;

/** 'WINN' — marks a SQLite file as a Winnow project so a stray .sqlite file is refused in words. */
export const APPLICATION_ID = 0x57494e4e;

export interface OpenOptions {
  /** Create the file when missing (default false: a missing project is an error). */
  create?: boolean;
  readonly?: boolean;
  /** For tests: stop at this schema version. */
  migrateTo?: number;
}

export function openProjectDb(path: string, opts: OpenOptions = {}): Db {
  const exists = fs.existsSync(path);
  if (!exists && !opts.create) {
    throw new WinnowError('FILE_NOT_FOUND', `Project file not found: ${path}`, { path });
  }
  if (exists && fs.statSync(path).isDirectory()) {
    throw new WinnowError('PROJECT_UNREADABLE', `${path} is a folder, not a Winnow project file.`, { path });
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !opts.create });
  } catch (err) {
    throw new WinnowError('PROJECT_UNREADABLE', `Cannot open project ${path}: ${(err as Error).message}`, { path });
  }
  try {
    checkAndPrepare(db, path, exists, opts);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function checkAndPrepare(db: Db, path: string, existed: boolean, opts: OpenOptions): void {
  let version: number;
  let appId: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch (err) {
    throw new WinnowError('PROJECT_UNREADABLE', `${path} is not a Winnow project (${(err as Error).message}).`, { path });
  }
  const empty = !existed || (version === 0 && appId === 0 && tableCount(db) === 0);
  if (!empty && appId !== APPLICATION_ID) {
    throw new WinnowError('PROJECT_UNREADABLE', `${path} is a SQLite database but not a Winnow project.`, { path });
  }
  if (version > SCHEMA_VERSION) {
    throw new WinnowError(
      'PROJECT_TOO_NEW',
      `This project was saved by a newer version of Winnow (project format ${version}; this version reads up to ${SCHEMA_VERSION}). Update Winnow to open it.`,
      { path, version, supported: SCHEMA_VERSION },
    );
  }
  if (opts.readonly) return;
  // 16 KiB pages: rows are ~150-byte JSON arrays; bigger pages halve B-tree work on million-row imports (measured).
  // page_size only takes effect before the first table exists and before WAL is on.
  if (empty) db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // A 64 MiB page cache keeps a large import's pages in memory until commit instead of spilling them early.
  db.pragma('cache_size = -65536');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (empty) db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, MIGRATIONS, opts.migrateTo ?? SCHEMA_VERSION);
}

/**
 * Bulk jobs write with multi-row INSERTs inside one long transaction, for which SQLite keeps a statement journal (the
 * pages each statement changed, in case it fails half-way). In memory that is a copy; in the default temp file it was
 * a 16 KiB write per page per statement: 55,000 writes in a million-row clean (strace). Sorts and temporary tables
 * would also stay in memory, so it is only on while such a job runs (outside any transaction).
 */
export function statementJournalInMemory(db: Db, on: boolean): void {
  db.pragma(`temp_store = ${on ? 'MEMORY' : 'DEFAULT'}`);
}

function tableCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n;
}

/** Applies each pending migration in its own transaction and records it in user_version. */
export function migrate(db: Db, migrations: readonly Migration[], target: number): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}

/** A second connection for reads (the grid), so a long write job never blocks scrolling. */
export function openReadConnection(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
