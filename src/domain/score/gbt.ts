// Gradient-boosted trees for a yes/no outcome: histogram splits on binned features (numbers in quantile bins, categories
// grouped by their gradient), depth-limited trees, shrinkage, row subsampling and early stopping on held-out rows. Each
// prediction splits into per-feature parts by the path it took (Saabas), so a score says which values raised it.
import { seededRandom } from '../random';
import { binCount, binOf, type Encoded, type Feature } from './features';

export interface Tree {
  /** Per node: the feature split on (-1 for a leaf). */
  feature: number[];
  /** Numeric split: bins 1..threshold go left. Categorical split: threshold -1 and `leftBins` lists the bins that go left. */
  threshold: number[];
  leftBins: (number[] | null)[];
  missingLeft: boolean[];
  left: number[];
  right: number[];
  /** Log-odds the node would add as a leaf (shrinkage included): a leaf's output, and the reference for attributions. */
  value: number[];
}

export interface BoostedModel {
  kind: 'gbt';
  base: number;
  trees: Tree[];
  params: BoostParams;
}

export interface BoostParams {
  learningRate: number;
  maxDepth: number;
  maxRounds: number;
  /** Smallest hessian sum in a leaf, and fewest rows. */
  minChildWeight: number;
  minRows: number;
  lambda: number;
  rowSample: number;
  /** Rounds without improvement on the held-out rows before stopping. */
  patience: number;
  seed: number;
}

export const DEFAULT_BOOST: BoostParams = { learningRate: 0.1, maxDepth: 4, maxRounds: 400, minChildWeight: 2, minRows: 20, lambda: 2, rowSample: 0.8, patience: 25, seed: 7 };

/** Bin codes per feature, one byte per row. */
export function binned(data: Encoded): Uint8Array[] {
  return data.features.map((f, k) => {
    const col = data.values[k]!;
    const out = new Uint8Array(data.n);
    for (let i = 0; i < data.n; i++) out[i] = binOf(f, col[i]!);
    return out;
  });
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Per node, which bins go left (1) — a lookup table, so routing a row is one array read per level. Made once per tree. */
const routes = new WeakMap<Tree, Uint8Array[]>();
export function routesOf(t: Tree): Uint8Array[] {
  let r = routes.get(t);
  if (!r) {
    r = t.feature.map((f, node) => {
      const lut = new Uint8Array(256);
      if (f < 0) return lut;
      for (let b = 0; b < 256; b++) lut[b] = goesLeft(t, node, b) ? 1 : 0;
      return lut;
    });
    routes.set(t, r);
  }
  return r;
}

/** One tree's output for row i. */
function treeOutput(t: Tree, lut: readonly Uint8Array[], bins: readonly Uint8Array[], i: number): number {
  let node = 0;
  const feature = t.feature;
  while (feature[node]! >= 0) node = lut[node]![bins[feature[node]!]![i]!] ? t.left[node]! : t.right[node]!;
  return t.value[node]!;
}

function goesLeft(t: Tree, node: number, bin: number): boolean {
  if (bin === 0) return t.missingLeft[node]!;
  const lb = t.leftBins[node];
  return lb ? lb.includes(bin) : bin <= t.threshold[node]!;
}

export interface BoostOptions {
  params?: Partial<BoostParams>;
  /** Rows to learn from, and rows to watch for early stopping (none: run maxRounds). */
  train: Int32Array;
  valid?: Int32Array;
}

/** Fits boosted trees to labels y on the training rows; with validation rows, keeps the round with the lowest log loss there. */
export function fitBoosted(data: Encoded, bins: readonly Uint8Array[], y: Uint8Array, opts: BoostOptions): BoostedModel {
  const P = { ...DEFAULT_BOOST, ...opts.params };
  const features = data.features;
  const nb = features.map(binCount);
  const train = opts.train;
  let pos = 0;
  for (const i of train) pos += y[i]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, train.length)));
  const base = Math.log(rate / (1 - rate));
  const F = new Float64Array(data.n).fill(base);
  const valid = opts.valid ?? new Int32Array(0);
  const g = new Float64Array(data.n);
  const h = new Float64Array(data.n);
  const random = seededRandom(P.seed);
  const trees: Tree[] = [];
  let best = Infinity;
  let bestRounds = 0;
  const sample = new Int32Array(train.length);
  for (let round = 0; round < P.maxRounds; round++) {
    let m = 0;
    for (let x = 0; x < train.length; x++) {
      const i = train[x]!;
      const p = sigmoid(F[i]!);
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-6);
      if (P.rowSample >= 1 || random() < P.rowSample) sample[m++] = i;
    }
    const tree = growTree(sample.subarray(0, m), bins, features, nb, g, h, P);
    trees.push(tree);
    const lut = routesOf(tree);
    for (let x = 0; x < train.length; x++) F[train[x]!]! += treeOutput(tree, lut, bins, train[x]!);
    for (let x = 0; x < valid.length; x++) F[valid[x]!]! += treeOutput(tree, lut, bins, valid[x]!);
    if (valid.length > 0) {
      let loss = 0;
      for (let x = 0; x < valid.length; x++) {
        const i = valid[x]!;
        const z = F[i]!;
        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
      }
      if (loss < best - 1e-9) {
        best = loss;
        bestRounds = trees.length;
      } else if (trees.length - bestRounds >= P.patience) break;
    }
  }
  return { kind: 'gbt', base, trees: valid.length > 0 ? trees.slice(0, Math.max(1, bestRounds)) : trees, params: P };
}

