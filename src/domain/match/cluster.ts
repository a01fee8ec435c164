// Clusters from scored pairs: strongest links first, and two groups join only when most of their cross pairs are not
// clearly different people, so one record that resembles two different people cannot chain them into one cluster.

export interface ClusterOptions {
  /** Pairs at or above this probability link records. */
  threshold: number;
  /** A cross pair below this probability is "clearly different people". */
  differentBelow: number;
  /** Groups of more than one record join only when fewer than this share of their cross pairs are clearly different. */
  groupAgreement: number;
  /** No cluster grows past this many records. */
  maxSize: number;
  /** Pairs the user said are the same (joined whatever their score) and not the same (never in one cluster). */
  mustLink?: readonly (readonly [number, number])[];
  cannotLink?: readonly (readonly [number, number])[];
}

export interface ClusterResult {
  /** Cluster of each record: the smallest record index in it. */
  clusterOf: Int32Array;
  /** Links refused because the groups disagreed as a whole (chaining guard) or a cluster would grow too big. */
  refused: number;
}

/**
 * `score(i, j)` gives the probability of any pair (used for cross pairs that were not candidates). `a`, `b`, `prob` are
 * the candidate pairs.
 */
export function clusterPairs(n: number, a: ArrayLike<number>, b: ArrayLike<number>, prob: ArrayLike<number>, score: (i: number, j: number) => number, o: ClusterOptions): ClusterResult {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const members = new Map<number, number[]>();
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const group = (r: number) => members.get(r) ?? [r];
  // Links at or above the threshold are looked up; any other cross pair is scored again (few are needed).
  const known = new Map<number, number>();
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  for (let p = 0; p < prob.length; p++) if (prob[p]! >= o.threshold) known.set(key(a[p]!, b[p]!), prob[p]!);
  const cannot = new Set<number>((o.cannotLink ?? []).map(([i, j]) => key(i, j)));
  const prob2 = (i: number, j: number) => (cannot.has(key(i, j)) ? 0 : known.get(key(i, j)) ?? score(i, j));
  const union = (ra: number, rb: number) => {
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    const merged = group(keep).concat(group(gone));
    parent[gone] = keep;
    members.set(keep, merged);
    members.delete(gone);
  };
  const conflicts = (ga: number[], gb: number[]) => {
    if (cannot.size === 0) return false;
    for (const x of ga) for (const y of gb) if (cannot.has(key(x, y))) return true;
    return false;
  };
  // User links first: they hold whatever the scores say, unless they contradict a "not the same".
  for (const [i, j] of o.mustLink ?? []) {
    const ri = find(i);
    const rj = find(j);
    if (ri !== rj && !conflicts(group(ri), group(rj))) union(ri, rj);
  }
  const order: number[] = [];
  for (let p = 0; p < prob.length; p++) if (prob[p]! >= o.threshold && !cannot.has(key(a[p]!, b[p]!))) order.push(p);
  order.sort((p, q) => prob[q]! - prob[p]! || p - q);
  let refused = 0;
  for (const p of order) {
    const ra = find(a[p]!);
    const rb = find(b[p]!);
    if (ra === rb) continue;
    const ga = group(ra);
    const gb = group(rb);
    if (ga.length + gb.length > o.maxSize || conflicts(ga, gb)) {
      refused++;
      continue;
    }
    if (ga.length + gb.length > 2) {
      let different = 0;
      for (const x of ga) for (const y of gb) if (prob2(x, y) < o.differentBelow) different++;
      if (different >= o.groupAgreement * ga.length * gb.length) {
        refused++;
        continue;
      }
    }
    union(ra, rb);
  }
  const clusterOf = new Int32Array(n);
  for (let i = 0; i < n; i++) clusterOf[i] = find(i);
  return { clusterOf, refused };
}
