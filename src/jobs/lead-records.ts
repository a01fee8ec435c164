// Reads a cleaned list's records in batches: each record's id, its raw canonical values (with the user's edits) and its
// clean result — what matching and scoring read.
import { WinnowError, type ListInfo } from '../api/contract';
import { cleanRecord, type CanonicalValues, type CleanedRecord, type CleanTables } from '../domain/clean-record';
import { decodeParsed } from '../store/clean';
import type { Db } from '../store/db';
import { editsInRange, listHasEdits } from '../store/edits';
import { cleanedWindow } from '../store/matches';
import { iterateRows, MAX_ROWS_PER_LIST, recordId } from '../store/records';

export interface LeadRecord {
  id: number;
  values: CanonicalValues;
  clean: CleanedRecord;
}

/** `work` names the job in messages ("scoring", "the merge/purge"). */
export function* cleanedRecords(db: Db, list: ListInfo, signal?: AbortSignal, work = 'scoring'): Generator<LeadRecord[]> {
  if (!list.clean) throw new WinnowError('NOT_FOUND', `List "${list.name}" has not been cleaned; clean it before ${work}.`);
  const columns = list.columns.flatMap((c) => (c.field ? [[c.index, c.field] as const] : []));
  const withEdits = listHasEdits(db, list.id);
  const last = recordId(list.id, MAX_ROWS_PER_LIST);
  let next = recordId(list.id, 1);
  for (;;) {
    if (signal?.aborted) throw new WinnowError('JOB_CANCELLED', `${work[0]!.toUpperCase()}${work.slice(1)} was cancelled; the project is unchanged.`);
    const rows = cleanedWindow(db, next, last, 5000);
    if (rows.length === 0) break;
    const edits = withEdits ? editsInRange(db, rows[0]!.id, rows[rows.length - 1]!.id) : null;
    const raws = JSON.parse(`[${rows.map((r) => r.raw).join(',')}]`) as string[][];
    const datas = JSON.parse(`[${rows.map((r) => r.data).join(',')}]`) as unknown[];
    yield rows.map((r, k) => {
      const cells = raws[k]!;
      for (const [col, value] of edits?.get(r.id) ?? []) cells[col] = value;
      const values: CanonicalValues = {};
      for (const [index, field] of columns) {
        const cell = cells[index];
        if (cell !== undefined && cell !== '' && values[field] === undefined) values[field] = cell;
      }
      return { id: r.id, values, clean: decodeParsed(r, datas[k]) };
    });
    next = rows[rows.length - 1]!.id + 1;
  }
}

/**
 * A list's records with a clean result: the stored one when the list was cleaned, else cleaned here in memory (nothing
 * is written — for reads that must not change the project, like the best-customer profile).
 */
export function* recordsOf(db: Db, list: ListInfo, tables: () => CleanTables, signal?: AbortSignal): Generator<LeadRecord[]> {
  if (list.clean) {
    yield* cleanedRecords(db, list, signal);
    return;
  }
  const columns = list.columns.flatMap((c) => (c.field ? [[c.index, c.field] as const] : []));
  const t = tables();
  for (const batch of iterateRows(db, list.id)) {
    if (signal?.aborted) throw new WinnowError('JOB_CANCELLED', 'Reading the list was cancelled.');
    if (batch.length === 0) continue;
    const edits = editsInRange(db, recordId(list.id, batch[0]!.rowNo), recordId(list.id, batch[batch.length - 1]!.rowNo));
    yield batch.map((r) => {
      const id = recordId(list.id, r.rowNo);
      const cells = [...r.cells];
      for (const [col, value] of edits.get(id) ?? []) cells[col] = value;
      const values: CanonicalValues = {};
      for (const [index, field] of columns) {
        const cell = cells[index];
        if (cell !== undefined && cell !== '' && values[field] === undefined) values[field] = cell;
      }
      return { id, values, clean: cleanRecord(values, t) };
    });
  }
}
