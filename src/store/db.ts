// Opens a project file: checks it is an undamaged Winnow project, refuses newer schemas, backs up and migrates, sets WAL.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import nodePath from 'node:path';
import { WinnowError } from '../api/contract';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
import { backupName, damaged, diskFullError, hasPendingWal, isCorruptionError, isDiskFullError, pruneBackups, QUICK_CHECK_ALWAYS_BYTES, readFileHeader } from './project-file';

export type Db = Database.Database;

/** 'WINN' — marks a SQLite file as a Winnow project so a stray .sqlite file is refused in words. */
export const APPLICATION_ID = 0x57494e4e;

export interface OpenOptions {
  /** Create the file when missing (default false: a missing project is an error). */
  create?: boolean;
  readonly?: boolean;
  /** For tests: stop at this schema version. */
  migrateTo?: number;
  /** For tests: the migrations to apply (default MIGRATIONS). */
  migrations?: readonly Migration[];
  /**
   * How hard to look at an existing file. 'auto' (default): the header, the schema and, for files up to 64 MiB, after an
   * unclean shutdown (frames left in the -wal file) and before an upgrade, PRAGMA quick_check. 'full': quick_check always
   * (the host knows the last session died). 'header': never quick_check.
   */
  check?: 'auto' | 'full' | 'header';
}

/** What the open found out, for the host to report. */
export interface OpenReport {
  /** quick_check ran (and said ok). */
  checked: boolean;
  /** The automatic backup made before an upgrade, if any. */
  backup: string | null;
  /** The schema version the file had before it was opened. */
  fromVersion: number;
}

const reports = new WeakMap<Db, OpenReport>();
/** What openProjectDb did to this connection (checked, backed up). */
export function openReport(db: Db): OpenReport | undefined {
  return reports.get(db);
}

export function openProjectDb(path: string, opts: OpenOptions = {}): Db {
  const exists = fs.existsSync(path);
  if (!exists && !opts.create) {
    throw new WinnowError('FILE_NOT_FOUND', `Project file not found: ${path}`, { path });
  }
  if (exists && fs.statSync(path).isDirectory()) {
    throw new WinnowError('PROJECT_UNREADABLE', `${path} is a folder, not a Winnow project file.`, { path });
  }
  // The header costs one 100-byte read: a file that is not a database, or is cut short, is refused before SQLite sees it.
  const header = exists ? readFileHeader(path) : null;
  if (exists && header === null && !opts.create) {
    throw damaged(path, 'the file is empty (0 bytes), so the project it held is gone');
  }
  const unclean = exists && hasPendingWal(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !opts.create });
  } catch (err) {
    throw new WinnowError('PROJECT_UNREADABLE', `Cannot open project ${path}: ${(err as Error).message}`, { path });
  }
  try {
    checkAndPrepare(db, path, header !== null, opts, unclean, header?.size ?? 0);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof WinnowError) throw err;
    if (isCorruptionError(err)) throw damaged(path, `SQLite reports "${(err as Error).message}"`);
    if (isDiskFullError(err)) throw diskFullError(`Winnow could not write to ${nodePath.basename(path)} while opening it.`, { path });
    throw err;
  }
}

