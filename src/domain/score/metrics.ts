// How well scores rank outcomes: AUC, stratified folds, and the gains table ("mail the top N to reach X % of responders").
import { seededRandom } from '../random';

/** Area under the ROC curve (Mann–Whitney, ties counted half): the chance a random positive outscores a random negative. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let k = 0; k < n; ) {
    let end = k;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[k]!]) end++;
    const rank = (k + end) / 2 + 1;
    for (let x = k; x <= end; x++) if (labels[order[x]!]) {
      pos++;
      rankSum += rank;
    }
    k = end + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Fold of each row (0..k-1): positives and negatives each dealt round-robin after a seeded shuffle, so every fold has both. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 1): Int32Array {
  const r = seededRandom(seed);
  const fold = new Int32Array(labels.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if ((labels[i] ? 1 : 0) === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((row, x) => (fold[row] = x % k));
  }
  return fold;
}

export interface GainsRow {
  /** Share of the list mailed, best scores first (0.1 = the top 10 %). */
  depth: number;
  /** Records mailed, and responders among them. */
  mailed: number;
  responders: number;
  /** Share of all responders reached. */
  captured: number;
  /** Response rate of the mailed part over the list's average. */
  lift: number;
}

/** Cumulative gains by decile (or `steps` equal parts) of the list sorted by score. */
export function gains(scores: ArrayLike<number>, labels: ArrayLike<number>, steps = 10): GainsRow[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) if (labels[i]) total++;
  const out: GainsRow[] = [];
  let hit = 0;
  let at = 0;
  for (let s = 1; s <= steps; s++) {
    const upto = Math.round((n * s) / steps);
    for (; at < upto; at++) if (labels[order[at]!]) hit++;
    out.push({ depth: s / steps, mailed: upto, responders: hit, captured: total === 0 ? 0 : hit / total, lift: total === 0 || upto === 0 ? 0 : hit / upto / (total / n) });
  }
  return out;
}

/** How many of the best-scored records to mail to reach `share` of the responders. */
export function mailToReach(scores: ArrayLike<number>, labels: ArrayLike<number>, share: number): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let total = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) total++;
  const goal = Math.ceil(total * share);
  let hit = 0;
  for (let k = 0; k < order.length; k++) {
    if (hit >= goal) return k;
    if (labels[order[k]!]) hit++;
  }
  return order.length;
}
