// What the Duplicates view reads and does: runs with up-to-date counts, the review queue, a pair side by side with its
// evidence, and decisions (merge / not a duplicate) that re-form only the clusters they touch, each undoable alone.
import { WinnowError, type CanonicalField, type ClusterReview, type DecisionInfo, type ListInfo, type MatchLevel, type MatchRunInfo, type MergePurgeResult, type PairReview, type PairSide, type RecordRef } from '../api/contract';
import type { CanonicalValues, CleanedRecord } from '../domain/clean-record';
import { clusterPairs } from '../domain/match/cluster';
import { comparisonsFor } from '../domain/match/compare';
import { explainPair, type DedupeSettings } from '../domain/match/dedupe';
import { matchRecord } from '../domain/match/features';
import type { MatchModel } from '../domain/match/model';
import { DEFAULT_SURVIVORSHIP, survive, type SurvivorField, type SurvivorRule } from '../domain/match/survivorship';
import { buildMatchTable } from '../domain/match/table';
import type { NicknameTable } from '../domain/nicknames';
import { noSuchRow } from './record-views';
import { mergeReport, survivors } from '../jobs/dedupe-lists';
import { decodeClean, getClean } from '../store/clean';
import type { Db } from '../store/db';
import { editsForIds } from '../store/edits';
import {
  activeDecisions,
  addDecision,
  addPick,
  picksFor,
  decisionHistory,
  getDecision,
  getPair,
  getRun,
  latestRun,
  listRuns,
  pairsOf,
  replaceMembers,
  runMembers,
  clusterMembers,
  undoDecision,
  undecidedPairs,
  type Decision,
  type StoredRun,
} from '../store/matches';
import { getRecord, recordId } from '../store/records';

export interface ReviewContext {
  lists: ReadonlyMap<number, ListInfo>;
  nicknames: NicknameTable;
  freeMail: (domain: string) => boolean;
}

const LIST_SHIFT = 4294967296;
const refOf = (id: number): RecordRef => ({ listId: Math.floor(id / LIST_SHIFT), rowNo: id % LIST_SHIFT });
const idOf = (r: RecordRef) => recordId(r.listId, r.rowNo);

/** A record's current cells (edits over raw), its canonical values and its clean result. */
export function readRecord(db: Db, list: ListInfo, rowNo: number): { cells: string[]; values: CanonicalValues; clean: CleanedRecord } {
  const rec = getRecord(db, list.id, rowNo);
  if (!rec) throw noSuchRow(list, rowNo);
  const id = recordId(list.id, rowNo);
  const cells = [...rec.cells];
  for (const [col, value] of editsForIds(db, [id]).get(id) ?? []) cells[col] = value;
  const values: CanonicalValues = {};
  for (const c of list.columns) if (c.field && values[c.field] === undefined && (cells[c.index] ?? '') !== '') values[c.field] = cells[c.index]!;
  const stored = getClean(db, id);
  if (!stored) throw new WinnowError('NOT_FOUND', `Row ${rowNo} of "${list.name}" has not been cleaned; run the merge/purge again.`);
  return { cells, values, clean: decodeClean(stored) };
}

const SHOWN: { field: CanonicalField; label: string; cleaned: (c: CleanedRecord) => string }[] = [
  { field: 'full_name', label: 'Full name', cleaned: (c) => [c.prefix, c.firstName, c.middleName, c.lastName, c.suffix].filter(Boolean).join(' ') },
  { field: 'first_name', label: 'First name', cleaned: (c) => c.firstName },
  { field: 'middle_name', label: 'Middle name', cleaned: (c) => c.middleName },
  { field: 'last_name', label: 'Last name', cleaned: (c) => c.lastName },
  { field: 'suffix', label: 'Suffix', cleaned: (c) => c.suffix },
  { field: 'birth_date', label: 'Date of birth', cleaned: () => '' },
  { field: 'company', label: 'Company', cleaned: (c) => c.company },
  { field: 'title', label: 'Title', cleaned: (c) => c.title },
  { field: 'house_number', label: 'House number', cleaned: () => '' },
  { field: 'address1', label: 'Address', cleaned: (c) => c.address1 },
  { field: 'address2', label: 'Address 2', cleaned: (c) => c.address2 },
  { field: 'city', label: 'City', cleaned: (c) => c.city },
  { field: 'state', label: 'State', cleaned: (c) => c.state },
  { field: 'zip', label: 'ZIP', cleaned: (c) => [c.zip5, c.zip4].filter(Boolean).join('-') },
  { field: 'email', label: 'E-mail', cleaned: (c) => c.email },
  { field: 'phone', label: 'Phone', cleaned: (c) => c.phone },
  { field: 'national_id', label: 'ID number', cleaned: () => '' },
];

