// Clean results repository: the cleaned form of each record beside its raw row, the per-list clean summary, and issue filters.
import type { IssueField, IssueSeverity, ListCleanInfo } from '../api/contract';
import type { CleanedRecord, CleanIssue } from '../domain/clean-record';
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { MAX_ROWS_PER_LIST, recordId } from './records';

/**
 * Bumped when the cleaning rules change what they write, so older results can be told apart. 2: the compact `data`
 * layout (PackedV2); decodeClean still reads layout 1.
 */
export const CLEAN_RULES_VERSION = 2;

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

/** Layout 1 of `data` (rules version 1), still read from older project files. */
type PackedV1 = [
  nameKind: string, prefix: string, first: string, middle: string, last: string, suffix: string, company: string, companyKey: string,
  title: string, email: string, emailDomain: string, phone: string, address1: string, address2: string, city: string, zip4: string,
  lat: number | null, lon: number | null, reasons: string[], issues: ([IssueField, string, IssueSeverity, string] | [IssueField, string, IssueSeverity, string, string])[],
];

/** A string, or its index in a table of frequent values (decoding an index gives the very same string back). */
type Coded = string | number;

/**
 * An issue in layout 2: code, severity, message, then the suggestion (null when there is none but a field follows),
 * then the field only when it is not the code's prefix ("email" for "email.typo").
 */
type PackedIssue = [code: string, severity: Coded, message: Coded, suggestion?: string | null, field?: IssueField];

/**
 * Layout 2 of `data`: starts with the number 2 (layout 1 starts with a string), frequent values as table indexes, the
 * company key and e-mail domain as 0 when they follow from the company and the e-mail. A quarter of the size of layout 1
 * is gone, which the clean job pays for in every step: stringify, crossing threads, SQLite, the WAL and the checkpoint.
 */
type PackedV2 = [
  layout: 2, nameKind: Coded, prefix: string, first: string, middle: string, last: string, suffix: string, company: string, companyKey: string | 0,
  title: string, email: string, emailDomain: string | 0, phone: string, address1: string, address2: string, city: string, zip4: string,
  lat: number | null, lon: number | null, reasons: Coded[], issues: PackedIssue[],
];

// The tables of layout 2. Append only: stored rows hold indexes into them.
const NAME_KINDS: readonly string[] = ['person', 'company', 'couple', 'empty'];
const SEVERITIES: readonly IssueSeverity[] = ['info', 'warning', 'error'];
const REASONS: readonly string[] = [
  'No e-mail address (−15)', 'No phone number (−15)', '1 warning (−4)', 'Not mailable: No ZIP code (−35)', 'Not mailable: no deliverable street line (−35)',
  '2 warnings (−8)', 'Phone number not valid (−15)', 'Company only, no contact person (−5)', 'Only part of the name (−5)', 'No usable name or company (−25)',
  'E-mail not usable (−15)', 'E-mail not usable (disposable) (−15)', 'E-mail not usable (likely typo) (−15)', '3 warnings (−10)',
  'Not mailable: city, state or ZIP missing (−35)', 'Not mailable: nobody to address it to (−35)', 'Not mailable: No city (−35)',
];
const MESSAGES: readonly string[] = [
  'No e-mail address.', 'No phone number.', 'No ZIP code', 'No city.', 'Not readable as a US postal address; kept as given',
  'Several secondary units; STE kept on the delivery line, the rest on line 2', 'This is a number in another country (PR).', 'No name and no company.',
];

const indexOf = (table: readonly string[]): Map<string, number> => new Map(table.map((v, i) => [v, i]));
const NAME_KIND_INDEX = indexOf(NAME_KINDS);
const SEVERITY_INDEX = indexOf(SEVERITIES);
const REASON_INDEX = indexOf(REASONS);
const MESSAGE_INDEX = indexOf(MESSAGES);

const code = (index: Map<string, number>, v: string): Coded => index.get(v) ?? v;
const uncode = <T extends string>(table: readonly T[], v: Coded): T => (typeof v === 'number' ? table[v]! : (v as T));

/** The domain an e-mail value ends with (what emailDomain nearly always is). */
const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1);
/** domainOf(email) === domain, without making the slice. */
function endsWithDomain(email: string, domain: string): boolean {
  const from = email.lastIndexOf('@') + 1;
  return email.length - from === domain.length && email.startsWith(domain, from);
}

