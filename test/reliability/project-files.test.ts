// Project files under faults (issue 9.2): damaged, truncated and foreign files refused in words and recovered; a backup
// before every upgrade; newer files refused; two processes on one project; a full disk. Real files and real processes.
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WinnowError, type JobRecord } from '../../src/api/contract';
import { createService, toWinnowError, type WinnowService } from '../../src/service';
import { APPLICATION_ID, openProjectDb, openReport } from '../../src/store/db';
import { finishListImport, insertList } from '../../src/store/lists';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations';
import { acquireProjectLock, lockPathOf } from '../../src/store/project-lock';
import { backupsOf, BACKUPS_KEPT } from '../../src/store/project-file';
import { recoverProject } from '../../src/store/recover';
import { recordWriter } from '../../src/store/records';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RESOURCES = path.join(ROOT, 'resources');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-project-files-'));
let cli = '';
let holder = '';

/** The CLI and the holder, bundled from src/ into a private folder: the suite never depends on (or races with) dist/. */
beforeAll(async () => {
  const dir = path.join(work, 'engine');
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.symlinkSync(RESOURCES, path.join(dir, 'resources'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
  await build({
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    outdir: path.join(dir, 'dist'),
    entryPoints: {
      cli: 'src/cli/main.ts',
      holder: 'test/reliability/project-holder.ts',
      'parse-worker': 'src/jobs/parse-worker.ts',
      'clean-worker': 'src/jobs/clean-worker.ts',
      'match-worker': 'src/jobs/match-worker.ts',
    },
  });
  cli = path.join(dir, 'dist', 'cli.js');
  holder = path.join(dir, 'dist', 'holder.js');
});

const services: WinnowService[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(async () => {
  for (const s of services) await s.close();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});

function service(): WinnowService {
  const s = createService({ host: 'direct', resourcesDir: RESOURCES });
  services.push(s);
  return s;
}

function dir(name: string): string {
  const d = path.join(work, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** A list of n made-up people; row i is deterministic, so a row can be checked against what it should be. */
function makeCsv(file: string, n: number, tag = 'a'): string {
  const out = ['First Name,Last Name,Email,Address,City,State,Zip'];
  for (let i = 1; i <= n; i++) {
    const h = crypto.createHash('md5').update(`${tag}${i}`).digest('hex');
    out.push(`Ann${h.slice(0, 5)},Smith${h.slice(5, 11)},ann.${h.slice(11, 19)}@example.com,${i} Main St Apt ${h.slice(19, 22)},Springfield,IL,${String(60000 + (i % 999)).padStart(5, '0')}`);
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
  return file;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function runCli(args: string[]): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function waitJob(s: WinnowService, jobId: string): Promise<JobRecord> {
  return s.invoke('jobs.wait', { jobId });
}

async function caught(p: Promise<unknown> | (() => unknown)): Promise<WinnowError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return toWinnowError(e);
  }
  throw new Error('expected an error');
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const records = (file: string): Map<number, string> => {
  const db = new Database(file, { readonly: true });
  try {
    return new Map((db.prepare(`SELECT id, raw FROM records`).all() as { id: number; raw: string }[]).map((r) => [r.id, r.raw]));
  } finally {
    db.close();
  }
};
const integrity = (file: string): string => {
  const db = new Database(file, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
};

/** A healthy project of 20,000 rows made by the real CLI (about 3 MB, ~200 pages of 16 KiB). */
let healthy = '';
const ROWS = 20_000;
async function healthyProject(): Promise<string> {
  if (healthy) return healthy;
  const d = dir('healthy');
  const csv = makeCsv(path.join(d, 'people.csv'), ROWS);
  const p = path.join(d, 'healthy.winnow');
  const r = runCli(['import', csv, '--project', p, '--name', 'People']);
  expect(r.code, r.stderr).toBe(0);
  healthy = p;
  return p;
}

function copyOf(src: string, name: string): string {
  const p = path.join(dir('damaged'), name);
  fs.copyFileSync(src, p);
  return p;
}

describe('a damaged project file is refused in words, and what can be read is recovered', () => {
  it('refuses a copy with garbage over four pages in the middle, leaves it unchanged, and recovers every other row', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'garbled.winnow');
    const size = fs.statSync(p).size;
    const offset = Math.floor(size / 2 / 16384) * 16384;
    const fd = fs.openSync(p, 'r+');
    fs.writeSync(fd, crypto.randomBytes(4 * 16384), 0, 4 * 16384, offset);
    fs.closeSync(fd);
    const before = sha(p);

    const s = service();
    const err = await caught(s.invoke('project.open', { file: s.registerFile(p, 'read') }));
    expect(err.code).toBe('PROJECT_DAMAGED');
    expect(err.message).toMatch(/^The project garbled\.winnow is damaged: SQLite (could not read it through|'s check of the file found)/);
    expect(err.message).toMatch(/winnow recover --project "garbled\.winnow" --out "garbled-recovered\.winnow"/);
    expect(sha(p)).toBe(before);
    expect(fs.existsSync(lockPathOf(p))).toBe(false);

    const out = path.join(path.dirname(p), 'garbled-recovered.winnow');
    const r = await s.invoke('project.recover', { file: s.registerFile(p, 'read'), out: s.registerFile(out, 'write') });
    expect(sha(p)).toBe(before);
    expect(r.complete).toBe(false);
    const list = r.lists.find((l) => l.name === 'People')!;
    expect(list.rows).toBe(ROWS);
    // Four 16 KiB leaves hold about 500 rows: those are lost, every other row comes back exactly.
    expect(list.recovered).toBeLessThan(ROWS);
    expect(list.recovered).toBeGreaterThan(ROWS * 0.9);
    expect(r.summary.join(' ')).toMatch(/People": [\d,]+ of 20,000 rows recovered/);
    const want = records(original);
    const got = records(out);
    expect(got.size).toBe(list.recovered);
    for (const [id, raw] of got) expect(raw).toBe(want.get(id));
    expect(integrity(out)).toBe('ok');

    // The recovered project opens and shows its rows.
    const info = await s.invoke('project.open', { file: s.registerFile(out, 'read') });
    expect(info.lists.map((l) => [l.name, l.rowCount])).toEqual([['People', ROWS]]);
    const page = await s.invoke('lists.rows', { projectId: info.projectId, listId: info.lists[0]!.id, fromRow: 1, count: 3 });
    expect(page.rows[0]!.cells[0]).toMatch(/^Ann/);
  });

  it('a recent project that is damaged since it was last open is recovered by its recent entry, and the new one opens', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'recent.winnow');
    const s = createService({ host: 'direct', resourcesDir: RESOURCES, dataDir: dir('recent-data') });
    services.push(s);
    const first = await s.invoke('project.open', { file: s.registerFile(p, 'read') });
    await s.invoke('project.close', { projectId: first.projectId });
    const fd = fs.openSync(p, 'r+');
    const offset = Math.floor(fs.statSync(p).size / 2 / 16384) * 16384;
    fs.writeSync(fd, Buffer.alloc(4 * 16384, 0x5a), 0, 4 * 16384, offset);
    fs.closeSync(fd);

    const { items } = await s.invoke('project.recent', {});
    const entry = items.find((r) => r.location === path.resolve(p))!;
    const err = await caught(s.invoke('project.openRecent', { recentId: entry.recentId }));
    expect(err.code).toBe('PROJECT_DAMAGED');
    expect(err.details).toMatchObject({ path: path.resolve(p), what: expect.stringMatching(/^SQLite/) });

    const both = await caught(s.invoke('project.recover', { file: s.registerFile(p, 'read'), recentId: entry.recentId, out: s.registerFile(path.join(dir('recent-out'), 'x.winnow'), 'write') }));
    expect(both.message).toContain('Give either the damaged file or a recent project.');

    const out = path.join(dir('recent-out'), 'recent-recovered.winnow');
    const r = await s.invoke('project.recover', { recentId: entry.recentId, out: s.registerFile(out, 'write') });
    expect(r.location).toBe(out);
    expect(r.lists[0]!.recovered).toBeGreaterThan(ROWS * 0.9);
    const info = await s.invoke('project.open', { file: r.file });
    expect(info.location).toBe(out);
    expect(info.lists.map((l) => l.name)).toEqual(['People']);
  });

  it('refuses a copy cut to 60 % ("cut short"), and `winnow recover` gets back the rows before the cut', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'cut.winnow');
    const full = fs.statSync(p).size;
    fs.truncateSync(p, Math.floor(full * 0.6));

    const open = runCli(['lists', '--project', p]);
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/cut\.winnow is damaged: it is cut short: the file is [\d.]+ MB but should be [\d.]+ MB/);
    expect(open.stderr).toMatch(/Winnow did not change the file\. To get back everything that can still be read, use Recover project/);

    const out = path.join(path.dirname(p), 'cut-recovered.winnow');
    const r = runCli(['recover', '--project', p, '--out', out]);
    expect(r.code, r.stderr).toBe(1); // 1: something was lost
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Recovered cut\.winnow into cut-recovered\.winnow in [\d.]+ s \(some data was lost\)/);
    expect(r.stdout).toMatch(/list "People": [\d,]+ of 20,000 rows/);
    expect(r.stdout).toMatch(/cut\.winnow was not changed/);
    const got = records(out);
    const want = records(original);
    expect(got.size).toBeGreaterThan(ROWS * 0.3);
    expect(got.size).toBeLessThan(ROWS);
    for (const [id, raw] of got) expect(raw).toBe(want.get(id));
    expect(integrity(out)).toBe('ok');
    expect(runCli(['check', '--project', out]).stdout).toMatch(/cut-recovered\.winnow: ok \(quick check/);
  });

  it('refuses files that are not projects at all, or are empty, and recovery says there is nothing to recover', async () => {
    const d = dir('foreign');
    const s = service();
    const noise = path.join(d, 'noise.winnow');
    fs.writeFileSync(noise, crypto.randomBytes(200_000));
    const text = path.join(d, 'text.winnow');
    fs.writeFileSync(text, 'first,last\nAnn,Smith\n');
    for (const f of [noise, text]) {
      const err = await caught(s.invoke('project.open', { file: s.registerFile(f, 'read') }));
      expect(err.code).toBe('PROJECT_UNREADABLE');
      expect(err.message).toMatch(/is not a Winnow project: it is not a database file at all/);
      const rec = await caught(s.invoke('project.recover', { file: s.registerFile(f, 'read'), out: s.registerFile(path.join(d, 'x.winnow'), 'write') }));
      expect(rec.message).toMatch(/is not a Winnow project file, so there is nothing to recover from it/);
    }
    const empty = path.join(d, 'empty.winnow');
    fs.writeFileSync(empty, '');
    const err = await caught(s.invoke('project.open', { file: s.registerFile(empty, 'read') }));
    expect(err.code).toBe('PROJECT_DAMAGED');
    expect(err.message).toMatch(/the file is empty \(0 bytes\)/);
    expect(fs.statSync(empty).size).toBe(0);
  });

  it('a damaged page found after opening (a big file is not fully checked on open) is reported as PROJECT_DAMAGED, not INTERNAL', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'late.winnow');
    const fd = fs.openSync(p, 'r+');
    const offset = Math.floor(fs.statSync(p).size / 2 / 16384) * 16384;
    fs.writeSync(fd, Buffer.alloc(16384, 0xff), 0, 16384, offset);
    fs.closeSync(fd);
    const db = openProjectDb(p, { check: 'header' });
    try {
      expect(openReport(db)?.checked).toBe(false);
      const err = toWinnowError(
        (() => {
          try {
            db.prepare('SELECT count(*), sum(length(raw)) FROM records').get();
          } catch (e) {
            return e;
          }
          return new Error('read did not fail');
        })(),
        p,
      );
      expect(err.code).toBe('PROJECT_DAMAGED');
      expect(err.message).toMatch(/late\.winnow is damaged: SQLite reports "database disk image is malformed"/);
    } finally {
      db.close();
    }
  });
});

/** A project as the format-1 code left it (the schema of that version, written with its repository functions). */
function makeV1Project(p: string): void {
  const db = openProjectDb(p, { create: true, migrateTo: 1 });
  const listId = insertList(db, { name: 'Old list', role: 'customers', sourceFile: 'old.csv', sourceSize: 1, columns: [{ index: 0, name: 'Name' }], format: null }, '2024-01-02T03:04:05.000Z');
  recordWriter(db, listId)(1, [JSON.stringify(['José']), JSON.stringify(['Zoë'])], [2, 3]);
  finishListImport(db, listId, 2, 'abc');
  db.close();
}

const dump = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name, sql FROM sqlite_schema ORDER BY name`).all() as { name: string; sql: string }[]).map((t) => `${t.name}:${t.sql}`);
    return { tables, version: db.pragma('user_version', { simple: true }), records: db.prepare(`SELECT id, raw FROM records ORDER BY id`).all() };
  } finally {
    db.close();
  }
};

describe('an automatic backup before each upgrade', () => {
  it('copies a format-1 project to P.winnow.backup-v1-<time> before upgrading it, and keeps the newest three', async () => {
    const d = dir('upgrade');
    const p = path.join(d, 'old.winnow');
    makeV1Project(p);
    const v1 = dump(p);
    // Three backups of earlier upgrades, older than the one about to be made.
    for (let i = 0; i < 3; i++) {
      const f = `${p}.backup-v0-2025-01-0${i + 1}T00-00-00Z`;
      fs.copyFileSync(p, f);
      fs.utimesSync(f, new Date(2025, 0, i + 1), new Date(2025, 0, i + 1));
    }
    const s = service();
    const info = await s.invoke('project.open', { file: s.registerFile(p, 'read') });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    const backups = backupsOf(p);
    expect(backups).toHaveLength(BACKUPS_KEPT);
    expect(path.basename(backups[0]!)).toMatch(/^old\.winnow\.backup-v1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(backups.map((b) => path.basename(b)).slice(1)).toEqual(['old.winnow.backup-v0-2025-01-03T00-00-00Z', 'old.winnow.backup-v0-2025-01-02T00-00-00Z']);
    // The backup is the format-1 project as it was: same schema, same rows, still a Winnow project.
    expect(dump(backups[0]!)).toEqual(v1);
    const b = new Database(backups[0]!, { readonly: true });
    expect(b.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    b.close();
    await s.invoke('project.close', { projectId: info.projectId });
    // Opening the upgraded project again makes no new backup.
    const again = await s.invoke('project.open', { file: s.registerFile(p, 'read') });
    expect(backupsOf(p)).toEqual(backups);
    await s.invoke('project.close', { projectId: again.projectId });
  });

  it('a failing upgrade leaves the file at its old format with its data, and the error says where the backup is', async () => {
    const d = dir('upgrade-fails');
    const p = path.join(d, 'old.winnow');
    makeV1Project(p);
    const v1 = dump(p);
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken step', sql: 'CREATE TABLE half_done (a); INSERT INTO no_such_table VALUES (1);' }];
    const err = await caught(() => openProjectDb(p, { migrations: broken, migrateTo: SCHEMA_VERSION + 1 }));
    expect(err.code).toBe('PROJECT_UPGRADE_FAILED');
    const backup = backupsOf(p)[0]!;
    expect(err.message).toBe(
      `Winnow could not upgrade old.winnow from project format 1 to ${SCHEMA_VERSION + 1} (step ${SCHEMA_VERSION + 1} "broken step": no such table: no_such_table). ` +
        `The project was not changed; a copy made just before the upgrade is at ${backup}.`,
    );
    expect(err.details).toMatchObject({ backup, fromVersion: 1 });
    // Not half-way: none of migrations 2..N stayed, although they succeeded before the broken one.
    expect(dump(p)).toEqual(v1);
    expect(dump(backup)).toEqual(v1);
    expect(integrity(p)).toBe('ok');
    // The app opens it normally afterwards.
    const db = openProjectDb(p);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});

describe('a project saved by a newer Winnow', () => {
  it('is refused in words by the app and the CLI, untouched, with no backup and no lock left behind', async () => {
    const d = dir('newer');
    const p = path.join(d, 'future.winnow');
    const db = openProjectDb(p, { create: true });
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha(p);
    const s = service();
    const err = await caught(s.invoke('project.open', { file: s.registerFile(p, 'read') }));
    expect(err.code).toBe('PROJECT_TOO_NEW');
    expect(err.message).toBe(
      `This project was saved by a newer version of Winnow (project format ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}). Update Winnow to open it.`,
    );
    const r = runCli(['lists', '--project', p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/saved by a newer version of Winnow/);
    expect(sha(p)).toBe(before);
    expect(backupsOf(p)).toEqual([]);
    expect(fs.existsSync(lockPathOf(p))).toBe(false);
  });
});

interface Holder {
  child: ChildProcessWithoutNullStreams;
  /** The first line: "OPEN pid projectId" or "ERROR {json}". */
  first: Promise<string>;
  exit: Promise<number | null>;
}
function hold(projectPath: string): Holder {
  const child = spawn(process.execPath, [holder, projectPath, RESOURCES], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  // A holder that refused the project exits by itself; a close sent just as it goes must not fail the run.
  child.stdin.on('error', () => undefined);
  let out = '';
  const first = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`holder exited (${code}) before answering: ${out}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, first, exit };
}

