// Regularized logistic regression: standardized numbers (with a weight for "missing"), one weight per category level,
// an L2 penalty, fitted by L-BFGS. Each weight reads as log-odds, so every score explains itself.
import type { Encoded, Feature } from './features';

export interface LogisticModel {
  kind: 'logistic';
  intercept: number;
  /** Per feature: numeric/date [weight, missing weight]; categorical one weight per level, then "(other)", then missing. */
  weights: number[][];
  /** L2 strength used. */
  l2: number;
}

/** Standardized values beyond this many SDs are clipped: one extreme value should not swing a score. */
const CLIP = 6;

const width = (f: Feature) => (f.kind === 'categorical' ? f.levels!.length + 2 : 2);

/** Parameter slot of each feature's block in the flat vector (after the intercept at 0). */
function offsets(features: readonly Feature[]): number[] {
  const out: number[] = [];
  let at = 1;
  for (const f of features) {
    out.push(at);
    at += width(f);
  }
  out.push(at);
  return out;
}

/** Which parameter a row's value uses in a feature's block, and the value it multiplies. */
function slot(f: Feature, v: number): [number, number] {
  if (f.kind === 'categorical') return [v < 0 ? f.levels!.length + 1 : v, 1];
  if (Number.isNaN(v)) return [1, 1];
  const z = (v - f.mean!) / f.sd!;
  return [0, z > CLIP ? CLIP : z < -CLIP ? -CLIP : z];
}

/** Log-odds of row i. */
function margin(x: Float64Array, off: readonly number[], features: readonly Feature[], data: Encoded, i: number): number {
  let z = x[0]!;
  for (let f = 0; f < features.length; f++) {
    const [s, val] = slot(features[f]!, data.values[f]![i]!);
    z += x[off[f]! + s]! * val;
  }
  return z;
}

export interface FitOptions {
  /** L2 penalty on every weight but the intercept, in units of the summed log loss. */
  l2?: number;
  maxIterations?: number;
  /** Rows to fit on (default: all). */
  rows?: Int32Array;
  /** Weights to start from (a fit on similar rows). */
  start?: LogisticModel;
}

/** Fits the model to labels y (1 = the outcome happened). */
export function fitLogistic(data: Encoded, y: Uint8Array, opts: FitOptions = {}): LogisticModel {
  const features = data.features;
  const off = offsets(features);
  const p = off[off.length - 1]!;
  const rows = opts.rows ?? Int32Array.from({ length: data.n }, (_, i) => i);
  const l2 = opts.l2 ?? 1;
  // Per row, per feature: the parameter index and the value (fixed while fitting), so each pass is two flat loops.
  const F = features.length;
  const idx = new Int32Array(rows.length * F);
  const val = new Float64Array(rows.length * F);
  rows.forEach((i, r) => {
    for (let f = 0; f < F; f++) {
      const [s, v] = slot(features[f]!, data.values[f]![i]!);
      idx[r * F + f] = off[f]! + s;
      val[r * F + f] = v;
    }
  });
  let positives = 0;
  for (const i of rows) positives += y[i]!;
  const x0 = new Float64Array(p);
  // Start at the base rate.
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, rows.length)));
  x0[0] = Math.log(rate / (1 - rate));
  if (opts.start) x0.set([opts.start.intercept, ...opts.start.weights.flat()]);
  const lossAndGrad = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let r = 0; r < rows.length; r++) {
      let z = x[0]!;
      const base = r * F;
      for (let f = 0; f < F; f++) z += x[idx[base + f]!]! * val[base + f]!;
      const t = y[rows[r]!]!;
      // log(1 + e^z) − t·z, computed stably.
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
      const d = 1 / (1 + Math.exp(-z)) - t;
      g[0]! += d;
      for (let f = 0; f < F; f++) g[idx[base + f]!]! += d * val[base + f]!;
    }
    for (let k = 1; k < p; k++) {
      loss += 0.5 * l2 * x[k]! * x[k]!;
      g[k]! += l2 * x[k]!;
    }
    return loss;
  };
  const x = lbfgs(x0, lossAndGrad, opts.maxIterations ?? 200);
  return { kind: 'logistic', intercept: x[0]!, weights: features.map((_, f) => Array.from(x.subarray(off[f]!, off[f + 1]!))), l2 };
}

/** Log-odds of every row. */
export function logisticMargins(m: LogisticModel, data: Encoded): Float64Array {
  const features = data.features;
  const x = flat(m);
  const off = offsets(features);
  const out = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) out[i] = margin(x, off, features, data, i);
  return out;
}

function flat(m: LogisticModel): Float64Array {
  return Float64Array.from([m.intercept, ...m.weights.flat()]);
}

/**
 * Each feature's part of a row's log-odds against the average training row: its weight × value, minus that product's
 * average over the training rows (`centres`), so a typical value says nothing and an unusual one says how much.
 */
export function logisticParts(m: LogisticModel, features: readonly Feature[], values: readonly number[], centres: readonly number[]): number[] {
  return features.map((f, k) => {
    const [s, v] = slot(f, values[k]!);
    return m.weights[k]![s]! * v - centres[k]!;
  });
}

/** The average part each feature contributes over rows (the baseline parts are measured from). */
export function logisticCentres(m: LogisticModel, data: Encoded): number[] {
  return data.features.map((f, k) => {
    let sum = 0;
    for (let i = 0; i < data.n; i++) {
      const [s, v] = slot(f, data.values[k]![i]!);
      sum += m.weights[k]![s]! * v;
    }
    return data.n === 0 ? 0 : sum / data.n;
  });
}

/** Limited-memory BFGS with a backtracking (Armijo) line search; returns the minimizer found. */
export function lbfgs(start: Float64Array, f: (x: Float64Array, g: Float64Array) => number, maxIterations: number, memory = 8): Float64Array {
  const p = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(p);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(p);
  const xn = new Float64Array(p);
  const gn = new Float64Array(p);
  const alpha = new Float64Array(memory);
  for (let it = 0; it < maxIterations; it++) {
    // Two-loop recursion: dir = −H·g.
    dir.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, dir);
      axpy(-alpha[k]!, Y[k]!, dir);
    }
    const gamma = S.length > 0 ? dot(S[S.length - 1]!, Y[Y.length - 1]!) / dot(Y[Y.length - 1]!, Y[Y.length - 1]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let k = 0; k < p; k++) dir[k]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, dir);
      axpy(alpha[k]! - b, S[k]!, dir);
    }
    for (let k = 0; k < p; k++) dir[k] = -dir[k]!;
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction: restart from the gradient.
      S.length = Y.length = rho.length = 0;
      for (let k = 0; k < p; k++) dir[k] = -g[k]!;
      slope = dot(g, dir);
    }
    let step = 1;
    let fn: number;
    for (let tries = 0; ; tries++) {
      for (let k = 0; k < p; k++) xn[k] = x[k]! + step * dir[k]!;
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * slope || tries > 30) break;
      step *= 0.5;
    }
    const s = new Float64Array(p);
    const yv = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      s[k] = xn[k]! - x[k]!;
      yv[k] = gn[k]! - g[k]!;
    }
    const sy = dot(s, yv);
    const improvement = fx - fn;
    x = Float64Array.from(xn);
    g = Float64Array.from(gn);
    fx = fn;
    if (sy > 1e-12) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
      if (S.length > memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (Math.sqrt(dot(g, g)) < 1e-5 * Math.max(1, Math.abs(fx)) || improvement < 1e-9 * Math.max(1, Math.abs(fx))) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < x.length; k++) y[k]! += a * x[k]!;
}
