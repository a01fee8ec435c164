// The merge/purge job: reads the cleaned records of the chosen lists, matches them, picks a survivor per entity by source
// priority, and stores the run (model, kept pairs, clusters, report) in one transaction.
import { WinnowError, type CanonicalField, type ListInfo, type MatchLevel, type MergeListReport, type MergePurgeResult } from '../api/contract';
import { availableParallelism } from 'node:os';
import { comparisonsFor } from '../domain/match/compare';
import { dedupe, DEFAULT_SETTINGS, type DedupeResult, type DedupeSettings, type GammaSource } from '../domain/match/dedupe';
import { gammasOf } from '../domain/match/model';
import { matchRecord } from '../domain/match/features';
import { DEFAULT_SURVIVORSHIP, type SurvivorField, type SurvivorRule } from '../domain/match/survivorship';
import { freezeTable, matchTableBuilder, type MatchTable } from '../domain/match/table';
import type { NicknameTable } from '../domain/nicknames';
import type { Db } from '../store/db';
import { activeDecisions, insertRun, memberWriter, pairWriter } from '../store/matches';
import { cleanedRecords, type LeadRecord } from './lead-records';
import type { MatchWorkerData, MatchWorkerRequest } from './match-worker';
import type { ProgressSink } from './progress';
import { workerPool } from './worker-pool';

export interface DedupeJobInput {
  /** In source-priority order: the first list's records survive over the others'. */
  lists: ListInfo[];
  level: MatchLevel;
  signal: AbortSignal;
  progress: ProgressSink;
  nicknames: NicknameTable;
  freeMail: (domain: string) => boolean;
  settings?: Partial<Omit<DedupeSettings, 'level'>>;
  /** The bundled match-worker.js; without it pairs are compared on the job's thread. */
  matchWorkerFile?: string | undefined;
  /** Worker threads to start (default: one per core). */
  workers?: number | undefined;
  /** When the job began (performance.now()), if it did other work first (cleaning): the reported time counts from here. */
  startedAt?: number;
  /** How each field of a merged record is chosen, stored with the run (defaults for the fields left out). */
  survivorship?: Partial<Record<SurvivorField, SurvivorRule>> | undefined;
  /** Lists with fewer records are compared on the job's thread (default WORKER_MIN_RECORDS). */
  workersFrom?: number | undefined;
}

/** Below this many records, starting workers costs more than it saves. */
const WORKER_MIN_RECORDS = 20_000;

/**
 * Threads comparing pairs: `count` workers (each gets the table once, ids in shared memory) plus the job's own thread,
 * which takes every (count + 1)-th chunk itself in a later turn of the event loop (so progress keeps flowing) — one
 * table copy fewer than a worker per core.
 */
export function matchPool(file: string, count: number, level: MatchLevel, table: MatchTable): { gammas: GammaSource; close: () => Promise<void> } {
  const pool = workerPool<MatchWorkerRequest, Int8Array>(file, count, { level, table: freezeTable(table) } satisfies MatchWorkerData, 'a match worker');
  const comps = comparisonsFor(level);
  let turn = 0;
  return {
    gammas: (a, b) => {
      if (turn++ % (pool.size + 1) === pool.size) return new Promise((resolve) => setImmediate(() => resolve(gammasOf(table, comps, a, b))));
      // Copies, so the job keeps its arrays; the copies' buffers move to the worker.
      const ca = a.slice();
      const cb = b.slice();
      return pool.run({ a: ca, b: cb }, [ca.buffer as ArrayBuffer, cb.buffer as ArrayBuffer]);
    },
    close: pool.close,
  };
}

/** Source priority by default: house customers, then earlier lists before newer purchases. */
export function defaultPriority(lists: readonly ListInfo[]): ListInfo[] {
  const rank = (l: ListInfo) => (l.role === 'customers' ? 0 : l.role === 'suppression' ? 1 : 2);
  return [...lists].sort((a, b) => rank(a) - rank(b) || a.importedAt.localeCompare(b.importedAt) || a.id - b.id);
}

const PERSON_FIELDS = new Set<CanonicalField>(['first_name', 'last_name', 'full_name']);

/**
 * The level the data calls for: person when the lists map person names and those names mostly hold people; company
 * (a list of sites) when no person names are mapped, or when over a third of the "names" are not people (a "Name" column of
 * restaurants). `companyShare` is, per list, the share of records whose name the clean step read as a business or as a
 * single word.
 */
