// Matches the first n records of a match table against entries (other lists' records in the same table), each entry at its own level: the linkage step shared by the mailing waterfall and the list audit.
import { link, type DedupeHooks, type DedupeSettings, type LinkResult } from '../domain/match/dedupe';
import type { MatchLevel } from '../domain/match/compare';
import type { MatchTable } from '../domain/match/table';
import type { EntryLevel } from '../domain/target/entry-level';

/** How record i matched an entry: the same value of one field, or a linkage pair of `link` at the entry's level. */
export type EntryHit =
  | { kind: 'value'; level: 'email' | 'phone' | 'companyName'; entry: number; value: string }
  | { kind: 'linked'; level: EntryLevel; entry: number; link: LinkResult; pair: number };

export interface EntryMatchInput {
  /** Table indices of the entries (other lists' records). */
  entries: readonly number[];
  /** The level each entry matches at, or null when it is too thin to match (no address, e-mail or phone). */
  levelOf: (entry: number) => EntryLevel | null;
  /** Records still in play among the first n (all when absent). */
  alive?: (i: number) => boolean;
  settings: (level: MatchLevel) => DedupeSettings;
  phase: NonNullable<DedupeHooks['phase']>;
  /** Called between levels (cancellation). */
  check?: () => void;
  /** Each record's first match, strongest first within a level. */
  onHit: (i: number, hit: EntryHit) => void;
}

export interface EntryMatchSummary {
  /** Entries by the level they were matched at, in the order first seen. */
  byLevel: Map<EntryLevel, number[]>;
  /** Records matched at each level. */
  found: Map<EntryLevel, number>;
  thin: number;
}

/**
 * Which of the first n records match an entry. E-mail, phone and company-name entries match on the same value; the
 * others by `link` at their level (pairs at or above the level's merge threshold). A record is matched once, at the
 * first level that finds it.
 */
export async function matchEntries(table: MatchTable, n: number, m: EntryMatchInput): Promise<EntryMatchSummary> {
  const byLevel = new Map<EntryLevel, number[]>();
  let thin = 0;
  for (const e of m.entries) {
    const l = m.levelOf(e);
    if (l === null) thin++;
    else {
      let group = byLevel.get(l);
      if (!group) byLevel.set(l, (group = []));
      group.push(e);
    }
  }
  const matched = new Uint8Array(n);
  const alive = m.alive ?? (() => true);
  const found = new Map<EntryLevel, number>();
  for (const [l, group] of byLevel) {
    m.check?.();
    let hits = 0;
    if (l === 'email' || l === 'phone' || l === 'companyName') {
      const col = table.cols[l === 'companyName' ? 'company' : l];
      const entryOf = new Map<number, number>();
      for (const e of group) if (col.ids[e]! !== 0 && !entryOf.has(col.ids[e]!)) entryOf.set(col.ids[e]!, e);
      for (let i = 0; i < n; i++) {
        if (matched[i] || !alive(i)) continue;
        const e = entryOf.get(col.ids[i]!);
        if (e === undefined) continue;
        matched[i] = 1;
        hits++;
        m.onHit(i, { kind: 'value', level: l, entry: e, value: col.values[col.ids[i]!]! });
      }
    } else {
      const side = new Int8Array(table.n).fill(-1);
      for (let i = 0; i < n; i++) if (alive(i)) side[i] = 0;
      for (const e of group) side[e] = 1;
      const s = m.settings(l);
      const r = await link(table, side, s, { phase: m.phase });
      for (let p = 0; p < r.pairs.prob.length; p++) {
        if (r.pairs.prob[p]! < s.mergeAt) break;
        const a = r.pairs.a[p]!;
        if (matched[a]) continue;
        matched[a] = 1;
        hits++;
        m.onHit(a, { kind: 'linked', level: l, entry: r.pairs.b[p]!, link: r, pair: p });
      }
    }
    found.set(l, hits);
  }
  return { byLevel, found, thin };
}
