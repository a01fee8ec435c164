// One writer per project file across processes: `P.winnow.lock` names the process (pid, computer) that has it open.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WinnowError } from '../api/contract';

interface LockInfo {
  pid: number;
  host: string;
  /** Linux: the process start time in clock ticks since boot (/proc/PID/stat field 22), so a reused pid is not taken for the holder. */
  started: string | null;
  openedAt: string;
  /** Identifies this lock: release removes the file only if it is still ours. */
  nonce: string;
  app: string;
}

export interface ProjectLock {
  path: string;
  /** The lock was left by a process that died (crash, kill, power cut): the project was not closed cleanly. */
  tookOverStale: boolean;
  release(): void;
}

export const lockPathOf = (projectPath: string) => `${projectPath}.lock`;

function procStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether a process with this id runs on this computer (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof v?.pid === 'number' && typeof v.host === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock is gone. A lock of another computer cannot be checked, so it is never stale. */
function isStale(lock: LockInfo): boolean {
  if (lock.host !== os.hostname()) return false;
  if (!processAlive(lock.pid)) return true;
  const started = procStart(lock.pid);
  return lock.started !== null && started !== null && started !== lock.started;
}

/** Creates the lock file with its content in one step (write a temp file, hard-link it in), so no one reads it half-written. */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT on USB sticks): exclusive create, then write.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        fs.writeFileSync(file, content, { flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Takes the project's lock or throws PROJECT_LOCKED naming the holder. A lock whose process is dead (same computer) is
 * taken over and reported as an unclean shutdown. A folder where no file can be written (read-only media) gets no lock:
 * SQLite then refuses to write there itself.
 */
export function acquireProjectLock(projectPath: string, appName = 'Winnow'): ProjectLock {
  const file = lockPathOf(projectPath);
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    started: procStart(process.pid),
    openedAt: new Date().toISOString(),
    nonce: crypto.randomUUID(),
    app: appName,
  };
  const content = JSON.stringify(mine);
  let tookOverStale = false;
  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = createExclusive(file, content);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS') return { path: file, tookOverStale: false, release: () => undefined };
      throw e;
    }
    if (created) break;
    const held = readLock(file);
    let stale: boolean;
    if (held) stale = isStale(held);
    else {
      // Unreadable content: a lock written by a tool we do not know, or garbage left by a crash. Old enough means stale.
      let age: number;
      try {
        age = Date.now() - fs.statSync(file).mtimeMs;
      } catch {
        age = Infinity;
      }
      stale = age > 5000;
    }
    if (!stale || attempt >= 3) throw lockedError(projectPath, held);
    // Rename rather than delete: of two processes taking over the same stale lock, only one rename succeeds.
    const aside = `${file}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    try {
      fs.renameSync(file, aside);
      const moved = readLock(aside);
      // Between reading and renaming, another process may have taken over and written a live lock: put it back.
      if (moved && (!held || moved.nonce !== held.nonce) && !isStale(moved)) {
        try {
          fs.linkSync(aside, file);
        } catch {
          /* someone holds it again; the next attempt will see */
        }
      } else tookOverStale = true;
      fs.rmSync(aside, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return {
    path: file,
    tookOverStale,
    release: () => {
      if (readLock(file)?.nonce === mine.nonce) fs.rmSync(file, { force: true });
    },
  };
}

function lockedError(projectPath: string, held: LockInfo | null): WinnowError {
  const name = path.basename(projectPath);
  const file = path.basename(lockPathOf(projectPath));
  if (!held) {
    return new WinnowError('PROJECT_LOCKED', `${name} is being opened by another Winnow window right now. Try again in a moment.`, { path: projectPath });
  }
  const since = held.openedAt ? ` since ${held.openedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const where =
    held.host === os.hostname()
      ? `already open in another Winnow window (process ${held.pid}${since})`
      : `already open in Winnow on the computer "${held.host}" (process ${held.pid}${since})`;
  const other =
    held.host === os.hostname()
      ? 'Close it there first, or switch to that window.'
      : `Close it there first. If Winnow is not running there (for example the file was copied while it was open), delete ${file} next to the project and try again.`;
  return new WinnowError('PROJECT_LOCKED', `${name} is ${where}. Two windows writing to one project could damage it. ${other}`, {
    path: projectPath,
    pid: held.pid,
    host: held.host,
    openedAt: held.openedAt,
  });
}
