// The list audit job: reads a bought list with the house file, earlier purchases and suppression lists, finds duplicates
// within it (merge/purge), overlaps and suppressed records (linkage at the most specific level each entry allows, as the
// mailing waterfall does), undeliverable, outside-the-area and stale records, and counts the waterfall. Writes nothing.
import { availableParallelism } from 'node:os';
import { WinnowError, type AuditCosts, type AuditOverlap, type AuditResult, type AuditStepKind, type AuditTarget, type ListAudit, type ListInfo, type MatchLevel } from '../api/contract';
import {
  auditWaterfall,
  addSavings,
  costPerNetNew,
  describeTarget,
  FINDING_BIT,
  listPrice,
  MISSING_FIELDS,
  missingOf,
  olderThanMonths,
  outsideTarget,
  type GeoStep,
  type MissingField,
} from '../domain/audit/audit';
import { dedupe, DEFAULT_SETTINGS, type DedupeSettings } from '../domain/match/dedupe';
import { matchRecord } from '../domain/match/features';
import { matchTableBuilder, recordAt, type MatchTable } from '../domain/match/table';
import type { NicknameTable } from '../domain/nicknames';
import { parseDay } from '../domain/score/features';
import { entryLevel, type EntryLevel } from '../domain/target/entry-level';
import { placeOf, resolveCenter, type Center, type Place } from '../domain/target/geography';
import type { ZipTable } from '../domain/zip-data';
import { listCleanStats } from '../store/clean';
import type { Db } from '../store/db';
import { piecesSince } from '../store/targeting';
import { defaultLevel, matchPool, readMatchTable, survivors } from './dedupe-lists';
import { writeTextAtomically } from './atomic-file';
import { matchEntries } from './match-entries';
import { cleanedRecords } from './lead-records';
import type { ProgressSink } from './progress';

export interface AuditJobInput {
  /** The list to audit, and optionally a second one shown beside it. */
  listIds: number[];
  /** Every list of the project, cleaned. */
  lists: readonly ListInfo[];
  /** A price or CPM for the first list (overrides its details). */
  price?: number | undefined;
  cpm?: number | undefined;
  /** The target area (geography steps) and where it came from, or null when none is set. */
  target: { steps: GeoStep[]; source: 'options' | 'recipe'; recipeName: string | null } | null;
  costs: AuditCosts;
  staleMonths: number;
  signal: AbortSignal;
  progress: ProgressSink;
  nicknames: NicknameTable;
  freeMail: (domain: string) => boolean;
  zips: ZipTable;
  /** yyyy-mm-dd; default today. */
  today?: string;
  matchWorkerFile?: string | undefined;
}

const DAY = 86_400_000;
const WORKER_MIN_RECORDS = 20_000;
const count = (n: number) => n.toLocaleString('en-US');

/** Lists bought before `list`: prospects lists imported earlier (or at the same moment with a smaller id). */
export function earlierPurchases(list: ListInfo, lists: readonly ListInfo[]): ListInfo[] {
  return lists.filter((l) => l.id !== list.id && l.role === 'prospects' && (l.importedAt < list.importedAt || (l.importedAt === list.importedAt && l.id < list.id)));
}

