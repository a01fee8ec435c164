// String similarity for matching: Jaro-Winkler, one-edit checks, token comparisons, and the folded form values are compared in.
import { distance } from 'fastest-levenshtein';

const NON_ASCII = /\P{ASCII}/u;
const PLAIN_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/**
 * The form every matched value is compared in: NFKD with marks dropped, lower case, letters and digits only, single
 * spaces ("O'Brien-Smith, Jr." → "obrien smith jr"). Apostrophes vanish so O'Brien = OBrien.
 */
export function foldKey(s: string): string {
  if (s === '') return '';
  // Most values are already words of letters and digits: lower-casing is all they need, and gives a flat string
  // (cheap to hash when the value is interned), where building one character by character would not.
  if (PLAIN_WORDS.test(s)) return s.toLowerCase();
  let out = '';
  let space = false;
  // Fast path: plain ASCII needs no normalization.
  const text = NON_ASCII.test(s) ? s.normalize('NFKD').replace(/\p{M}/gu, '') : s;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127) {
      if (c > 127 && !/\p{L}|\p{N}/u.test(text[i]!)) {
        space = out !== '';
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c > 127 ? text[i]!.toLowerCase() : String.fromCharCode(c);
    } else if (c === 39 || c === 0x2019) {
      continue; // apostrophe: O'Brien → obrien
    } else space = out !== '';
  }
  return out;
}

/** The digits of a value ("(212) 555-0100" → "2125550100"). */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

// Scratch buffers for Jaro: grown on demand, never shrunk, so comparing allocates nothing.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro similarity (0-1). */
export function jaro(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transposed = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transposed++;
    k++;
  }
  return (matches / la + matches / lb + (matches - transposed / 2) / matches) / 3;
}

/** Jaro-Winkler similarity (0-1): Jaro with a bonus for a common prefix of up to 4 characters (scale 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j < 0.7) return j;
  let prefix = 0;
  const n = Math.min(4, a.length, b.length);
  while (prefix < n && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

const bag = new Int32Array(128);

/**
 * Whether Jaro-Winkler(a, b) ≥ threshold, rejecting most unlike pairs without running Jaro: the characters the two
 * share (as a bag, ignoring order and distance) bound how many Jaro can match, and so bound the score.
 */
export function jaroWinklerAtLeast(a: string, b: string, threshold: number): boolean {
  if (a === b) return a !== '' || threshold <= 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return threshold <= 0;
  let ascii = true;
  for (let i = 0; i < la && ascii; i++) if (a.charCodeAt(i) > 127) ascii = false;
  for (let i = 0; i < lb && ascii; i++) if (b.charCodeAt(i) > 127) ascii = false;
  if (ascii) {
    for (let i = 0; i < la; i++) bag[a.charCodeAt(i)]!++;
    let common = 0;
    for (let i = 0; i < lb; i++) {
      const c = b.charCodeAt(i);
      if (bag[c]! > 0) {
        bag[c]!--;
        common++;
      }
    }
    for (let i = 0; i < la; i++) bag[a.charCodeAt(i)] = 0;
    const jMax = common === 0 ? 0 : (common / la + common / lb + 1) / 3;
    if (jMax + 0.4 * (1 - jMax) < threshold) return false;
  }
  return jaroWinkler(a, b) >= threshold;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
export const editDistance = distance;

/** True when a and b differ by one substitution, insertion, deletion or one swap of neighbouring characters. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        if (diffs === 0) first = i;
        if (++diffs > 2) return false;
      }
    }
    if (diffs === 1) return true;
    // Two differences: a transposition of neighbours only.
    return first + 1 < la && a[first] === b[first + 1] && a[first + 1] === b[first] && a.slice(first + 2) === b.slice(first + 2);
  }
  return distance(a, b) === 1;
}

/** Tokens of a folded value. */
export function tokensOf(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Token-set similarity (0-1): the share of the shorter value's tokens found in the longer one, a token counting as
 * found when it is equal or (for tokens of 4+ letters) within Jaro-Winkler 0.9. "MAIN ST" vs "N MAIN ST" → 1.
 */
export function tokenSetSimilarity(a: string, b: string): number {
  return tokenSetOf(tokensOf(a), tokensOf(b));
}

/** tokenSetSimilarity over tokens already split. */
export function tokenSetOf(ta: readonly string[], tb: readonly string[]): number {
  if (ta.length === 0 || tb.length === 0) return 0;
  const [small, big] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  let found = 0;
  let letters = 0;
  for (const t of small) {
    if (big.includes(t) || (t.length >= 4 && big.some((u) => u.length >= 4 && jaroWinklerAtLeast(t, u, 0.9)))) {
      found++;
      letters += t.length;
    }
  }
  // A match on one-letter tokens only ("N", "E") says nothing.
  if (letters < 3) return 0;
  return found / small.length;
}

/** A value's tokens, and the value with its tokens sorted: worked out once per distinct value by the comparisons. */
export interface TokenProfile {
  tokens: string[];
  words: ReadonlySet<string>;
  sorted: string;
}

export function tokenProfile(folded: string): TokenProfile {
  const tokens = tokensOf(folded);
  return { tokens, words: new Set(tokens), sorted: tokens.length > 1 ? [...tokens].sort().join(' ') : folded };
}

/** Whether the values with their tokens sorted reach the Jaro-Winkler threshold, so word order does not matter ("SMITH JOHN" vs "JOHN SMITH"). */
export function sortedTokenJwAtLeast(a: string, b: string, threshold: number): boolean {
  // Sorting keeps the characters, so the bag bound of the unsorted values holds for the sorted ones too.
  if (a.indexOf(' ') < 0 && b.indexOf(' ') < 0) return jaroWinklerAtLeast(a, b, threshold);
  const sa = tokensOf(a).sort().join(' ');
  const sb = tokensOf(b).sort().join(' ');
  return jaroWinklerAtLeast(sa, sb, threshold);
}