function growTree(rows: Int32Array, bins: readonly Uint8Array[], features: readonly Feature[], nb: readonly number[], g: Float64Array, h: Float64Array, P: BoostParams): Tree {
  const t: Tree = { feature: [], threshold: [], leftBins: [], missingLeft: [], left: [], right: [], value: [] };
  const leafValue = (G: number, H: number) => (-G / (H + P.lambda)) * P.learningRate;
  const grow = (rs: Int32Array, depth: number, hist: Float64Array[] | null): number => {
    let G = 0;
    let H = 0;
    for (let x = 0; x < rs.length; x++) {
      G += g[rs[x]!]!;
      H += h[rs[x]!]!;
    }
    const node = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.leftBins.push(null);
    t.missingLeft.push(false);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(leafValue(G, H));
    if (depth >= P.maxDepth || rs.length < 2 * P.minRows || H < 2 * P.minChildWeight) return node;
    const hs = hist ?? histograms(rs, bins, nb, g, h);
    const split = bestSplit(hs, features, nb, G, H, rs.length, P);
    if (!split) return node;
    const col = bins[split.feature]!;
    const goLeft = new Uint8Array(256);
    for (let b = 1; b < nb[split.feature]!; b++) goLeft[b] = (split.leftSet ? split.leftSet.has(b) : b <= split.threshold) ? 1 : 0;
    goLeft[0] = split.missingLeft ? 1 : 0;
    let nl = 0;
    for (let x = 0; x < rs.length; x++) nl += goLeft[col[rs[x]!]!]!;
    const L = new Int32Array(nl);
    const R = new Int32Array(rs.length - nl);
    let a = 0;
    let b = 0;
    for (let x = 0; x < rs.length; x++) {
      const i = rs[x]!;
      if (goLeft[col[i]!]) L[a++] = i;
      else R[b++] = i;
    }
    t.feature[node] = split.feature;
    t.threshold[node] = split.threshold;
    t.leftBins[node] = split.leftBins;
    t.missingLeft[node] = split.missingLeft;
    // Histograms of the smaller child are counted; the bigger child's are the parent's minus them.
    let hl: Float64Array[] | null = null;
    let hr: Float64Array[] | null = null;
    if (depth + 1 < P.maxDepth) {
      const small = L.length <= R.length ? L : R;
      const hsSmall = histograms(small, bins, nb, g, h);
      const hsBig = hs.map((p, f) => {
        const out = new Float64Array(p.length);
        const q = hsSmall[f]!;
        for (let k = 0; k < p.length; k++) out[k] = p[k]! - q[k]!;
        return out;
      });
      [hl, hr] = small === L ? [hsSmall, hsBig] : [hsBig, hsSmall];
    }
    t.left[node] = grow(L, depth + 1, hl);
    t.right[node] = grow(R, depth + 1, hr);
    return node;
  };
  grow(rows, 0, null);
  return t;
}

/** Per feature, per bin: gradient sum, hessian sum, rows — over the given rows. */
function histograms(rows: Int32Array, bins: readonly Uint8Array[], nb: readonly number[], g: Float64Array, h: Float64Array): Float64Array[] {
  return bins.map((col, f) => {
    const hs = new Float64Array(nb[f]! * 3);
    for (let x = 0; x < rows.length; x++) {
      const i = rows[x]!;
      const b = col[i]! * 3;
      hs[b]! += g[i]!;
      hs[b + 1]! += h[i]!;
      hs[b + 2]!++;
    }
    return hs;
  });
}

