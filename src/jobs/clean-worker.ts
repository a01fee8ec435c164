// Worker thread of the clean job: cleans the batches the job thread sends, so normalizing uses every core while that thread writes.
import { parentPort, workerData } from 'node:worker_threads';
import type { CleanTables } from '../domain/clean-record';
import { cleanBatch, type FieldColumns, type WireCleanResult } from './clean-batch';
import { loadEmailLists, loadZipTable } from './reference-data';

export interface CleanWorkerData {
  resourcesDir: string;
  defaultCountry: string;
}

export type CleanWorkerRequest = { type: 'batch'; seq: number; columns: FieldColumns; /** The batch's raw rows (records.raw), comma-joined. */ joined: string };
export type CleanWorkerReply = { type: 'result'; seq: number; result: WireCleanResult } | { type: 'error'; seq: number; message: string };

const port = parentPort!;
const data = workerData as CleanWorkerData;
const tables: CleanTables = { zips: loadZipTable(data.resourcesDir), email: loadEmailLists(data.resourcesDir), defaultCountry: data.defaultCountry };

port.on('message', (m: CleanWorkerRequest) => {
  try {
    const result = cleanBatch(m.joined, m.columns, tables);
    port.postMessage({ type: 'result', seq: m.seq, result } satisfies CleanWorkerReply, [result.flags.buffer as ArrayBuffer, result.quality.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ type: 'error', seq: m.seq, message: (err as Error).message } satisfies CleanWorkerReply);
  }
});
