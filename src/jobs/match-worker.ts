// Worker thread of the merge/purge job: compares the candidate pairs the job thread sends, so comparing uses every core.
import { parentPort, workerData } from 'node:worker_threads';
import type { MatchLevel } from '../api/contract';
import { comparisonsFor } from '../domain/match/compare';
import { gammasOf } from '../domain/match/model';
import { thawTable, type FrozenTable } from '../domain/match/table';

export interface MatchWorkerData {
  level: MatchLevel;
  table: FrozenTable;
}

export type MatchWorkerRequest = { seq: number; a: Int32Array; b: Int32Array };
export type MatchWorkerReply = { seq: number; gammas: Int8Array } | { seq: number; error: string };

const port = parentPort!;
const data = workerData as MatchWorkerData;
const table = thawTable(data.table);
// Each worker has its own comparisons (and so its own memo tables).
const comps = comparisonsFor(data.level);

port.on('message', (m: MatchWorkerRequest) => {
  try {
    const gammas = gammasOf(table, comps, m.a, m.b);
    port.postMessage({ seq: m.seq, gammas } satisfies MatchWorkerReply, [gammas.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ seq: m.seq, error: (err as Error).message } satisfies MatchWorkerReply);
  }
});
