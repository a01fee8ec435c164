// Fellegi–Sunter weights learned from the data itself: u (chance agreement) from random pairs, m (agreement among true
// duplicates) and the share of duplicates by expectation–maximization over the candidate pairs, term-frequency adjusted.
import { NULL_LEVEL, type Comparison, type MatchLevel } from './compare';
import { seededRandom } from '../random';
import type { MatchTable } from './table';

export interface FieldWeights {
  key: string;
  label: string;
  levels: readonly string[];
  /** P(level | same entity). */
  m: number[];
  /** P(level | different entities), from random pairs. */
  u: number[];
  /** Weight (log2 Bayes factor) of each level. */
  weights: number[];
}

export interface MatchModel {
  level: MatchLevel;
  fields: FieldWeights[];
  /** Prior probability that two records picked at random are the same entity. */
  prior: number;
  /** Share of candidate pairs EM judged to be duplicates. */
  candidateShare: number;
  emIterations: number;
  randomPairs: number;
  /**
   * Most the location group may add (log2): enough to take a pair from the prior to even odds and a little more. Two
   * records at one address, phone and employer are one household or workplace; whether they are one person is for the
   * other comparisons (the name) to say. Random pairs cannot teach this: colleagues and relatives are not random pairs.
   */
  groupCap: number;
}

/** Levels of every comparison for each pair: K levels per pair, row-major. */
export function gammasOf(t: MatchTable, comps: readonly Comparison[], a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): Int8Array {
  const k = comps.length;
  const out = new Int8Array((to - from) * k);
  // One comparison at a time over all pairs: its call site stays monomorphic and its memo warm.
  for (let c = 0; c < k; c++) {
    const compare = comps[c]!.compare;
    for (let p = from; p < to; p++) out[(p - from) * k + c] = compare(t, a[p]!, b[p]!);
  }
  return out;
}

/** Pseudo-pairs of the generic u prior. */
const U_RANDOM_PRIOR = 300;

/** Random pairs of distinct records (every pair when there are fewer than `samples`), seeded so a run can be repeated. */
export function randomPairs(n: number, samples: number, seed = 1): { a: Int32Array; b: Int32Array } {
  const total = (n * (n - 1)) / 2;
  if (total <= samples) {
    const a = new Int32Array(total);
    const b = new Int32Array(total);
    let p = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      a[p] = i;
      b[p++] = j;
    }
    return { a, b };
  }
  const r = seededRandom(seed);
  const a = new Int32Array(samples);
  const b = new Int32Array(samples);
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(r() * n);
    let j = Math.floor(r() * (n - 1));
    if (j >= i) j++;
    a[s] = i;
    b[s] = j;
  }
  return { a, b };
}

/** u probabilities from the levels of random pairs. */
export function uFromGammas(gammas: Int8Array, comps: readonly Comparison[]): number[][] {
  const k = comps.length;
  const counts = comps.map((c) => new Array<number>(c.levels.length).fill(0));
  for (let p = 0; p < gammas.length; p += k) {
    for (let c = 0; c < k; c++) {
      const l = gammas[p + c]!;
      if (l !== NULL_LEVEL) counts[c]![l]!++;
    }
  }
  // Smoothed toward "different records seldom agree" (a few hundred pairs' worth), so a small file, whose pairs include
  // its duplicates, does not learn that agreement is common; and a level never seen keeps a finite weight.
  return counts.map((row, c) => {
    const generic = comps[c]!.typicalU ?? row.map((_, l) => (l === 0 ? 0.97 : 0.03 / (row.length - 1)));
    const sum = row.reduce((s, x) => s + x, 0);
    return row.map((x, l) => (x + U_RANDOM_PRIOR * generic[l]!) / (sum + U_RANDOM_PRIOR));
  });
}

/** Distinct level patterns of the candidate pairs, with how many pairs have each. */
export function patternsOf(gammas: Int8Array, k: number): { patterns: Int8Array; counts: Float64Array; index: Int32Array } {
  const pairs = gammas.length / k;
  const seen = new Map<string, number>();
  const index = new Int32Array(pairs);
  const rows: number[] = [];
  const counts: number[] = [];
  for (let p = 0; p < pairs; p++) {
    let key = '';
    for (let c = 0; c < k; c++) key += String.fromCharCode(gammas[p * k + c]! + 66);
    let id = seen.get(key);
    if (id === undefined) {
      id = counts.length;
      seen.set(key, id);
      counts.push(0);
      for (let c = 0; c < k; c++) rows.push(gammas[p * k + c]!);
    }
    counts[id]!++;
    index[p] = id;
  }
  return { patterns: Int8Array.from(rows), counts: Float64Array.from(counts), index };
}

