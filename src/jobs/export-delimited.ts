// Writes a list back to a delimited file: original header, every raw value, original row order; temp file + rename.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { WinnowError, type ListInfo } from '../api/contract';
import type { Db } from '../store/db';
import { iterateRows } from '../store/records';
import type { ProgressSink } from './progress';

export interface ExportJobInput {
  list: ListInfo;
  outPath: string;
  signal: AbortSignal;
  progress: ProgressSink;
}

/** Writes the file under a temporary name beside the target and renames it only when complete. */
export async function exportDelimited(readDb: Db, job: ExportJobInput): Promise<{ rowsWritten: number; seconds: number }> {
  const started = performance.now();
  const dir = path.dirname(job.outPath);
  if (!fs.existsSync(dir)) throw new WinnowError('FILE_NOT_FOUND', `Cannot write ${job.outPath}: the folder ${dir} does not exist.`, { file: job.outPath });
  const tmpPath = path.join(dir, `.${path.basename(job.outPath)}.${process.pid}.${Date.now()}.partial`);
  const delimiter = job.list.format?.delimiter ?? ',';
  const newline = job.list.format?.newline ?? '\r\n';
  const out = fs.createWriteStream(tmpPath, { flags: 'wx' });
  let writeError: Error | null = null;
  out.on('error', (e) => (writeError = e));
  const write = async (s: string) => {
    if (writeError) throw writeError;
    if (!out.write(s)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done).off('close', done);
          resolve();
        };
        out.on('drain', done).on('close', done);
      });
    }
    if (writeError) throw writeError;
  };
  const unparse = (rows: string[][]) => Papa.unparse(rows, { delimiter, newline, header: false, quotes: false, escapeFormulae: false });
  let rowsWritten = 0;
  try {
    if (job.list.format?.bom) await write('\uFEFF');
    // The header as it was in the file (names shown in the app are trimmed and made unique).
    await write(unparse([job.list.columns.map((c) => c.original ?? c.name)]));
    for (const batch of iterateRows(readDb, job.list.id)) {
      if (job.signal.aborted) throw new WinnowError('JOB_CANCELLED', 'The export was cancelled; no file was written.');
      await write(newline + unparse(batch.map((r) => r.cells)));
      rowsWritten += batch.length;
      job.progress({ phase: 'writing', rows: rowsWritten, done: rowsWritten, total: job.list.rowCount });
    }
    await write(newline);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await fs.promises.rename(tmpPath, job.outPath);
  } catch (err) {
    out.destroy();
    await fs.promises.rm(tmpPath, { force: true });
    if (err instanceof WinnowError) throw err;
    throw new WinnowError('FILE_UNREADABLE', `Cannot write ${path.basename(job.outPath)}: ${(err as Error).message}`, { file: job.outPath });
  }
  return { rowsWritten, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
