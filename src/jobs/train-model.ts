// Response models on files: train (read the file, cross-validate, save the model JSON) and score (read a file and a
// saved model, write the file's rows with score and reasons).
import fs from 'node:fs';
import path from 'node:path';
import { WinnowError, type ModelTrainResult, type ReadOptions, type ScoreFileResult } from '../api/contract';
import { columnsFor, importance, scoreRows, train, type ScoreModel } from '../domain/score/train';
import { writeDelimited } from './export-delimited';
import { readRows, rowBatches } from './read-rows';

export interface TrainFileInput {
  filePath: string;
  displayName: string;
  outcome: string;
  positive: string;
  ignore?: readonly string[] | undefined;
  folds: number;
  savePath?: string | undefined;
  options?: ReadOptions | undefined;
}

export async function trainFile(job: TrainFileInput): Promise<ModelTrainResult> {
  const started = performance.now();
  const { header, rows } = await readRows(job.filePath, job.displayName, job.options ?? {});
  let model: ScoreModel;
  try {
    model = train(header, rows, { outcome: job.outcome, positive: job.positive, ...(job.ignore ? { ignore: job.ignore } : {}), folds: job.folds });
  } catch (e) {
    if (e instanceof WinnowError) throw e;
    throw new WinnowError('INVALID_INPUT', `${job.displayName}: ${(e as Error).message}`, { file: job.displayName });
  }
  if (job.savePath) {
    const dir = path.dirname(job.savePath);
    if (!fs.existsSync(dir)) throw new WinnowError('FILE_NOT_FOUND', `Cannot write ${job.savePath}: the folder ${dir} does not exist.`, { file: job.savePath });
    fs.writeFileSync(job.savePath, `${JSON.stringify(model)}\n`);
  }
  return {
    outcome: model.outcome,
    positive: model.positive,
    rows: model.rows,
    positives: model.positives,
    folds: model.cv.folds,
    auc: model.cv.auc,
    logistic: model.cv.logistic,
    boosted: model.cv.boosted,
    chosen: model.cv.chosen,
    gains: model.cv.gains,
    mailFor50: model.cv.mailFor50,
    mailFor80: model.cv.mailFor80,
    features: model.features.map((f) => ({ name: f.name, kind: f.kind })),
    leftOut: model.leftOut,
    warnings: model.warnings,
    topFactors: importance(model, header, rows),
    savedTo: job.savePath ? path.basename(job.savePath) : null,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** Reads and checks a saved model file. */
export function loadModel(modelPath: string): ScoreModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
  } catch (e) {
    throw new WinnowError('FILE_UNREADABLE', `${path.basename(modelPath)} is not a model file Winnow wrote: ${(e as Error).message}`, { file: modelPath });
  }
  const m = parsed as Partial<ScoreModel>;
  if (m?.format !== 'winnow-response-model' || m.version !== 1 || !Array.isArray(m.features) || !m.model) {
    throw new WinnowError('FILE_UNREADABLE', `${path.basename(modelPath)} is not a model file Winnow wrote (winnow model train --save).`, { file: modelPath });
  }
  return m as ScoreModel;
}

export interface ScoreFileInput {
  filePath: string;
  displayName: string;
  modelPath: string;
  outPath: string;
  options?: ReadOptions | undefined;
  signal: AbortSignal;
}

export async function scoreFile(job: ScoreFileInput): Promise<ScoreFileResult> {
  const started = performance.now();
  const model = loadModel(job.modelPath);
  const batches = rowBatches(job.filePath, job.displayName, job.options ?? {}, job.signal);
  // The header comes with the first batch: check the columns before writing anything.
  const first = await batches.next();
  if (first.done) throw new WinnowError('FILE_EMPTY', `${job.displayName} has no rows to score.`, { file: job.displayName });
  const header = first.value.header;
  const { at, missing } = columnsFor(model, header);
  if (missing.length === model.features.length) {
    throw new WinnowError('INVALID_INPUT', `${job.displayName} has none of the columns the model reads (${model.features.map((f) => `"${f.name}"`).join(', ')}).`, { file: job.displayName });
  }
  let sum = 0;
  let count = 0;
  const scored = async function* (): AsyncGenerator<string[][]> {
    for (let b: IteratorResult<{ header: string[]; rows: string[][] }> = first; !b.done; b = await batches.next()) {
      const part = b.value.rows;
      if (part.length === 0) continue;
      const s = scoreRows(model, part, at);
      count += part.length;
      yield part.map((r, k) => {
        const x = s[k]!;
        sum += x.probability * 100;
        const cells = r.length === header.length ? r : header.map((_, c) => r[c] ?? '');
        cells.push((Math.round(x.probability * 1000) / 10).toFixed(1), x.reasons.map((y) => `${y.words} (+${y.weight.toFixed(2)})`).join('; '));
        return cells;
      });
    }
  };
  const name = path.basename(job.outPath);
  const delimiter = /\.(tsv|tab)$/i.test(job.outPath) ? '\t' : ',';
  const written = await writeDelimited(job.outPath, { delimiter, newline: '\r\n', bom: false, neutralize: true }, [...header, 'score', 'reasons'], scored(), 0, { signal: job.signal, progress: () => undefined });
  return { rowsWritten: written.rowsWritten, fileName: name, missingColumns: missing, averageScore: count === 0 ? 0 : Math.round((sum / count) * 10) / 10, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