/** Holds levels at their caps and spreads what was taken off over the free levels, in proportion. */
function capped(r: number[], caps: readonly (number | null)[] | undefined): number[] {
  if (!caps) return r;
  let excess = 0;
  let free = 0;
  const out = r.map((x, l) => {
    const cap = caps[l];
    if (cap !== null && cap !== undefined && x > cap) {
      excess += x - cap;
      return cap;
    }
    if (cap === null || cap === undefined) free += x;
    return x;
  });
  if (excess === 0 || free === 0) return out;
  return out.map((x, l) => (caps[l] === null || caps[l] === undefined ? x + (excess * x) / free : x));
}

/** Weight of the typical m values against what EM learns: a small file leans on them, a big one hardly notices. */
const M_PRIOR = 30;
const U_PRIOR = 30;
/** The share of duplicates among candidate pairs leans toward 10% by this many pairs' worth. */
const LAMBDA_PRIOR = 30;

export interface EmResult {
  m: number[][];
  u: number[][];
  lambda: number;
  iterations: number;
}

/**
 * Expectation–maximization over level patterns (Fellegi–Sunter mixture of "same entity" and "different"). Both m and
 * the candidates' own u are estimated; m starts from "agreement is likely for duplicates", u from the random pairs.
 */
/** Pairs the user decided, as level patterns: their side is known, so they are not re-estimated. */
export interface LabeledPatterns {
  /** Levels, comparisons.length per pair. */
  patterns: Int8Array;
  /** 1: the same entity; 0: different. */
  same: Uint8Array;
}

/** What one review decision weighs in learning, in candidate pairs: a few decisions visibly move the weights. */
export const LABEL_WEIGHT = 25;

export function expectationMaximization(
  patterns: Int8Array,
  counts: Float64Array,
  comps: readonly Comparison[],
  uStart: number[][],
  maxIterations = 100,
  labeled: LabeledPatterns = { patterns: new Int8Array(0), same: new Uint8Array(0) },
): EmResult {
  const k = comps.length;
  const P = counts.length;
  // Start sharp (duplicates agree on nearly everything: 1, 4, 16, ... normalized) so EM's first split is "agrees
  // everywhere" against the rest, not some other grouping of the candidates (one ZIP, one surname).
  let m = comps.map((c) => {
    const w = c.levels.map((_, l) => 4 ** l);
    const sum = w.reduce((a, b) => a + b, 0);
    return capped(w.map((x) => x / sum), c.mCap);
  });
  let u = uStart.map((r) => [...r]);
  let lambda = 0.05;
  let iterations = 0;
  const w = new Float64Array(P);
  for (; iterations < maxIterations; iterations++) {
    const logM = m.map((r) => r.map(Math.log));
    const logU = u.map((r) => r.map(Math.log));
    const ll = Math.log(lambda);
    const lu = Math.log(1 - lambda);
    for (let p = 0; p < P; p++) {
      let a = ll;
      let b = lu;
      for (let c = 0; c < k; c++) {
        const g = patterns[p * k + c]!;
        if (g === NULL_LEVEL) continue;
        a += logM[c]![g]!;
        b += logU[c]![g]!;
      }
      w[p] = 1 / (1 + Math.exp(b - a));
    }
    // Dirichlet priors: m toward the typical values (M_PRIOR pairs' worth), u toward the random pairs (U_PRIOR pairs).
    const mNum = comps.map((c) => c.typicalM.map((x) => x * M_PRIOR));
    const uNum = uStart.map((r) => r.map((x) => x * U_PRIOR));
    let matched = 0;
    let total = 0;
    for (let p = 0; p < P; p++) {
      const cnt = counts[p]!;
      matched += cnt * w[p]!;
      total += cnt;
      for (let c = 0; c < k; c++) {
        const g = patterns[p * k + c]!;
        if (g === NULL_LEVEL) continue;
        mNum[c]![g]! += cnt * w[p]!;
        uNum[c]![g]! += cnt * (1 - w[p]!);
      }
    }
    // The user's decisions: semi-supervised EM, each a known duplicate or non-duplicate of LABEL_WEIGHT pairs' weight.
    for (let p = 0; p < labeled.same.length; p++) {
      const same = labeled.same[p] === 1;
      if (same) matched += LABEL_WEIGHT;
      total += LABEL_WEIGHT;
      for (let c = 0; c < k; c++) {
        const g = labeled.patterns[p * k + c]!;
        if (g === NULL_LEVEL) continue;
        (same ? mNum : uNum)[c]![g]! += LABEL_WEIGHT;
      }
    }
    const norm = (r: number[]) => {
      const s = r.reduce((a, b) => a + b, 0);
      return r.map((x) => x / s);
    };
    const nextM = mNum.map(norm).map((r, c) => capped(r, comps[c]!.mCap));
    const nextU = uNum.map(norm);
    const nextLambda = Math.min(0.999, Math.max(1e-6, (matched + LAMBDA_PRIOR * 0.1) / (total + LAMBDA_PRIOR)));
    let change = Math.abs(nextLambda - lambda);
    for (let c = 0; c < k; c++) for (let l = 0; l < nextM[c]!.length; l++) change = Math.max(change, Math.abs(nextM[c]![l]! - m[c]![l]!));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < 1e-6) {
      iterations++;
      break;
    }
  }
  return { m, u, lambda, iterations };
}

