// Merge/purge in memory: blocking → comparisons → weights learned by EM → probabilities → clusters, with the evidence kept.
import { BLOCK_RULES, candidatePairs, type CandidatePairs } from './blocking';
import { clusterPairs } from './cluster';
import { comparisonsFor, NULL_LEVEL, type Comparison, type MatchLevel } from './compare';
import { buildModel, expectationMaximization, gammasOf, pairWeight, patternsOf, probabilityOf, randomPairs, uFromGammas, weightOf, type MatchModel } from './model';
import type { MatchTable } from './table';
import { seededRandom } from '../random';

export interface DedupeSettings {
  level: MatchLevel;
  /** Pairs at or above this probability are merged (0.5: the likelier reading wins). */
  mergeAt: number;
  /** Pairs with a probability in [reviewFrom, reviewTo) are doubtful: the review queue, most uncertain first. */
  reviewFrom: number;
  reviewTo: number;
  /** The chaining guard: two groups join only when fewer than groupAgreement of their cross pairs are below differentBelow. */
  groupAgreement: number;
  differentBelow: number;
  maxClusterSize: number;
  /** Random pairs sampled to learn chance agreement. */
  randomPairs: number;
  seed: number;
}

/** The same settings for every list and every data set: nothing is tuned per file. */
export const DEFAULT_SETTINGS: Omit<DedupeSettings, 'level'> = {
  mergeAt: 0.5,
  reviewFrom: 0.1,
  reviewTo: 0.9,
  groupAgreement: 0.5,
  differentBelow: 0.001,
  maxClusterSize: 60,
  randomPairs: 400_000,
  seed: 1,
};

export interface ScoredPairs {
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
  prob: Float32Array;
  /** Levels, comparisons.length per pair. */
  gammas: Int8Array;
}

export interface DedupeResult {
  model: MatchModel;
  comparisons: Comparison[];
  /** Candidate pairs at or above reviewFrom (merged or doubtful), strongest first. */
  pairs: ScoredPairs;
  clusterOf: Int32Array;
  candidates: number;
  perRule: CandidatePairs['perRule'];
  refusedLinks: number;
  timings: Record<string, number>;
}

/** Levels of every comparison for pairs (a[p], b[p]): on this thread by default, on worker threads in the job. */
export type GammaSource = (a: Int32Array, b: Int32Array) => Promise<Int8Array>;

export interface DedupeHooks {
  /** Where pairs are compared (default: here, in order). */
  gammas?: GammaSource;
  /** Called between phases; may throw to cancel. */
  phase?: (name: string, done: number, total: number) => void;
  /** Pairs the user decided: kept as links (same) or forbidden (not the same), whatever the scores say. */
  mustLink?: readonly (readonly [number, number])[];
  cannotLink?: readonly (readonly [number, number])[];
}

/** Milliseconds per phase: `lap(name)` records the time since the previous lap. */
function stopwatch(): { timings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  return {
    timings,
    lap: (name) => {
      const now = performance.now();
      timings[name] = Math.round(now - clock);
      clock = now;
    },
  };
}

/** Weight (log2 odds) under which a pair's term-frequency adjustment cannot matter (probability below 10⁻⁶). */
const TF_IRRELEVANT_BELOW = -20;

/** Pairs per request to the gamma source: small enough for smooth progress and for two threads to share the work. */
const CHUNK = 250_000;

export async function dedupe(t: MatchTable, s: DedupeSettings, hooks: DedupeHooks = {}): Promise<DedupeResult> {
  const { timings, lap } = stopwatch();
  hooks.phase?.('finding candidate pairs', 0, t.n);
  const cand = candidatePairs(t, BLOCK_RULES[s.level]);
  lap('blocking');
  const random = randomPairs(t.n, s.randomPairs, s.seed);
  const scored = await scoreCandidates(t, s.level, cand, random, (t.n * (t.n - 1)) / 2 || 1, hooks, lap);
  const { model, comps, gammas, weight, prob, total } = scored;
  const k = comps.length;
  const one = new Int8Array(k);
  const scratch = new Array<number>(k).fill(0);
  const score = (i: number, j: number) => {
    for (let c = 0; c < k; c++) one[c] = comps[c]!.compare(t, i, j);
    return probabilityOf(weightOf(model, t, comps, one, 0, i, scratch));
  };
  hooks.phase?.('clustering', 0, total);
  const clusters = clusterPairs(t.n, cand.a, cand.b, prob, score, {
    threshold: s.mergeAt,
    groupAgreement: s.groupAgreement,
    differentBelow: s.differentBelow,
    maxSize: s.maxClusterSize,
    mustLink: hooks.mustLink ?? [],
    cannotLink: hooks.cannotLink ?? [],
  });
  lap('clustering');
  // Keep the pairs worth showing: merged or doubtful.
  const keep: number[] = [];
  for (let p = 0; p < total; p++) if (prob[p]! >= s.reviewFrom) keep.push(p);
  keep.sort((p, q) => prob[q]! - prob[p]! || p - q);
  const pairs: ScoredPairs = {
    a: Int32Array.from(keep, (p) => cand.a[p]!),
    b: Int32Array.from(keep, (p) => cand.b[p]!),
    weight: Float32Array.from(keep, (p) => weight[p]!),
    prob: Float32Array.from(keep, (p) => prob[p]!),
    gammas: new Int8Array(keep.length * k),
  };
  keep.forEach((p, x) => pairs.gammas.set(gammas.subarray(p * k, p * k + k), x * k));
  lap('collecting');
  return { model, comparisons: comps, pairs, clusterOf: clusters.clusterOf, candidates: total, perRule: cand.perRule, refusedLinks: clusters.refused, timings };
}