describe('two Winnow processes and one project', () => {
  it('the second opener (another process, the CLI, this process) gets "already open in another Winnow window (process N)"', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'shared.winnow');
    const a = hold(p);
    const line = await a.first;
    expect(line).toMatch(/^OPEN \d+ /);
    const pid = Number(line.split(' ')[1]);
    expect(pid).toBe(a.child.pid);
    const lock = JSON.parse(fs.readFileSync(lockPathOf(p), 'utf8')) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid, host: os.hostname() });

    const b = hold(p);
    expect(await b.first).toMatch(/^ERROR /);
    const bErr = JSON.parse((await b.first).slice(6)) as { code: string; message: string; details: { pid: number } };
    expect(bErr.code).toBe('PROJECT_LOCKED');
    expect(bErr.message).toBe(
      `shared.winnow is already open in another Winnow window (process ${pid} since ${bErr.message.match(/since (\S+ \S+) UTC/)![1]} UTC). Two windows writing to one project could damage it. Close it there first, or switch to that window.`,
    );
    expect(bErr.details.pid).toBe(pid);
    expect(await b.exit).toBe(3);

    const c = runCli(['import', makeCsv(path.join(work, 'more.csv'), 10, 'm'), '--project', p]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(new RegExp(`shared\\.winnow is already open in another Winnow window \\(process ${pid} since`));

    const s = service();
    const err = await caught(s.invoke('project.open', { file: s.registerFile(p, 'read') }));
    expect(err.code).toBe('PROJECT_LOCKED');

    // Once the first one closes, the others get in.
    a.child.stdin.end('close\n');
    expect(await a.exit).toBe(0);
    expect(fs.existsSync(lockPathOf(p))).toBe(false);
    const d = runCli(['import', path.join(work, 'more.csv'), '--project', p]);
    expect(d.code, d.stderr).toBe(0);
    expect(integrity(p)).toBe('ok');
  });

  it('of processes started together, exactly one gets the project each time', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'race.winnow');
    for (let round = 0; round < 3; round++) {
      const hs = [hold(p), hold(p), hold(p)];
      const lines = await Promise.all(hs.map((h) => h.first));
      expect(lines.filter((l) => l.startsWith('OPEN'))).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('ERROR') && l.includes('PROJECT_LOCKED'))).toHaveLength(2);
      // The two refused holders exit on their own (code 3); only the one that holds the project is told to close.
      hs[lines.findIndex((l) => l.startsWith('OPEN'))]!.child.stdin.end('close\n');
      expect(await Promise.all(hs.map((h) => h.exit))).toEqual(lines.map((l) => (l.startsWith('OPEN') ? 0 : 3)));
      expect(fs.existsSync(lockPathOf(p))).toBe(false);
    }
  });

  it('a lock left by a killed process is taken over, and the project gets the full check', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'killed.winnow');
    const a = hold(p);
    expect(await a.first).toMatch(/^OPEN /);
    a.child.kill('SIGKILL');
    await a.exit;
    expect(fs.existsSync(lockPathOf(p))).toBe(true);
    const lock = acquireProjectLock(p);
    expect(lock.tookOverStale).toBe(true);
    lock.release();
    fs.writeFileSync(lockPathOf(p), JSON.stringify({ pid: a.child.pid, host: os.hostname(), started: null, openedAt: new Date().toISOString(), nonce: 'x', app: 'Winnow' }));
    const b = hold(p);
    expect(await b.first).toMatch(/^OPEN /);
    b.child.stdin.end('close\n');
    expect(await b.exit).toBe(0);
    expect(integrity(p)).toBe('ok');
  });

  it('a lock of another computer is refused with what to do; a garbled old lock is taken over', async () => {
    const original = await healthyProject();
    const p = copyOf(original, 'elsewhere.winnow');
    fs.writeFileSync(lockPathOf(p), JSON.stringify({ pid: 4242, host: 'office-pc', started: null, openedAt: '2026-11-20T09:30:00.000Z', nonce: 'n', app: 'Winnow' }));
    const s = service();
    const err = await caught(s.invoke('project.open', { file: s.registerFile(p, 'read') }));
    expect(err.code).toBe('PROJECT_LOCKED');
    expect(err.message).toBe(
      'elsewhere.winnow is already open in Winnow on the computer "office-pc" (process 4242 since 2026-11-20 09:30 UTC). Two windows writing to one project could damage it. ' +
        'Close it there first. If Winnow is not running there (for example the file was copied while it was open), delete elsewhere.winnow.lock next to the project and try again.',
    );
    fs.writeFileSync(lockPathOf(p), '\0\0garbage');
    fs.utimesSync(lockPathOf(p), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const info = await s.invoke('project.open', { file: s.registerFile(p, 'read') });
    expect(JSON.parse(fs.readFileSync(lockPathOf(p), 'utf8'))).toMatchObject({ pid: process.pid });
    await s.invoke('project.close', { projectId: info.projectId });
    expect(fs.existsSync(lockPathOf(p))).toBe(false);
  });
});