function sides(a: { list: ListInfo; rowNo: number; rec: ReturnType<typeof readRecord> }, b: typeof a): [PairSide, PairSide] {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const fieldsOf = (x: typeof a, y: typeof a) =>
    SHOWN.flatMap((f) => {
      const rawX = x.rec.values[f.field] ?? '';
      const rawY = y.rec.values[f.field] ?? '';
      if (rawX === '' && rawY === '') return [];
      const cx = f.cleaned(x.rec.clean) || rawX;
      const cy = f.cleaned(y.rec.clean) || rawY;
      return [{ field: f.field, label: f.label, raw: rawX, cleaned: cx, differs: norm(cx) !== norm(cy) }];
    });
  return [
    { listId: a.list.id, rowNo: a.rowNo, listName: a.list.name, fields: fieldsOf(a, b) },
    { listId: b.list.id, rowNo: b.rowNo, listName: b.list.name, fields: fieldsOf(b, a) },
  ];
}

function listOfRef(ctx: ReviewContext, r: RecordRef): ListInfo {
  const l = ctx.lists.get(r.listId);
  if (!l) throw new WinnowError('NOT_FOUND', `There is no list ${r.listId} in this project.`, { listId: r.listId });
  if (r.rowNo > l.rowCount) throw new WinnowError('NOT_FOUND', `List "${l.name}" has no row ${r.rowNo}.`, { listId: l.id, rowNo: r.rowNo });
  return l;
}

export function decisionInfo(d: Decision, ctx: ReviewContext): DecisionInfo {
  const a = refOf(d.a);
  const b = refOf(d.b);
  const name = (r: RecordRef) => `row ${r.rowNo} of ${ctx.lists.get(r.listId)?.name ?? `list ${r.listId}`}`;
  const label = d.decision === 'same' ? `Merged ${name(a)} with ${name(b)}` : `Kept ${name(a)} and ${name(b)} apart (not duplicates)`;
  return { seq: d.seq, decision: d.decision, at: d.at, undoneAt: d.undoneAt, label, a, b };
}

/** A pair side by side with its evidence in words. */
export function pairReview(db: Db, run: StoredRun, ctx: ReviewContext, aRef: RecordRef, bRef: RecordRef): PairReview {
  const [first, second] = idOf(aRef) <= idOf(bRef) ? [aRef, bRef] : [bRef, aRef];
  const la = listOfRef(ctx, first);
  const lb = listOfRef(ctx, second);
  if (!run.lists.includes(la.id) || !run.lists.includes(lb.id)) throw new WinnowError('INVALID_INPUT', 'Both records must be in the lists of this merge/purge run.');
  const ra = readRecord(db, la, first.rowNo);
  const rb = readRecord(db, lb, second.rowNo);
  const table = buildMatchTable([matchRecord(ra.values, ra.clean, ctx.freeMail), matchRecord(rb.values, rb.clean, ctx.freeMail)], ctx.nicknames);
  const comps = comparisonsFor(run.level as MatchLevel);
  const model = run.model as MatchModel;
  const x = explainPair(table, comps, model, 0, 1);
  const ida = idOf(first);
  const idb = idOf(second);
  const stored = getPair(db, run.id, ida, idb);
  const weight = stored ? stored.weight : x.weight;
  const members = new Map(runMembers(db, run.id, [ida, idb]).map((m) => [m.recordId, m.cluster]));
  const decision = activeDecisions(db, run.level).find((d) => d.a === ida && d.b === idb) ?? null;
  const [sa, sb] = sides({ list: la, rowNo: first.rowNo, rec: ra }, { list: lb, rowNo: second.rowNo, rec: rb });
  return {
    a: sa,
    b: sb,
    probability: 1 / (1 + 2 ** -weight),
    weight: Math.round(weight * 100) / 100,
    evidence: x.parts,
    explanation: x.text,
    merged: members.get(ida) !== undefined && members.get(ida) === members.get(idb),
    decision: decision ? decisionInfo(decision, ctx) : null,
  };
}

