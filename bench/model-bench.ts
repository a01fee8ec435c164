// Response models: `winnow model train` on generated campaign files with a planted pattern (cross-validated AUC against
// the AUC the true probabilities reach; training time on 5k and 50k rows), and `winnow score` time on 100k and 1M rows.
import fs from 'node:fs';
import path from 'node:path';
import { auc } from '../src/domain/score/metrics';
import Papa from 'papaparse';
import { PLANTED, writeResponseFile } from './generate/response';
import { runMeasured, type RunResult } from './import-bench';

export interface TrainRun {
  rows: number;
  run: RunResult;
  auc: number;
  /** AUC of the true response probabilities on the same rows: what a perfect model would reach. */
  ceiling: number;
  logistic: number;
  boosted: number | null;
}

export interface ScoreRun {
  rows: number;
  run: RunResult;
  /** Among the best-scored tenth, the share of reasons that name a planted attribute. */
  plantedReasons: number;
}

export async function trainRun(cli: string, tmp: string, rows: number, seed: number): Promise<TrainRun> {
  const file = path.join(tmp, `response-${rows}.csv`);
  const truth = writeResponseFile(file, rows, seed, { delimiter: ';' });
  const model = path.join(tmp, `model-${rows}.json`);
  const run = await runMeasured(process.execPath, [cli, 'model', 'train', file, '--outcome', 'y', '--positive', 'yes', '--save', model]);
  if (run.code !== 0) throw new Error(`winnow model train failed (exit ${run.code}): ${run.stderr.trim() || run.stdout.trim()}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  const m = /^auc=(\d\.\d+)$/.exec(last);
  if (!m) throw new Error(`winnow model train did not end with auc=…: "${last}"`);
  const cv = /logistic regression auc ([\d.]+)(?:; gradient-boosted trees auc ([\d.]+))?/.exec(run.stdout);
  return { rows, run, auc: Number(m[1]), ceiling: auc(truth.p, truth.y), logistic: Number(cv?.[1] ?? NaN), boosted: cv?.[2] ? Number(cv[2]) : null };
}

export async function scoreRun(cli: string, tmp: string, rows: number, seed: number, model: string): Promise<ScoreRun> {
  const file = path.join(tmp, `score-${rows}.csv`);
  writeResponseFile(file, rows, seed + 100);
  const out = path.join(tmp, `scored-${rows}.csv`);
  const run = await runMeasured(process.execPath, [cli, 'score', file, '--model', model, '--out', out]);
  if (run.code !== 0) throw new Error(`winnow score failed (exit ${run.code}): ${run.stderr.trim() || run.stdout.trim()}`);
  const plantedReasons = rows <= 200_000 ? reasonShare(out) : NaN;
  fs.rmSync(file, { force: true });
  fs.rmSync(out, { force: true });
  return { rows, run, plantedReasons };
}

/** Share of the top decile's reasons that name a planted attribute (the reasons column is last, the score before it). */
function reasonShare(scored: string): number {
  const rows = Papa.parse<string[]>(fs.readFileSync(scored, 'utf8'), { skipEmptyLines: true }).data.slice(1);
  const top = rows.sort((a, b) => Number(b[b.length - 2]) - Number(a[a.length - 2])).slice(0, Math.ceil(rows.length / 10));
  const names = top.flatMap((r) => (r[r.length - 1] ?? '').split('; ').filter((x) => x).map((x) => x.split(' ')[0]!));
  return names.length === 0 ? 0 : names.filter((n) => (PLANTED as readonly string[]).includes(n)).length / names.length;
}