/** ' code code ' of a record's issues, each code once, in order of first appearance. */
function issueCodes(issues: readonly CleanIssue[]): string {
  if (issues.length === 0) return '';
  let out = ' ';
  for (let k = 0; k < issues.length; k++) {
    const c = issues[k]!.code;
    let seen = false;
    for (let j = 0; j < k; j++) {
      if (issues[j]!.code === c) {
        seen = true;
        break;
      }
    }
    if (!seen) out += `${c} `;
  }
  return out;
}

/** The stored form of a cleaned record. Pure (no SQL), so the clean workers can run it. */
export function encodeClean(r: CleanedRecord): EncodedClean {
  const reasons: Coded[] = new Array(r.qualityReasons.length);
  for (let k = 0; k < reasons.length; k++) reasons[k] = code(REASON_INDEX, r.qualityReasons[k]!);
  const issues: PackedIssue[] = new Array(r.issues.length);
  for (let k = 0; k < issues.length; k++) {
    const i = r.issues[k]!;
    const packed: PackedIssue = [i.code, code(SEVERITY_INDEX, i.severity), code(MESSAGE_INDEX, i.message)];
    const ownField = i.code.length > i.field.length && i.code.charCodeAt(i.field.length) === 46 /* . */ && i.code.startsWith(i.field);
    if (i.suggestion !== undefined) packed.push(i.suggestion);
    if (!ownField) {
      if (i.suggestion === undefined) packed.push(null);
      packed.push(i.field);
    }
    issues[k] = packed;
  }
  const packed: PackedV2 = [
    2, code(NAME_KIND_INDEX, r.nameKind), r.prefix, r.firstName, r.middleName, r.lastName, r.suffix, r.company,
    r.companyKey === r.company.toLowerCase() ? 0 : r.companyKey, r.title, r.email,
    endsWithDomain(r.email, r.emailDomain) ? 0 : r.emailDomain, r.phone, r.address1, r.address2, r.city, r.zip4, r.lat, r.lon, reasons, issues,
  ];
  return {
    flags: (r.mailable ? FLAG_MAILABLE : 0) | (r.emailable ? FLAG_EMAILABLE : 0) | (r.callable ? FLAG_CALLABLE : 0),
    quality: r.quality,
    state: r.state,
    zip5: r.zip5,
    codes: issueCodes(r.issues),
    data: JSON.stringify(packed),
  };
}

export function decodeClean(row: { flags: number; quality: number; state: string; zip5: string; data: string }): CleanedRecord {
  return decodeParsed(row, JSON.parse(row.data) as unknown);
}