/** The run a request is about: the one named, or the newest. */
export function runFor(db: Db, runId: number | undefined): StoredRun {
  const run = runId === undefined ? latestRun(db) : getRun(db, runId);
  if (!run) throw new WinnowError('NOT_FOUND', runId === undefined ? 'This project has no merge/purge results yet; run a merge/purge first.' : `There is no merge/purge run ${runId}.`);
  return run;
}

export function reviewQueue(db: Db, run: StoredRun, ctx: ReviewContext, offset: number, limit: number): { total: number; pairs: PairReview[] } {
  const s = run.settings as DedupeSettings;
  const { total, pairs } = undecidedPairs(db, run.id, run.level, s.reviewFrom, s.reviewTo, offset, limit);
  return { total, pairs: pairs.map((p) => pairReview(db, run, ctx, refOf(p.a), refOf(p.b))) };
}

/** Largest group of records one decision re-forms; beyond it the rest keeps its clusters. */
const MAX_COMPONENT = 500;

/**
 * Re-forms the clusters around some records from the run's kept links and the decisions in force: the records, their
 * clusters, and whatever their merge-strength links and "same" decisions reach. Pairs never scored count as undecided.
 */
export function recluster(db: Db, run: StoredRun, seeds: readonly number[]): void {
  const s = run.settings as DedupeSettings;
  const decisions = activeDecisions(db, run.level);
  const same = new Map<number, number[]>();
  for (const d of decisions) {
    if (d.decision !== 'same') continue;
    same.set(d.a, [...(same.get(d.a) ?? []), d.b]);
    same.set(d.b, [...(same.get(d.b) ?? []), d.a]);
  }
  const inRun = (id: number) => run.lists.includes(Math.floor(id / LIST_SHIFT));
  const component = new Set<number>();
  const queue = seeds.filter(inRun);
  while (queue.length > 0 && component.size < MAX_COMPONENT) {
    const x = queue.pop()!;
    if (component.has(x)) continue;
    component.add(x);
    const cluster = runMembers(db, run.id, [x])[0]?.cluster;
    const next = [...(cluster === undefined ? [] : clusterMembers(db, run.id, cluster).map((m) => m.recordId)), ...pairsOf(db, run.id, x, s.mergeAt).map((p) => (p.a === x ? p.b : p.a)), ...(same.get(x) ?? [])];
    for (const y of next) if (!component.has(y) && inRun(y)) queue.push(y);
  }
  const ids = [...component].sort((a, b) => a - b);
  const at = new Map(ids.map((id, i) => [id, i]));
  const a: number[] = [];
  const b: number[] = [];
  const prob: number[] = [];
  const known = new Map<string, number>();
  for (const id of ids) {
    for (const p of pairsOf(db, run.id, id, s.reviewFrom)) {
      const i = at.get(p.a);
      const j = at.get(p.b);
      if (i === undefined || j === undefined || p.a !== id) continue;
      a.push(i);
      b.push(j);
      prob.push(p.prob);
      known.set(`${i}:${j}`, p.prob);
    }
  }
  const link = (kind: 'same' | 'different') =>
    decisions.flatMap((d) => (d.decision === kind && at.has(d.a) && at.has(d.b) ? [[at.get(d.a)!, at.get(d.b)!] as const] : []));
  const { clusterOf } = clusterPairs(ids.length, a, b, prob, (i, j) => known.get(i < j ? `${i}:${j}` : `${j}:${i}`) ?? 0.5, {
    threshold: s.mergeAt,
    groupAgreement: s.groupAgreement,
    differentBelow: s.differentBelow,
    maxSize: s.maxClusterSize,
    mustLink: link('same'),
    cannotLink: link('different'),
  });
  const priority = new Int32Array(ids.map((id) => run.lists.indexOf(Math.floor(id / LIST_SHIFT))));
  const quality = new Int32Array(ids.map((id) => getClean(db, id)?.quality ?? 0));
  const survivorOf = survivors(clusterOf, priority, quality);
  const size = new Int32Array(ids.length);
  for (const c of clusterOf) size[c]!++;
  replaceMembers(
    db,
    run.id,
    ids,
    ids.flatMap((id, i) => (size[clusterOf[i]!]! > 1 ? [{ recordId: id, cluster: ids[clusterOf[i]!]!, survivor: survivorOf[clusterOf[i]!] === i }] : [])),
  );

}