interface Split {
  feature: number;
  threshold: number;
  leftBins: number[] | null;
  leftSet: Set<number> | null;
  missingLeft: boolean;
  gain: number;
}

function bestSplit(hist: readonly Float64Array[], features: readonly Feature[], nb: readonly number[], G: number, H: number, count: number, P: BoostParams): Split | null {
  const score = (gs: number, hs: number) => (gs * gs) / (hs + P.lambda);
  const parent = score(G, H);
  let best: Split | null = null;
  let bestGain = 1e-9;
  for (let f = 0; f < features.length; f++) {
    const hs = hist[f]!;
    const B = nb[f]!;
    const mg = hs[0]!;
    const mh = hs[1]!;
    const mc = hs[2]!;
    // Returns whether (gl, hl, cl) beats the best so far; the caller records the split then.
    const beats = (gl: number, hl: number, cl: number): number => {
      const cr = count - cl;
      const hr = H - hl;
      if (cl < P.minRows || cr < P.minRows || hl < P.minChildWeight || hr < P.minChildWeight) return 0;
      const gain = score(gl, hl) + score(G - gl, hr) - parent;
      return gain > bestGain ? gain : 0;
    };
    const take = (gain: number, threshold: number, leftBins: number[] | null, missingLeft: boolean) => {
      bestGain = gain;
      best = { feature: f, threshold, leftBins, leftSet: leftBins ? new Set(leftBins) : null, missingLeft, gain };
    };
    if (features[f]!.kind === 'categorical') {
      // Categories ordered by mean gradient: the best split of the ordered list is the best grouping in two (Fisher).
      const cats: number[] = [];
      for (let b = 1; b < B; b++) if (hs[b * 3 + 2]! > 0) cats.push(b);
      cats.sort((a, b) => hs[a * 3]! / (hs[a * 3 + 1]! + P.lambda) - hs[b * 3]! / (hs[b * 3 + 1]! + P.lambda));
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let k = 0; k < cats.length - 1; k++) {
        const b = cats[k]!;
        gl += hs[b * 3]!;
        hl += hs[b * 3 + 1]!;
        cl += hs[b * 3 + 2]!;
        let gain = beats(gl, hl, cl);
        if (gain) take(gain, -1, cats.slice(0, k + 1), false);
        if (mc > 0 && (gain = beats(gl + mg, hl + mh, cl + mc))) take(gain, -1, cats.slice(0, k + 1), true);
      }
    } else {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 1; b < B - 1; b++) {
        gl += hs[b * 3]!;
        hl += hs[b * 3 + 1]!;
        cl += hs[b * 3 + 2]!;
        let gain = beats(gl, hl, cl);
        if (gain) take(gain, b, null, false);
        if (mc > 0 && (gain = beats(gl + mg, hl + mh, cl + mc))) take(gain, b, null, true);
      }
      // Missing against everything else.
      let gain: number;
      if (mc > 0 && (gain = beats(mg, mh, mc))) take(gain, 0, null, true);
    }
  }
  return best;
}

/** Log-odds of every row (or of the given rows; the others stay at the base). */
export function boostedMargins(m: BoostedModel, bins: readonly Uint8Array[], n: number, rows?: Int32Array): Float64Array {
  const out = new Float64Array(n).fill(m.base);
  for (const t of m.trees) {
    const lut = routesOf(t);
    if (rows) for (let x = 0; x < rows.length; x++) out[rows[x]!]! += treeOutput(t, lut, bins, rows[x]!);
    else for (let i = 0; i < n; i++) out[i]! += treeOutput(t, lut, bins, i);
  }
  return out;
}

/** Each feature's part of a row's log-odds: along each tree's path, the change in node value at the splits on that feature. */
export function boostedParts(m: BoostedModel, rowBins: readonly number[], featureCount: number, parts = new Array<number>(featureCount), luts = m.trees.map(routesOf)): number[] {
  parts.fill(0);
  for (let k = 0; k < m.trees.length; k++) {
    const t = m.trees[k]!;
    const lut = luts[k]!;
    let node = 0;
    while (t.feature[node]! >= 0) {
      const f = t.feature[node]!;
      const next = lut[node]![rowBins[f]!] ? t.left[node]! : t.right[node]!;
      parts[f]! += t.value[next]! - t.value[node]!;
      node = next;
    }
  }
  return parts;
}
