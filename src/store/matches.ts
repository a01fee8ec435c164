// Merge/purge repository: runs with their model and report, kept pairs, cluster members, and the user's pair decisions.
import type { Db } from './db';
import { batchWriter } from './batch-writer';
import { recordId } from './records';

export interface StoredRun {
  id: number;
  level: string;
  lists: number[];
  createdAt: string;
  settings: unknown;
  model: unknown;
  report: unknown;
}

/** Records a run, replacing earlier runs of the same level over the same lists (their pairs and members go with them). */
export function insertRun(db: Db, r: Omit<StoredRun, 'id'>): number {
  const lists = JSON.stringify(r.lists);
  for (const old of db.prepare(`SELECT id FROM match_runs WHERE level = ? AND lists = ?`).pluck().all(r.level, lists) as number[]) deleteRun(db, old);
  const info = db
    .prepare(`INSERT INTO match_runs (level, lists, created_at, settings, model, report) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(r.level, lists, r.createdAt, JSON.stringify(r.settings), JSON.stringify(r.model), JSON.stringify(r.report));
  return Number(info.lastInsertRowid);
}

export function deleteRun(db: Db, runId: number): void {
  db.prepare(`DELETE FROM match_pairs WHERE run_id = ?`).run(runId);
  db.prepare(`DELETE FROM match_members WHERE run_id = ?`).run(runId);
  db.prepare(`DELETE FROM match_runs WHERE id = ?`).run(runId);
}

const toRun = (r: { id: number; level: string; lists: string; created_at: string; settings: string; model: string; report: string }): StoredRun => ({
  id: r.id,
  level: r.level,
  lists: JSON.parse(r.lists) as number[],
  createdAt: r.created_at,
  settings: JSON.parse(r.settings),
  model: JSON.parse(r.model),
  report: JSON.parse(r.report),
});

export function getRun(db: Db, runId: number): StoredRun | undefined {
  const r = db.prepare(`SELECT * FROM match_runs WHERE id = ?`).get(runId) as Parameters<typeof toRun>[0] | undefined;
  return r ? toRun(r) : undefined;
}

/** Every run, newest first. */
export function listRuns(db: Db): StoredRun[] {
  return (db.prepare(`SELECT * FROM match_runs ORDER BY id DESC`).all() as Parameters<typeof toRun>[0][]).map(toRun);
}

/** The newest run (of a level, when given). */
export function latestRun(db: Db, level?: string): StoredRun | undefined {
  const r = (level === undefined ? db.prepare(`SELECT * FROM match_runs ORDER BY id DESC LIMIT 1`).get() : db.prepare(`SELECT * FROM match_runs WHERE level = ? ORDER BY id DESC LIMIT 1`).get(level)) as Parameters<typeof toRun>[0] | undefined;
  return r ? toRun(r) : undefined;
}

/** Records of a run that are duplicates of another (in a cluster, not its survivor), with their cluster's survivor. */
export function nonSurvivors(db: Db, runId: number): Map<number, number> {
  // One pass over the run's members, paired in code: as a self-join SQLite's planner (no statistics) paired every member
  // with every member of the run, 9 s for a 40,000-record run.
  const rows = db.prepare(`SELECT record_id AS id, cluster, survivor FROM match_members WHERE run_id = ?`).raw().all(runId) as [number, number, number][];
  const survivorOf = new Map<number, number>();
  for (const [id, cluster, survivor] of rows) if (survivor === 1) survivorOf.set(cluster, id);
  const out = new Map<number, number>();
  for (const [id, cluster, survivor] of rows) {
    if (survivor === 1) continue;
    const s = survivorOf.get(cluster);
    if (s !== undefined) out.set(id, s);
  }
  return out;
}

export function pairWriter(db: Db, runId: number): { add: (a: number, b: number, prob: number, weight: number, levels: string) => void; flush: () => void } {
  const w = batchWriter(db, 'match_pairs', ['run_id', 'a', 'b', 'prob', 'weight', 'levels']);
  return { add: (a, b, prob, weight, levels) => w.add(runId, a, b, prob, weight, levels), flush: w.flush };
}

export function memberWriter(db: Db, runId: number): { add: (recordId: number, cluster: number, survivor: boolean) => void; flush: () => void } {
  const w = batchWriter(db, 'match_members', ['run_id', 'record_id', 'cluster', 'survivor']);
  return { add: (id, cluster, survivor) => w.add(runId, id, cluster, survivor ? 1 : 0), flush: w.flush };
}

export interface StoredPair {
  a: number;
  b: number;
  prob: number;
  weight: number;
  levels: string;
}

/**
 * Doubtful pairs of a run (probability in [from, to)) with no decision in force, most uncertain (closest to 0.5) first;
 * and how many there are. limit 0 only counts.
 */
export function undecidedPairs(db: Db, runId: number, level: string, from: number, to: number, offset: number, limit: number): { total: number; pairs: StoredPair[] } {
  const where = `p.run_id = ? AND p.prob >= ? AND p.prob < ? AND NOT EXISTS (SELECT 1 FROM match_decisions d WHERE d.a = p.a AND d.b = p.b AND d.level = ? AND d.undone_at IS NULL)`;
  const total = db.prepare(`SELECT count(*) FROM match_pairs p WHERE ${where}`).pluck().get(runId, from, to, level) as number;
  const pairs =
    limit === 0
      ? []
      : (db.prepare(`SELECT a, b, prob, weight, levels FROM match_pairs p WHERE ${where} ORDER BY abs(p.prob - 0.5), p.a, p.b LIMIT ? OFFSET ?`).all(runId, from, to, level, limit, offset) as StoredPair[]);
  return { total, pairs };
}

/** Kept pairs of a run that involve a record, at or above a probability. */
export function pairsOf(db: Db, runId: number, id: number, minProb: number): StoredPair[] {
  return db
    .prepare(`SELECT a, b, prob, weight, levels FROM match_pairs WHERE run_id = ? AND a = ? AND prob >= ? UNION ALL SELECT a, b, prob, weight, levels FROM match_pairs WHERE run_id = ? AND b = ? AND prob >= ?`)
    .all(runId, id, minProb, runId, id, minProb) as StoredPair[];
}

export function getPair(db: Db, runId: number, a: number, b: number): StoredPair | undefined {
  return db.prepare(`SELECT a, b, prob, weight, levels FROM match_pairs WHERE run_id = ? AND a = ? AND b = ?`).get(runId, Math.min(a, b), Math.max(a, b)) as StoredPair | undefined;
}

/** Every record of a list in a cluster of the run, with its cluster (ascending record id). */
export function listMembers(db: Db, runId: number, listId: number): { recordId: number; cluster: number; survivor: number }[] {
  return db
    .prepare(`SELECT record_id AS recordId, cluster, survivor FROM match_members WHERE run_id = ? AND record_id >= ? AND record_id < ? ORDER BY record_id`)
    .all(runId, recordId(listId, 0), recordId(listId + 1, 0)) as { recordId: number; cluster: number; survivor: number }[];
}

/** Members of a run: of the given records, or all of them (null), by record id. */
export function runMembers(db: Db, runId: number, ids: readonly number[] | null): { recordId: number; cluster: number; survivor: number }[] {
  if (ids === null) return db.prepare(`SELECT record_id AS recordId, cluster, survivor FROM match_members WHERE run_id = ? ORDER BY record_id`).all(runId) as { recordId: number; cluster: number; survivor: number }[];
  const stmt = db.prepare(`SELECT record_id AS recordId, cluster, survivor FROM match_members WHERE run_id = ? AND record_id = ?`);
  return ids.flatMap((id) => (stmt.all(runId, id) as { recordId: number; cluster: number; survivor: number }[]));
}

/** Replaces the cluster membership of some records (those not in `rows` are alone afterwards). */
export function replaceMembers(db: Db, runId: number, ids: readonly number[], rows: readonly { recordId: number; cluster: number; survivor: boolean }[]): void {
  const del = db.prepare(`DELETE FROM match_members WHERE run_id = ? AND record_id = ?`);
  for (const id of ids) del.run(runId, id);
  const ins = db.prepare(`INSERT INTO match_members (run_id, record_id, cluster, survivor) VALUES (?, ?, ?, ?)`);
  for (const r of rows) ins.run(runId, r.recordId, r.cluster, r.survivor ? 1 : 0);
}

export function clusterMembers(db: Db, runId: number, cluster: number): { recordId: number; survivor: number }[] {
  return db.prepare(`SELECT record_id AS recordId, survivor FROM match_members WHERE run_id = ? AND cluster = ? ORDER BY record_id`).all(runId, cluster) as { recordId: number; survivor: number }[];
}

export interface Decision {
  seq: number;
  level: string;
  a: number;
  b: number;
  decision: 'same' | 'different';
  at: string;
  undoneAt: string | null;
}

/** Decisions in force for a level (the newest per pair wins; undone ones do not count). */
export function activeDecisions(db: Db, level: string): Decision[] {
  const rows = db
    .prepare(`SELECT seq, level, a, b, decision, at, undone_at AS undoneAt FROM match_decisions WHERE level = ? AND undone_at IS NULL ORDER BY seq`)
    .all(level) as Decision[];
  const latest = new Map<string, Decision>();
  for (const d of rows) latest.set(`${d.a}:${d.b}`, d);
  return [...latest.values()];
}

export function getDecision(db: Db, seq: number): Decision | undefined {
  return db.prepare(`SELECT seq, level, a, b, decision, at, undone_at AS undoneAt FROM match_decisions WHERE seq = ?`).get(seq) as Decision | undefined;
}

export function addDecision(db: Db, level: string, a: number, b: number, decision: 'same' | 'different', at = new Date().toISOString()): number {
  const info = db.prepare(`INSERT INTO match_decisions (level, a, b, decision, at) VALUES (?, ?, ?, ?, ?)`).run(level, Math.min(a, b), Math.max(a, b), decision, at);
  return Number(info.lastInsertRowid);
}

export function undoDecision(db: Db, seq: number, at = new Date().toISOString()): boolean {
  return db.prepare(`UPDATE match_decisions SET undone_at = ? WHERE seq = ? AND undone_at IS NULL`).run(at, seq).changes > 0;
}

export function decisionHistory(db: Db, limit: number): Decision[] {
  return db.prepare(`SELECT seq, level, a, b, decision, at, undone_at AS undoneAt FROM match_decisions ORDER BY seq DESC LIMIT ?`).all(limit) as Decision[];
}

export interface CleanedRow {
  id: number;
  raw: string;
  flags: number;
  quality: number;
  state: string;
  zip5: string;
  data: string;
}

/** A window of a list's records with their clean results (records never cleaned are left out), by ascending id. */
export function cleanedWindow(db: Db, fromId: number, toId: number, count: number): CleanedRow[] {
  return db
    .prepare(`SELECT r.id AS id, r.raw AS raw, c.flags AS flags, c.quality AS quality, c.state AS state, c.zip5 AS zip5, c.data AS data FROM records r JOIN clean c ON c.id = r.id WHERE r.id >= ? AND r.id <= ? ORDER BY r.id LIMIT ?`)
    .all(fromId, toId, count) as CleanedRow[];
}

export interface SurvivorPick {
  seq: number;
  field: string;
  recordId: number;
}

export function addPick(db: Db, level: string, field: string, recordId: number, at = new Date().toISOString()): number {
  return Number(db.prepare(`INSERT INTO survivor_picks (level, field, record_id, at) VALUES (?, ?, ?, ?)`).run(level, field, recordId, at).lastInsertRowid);
}

/** Picks of a level naming any of these records, oldest first (so a later pick overrides an earlier one). */
export function picksFor(db: Db, level: string, ids: readonly number[]): SurvivorPick[] {
  const stmt = db.prepare(`SELECT seq, field, record_id AS recordId FROM survivor_picks WHERE level = ? AND record_id = ?`);
  return ids.flatMap((id) => stmt.all(level, id) as SurvivorPick[]).sort((a, b) => a.seq - b.seq);
}
