// The targeting job: runs a recipe's waterfall over one list — suppression and customers matched with the merge/purge
// engine, geography from the ZIP table, the mailing ledger — and stores every removed record with its reason.
import { MAILING_CHANNELS, WinnowError, type ListInfo, type MailingRunResult, type SuppressLevel, type TargetRecipe, type TargetStep, type WaterfallStep } from '../api/contract';
import { DEFAULT_SETTINGS, explainPair, link, type DedupeSettings } from '../domain/match/dedupe';
import type { MatchLevel } from '../domain/match/compare';
import { recordAt } from '../domain/match/table';
import type { NicknameTable } from '../domain/nicknames';
import { ENTRY_LEVEL_WORDS, entryLevel, type EntryLevel } from '../domain/target/entry-level';
import { milesFrom, placeOf, resolveCenter, type Center, type Place } from '../domain/target/geography';
import { householdKey, householdWords } from '../domain/target/household';
import { describeRecord, formatMiles, stepLabel, Waterfall } from '../domain/target/steps';
import type { ZipTable } from '../domain/zip-data';
import type { Db } from '../store/db';
import { insertTargetRun, piecesSince, pruneTargetRuns, removedWriter, type LedgerPiece, type RunGeo } from '../store/targeting';
import { readMatchTable } from './dedupe-lists';
import { matchEntries } from './match-entries';
import type { ProgressSink } from './progress';

export interface MailingJobInput {
  recipe: TargetRecipe;
  recipeName: string | null;
  /** Every list of the project, cleaned. */
  lists: readonly ListInfo[];
  signal: AbortSignal;
  progress: ProgressSink;
  nicknames: NicknameTable;
  freeMail: (domain: string) => boolean;
  zips: ZipTable;
  /** Today as yyyy-mm-dd (the ledger's "last N days" count back from it). */
  today?: string;
  settings?: Partial<Omit<DedupeSettings, 'level'>>;
}

/** Runs kept per project: a run stores a reason per removed record, so old ones go. */
const KEEP_RUNS = 10;

const listIdOf = (recordId: number) => Math.floor(recordId / 2 ** 32);
const rowNoOf = (recordId: number) => recordId % 2 ** 32;

/** Which lists a recipe reads besides its input: suppression and customer lists, other bought lists, lists of past recipients. */
function listsToRead(recipe: TargetRecipe, lists: readonly ListInfo[], pieces: readonly LedgerPiece[]): ListInfo[] {
  const byId = new Map(lists.map((l) => [l.id, l]));
  const want = new Set<number>();
  for (const step of recipe.steps) {
    if (step.kind === 'suppress') step.listIds.forEach((id) => want.add(id));
    if (step.kind === 'customers') (step.listIds ?? lists.filter((l) => l.role === 'customers').map((l) => l.id)).forEach((id) => want.add(id));
  }
  for (const l of lists) if (l.role === 'prospects') want.add(l.id);
  for (const p of pieces) if (byId.has(listIdOf(p.recordId))) want.add(listIdOf(p.recordId));
  want.delete(recipe.fromListId);
  return [...want].map((id) => byId.get(id)!).filter((l) => l);
}

