// Field comparisons: each turns two records into an agreement level (or null when a side is missing) and says it in words.
import type { MatchLevel } from '../../api/contract';
import type { MatchField } from './features';
import { jaroWinkler, jaroWinklerAtLeast as jwAtLeast, tokenProfile, tokenSetOf, tokenSetSimilarity, withinOneEdit, type TokenProfile } from './similarity';
import type { MatchTable } from './table';

export { MATCH_LEVELS, type MatchLevel } from '../../api/contract';

/** Level -1: a side has no value, so the field says nothing. */
export const NULL_LEVEL = -1;

export interface Comparison {
  key: string;
  label: string;
  /** Names of the levels, lowest agreement first; the last is the strongest. */
  levels: readonly string[];
  /** Agreement level of records i and j, or NULL_LEVEL. */
  compare(t: MatchTable, i: number, j: number): number;
  /** The field whose value's frequency adjusts the weight of the top level ("Smith" counts less than "Kowalski"). */
  tf?: MatchField;
  /** The comparison in plain words ("first names Bob/Robert are nicknames"). */
  describe(t: MatchTable, i: number, j: number, level: number): string;
  /**
   * Comparisons of one group tell the same story (surname, address, phone and employer all say "this household or
   * workplace"), so together they count as much as "same household or workplace" can, not as the product of each (see
   * model.ts); at person level the first name, birth date and e-mail then say which member it is.
   */
  group?: 'location';
  /**
   * m per level in typical lists (how true duplicates compare): EM starts from it and it weighs as a few dozen
   * pairs' worth of evidence, so a small file, where EM has little to learn from, still gets sensible weights.
   */
  typicalM: readonly number[];
  /** u per level in typical lists, when it is not "different" for nearly all pairs (the default). */
  typicalU?: readonly number[];
  /** Upper bounds on m per level: what the level means at this match level, held whatever EM finds (null = free). */
  mCap?: readonly (number | null)[];
}

/**
 * At person level, records of one household or one workplace share everything but the first name; a true duplicate
 * seldom has a wholly different first name. Without this bound EM learns "same household" as "same person".
 */
const FIRST_NAME_DIFFERS_AT_MOST = 0.05;

/** Jr and Sr, II and III: a different generational suffix is a different person (father and son share the rest). */
const SUFFIX_DIFFERS_AT_MOST = 0.002;

function asPerson(c: Comparison, differsAtMost = FIRST_NAME_DIFFERS_AT_MOST): Comparison {
  return { ...c, mCap: [differsAtMost, ...c.levels.slice(1).map(() => null)] };
}

function inLocation(c: Comparison): Comparison {
  return { ...c, group: 'location' };
}

