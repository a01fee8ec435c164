// Blocking: the candidate pairs worth comparing, found through several keys so one typo does not hide a duplicate, with
// big blocks ("John" in one ZIP) walked as a sorted neighbourhood so the pair count stays near-linear in the list size.
import type { MatchLevel } from './compare';
import type { MatchField } from './features';
import { soundOf, type MatchTable } from './table';

/** A block key made of one or two columns; records missing any part are not blocked by it. */
export interface BlockRule {
  name: string;
  parts: readonly BlockPart[];
}

/** A column of the table, or a derived one (last-name sound, first-name nickname root, company's first word). */
export type BlockPart = MatchField | DerivedPart;
type DerivedPart = 'lastSound' | 'firstSound' | 'firstRoot' | 'companyWord' | 'nameSounds' | 'dobYear' | 'emailUser';
const DERIVED = new Set<string>(['lastSound', 'firstSound', 'firstRoot', 'companyWord', 'nameSounds', 'dobYear', 'emailUser']);

export const BLOCK_RULES: Readonly<Record<MatchLevel, readonly BlockRule[]>> = {
  person: [
    { name: 'same e-mail', parts: ['email'] },
    { name: 'same phone', parts: ['phone'] },
    { name: 'same ID number', parts: ['nid'] },
    { name: 'same date of birth', parts: ['dob'] },
    { name: 'last name sounds alike, same ZIP', parts: ['lastSound', 'postcode'] },
    { name: 'last name sounds alike, same city', parts: ['lastSound', 'city'] },
    { name: 'first name (or nickname), same ZIP', parts: ['firstRoot', 'postcode'] },
    { name: 'first name (or nickname), last name sounds alike', parts: ['firstRoot', 'lastSound'] },
    { name: 'same street number and ZIP', parts: ['houseNo', 'postcode'] },
    { name: 'same street number and street', parts: ['houseNo', 'street'] },
    { name: 'names sound alike, in either order', parts: ['nameSounds'] },
    { name: 'first name sounds alike, same birth year', parts: ['firstSound', 'dobYear'] },
    { name: 'last name sounds alike, same birth year', parts: ['lastSound', 'dobYear'] },
    { name: 'same e-mail user name', parts: ['emailUser'] },
  ],
  household: [
    { name: 'last name sounds alike, same ZIP', parts: ['lastSound', 'postcode'] },
    { name: 'same street number and ZIP', parts: ['houseNo', 'postcode'] },
    { name: 'same street number and street', parts: ['houseNo', 'street'] },
    { name: 'same phone', parts: ['phone'] },
  ],
  company: [
    { name: 'same company', parts: ['company'] },
    { name: 'company first word, same ZIP', parts: ['companyWord', 'postcode'] },
    { name: 'company first word, same city', parts: ['companyWord', 'city'] },
    { name: 'same phone', parts: ['phone'] },
    { name: 'same street number and ZIP', parts: ['houseNo', 'postcode'] },
    { name: 'same street number and street', parts: ['houseNo', 'street'] },
  ],
  address: [
    { name: 'same street number and ZIP', parts: ['houseNo', 'postcode'] },
    { name: 'same street number and street', parts: ['houseNo', 'street'] },
    { name: 'same street and ZIP', parts: ['street', 'postcode'] },
  ],
};

/** Blocks up to this size are compared in full; bigger ones as a sorted neighbourhood. */
export const FULL_BLOCK = 6;
/** Neighbours each record of a big block is compared with. */
export const WINDOW = 2;

export interface CandidatePairs {
  a: Int32Array;
  b: Int32Array;
  /** Pairs each rule produced before de-duplication. */
  perRule: { rule: string; pairs: number; blocks: number; biggest: number }[];
}

