// Worker thread of the merge/purge job: compares the candidate pairs the job thread sends, so comparing uses every core.
import { workerData } from 'node:worker_threads';
import type { MatchLevel } from '../api/contract';
import { comparisonsFor } from '../domain/match/compare';
import { gammasOf } from '../domain/match/model';
import { thawTable, type FrozenTable } from '../domain/match/table';
import { serveRequests } from './worker-pool';

export interface MatchWorkerData {
  level: MatchLevel;
  table: FrozenTable;
}

export type MatchWorkerRequest = { a: Int32Array; b: Int32Array };

const data = workerData as MatchWorkerData;
const table = thawTable(data.table);
// Each worker has its own comparisons (and so its own memo tables).
const comps = comparisonsFor(data.level);

serveRequests<MatchWorkerRequest, Int8Array>((m) => {
  const gammas = gammasOf(table, comps, m.a, m.b);
  return { result: gammas, transfer: [gammas.buffer as ArrayBuffer] };
});
