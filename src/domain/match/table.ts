// The records of a match run in columns: every field's values interned once (equal values share an id, so equality is an
// integer compare and term frequencies are counts), plus per-value facts the comparisons need (phonetic codes, nicknames).
import { doubleMetaphone } from 'double-metaphone';
import { nicknameGroup, type NicknameTable } from '../nicknames';
import { MATCH_FIELDS, type MatchField, type MatchRecord } from './features';

export interface FieldColumn {
  /** Value id per record; 0 = missing. */
  ids: Int32Array;
  /** Value per id; values[0] = ''. */
  values: string[];
  /** Records per id (term frequency). */
  counts: number[];
  /** Records with a value. */
  present: number;
}

export interface MatchTable {
  n: number;
  cols: Record<MatchField, FieldColumn>;
  /** Primary Double Metaphone code per last-name id. */
  lastSound: string[];
  /** Nickname group (lower-case names that may be the same person) per first-name id; empty when the name has none. */
  firstGroup: ReadonlySet<string>[];
}

export interface MatchTableBuilder {
  add(r: MatchRecord): void;
  finish(): MatchTable;
}

export function matchTableBuilder(capacity: number, nicknames: NicknameTable): MatchTableBuilder {
  let ids = Object.fromEntries(MATCH_FIELDS.map((f) => [f, new Int32Array(Math.max(16, capacity))])) as Record<MatchField, Int32Array>;
  const interned = Object.fromEntries(MATCH_FIELDS.map((f) => [f, new Map<string, number>([['', 0]])])) as Record<MatchField, Map<string, number>>;
  const values = Object.fromEntries(MATCH_FIELDS.map((f) => [f, ['']])) as Record<MatchField, string[]>;
  const counts = Object.fromEntries(MATCH_FIELDS.map((f) => [f, [0]])) as Record<MatchField, number[]>;
  let n = 0;
  return {
    add(r) {
      if (n === ids.first.length) {
        const grown = {} as Record<MatchField, Int32Array>;
        for (const f of MATCH_FIELDS) {
          grown[f] = new Int32Array(n * 2);
          grown[f].set(ids[f]);
        }
        ids = grown;
      }
      for (const f of MATCH_FIELDS) {
        const v = r[f];
        if (v === '') {
          // Missing values are common (no middle name, no unit, no birth date): id 0 without a lookup.
          ids[f][n] = 0;
          counts[f][0]!++;
          continue;
        }
        const m = interned[f];
        let id = m.get(v);
        if (id === undefined) {
          id = values[f].length;
          m.set(v, id);
          values[f].push(v);
          counts[f].push(0);
        }
        ids[f][n] = id;
        counts[f][id]!++;
      }
      n++;
    },
    finish() {
      const cols = {} as Record<MatchField, FieldColumn>;
      for (const f of MATCH_FIELDS) cols[f] = { ids: ids[f].subarray(0, n), values: values[f], counts: counts[f], present: n - counts[f][0]! };
      const lastSound = values.last.map((v) => (v === '' ? '' : soundOf(v)));
      const firstGroup = values.first.map((v) => (v === '' ? EMPTY : new Set(nicknameGroup(nicknames, v))));
      return { n, cols, lastSound, firstGroup };
    },
  };
}

const EMPTY: ReadonlySet<string> = new Set();

/** The primary Double Metaphone code of a folded name (spaces dropped: "van der berg" sounds as one word). */
export function soundOf(v: string): string {
  return doubleMetaphone(v.replace(/ /g, ''))[0];
}

/** A table from records in memory. */
export function buildMatchTable(records: readonly MatchRecord[], nicknames: NicknameTable): MatchTable {
  const b = matchTableBuilder(records.length, nicknames);
  for (const r of records) b.add(r);
  return b.finish();
}

/** One record's values back as a MatchRecord (for explanations and tests). */
export function recordAt(t: MatchTable, i: number): MatchRecord {
  const out = {} as MatchRecord;
  for (const f of MATCH_FIELDS) out[f] = t.cols[f].values[t.cols[f].ids[i]!]!;
  return out;
}

/** A table in a form that crosses to a worker thread: ids in shared memory, values and facts copied once. */
export interface FrozenTable {
  n: number;
  cols: Record<MatchField, { ids: Int32Array; values: string[]; counts: number[]; present: number }>;
  lastSound: string[];
  firstGroup: string[][];
}

export function freezeTable(t: MatchTable): FrozenTable {
  const cols = {} as FrozenTable['cols'];
  for (const f of MATCH_FIELDS) {
    const c = t.cols[f];
    const ids = new Int32Array(new SharedArrayBuffer(c.ids.length * 4));
    ids.set(c.ids);
    cols[f] = { ids, values: c.values, counts: c.counts, present: c.present };
  }
  return { n: t.n, cols, lastSound: t.lastSound, firstGroup: t.firstGroup.map((g) => [...g]) };
}

export function thawTable(f: FrozenTable): MatchTable {
  return { n: f.n, cols: f.cols, lastSound: f.lastSound, firstGroup: f.firstGroup.map((g) => (g.length === 0 ? EMPTY : new Set(g))) };
}