const v = (t: MatchTable, f: MatchField, i: number) => t.cols[f].values[t.cols[f].ids[i]!]!;
const id = (t: MatchTable, f: MatchField, i: number) => t.cols[f].ids[i]!;
const cap = (s: string) => s.replace(/(^|[ -])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
const up = (s: string) => s.toUpperCase();

/** Slots of a pair memo (a power of two): 1M pairs, 9 MB, cleared when 70% full. */
const MEMO_SLOTS = 1 << 20;

/**
 * Memoizes a level per pair of value ids: first names, surnames and cities repeat, so most comparisons are a lookup.
 * An open-addressing table over typed arrays (a Map costs several times more per lookup). Where values rarely repeat
 * (streets, e-mails) the memo would only cost, so it turns itself off after a trial.
 */
function pairMemo(compute: (a: number, b: number) => number): (a: number, b: number) => number {
  let keys: Float64Array | null = null;
  let levels: Int8Array | null = null;
  let size = 0;
  let lookups = 0;
  let hits = 0;
  let on = true;
  return (a, b) => {
    if (a === b || !on) return compute(a, b);
    if (!keys) {
      keys = new Float64Array(MEMO_SLOTS).fill(-1);
      levels = new Int8Array(MEMO_SLOTS);
    }
    const key = a < b ? a * 67108864 + b : b * 67108864 + a;
    let slot = (Math.imul(a ^ (b << 7), 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & (MEMO_SLOTS - 1);
    lookups++;
    for (;;) {
      const k = keys[slot]!;
      if (k === key) {
        hits++;
        return levels![slot]!;
      }
      if (k === -1) break;
      slot = (slot + 1) & (MEMO_SLOTS - 1);
    }
    const r = compute(a, b);
    if (size > MEMO_SLOTS * 0.7) {
      keys.fill(-1);
      size = 0;
    } else {
      keys[slot] = key;
      levels![slot] = r;
      size++;
    }
    if (lookups === 200_000 && hits < lookups * 0.3) {
      on = false;
      keys = null;
      levels = null;
    }
    return r;
  };
}

/** A pair memo over the values of the table being compared, made again when a different table comes in. */
function memoPerTable(make: (t: MatchTable) => (a: number, b: number) => number): (t: MatchTable) => (a: number, b: number) => number {
  let memo: ((a: number, b: number) => number) | null = null;
  let memoFor: MatchTable | null = null;
  return (t) => {
    if (memoFor !== t || !memo) {
      memoFor = t;
      memo = pairMemo(make(t));
    }
    return memo;
  };
}

/** Token profiles of a column's values, made on first use. */
function profiles(t: MatchTable, f: MatchField): (id: number) => TokenProfile {
  const cache: (TokenProfile | undefined)[] = new Array(t.cols[f].values.length);
  return (id) => (cache[id] ??= tokenProfile(t.cols[f].values[id]!));
}

/** Street or company similarity: whole value, word order ignored, or the shorter one's words all in the longer. */
function wordsSimilar(x: string, y: string, px: TokenProfile, py: TokenProfile, threshold: number): boolean {
  // Values without a word in common and with different beginnings are not similar: skips the string work for most pairs.
  if (x.charCodeAt(0) !== y.charCodeAt(0) && !shareWord(px, py)) return false;
  return jwAtLeast(x, y, threshold) || ((px.tokens.length > 1 || py.tokens.length > 1) && jwAtLeast(px.sorted, py.sorted, threshold)) || tokenSetOf(px.tokens, py.tokens) >= 0.99;
}

function shareWord(px: TokenProfile, py: TokenProfile): boolean {
  for (const w of px.tokens) if (w.length >= 3 && py.words.has(w)) return true;
  return false;
}

function firstName(): Comparison {
  const level = (t: MatchTable) => (a: number, b: number): number => {
    if (a === b) return 4;
    const x = t.cols.first.values[a]!;
    const y = t.cols.first.values[b]!;
    if (t.firstGroup[a]!.has(y) || t.firstGroup[b]!.has(x)) return 3;
    if (jwAtLeast(x, y, 0.92) || (x.length >= 4 && y.length >= 4 && withinOneEdit(x, y))) return 2;
    if ((x.length === 1 || y.length === 1) && x[0] === y[0]) return 1;
    return 0;
  };
  const memo = memoPerTable(level);
  const compare = (t: MatchTable, i: number, j: number) => {
    const a = id(t, 'first', i);
    const b = id(t, 'first', j);
    if (a === 0 || b === 0) return NULL_LEVEL;
    const l = memo(t)(a, b);
    if (l < 2 && swapped(t, i, j)) return 2;
    return l;
  };
  return {
    key: 'first_name',
    label: 'First name',
    levels: ['different', 'initial', 'similar', 'nickname', 'same'],
    typicalM: [0.03, 0.03, 0.08, 0.06, 0.8],
    compare,
    tf: 'first',
    describe(t, i, j, l) {
      const a = cap(v(t, 'first', i));
      const b = cap(v(t, 'first', j));
      if (l === 4) return `first name ${a} agrees`;
      if (l === 3) return `first names ${a}/${b} are nicknames`;
      if (l === 2) return swapped(t, i, j) && jaroWinkler(a, b) < 0.92 ? `first and last names swapped (${a} ${cap(v(t, 'last', i))} / ${b} ${cap(v(t, 'last', j))})` : `first names ${a}/${b} are similar`;
      if (l === 1) return `first initial ${a[0] ?? ''} agrees (${a}/${b})`;
      return `first names ${a}/${b} differ`;
    },
  };
}

/** First and last name given the other way round ("Smith John" / "John Smith"). */
function swapped(t: MatchTable, i: number, j: number): boolean {
  const fi = v(t, 'first', i);
  const lj = v(t, 'last', j);
  const li = v(t, 'last', i);
  const fj = v(t, 'first', j);
  if (!fi || !lj || !li || !fj) return false;
  // Each first name against the other's surname: the same, a nickname of it (Sam Richardson / Richardson Sammy), or
  // Jaro-Winkler ≥ 0.92 (which names differing in both of their first two letters never reach).
  const like = (first: string, firstId: number, other: string) =>
    first === other || t.firstGroup[firstId]!.has(other) || ((first[0] === other[0] || first[1] === other[1]) && jwAtLeast(first, other, 0.92));
  return like(fi, id(t, 'first', i), lj) && like(fj, id(t, 'first', j), li);
}

function lastName(): Comparison {
  const memo = memoPerTable((t) => (p, q) => {
    if (p === q) return 3;
    const x = t.cols.last.values[p]!;
    const y = t.cols.last.values[q]!;
    if (jwAtLeast(x, y, 0.92) || (x.length >= 5 && withinOneEdit(x, y))) return 2;
    if (t.lastSound[p] === t.lastSound[q] || ((x.includes(' ') || y.includes(' ')) && tokenSetSimilarity(x, y) >= 1)) return 1;
    return 0;
  });
  return {
    key: 'last_name',
    label: 'Last name',
    levels: ['different', 'sounds alike', 'similar', 'same'],
    typicalM: [0.03, 0.05, 0.1, 0.82],
    tf: 'last',
    compare(t, i, j) {
      const a = id(t, 'last', i);
      const b = id(t, 'last', j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      const l = memo(t)(a, b);
      if (l < 2 && swapped(t, i, j)) return 2;
      return l;
    },
    describe(t, i, j, l) {
      const a = cap(v(t, 'last', i));
      const b = cap(v(t, 'last', j));
      if (l === 3) return `last name ${a} agrees`;
      if (l === 2) return swapped(t, i, j) && jaroWinkler(a, b) < 0.92 ? `names swapped (${a}/${b})` : `last names ${a}/${b} are similar`;
      if (l === 1) return `last names ${a}/${b} sound alike`;
      return `last names ${a}/${b} differ`;
    },
  };
}

function simpleEqual(key: string, label: string, f: MatchField, words: (a: string, b: string, same: boolean) => string): Comparison {
  return {
    key,
    label,
    levels: ['different', 'same'],
    typicalM: [0.1, 0.9],
    compare(t, i, j) {
      const a = id(t, f, i);
      const b = id(t, f, j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      if (a === b) return 1;
      // An initial agrees with the name it stands for.
      const x = t.cols[f].values[a]!;
      const y = t.cols[f].values[b]!;
      return (x.length === 1 || y.length === 1) && x[0] === y[0] ? 1 : 0;
    },
    describe: (t, i, j, l) => words(v(t, f, i), v(t, f, j), l === 1),
  };
}

/**
 * Generational suffix. One record with "Jr" and the other with none is its own level: the suffix may have been dropped,
 * or the two are father and son at one address; the data says how often each happens.
 */
function suffix(): Comparison {
  return {
    key: 'suffix',
    label: 'Suffix',
    levels: ['different', 'only one has one', 'same'],
    typicalM: [0.002, 0.2, 0.798],
    // Most people have no suffix, so two different people with any suffix between them mostly have it on one side.
    typicalU: [0.05, 0.9, 0.05],
    compare(t, i, j) {
      const a = id(t, 'suffix', i);
      const b = id(t, 'suffix', j);
      if (a === 0 && b === 0) return NULL_LEVEL;
      if (a === 0 || b === 0) return id(t, 'first', i) !== 0 && id(t, 'first', j) !== 0 ? 1 : NULL_LEVEL;
      return a === b ? 2 : 0;
    },
    describe(t, i, j, l) {
      const a = cap(v(t, 'suffix', i));
      const b = cap(v(t, 'suffix', j));
      if (l === 2) return `suffix ${a} agrees`;
      if (l === 1) return `only one record has a suffix (${a || b})`;
      return `suffixes ${a}/${b} differ (a father and son?)`;
    },
  };
}

/** Days since 1 Jan 1900 of a YYYYMMDD date (approximate months are fine for "within a month"), or null. */
function dayNumber(d: string): number | null {
  if (d.length !== 8) return null;
  const y = +d.slice(0, 4);
  const m = +d.slice(4, 6);
  const day = +d.slice(6, 8);
  if (!(m >= 1 && m <= 12 && day >= 1 && day <= 31)) return null;
  return Date.UTC(y, m - 1, day) / 86_400_000;
}

function dateOfBirth(): Comparison {
  return {
    key: 'birth_date',
    label: 'Date of birth',
    levels: ['different', 'within a year', 'within a month', 'one slip', 'same'],
    typicalM: [0.05, 0.05, 0.05, 0.1, 0.75],
    compare(t, i, j) {
      const a = id(t, 'dob', i);
      const b = id(t, 'dob', j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      if (a === b) return 4;
      const x = t.cols.dob.values[a]!;
      const y = t.cols.dob.values[b]!;
      if (withinOneEdit(x, y)) return 3;
      // Day and month the other way round.
      if (x.length === 8 && y.length === 8 && x.slice(0, 4) === y.slice(0, 4) && x.slice(4, 6) === y.slice(6, 8) && x.slice(6, 8) === y.slice(4, 6)) return 3;
      const dx = dayNumber(x);
      const dy = dayNumber(y);
      if (dx === null || dy === null) return 0;
      const days = Math.abs(dx - dy);
      return days <= 31 ? 2 : days <= 366 ? 1 : 0;
    },
    describe(t, i, j, l) {
      const a = v(t, 'dob', i);
      const b = v(t, 'dob', j);
      const show = (s: string) => (s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : s);
      if (l === 4) return `date of birth ${show(a)} agrees`;
      if (l === 3) return `dates of birth ${show(a)}/${show(b)} differ by one slip`;
      if (l === 2) return `dates of birth ${show(a)}/${show(b)} are within a month`;
      if (l === 1) return `dates of birth ${show(a)}/${show(b)} are within a year`;
      return `dates of birth ${show(a)}/${show(b)} differ`;
    },
  };
}

function digitsField(key: string, label: string, f: MatchField, noun: string): Comparison {
  return {
    key,
    label,
    levels: ['different', 'one digit off', 'same'],
    typicalM: [0.15, 0.05, 0.8],
    compare(t, i, j) {
      const a = id(t, f, i);
      const b = id(t, f, j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      if (a === b) return 2;
      const x = t.cols[f].values[a]!;
      const y = t.cols[f].values[b]!;
      if (withinOneEdit(x, y)) return 1;
      // Phones: the same local number with and without its area code.
      if (f === 'phone' && x.length >= 7 && y.length >= 7 && x.slice(-7) === y.slice(-7) && (x.length < 10 || y.length < 10)) return 1;
      return 0;
    },
    describe(t, i, j, l) {
      const a = v(t, f, i);
      const b = v(t, f, j);
      if (l === 2) return `same ${noun}`;
      if (l === 1) return `${noun}s ${a}/${b} differ by one digit`;
      return `${noun}s ${a}/${b} differ`;
    },
  };
}

function email(): Comparison {
  return {
    key: 'email',
    label: 'E-mail',
    levels: ['different', 'similar', 'same'],
    typicalM: [0.15, 0.1, 0.75],
    compare(t, i, j) {
      const a = id(t, 'email', i);
      const b = id(t, 'email', j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      if (a === b) return 2;
      const x = t.cols.email.values[a]!;
      const y = t.cols.email.values[b]!;
      const lx = x.slice(0, x.lastIndexOf('@'));
      const ly = y.slice(0, y.lastIndexOf('@'));
      if ((lx.length >= 4 && lx === ly) || jwAtLeast(x, y, 0.95) || (x.length >= 8 && withinOneEdit(x, y))) return 1;
      return 0;
    },
    describe(t, i, j, l) {
      const a = v(t, 'email', i);
      const b = v(t, 'email', j);
      if (l === 2) return `same e-mail ${a}`;
      if (l === 1) return `e-mails ${a}/${b} are similar`;
      return `e-mails ${a}/${b} differ`;
    },
  };
}

/** House number and street together: "street number must agree" is the strongest part of an address. */
function streetAddress(): Comparison {
  // 2 same street, 1 similar street, 0 different.
  const streetLevel = memoPerTable((t) => {
    const prof = profiles(t, 'street');
    return (p, q) => (p === q ? 2 : wordsSimilar(t.cols.street.values[p]!, t.cols.street.values[q]!, prof(p), prof(q), 0.9) ? 1 : 0);
  });
  return {
    key: 'address',
    label: 'Street address',
    levels: ['different', 'other number, same street', 'same number, other street', 'number missing, street agrees', 'same number, similar street', 'same'],
    typicalM: [0.05, 0.01, 0.03, 0.06, 0.15, 0.7],
    tf: 'street',
    compare(t, i, j) {
      const sa = id(t, 'street', i);
      const sb = id(t, 'street', j);
      const na = id(t, 'houseNo', i);
      const nb = id(t, 'houseNo', j);
      if ((sa === 0 && na === 0) || (sb === 0 && nb === 0)) return NULL_LEVEL;
      const numbers = na !== 0 && nb !== 0;
      // Different house numbers: only "same street" (neighbours) is worth telling apart, and that is an id compare.
      const street = sa === 0 || sb === 0 ? -1 : numbers && na !== nb ? (sa === sb ? 1 : 0) : streetLevel(t)(sa, sb);
      const sameNo = numbers && (na === nb || withinOneEdit(t.cols.houseNo.values[na]!, t.cols.houseNo.values[nb]!) && t.cols.houseNo.values[na]!.length >= 3);
      const exactNo = numbers && na === nb;
      if (street === 2 && (exactNo || (!numbers && na === nb))) return 5;
      if (street >= 1 && sameNo) return 4;
      if (street >= 1 && !numbers) return 3;
      if (sameNo) return 2;
      if (street >= 1) return 1;
      return 0;
    },
    describe(t, i, j, l) {
      const na = v(t, 'houseNo', i);
      const nb = v(t, 'houseNo', j);
      const a = up(`${na} ${v(t, 'street', i)}`.trim());
      const b = up(`${nb} ${v(t, 'street', j)}`.trim());
      if (l === 5) return `street address ${a} agrees`;
      if (l === 4) return `street number ${up(na)} agrees; streets ${a}/${b} are similar`;
      if (l === 3) return `street agrees (${a}/${b}), a street number is missing`;
      if (l === 2) return `street number ${up(na)} agrees but streets differ (${a}/${b})`;
      if (l === 1) return `street numbers differ on the same street (${a}/${b})`;
      return `addresses ${a}/${b} differ`;
    },
  };
}

/** City, postcode (and state) together: they say the same thing, so counting each would count the place three times. */
function place(): Comparison {
  const cityLevel = memoPerTable((t) => (p, q) => (p === q ? 2 : jwAtLeast(t.cols.city.values[p]!, t.cols.city.values[q]!, 0.88) ? 1 : 0));
  return {
    key: 'place',
    label: 'City and ZIP',
    levels: ['different', 'nearby', 'same city', 'same ZIP, other city', 'same'],
    typicalM: [0.03, 0.05, 0.07, 0.1, 0.75],
    tf: 'city',
    compare(t, i, j) {
      const pa = id(t, 'postcode', i);
      const pb = id(t, 'postcode', j);
      const ca = id(t, 'city', i);
      const cb = id(t, 'city', j);
      if ((pa === 0 && ca === 0) || (pb === 0 && cb === 0)) return NULL_LEVEL;
      const city = ca === 0 || cb === 0 ? -1 : cityLevel(t)(ca, cb);
      const post = pa === 0 || pb === 0 ? -1 : pa === pb ? 2 : withinOneEdit(t.cols.postcode.values[pa]!, t.cols.postcode.values[pb]!) ? 1 : 0;
      const sa = id(t, 'state', i);
      const sb = id(t, 'state', j);
      const stateDiffers = sa !== 0 && sb !== 0 && sa !== sb;
      if (post === 2 && city !== 0 && city !== 1) return 4;
      if (post === 2) return 3;
      if (city === 2 && !stateDiffers) return 2;
      if ((post === 1 || city >= 1) && !stateDiffers) return 1;
      return 0;
    },
    describe(t, i, j, l) {
      const a = [up(v(t, 'city', i)), up(v(t, 'state', i)), up(v(t, 'postcode', i))].filter(Boolean).join(' ');
      const b = [up(v(t, 'city', j)), up(v(t, 'state', j)), up(v(t, 'postcode', j))].filter(Boolean).join(' ');
      if (l === 4) return `city and ZIP agree (${a})`;
      if (l === 3) return `ZIP ${up(v(t, 'postcode', i))} agrees (${a}/${b})`;
      if (l === 2) return `city ${up(v(t, 'city', i))} agrees (${a}/${b})`;
      if (l === 1) return `places are close (${a}/${b})`;
      return `places differ (${a}/${b})`;
    },
  };
}

function company(): Comparison {
  const memo = memoPerTable((t) => {
    const prof = profiles(t, 'company');
    return (p, q) => {
      if (p === q) return 3;
      const px = prof(p);
      const py = prof(q);
      if (wordsSimilar(t.cols.company.values[p]!, t.cols.company.values[q]!, px, py, 0.93)) return 2;
      return shareWord(px, py) && tokenSetOf(px.tokens, py.tokens) >= 0.5 ? 1 : 0;
    };
  });
  return {
    key: 'company',
    label: 'Company',
    levels: ['different', 'some words shared', 'similar', 'same'],
    typicalM: [0.1, 0.1, 0.2, 0.6],
    tf: 'company',
    compare(t, i, j) {
      const a = id(t, 'company', i);
      const b = id(t, 'company', j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      return memo(t)(a, b);
    },
    describe(t, i, j, l) {
      const a = up(v(t, 'company', i));
      const b = up(v(t, 'company', j));
      if (l === 3) return `company ${a} agrees`;
      if (l === 2) return `companies ${a}/${b} are similar`;
      if (l === 1) return `companies ${a}/${b} share words`;
      return `companies ${a}/${b} differ`;
    },
  };
}

/** Two unit numbers are two delivery points: for one address or household they almost never differ (a keying error). */
const UNIT_DIFFERS_AT_MOST = 0.0005;

/** What identifies a unit: its number, without the designator ("apt 4b", "# 4b", "unit 4b" → "4b"). */
function unitKey(u: string): string {
  const tokens = u.split(' ');
  return tokens.length > 1 && (tokens[0] === '#' || /^[a-z]+$/.test(tokens[0]!)) ? tokens.slice(1).join(' ') : u;
}

function unitNumber(): Comparison {
  const memo = memoPerTable((t) => (p: number, q: number) => (p === q || unitKey(t.cols.unit.values[p]!) === unitKey(t.cols.unit.values[q]!) ? 1 : 0));
  return {
    key: 'unit',
    label: 'Apartment or suite',
    levels: ['different', 'same'],
    typicalM: [0.1, 0.9],
    compare(t, i, j) {
      const a = id(t, 'unit', i);
      const b = id(t, 'unit', j);
      if (a === 0 || b === 0) return NULL_LEVEL;
      return memo(t)(a, b);
    },
    describe: (t, i, j, l) => (l === 1 ? `unit ${up(v(t, 'unit', i))} agrees` : `units ${up(v(t, 'unit', i))}/${up(v(t, 'unit', j))} differ`),
  };
}

/** The comparisons each match level weighs. */
export function comparisonsFor(level: MatchLevel): Comparison[] {
  const unit = unitNumber();
  const phone = digitsField('phone', 'Phone', 'phone', 'phone');
  switch (level) {
    case 'person':
      return [
        asPerson(firstName()),
        simpleEqual('middle', 'Middle name', 'middle', (a, b, same) => (same ? `middle initial ${up(a[0] ?? '')} agrees` : `middle names ${cap(a)}/${cap(b)} differ`)),
        inLocation(lastName()),
        asPerson(suffix(), SUFFIX_DIFFERS_AT_MOST),
        dateOfBirth(),
        digitsField('national_id', 'National ID', 'nid', 'ID number'),
        inLocation(streetAddress()),
        inLocation(unit),
        inLocation(place()),
        email(),
        inLocation(phone),
        inLocation(company()),
      ];
    case 'household':
      return [lastName(), streetAddress(), asPerson(unit, UNIT_DIFFERS_AT_MOST), place(), phone];
    case 'company':
      return [
        company(),
        streetAddress(),
        unit,
        place(),
        phone,
        simpleEqual('work_domain', 'E-mail domain', 'workDomain', (a, b, same) => (same ? `same e-mail domain ${a}` : `e-mail domains ${a}/${b} differ`)),
      ];
    case 'address':
      return [streetAddress(), asPerson(unit, UNIT_DIFFERS_AT_MOST), place()];
  }
}