export function buildModel(level: MatchLevel, comps: readonly Comparison[], m: number[][], u: number[][], prior: number, candidateShare: number, emIterations: number, randomPairs: number): MatchModel {
  return {
    level,
    fields: comps.map((c, k) => ({
      key: c.key,
      label: c.label,
      levels: c.levels,
      m: m[k]!,
      u: u[k]!,
      weights: m[k]!.map((x, l) => Math.log2(x / u[k]![l]!)),
    })),
    prior,
    candidateShare,
    emIterations,
    randomPairs,
    groupCap: Math.log2((1 - prior) / prior) + 1,
  };
}

/** How much rarer or commoner than average the shared value is: the factor on u of a comparison's top level. */
export function tfFactor(t: MatchTable, c: Comparison, i: number): number {
  if (!c.tf) return 1;
  const col = t.cols[c.tf];
  const id = col.ids[i]!;
  if (id === 0 || col.present === 0) return 1;
  const share = col.counts[id]! / col.present;
  const avg = averageShare(t, c.tf);
  return Math.min(8, Math.max(1 / 8, share / avg));
}

const avgCache = new WeakMap<MatchTable, Map<string, number>>();
function averageShare(t: MatchTable, f: NonNullable<Comparison['tf']>): number {
  let m = avgCache.get(t);
  if (!m) avgCache.set(t, (m = new Map()));
  let v = m.get(f);
  if (v === undefined) {
    // The chance two records with values share one: Σ share².
    const col = t.cols[f];
    let s = 0;
    for (let id = 1; id < col.counts.length; id++) s += (col.counts[id]! / col.present) ** 2;
    v = s || 1;
    m.set(f, v);
  }
  return v;
}

/** A pair's total weight (log2 odds, prior included) and each comparison's part of it; `i` (one of the pair) gives the shared values' frequency, null leaves it out. */
export function pairWeight(model: MatchModel, t: MatchTable, comps: readonly Comparison[], gammas: ArrayLike<number>, i: number | null): { total: number; parts: number[] } {
  const parts = new Array<number>(comps.length).fill(0);
  const total = weightOf(model, t, comps, gammas, 0, i, parts);
  return { total, parts };
}

/** pairWeight without allocation: `scratch` (comps.length long) receives the parts; gammas read from `offset`. */
export function weightOf(model: MatchModel, t: MatchTable, comps: readonly Comparison[], gammas: ArrayLike<number>, offset: number, i: number | null, scratch: number[]): number {
  for (let c = 0; c < comps.length; c++) {
    const g = gammas[offset + c]!;
    if (g === NULL_LEVEL) {
      scratch[c] = 0;
      continue;
    }
    const f = model.fields[c]!;
    let w = f.weights[g]!;
    if (i !== null && g === f.levels.length - 1) w -= Math.log2(tfFactor(t, comps[c]!, i));
    scratch[c] = w;
  }
  groupParts(model, comps, scratch);
  let total = Math.log2(model.prior / (1 - model.prior));
  for (let c = 0; c < comps.length; c++) total += scratch[c]!;
  return total;
}

/** Share of a group's weaker agreements that still counts once the strongest one is in. */
const GROUP_REST = 0.25;

/**
 * The location group's agreements count as the strongest one plus a quarter of the rest, at most model.groupCap;
 * disagreements count in full. Scales the parts in place so the explanation shows what each field really added.
 */
function groupParts(model: MatchModel, comps: readonly Comparison[], parts: number[]): void {
  let max = 0;
  let sum = 0;
  for (let c = 0; c < comps.length; c++) {
    if (comps[c]!.group !== 'location' || parts[c]! <= 0) continue;
    max = Math.max(max, parts[c]!);
    sum += parts[c]!;
  }
  if (sum === 0) return;
  const counted = Math.min(model.groupCap, max + GROUP_REST * (sum - max));
  const scale = counted / sum;
  for (let c = 0; c < comps.length; c++) if (comps[c]!.group === 'location' && parts[c]! > 0) parts[c]! *= scale;
}

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);