export function defaultLevel(lists: readonly ListInfo[], companyShare: (list: ListInfo) => number = () => 0): MatchLevel {
  const named = lists.filter((l) => l.columns.some((c) => c.field && PERSON_FIELDS.has(c.field)));
  if (named.length === 0) return 'company';
  const rows = named.reduce((s, l) => s + l.rowCount, 0);
  const companies = named.reduce((s, l) => s + companyShare(l) * l.rowCount, 0);
  return rows > 0 && companies / rows > 1 / 3 ? 'company' : 'person';
}

/** The records of the lists as a match table, with each record's id, list, quality and verdict flags (1 mailable, 2 emailable, 4 callable). */
export function readMatchTable(
  db: Db,
  lists: readonly ListInfo[],
  nicknames: NicknameTable,
  freeMail: (d: string) => boolean,
  signal?: AbortSignal,
  onRows?: (done: number, total: number) => void,
  /** Sees each record as it is read (its list's index in `lists`), for callers that need more than the match fields. */
  onRecord?: (r: LeadRecord, list: number) => void,
): { table: MatchTable; ids: Float64Array; listOf: Int32Array; quality: Int32Array; flags: Uint8Array } {
  const total = lists.reduce((s, l) => s + l.rowCount, 0);
  const builder = matchTableBuilder(total, nicknames);
  const ids = new Float64Array(total);
  const listOf = new Int32Array(total);
  const quality = new Int32Array(total);
  const flags = new Uint8Array(total);
  let n = 0;
  lists.forEach((list, li) => {
    if (!list.clean) throw new WinnowError('NOT_FOUND', `List "${list.name}" has not been cleaned; clean it before matching.`);
    for (const batch of cleanedRecords(db, list, signal, 'the merge/purge')) {
      for (const r of batch) {
        if (n === ids.length) throw new WinnowError('INTERNAL', `List "${list.name}" has more cleaned records than rows.`);
        builder.add(matchRecord(r.values, r.clean, freeMail));
        onRecord?.(r, li);
        ids[n] = r.id;
        listOf[n] = li;
        quality[n] = r.clean.quality;
        flags[n] = (r.clean.mailable ? 1 : 0) | (r.clean.emailable ? 2 : 0) | (r.clean.callable ? 4 : 0);
        n++;
      }
      onRows?.(n, total);
    }
  });
  return { table: builder.finish(), ids: ids.subarray(0, n), listOf: listOf.subarray(0, n), quality: quality.subarray(0, n), flags: flags.subarray(0, n) };
}

/** The survivor of each cluster: the record from the highest-priority list, then the better quality, then the first. */
export function survivors(clusterOf: Int32Array, listOf: Int32Array, quality: Int32Array): Int32Array {
  const best = new Int32Array(clusterOf.length).fill(-1);
  for (let i = 0; i < clusterOf.length; i++) {
    const c = clusterOf[i]!;
    const s = best[c]!;
    if (s < 0 || listOf[i]! < listOf[s]! || (listOf[i] === listOf[s] && quality[i]! > quality[s]!)) best[c] = i;
  }
  return best;
}

/** Counts in service-bureau words from clusters and survivors. */
export function mergeReport(lists: readonly ListInfo[], clusterOf: Int32Array, listOf: Int32Array, survivorOf: Int32Array): Omit<MergePurgeResult, 'runId' | 'level' | 'mergedPairs' | 'reviewPairs' | 'candidatePairs' | 'seconds'> {
  const n = clusterOf.length;
  const per: MergeListReport[] = lists.map((l, i) => ({ listId: l.id, listName: l.name, role: l.role, priority: i + 1, rows: 0, duplicatesWithin: 0, duplicatesBetween: 0, multiBuyers: 0, kept: 0 }));
  // Records per (cluster, list), and lists per cluster.
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[clusterOf[i]!]!++;
  const seen = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    per[listOf[i]!]!.rows++;
    const c = clusterOf[i]!;
    if (size[c] === 1) {
      per[listOf[i]!]!.kept++;
      continue;
    }
    let m = seen.get(c);
    if (!m) seen.set(c, (m = new Map()));
    m.set(listOf[i]!, (m.get(listOf[i]!) ?? 0) + 1);
  }
  let clusters = 0;
  let clusteredRecords = 0;
  let multiBuyers = 0;
  for (const [c, m] of seen) {
    clusters++;
    const survivorList = listOf[survivorOf[c]!]!;
    per[survivorList]!.kept++;
    for (const [li, count] of m) {
      clusteredRecords += count;
      per[li]!.duplicatesWithin += count - 1;
      if (li !== survivorList) per[li]!.duplicatesBetween++;
      if (m.size > 1) per[li]!.multiBuyers += count;
    }
    if (m.size > 1) multiBuyers++;
  }
  const rowsAfter = per.reduce((s, l) => s + l.kept, 0);
  return { rowsBefore: n, rowsAfter, clusters, clusteredRecords, multiBuyers, lists: per };
}

