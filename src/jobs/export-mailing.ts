// Writes a waterfall run's mailing set (the input list's records no step removed) and records it in the mailing ledger.
import path from 'node:path';
import { WinnowError, type ListInfo, type MailingChannel } from '../api/contract';
import { matchRecord } from '../domain/match/features';
import { householdKey } from '../domain/target/household';
import type { CleanTables } from '../domain/clean-record';
import type { Db } from '../store/db';
import { insertMailing, insertMailingExport, removedIds, type StoredTargetRun } from '../store/targeting';
import { cleanedRecords } from './lead-records';
import { exportDelimited } from './export-delimited';
import type { ProgressSink } from './progress';

export interface MailingExportInput {
  run: StoredTargetRun;
  list: ListInfo;
  outPath: string;
  name: string;
  channel: MailingChannel;
  mailedAt: string;
  fields: 'original' | 'canonical' | 'all';
  freeMail: (d: string) => boolean;
  tables: () => CleanTables;
  signal: AbortSignal;
  progress: ProgressSink;
}

/**
 * Writes the mailing set, then records the mailing and its recipients (with their household keys) in one transaction,
 * so the ledger never names a mailing whose file was not written.
 */
export async function exportMailing(db: Db, job: MailingExportInput): Promise<{ rowsWritten: number; seconds: number; mailingId: number }> {
  const started = performance.now();
  const removed = removedIds(db, job.run.id);
  const kept = { has: (id: number) => !removed.has(id), rows: job.run.result.kept };
  if (job.list.rowCount - removed.size !== job.run.result.kept) {
    throw new WinnowError('NOT_FOUND', `"${job.list.name}" changed since this mailing set was built (run ${job.run.id}); build it again before exporting.`, { runId: job.run.id });
  }
  const written = await exportDelimited(db, { list: job.list, outPath: job.outPath, fields: job.fields, tables: job.tables, signal: job.signal, progress: job.progress, keep: kept });
  job.progress({ phase: 'recording the mailing', rows: written.rowsWritten, done: 0, total: 1 });
  // Each recipient with its household key (surname at a standardized address), for the pieces-per-household rule.
  const recipients = function* () {
    for (const batch of cleanedRecords(db, job.list, job.signal, 'the export')) {
      for (const r of batch) if (kept.has(r.id)) yield { recordId: r.id, household: householdKey(matchRecord(r.values, r.clean, job.freeMail)) };
    }
  };
  db.exec('BEGIN IMMEDIATE');
  let mailingId: number;
  try {
    mailingId = insertMailing(db, { name: job.name, channel: job.channel, mailedAt: job.mailedAt, runId: job.run.id, fromListName: job.list.name, fileName: path.basename(job.outPath) }, recipients());
    insertMailingExport(db, { mailingId, fileName: path.basename(job.outPath), rows: written.rowsWritten, options: { fields: job.fields, runId: job.run.id } });
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return { rowsWritten: written.rowsWritten, seconds: Math.round((performance.now() - started) / 10) / 100, mailingId };
}
