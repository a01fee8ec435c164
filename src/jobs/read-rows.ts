// Reads a whole table (CSV/TSV/text or xlsx, any encoding) into memory: its header and every data row's cells.
import { WinnowError, type ReadOptions } from '../api/contract';
import { readSetup } from './import-list';
import { readTable } from './read-table';

export interface RowsRead {
  header: string[];
  rows: string[][];
}

/** A file's header and its data rows in batches, as they are read (memory stays at a batch). */
export async function* rowBatches(filePath: string, displayName: string, options: ReadOptions = {}, signal?: AbortSignal): AsyncGenerator<{ header: string[]; rows: string[][] }> {
  const setup = await readSetup(filePath, displayName, options);
  if (setup.header.length === 0) throw new WinnowError('FILE_EMPTY', `${displayName} holds only blank lines: there is nothing to read.`, { file: displayName });
  let header: string[] = setup.header;
  const it = readTable(filePath, displayName, setup.info, setup.headerRow);
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    if (signal?.aborted) throw new WinnowError('JOB_CANCELLED', 'Reading the file was cancelled.');
    const batch = next.value;
    if (batch.header) header = batch.header;
    yield { header, rows: batch.rows.length > 0 ? (JSON.parse(`[${batch.rows.join(',')}]`) as string[][]) : [] };
  }
}

/** Every data row of a file, after the header Winnow detects (or the one `options` names). */
export async function readRows(filePath: string, displayName: string, options: ReadOptions = {}, signal?: AbortSignal, onRows?: (rows: number) => void): Promise<RowsRead> {
  let header: string[] = [];
  const rows: string[][] = [];
  for await (const batch of rowBatches(filePath, displayName, options, signal)) {
    header = batch.header;
    for (const r of batch.rows) rows.push(r);
    onRows?.(rows.length);
  }
  return { header, rows };
}