/** Derived column ids per record for the block parts that are not table columns. */
function derivedIds(t: MatchTable, part: DerivedPart): { ids: Int32Array; size: number } {
  const intern = new Map<string, number>([['', 0]]);
  const ids = new Int32Array(t.n);
  const sound = (v: string) => (v === '' ? '' : soundOf(v));
  const byValue = (f: 'first' | 'last' | 'company' | 'dob' | 'email', key: (v: string, id: number) => string) => {
    const col = t.cols[f];
    const perValue = col.values.map((v, vid) => {
      const k = v === '' ? '' : key(v, vid);
      let id = intern.get(k);
      if (id === undefined) intern.set(k, (id = intern.size));
      return id;
    });
    for (let i = 0; i < t.n; i++) ids[i] = perValue[col.ids[i]!]!;
  };
  switch (part) {
    case 'lastSound':
      byValue('last', (_, id) => t.lastSound[id]!);
      break;
    case 'firstSound':
      byValue('first', sound);
      break;
    case 'firstRoot':
      // The group's first name in sort order stands for all of them (bob, robert, bobby → bob).
      byValue('first', (v, id) => {
        const g = t.firstGroup[id]!;
        return g.size > 0 ? [...g].sort()[0]! : v;
      });
      break;
    case 'companyWord':
      byValue('company', (v) => v.split(' ')[0] ?? '');
      break;
    case 'dobYear':
      byValue('dob', (v) => (v.length === 8 ? v.slice(0, 4) : ''));
      break;
    case 'emailUser':
      byValue('email', (v) => {
        const user = v.slice(0, v.lastIndexOf('@'));
        return user.length >= 4 ? user : '';
      });
      break;
    case 'nameSounds': {
      const fs = t.cols.first.values.map(sound);
      const ls = t.cols.last.values.map(sound);
      for (let i = 0; i < t.n; i++) {
        const a = fs[t.cols.first.ids[i]!]!;
        const b = ls[t.cols.last.ids[i]!]!;
        const k = a === '' || b === '' ? '' : a < b ? `${a}|${b}` : `${b}|${a}`;
        let id = intern.get(k);
        if (id === undefined) intern.set(k, (id = intern.size));
        ids[i] = id;
      }
      break;
    }
  }
  // '' (no key) must be id 0.
  return { ids, size: intern.size + 1 };
}

/**
 * Numbers composite keys 0, 1, 2… in order of first sight: an open-addressing table over typed arrays (a Map with
 * number keys above 2³¹ costs several times more per lookup).
 */