const count = (n: number) => n.toLocaleString('en-US');
const daysBefore = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export async function buildMailing(db: Db, job: MailingJobInput): Promise<MailingRunResult> {
  const started = performance.now();
  const today = job.today ?? new Date().toISOString().slice(0, 10);
  const { recipe } = job;
  const byId = new Map(job.lists.map((l) => [l.id, l]));
  const from = byId.get(recipe.fromListId);
  if (!from) throw new WinnowError('NOT_FOUND', `There is no list ${recipe.fromListId} in this project to mail from.`, { listId: recipe.fromListId });
  const cancelled = () => new WinnowError('JOB_CANCELLED', 'Building the mailing set was cancelled; the project is unchanged.');
  const check = () => {
    if (job.signal.aborted) throw cancelled();
  };
  // Refuse a recipe that cannot run before reading anything: unknown lists, the input list suppressing itself, a radius
  // centre with no known place.
  const centers = new Map<number, Center>();
  recipe.steps.forEach((step, k) => {
    const ids = step.kind === 'suppress' ? step.listIds : step.kind === 'customers' ? (step.listIds ?? []) : [];
    for (const id of ids) {
      if (!byId.has(id)) throw new WinnowError('NOT_FOUND', `Step ${k + 1}: there is no list ${id} in this project.`, { step: k + 1, listId: id });
      if (id === from.id) throw new WinnowError('INVALID_INPUT', `Step ${k + 1}: "${from.name}" cannot be matched against itself; pick other lists.`, { step: k + 1 });
    }
    if (step.kind === 'radius') {
      try {
        centers.set(k, resolveCenter(step.center, job.zips));
      } catch (e) {
        throw new WinnowError('INVALID_INPUT', `Step ${k + 1} (radius): ${(e as Error).message}`, { step: k + 1, center: step.center });
      }
    }
  });
  const listName = (id: number) => byId.get(id)?.name ?? `list ${id}`;
  // The ledger pieces the recipe's ledger steps look at, read once.
  const ledgerSince = Math.max(0, ...recipe.steps.map((s) => (s.kind === 'notMailed' || s.kind === 'householdLimit' ? s.days : 0)));
  const pieces = ledgerSince > 0 ? piecesSince(db, daysBefore(today, ledgerSince), MAILING_CHANNELS) : [];
  const others = listsToRead(recipe, job.lists, pieces);
  const total = [from, ...others].reduce((s, l) => s + l.rowCount, 0);
  job.progress({ phase: 'reading records', rows: 0, done: 0, total });
  const { table, ids, listOf, quality, flags } = readMatchTable(db, [from, ...others], job.nicknames, job.freeMail, job.signal, (done, of) =>
    job.progress({ phase: 'reading records', rows: done, done, total: of }),
  );
  await new Promise((r) => setImmediate(r));
  // Records of the input list come first in the table.
  let n = 0;
  while (n < ids.length && listOf[n] === 0) n++;
  const listIdAt = (i: number) => (i < n ? from.id : others[listOf[i]! - 1]!.id);
  const indexOf = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) indexOf.set(ids[i]!, i);
  const places: Place[] = new Array<Place>(n);
  for (let i = 0; i < n; i++) places[i] = placeOf(table.cols.postcode.values[table.cols.postcode.ids[i]!]!, table.cols.state.values[table.cols.state.ids[i]!]!, job.zips);
  const entryText = (i: number) => `row ${rowNoOf(ids[i]!)} of "${listName(listIdAt(i))}" (${describeRecord(recordAt(table, i))})`;
  const settings = (level: MatchLevel): DedupeSettings => ({ ...DEFAULT_SETTINGS, ...job.settings, level });
  const w = new Waterfall(n);
  const steps: WaterfallStep[] = [{ step: `Input: ${from.name}`, kind: 'input', in: n, removed: 0 }];

  /**
   * Which records still in match an entry of `entries` (table indices), and the words for the match. Each entry matches
   * at `level`, or at the most specific level its own fields allow ('auto').
   */
  const matchEntriesOf = async (entries: number[], level: SuppressLevel, phase: string): Promise<{ hits: Map<number, string>; note: string }> => {
    const hits = new Map<number, string>();
    const { byLevel, found, thin } = await matchEntries(table, n, {
      entries,
      levelOf: (e) => (level === 'auto' ? entryLevel(recordAt(table, e)) : (level as EntryLevel)),
      alive: (i) => w.alive[i] === 1,
      settings,
      check,
      phase: (name, done, of) => (check(), job.progress({ phase: `${phase}: ${name}`, rows: n, done, total: of })),
      onHit: (i, hit) => {
        if (hit.kind === 'value') {
          const what = hit.level === 'email' ? 'same e-mail' : hit.level === 'phone' ? 'same phone' : 'same company name';
          hits.set(i, `${what} as ${entryText(hit.entry)}: ${hit.value}`);
          return;
        }
        const r = hit.link;
        const why = explainPair(table, r.comparisons, r.model, i, hit.entry);
        const agreeing = why.parts.filter((x) => x.weight > 0).map((x) => x.says);
        hits.set(i, `same ${ENTRY_LEVEL_WORDS[hit.level]} as ${entryText(hit.entry)} (${Math.round(r.pairs.prob[hit.pair]! * 100)}%: ${agreeing.join('; ') || why.text})`);
      },
    });
    const parts = [...byLevel].map(([l, g]) => `${count(g.length)} ${ENTRY_LEVEL_WORDS[l]} ${g.length === 1 ? 'entry' : 'entries'} → ${count(found.get(l) ?? 0)} removed`);
    if (thin > 0) parts.push(`${count(thin)} ${thin === 1 ? 'entry' : 'entries'} too thin to match (no address, e-mail or phone)`);
    return { hits, note: parts.join('; ') };
  };
  const entriesOf = (listIds: readonly number[]) => {
    const want = new Set(listIds);
    const out: number[] = [];
    for (let i = n; i < table.n; i++) if (want.has(listIdAt(i))) out.push(i);
    return out;
  };
  const keptIn = function* (pred: (i: number) => string | null): Generator<[number, string]> {
    for (let i = 0; i < n; i++) {
      if (!w.alive[i]) continue;
      const reason = pred(i);
      if (reason !== null) yield [i, reason];
    }
  };

  // Multi-buyers: how many bought lists each input record is on (its own included), matched person to person.
  const boughtOthers = others.filter((l) => l.role === 'prospects').map((l) => l.id);
  let onLists: Uint8Array | null = null;
  const multiBuyerCounts = async (): Promise<Uint8Array> => {
    if (onLists) return onLists;
    const counts = new Uint8Array(n).fill(1);
    if (boughtOthers.length > 0) {
      const side = new Int8Array(table.n).fill(-1);
      for (let i = 0; i < n; i++) side[i] = 0;
      for (const e of entriesOf(boughtOthers)) side[e] = 1;
      const s = settings('person');
      const r = await link(table, side, s, { phase: () => check() });
      const seen = new Map<number, Set<number>>();
      for (let p = 0; p < r.pairs.prob.length && r.pairs.prob[p]! >= s.mergeAt; p++) {
        const a = r.pairs.a[p]!;
        let set = seen.get(a);
        if (!set) seen.set(a, (set = new Set()));
        set.add(listIdAt(r.pairs.b[p]!));
      }
      for (const [a, set] of seen) counts[a] = Math.min(255, 1 + set.size);
    }
    return (onLists = counts);
  };

  for (let k = 0; k < recipe.steps.length; k++) {
    check();
    const step = recipe.steps[k]!;
    const label = stepLabel(step, listName, centers.get(k)?.label);
    const phase = `step ${k + 1} of ${recipe.steps.length}: ${label}`;
    job.progress({ phase, rows: n, done: k, total: recipe.steps.length });
    let removals: Iterable<readonly [number, string]> = [];
    let note: string | undefined;
    switch (step.kind) {
      case 'suppress': {
        const { hits, note: words } = await matchEntriesOf(entriesOf(step.listIds), step.level, phase);
        removals = [...hits].map(([i, why]) => [i, `Suppressed: ${why}`] as const);
        note = words;
        break;
      }
      case 'customers': {
        const listIds = step.listIds ?? job.lists.filter((l) => l.role === 'customers' && l.id !== from.id).map((l) => l.id);
        if (listIds.length === 0) {
          note = 'The project has no customer list: nothing to match.';
          if (step.mode === 'only') removals = keptIn(() => 'Not an existing customer (the project has no customer list)');
          break;
        }
        const { hits, note: words } = await matchEntriesOf(entriesOf(listIds), step.level, phase);
        removals = step.mode === 'exclude' ? [...hits].map(([i, why]) => [i, `Existing customer: ${why}`] as const) : keptIn((i) => (hits.has(i) ? null : 'Not an existing customer: no match on the customer lists'));
        note = words;
        break;
      }
      case 'states': {
        const set = new Set(step.states.map((s) => s.toUpperCase()));
        const named = [...set].join(', ');
        removals = keptIn((i) => {
          const st = places[i]!.state;
          if (step.mode === 'include') return st === '' ? `No state or known ZIP: not in ${named}` : set.has(st) ? null : `In ${st}, not in ${named}`;
          return set.has(st) ? `In ${st} (excluded)` : null;
        });
        break;
      }
      case 'zip3': {
        const set = new Set(step.zip3);
        removals = keptIn((i) => {
          const z = places[i]!.zip3;
          if (step.mode === 'include') return z === '' ? 'No US ZIP: not in the chosen ZIP3 areas' : set.has(z) ? null : `ZIP3 ${z} is not one of the chosen areas`;
          return set.has(z) ? `ZIP3 ${z} (excluded)` : null;
        });
        break;
      }
      case 'zips': {
        const set = new Set(step.zips);
        removals = keptIn((i) => {
          const z = places[i]!.zip;
          if (step.mode === 'include') return z === '' ? 'No US ZIP: not in the chosen ZIP codes' : set.has(z) ? null : `ZIP ${z} is not one of the chosen ZIP codes`;
          return set.has(z) ? `ZIP ${z} (excluded)` : null;
        });
        break;
      }
      case 'radius': {
        const c = centers.get(k)!;
        const limit = formatMiles(step.miles);
        let unplaced = 0;
        removals = keptIn((i) => {
          const d = milesFrom(c, places[i]!);
          if (d === null) {
            if (step.mode === 'exclude') return null;
            unplaced++;
            return places[i]!.zip === '' ? `No US ZIP: distance to ${c.label} cannot be measured` : `ZIP ${places[i]!.zip} has no known location: distance to ${c.label} cannot be measured`;
          }
          const miles = `${d.toFixed(1)} miles from ${c.label}`;
          if (step.mode === 'include') return d <= step.miles ? null : `${miles}, beyond ${limit}`;
          return d <= step.miles ? `${miles}, within the excluded ${limit}` : null;
        });
        removals = [...removals];
        if (unplaced > 0) note = `${count(unplaced)} ${unplaced === 1 ? 'record has' : 'records have'} no ZIP with a known location (ZIP-centroid distances)`;
        else note = 'Distances are great-circle miles between ZIP centroids';
        break;
      }
      case 'notMailed': {
        const since = daysBefore(today, step.days);
        const channels = new Set(step.channels ?? MAILING_CHANNELS);
        const recent = pieces.filter((p) => p.mailedAt >= since && channels.has(p.channel));
        // Newest piece per recipient.
        const last = new Map<number, LedgerPiece>();
        for (const p of recent) if (!last.has(p.recordId) || last.get(p.recordId)!.mailedAt < p.mailedAt) last.set(p.recordId, p);
        const when = (p: LedgerPiece) => `"${p.name}" on ${p.mailedAt} (${daysBetween(p.mailedAt, today)} days ago)`;
        const hits = new Map<number, string>();
        const elsewhere: number[] = [];
        for (const [rid, p] of last) {
          const i = indexOf.get(rid);
          if (i === undefined) continue;
          if (i < n) {
            if (w.alive[i]) hits.set(i, `Mailed in ${when(p)}`);
          } else elsewhere.push(i);
        }
        // The same person mailed from another list (a house-file record, an earlier bought list).
        if (elsewhere.length > 0) {
          const side = new Int8Array(table.n).fill(-1);
          for (let i = 0; i < n; i++) if (w.alive[i] && !hits.has(i)) side[i] = 0;
          for (const e of elsewhere) side[e] = 1;
          const s = settings('person');
          const r = await link(table, side, s, { phase: () => check() });
          for (let p = 0; p < r.pairs.prob.length && r.pairs.prob[p]! >= s.mergeAt; p++) {
            const a = r.pairs.a[p]!;
            if (hits.has(a)) continue;
            hits.set(a, `Mailed in ${when(last.get(ids[r.pairs.b[p]!]!)!)} as ${entryText(r.pairs.b[p]!)}`);
          }
        }
        removals = hits;
        note = `${count(recent.length)} ${recent.length === 1 ? 'piece' : 'pieces'} in the ledger since ${since}`;
        break;
      }
      case 'householdLimit': {
        const since = daysBefore(today, step.days);
        const sent = new Map<string, number>();
        for (const p of pieces) if (p.mailedAt >= since && p.household !== '' && p.channel === 'direct-mail') sent.set(p.household, (sent.get(p.household) ?? 0) + 1);
        // Within the set, the better record of a household goes first.
        const order = [...w.kept()].sort((a, b) => quality[b]! - quality[a]! || a - b);
        const taken = new Map<string, number>();
        const out: [number, string][] = [];
        for (const i of order) {
          const h = householdKey(recordAt(table, i));
          if (h === '') continue;
          const before = sent.get(h) ?? 0;
          const now = taken.get(h) ?? 0;
          if (before + now >= step.pieces) {
            const had = [before > 0 ? `${before} mailed since ${since}` : '', now > 0 ? `${now} already in this set` : ''].filter((x) => x).join(', ');
            out.push([i, `Household ${householdWords(h)} has ${before + now} ${before + now === 1 ? 'piece' : 'pieces'} (${had}); limit ${step.pieces} in ${step.days} days`]);
          } else taken.set(h, now + 1);
        }
        removals = out;
        break;
      }
      case 'mailable':
        removals = keptIn((i) => (flags[i]! & 1 ? null : 'No deliverable postal address (the clean found the address incomplete or invalid)'));
        break;
      case 'multiBuyers': {
        const counts = await multiBuyerCounts();
        if (boughtOthers.length === 0) note = 'The project has no other bought list: every record is on one list.';
        removals = keptIn((i) => (counts[i]! >= step.minLists ? null : `On ${counts[i]} bought ${counts[i] === 1 ? 'list' : 'lists'}; multi-buyers are on ${step.minLists} or more`));
        break;
      }
    }
    const c = w.step(k + 1, removals);
    steps.push({ step: label, kind: step.kind, in: c.in, removed: c.removed, ...(note ? { note } : {}) });
  }
  check();
  const counts = await multiBuyerCounts();
  let multiBuyers = 0;
  for (const i of w.kept()) if (counts[i]! > 1) multiBuyers++;
  const geo = runGeo(recipe, places, w, centers, job.zips);
  job.progress({ phase: 'saving', rows: n, done: 0, total: 1 });
  check();
  const createdAt = new Date().toISOString();
  const result: MailingRunResult = {
    runId: 0,
    fromListId: from.id,
    fromListName: from.name,
    recipeName: job.recipeName,
    createdAt,
    steps,
    input: n,
    kept: w.remaining,
    multiBuyers,
    seconds: 0,
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    const runId = insertTargetRun(db, { fromList: from.id, recipeName: job.recipeName, recipe, createdAt, result, geo });
    const removed = removedWriter(db, runId);
    for (let i = 0; i < n; i++) if (!w.alive[i]) removed.add(ids[i]!, w.removedAt[i]!, w.reasons[i]!);
    removed.flush();
    pruneTargetRuns(db, KEEP_RUNS);
    result.runId = runId;
    result.seconds = Math.round((performance.now() - started) / 10) / 100;
    db.prepare(`UPDATE target_runs SET result = ? WHERE id = ?`).run(JSON.stringify(result), runId);
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return result;
}

