// Reads a cleaned list's records in batches: each record's id, its raw canonical values (with the user's edits) and its
// clean result — what matching and scoring read.
import { WinnowError, type ListInfo } from '../api/contract';
import type { CanonicalValues, CleanedRecord } from '../domain/clean-record';
import { decodeParsed } from '../store/clean';
import type { Db } from '../store/db';
import { editsInRange, listHasEdits } from '../store/edits';
import { cleanedWindow } from '../store/matches';
import { MAX_ROWS_PER_LIST, recordId } from '../store/records';

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
