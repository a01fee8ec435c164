// Targeting recipes, waterfall runs with the reason on every removed record, and the mailing ledger.
import type { MailingChannel, MailingInfo, MailingRunResult, RecipeInfo, TargetRecipe } from '../api/contract';
import { batchWriter } from './batch-writer';
import type { Db } from './db';
import { MAX_ROWS_PER_LIST, recordId } from './records';

export function saveRecipe(db: Db, name: string, recipe: TargetRecipe, at = new Date().toISOString()): RecipeInfo {
  db.prepare(`INSERT INTO target_recipes (name, recipe, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET recipe = excluded.recipe, updated_at = excluded.updated_at`).run(
    name,
    JSON.stringify(recipe),
    at,
  );
  return { name, recipe, updatedAt: at };
}

export function allRecipes(db: Db): RecipeInfo[] {
  const rows = db.prepare(`SELECT name, recipe, updated_at AS updatedAt FROM target_recipes ORDER BY name COLLATE NOCASE`).all() as { name: string; recipe: string; updatedAt: string }[];
  return rows.map((r) => ({ name: r.name, recipe: JSON.parse(r.recipe) as TargetRecipe, updatedAt: r.updatedAt }));
}

export function deleteRecipe(db: Db, name: string): boolean {
  return db.prepare(`DELETE FROM target_recipes WHERE name = ?`).run(name).changes > 0;
}

/** Per ZIP3 area: [prospects, kept] of the run's input list; plus the radius circles the run resolved. */
export interface RunGeo {
  zip3: Record<string, [number, number]>;
  unplaced: [number, number];
  circles: { lat: number; lon: number; miles: number; label: string }[];
  /** ZIP3 areas every geography step of the recipe lets in (null when the recipe has no geography step). */
  target: string[] | null;
}

export interface StoredTargetRun {
  id: number;
  fromList: number;
  recipeName: string | null;
  recipe: TargetRecipe;
  createdAt: string;
  result: MailingRunResult;
  geo: RunGeo;
}

type RunRow = { id: number; fromList: number; recipeName: string | null; recipe: string; createdAt: string; result: string; geo: string };
const RUN_COLUMNS = `id, from_list AS fromList, recipe_name AS recipeName, recipe, created_at AS createdAt, result, geo`;
const decodeRun = (r: RunRow): StoredTargetRun => ({
  id: r.id,
  fromList: r.fromList,
  recipeName: r.recipeName,
  recipe: JSON.parse(r.recipe) as TargetRecipe,
  createdAt: r.createdAt,
  result: { ...(JSON.parse(r.result) as MailingRunResult), runId: r.id },
  geo: JSON.parse(r.geo) as RunGeo,
});

