// Response models: `winnow model train` on generated campaign files with a planted pattern (cross-validated AUC against
// the AUC the true probabilities reach; training time on 5k and 50k rows), and `winnow score` time on 100k and 1M rows.
import fs from 'node:fs';
import path from 'node:path';
import { auc } from '../src/domain/score/metrics';
import { writeResponseFile } from './generate/response';
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
  fs.rmSync(file, { force: true });
  fs.rmSync(out, { force: true });
  return { rows, run };
}
