// The project file as a file: its SQLite header read without SQLite, the integrity check, backups before upgrades, and
// SQLite's damage and disk-full errors said in words.
import fs from 'node:fs';
import path from 'node:path';
import { WinnowError } from '../api/contract';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Files up to this size get PRAGMA quick_check on every open (about 0.3 s cold); bigger ones only after a crash or before an upgrade. */
export const QUICK_CHECK_ALWAYS_BYTES = 64 * 1024 * 1024;

/** How many automatic backups made before upgrades are kept beside a project (the newest ones). */
export const BACKUPS_KEPT = 3;

export interface FileHeader {
  size: number;
  pageSize: number;
  /** The database size the header records, when SQLite would trust it (change counter = version-valid-for). */
  pageCount: number | null;
  userVersion: number;
  applicationId: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** A -wal file with frames in it: the last session did not close the project (or is still running). */
export function hasPendingWal(projectPath: string): boolean {
  try {
    return fs.statSync(projectPath + '-wal').size > 0;
  } catch {
    return false;
  }
}

/**
 * Reads the 100-byte SQLite header and the file size: costs one small read, so it runs on every open. Returns null for
 * an empty (0-byte) file. Throws PROJECT_UNREADABLE for a file that is not a database at all, PROJECT_DAMAGED for a
 * header that is cut off or a file shorter than its header says (a copy or download that stopped early).
 */
export function readFileHeader(projectPath: string): FileHeader | null {
  const name = path.basename(projectPath);
  const size = fs.statSync(projectPath).size;
  if (size === 0) return null;
  const head = Buffer.alloc(100);
  const fd = fs.openSync(projectPath, 'r');
  let got: number;
  try {
    got = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  const start = head.subarray(0, Math.min(got, MAGIC.length));
  if (!start.equals(MAGIC.subarray(0, start.length))) {
    throw new WinnowError('PROJECT_UNREADABLE', `${name} is not a Winnow project: it is not a database file at all. Choose the .winnow file of your project.`, {
      path: projectPath,
    });
  }
  if (got < 100) throw damaged(projectPath, `it is only ${size} bytes long, so most of it is missing`);
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw damaged(projectPath, 'its first bytes (the database header) are garbled');
  const changeCounter = head.readUInt32BE(24);
  const headerPages = head.readUInt32BE(28);
  const validFor = head.readUInt32BE(92);
  const pageCount = headerPages > 0 && changeCounter === validFor ? headerPages : null;
  // With frames waiting in the -wal file the header may be older than the data, so the size is judged only without one.
  if (pageCount !== null && !hasPendingWal(projectPath) && size < pageCount * pageSize) {
    throw damaged(projectPath, `it is cut short: the file is ${mb(size)} but should be ${mb(pageCount * pageSize)} (this happens when a copy, download or sync stops early)`);
  }
  return { size, pageSize, pageCount, userVersion: head.readUInt32BE(60), applicationId: head.readUInt32BE(68) };
}

/** The automatic backups of a project, newest first. */
export function backupsOf(projectPath: string): string[] {
  const dir = path.dirname(projectPath);
  const prefix = path.basename(projectPath) + '.backup-';
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && !f.endsWith('-wal') && !f.endsWith('-shm') && !f.endsWith('-journal'));
  } catch {
    return [];
  }
  // The name ends in an ISO time, so names of one version sort by time; the mtime orders backups of different versions.
  return names
    .map((f) => path.join(dir, f))
    .map((p) => ({ p, t: fs.statSync(p).mtimeMs }))
    .sort((a, b) => b.t - a.t || b.p.localeCompare(a.p))
    .map((x) => x.p);
}

/** `P.winnow.backup-v9-2026-11-25T03-04-05Z` (no colons: Windows forbids them in file names). */
export function backupName(projectPath: string, version: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  let candidate = `${projectPath}.backup-v${version}-${stamp}`;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${projectPath}.backup-v${version}-${stamp}-${n}`;
  return candidate;
}

/** Removes all but the newest `keep` automatic backups of a project. */
export function pruneBackups(projectPath: string, keep = BACKUPS_KEPT): void {
  for (const old of backupsOf(projectPath).slice(keep)) fs.rmSync(old, { force: true });
}

/** What to tell the user to do with a damaged project: recover it, or open the newest backup. */
export function recoveryAdvice(projectPath: string): string {
  const name = path.basename(projectPath);
  const backups = backupsOf(projectPath);
  const backup = backups.length > 0 ? ` Or open the automatic backup ${path.basename(backups[0]!)} in the same folder (it holds the project as it was before its last upgrade).` : '';
  return (
    `Winnow did not change the file. To get back everything that can still be read, use Recover project ` +
    `(winnow recover --project "${name}" --out "${name.replace(/\.winnow$/i, '')}-recovered.winnow"): it copies every readable list and record into a new project and says what was lost.${backup}`
  );
}

export function damaged(projectPath: string, what: string, details: Record<string, unknown> = {}): WinnowError {
  return new WinnowError('PROJECT_DAMAGED', `The project ${path.basename(projectPath)} is damaged: ${what}. ${recoveryAdvice(projectPath)}`, {
    path: projectPath,
    /** What is wrong, without the advice (the app offers Recover project itself). */
    what,
    backups: backupsOf(projectPath),
    ...details,
  });
}

/** SQLite's result codes for a damaged or foreign file. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** SQLite's SQLITE_FULL, or the file system's ENOSPC / EDQUOT (an export, a backup). */
export function isDiskFullError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

export function diskFullError(what: string, details: Record<string, unknown> = {}): WinnowError {
  return new WinnowError(
    'DISK_FULL',
    `The disk is full: ${what} Nothing of this step was saved; the project is as it was before it. Free some space on the disk (or move the project to a disk with room) and try again.`,
    details,
  );
}