interface Scored {
  model: MatchModel;
  comps: Comparison[];
  gammas: Int8Array;
  weight: Float32Array;
  prob: Float32Array;
  total: number;
}

/**
 * Compares the candidate pairs (and the random ones, for u), learns m and the share of duplicates by EM (with the
 * user's decisions as labeled pairs), and scores every candidate. `allPairs`: how many pairs the prior spreads over.
 */
async function scoreCandidates(
  t: MatchTable,
  level: MatchLevel,
  cand: { a: Int32Array; b: Int32Array },
  random: { a: Int32Array; b: Int32Array },
  allPairs: number,
  hooks: DedupeHooks,
  lap: (name: string) => void,
): Promise<Scored> {
  const comps = comparisonsFor(level);
  const k = comps.length;
  const source: GammaSource = hooks.gammas ?? ((a, b) => Promise.resolve(gammasOf(t, comps, a, b)));
  // Random pairs (for u) and candidate pairs go to the source together, so every thread stays busy.
  const total = cand.a.length;
  hooks.phase?.('comparing pairs', 0, total);
  const randomGammas = Promise.all(chunks(random.a.length).map(([from, to]) => source(random.a.subarray(from, to), random.b.subarray(from, to))));
  const pending = chunks(total).map(([from, to]) => ({ from, to, gammas: source(cand.a.subarray(from, to), cand.b.subarray(from, to)) }));
  const gammas = new Int8Array(total * k);
  for (const c of pending) {
    gammas.set(await c.gammas, c.from * k);
    hooks.phase?.('comparing pairs', c.to, total);
  }
  const rg = await randomGammas;
  const randomAll = new Int8Array(random.a.length * k);
  let at = 0;
  for (const g of rg) {
    randomAll.set(g, at);
    at += g.length;
  }
  const uRandom = uFromGammas(randomAll, comps);
  const randomCount = random.a.length;
  lap('comparing');
  const { patterns, counts, index } = patternsOf(gammas, k);
  // Decided pairs that are candidates count once, with their known answer (below), not also as unknowns.
  const decidedCodes = new Set([...(hooks.mustLink ?? []), ...(hooks.cannotLink ?? [])].map(([i, j]) => Math.min(i, j) * t.n + Math.max(i, j)));
  const emCounts = decidedCodes.size === 0 ? counts : Float64Array.from(counts);
  if (decidedCodes.size > 0) for (let p = 0; p < total; p++) if (decidedCodes.has(cand.a[p]! * t.n + cand.b[p]!)) emCounts[index[p]!]!--;
  // The user's decisions refine the weights: their pairs enter EM with a known answer.
  const decided = [...(hooks.mustLink ?? []).map((p) => [p, 1] as const), ...(hooks.cannotLink ?? []).map((p) => [p, 0] as const)];
  const labeled = { patterns: new Int8Array(decided.length * k), same: Uint8Array.from(decided, ([, same]) => same) };
  decided.forEach(([[i, j]], x) => {
    for (let c = 0; c < k; c++) labeled.patterns[x * k + c] = comps[c]!.compare(t, i, j);
  });
  const em = expectationMaximization(patterns, emCounts, comps, uRandom, 100, labeled);
  // The prior of a random pair: the duplicates EM found among candidates spread over all pairs.
  const prior = Math.min(0.5, Math.max(1e-9, (em.lambda * total) / allPairs));
  const model = buildModel(level, comps, em.m, uRandom, prior, em.lambda, em.iterations, randomCount);
  lap('learning weights');
  // Weight per pair: per pattern when no top level needs its value's frequency, else worked out for the pair.
  const tfComps = comps.map((c, ci) => (c.tf ? ci : -1)).filter((ci) => ci >= 0);
  const patternWeight = new Float64Array(counts.length);
  const patternHasTf = new Uint8Array(counts.length);
  for (let p = 0; p < counts.length; p++) {
    const g = patterns.subarray(p * k, p * k + k);
    patternWeight[p] = pairWeight(model, t, comps, g, null).total;
    patternHasTf[p] = tfComps.some((ci) => g[ci] === comps[ci]!.levels.length - 1) ? 1 : 0;
  }
  const weight = new Float32Array(total);
  const prob = new Float32Array(total);
  const scratch = new Array<number>(k).fill(0);
  for (let p = 0; p < total; p++) {
    const pat = index[p]!;
    // Term frequency moves a weight by a few bits at most: a pattern far below any threshold (p < 10⁻⁶) stays there.
    const w = patternHasTf[pat] && patternWeight[pat]! > TF_IRRELEVANT_BELOW ? weightOf(model, t, comps, gammas, p * k, cand.a[p]!, scratch) : patternWeight[pat]!;
    weight[p] = w;
    prob[p] = probabilityOf(w);
  }
  lap('scoring');
  return { model, comps, gammas, weight, prob, total };
}

