// grid-paging: times `lists.rows` windows at the top, middle and bottom of a large list through the real service, in process.
import path from 'node:path';
import { createService } from '../src/service';
import { count, millis, percentile, ratio, table } from './report';

export interface PagingResult {
  total: number;
  positions: { fromRow: number; p50: number; p95: number }[];
  /** p50 at the last window over p50 at the first. */
  ratio: number;
}

const WINDOW = 200;

/**
 * Opens the project through the service (as the app does), warms up, then asks for each window `reps` times,
 * round-robin across positions so drift (GC, page cache) hits them alike.
 */
export async function pagingBench(opts: { project: string; resourcesDir: string; reps: number; log: (s: string) => void }): Promise<PagingResult> {
  const service = createService({ host: 'direct', resourcesDir: opts.resourcesDir });
  try {
    const info = await service.invoke('project.open', { file: service.registerFile(opts.project, 'read') });
    const list = info.lists[0];
    if (!list) throw new Error(`${path.basename(opts.project)} has no list to page through`);
    const total = list.rowCount;
    const starts = [1, Math.floor(total / 2), Math.max(1, total - WINDOW + 1)];
    const samples: number[][] = starts.map(() => []);
    const ask = async (fromRow: number) => {
      const t0 = performance.now();
      const w = await service.invoke('lists.rows', { projectId: info.projectId, listId: list.id, fromRow, count: WINDOW });
      const ms = performance.now() - t0;
      if (w.rows.length !== Math.min(WINDOW, total - fromRow + 1) || w.rows[0]?.rowNo !== fromRow) {
        throw new Error(`lists.rows from ${fromRow} returned ${w.rows.length} rows starting at ${w.rows[0]?.rowNo}`);
      }
      return ms;
    };
    for (let i = 0; i < 20; i++) for (const s of starts) await ask(s);
    for (let i = 0; i < opts.reps; i++) {
      for (let k = 0; k < starts.length; k++) samples[k]!.push(await ask(starts[k]!));
    }
    const positions = starts.map((fromRow, k) => {
      const sorted = samples[k]!.slice().sort((a, b) => a - b);
      return { fromRow, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    });
    opts.log('');
    table(
      ['window (200 rows) from row', 'p50', 'p95', 'vs first (p50)'],
      positions.map((p) => [count(p.fromRow), millis(p.p50), millis(p.p95), ratio(p.p50 / positions[0]!.p50)]),
      opts.log,
    );
    return { total, positions, ratio: positions[positions.length - 1]!.p50 / positions[0]!.p50 };
  } finally {
    await service.close();
  }
}
