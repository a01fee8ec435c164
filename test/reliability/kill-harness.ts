// Tools for the crash-safety suite: run the real `winnow` process and SIGKILL it, and read a killed project's state.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: a small seeded PRNG, so every run of the suite draws the same kill fractions for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n kill moments as fractions of a job's duration, spread over [from, to]: one random point in each of n equal
 * strata (so they cover the whole job rather than bunching), in a shuffled order.
 */
export function killFractions(seed: number, n: number, from = 0.05, to = 0.95): number[] {
  const r = prng(seed);
  const out = Array.from({ length: n }, (_, i) => from + ((to - from) * (i + r())) / n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A private copy of the built CLI and its workers, so an engine rebuild by another test run cannot swap dist/ under
 * the suite mid-way. resources/ and node_modules/ are linked; dist/cli.js finds resources beside its folder.
 */
export function snapshotEngine(root: string, dir: string): string {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  for (const f of ['cli.js', 'parse-worker.js', 'clean-worker.js', 'match-worker.js']) {
    if (fs.existsSync(path.join(root, 'dist', f))) fs.copyFileSync(path.join(root, 'dist', f), path.join(dir, 'dist', f));
  }
  fs.symlinkSync(path.join(root, 'resources'), path.join(dir, 'resources'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
  return path.join(dir, 'dist', 'cli.js');
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when our SIGKILL ended it (false: it exited on its own before the kill time). */
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node cli.js ...args`; with killAfterMs, sends SIGKILL at that moment (measured from the spawn). */
export function runCli(cli: string, args: readonly string[], opts: { cwd: string; killAfterMs?: number; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const kill =
      opts.killAfterMs === undefined
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, opts.killAfterMs);
    const guard = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (kill) clearTimeout(kill);
      clearTimeout(guard);
      resolve({ code, signal, killed: killed && signal === 'SIGKILL', stdout, stderr, ms: performance.now() - started });
    });
  });
}

const SUFFIXES = ['', '-wal', '-shm'];

/** Copies a project as the disk holds it: the main file and, when present, its WAL and shared-memory files. */
export function copyProject(from: string, to: string): void {
  for (const s of SUFFIXES) {
    if (fs.existsSync(from + s)) fs.copyFileSync(from + s, to + s);
    else fs.rmSync(to + s, { force: true });
  }
}

const ROW_SPAN = 2 ** 32;
const rangeOf = (listId: number) => [listId * ROW_SPAN + 1, listId * ROW_SPAN + ROW_SPAN - 1] as const;

function hashRows(rows: Iterable<unknown[]>): string {
  const h = crypto.createHash('sha256');
  for (const r of rows) h.update(r.map((v) => String(v)).join('\u0001') + '\u0002');
  return h.digest('hex');
}

export interface ListState {
  id: number;
  name: string;
  role: string;
  rowCount: number;
  /** raw, line_no of every record in row order, with the list's columns, mapping and format. */
  hash: string;
  clean: { cleanedAt: string; stats: unknown; hash: string } | null;
}

export interface RunState {
  id: number;
  level: string;
  lists: string;
  /** The run's report without its timings, its clusters and its kept pairs: what a re-run must reproduce. */
  summary: string;
  clusters: number;
}

export interface JobState {
  id: string;
  kind: string;
  status: string;
  error: { code: string; message: string } | null;
}

export interface ProjectState {
  /** Empty when the file has no schema yet (a project whose creation was killed). */
  lists: ListState[];
  runs: RunState[];
  scores: { count: number; hash: string } | null;
  jobs: JobState[];
  mailings: number;
  /** Every other table (presets, settings, ledger, problems...), hashed whole: a crash must leave them as before or as after. */
  others: Record<string, string>;
  /** Broken invariants, in words: a corrupt file, a half list, a half clean, a half merge run, partial scores. */
  violations: string[];
}

/**
 * Reads a project read-only, as a killed process left it (before any Winnow opens it and recovers the job log), and
 * checks what must hold after any crash: SQLite integrity, foreign keys, and that every list, clean, merge/purge run
 * and score set is whole.
 */
export function inspectProject(file: string): ProjectState {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const violations: string[] = [];
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') violations.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) violations.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
    const hasTable = (t: string) => db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(t) !== undefined;
    if (!hasTable('lists')) return { lists: [], runs: [], scores: null, jobs: [], mailings: 0, others: {}, violations };

    const count = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
    const lists: ListState[] = [];
    const rows = db.prepare(`SELECT id, name, role, row_count, columns, mapping, format, source_file, source_sha256 FROM lists ORDER BY id`).all() as {
      id: number;
      name: string;
      role: string;
      row_count: number;
      columns: string;
      mapping: string | null;
      format: string | null;
      source_file: string | null;
      source_sha256: string | null;
    }[];
    for (const l of rows) {
      const [lo, hi] = rangeOf(l.id);
      const stored = count(`SELECT count(*) FROM records WHERE id BETWEEN ? AND ?`, lo, hi);
      if (stored !== l.row_count) violations.push(`half list: "${l.name}" says ${l.row_count} rows, holds ${stored}`);
      // An import stamps the file's hash and the row count last, in the same transaction as its rows.
      if (l.source_file !== null && l.source_sha256 === null) violations.push(`half list: "${l.name}" has no file hash (an import that never finished)`);
      const records = db.prepare(`SELECT raw, line_no FROM records WHERE id BETWEEN ? AND ? ORDER BY id`).raw().iterate(lo, hi) as Iterable<unknown[]>;
      const hash = hashRows([[l.columns, l.mapping, l.format], ...records]);
      const lc = db.prepare(`SELECT cleaned_at, stats FROM list_clean WHERE list_id = ?`).get(l.id) as { cleaned_at: string; stats: string } | undefined;
      const cleaned = count(`SELECT count(*) FROM clean WHERE id BETWEEN ? AND ?`, lo, hi);
      let clean: ListState['clean'] = null;
      if (lc) {
        const stats = JSON.parse(lc.stats) as { rows: number };
        if (stats.rows !== l.row_count || cleaned !== l.row_count) violations.push(`half clean: "${l.name}" has ${l.row_count} rows, clean stats for ${stats.rows}, ${cleaned} clean results`);
        const results = db.prepare(`SELECT id - ?, flags, quality, state, zip5, codes, data FROM clean WHERE id BETWEEN ? AND ? ORDER BY id`).raw().iterate(lo - 1, lo, hi) as Iterable<unknown[]>;
        clean = { cleanedAt: lc.cleaned_at, stats, hash: hashRows(results) };
      } else if (cleaned !== 0) violations.push(`half clean: "${l.name}" was never cleaned but holds ${cleaned} clean results`);
      lists.push({ id: l.id, name: l.name, role: l.role, rowCount: l.row_count, hash, clean });
    }
    const strayRecords = count(`SELECT count(*) FROM records WHERE (id >> 32) NOT IN (SELECT id FROM lists)`);
    if (strayRecords > 0) violations.push(`half list: ${strayRecords} records belong to no list`);
    const strayClean = count(`SELECT count(*) FROM clean WHERE (id >> 32) NOT IN (SELECT id FROM lists)`);
    if (strayClean > 0) violations.push(`half clean: ${strayClean} clean results belong to no list`);

    const runs: RunState[] = [];
    for (const r of db.prepare(`SELECT id, level, lists, report FROM match_runs ORDER BY id`).all() as { id: number; level: string; lists: string; report: string }[]) {
      const { seconds: _s, timings: _t, ...report } = JSON.parse(r.report) as { clusters: number; clusteredRecords: number; seconds?: number; timings?: unknown };
      const m = db.prepare(`SELECT count(*) AS n, count(DISTINCT cluster) AS c, coalesce(sum(survivor), 0) AS s FROM match_members WHERE run_id = ?`).get(r.id) as { n: number; c: number; s: number };
      if (m.n !== report.clusteredRecords || m.c !== report.clusters || m.s !== report.clusters) {
        violations.push(`half merge run ${r.id}: report says ${report.clusters} clusters of ${report.clusteredRecords} records; stored ${m.c} clusters of ${m.n} records, ${m.s} survivors`);
      }
      const members = db.prepare(`SELECT record_id, cluster, survivor FROM match_members WHERE run_id = ? ORDER BY record_id`).raw().iterate(r.id) as Iterable<unknown[]>;
      const pairs = db.prepare(`SELECT a, b, prob, weight, levels FROM match_pairs WHERE run_id = ? ORDER BY a, b`).raw().iterate(r.id) as Iterable<unknown[]>;
      runs.push({ id: r.id, level: r.level, lists: r.lists, summary: hashRows([[r.level, r.lists, JSON.stringify(report)], ...members, ['pairs'], ...pairs]), clusters: report.clusters });
    }

    let scores: ProjectState['scores'] = null;
    const scored = count(`SELECT count(*) FROM lead_scores`);
    if (scored > 0) {
      const prospects = count(`SELECT coalesce(sum(row_count), 0) FROM lists WHERE role = 'prospects'`);
      const times = count(`SELECT count(DISTINCT scored_at) FROM lead_scores`);
      const orphans = count(`SELECT count(*) FROM lead_scores WHERE record_id NOT IN (SELECT id FROM records)`);
      if (scored !== prospects || times !== 1 || orphans !== 0) violations.push(`partial scores: ${scored} scored of ${prospects} prospects, ${times} scoring times, ${orphans} scores of no record`);
      const all = db.prepare(`SELECT record_id, fit, grade, engagement, sales_ready, reasons, flags FROM lead_scores ORDER BY record_id`).raw().iterate() as Iterable<unknown[]>;
      scores = { count: scored, hash: hashRows(all) };
    }
    const jobs = (db.prepare(`SELECT id, kind, status, error FROM jobs ORDER BY started_at, rowid`).all() as { id: string; kind: string; status: string; error: string | null }[]).map((j) => ({
      ...j,
      error: j.error ? (JSON.parse(j.error) as JobState['error']) : null,
    }));
    const mailings = count(`SELECT count(*) FROM mailings`);
    const others: Record<string, string> = {};
    const known = new Set(['lists', 'records', 'clean', 'list_clean', 'match_runs', 'match_pairs', 'match_members', 'lead_scores', 'jobs']);
    for (const t of db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]) {
      if (known.has(t)) continue;
      const width = (db.prepare(`SELECT * FROM "${t}" LIMIT 0`).columns() as unknown[]).length;
      const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
      others[t] = hashRows(db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>);
    }
    return { lists, runs, scores, jobs, mailings, others, violations };
  } finally {
    db.close();
  }
}

/** Partial files an export left beside its target (`.NAME.pid.time.partial`). */
export function partialsOf(target: string): string[] {
  const prefix = `.${path.basename(target)}.`;
  return fs.readdirSync(path.dirname(target)).filter((f) => f.startsWith(prefix) && f.endsWith('.partial'));
}

/**
 * A ZIP with every entry's DOS modification time and date zeroed (local and central headers), so two .xlsx files
 * written at different moments compare byte for byte. Throws when the file is not a whole ZIP.
 */
export function zipWithoutTimes(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65_535); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a whole ZIP: no end-of-central-directory record');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`not a whole ZIP: central entry ${e} missing`);
    out.writeUInt32LE(0, at + 12);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`not a whole ZIP: local header of entry ${e} missing`);
    out.writeUInt32LE(0, local + 10);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