/** Stores a run; its removed records follow through `removedWriter` in the same transaction. */
export function insertTargetRun(db: Db, r: Omit<StoredTargetRun, 'id'>): number {
  return Number(
    db
      .prepare(`INSERT INTO target_runs (from_list, recipe_name, recipe, created_at, result, geo) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(r.fromList, r.recipeName, JSON.stringify(r.recipe), r.createdAt, JSON.stringify(r.result), JSON.stringify(r.geo)).lastInsertRowid,
  );
}

export function getTargetRun(db: Db, runId: number): StoredTargetRun | undefined {
  const r = db.prepare(`SELECT ${RUN_COLUMNS} FROM target_runs WHERE id = ?`).get(runId) as RunRow | undefined;
  return r ? decodeRun(r) : undefined;
}

export function latestTargetRun(db: Db): StoredTargetRun | undefined {
  const r = db.prepare(`SELECT ${RUN_COLUMNS} FROM target_runs ORDER BY id DESC LIMIT 1`).get() as RunRow | undefined;
  return r ? decodeRun(r) : undefined;
}

export function targetRuns(db: Db, limit: number): StoredTargetRun[] {
  return (db.prepare(`SELECT ${RUN_COLUMNS} FROM target_runs ORDER BY id DESC LIMIT ?`).all(limit) as RunRow[]).map(decodeRun);
}

/** Keeps the newest `keep` runs (their removed records are what makes a run big); the ledger is never pruned. */
export function pruneTargetRuns(db: Db, keep: number): number {
  return db.prepare(`DELETE FROM target_runs WHERE id NOT IN (SELECT id FROM target_runs ORDER BY id DESC LIMIT ?)`).run(keep).changes;
}

export function removedWriter(db: Db, runId: number): { add: (recordId: number, step: number, reason: string) => void; flush: () => void } {
  const w = batchWriter(db, 'target_removed', ['run_id', 'record_id', 'step', 'reason']);
  return { add: (id, step, reason) => w.add(runId, id, step, reason), flush: w.flush };
}

export function removedCount(db: Db, runId: number, step: number | null): number {
  return (
    step === null
      ? db.prepare(`SELECT count(*) FROM target_removed WHERE run_id = ?`).pluck().get(runId)
      : db.prepare(`SELECT count(*) FROM target_removed INDEXED BY target_removed_by_step WHERE run_id = ? AND step = ?`).pluck().get(runId, step)
  ) as number;
}

/** Removed records of a run (of one step, or all), by step then record. */
export function removedPage(db: Db, runId: number, step: number | null, offset: number, limit: number): { recordId: number; step: number; reason: string }[] {
  const cols = `record_id AS recordId, step, reason`;
  return (
    step === null
      ? db.prepare(`SELECT ${cols} FROM target_removed WHERE run_id = ? ORDER BY step, record_id LIMIT ? OFFSET ?`).all(runId, limit, offset)
      : db.prepare(`SELECT ${cols} FROM target_removed INDEXED BY target_removed_by_step WHERE run_id = ? AND step = ? ORDER BY step, record_id LIMIT ? OFFSET ?`).all(runId, step, limit, offset)
  ) as { recordId: number; step: number; reason: string }[];
}

/** Ids of the records a run removed from its list. */
export function removedIds(db: Db, runId: number): Set<number> {
  const out = new Set<number>();
  for (const id of db.prepare(`SELECT record_id FROM target_removed WHERE run_id = ?`).pluck().iterate(runId)) out.add(id as number);
  return out;
}

export interface NewMailing {
  name: string;
  channel: MailingChannel;
  mailedAt: string;
  runId: number | null;
  fromListName: string | null;
  fileName: string | null;
}

/** Records a mailing and its recipients (call inside a transaction). */
export function insertMailing(db: Db, m: NewMailing, recipients: Iterable<{ recordId: number; household: string }>, at = new Date().toISOString()): number {
  const id = Number(
    db
      .prepare(`INSERT INTO mailings (name, channel, mailed_at, created_at, run_id, from_list_name, file_name, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`)
      .run(m.name, m.channel, m.mailedAt, at, m.runId, m.fromListName, m.fileName).lastInsertRowid,
  );
  const stmt = db.prepare(`INSERT OR IGNORE INTO mailing_recipients (mailing_id, record_id, household) VALUES (?, ?, ?)`);
  let n = 0;
  for (const r of recipients) n += stmt.run(id, r.recordId, r.household).changes;
  db.prepare(`UPDATE mailings SET recipients = ? WHERE id = ?`).run(n, id);
  return id;
}

const MAILING_COLUMNS = `id AS mailingId, name, channel, mailed_at AS mailedAt, recipients, run_id AS runId, from_list_name AS fromListName, file_name AS fileName, created_at AS createdAt`;

export function mailings(db: Db): MailingInfo[] {
  return db.prepare(`SELECT ${MAILING_COLUMNS} FROM mailings ORDER BY mailed_at DESC, id DESC`).all() as MailingInfo[];
}

export interface LedgerPiece {
  recordId: number;
  household: string;
  mailingId: number;
  mailedAt: string;
  name: string;
  channel: MailingChannel;
}

/** Every piece sent on or after a date (yyyy-mm-dd), on the given channels: the few mailings first, then each one's recipients. */
export function piecesSince(db: Db, since: string, channels: readonly MailingChannel[]): LedgerPiece[] {
  const found = db
    .prepare(`SELECT id, mailed_at AS mailedAt, name, channel FROM mailings WHERE mailed_at >= ? AND channel IN (${channels.map(() => '?').join(',')})`)
    .all(since, ...channels) as { id: number; mailedAt: string; name: string; channel: MailingChannel }[];
  const recipients = db.prepare(`SELECT record_id AS recordId, household FROM mailing_recipients WHERE mailing_id = ?`);
  const out: LedgerPiece[] = [];
  for (const m of found) {
    for (const r of recipients.iterate(m.id) as Iterable<{ recordId: number; household: string }>) out.push({ recordId: r.recordId, household: r.household, mailingId: m.id, mailedAt: m.mailedAt, name: m.name, channel: m.channel });
  }
  return out;
}

/** Counts per cleaned ZIP5 of a list's records (clean rows only), for maps and "where my customers are". */
export function zipCounts(db: Db, listId: number): { zip5: string; state: string; n: number }[] {
  return db
    .prepare(`SELECT zip5, state, count(*) AS n FROM clean WHERE id >= ? AND id <= ? GROUP BY zip5, state`)
    .all(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST)) as { zip5: string; state: string; n: number }[];
}

/** A mailing of the ledger by name (the newest of that name) or by number. */
export function findMailing(db: Db, nameOrId: string): MailingInfo | undefined {
  const byName = db.prepare(`SELECT ${MAILING_COLUMNS} FROM mailings WHERE name = ? ORDER BY id DESC LIMIT 1`).get(nameOrId) as MailingInfo | undefined;
  if (byName) return byName;
  const byNoCase = db.prepare(`SELECT ${MAILING_COLUMNS} FROM mailings WHERE name = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1`).get(nameOrId) as MailingInfo | undefined;
  if (byNoCase || !/^\d+$/.test(nameOrId)) return byNoCase;
  return db.prepare(`SELECT ${MAILING_COLUMNS} FROM mailings WHERE id = ?`).get(Number(nameOrId)) as MailingInfo | undefined;
}

/** The record ids a mailing went to, ascending. */
export function mailingRecipientIds(db: Db, mailingId: number): number[] {
  return db.prepare(`SELECT record_id FROM mailing_recipients WHERE mailing_id = ? ORDER BY record_id`).pluck().all(mailingId) as number[];
}

/** Records that a mailing set was written to a file (call inside the transaction that records the set, if any). */
export function insertMailingExport(db: Db, e: { mailingId: number; fileName: string; rows: number; options: unknown }, at = new Date().toISOString()): number {
  return Number(
    db.prepare(`INSERT INTO mailing_exports (mailing_id, exported_at, file_name, rows, options) VALUES (?, ?, ?, ?, ?)`).run(e.mailingId, at, e.fileName, e.rows, JSON.stringify(e.options)).lastInsertRowid,
  );
}

/** The files a mailing was exported to, oldest first. */
export function mailingExports(db: Db, mailingId: number): { exportedAt: string; fileName: string; rows: number; options: unknown }[] {
  return (db.prepare(`SELECT exported_at AS exportedAt, file_name AS fileName, rows, options FROM mailing_exports WHERE mailing_id = ? ORDER BY id`).all(mailingId) as { exportedAt: string; fileName: string; rows: number; options: string }[]).map(
    (r) => ({ ...r, options: JSON.parse(r.options) as unknown }),
  );
}