class KeyGroups {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Float64Array(slots).fill(-1);
    this.ids = new Int32Array(slots);
    this.mask = slots - 1;
  }
  idOf(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    let slot = (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) return this.ids[slot]!;
      if (k === -1) {
        this.keys[slot] = key;
        this.ids[slot] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** A growable set of pair codes i * n + j (i < j). */
class PairBuffer {
  codes = new Float64Array(1 << 16);
  length = 0;
  push(code: number) {
    if (this.length === this.codes.length) {
      const grown = new Float64Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.length++] = code;
  }
}

/** Linkage: a block whose two sides make at most this many cross pairs is compared in full. */
export const CROSS_FULL = 64;
/** Linkage in a bigger block: records of the other side looked at around each record, at most, before giving up. */
const CROSS_REACH = 64;

/**
 * Candidate pairs of a table under a level's block rules, each pair once, i < j, ordered. With `side` (linkage), only
 * pairs of a side-0 and a side-1 record are made, and records with a negative side are left out.
 */
export function candidatePairs(t: MatchTable, rules: readonly BlockRule[], side?: Int8Array): CandidatePairs {
  const n = t.n;
  const buf = new PairBuffer();
  const perRule: CandidatePairs['perRule'] = [];
  const derived = new Map<string, { ids: Int32Array; size: number }>();
  const column = (p: BlockPart) => {
    if (DERIVED.has(p)) {
      let d = derived.get(p);
      if (!d) derived.set(p, (d = derivedIds(t, p as DerivedPart)));
      return d;
    }
    const f = p as MatchField;
    return { ids: t.cols[f].ids, size: t.cols[f].values.length };
  };
  // Big blocks are walked in one global order (surname, first name, street, alphabetically), worked out once: members
  // are laid out in that order, so each block comes out sorted.
  const order = globalOrder(t);
  for (const rule of rules) {
    const cols = rule.parts.map(column);
    // Group records by key with a counting sort over the composite key's group numbers.
    const groupOf = new Int32Array(n).fill(-1);
    const groups = new KeyGroups(n);
    for (let i = 0; i < n; i++) {
      let key = 0;
      let missing = false;
      for (const c of cols) {
        const v = c.ids[i]!;
        if (v === 0) {
          missing = true;
          break;
        }
        key = key * c.size + v;
      }
      if (missing || (side !== undefined && side[i]! < 0)) continue;
      groupOf[i] = groups.idOf(key);
    }
    const count = groups.size;
    const sizes = new Int32Array(count + 1);
    for (let i = 0; i < n; i++) if (groupOf[i]! >= 0) sizes[groupOf[i]! + 1]!++;
    for (let g = 1; g <= count; g++) sizes[g]! += sizes[g - 1]!;
    const members = new Int32Array(sizes[count]!);
    const fill = sizes.slice(0, count);
    for (let r = 0; r < n; r++) {
      const i = order[r]!;
      const g = groupOf[i]!;
      if (g >= 0) members[fill[g]!++] = i;
    }
    let pairs = 0;
    let blocks = 0;
    let biggest = 0;
    for (let g = 0; g < count; g++) {
      const from = sizes[g]!;
      const to = sizes[g + 1]!;
      const size = to - from;
      if (size < 2) continue;
      blocks++;
      biggest = Math.max(biggest, size);
      if (side !== undefined) {
        pairs += crossPairs(members, from, to, side, n, buf);
      } else if (size <= FULL_BLOCK) {
        for (let x = from; x < to; x++) for (let y = x + 1; y < to; y++) {
          buf.push(code(members[x]!, members[y]!, n));
          pairs++;
        }
      } else {
        for (let x = from; x < to; x++) for (let y = x + 1; y <= x + WINDOW && y < to; y++) {
          buf.push(code(members[x]!, members[y]!, n));
          pairs++;
        }
      }
    }
    perRule.push({ rule: rule.name, pairs, blocks, biggest });
  }
  const codes = buf.codes.subarray(0, buf.length).sort();
  let unique = 0;
  for (let k = 0; k < codes.length; k++) if (k === 0 || codes[k] !== codes[k - 1]) codes[unique++] = codes[k]!;
  const a = new Int32Array(unique);
  const b = new Int32Array(unique);
  for (let k = 0; k < unique; k++) {
    const c = codes[k]!;
    a[k] = Math.floor(c / n);
    b[k] = c - a[k]! * n;
  }
  return { a, b, perRule };
}

/**
 * Cross pairs of one block (members[from..to), in the global order): every side-0 × side-1 pair when there are few;
 * otherwise each side-1 record with the nearest WINDOW side-0 records before and after it in the order.
 */
function crossPairs(members: Int32Array, from: number, to: number, side: Int8Array, n: number, buf: PairBuffer): number {
  let ones = 0;
  for (let x = from; x < to; x++) if (side[members[x]!] === 1) ones++;
  const zeros = to - from - ones;
  if (ones === 0 || zeros === 0) return 0;
  let pairs = 0;
  if (ones * zeros <= CROSS_FULL) {
    for (let x = from; x < to; x++) {
      if (side[members[x]!] !== 1) continue;
      for (let y = from; y < to; y++) if (side[members[y]!] === 0) {
        buf.push(code(members[x]!, members[y]!, n));
        pairs++;
      }
    }
    return pairs;
  }
  for (let x = from; x < to; x++) {
    if (side[members[x]!] !== 1) continue;
    for (const dir of [-1, 1]) {
      let found = 0;
      for (let y = x + dir, steps = 0; y >= from && y < to && found < WINDOW && steps < CROSS_REACH; y += dir, steps++) {
        if (side[members[y]!] !== 0) continue;
        buf.push(code(members[x]!, members[y]!, n));
        found++;
        pairs++;
      }
    }
  }
  return pairs;
}

/** Alphabetical rank of each distinct value of a column (0 for ''). */
function valueRanks(values: readonly string[]): Int32Array {
  const idx = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
  const rank = new Int32Array(values.length);
  idx.forEach((v, r) => (rank[v] = r));
  return rank;
}

/** Record indices sorted by surname, first name and street (alphabetically), then by index. */
function globalOrder(t: MatchTable): Int32Array {
  const last = valueRanks(t.cols.last.values);
  const first = valueRanks(t.cols.first.values);
  const street = valueRanks(t.cols.street.values);
  const li = t.cols.last.ids;
  const fi = t.cols.first.ids;
  const si = t.cols.street.ids;
  return Int32Array.from({ length: t.n }, (_, i) => i).sort(
    (a, b) => last[li[a]!]! - last[li[b]!]! || first[fi[a]!]! - first[fi[b]!]! || street[si[a]!]! - street[si[b]!]! || a - b,
  );
}

const code = (i: number, j: number, n: number) => (i < j ? i * n + j : j * n + i);
