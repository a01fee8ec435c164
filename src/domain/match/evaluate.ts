// Pairwise precision, recall and F1 of a clustering against the truth: a true pair is two rows of one entity, a found pair two rows in one cluster.

export interface PairScores {
  rows: number;
  truePairs: number;
  foundPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairsIn = (sizes: Iterable<number>) => {
  let s = 0;
  for (const n of sizes) s += (n * (n - 1)) / 2;
  return s;
};

/** `truth[i]` and `found[i]` label row i; rows with equal labels are one entity / one cluster. */
export function pairScores(truth: readonly (string | number)[], found: readonly (string | number)[]): PairScores {
  if (truth.length !== found.length) throw new Error(`truth has ${truth.length} rows but the clustering has ${found.length}`);
  const t = new Map<string | number, number>();
  const f = new Map<string | number, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < truth.length; i++) {
    t.set(truth[i]!, (t.get(truth[i]!) ?? 0) + 1);
    f.set(found[i]!, (f.get(found[i]!) ?? 0) + 1);
    const k = `${truth[i]}\u0000${found[i]}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const truePairs = pairsIn(t.values());
  const foundPairs = pairsIn(f.values());
  const correctPairs = pairsIn(both.values());
  const precision = foundPairs === 0 ? 1 : correctPairs / foundPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { rows: truth.length, truePairs, foundPairs, correctPairs, precision, recall, f1 };
}