export interface LinkResult {
  model: MatchModel;
  comparisons: Comparison[];
  /** Cross pairs at or above reviewFrom, strongest first; a is the side-0 record, b the side-1 record. */
  pairs: ScoredPairs;
  candidates: number;
  timings: Record<string, number>;
}

/**
 * Record linkage: which side-0 records are the same entity as a side-1 record (a suppression entry, a customer, a
 * record mailed before)? Only cross pairs are made and scored; u comes from random cross pairs and the prior spreads
 * the duplicates EM finds over every side-0 × side-1 pair. Records with a negative side take no part.
 */
export async function link(t: MatchTable, side: Int8Array, s: DedupeSettings, hooks: DedupeHooks = {}): Promise<LinkResult> {
  const { timings, lap } = stopwatch();
  const zeros: number[] = [];
  const ones: number[] = [];
  for (let i = 0; i < t.n; i++) if (side[i] === 0) zeros.push(i);
  else if (side[i] === 1) ones.push(i);
  const comps = comparisonsFor(s.level);
  const empty: LinkResult = {
    model: buildModel(s.level, comps, comps.map((c) => [...c.typicalM]), comps.map((c) => c.levels.map(() => 1 / c.levels.length)), 1e-9, 0, 0, 0),
    comparisons: comps,
    pairs: { a: new Int32Array(0), b: new Int32Array(0), weight: new Float32Array(0), prob: new Float32Array(0), gammas: new Int8Array(0) },
    candidates: 0,
    timings,
  };
  if (zeros.length === 0 || ones.length === 0) return empty;
  hooks.phase?.('finding candidate pairs', 0, t.n);
  const cand = candidatePairs(t, BLOCK_RULES[s.level], side);
  lap('blocking');
  const random = randomCrossPairs(zeros, ones, s.randomPairs, s.seed);
  const { model, gammas, weight, prob, total } = await scoreCandidates(t, s.level, cand, random, zeros.length * ones.length, hooks, lap);
  const k = comps.length;
  const keep: number[] = [];
  for (let p = 0; p < total; p++) if (prob[p]! >= s.reviewFrom) keep.push(p);
  keep.sort((p, q) => prob[q]! - prob[p]! || p - q);
  // candidatePairs orders each pair by index; the result names the side-0 record first.
  const first = (p: number) => (side[cand.a[p]!] === 0 ? cand.a[p]! : cand.b[p]!);
  const second = (p: number) => (side[cand.a[p]!] === 0 ? cand.b[p]! : cand.a[p]!);
  const pairs: ScoredPairs = {
    a: Int32Array.from(keep, first),
    b: Int32Array.from(keep, second),
    weight: Float32Array.from(keep, (p) => weight[p]!),
    prob: Float32Array.from(keep, (p) => prob[p]!),
    gammas: new Int8Array(keep.length * k),
  };
  keep.forEach((p, x) => pairs.gammas.set(gammas.subarray(p * k, p * k + k), x * k));
  lap('collecting');
  return { model, comparisons: comps, pairs, candidates: total, timings };
}

/** Random pairs of one side-0 and one side-1 record (every such pair when there are fewer than `samples`), seeded. */
export function randomCrossPairs(zeros: readonly number[], ones: readonly number[], samples: number, seed = 1): { a: Int32Array; b: Int32Array } {
  const total = zeros.length * ones.length;
  if (total <= samples) {
    const a = new Int32Array(total);
    const b = new Int32Array(total);
    let p = 0;
    for (const i of zeros) for (const j of ones) {
      a[p] = i;
      b[p++] = j;
    }
    return { a, b };
  }
  const r = seededRandom(seed);
  const a = new Int32Array(samples);
  const b = new Int32Array(samples);
  for (let x = 0; x < samples; x++) {
    a[x] = zeros[Math.floor(r() * zeros.length)]!;
    b[x] = ones[Math.floor(r() * ones.length)]!;
  }
  return { a, b };
}

function chunks(total: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 0; from < total; from += CHUNK) out.push([from, Math.min(total, from + CHUNK)]);
  return out;
}

/** Plain words for one pair: each comparison that said something, strongest evidence first, with its weight. */
export function explainPair(t: MatchTable, comps: readonly Comparison[], model: MatchModel, i: number, j: number): { text: string; weight: number; parts: { field: string; says: string; weight: number }[] } {
  const g = comps.map((c) => c.compare(t, i, j));
  const w = pairWeight(model, t, comps, g, i);
  const parts = comps
    .map((c, ci) => (g[ci] === NULL_LEVEL ? null : { field: c.label, says: c.describe(t, i, j, g[ci]!), weight: Math.round(w.parts[ci]! * 10) / 10 }))
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  return { text: parts.map((p) => p.says).join('; '), weight: w.total, parts };
}
