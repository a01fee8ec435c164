// Clean results repository: the cleaned form of each record beside its raw row, the per-list clean summary, and issue filters.
import type { IssueField, IssueSeverity, ListCleanInfo } from '../api/contract';
import type { CleanedRecord, CleanIssue } from '../domain/clean-record';
import type { Db } from './db';
import { MAX_ROWS_PER_LIST, recordId } from './records';

/** Bumped when the cleaning rules change what they write, so older results can be told apart. */
export const CLEAN_RULES_VERSION = 1;

export const FLAG_MAILABLE = 1;
export const FLAG_EMAILABLE = 2;
export const FLAG_CALLABLE = 4;

/** A cleaned record as the clean table stores it (see migration 4); made off the writing thread by encodeClean. */
export interface EncodedClean {
  flags: number;
  quality: number;
  state: string;
  zip5: string;
  codes: string;
  data: string;
}

type Packed = [
  nameKind: string, prefix: string, first: string, middle: string, last: string, suffix: string, company: string, companyKey: string,
  title: string, email: string, emailDomain: string, phone: string, address1: string, address2: string, city: string, zip4: string,
  lat: number | null, lon: number | null, reasons: string[], issues: ([IssueField, string, IssueSeverity, string] | [IssueField, string, IssueSeverity, string, string])[],
];

/** The stored form of a cleaned record. Pure (no SQL), so the clean workers can run it. */
export function encodeClean(r: CleanedRecord): EncodedClean {
  const packed: Packed = [
    r.nameKind, r.prefix, r.firstName, r.middleName, r.lastName, r.suffix, r.company, r.companyKey, r.title, r.email, r.emailDomain,
    r.phone, r.address1, r.address2, r.city, r.zip4, r.lat, r.lon, r.qualityReasons,
    r.issues.map((i) => (i.suggestion === undefined ? [i.field, i.code, i.severity, i.message] : [i.field, i.code, i.severity, i.message, i.suggestion])),
  ];
  return {
    flags: (r.mailable ? FLAG_MAILABLE : 0) | (r.emailable ? FLAG_EMAILABLE : 0) | (r.callable ? FLAG_CALLABLE : 0),
    quality: r.quality,
    state: r.state,
    zip5: r.zip5,
    codes: r.issues.length === 0 ? '' : ` ${[...new Set(r.issues.map((i) => i.code))].join(' ')} `,
    data: JSON.stringify(packed),
  };
}

export function decodeClean(row: { flags: number; quality: number; state: string; zip5: string; data: string }): CleanedRecord {
  const p = JSON.parse(row.data) as Packed;
  return {
    nameKind: p[0], prefix: p[1], firstName: p[2], middleName: p[3], lastName: p[4], suffix: p[5], company: p[6], companyKey: p[7],
    title: p[8], email: p[9], emailDomain: p[10], phone: p[11], address1: p[12], address2: p[13], city: p[14], zip4: p[15],
    lat: p[16], lon: p[17], qualityReasons: p[18],
    issues: p[19].map((i): CleanIssue => (i.length === 5 ? { field: i[0], code: i[1], severity: i[2], message: i[3], suggestion: i[4] } : { field: i[0], code: i[1], severity: i[2], message: i[3] })),
    state: row.state,
    zip5: row.zip5,
    mailable: (row.flags & FLAG_MAILABLE) !== 0,
    emailable: (row.flags & FLAG_EMAILABLE) !== 0,
    callable: (row.flags & FLAG_CALLABLE) !== 0,
    quality: row.quality,
  };
}

/** Counts of one list's clean, kept current as edits re-clean records. */
export interface CleanStats {
  rows: number;
  mailable: number;
  emailable: number;
  callable: number;
  withIssues: number;
  qualitySum: number;
  /** code → [severity, records with it]. */
  codes: Record<string, [IssueSeverity, number]>;
}

export const emptyStats = (): CleanStats => ({ rows: 0, mailable: 0, emailable: 0, callable: 0, withIssues: 0, qualitySum: 0, codes: {} });

/** Adds (sign 1) or removes (sign -1) one encoded record's contribution to the stats. */
export function tally(stats: CleanStats, e: EncodedClean, issues: readonly { code: string; severity: IssueSeverity }[], sign: 1 | -1): void {
  stats.rows += sign;
  if (e.flags & FLAG_MAILABLE) stats.mailable += sign;
  if (e.flags & FLAG_EMAILABLE) stats.emailable += sign;
  if (e.flags & FLAG_CALLABLE) stats.callable += sign;
  if (issues.some((i) => i.severity !== 'info')) stats.withIssues += sign;
  stats.qualitySum += sign * e.quality;
  const seen = new Set<string>();
  for (const i of issues) {
    if (seen.has(i.code)) continue;
    seen.add(i.code);
    const c = (stats.codes[i.code] ??= [i.severity, 0]);
    c[1] += sign;
    if (c[1] <= 0) delete stats.codes[i.code];
  }
}