export async function auditLists(db: Db, job: AuditJobInput): Promise<AuditResult> {
  const started = performance.now();
  const byId = new Map(job.lists.map((l) => [l.id, l]));
  const audited = job.listIds.map((id) => {
    const l = byId.get(id);
    if (!l) throw new WinnowError('NOT_FOUND', `There is no list ${id} in this project (lists: ${job.lists.map((x) => `"${x.name}"`).join(', ') || 'none'}).`, { listId: id });
    return l;
  });
  const centers = new Map<number, Center>();
  job.target?.steps.forEach((s, k) => {
    if (s.kind !== 'radius') return;
    try {
      centers.set(k, resolveCenter(s.center, job.zips));
    } catch (e) {
      throw new WinnowError('INVALID_INPUT', `Target area (radius): ${(e as Error).message}`, { center: s.center });
    }
  });
  const target: AuditTarget | null = job.target && job.target.steps.length > 0 ? { description: describeTarget(job.target.steps, centers), source: job.target.source, recipeName: job.target.recipeName } : null;
  const out: ListAudit[] = [];
  for (const [k, list] of audited.entries()) {
    out.push(await auditOne(db, job, list, k === 0 ? { price: job.price, cpm: job.cpm } : {}, centers, `${k + 1} of ${audited.length}`));
  }
  return {
    lists: out,
    target,
    costs: job.costs,
    staleMonths: job.staleMonths,
    createdAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

async function auditOne(db: Db, job: AuditJobInput, list: ListInfo, given: { price?: number | undefined; cpm?: number | undefined }, centers: ReadonlyMap<number, Center>, which: string): Promise<ListAudit> {
  const cancelled = () => new WinnowError('JOB_CANCELLED', 'The audit was cancelled; the project is unchanged.');
  const check = () => {
    if (job.signal.aborted) throw cancelled();
  };
  const today = job.today ?? new Date().toISOString().slice(0, 10);
  const todayDay = Date.parse(`${today}T00:00:00Z`) / DAY;
  const house = job.lists.filter((l) => l.role === 'customers' && l.id !== list.id);
  const earlier = earlierPurchases(list, job.lists);
  const suppression = job.lists.filter((l) => l.role === 'suppression' && l.id !== list.id);
  const others = [...house, ...earlier, ...suppression];
  const phase = (name: string) => `audit ${which} (${list.name}): ${name}`;
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };

  // The audited list first, alone (its merge/purge needs a table of its own); the other lists join it after that.
  // Where each record is, kept compactly (a million Place objects would cost a hundred megabytes): its state's index in
  // `stateCodes`, its ZIP3 as a number (-1 without a US ZIP), and whether it lies outside the target area.
  const steps = job.target?.steps ?? [];
  const stateCodes: string[] = [];
  const stateIndex = new Map<string, number>();
  const stateOf = new Uint8Array(list.rowCount);
  const zip3Of = new Int16Array(list.rowCount);
  const outside = new Uint8Array(list.rowCount);
  let n = 0;
  const missing = new Map<MissingField, number>(MISSING_FIELDS.map(([f]) => [f, 0]));
  const staleIdx: number[] = [];
  let qualitySum = 0;
  const total = list.rowCount + others.reduce((s, l) => s + l.rowCount, 0);
  job.progress({ phase: phase('reading records'), rows: 0, done: 0, total });
  const first = readMatchTable(
    db,
    [list],
    job.nicknames,
    job.freeMail,
    job.signal,
    (done) => job.progress({ phase: phase('reading records'), rows: done, done, total }),
    (r) => {
      if (n === list.rowCount) throw new WinnowError('INTERNAL', `List "${list.name}" has more cleaned records than rows.`);
      const place: Place = placeOf(r.clean.zip5, r.clean.state, job.zips);
      let si = stateIndex.get(place.state);
      if (si === undefined) stateIndex.set(place.state, (si = stateCodes.push(place.state) - 1));
      stateOf[n] = si;
      zip3Of[n] = place.zip3 === '' ? -1 : Number(place.zip3);
      if (steps.length > 0 && outsideTarget(place, steps, centers)) outside[n] = 1;
      n++;
      for (const f of missingOf(r.clean)) missing.set(f, missing.get(f)! + 1);
      if (r.values.acquired_date && olderThanMonths(parseDay(r.values.acquired_date), todayDay, job.staleMonths)) staleIdx.push(n - 1);
      qualitySum += r.clean.quality;
    },
  );
  await new Promise((r) => setImmediate(r));
  lap('reading');
  const masks = new Uint8Array(n);
  const mark = (i: number, kind: AuditStepKind) => (masks[i]! |= FINDING_BIT[kind]);
  const settings = (level: MatchLevel): DedupeSettings => ({ ...DEFAULT_SETTINGS, level });
  const notes: Partial<Record<AuditStepKind, string>> = {};
  const listNotes: string[] = [];
  const bought = list.details.purchaseDate ? Date.parse(`${list.details.purchaseDate}T00:00:00Z`) / DAY : NaN;
  if (olderThanMonths(bought, todayDay, job.staleMonths)) listNotes.push(`"${list.name}" was bought on ${list.details.purchaseDate}, more than ${job.staleMonths} months ago: its addresses may be out of date.`);
  if (list.role !== 'prospects') listNotes.push(`"${list.name}" is a ${list.role} list, not a bought (prospects) list; it was audited as if it were one.`);

  // 1. Duplicates within the list: merge/purge of its own records; the best record of each entity stays.
  check();
  const level = defaultLevel([list], (l) => {
    const s = listCleanStats(db, l.id)?.stats;
    if (!s || s.rows === 0) return 0;
    const c = (code: string) => s.codes[code]?.[1] ?? 0;
    return Math.min(s.rows, Math.max(c('name.company_in_person_field'), c('company.taken_from_name')) + c('name.single_name')) / s.rows;
  });
  // The list's own table is only needed here: let it go before the linkage steps.
  const clusterOf = await clustersWithin(first.table, settings(level), job.matchWorkerFile, (name, done, of) => {
    check();
    job.progress({ phase: phase(`duplicates: ${name}`), rows: n, done, total: of });
  });
  const { quality, flags } = first;
  const best = survivors(clusterOf, new Int32Array(n), quality);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[clusterOf[i]!]!++;
  let entities = 0;
  for (let i = 0; i < n; i++) {
    const c = clusterOf[i]!;
    if (size[c]! > 1 && best[c] === i) entities++;
    if (size[c]! > 1 && best[c] !== i) mark(i, 'duplicates');
  }
  lap('duplicates');
  notes.duplicates = `merge/purge at ${level} level: ${count(entities)} ${entities === 1 ? 'entity has' : 'entities have'} more than one record; the best record of each is kept`;

  // 2-4. The house file, each earlier purchase, suppression lists: which records of the list are on them. One table
  // holds the list's records (copied from its own table) and then theirs.
  const { table, ids, listOf } = others.length === 0 ? first : withOthers(db, first.table, first.ids, others, job, (done) => job.progress({ phase: phase('reading records'), rows: n + done, done: n + done, total }));
  lap('reading other lists');
  const listIndexOf = new Map([list, ...others].map((l, k) => [l.id, k]));
  const entriesOf = (ls: readonly ListInfo[]) => {
    const want = new Set(ls.map((l) => listIndexOf.get(l.id)!));
    const e: number[] = [];
    for (let i = n; i < table.n; i++) if (want.has(listOf[i]!)) e.push(i);
    return e;
  };
  const overlapOf = (ls: readonly ListInfo[], hit: Int32Array): AuditOverlap[] => {
    const per = new Map<number, number>();
    for (let i = 0; i < n; i++) if (hit[i]! >= 0) per.set(listOf[hit[i]!]!, (per.get(listOf[hit[i]!]!) ?? 0) + 1);
    return ls.map((l) => ({ listId: l.id, listName: l.name, role: l.role, importedAt: l.importedAt, records: per.get(listIndexOf.get(l.id)!) ?? 0 }));
  };
  const matched: Int32Array[] = [];
  let houseOverlap: AuditOverlap[] = [];
  if (house.length > 0) {
    const { hit, note } = await matchAgainst(table, n, entriesOf(house), settings, (name, done, of) => (check(), job.progress({ phase: phase(`house file: ${name}`), rows: n, done, total: of })));
    for (let i = 0; i < n; i++) if (hit[i]! >= 0) mark(i, 'house');
    houseOverlap = overlapOf(house, hit);
    matched.push(hit);
    notes.house = note;
    lap('house');
  } else notes.house = 'The project has no house file (no customers list): nothing to compare with.';
  const earlierOverlap: AuditOverlap[] = [];
  for (const e of earlier) {
    const { hit } = await matchAgainst(table, n, entriesOf([e]), settings, (name, done, of) => (check(), job.progress({ phase: phase(`"${e.name}": ${name}`), rows: n, done, total: of })));
    for (let i = 0; i < n; i++) if (hit[i]! >= 0) mark(i, 'earlier');
    earlierOverlap.push(...overlapOf([e], hit));
    matched.push(hit);
  }
  lap('earlier');
  notes.earlier =
    earlier.length === 0
      ? 'No list was bought before this one.'
      : `${earlier.length === 1 ? 'one list' : `${earlier.length} lists`} bought before this one: ${earlierOverlap.map((o) => `"${o.listName}" ${count(o.records)}`).join(', ')}`;
  let suppressionOverlap: AuditOverlap[] = [];
  if (suppression.length > 0) {
    const { hit, note } = await matchAgainst(table, n, entriesOf(suppression), settings, (name, done, of) => (check(), job.progress({ phase: phase(`suppression: ${name}`), rows: n, done, total: of })));
    for (let i = 0; i < n; i++) if (hit[i]! >= 0) mark(i, 'suppressed');
    suppressionOverlap = overlapOf(suppression, hit);
    notes.suppressed = note;
    lap('suppression');
  } else notes.suppressed = 'The project has no suppression list.';

  // 5. Undeliverable: the clean step's verdict.
  let mailable = 0;
  let emailable = 0;
  let callable = 0;
  for (let i = 0; i < n; i++) {
    if (flags[i]! & 1) mailable++;
    else mark(i, 'undeliverable');
    if (flags[i]! & 2) emailable++;
    if (flags[i]! & 4) callable++;
  }
  notes.undeliverable = 'no deliverable postal address by the clean step (USPS-style checks, not CASS or DPV)';

  // 6. Outside the target area.
  if (steps.length > 0) {
    for (let i = 0; i < n; i++) if (outside[i]) mark(i, 'outside');
    notes.outside = `target area: ${describeTarget(steps, centers)}`;
  } else notes.outside = 'No target area is set (give --states, --zip3 or --radius, or save a recipe with a geography step): nothing counted.';

  // 7. Stale (acquired long ago) or recently mailed (the ledger: this record, or the same person on the house file or an earlier purchase).
  for (const i of staleIdx) mark(i, 'stale');
  const since = new Date((todayDay - job.costs.recentDays) * DAY).toISOString().slice(0, 10);
  const mailedIds = new Set(piecesSince(db, since, ['direct-mail']).map((p) => p.recordId));
  let recent = 0;
  if (mailedIds.size > 0) {
    for (let i = 0; i < n; i++) {
      const viaOther = matched.some((hit) => hit[i]! >= 0 && mailedIds.has(ids[hit[i]!]!));
      if (mailedIds.has(ids[i]!) || viaOther) {
        mark(i, 'stale');
        recent++;
      }
    }
  }
  notes.stale = `${count(staleIdx.length)} acquired more than ${job.staleMonths} months ago; ${count(recent)} mailed in the last ${job.costs.recentDays} days (mailing ledger)`;
  check();

  const { steps: waterfall, netNew } = auditWaterfall(masks, job.costs, notes);
  const price = listPrice(n, list.details, given);
  // Per state: records, net-new, and whether any of its records is inside the target area.
  const states = new Map<string, { records: number; netNew: number; inside: number }>();
  for (let i = 0; i < n; i++) {
    const s = stateCodes[stateOf[i]!]!;
    const e = states.get(s) ?? { records: 0, netNew: 0, inside: 0 };
    e.records++;
    if (masks[i] === 0) e.netNew++;
    if (steps.length > 0 && !(masks[i]! & FINDING_BIT.outside)) e.inside++;
    states.set(s, e);
  }
  const areas = new Map<string, { records: number; netNew: number; inside: number }>();
  for (let i = 0; i < n; i++) {
    if (zip3Of[i]! < 0) continue;
    const z = String(zip3Of[i]).padStart(3, '0');
    const e = areas.get(z) ?? { records: 0, netNew: 0, inside: 0 };
    e.records++;
    if (masks[i] === 0) e.netNew++;
    if (steps.length > 0 && !(masks[i]! & FINDING_BIT.outside)) e.inside++;
    areas.set(z, e);
  }
  return {
    listId: list.id,
    listName: list.name,
    role: list.role,
    importedAt: list.importedAt,
    vendor: list.details.vendor ?? null,
    purchaseDate: list.details.purchaseDate ?? null,
    rows: n,
    level,
    steps: waterfall,
    netNew,
    savings: addSavings(waterfall.map((s) => s.savings)),
    house: houseOverlap,
    earlier: earlierOverlap,
    suppression: suppressionOverlap,
    missing: MISSING_FIELDS.map(([field, label]) => ({ field, label, records: missing.get(field)! })),
    verdicts: { mailable, emailable, callable, averageQuality: n === 0 ? 0 : Math.round((qualitySum / n) * 10) / 10 },
    price,
    costPerNetNew: costPerNetNew(price?.total ?? null, netNew),
    states: [...states]
      .map(([state, e]) => ({ state, records: e.records, netNew: e.netNew, inTarget: steps.length === 0 ? null : e.inside > 0 }))
      .sort((a, b) => b.records - a.records || a.state.localeCompare(b.state)),
    zip3: [...areas].map(([zip3, e]) => ({ zip3, records: e.records, netNew: e.netNew, inTarget: steps.length === 0 ? null : e.inside > 0 })).sort((a, b) => b.records - a.records || a.zip3.localeCompare(b.zip3)),
    notes: listNotes,
    timings: { ...timings, rest: Math.round(performance.now() - clock) },
  };
}

/** A table of the list's records (from its own table) followed by the other lists' records; listOf: 0 for the list, k + 1 for others[k]. */
function withOthers(
  db: Db,
  own: MatchTable,
  ownIds: Float64Array,
  others: readonly ListInfo[],
  job: Pick<AuditJobInput, 'nicknames' | 'freeMail' | 'signal'>,
  onRows: (done: number) => void,
): { table: MatchTable; ids: Float64Array; listOf: Int32Array } {
  const size = own.n + others.reduce((s, l) => s + l.rowCount, 0);
  const b = matchTableBuilder(size, job.nicknames);
  const ids = new Float64Array(size);
  const listOf = new Int32Array(size);
  for (let i = 0; i < own.n; i++) {
    b.add(recordAt(own, i));
    ids[i] = ownIds[i]!;
  }
  let n = own.n;
  others.forEach((l, k) => {
    for (const batch of cleanedRecords(db, l, job.signal, 'the audit')) {
      for (const r of batch) {
        if (n === size) throw new WinnowError('INTERNAL', `List "${l.name}" has more cleaned records than rows.`);
        b.add(matchRecord(r.values, r.clean, job.freeMail));
        ids[n] = r.id;
        listOf[n++] = k + 1;
      }
      onRows(n - own.n);
    }
  });
  return { table: b.finish(), ids: ids.subarray(0, n), listOf: listOf.subarray(0, n) };
}

/** Merge/purge of one table (on worker threads when it is big enough); the cluster of every record. */
async function clustersWithin(table: MatchTable, s: DedupeSettings, workerFile: string | undefined, phase: (name: string, done: number, total: number) => void): Promise<Int32Array> {
  const pool = workerFile && table.n >= WORKER_MIN_RECORDS ? matchPool(workerFile, Math.max(1, availableParallelism() - 1), s.level, table) : null;
  try {
    return (await dedupe(table, s, { ...(pool ? { gammas: pool.gammas } : {}), phase })).clusterOf;
  } finally {
    await pool?.close();
  }
}

const MATCHED_AS: Record<EntryLevel, string> = {
  person: 'a person',
  household: 'a household',
  company: 'a company at an address',
  companyName: 'a company name',
  address: 'an address',
  email: 'an e-mail',
  phone: 'a phone',
};

/**
 * Which of the first n records (the audited list) match an entry (table indices): each entry at the most specific level
 * its own fields allow, as the mailing waterfall's suppression does. hit[i] is the matching entry, or -1.
 */
async function matchAgainst(
  table: MatchTable,
  n: number,
  entries: readonly number[],
  settings: (level: MatchLevel) => DedupeSettings,
  phase: (name: string, done: number, total: number) => void,
): Promise<{ hit: Int32Array; note: string }> {
  const hit = new Int32Array(n).fill(-1);
  const { byLevel, thin } = await matchEntries(table, n, { entries, levelOf: (e) => entryLevel(recordAt(table, e)), settings, phase, onHit: (i, h) => (hit[i] = h.entry) });
  const parts = [...byLevel].map(([l, g]) => `${count(g.length)} ${g.length === 1 ? 'entry' : 'entries'} compared as ${MATCHED_AS[l]}`);
  if (thin > 0) parts.push(`${count(thin)} too thin to match (no address, e-mail or phone)`);
  return { hit, note: parts.join('; ') || 'no entries' };
}

/** Writes an audit's HTML report under a temporary name beside the target, then renames it: never a half-written report. */
export function writeAuditHtml(html: string, outPath: string): number {
  return writeTextAtomically(outPath, html);
}
