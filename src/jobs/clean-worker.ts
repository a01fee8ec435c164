// Worker thread of the clean job: cleans the batches the job thread sends, so normalizing uses every core while that thread writes.
import { workerData } from 'node:worker_threads';
import type { CleanTables } from '../domain/clean-record';
import { cleanBatch, type FieldColumns, type WireCleanResult } from './clean-batch';
import { loadEmailLists, loadZipTable } from './reference-data';
import { serveRequests } from './worker-pool';

export interface CleanWorkerData {
  resourcesDir: string;
  defaultCountry: string;
}

export type CleanWorkerRequest = { columns: FieldColumns; /** The batch's raw rows (records.raw) as one JSON array. */ rowsJson: string };

const data = workerData as CleanWorkerData;
const tables: CleanTables = { zips: loadZipTable(data.resourcesDir), email: loadEmailLists(data.resourcesDir), defaultCountry: data.defaultCountry };

serveRequests<CleanWorkerRequest, WireCleanResult>((m) => {
  const result = cleanBatch(m.rowsJson, m.columns, tables);
  return { result, transfer: [result.flags.buffer as ArrayBuffer, result.quality.buffer as ArrayBuffer] };
});
