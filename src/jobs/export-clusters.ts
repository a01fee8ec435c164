// Writes which entity every record of a merge/purge run belongs to: `row,cluster` for one list, `list,row,cluster` for several.
import { WinnowError, type ListInfo } from '../api/contract';
import type { Db } from '../store/db';
import { getRun, listMembers } from '../store/matches';
import { recordId } from '../store/records';
import { writeDelimited } from './export-delimited';
import type { ProgressSink } from './progress';

export interface ClusterExportInput {
  runId: number;
  /** The run's lists, by id. */
  lists: ReadonlyMap<number, ListInfo>;
  outPath: string;
  signal: AbortSignal;
  progress: ProgressSink;
}

/**
 * One line per record, lists in the run's priority order and rows in file order. `cluster` is the output line number
 * (1-based, header not counted) of the cluster's first record, so for one list it is the smallest row number of the
 * entity and a record alone gets its own row number.
 */
export async function exportClusters(db: Db, job: ClusterExportInput): Promise<{ rowsWritten: number; seconds: number }> {
  const run = getRun(db, job.runId);
  if (!run) throw new WinnowError('NOT_FOUND', `There is no merge/purge run ${job.runId} in this project.`);
  const lists = run.lists.map((id) => {
    const l = job.lists.get(id);
    if (!l) throw new WinnowError('NOT_FOUND', `List ${id} of run ${job.runId} is no longer in the project.`);
    return l;
  });
  const single = lists.length === 1;
  const total = lists.reduce((s, l) => s + l.rowCount, 0);
  const firstLine = new Map<number, number>();
  let line = 0;
  function* batches(): Generator<string[][]> {
    for (const list of lists) {
      const members = new Map(listMembers(db, job.runId, list.id).map((m) => [m.recordId, m.cluster]));
      let batch: string[][] = [];
      for (let row = 1; row <= list.rowCount; row++) {
        line++;
        const cluster = members.get(recordId(list.id, row));
        let id = line;
        if (cluster !== undefined) {
          const seen = firstLine.get(cluster);
          if (seen === undefined) firstLine.set(cluster, line);
          else id = seen;
        }
        batch.push(single ? [String(row), String(id)] : [list.name, String(row), String(id)]);
        if (batch.length === 10_000) {
          yield batch;
          batch = [];
        }
      }
      yield batch;
    }
  }
  return writeDelimited(job.outPath, { delimiter: ',', newline: '\r\n', bom: false, neutralize: true }, single ? ['row', 'cluster'] : ['list', 'row', 'cluster'], batches(), total, job);
}