function checkAndPrepare(db: Db, path: string, existed: boolean, opts: OpenOptions, unclean: boolean, size: number): void {
  let version: number;
  let appId: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch (err) {
    if (isCorruptionError(err)) throw damaged(path, `its first page cannot be read (${(err as Error).message})`);
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
  const target = opts.migrateTo ?? SCHEMA_VERSION;
  const upgrading = !empty && version < target && !opts.readonly;
  let checked = false;
  if (!empty) {
    checkSchema(db, path, version);
    const mode = opts.check ?? 'auto';
    if (mode === 'full' || (mode === 'auto' && (unclean || upgrading || size <= QUICK_CHECK_ALWAYS_BYTES))) {
      quickCheck(db, path);
      checked = true;
    }
  }
  const report: OpenReport = { checked, backup: null, fromVersion: empty ? 0 : version };
  reports.set(db, report);
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
  if (upgrading) report.backup = backupBeforeUpgrade(db, path, version);
  try {
    migrate(db, opts.migrations ?? MIGRATIONS, target);
  } catch (err) {
    if (!upgrading) throw err;
    const name = nodePath.basename(path);
    const cause = isDiskFullError(err) ? 'the disk is full' : (err as Error).message;
    throw new WinnowError(
      isDiskFullError(err) ? 'DISK_FULL' : 'PROJECT_UPGRADE_FAILED',
      `Winnow could not upgrade ${name} from project format ${version} to ${target} (${cause}). The project was not changed; ` +
        `a copy made just before the upgrade is at ${report.backup}.`,
      { path, backup: report.backup, fromVersion: version, toVersion: target },
    );
  }
}

/** The tables every Winnow project has had since format 1: a file whose schema lost them is damaged, whatever its header says. */
const CORE_TABLES = ['meta', 'lists', 'records', 'jobs'];

function checkSchema(db: Db, path: string, version: number): void {
  let names: Set<string>;
  try {
    names = new Set((db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  } catch (err) {
    throw damaged(path, `its table of contents cannot be read (${(err as Error).message})`);
  }
  const missing = version >= 1 ? CORE_TABLES.filter((t) => !names.has(t)) : [];
  if (missing.length > 0) throw damaged(path, `its ${missing.join(', ')} table${missing.length > 1 ? 's are' : ' is'} missing`);
}

/** PRAGMA quick_check: every page and record of every table and index is readable and well formed (0.35 s warm, 2.4 s cold on a 1M-row, 390 MB project). */
export function quickCheck(db: Db, path: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  } catch (err) {
    if (isCorruptionError(err)) throw damaged(path, `SQLite could not read it through (${(err as Error).message})`);
    throw err;
  }
  const problems = rows.map((r) => r.quick_check).filter((s) => s !== 'ok');
  if (problems.length > 0) {
    throw damaged(path, `SQLite's check of the file found ${problems.length >= 20 ? '20 or more' : problems.length} problem${problems.length > 1 ? 's' : ''} (the first: ${problems[0]})`, {
      problems,
    });
  }
}

/** Copies the project (as one consistent snapshot, VACUUM INTO) beside it before an upgrade, keeping the newest BACKUPS_KEPT. */
function backupBeforeUpgrade(db: Db, path: string, version: number): string {
  const target = backupName(path, version);
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (err) {
    fs.rmSync(target, { force: true });
    if (isDiskFullError(err)) {
      throw diskFullError(`Winnow needs to copy ${nodePath.basename(path)} before upgrading it to this version's format and there is no room for the copy.`, { path });
    }
    throw new WinnowError('PROJECT_UPGRADE_FAILED', `Winnow could not make a backup of ${nodePath.basename(path)} before upgrading it (${(err as Error).message}); it was not changed.`, { path });
  }
  pruneBackups(path);
  return target;
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

/**
 * Applies every pending migration in one transaction and records the last in user_version: an upgrade that fails at any
 * step leaves the file exactly at the version it had (not half-way), so the app that made it still opens it.
 */
export function migrate(db: Db, migrations: readonly Migration[], target: number): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return from;
  let step: Migration | undefined;
  try {
    db.transaction(() => {
      for (const m of pending) {
        step = m;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
    })();
  } catch (err) {
    // Keep SQLite's code (SQLITE_FULL...) and say which step failed.
    const e = err as Error & { code?: string };
    if (step) e.message = `step ${step.version} "${step.name}": ${e.message}`;
    throw e;
  }
  return pending[pending.length - 1]!.version;
}

/** A second connection for reads (the grid), so a long write job never blocks scrolling. */
export function openReadConnection(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