export function decide(db: Db, run: StoredRun, ctx: ReviewContext, aRef: RecordRef, bRef: RecordRef, decision: 'same' | 'different'): { decision: DecisionInfo; pair: PairReview } {
  listOfRef(ctx, aRef);
  listOfRef(ctx, bRef);
  const a = idOf(aRef);
  const b = idOf(bRef);
  if (a === b) throw new WinnowError('INVALID_INPUT', 'A record is always the same as itself; pick two different records.');
  let seq = 0;
  db.transaction(() => {
    seq = addDecision(db, run.level, a, b, decision);
    recluster(db, run, [a, b]);
  })();
  return { decision: decisionInfo(getDecision(db, seq)!, ctx), pair: pairReview(db, run, ctx, aRef, bRef) };
}

/** Undoes one decision, whichever it is, and re-forms the clusters it touched in the newest run of its level. */
export function undo(db: Db, seq: number, ctx: ReviewContext, latestOfLevel: (level: string) => StoredRun | undefined): { decision: DecisionInfo; pair: PairReview | null } {
  const d = getDecision(db, seq);
  if (!d) throw new WinnowError('NOT_FOUND', `There is no decision ${seq}.`);
  if (d.undoneAt) throw new WinnowError('INVALID_INPUT', `Decision ${seq} was already undone.`);
  const run = latestOfLevel(d.level);
  db.transaction(() => {
    undoDecision(db, seq);
    if (run) recluster(db, run, [d.a, d.b]);
  })();
  const info = decisionInfo(getDecision(db, seq)!, ctx);
  const pair = run && run.lists.includes(info.a.listId) && run.lists.includes(info.b.listId) ? pairReview(db, run, ctx, info.a, info.b) : null;
  return { decision: info, pair };
}

/** Survivorship rules of a run (older runs have none stored: the defaults). */
function rulesOf(run: StoredRun): Record<SurvivorField, SurvivorRule> {
  const stored = (run.settings as { survivorship?: Partial<Record<SurvivorField, SurvivorRule>> }).survivorship ?? {};
  return { ...DEFAULT_SURVIVORSHIP, ...stored };
}

