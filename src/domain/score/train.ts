// Learns a response model from a table with an outcome column: profiles the columns, compares a regularized logistic
// regression with gradient-boosted trees by stratified k-fold cross-validation (AUC), keeps the better one (trees only
// when they earn their place), refits it on every row, and warns about columns that may leak the outcome.
import { auc, gains, mailToReach, stratifiedFolds, type GainsRow } from './metrics';
import { encode, isMissing, parseNumber, profileColumns, valueWords, binOf, type Encoded, type Feature, type LeftOut } from './features';
import { fitLogistic, logisticCentres, logisticMargins, logisticParts, type LogisticModel } from './logistic';
import { binned, boostedMargins, boostedParts, fitBoosted, routesOf, type BoostParams, type BoostedModel } from './gbt';

export interface ScoreModel {
  format: 'winnow-response-model';
  version: 1;
  outcome: string;
  positive: string;
  features: Feature[];
  model: LogisticModel | BoostedModel;
  /** Logistic only: the average part of each feature (reasons are measured from it). */
  centres?: number[];
  cv: CrossValidation;
  rows: number;
  positives: number;
  leftOut: LeftOut[];
  warnings: string[];
  trainedAt: string;
}

export interface CrossValidation {
  folds: number;
  /** Mean AUC over the folds, per model. */
  logistic: number;
  boosted: number | null;
  chosen: 'logistic' | 'gbt';
  /** The chosen model's AUC. */
  auc: number;
  /** Out-of-fold gains of the chosen model, by decile. */
  gains: GainsRow[];
  /** Records to mail, best first, to reach half and 80 % of responders (out of fold). */
  mailFor50: number;
  mailFor80: number;
}

export interface TrainOptions {
  outcome: string;
  positive: string;
  ignore?: readonly string[];
  folds?: number;
  seed?: number;
  /** Skip the trees (faster; the logistic model only). */
  logisticOnly?: boolean;
  boost?: Partial<BoostParams>;
  /** Called between folds; may throw to cancel. */
  progress?: (done: number, total: number, what: string) => void;
  now?: () => Date;
}

/** Trees replace the logistic model only when they beat it by at least this much AUC. */
const TREES_MUST_GAIN = 0.002;
/** A single column this predictive is suspect: filled in after the contact? */
const LEAK_AUC = 0.9;
const LEAK_NAME = /duration|respon|result|outcome|convert|purchas|order|status|closed|won|bought|sale|revenue|amount|reply|call_?len/i;

const find = (header: readonly string[], name: string) => {
  const k = header.findIndex((h) => h === name);
  return k >= 0 ? k : header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
};

/** The labels: 1 where the outcome cell equals `positive` (case and spaces ignored); rows without an outcome are left out. */
export function labelsOf(rows: readonly (readonly string[])[], column: number, positive: string): { y: Uint8Array; kept: number[] } {
  const want = positive.trim().toLowerCase();
  // "1" also matches "1.0" and " 1 " in a numeric outcome column.
  const wantNumber = parseNumber(want);
  const kept: number[] = [];
  const y: number[] = [];
  rows.forEach((r, i) => {
    const c = r[column];
    if (isMissing(c)) return;
    kept.push(i);
    const cell = c!.trim().toLowerCase();
    y.push(cell === want || (Number.isFinite(wantNumber) && parseNumber(cell) === wantNumber) ? 1 : 0);
  });
  return { y: Uint8Array.from(y), kept };
}

