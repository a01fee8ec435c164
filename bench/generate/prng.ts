// Seeded randomness for the list generator: xoshiro128** streams keyed by (seed, ids…), identical on every platform.

/** murmur3's 32-bit finalizer: a cheap, well-mixed hash of one 32-bit word. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Folds a seed and any number of integer keys into one 32-bit key. Used to give every entity and every row its own
 * stream, so any row can be produced without producing the rows before it.
 */
export function hashKey(seed: number, ...keys: number[]): number {
  // Seeds may exceed 32 bits (e.g. 20250101123); fold both halves in.
  let h = fmix32((seed >>> 0) ^ 0x2545f491);
  h = fmix32(h ^ Math.floor(seed / 4294967296) ^ 0x9e3779b9);
  for (const k of keys) h = fmix32((h + Math.imul(k | 0, 0x27d4eb2f) + 0x165667b1) >>> 0);
  return h;
}

/** xoshiro128** (Blackman & Vigna): fast, 128-bit state, good statistical quality for simulation. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: number) {
    // splitmix32 expands the key into four state words; the state is never all zero.
    let s = key >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      return fmix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Picks indexes with given relative weights (cumulative table + binary search). */
export class Weighted {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  index(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A weighted choice among labelled options: `choose(rng, {a: 3, b: 1})` returns 'a' three times as often as 'b'. */
export function weightedKeys<K extends string>(weights: Record<K, number>): (rng: Rng) => K {
  const keys = Object.keys(weights) as K[];
  const table = new Weighted(keys.map((k) => weights[k]));
  return (rng) => keys[table.index(rng)]!;
}