/** Counts per ZIP3 of the input and the kept set, the radius circles, and the ZIP3 areas every geography step lets in. */
function runGeo(recipe: TargetRecipe, places: readonly Place[], w: Waterfall, centers: ReadonlyMap<number, Center>, zips: ZipTable): RunGeo {
  const zip3: Record<string, [number, number]> = {};
  const unplaced: [number, number] = [0, 0];
  places.forEach((p, i) => {
    if (p.zip3 === '') {
      unplaced[0]++;
      if (w.alive[i]) unplaced[1]++;
      return;
    }
    const c = (zip3[p.zip3] ??= [0, 0]);
    c[0]++;
    if (w.alive[i]) c[1]++;
  });
  const circles = [...centers].map(([k, c]) => ({ lat: c.lat, lon: c.lon, miles: (recipe.steps[k] as Extract<TargetStep, { kind: 'radius' }>).miles, label: c.label }));
  const geoSteps = recipe.steps.map((s, k) => [s, k] as const).filter(([s]) => s.kind === 'states' || s.kind === 'zip3' || s.kind === 'zips' || s.kind === 'radius');
  if (geoSteps.length === 0) return { zip3, unplaced, circles, target: null };
  // An area is in the target when most of its ZIPs pass every geography step (a ZIP3 the edge of a circle only grazes
  // is left out; the circle itself is drawn), or when it holds a radius centre.
  const sets = new Map(geoSteps.map(([s, k]) => [k, new Set(s.kind === 'states' ? s.states.map((x) => x.toUpperCase()) : s.kind === 'zip3' ? s.zip3 : s.kind === 'zips' ? s.zips : [])]));
  const passing = new Map<string, [number, number]>();
  for (const z of zips.values()) {
    const area = z.zip.slice(0, 3);
    const ok = geoSteps.every(([s, k]) => {
      switch (s.kind) {
        case 'states':
          return sets.get(k)!.has(z.state) === (s.mode === 'include');
        case 'zip3':
          return sets.get(k)!.has(area) === (s.mode === 'include');
        case 'zips':
          return sets.get(k)!.has(z.zip) === (s.mode === 'include');
        case 'radius': {
          const d = milesFrom(centers.get(k)!, z);
          return d !== null && (d <= s.miles) === (s.mode === 'include');
        }
        default:
          return true;
      }
    });
    const c = passing.get(area) ?? [0, 0];
    c[0] += ok ? 1 : 0;
    c[1]++;
    passing.set(area, c);
  }
  const target = new Set<string>();
  for (const [area, [ok, all]] of passing) if (ok * 2 >= all && ok > 0) target.add(area);
  for (const [k, c] of centers) if ((recipe.steps[k] as Extract<TargetStep, { kind: 'radius' }>).mode === 'include') target.add(c.zip.slice(0, 3));
  return { zip3, unplaced, circles, target: [...target].sort() };
}
