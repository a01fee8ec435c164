// import-1m: the real `winnow import` CLI against the sqlite3 shell's `.import` of the same CSV, timed in the same run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateUsList } from './generate/us-list';
import { count, mb, ratio, seconds, table } from './report';

export interface DataFile {
  file: string;
  rows: number;
  seed: number;
  bytes: number;
  reused: boolean;
}

/** Bumped whenever the generator's output changes, so a stale file in bench/out is never reused. */
export const GENERATOR_VERSION = 1;

/** The benchmark CSV: reused from bench/out when one with the same rows, seed and generator version is there. */
export async function ensureDataFile(outDir: string, rows: number, seed: number, log: (s: string) => void): Promise<DataFile> {
  const file = path.join(outDir, `us-${rows}-seed${seed}.csv`);
  const marker = `${file}.ok`;
  const expect = { generator: GENERATOR_VERSION, rows, seed };
  if (fs.existsSync(file) && fs.existsSync(marker)) {
    try {
      const m = JSON.parse(fs.readFileSync(marker, 'utf8')) as typeof expect & { bytes: number };
      if (m.generator === expect.generator && m.rows === rows && m.seed === seed && fs.statSync(file).size === m.bytes) {
        return { file, rows, seed, bytes: m.bytes, reused: true };
      }
    } catch {
      // A damaged marker: make the file again.
    }
  }
  log(`generating ${count(rows)} rows (seed ${seed}) → ${path.relative(process.cwd(), file)} …`);
  fs.mkdirSync(outDir, { recursive: true });
  const partial = `${file}.partial`;
  const s = await generateUsList({ rows, seed, out: partial, truthOut: file.replace(/\.csv$/, '.truth.csv') });
  fs.renameSync(partial, file);
  fs.writeFileSync(marker, JSON.stringify({ ...expect, bytes: s.bytes }));
  log(`  generated ${mb(s.bytes)} in ${seconds(s.seconds)} (${count(Math.round(rows / s.seconds))} rows/s)`);
  return { file, rows, seed, bytes: s.bytes, reused: false };
}

export interface RunResult {
  seconds: number;
  /** Peak resident set size in bytes, or null when it could not be measured. */
  peakRss: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
}

const TIME_BIN = '/usr/bin/time';

/**
 * Runs a command and measures wall time and peak RSS: under GNU time (`-f %M`, KB) when present, otherwise by polling
 * VmHWM in /proc (which can miss a peak in the last few milliseconds).
 */
export function runMeasured(cmd: string, args: readonly string[], opts: { stdin?: string; cwd?: string } = {}): Promise<RunResult> {
  const useTime = fs.existsSync(TIME_BIN);
  const rssFile = useTime ? path.join(fs.mkdtempSync(path.join(osTmp(), 'winnow-rss-')), 'rss') : null;
  const [bin, argv] = useTime ? [TIME_BIN, ['-f', '%M', '-o', rssFile!, cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, argv, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledHwm = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledHwm = Math.max(polledHwm, Number(m[1]) * 1024);
          } catch {
            // The process has exited.
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const secs = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakRss: number | null = polledHwm || null;
      if (rssFile) {
        try {
          const kb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
          peakRss = Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
        } catch {
          peakRss = null;
        }
        fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
      }
      resolve({ seconds: secs, peakRss, stdout, stderr, code });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

function osTmp(): string {
  return process.env.TMPDIR ?? '/tmp';
}

function removeDb(p: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(p + suffix, { force: true });
}

export interface ImportBenchResult {
  winnow: RunResult;
  sqlite: RunResult;
  ratio: number;
  /** The project of the fastest Winnow run, kept for the paging benchmark. */
  project: string;
}

/** Times Winnow's import and sqlite3's `.import` of the same file, `runs` times each, interleaved; keeps the best of each. */
export async function importBench(opts: { data: DataFile; cli: string; tmp: string; runs: number; log: (s: string) => void }): Promise<ImportBenchResult> {
  const { data, cli, tmp, runs, log } = opts;
  // Both contenders read the file from the page cache: read it once before timing.
  await fs.promises.readFile(data.file).then(() => undefined);
  let best: { run: RunResult; project: string } | null = null;
  let bestSqlite: RunResult | null = null;
  const rows: string[][] = [];
  for (let i = 1; i <= runs; i++) {
    const project = path.join(tmp, `import-${i}.winnow`);
    removeDb(project);
    const w = await runMeasured(process.execPath, [cli, 'import', data.file, '--project', project]);
    if (w.code !== 0) throw new Error(`winnow import failed (exit ${w.code}): ${w.stderr.trim() || w.stdout.trim()}`);
    rows.push([`winnow import #${i}`, seconds(w.seconds), w.peakRss ? mb(w.peakRss) : '?', w.stdout.trim().split('\n')[0] ?? '']);
    if (!best || w.seconds < best.run.seconds) {
      if (best) removeDb(best.project);
      best = { run: w, project };
    } else {
      removeDb(project);
    }

    const db = path.join(tmp, `sqlite-${i}.db`);
    removeDb(db);
    const s = await runMeasured('sqlite3', [db], { stdin: `.mode csv\n.import '${data.file.replace(/'/g, "''")}' t\n` });
    if (s.code !== 0 || s.stderr.trim()) throw new Error(`sqlite3 .import failed (exit ${s.code}): ${s.stderr.trim()}`);
    rows.push([`sqlite3 .import #${i}`, seconds(s.seconds), s.peakRss ? mb(s.peakRss) : '?', `${mb(fs.statSync(db).size)} database`]);
    removeDb(db);
    if (!bestSqlite || s.seconds < bestSqlite.seconds) bestSqlite = s;
  }
  log('');
  table(['run', 'wall', 'peak RSS', 'note'], rows, log);
  return { winnow: best!.run, sqlite: bestSqlite!, ratio: best!.run.seconds / bestSqlite!.seconds, project: best!.project };
}

/** The ratio target is for a million rows; below that, start-up costs (node, worker, migrations) dominate: a smoke run. */
export function summarizeImport(r: ImportBenchResult, data: DataFile, target: number): string[] {
  const verdict = data.rows < 1_000_000 ? 'smoke run (target is for 1M rows)' : r.ratio <= target ? 'ok' : 'MISSED';
  return [
    `import-${data.rows >= 1_000_000 ? `${data.rows / 1_000_000}m` : `${data.rows / 1000}k`}`,
    seconds(r.winnow.seconds),
    seconds(r.sqlite.seconds),
    ratio(r.ratio),
    `≤ ${target}×`,
    r.winnow.peakRss ? mb(r.winnow.peakRss) : '?',
    verdict,
  ];
}