/** Merges stats counted in parallel. */
export function mergeStats(into: CleanStats, from: CleanStats): void {
  into.rows += from.rows;
  into.mailable += from.mailable;
  into.emailable += from.emailable;
  into.callable += from.callable;
  into.withIssues += from.withIssues;
  into.qualitySum += from.qualitySum;
  for (const [code, [sev, n]] of Object.entries(from.codes)) {
    const c = (into.codes[code] ??= [sev, 0]);
    c[1] += n;
  }
}

/** Rows per INSERT: as for records, one statement step for many rows is much cheaper per row. */
const ROWS_PER_INSERT = 32;
const COLS = 7;

/** Returns a function writing cleaned rows (ids with their encoded results); the caller owns the transaction. */
export function cleanWriter(db: Db): (ids: ArrayLike<number>, rows: readonly EncodedClean[]) => void {
  const sql = (n: number) => `INSERT INTO clean (id, flags, quality, state, zip5, codes, data) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  const one = db.prepare(sql(1));
  const many = db.prepare(sql(ROWS_PER_INSERT));
  const params: (number | string)[] = new Array(ROWS_PER_INSERT * COLS);
  const put = (at: number, id: number, e: EncodedClean) => {
    params[at] = id;
    params[at + 1] = e.flags;
    params[at + 2] = e.quality;
    params[at + 3] = e.state;
    params[at + 4] = e.zip5;
    params[at + 5] = e.codes;
    params[at + 6] = e.data;
  };
  return (ids, rows) => {
    let i = 0;
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      for (let k = 0; k < ROWS_PER_INSERT; k++) put(k * COLS, ids[i + k]!, rows[i + k]!);
      many.run(params);
    }
    for (; i < rows.length; i++) one.run(ids[i]!, rows[i]!.flags, rows[i]!.quality, rows[i]!.state, rows[i]!.zip5, rows[i]!.codes, rows[i]!.data);
  };
}

/** Removes a list's clean results (before it is cleaned again). */
export function deleteListClean(db: Db, listId: number): void {
  db.prepare(`DELETE FROM clean WHERE id >= ? AND id <= ?`).run(recordId(listId, 0), recordId(listId, MAX_ROWS_PER_LIST));
  db.prepare(`DELETE FROM list_clean WHERE list_id = ?`).run(listId);
}

export function saveListClean(db: Db, listId: number, stats: CleanStats, cleanedAt = new Date().toISOString()): void {
  db.prepare(`INSERT OR REPLACE INTO list_clean (list_id, cleaned_at, rules, stats) VALUES (?, ?, ?, ?)`).run(listId, cleanedAt, CLEAN_RULES_VERSION, JSON.stringify(stats));
}

export function listCleanStats(db: Db, listId: number): { cleanedAt: string; stats: CleanStats } | null {
  const r = db.prepare(`SELECT cleaned_at, stats FROM list_clean WHERE list_id = ?`).get(listId) as { cleaned_at: string; stats: string } | undefined;
  return r ? { cleanedAt: r.cleaned_at, stats: JSON.parse(r.stats) as CleanStats } : null;
}

export function cleanInfo(cleanedAt: string, s: CleanStats): ListCleanInfo {
  return {
    cleanedAt,
    rows: s.rows,
    mailable: s.mailable,
    emailable: s.emailable,
    callable: s.callable,
    withIssues: s.withIssues,
    averageQuality: s.rows === 0 ? 0 : Math.round((s.qualitySum / s.rows) * 10) / 10,
  };
}

export interface StoredClean {
  id: number;
  flags: number;
  quality: number;
  state: string;
  zip5: string;
  codes: string;
  data: string;
}

/** Clean rows for a rowid range (a grid window), by id. */
export function cleanRange(db: Db, fromId: number, toId: number): Map<number, StoredClean> {
  const rows = db.prepare(`SELECT id, flags, quality, state, zip5, codes, data FROM clean WHERE id >= ? AND id <= ?`).all(fromId, toId) as StoredClean[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function cleanForIds(db: Db, ids: readonly number[]): Map<number, StoredClean> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare(`SELECT id, flags, quality, state, zip5, codes, data FROM clean WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as StoredClean[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function getClean(db: Db, id: number): StoredClean | undefined {
  return db.prepare(`SELECT id, flags, quality, state, zip5, codes, data FROM clean WHERE id = ?`).get(id) as StoredClean | undefined;
}

/** Replaces one record's clean result (after an edit or an undo). */
export function putClean(db: Db, id: number, e: EncodedClean): void {
  db.prepare(`INSERT OR REPLACE INTO clean (id, flags, quality, state, zip5, codes, data) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, e.flags, e.quality, e.state, e.zip5, e.codes, e.data);
}

/** Row numbers (ascending) of a list's records having an issue code: the filtered view's order. */
export function rowsWithIssue(db: Db, listId: number, code: string): Float64Array {
  const stmt = db.prepare(`SELECT id & 4294967295 AS rowNo FROM clean WHERE id >= ? AND id <= ? AND instr(codes, ?) > 0 ORDER BY id`).pluck();
  const out: number[] = [];
  for (const n of stmt.iterate(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST), ` ${code} `)) out.push(n as number);
  return Float64Array.from(out);
}