/** decodeClean of a row whose `data` was already parsed (a batch of rows parsed in one JSON.parse is much cheaper). */
export function decodeParsed(row: { flags: number; quality: number; state: string; zip5: string }, parsed: unknown): CleanedRecord {
  const p = parsed as PackedV1 | PackedV2;
  const verdicts = {
    state: row.state,
    zip5: row.zip5,
    mailable: (row.flags & FLAG_MAILABLE) !== 0,
    emailable: (row.flags & FLAG_EMAILABLE) !== 0,
    callable: (row.flags & FLAG_CALLABLE) !== 0,
    quality: row.quality,
  };
  if (p[0] !== 2) {
    const q = p as PackedV1;
    return {
      nameKind: q[0], prefix: q[1], firstName: q[2], middleName: q[3], lastName: q[4], suffix: q[5], company: q[6], companyKey: q[7],
      title: q[8], email: q[9], emailDomain: q[10], phone: q[11], address1: q[12], address2: q[13], city: q[14], zip4: q[15],
      lat: q[16], lon: q[17], qualityReasons: q[18],
      issues: q[19].map((i): CleanIssue => (i.length === 5 ? { field: i[0], code: i[1], severity: i[2], message: i[3], suggestion: i[4] } : { field: i[0], code: i[1], severity: i[2], message: i[3] })),
      ...verdicts,
    };
  }
  const q = p;
  return {
    nameKind: uncode(NAME_KINDS, q[1]), prefix: q[2], firstName: q[3], middleName: q[4], lastName: q[5], suffix: q[6], company: q[7],
    companyKey: q[8] === 0 ? q[7].toLowerCase() : q[8], title: q[9], email: q[10], emailDomain: q[11] === 0 ? domainOf(q[10]) : q[11],
    phone: q[12], address1: q[13], address2: q[14], city: q[15], zip4: q[16], lat: q[17], lon: q[18],
    qualityReasons: q[19].map((v) => uncode(REASONS, v)),
    issues: q[20].map((i): CleanIssue => {
      const c = i[0];
      const field = i[4] ?? (c.slice(0, c.indexOf('.')) as IssueField);
      const issue: CleanIssue = { field, code: c, severity: uncode(SEVERITIES, i[1]), message: uncode(MESSAGES, i[2]) };
      if (typeof i[3] === 'string') issue.suggestion = i[3];
      return issue;
    }),
    ...verdicts,
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
  for (let k = 0; k < issues.length; k++) {
    const i = issues[k]!;
    // Each code once per record; records have a handful of issues, so looking back is cheaper than a Set.
    let seen = false;
    for (let j = 0; j < k; j++) {
      if (issues[j]!.code === i.code) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
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

/** A batch of encoded rows column by column, as the clean workers send them (no object per row). */
export interface EncodedColumns {
  flags: ArrayLike<number>;
  quality: ArrayLike<number>;
  state: readonly string[];
  zip5: readonly string[];
  codes: readonly string[];
  data: readonly string[];
}

/** Rows per INSERT: as for records, one statement step for many rows is much cheaper per row. */
const ROWS_PER_INSERT = 32;
const COLS = 7;

/** Returns a function writing cleaned rows (ids with their encoded results, column by column); the caller owns the transaction. */
export function cleanWriter(db: Db): (ids: ArrayLike<number>, rows: EncodedColumns) => void {
  const sql = (n: number) => `INSERT INTO clean (id, flags, quality, state, zip5, codes, data) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  const one = db.prepare(sql(1));
  const many = db.prepare(sql(ROWS_PER_INSERT));
  const params: (number | string)[] = new Array(ROWS_PER_INSERT * COLS);
  return (ids, c) => {
    const n = ids.length;
    let i = 0;
    for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
      for (let k = 0, at = 0; k < ROWS_PER_INSERT; k++, at += COLS) {
        const r = i + k;
        params[at] = ids[r]!;
        params[at + 1] = c.flags[r]!;
        params[at + 2] = c.quality[r]!;
        params[at + 3] = c.state[r]!;
        params[at + 4] = c.zip5[r]!;
        params[at + 5] = c.codes[r]!;
        params[at + 6] = c.data[r]!;
      }
      many.run(params);
    }
    for (; i < n; i++) one.run(ids[i]!, c.flags[i]!, c.quality[i]!, c.state[i]!, c.zip5[i]!, c.codes[i]!, c.data[i]!);
  };
}

// The subquery (ORDER BY with LIMIT) runs as a co-routine handing rows to the aggregate in id order, so the rows are
// joined in that order; "group_concat(raw, ',' ORDER BY id)" would sort them again and doubles the cost of the read.
// A list's ids are consecutive unless rows were removed, so the ids travel as a range (first, last, count) and are only
// joined into a list when the range has gaps. All aggregates walk the rows in one pass, in the same order, so the n-th id
// always belongs to the n-th raw row, whatever order SQLite feeds the aggregate.
const RAW_BATCH_SQL = `SELECT count(*) AS n, min(id) AS first, max(id) AS last, '[' || group_concat(raw, ',') || ']' AS json FROM (SELECT id, raw FROM records WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?)`;
const RAW_BATCH_IDS_SQL = `SELECT group_concat(id, ',') FROM (SELECT id FROM records WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?)`;

/** The statements of a connection, prepared once (the clean job reads hundreds of batches). */
const rawBatchStatements = new WeakMap<Db, { batch: Database.Statement<[number, number, number]>; ids: Database.Statement<[number, number, number]> }>();

/**
 * Up to `count` raw rows of a list from rowid `fromId` on as one JSON array text made by SQLite (one string crosses into
 * JavaScript instead of one per row, and needs no copy to be parsed), with their ids in the same order.
 */
export function rawBatch(db: Db, fromId: number, toId: number, count: number): { ids: ArrayLike<number>; json: string } {
  let st = rawBatchStatements.get(db);
  if (!st) rawBatchStatements.set(db, (st = { batch: db.prepare(RAW_BATCH_SQL), ids: db.prepare(RAW_BATCH_IDS_SQL).pluck() }));
  const r = st.batch.get(fromId, toId, count) as { n: number; first: number | null; last: number | null; json: string | null };
  if (r.n === 0 || r.first === null || r.last === null) return { ids: [], json: '[]' };
  const ids = new Float64Array(r.n);
  if (r.last - r.first + 1 === r.n) {
    for (let i = 0; i < r.n; i++) ids[i] = r.first + i;
  } else {
    const parts = (st.ids.get(fromId, toId, count) as string).split(',');
    for (let i = 0; i < parts.length; i++) ids[i] = Number(parts[i]);
  }
  return { ids, json: r.json ?? '[]' };
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
