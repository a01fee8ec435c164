// Bounded per-value memo tables for the pure normalizers: list columns repeat the same values (names, companies, states).

/** Entries per generation: a table holds at most twice this, a few MB on a million-row job. */
export const MEMO_LIMIT = 50_000;

/**
 * Memoizes a pure one-string function. Only for functions whose result is a primitive or is never mutated by any
 * caller, since the same result is handed out again; object results are copied by the caller's wrapper instead.
 * Two generations: when the young table fills, it becomes the old one and the previous old one is dropped, so values
 * that keep recurring survive (a hit in the old table moves the entry back to the young one).
 */
export function memoize<R extends object | string>(fn: (s: string) => R, limit = MEMO_LIMIT): (s: string) => R {
  let young = new Map<string, R>();
  let old = new Map<string, R>();
  const put = (s: string, value: R) => {
    if (young.size >= limit) {
      old = young;
      young = new Map();
    }
    young.set(s, value);
  };
  // Three Map operations on a miss instead of five: memoized results are never undefined (strings and objects only).
  return (s: string): R => {
    const hit = young.get(s);
    if (hit !== undefined) return hit;
    const aged = old.get(s);
    const value = aged !== undefined ? aged : fn(s);
    put(s, value);
    return value;
  };
}