/** The cluster of a record with its merged record. */
export function clusterReview(db: Db, run: StoredRun, ctx: ReviewContext, ref: RecordRef): ClusterReview {
  const list = listOfRef(ctx, ref);
  if (!run.lists.includes(list.id)) throw new WinnowError('INVALID_INPUT', `List "${list.name}" is not in this merge/purge run.`);
  const id = idOf(ref);
  const cluster = runMembers(db, run.id, [id])[0]?.cluster;
  const members = cluster === undefined ? [{ recordId: id, survivor: 1 }] : clusterMembers(db, run.id, cluster);
  const rank = (rid: number) => run.lists.indexOf(Math.floor(rid / LIST_SHIFT));
  const records = members.map((m) => {
    const r = refOf(m.recordId);
    const l = listOfRef(ctx, r);
    return { id: m.recordId, ref: r, list: l, survivor: m.survivor === 1, rec: readRecord(db, l, r.rowNo) };
  });
  records.sort((a, b) => Number(b.survivor) - Number(a.survivor) || rank(a.id) - rank(b.id) || a.id - b.id);
  const picks: Partial<Record<SurvivorField, number>> = {};
  for (const p of picksFor(db, run.level, records.map((r) => r.id))) picks[p.field as SurvivorField] = records.findIndex((r) => r.id === p.recordId);
  const merged = survive(
    records.map((r) => ({ priority: rank(r.id), importedAt: r.list.importedAt, quality: getClean(db, r.id)?.quality ?? 0, clean: r.rec.clean })),
    rulesOf(run),
    picks,
  );
  const first = records[0]!;
  return {
    members: records.map((r) => {
      const [side] = sides({ list: r.list, rowNo: r.ref.rowNo, rec: r.rec }, { list: first.list, rowNo: first.ref.rowNo, rec: first.rec });
      return { ...side, survivor: r.survivor };
    }),
    merged: merged.map((m) => ({ field: m.field, label: m.label, value: m.value, from: m.from >= 0 ? records[m.from]!.ref : null, rule: m.rule, why: m.why })),
  };
}

/** Takes a field of the merged record from the chosen member; the pick holds in later runs for the cluster holding that record. */
export function pick(db: Db, run: StoredRun, ctx: ReviewContext, field: SurvivorField, from: RecordRef): ClusterReview {
  listOfRef(ctx, from);
  addPick(db, run.level, field, idOf(from));
  return clusterReview(db, run, ctx, from);
}

export function decisions(db: Db, ctx: ReviewContext, limit: number): DecisionInfo[] {
  return decisionHistory(db, limit).map((d) => decisionInfo(d, ctx));
}

/** Every run with its report brought up to date (decisions move records between clusters). */
export function runsInfo(db: Db, ctx: ReviewContext): MatchRunInfo[] {
  return listRuns(db).map((run) => {
    const lists = run.lists.map((id) => ctx.lists.get(id)).filter((l): l is ListInfo => l !== undefined);
    const stored = run.report as MergePurgeResult;
    let report = stored;
    if (lists.length === run.lists.length) {
      // Rebuild the counts from the members: records are indexed in list order, clusters by their members' ids.
      const offsets = new Map<number, number>();
      let n = 0;
      for (const l of lists) {
        offsets.set(l.id, n);
        n += l.rowCount;
      }
      const clusterOf = new Int32Array(n);
      for (let i = 0; i < n; i++) clusterOf[i] = i;
      const listOf = new Int32Array(n);
      lists.forEach((l, li) => listOf.fill(li, offsets.get(l.id)!, offsets.get(l.id)! + l.rowCount));
      const firstOf = new Map<number, number>();
      const survivorOf = new Int32Array(n);
      for (let i = 0; i < n; i++) survivorOf[i] = i;
      const indexOf = (id: number) => offsets.get(Math.floor(id / LIST_SHIFT))! + (id % LIST_SHIFT) - 1;
      const members = runMembers(db, run.id, null);
      for (const m of members) {
        const i = indexOf(m.recordId);
        let c = firstOf.get(m.cluster);
        if (c === undefined) firstOf.set(m.cluster, (c = i));
        clusterOf[i] = c;
      }
      for (const m of members) if (m.survivor) survivorOf[clusterOf[indexOf(m.recordId)]!] = indexOf(m.recordId);
      report = { ...stored, ...mergeReport(lists, clusterOf, listOf, survivorOf) };
    }
    report = { ...report, runId: run.id, level: run.level as MatchLevel, seconds: typeof stored.seconds === 'number' ? stored.seconds : 0 };
    const s = run.settings as DedupeSettings;
    return {
      runId: run.id,
      level: run.level as MatchLevel,
      createdAt: run.createdAt,
      listIds: run.lists,
      report,
      toReview: undecidedPairs(db, run.id, run.level, s.reviewFrom, s.reviewTo, 0, 0).total,
    };
  });
}
