// clean-1m: the real `winnow clean` CLI over an imported million-row list, against SQLite copying the same rows (the write floor), timed in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMeasured, type RunResult } from './import-bench';
import { count, mb, ratio, seconds, table } from './report';

export interface CleanBenchResult {
  winnow: RunResult;
  copy: RunResult;
  rows: number;
  rowsPerSecond: number;
  perCore: number;
  cores: number;
  ratio: number;
}

function copyProject(from: string, to: string): void {
  for (const suffix of ['', '-wal']) if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
}

/**
 * Times `winnow clean` on copies of an imported project, `runs` times, keeping the best; the baseline is the sqlite3
 * shell writing every record of the same project into a new table (what any clean must at least pay to store a result).
 */
export async function cleanBench(opts: { project: string; rows: number; cli: string; tmp: string; runs: number; log: (s: string) => void }): Promise<CleanBenchResult> {
  const { project, rows, cli, tmp, runs, log } = opts;
  const lines: string[][] = [];
  let best: RunResult | null = null;
  let bestCopy: RunResult | null = null;
  for (let i = 1; i <= runs; i++) {
    const copy = path.join(tmp, `clean-${i}.winnow`);
    copyProject(project, copy);
    const w = await runMeasured(process.execPath, [cli, 'clean', '--project', copy]);
    if (w.code !== 0) throw new Error(`winnow clean failed (exit ${w.code}): ${w.stderr.trim() || w.stdout.trim()}`);
    lines.push([`winnow clean #${i}`, seconds(w.seconds), w.peakRss ? mb(w.peakRss) : '?', w.stdout.trim().split('\n')[0] ?? '']);
    if (!best || w.seconds < best.seconds) best = w;
    fs.rmSync(copy, { force: true });
    fs.rmSync(copy + '-wal', { force: true });
    fs.rmSync(copy + '-shm', { force: true });

    const floor = path.join(tmp, `copy-${i}.winnow`);
    copyProject(project, floor);
    const s = await runMeasured('sqlite3', [floor], { stdin: `BEGIN; CREATE TABLE copied (id INTEGER PRIMARY KEY, raw TEXT NOT NULL); INSERT INTO copied SELECT id, raw FROM records; COMMIT;\n` });
    if (s.code !== 0 || s.stderr.trim()) throw new Error(`sqlite3 copy failed (exit ${s.code}): ${s.stderr.trim()}`);
    lines.push([`sqlite3 copy of the rows #${i}`, seconds(s.seconds), s.peakRss ? mb(s.peakRss) : '?', '']);
    if (!bestCopy || s.seconds < bestCopy.seconds) bestCopy = s;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(floor + suffix, { force: true });
  }
  log('');
  table(['run', 'wall', 'peak RSS', 'note'], lines, log);
  const cores = os.availableParallelism();
  const rowsPerSecond = rows / best!.seconds;
  return { winnow: best!, copy: bestCopy!, rows, rowsPerSecond, perCore: rowsPerSecond / cores, cores, ratio: best!.seconds / bestCopy!.seconds };
}

export function summarizeClean(r: CleanBenchResult, target: number): string[] {
  const verdict = r.rows < 1_000_000 ? 'smoke run (target is for 1M rows)' : r.rowsPerSecond >= target ? 'ok' : 'MISSED';
  return [
    `clean-${r.rows >= 1_000_000 ? `${r.rows / 1_000_000}m` : `${r.rows / 1000}k`}`,
    seconds(r.winnow.seconds),
    `${count(Math.round(r.rowsPerSecond))} rows/s`,
    `${count(Math.round(r.perCore))} rows/s`,
    seconds(r.copy.seconds),
    ratio(r.ratio),
    `≥ ${count(target)} rows/s`,
    r.winnow.peakRss ? mb(r.winnow.peakRss) : '?',
    verdict,
  ];
}