export async function dedupeLists(db: Db, job: DedupeJobInput): Promise<MergePurgeResult> {
  const started = job.startedAt ?? performance.now();
  const total = job.lists.reduce((s, l) => s + l.rowCount, 0);
  const cancelled = () => new WinnowError('JOB_CANCELLED', 'The merge/purge was cancelled; the project is unchanged.');
  job.progress({ phase: 'reading records', rows: 0, done: 0, total });
  const { table, ids, listOf, quality } = readMatchTable(db, job.lists, job.nicknames, job.freeMail, job.signal, (done, of) => job.progress({ phase: 'reading records', rows: done, done, total: of }));
  await new Promise((r) => setImmediate(r));
  const settings: DedupeSettings = { ...DEFAULT_SETTINGS, ...job.settings, level: job.level };
  // The user's decisions, on records still in these lists.
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  const mustLink: [number, number][] = [];
  const cannotLink: [number, number][] = [];
  for (const d of activeDecisions(db, job.level)) {
    const a = index.get(d.a);
    const b = index.get(d.b);
    if (a === undefined || b === undefined) continue;
    (d.decision === 'same' ? mustLink : cannotLink).push([a, b]);
  }
  const pool = job.matchWorkerFile && table.n >= (job.workersFrom ?? WORKER_MIN_RECORDS) ? matchPool(job.matchWorkerFile, job.workers ?? Math.max(1, availableParallelism() - 1), job.level, table) : null;
  let result: DedupeResult;
  try {
    result = await dedupe(table, settings, {
      ...(pool ? { gammas: pool.gammas } : {}),
    phase: (name, done, of) => {
      if (job.signal.aborted) throw cancelled();
      job.progress({ phase: name, rows: table.n, done, total: of });
    },
      mustLink,
      cannotLink,
    });
  } finally {
    await pool?.close();
  }
  const survivorOf = survivors(result.clusterOf, listOf, quality);
  const report = mergeReport(job.lists, result.clusterOf, listOf, survivorOf);
  let merged = 0;
  for (let p = 0; p < result.pairs.prob.length; p++) if (result.clusterOf[result.pairs.a[p]!] === result.clusterOf[result.pairs.b[p]!] && result.pairs.prob[p]! >= settings.mergeAt) merged++;
  const reviewPairs = result.pairs.prob.filter((p) => p >= settings.reviewFrom && p < settings.reviewTo).length;
  if (job.signal.aborted) throw cancelled();
  job.progress({ phase: 'saving', rows: table.n, done: 0, total: 1 });
  db.exec('BEGIN IMMEDIATE');
  let runId: number;
  try {
    runId = insertRun(db, {
      level: job.level,
      lists: job.lists.map((l) => l.id),
      createdAt: new Date().toISOString(),
      settings: { ...settings, survivorship: { ...DEFAULT_SURVIVORSHIP, ...job.survivorship } },
      model: result.model,
      report: {
        ...report,
        level: job.level,
        mergedPairs: merged,
        reviewPairs,
        candidatePairs: result.candidates,
        seconds: Math.round((performance.now() - started) / 10) / 100,
        perRule: result.perRule,
        timings: result.timings,
      },
    });
    const pairs = pairWriter(db, runId);
    const k = result.comparisons.length;
    for (let p = 0; p < result.pairs.prob.length; p++) {
      const a = ids[result.pairs.a[p]!]!;
      const b = ids[result.pairs.b[p]!]!;
      let levels = '';
      for (let c = 0; c < k; c++) levels += String.fromCharCode(66 + result.pairs.gammas[p * k + c]!);
      pairs.add(Math.min(a, b), Math.max(a, b), result.pairs.prob[p]!, result.pairs.weight[p]!, levels);
    }
    pairs.flush();
    const members = memberWriter(db, runId);
    const size = new Int32Array(table.n);
    for (let i = 0; i < table.n; i++) size[result.clusterOf[i]!]!++;
    for (let i = 0; i < table.n; i++) {
      const c = result.clusterOf[i]!;
      if (size[c]! > 1) members.add(ids[i]!, ids[c]!, survivorOf[c] === i);
    }
    members.flush();
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return {
    runId,
    level: job.level,
    ...report,
    mergedPairs: merged,
    reviewPairs,
    candidatePairs: result.candidates,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