/** A small file system that really fills up (tmpfs), when this machine lets us mount one. */
function mountSmallDisk(mb: number): string | null {
  if (process.platform !== 'linux' || process.env.WINNOW_TEST_NO_MOUNT) return null;
  const mnt = dir('small-disk');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', mnt], { encoding: 'utf8' });
  return r.status === 0 ? mnt : null;
}

describe('a project on a full disk', () => {
  it('an import and a clean that fill the disk fail with DISK_FULL in words; the project keeps what it had and says the jobs failed', async () => {
    const mnt = mountSmallDisk(4);
    if (!mnt) {
      // No mount here (an unprivileged container): SQLite's max_page_count makes the file "full" at the same place.
      const p = path.join(dir('max-pages'), 'full.winnow');
      const s = service();
      const info = await s.invoke('project.create', { file: s.registerFile(p, 'write') });
      const ok = await waitJob(s, (await s.invoke('import.start', { projectId: info.projectId, file: s.registerFile(makeCsv(path.join(work, 'small.csv'), 2000, 's'), 'read') })).jobId);
      expect(ok.status).toBe('done');
      await s.invoke('project.close', { projectId: info.projectId });
      const db = openProjectDb(p);
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + 20}`);
      const err = toWinnowError(
        (() => {
          try {
            db.transaction(() => {
              for (let i = 0; i < 5000; i++) db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(`k${i}`, 'x'.repeat(1000));
            })();
          } catch (e) {
            return e;
          }
          return new Error('did not fill');
        })(),
      );
      db.close();
      expect(err.code).toBe('DISK_FULL');
      expect(err.message).toMatch(/^The disk is full: /);
      expect(integrity(p)).toBe('ok');
      return;
    }
    const s = service();
    try {
      const p = path.join(mnt, 'full.winnow');
      const info = await s.invoke('project.create', { file: s.registerFile(p, 'write') });
      const small = makeCsv(path.join(work, 'small.csv'), 2000, 's');
      const big = makeCsv(path.join(work, 'big.csv'), 60_000, 'b');
      const ok = await waitJob(s, (await s.invoke('import.start', { projectId: info.projectId, file: s.registerFile(small, 'read'), name: 'Small' })).jobId);
      expect(ok.status).toBe('done');
      const listId = (ok.result as { listId: number }).listId;
      const rowsBefore = records(p);
      expect(rowsBefore.size).toBe(2000);

      // Fill the disk up to the last 64 KiB, then clean: its results do not fit.
      const filler = path.join(mnt, 'filler');
      const free = () => Number(fs.statfsSync(mnt).bavail) * Number(fs.statfsSync(mnt).bsize);
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 64 * 1024)));
      const clean = await waitJob(s, (await s.invoke('clean.start', { projectId: info.projectId, listId })).jobId);
      expect(clean.status).toBe('failed');
      expect(clean.error?.code).toBe('DISK_FULL');
      expect(clean.error?.message).toMatch(/^The disk is full: .*Nothing of this step was saved; the project is as it was before it\. Free some space/);
      fs.rmSync(filler);

      // A list far bigger than the disk.
      const imp = await waitJob(s, (await s.invoke('import.start', { projectId: info.projectId, file: s.registerFile(big, 'read'), name: 'Big' })).jobId);
      expect(imp.status).toBe('failed');
      expect(imp.error?.code).toBe('DISK_FULL');
      expect(imp.error?.message).toMatch(/^The disk is full: /);

      // Still open and whole: one list, its rows, no clean; the check passes; both failures are in the history.
      expect((await s.invoke('project.check', { projectId: info.projectId, integrity: true })).ok).toBe(true);
      const now = await s.invoke('project.info', { projectId: info.projectId });
      expect(now.lists.map((l) => [l.name, l.rowCount, l.clean])).toEqual([['Small', 2000, null]]);
      await s.invoke('project.close', { projectId: info.projectId });

      // Reopened by a new process: the same, with the job records saying what failed.
      expect(integrity(p)).toBe('ok');
      const s2 = service();
      const again = await s2.invoke('project.open', { file: s2.registerFile(p, 'read') });
      expect(again.lists.map((l) => [l.name, l.rowCount])).toEqual([['Small', 2000]]);
      expect(records(p)).toEqual(rowsBefore);
      expect((await s2.invoke('lists.rows', { projectId: again.projectId, listId, fromRow: 1999, count: 2 })).rows.map((r) => r.rowNo)).toEqual([1999, 2000]);
      const { jobs } = await s2.invoke('jobs.history', { projectId: again.projectId });
      expect(jobs.map((j) => [j.kind, j.status, j.error?.code ?? null])).toEqual([
        ['import', 'failed', 'DISK_FULL'],
        ['clean', 'failed', 'DISK_FULL'],
        ['import', 'done', null],
      ]);
      await s2.close();
    } finally {
      await s.close();
      spawnSync('umount', ['-l', mnt]);
    }
  });
});

describe('recovery is not needed for a healthy file', () => {
  it('recovers a healthy project completely, and recover refuses to write over an existing file', async () => {
    const original = await healthyProject();
    const out = path.join(dir('healthy-recover'), 'copy.winnow');
    const r = recoverProject(original, out);
    expect(r.complete).toBe(true);
    expect(r.summary[0]).toBe('Every row of healthy.winnow was read and copied; nothing was lost.');
    expect(records(out)).toEqual(records(original));
    const err = await caught(() => recoverProject(original, out));
    expect(err.message).toBe('copy.winnow already exists; choose a new name for the recovered project.');
  });
});
