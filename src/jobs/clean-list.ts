// The clean job: streams each list's records (with the user's edits applied) through the normalizers on worker threads and writes the results beside the raw rows.
import { availableParallelism } from 'node:os';
import { WinnowError, type CanonicalField, type CleanResult, type IssueKindCount, type ListInfo } from '../api/contract';
import { ISSUE_FIELD_SOURCES, issueLabel, type CleanTables } from '../domain/clean-record';
import { cleanInfo, cleanWriter, deleteListClean, emptyStats, mergeStats, rawBatch, saveListClean, type CleanStats } from '../store/clean';
import { statementJournalInMemory, type Db } from '../store/db';
import { editsInRange, listHasEdits } from '../store/edits';
import { MAX_ROWS_PER_LIST, rawWindow, recordId } from '../store/records';
import { cleanBatch, unwire, type FieldColumns, type WireCleanResult } from './clean-batch';
import type { CleanWorkerData, CleanWorkerRequest } from './clean-worker';
import { applyPostalToList } from './postal-verdicts';
import type { ProgressSink } from './progress';
import { workerPool } from './worker-pool';

export interface CleanJobInput {
  lists: ListInfo[];
  signal: AbortSignal;
  progress: ProgressSink;
  /** Reference tables for cleaning on this thread (used when there is no worker file, and for single records). */
  tables: () => CleanTables;
  /** The bundled clean-worker.js; without it every batch is cleaned on the job's thread. */
  cleanWorkerFile?: string | undefined;
  resourcesDir: string;
  /** Worker threads to start (default: one per core). */
  workers?: number | undefined;
}

/** Rows per batch: big enough that crossing threads costs little per row, small enough to keep progress smooth. */
const BATCH_ROWS = 2000;

const CLEANED_FIELDS = new Set<CanonicalField>(Object.values(ISSUE_FIELD_SOURCES).flat());

/** The columns of a list the clean step reads, with their fields. */
export function fieldColumns(list: ListInfo): FieldColumns {
  return list.columns.flatMap((c) => (c.field && CLEANED_FIELDS.has(c.field) ? [[c.index, c.field] as const] : []));
}

/** Issue kinds with labels, most frequent first, from clean stats. */
export function issueKinds(stats: CleanStats): IssueKindCount[] {
  return Object.entries(stats.codes)
    .map(([code, [severity, records]]) => ({ code, field: code.split('.')[0] as IssueKindCount['field'], severity, label: issueLabel(code), records }))
    .sort((a, b) => b.records - a.records || a.code.localeCompare(b.code));
}

const cancelled = () => new WinnowError('JOB_CANCELLED', 'The clean was cancelled; the project is unchanged.');

/** Cleans batches in order of submission, on workers when there are any. */
interface Cleaner {
  submit(columns: FieldColumns, rowsJson: string): Promise<WireCleanResult>;
  /** Batches submitted and not yet answered. */
  pending(): number;
  capacity: number;
  close(): Promise<void>;
}

function inlineCleaner(tables: CleanTables): Cleaner {
  return {
    submit: (columns, rowsJson) => Promise.resolve(cleanBatch(rowsJson, columns, tables)),
    pending: () => 0,
    capacity: 1,
    close: () => Promise.resolve(),
  };
}

function workerCleaner(file: string, count: number, data: CleanWorkerData): Cleaner {
  const pool = workerPool<CleanWorkerRequest, WireCleanResult>(file, count, data, 'a clean worker');
  return {
    submit: (columns, rowsJson) => pool.run({ columns, rowsJson }),
    pending: pool.pending,
    capacity: pool.size * 2,
    close: pool.close,
  };
}

/**
 * Cleans lists. One transaction for the whole job: cancel, an error or a crash leaves every earlier clean result as it
 * was. Edited cells are cleaned with their current value, so re-cleaning keeps the user's fixes.
 */
export async function cleanLists(db: Db, job: CleanJobInput): Promise<CleanResult> {
  const started = performance.now();
  const totalRows = job.lists.reduce((s, l) => s + l.rowCount, 0);
  job.progress({ phase: 'starting', rows: 0, done: 0, total: totalRows });
  const workerCount = job.cleanWorkerFile ? Math.max(1, job.workers ?? availableParallelism()) : 0;
  const cleaner = job.cleanWorkerFile && workerCount > 0 ? workerCleaner(job.cleanWorkerFile, workerCount, { resourcesDir: job.resourcesDir, defaultCountry: 'US' }) : inlineCleaner(job.tables());
  const all = emptyStats();
  const perList: CleanResult['lists'] = [];
  let rowsDone = 0;
  statementJournalInMemory(db, true);
  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    const write = cleanWriter(db);
    for (const list of job.lists) {
      if (job.signal.aborted) throw cancelled();
      deleteListClean(db, list.id);
      const columns = fieldColumns(list);
      const withEdits = listHasEdits(db, list.id);
      const stats = emptyStats();
      const last = recordId(list.id, MAX_ROWS_PER_LIST);
      let nextId = recordId(list.id, 1);
      let exhausted = false;
      const inFlight: { ids: ArrayLike<number>; result: Promise<WireCleanResult> }[] = [];
      const readBatch = () => {
        let ids: ArrayLike<number>;
        let rowsJson: string;
        if (withEdits) {
          const w = rawWindow(db, nextId, last, BATCH_ROWS);
          applyEdits(db, w.ids, w.raws);
          ids = w.ids;
          rowsJson = `[${w.raws.join(',')}]`;
        } else ({ ids, json: rowsJson } = rawBatch(db, nextId, last, BATCH_ROWS));
        if (ids.length === 0) {
          exhausted = true;
          return;
        }
        nextId = ids[ids.length - 1]! + 1;
        inFlight.push({ ids, result: cleaner.submit(columns, rowsJson) });
      };
      for (;;) {
        while (!exhausted && inFlight.length < cleaner.capacity) readBatch();
        const head = inFlight.shift();
        if (!head) break;
        const result = await head.result;
        if (job.signal.aborted) throw cancelled();
        write(head.ids, unwire(result));
        mergeStats(stats, result.stats);
        rowsDone += head.ids.length;
        job.progress({ phase: `cleaning ${list.name}`, rows: rowsDone, done: rowsDone, total: totalRows });
      }
      // A service bureau's results (DPV, vacant, moves) stay part of the clean, whatever the rules made of the record.
      applyPostalToList(db, list, stats);
      const cleanedAt = new Date().toISOString();
      saveListClean(db, list.id, stats, cleanedAt);
      mergeStats(all, stats);
      perList.push({ listId: list.id, listName: list.name, ...cleanInfo(cleanedAt, stats) });
    }
    if (job.signal.aborted) throw cancelled();
    db.exec('COMMIT');
    committed = true;
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    statementJournalInMemory(db, false);
    await cleaner.close();
  }
  return { lists: perList, issues: issueKinds(all), seconds: Math.round((performance.now() - started) / 10) / 100 };
}

/** Puts the user's edits into the raw rows of a batch (in place), so the edited values are what gets cleaned. */
function applyEdits(db: Db, ids: number[], raws: string[]): void {
  const edits = editsInRange(db, ids[0]!, ids[ids.length - 1]!);
  if (edits.size === 0) return;
  for (let i = 0; i < ids.length; i++) {
    const e = edits.get(ids[i]!);
    if (!e) continue;
    const cells = JSON.parse(raws[i]!) as string[];
    for (const [col, value] of e) cells[col] = value;
    raws[i] = JSON.stringify(cells);
  }
}
