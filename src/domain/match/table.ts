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

/**
 * Numbers distinct strings 1, 2, 3… ('' is 0): an open-addressing table over typed arrays with FNV-1a hashes, about
 * twice as fast as a Map for the million mostly distinct values of an e-mail or phone column.
 */
class StringInterner {
  readonly values: string[] = [''];
  readonly counts: number[] = [0];
  private slots = new Int32Array(1 << 10).fill(-1);
  private hashes = new Int32Array(1 << 10);

  idOf(v: string): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < v.length; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === -1) break;
      if (this.hashes[slot] === h && this.values[id] === v) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.values.length;
    this.values.push(v);
    this.counts.push(0);
    this.slots[slot] = id;
    this.hashes[slot] = h;
    if (id * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const hashes = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let s = 0; s < this.slots.length; s++) {
      const id = this.slots[s]!;
      if (id === -1) continue;
      let slot = this.hashes[s]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = id;
      hashes[slot] = this.hashes[s]!;
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

export function matchTableBuilder(capacity: number, nicknames: NicknameTable): MatchTableBuilder {
  const F = MATCH_FIELDS.length;
  let ids = MATCH_FIELDS.map(() => new Int32Array(Math.max(16, capacity)));
  const interned = MATCH_FIELDS.map(() => new StringInterner());
  let n = 0;
  return {
    add(r) {
      if (n === ids[0]!.length) {
        ids = ids.map((old) => {
          const grown = new Int32Array(n * 2);
          grown.set(old);
          return grown;
        });
      }
      for (let k = 0; k < F; k++) {
        const v = r[MATCH_FIELDS[k]!];
        const table = interned[k]!;
        // Missing values are common (no middle name, no unit, no birth date): id 0 without a lookup.
        const id = v === '' ? 0 : table.idOf(v);
        ids[k]![n] = id;
        table.counts[id]!++;
      }
      n++;
    },
    finish() {
      const cols = {} as Record<MatchField, FieldColumn>;
      MATCH_FIELDS.forEach((f, k) => {
        const t = interned[k]!;
        cols[f] = { ids: ids[k]!.subarray(0, n), values: t.values, counts: t.counts, present: n - t.counts[0]! };
      });
      const lastSound = cols.last.values.map((v) => (v === '' ? '' : soundOf(v)));
      const firstGroup = cols.first.values.map((v) => (v === '' ? EMPTY : new Set(nicknameGroup(nicknames, v))));
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
