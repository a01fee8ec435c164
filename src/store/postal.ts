// Postal results repository: what a licensed CASS/NCOA service bureau returned for each record, kept beside the record (migration 11).
import type { DpvCode, MoveKind, PostalRow } from '../domain/export/postal-layout';
import type { PostalEffect } from '../domain/postal-verdict';
import type { Db } from './db';
import { MAX_ROWS_PER_LIST, recordId } from './records';

export interface StoredPostal extends PostalRow {
  recordId: number;
  importId: number;
  lineNo: number;
  addressKey: string;
  effect: PostalEffect;
}

export interface PostalImportRow {
  id: number;
  listId: number;
  fileName: string;
  importedAt: string;
  layout: unknown;
  summary: unknown;
}

const COLUMNS = `record_id, import_id, line_no, address_key, effect, address1, address2, city, state, zip5, zip4, dpv, vacant, move, move_type, move_date, move_code, new_address1, new_address2, new_city, new_state, new_zip5, new_zip4`;

interface Row {
  record_id: number;
  import_id: number;
  line_no: number;
  address_key: string;
  effect: number;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip5: string;
  zip4: string;
  dpv: string;
  vacant: number | null;
  move: string;
  move_type: string;
  move_date: string;
  move_code: string;
  new_address1: string;
  new_address2: string;
  new_city: string;
  new_state: string;
  new_zip5: string;
  new_zip4: string;
}

const fromRow = (r: Row): StoredPostal => ({
  recordId: r.record_id,
  importId: r.import_id,
  lineNo: r.line_no,
  addressKey: r.address_key,
  effect: r.effect as PostalEffect,
  address1: r.address1,
  address2: r.address2,
  city: r.city,
  state: r.state,
  zip5: r.zip5,
  zip4: r.zip4,
  dpv: r.dpv as DpvCode | '',
  vacant: r.vacant === null ? null : r.vacant === 1,
  move: r.move as MoveKind,
  moveType: r.move_type as StoredPostal['moveType'],
  moveDate: r.move_date,
  moveCode: r.move_code,
  newAddress1: r.new_address1,
  newAddress2: r.new_address2,
  newCity: r.new_city,
  newState: r.new_state,
  newZip5: r.new_zip5,
  newZip4: r.new_zip4,
});

export function insertPostalImport(db: Db, i: { listId: number; fileName: string; importedAt: string; layout: unknown }): number {
  return Number(
    db.prepare(`INSERT INTO postal_imports (list_id, file_name, imported_at, layout, summary) VALUES (?, ?, ?, ?, '{}')`).run(i.listId, i.fileName, i.importedAt, JSON.stringify(i.layout)).lastInsertRowid,
  );
}

export function setPostalImportSummary(db: Db, importId: number, summary: unknown): void {
  db.prepare(`UPDATE postal_imports SET summary = ? WHERE id = ?`).run(JSON.stringify(summary), importId);
}

export function getPostalImport(db: Db, importId: number): PostalImportRow | undefined {
  const r = db.prepare(`SELECT id, list_id, file_name, imported_at, layout, summary FROM postal_imports WHERE id = ?`).get(importId) as
    | { id: number; list_id: number; file_name: string; imported_at: string; layout: string; summary: string }
    | undefined;
  return r ? { id: r.id, listId: r.list_id, fileName: r.file_name, importedAt: r.imported_at, layout: JSON.parse(r.layout), summary: JSON.parse(r.summary) } : undefined;
}

/** Rows per INSERT: one statement step for many rows is much cheaper per row (as for records and clean). */
const ROWS_PER_INSERT = 32;

/**
 * Writes results (a record's earlier result is replaced); the caller owns the transaction and calls flush at its end.
 */
export function postalWriter(db: Db): { add: (r: StoredPostal) => void; flush: () => void } {
  const width = COLUMNS.split(',').length;
  const sql = (n: number) => `INSERT OR REPLACE INTO postal_results (${COLUMNS}) VALUES ${Array(n).fill(`(${Array(width).fill('?').join(', ')})`).join(', ')}`;
  const one = db.prepare(sql(1));
  const many = db.prepare(sql(ROWS_PER_INSERT));
  let params: (string | number | null)[] = [];
  const flush = () => {
    for (let at = 0; at < params.length; at += width) one.run(params.slice(at, at + width));
    params = [];
  };
  return {
    add: (r) => {
      params.push(
        r.recordId, r.importId, r.lineNo, r.addressKey, r.effect, r.address1, r.address2, r.city, r.state, r.zip5, r.zip4, r.dpv,
        r.vacant === null ? null : r.vacant ? 1 : 0, r.move, r.moveType, r.moveDate, r.moveCode, r.newAddress1, r.newAddress2, r.newCity,
        r.newState, r.newZip5, r.newZip4,
      );
      if (params.length === width * ROWS_PER_INSERT) {
        many.run(params);
        params = [];
      }
    },
    flush,
  };
}

const byId = new WeakMap<Db, ReturnType<Db['prepare']>>();

/** One record's result, if the bureau returned one. */
export function postalFor(db: Db, id: number): StoredPostal | undefined {
  let st = byId.get(db);
  if (!st) byId.set(db, (st = db.prepare(`SELECT ${COLUMNS} FROM postal_results WHERE record_id = ?`)));
  const r = st.get(id) as Row | undefined;
  return r ? fromRow(r) : undefined;
}

export function postalForIds(db: Db, ids: readonly number[]): Map<number, StoredPostal> {
  const out = new Map<number, StoredPostal>();
  for (let k = 0; k < ids.length; k += 500) {
    const part = ids.slice(k, k + 500);
    const rows = db.prepare(`SELECT ${COLUMNS} FROM postal_results WHERE record_id IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
    for (const r of rows) out.set(r.record_id, fromRow(r));
  }
  return out;
}

/** A list's results that change its records' clean (effect > 0), in id order: what a clean applies again. */
export function effectivePostal(db: Db, listId: number): StoredPostal[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM postal_results WHERE record_id >= ? AND record_id <= ? AND effect > 0 ORDER BY record_id`).all(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST)) as Row[]).map(fromRow);
}

/** How many records of a list have a result. */
export function postalCount(db: Db, listId: number): number {
  return (db.prepare(`SELECT count(*) AS n FROM postal_results WHERE record_id >= ? AND record_id <= ?`).get(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST)) as { n: number }).n;
}