export function train(header: readonly string[], allRows: readonly (readonly string[])[], opts: TrainOptions): ScoreModel {
  const outcomeAt = find(header, opts.outcome);
  if (outcomeAt < 0) throw new Error(`There is no column "${opts.outcome}"; the columns are ${header.map((h) => `"${h}"`).join(', ')}.`);
  const skip = new Set([outcomeAt]);
  const warnings: string[] = [];
  for (const name of opts.ignore ?? []) {
    const k = find(header, name);
    if (k < 0) throw new Error(`--ignore names "${name}", which is not a column of the file.`);
    skip.add(k);
  }
  const { y, kept } = labelsOf(allRows, outcomeAt, opts.positive);
  const rows = kept.map((i) => allRows[i]!);
  if (rows.length < allRows.length) warnings.push(`${allRows.length - rows.length} rows have no "${header[outcomeAt]}" value and were left out.`);
  const positives = y.reduce((s, v) => s + v, 0);
  if (positives === 0) {
    const seen = [...new Set(rows.slice(0, 1000).map((r) => r[outcomeAt]!.trim()))].slice(0, 8);
    throw new Error(`No row has "${header[outcomeAt]}" = "${opts.positive}"; values seen: ${seen.map((v) => `"${v}"`).join(', ')}.`);
  }
  if (positives === rows.length) throw new Error(`Every row has "${header[outcomeAt]}" = "${opts.positive}": there is nothing to tell apart.`);
  const folds = Math.max(2, Math.min(opts.folds ?? 5, positives, rows.length - positives));
  const { features, leftOut } = profileColumns(header, rows, { skip });
  if (features.length === 0) throw new Error('No column can be used to predict the outcome (every other column is empty, constant or an identifier).');
  const data = encode(features, rows);
  const allBins = binned(data);
  const strength = columnStrengths(data, allBins, y);
  warnings.push(...leakWarnings(data, strength));
  // Trees read at most TREE_FEATURES columns, the strongest alone: histograms cost rows × columns per level.
  const treeKeep = data.features.length > TREE_FEATURES ? strongest(strength, TREE_FEATURES) : null;
  const treeData = treeKeep ? subset(data, treeKeep) : data;
  const bins = opts.logisticOnly ? null : treeKeep ? treeKeep.map((k) => allBins[k]!) : allBins;
  const boost = { ...(rows.length * treeData.features.length > 5_000_000 ? { rowSample: 0.5 } : {}), ...opts.boost };
  const fold = stratifiedFolds(y, folds, opts.seed ?? 1);
  const oofLogistic = new Float64Array(rows.length);
  const oofBoosted = new Float64Array(rows.length);
  const aucs = { logistic: [] as number[], boosted: [] as number[] };
  const rounds: number[] = [];
  let warm: LogisticModel | null = null;
  for (let k = 0; k < folds; k++) {
    opts.progress?.(k, folds, `fold ${k + 1} of ${folds}`);
    const trainRows: number[] = [];
    const testRows: number[] = [];
    for (let i = 0; i < rows.length; i++) (fold[i] === k ? testRows : trainRows).push(i);
    const test = Int32Array.from(testRows);
    const testY = Uint8Array.from(testRows, (i) => y[i]!);
    // Each fold starts from the previous fold's weights: nearly the answer already.
    const lm = fitLogistic(data, y, { rows: Int32Array.from(trainRows), ...(warm ? { start: warm } : {}) });
    warm = lm;
    const lmMargins = logisticMargins(lm, data);
    test.forEach((i) => (oofLogistic[i] = lmMargins[i]!));
    aucs.logistic.push(auc(Float64Array.from(test, (i) => lmMargins[i]!), testY));
    if (bins) {
      // Early stopping watches a tenth of the training rows, never the test fold.
      const inner = stratifiedFolds(Uint8Array.from(trainRows, (i) => y[i]!), 10, (opts.seed ?? 1) + k);
      const fit = Int32Array.from(trainRows.filter((_, x) => inner[x] !== 0));
      const valid = Int32Array.from(trainRows.filter((_, x) => inner[x] === 0));
      const bm = fitBoosted(treeData, bins, y, { train: fit, valid, params: boost });
      rounds.push(bm.trees.length);
      const bmMargins = boostedMargins(bm, bins, treeData.n, test);
      test.forEach((i) => (oofBoosted[i] = bmMargins[i]!));
      aucs.boosted.push(auc(Float64Array.from(test, (i) => bmMargins[i]!), testY));
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const cvLogistic = mean(aucs.logistic);
  const cvBoosted = bins ? mean(aucs.boosted) : null;
  const chosen = cvBoosted !== null && cvBoosted >= cvLogistic + TREES_MUST_GAIN ? 'gbt' : 'logistic';
  opts.progress?.(folds, folds, 'fitting the final model on every row');
  const all = Int32Array.from({ length: rows.length }, (_, i) => i);
  let model: LogisticModel | BoostedModel;
  let centres: number[] | undefined;
  if (chosen === 'gbt') {
    // As many rounds as early stopping found on average, a little more for the bigger training set.
    const n = Math.max(1, Math.round((mean(rounds) * folds) / Math.max(1, folds - 1)));
    model = fitBoosted(treeData, bins!, y, { train: all, params: { ...boost, maxRounds: n } });
  } else {
    model = fitLogistic(data, y, { rows: all, ...(warm ? { start: warm } : {}) });
    centres = logisticCentres(model, data);
  }
  const oof = chosen === 'gbt' ? oofBoosted : oofLogistic;
  return {
    format: 'winnow-response-model',
    version: 1,
    outcome: header[outcomeAt]!,
    positive: opts.positive,
    features: chosen === 'gbt' ? treeData.features : data.features,
    model,
    ...(centres ? { centres } : {}),
    cv: {
      folds,
      logistic: round4(cvLogistic),
      boosted: cvBoosted === null ? null : round4(cvBoosted),
      chosen,
      auc: round4(chosen === 'gbt' ? cvBoosted! : cvLogistic),
      gains: gains(oof, y),
      mailFor50: mailToReach(oof, y, 0.5),
      mailFor80: mailToReach(oof, y, 0.8),
    },
    rows: rows.length,
    positives,
    leftOut,
    warnings,
    trainedAt: (opts.now?.() ?? new Date()).toISOString(),
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Columns that predict the outcome almost alone, or whose name says they are about the outcome and predict it well:
 * filled in after the contact (call duration, order date), they make a model look good and score new leads badly.
 */
function leakWarnings(data: Encoded, strength: readonly number[]): string[] {
  const out: string[] = [];
  data.features.forEach((f, k) => {
    const a = strength[k]!;
    if (a >= LEAK_AUC || (a >= 0.7 && LEAK_NAME.test(f.name))) {
      out.push(
        `Column "${f.name}" alone predicts the outcome ${a >= LEAK_AUC ? 'almost perfectly' : 'strongly'} (AUC ${a.toFixed(3)}). If it is filled in after the contact (a call's length, an order date), it leaks the outcome: the model will look better than it scores new leads. Leave it out with --ignore "${f.name}".`,
      );
    }
  });
  return out;
}

/** Most columns the trees read. */
const TREE_FEATURES = 60;

/**
 * How well each column alone separates the outcome: the AUC of its tree bins (numbers in value order, categories by
 * response rate), folded to ≥ 0.5 — counted per bin, so it costs one pass over the rows.
 */
function columnStrengths(data: Encoded, bins: readonly Uint8Array[], y: Uint8Array): number[] {
  let positives = 0;
  for (let i = 0; i < data.n; i++) positives += y[i]!;
  const negatives = data.n - positives;
  return data.features.map((f, k) => {
    const col = bins[k]!;
    const pos = new Float64Array(256);
    const all = new Float64Array(256);
    for (let i = 0; i < data.n; i++) {
      all[col[i]!]!++;
      pos[col[i]!]! += y[i]!;
    }
    const used = [...all.keys()].filter((b) => all[b]! > 0);
    // Missing sits with the median's bin for numbers; categories (missing included) go by their response rate.
    const order = f.kind === 'categorical' ? used.sort((a, b) => pos[a]! / all[a]! - pos[b]! / all[b]!) : used.sort((a, b) => a - b);
    if (positives === 0 || negatives === 0) return 0.5;
    // AUC from grouped counts: pairs ordered right, ties half.
    let negBelow = 0;
    let good = 0;
    for (const b of order) {
      const p = pos[b]!;
      const q = all[b]! - p;
      good += p * (negBelow + q / 2);
      negBelow += q;
    }
    const a = good / (positives * negatives);
    return Math.max(a, 1 - a);
  });
}

function strongest(strength: readonly number[], k: number): number[] {
  return strength
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i)
    .sort((a, b) => a - b);
}

function subset(data: Encoded, keep: readonly number[]): Encoded {
  return { n: data.n, features: keep.map((k) => data.features[k]!), values: keep.map((k) => data.values[k]!) };
}

export interface Scored {
  /** Probability of the outcome, 0-1. */
  probability: number;
  /** The biggest reasons the score is above average, in words with their log-odds: "poutcome = success (+1.9)". */
  reasons: { words: string; weight: number }[];
}

/** A model's view of rows of a file with this header: each feature's column, by name (a missing column reads as empty). */
export function columnsFor(model: ScoreModel, header: readonly string[]): { at: number[]; missing: string[] } {
  const at = model.features.map((f) => find(header, f.name));
  return { at, missing: model.features.filter((_, k) => at[k]! < 0).map((f) => f.name) };
}

/** Scores rows (cells in the file's column order, mapped by `at`), with the top reasons of each. */
export function scoreRows(model: ScoreModel, rows: readonly (readonly string[])[], at: readonly number[], reasons = 3): Scored[] {
  // Each row projected onto the model's features, in the model's order.
  const features = model.features.map((f, k) => ({ ...f, index: k }));
  const projected = rows.map((r) => at.map((c) => (c < 0 ? '' : (r[c] ?? ''))));
  return rowsScored(model, encode(features, projected), reasons);
}

function rowsScored(model: ScoreModel, data: Encoded, reasons: number): Scored[] {
  const out: Scored[] = [];
  const F = model.features.length;
  const values = new Array<number>(F);
  const rowBins = new Array<number>(F);
  const scratch = new Array<number>(F);
  const roots = model.model.kind === 'gbt' ? model.model.trees.reduce((s, t) => s + t.value[0]!, 0) : 0;
  const centres = model.centres ?? new Array<number>(F).fill(0);
  const centreSum = centres.reduce((s, c) => s + c, 0);
  const top: number[] = [];
  const luts = model.model.kind === 'gbt' ? model.model.trees.map(routesOf) : [];
  for (let i = 0; i < data.n; i++) {
    for (let k = 0; k < F; k++) values[k] = data.values[k]![i]!;
    let margin: number;
    let parts: number[];
    if (model.model.kind === 'gbt') {
      for (let k = 0; k < F; k++) rowBins[k] = binOf(model.features[k]!, values[k]!);
      parts = boostedParts(model.model, rowBins, F, scratch, luts);
      margin = model.model.base + roots;
    } else {
      parts = logisticParts(model.model, model.features, values, centres);
      margin = model.model.intercept + centreSum;
    }
    for (let k = 0; k < F; k++) margin += parts[k]!;
    // The few biggest positive parts, found without sorting every feature; words only for those.
    top.length = 0;
    for (let k = 0; k < F; k++) {
      if (parts[k]! <= 0.005) continue;
      let at = top.length;
      while (at > 0 && parts[top[at - 1]!]! < parts[k]!) at--;
      if (at < reasons) {
        top.splice(at, 0, k);
        if (top.length > reasons) top.pop();
      }
    }
    out.push({ probability: 1 / (1 + Math.exp(-margin)), reasons: top.map((k) => ({ words: valueWords(model.features[k]!, values[k]!), weight: Math.round(parts[k]! * 100) / 100 })) });
  }
  return out;
}

/** What moves scores most: each feature's average absolute part (log-odds) over up to 5,000 rows, biggest first. */
export function importance(model: ScoreModel, header: readonly string[], rows: readonly (readonly string[])[], top = 10): { name: string; weight: number }[] {
  const step = Math.max(1, Math.floor(rows.length / 5000));
  const sample = rows.filter((_, i) => i % step === 0);
  const { at } = columnsFor(model, header);
  const F = model.features.length;
  const sums = new Array<number>(F).fill(0);
  const features = model.features.map((f, k) => ({ ...f, index: k }));
  const data = encode(features, sample.map((r) => at.map((c) => (c < 0 ? '' : (r[c] ?? '')))));
  const values = new Array<number>(F);
  const rowBins = new Array<number>(F);
  for (let i = 0; i < data.n; i++) {
    for (let k = 0; k < F; k++) values[k] = data.values[k]![i]!;
    let parts: number[];
    if (model.model.kind === 'gbt') {
      for (let k = 0; k < F; k++) rowBins[k] = binOf(model.features[k]!, values[k]!);
      parts = boostedParts(model.model, rowBins, F);
    } else parts = logisticParts(model.model, model.features, values, model.centres ?? new Array<number>(F).fill(0));
    for (let k = 0; k < F; k++) sums[k]! += Math.abs(parts[k]!);
  }
  return model.features
    .map((f, k) => ({ name: f.name, weight: Math.round((sums[k]! / Math.max(1, data.n)) * 1000) / 1000 }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, top);
}
