// Puts a service bureau's postal results into records' clean: after every clean of a list, after an edit re-cleans a record, and when results are imported. A result speaks only for the address it was given, so an edited address sets it aside.
import type { ListInfo } from '../api/contract';
import type { CleanedRecord } from '../domain/clean-record';
import { applyPostal } from '../domain/postal-verdict';
import { decodeClean, encodeClean, getClean, putClean, tally, type CleanStats } from '../store/clean';
import type { Db } from '../store/db';
import { editsForIds } from '../store/edits';
import { effectivePostal, postalFor, type StoredPostal } from '../store/postal';
import { recordId, rowsByNumber } from '../store/records';

const ADDRESS_FIELDS = new Set(['house_number', 'address1', 'address2', 'city', 'state', 'zip']);

/** The record's address as its cells say it (edits applied): the columns mapped to address fields, trimmed, as JSON. */
export function addressKey(list: ListInfo, cells: readonly string[]): string {
  return JSON.stringify(list.columns.filter((c) => c.field && ADDRESS_FIELDS.has(c.field)).map((c) => (cells[c.index] ?? '').trim()));
}

/** The clean with the record's postal result applied, when it has one for its current address. */
export function withPostal(db: Db, list: ListInfo, id: number, cells: readonly string[], r: CleanedRecord, stored: StoredPostal | undefined = postalFor(db, id)): CleanedRecord {
  if (!stored || stored.effect === 0 || stored.addressKey !== addressKey(list, cells)) return r;
  return applyPostal(r, stored);
}

/** The current cells (raw with edits) of some records of a list, by id. */
export function currentCellsOf(db: Db, list: ListInfo, ids: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const base = recordId(list.id, 0);
  for (let k = 0; k < ids.length; k += 500) {
    const part = ids.slice(k, k + 500);
    const edits = editsForIds(db, part);
    for (const rec of rowsByNumber(db, list.id, part.map((id) => id - base))) {
      const id = base + rec.rowNo;
      const cells = [...rec.cells];
      for (const [col, value] of edits.get(id) ?? []) cells[col] = value;
      out.set(id, cells);
    }
  }
  return out;
}

/**
 * Applies a list's postal results to its fresh clean (the clean job calls this after writing the list, inside its
 * transaction) and keeps the list's counts right. Only results that change something are read: usually a few percent.
 */
export function applyPostalToList(db: Db, list: ListInfo, stats: CleanStats): number {
  const results = effectivePostal(db, list.id);
  if (results.length === 0) return 0;
  let changed = 0;
  for (let k = 0; k < results.length; k += 500) {
    const part = results.slice(k, k + 500);
    const cells = currentCellsOf(db, list, part.map((p) => p.recordId));
    for (const p of part) {
      const c = cells.get(p.recordId);
      const stored = c ? getClean(db, p.recordId) : undefined;
      if (!c || !stored) continue;
      const before = decodeClean(stored);
      const after = withPostal(db, list, p.recordId, c, before, p);
      if (after === before) continue;
      tally(stats, stored, before.issues, -1);
      const e = encodeClean(after);
      putClean(db, p.recordId, e);
      tally(stats, e, after.issues, 1);
      changed++;
    }
  }
  return changed;
}
