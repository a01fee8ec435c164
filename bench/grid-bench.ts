// grid-views: builds a sorted, filtered view of a large cleaned list through the real service, then times 200-row pages at its top, middle and end, and the facets panel.
import path from 'node:path';
import type { GridView } from '../src/api/contract';
import { createService } from '../src/service';
import { count, mb, millis, percentile, ratio, seconds, table } from './report';

export interface GridBenchResult {
  listRows: number;
  viewRows: number;
  /** Seconds to filter and sort the list for the view the first time (reads the sort columns of the list). */
  buildSeconds: number;
  /** Seconds to build it again (refresh: the sort columns are kept, the filter runs again). */
  rebuildSeconds: number;
  /** Seconds to sort the whole list by the same two keys, no filter; and by a column not read before (City, descending). */
  sortAllSeconds: number;
  sortNewColumnSeconds: number;
  /** Seconds for a quick search over every cell. */
  searchSeconds: number;
  /** Pages of the view, and the baseline: pages of the plain list (file order, a rowid range seek) at the same places. */
  positions: { name: string; fromRow: number; p50: number; p95: number; plainP50: number }[];
  facetsColdMs: number;
  facetsWarmMs: number;
  cleanSeconds: number | null;
  rss: number;
  /** JavaScript heap in use after a garbage collection (when run with --expose-gc), the caches included. */
  heapUsed: number | null;
}

const WINDOW = 200;

/** The benchmark's view: last name, then first name, of the records in CA, NY or TX with a quality over 60. */
export const BENCH_VIEW: GridView = {
  filters: [
    { target: { clean: 'state' }, op: 'in', values: ['CA', 'NY', 'TX'] },
    { target: { clean: 'quality' }, op: 'gt', value: 60 },
  ],
  sort: [{ target: { field: 'last_name' } }, { target: { field: 'first_name' } }],
};

export async function gridBench(opts: { project: string; resourcesDir: string; cleanWorkerFile?: string; reps: number; log: (s: string) => void }): Promise<GridBenchResult> {
  const service = createService({ host: 'direct', resourcesDir: opts.resourcesDir, cleanWorkerFile: opts.cleanWorkerFile });
  const { log } = opts;
  try {
    let info = await service.invoke('project.open', { file: service.registerFile(opts.project, 'read') });
    let list = info.lists[0];
    if (!list) throw new Error(`${path.basename(opts.project)} has no list`);
    let cleanSeconds: number | null = null;
    if (!list.clean) {
      const t0 = performance.now();
      const job = await service.invoke('jobs.wait', { jobId: (await service.invoke('clean.start', { projectId: info.projectId, listId: list.id })).jobId });
      if (job.status !== 'done') throw new Error(`clean ${job.status}: ${job.error?.message ?? ''}`);
      cleanSeconds = (performance.now() - t0) / 1000;
      log(`cleaned the list first (the view filters on cleaned state and quality) in ${seconds(cleanSeconds)}`);
      info = await service.invoke('project.info', { projectId: info.projectId });
      list = info.lists[0]!;
    }
    const base = { projectId: info.projectId, listId: list.id };
    const timeView = async (view: GridView) => {
      const t0 = performance.now();
      const w = await service.invoke('lists.rows', { ...base, fromRow: 1, count: WINDOW, view, refresh: true });
      return { seconds: (performance.now() - t0) / 1000, total: w.total, buildMs: w.view?.buildMs ?? 0 };
    };

    const first = await timeView(BENCH_VIEW);
    const viewRows = first.total;
    const rebuilds = [(await timeView(BENCH_VIEW)).seconds, (await timeView(BENCH_VIEW)).seconds, (await timeView(BENCH_VIEW)).seconds].sort((a, b) => a - b);
    const sortAll = await timeView({ sort: BENCH_VIEW.sort });
    const city = info.lists[0]!.columns.find((c) => c.field === 'city');
    const sortNew = city ? await timeView({ sort: [{ target: { column: city.index }, desc: true }] }) : { seconds: NaN };
    const search = await timeView({ search: 'smith' });
    log(
      `view build (filter + sort, through the service): first ${seconds(first.seconds)}, again (refresh) ${rebuilds.map(seconds).join(', ')} → ${count(viewRows)} of ${count(list.rowCount)} rows; ` +
        `sort of all ${count(sortAll.total)} rows by the same keys: ${seconds(sortAll.seconds)}, by City (not read before) descending: ${seconds(sortNew.seconds)}; quick search "smith": ${seconds(search.seconds)} (${count(search.total)} rows)`,
    );
    // The benchmark's view is built again, so the pages below are served from the cache as the grid's would be.
    await service.invoke('lists.rows', { ...base, fromRow: 1, count: WINDOW, view: BENCH_VIEW });

    const starts: [string, number][] = [
      ['top', 1],
      ['middle', Math.floor(viewRows / 2)],
      ['end', Math.max(1, viewRows - WINDOW + 1)],
    ];
    const samples: number[][] = starts.map(() => []);
    const plain: number[][] = starts.map(() => []);
    const askPlain = async (fromRow: number) => {
      const t0 = performance.now();
      const w = await service.invoke('lists.rows', { ...base, fromRow, count: WINDOW });
      const ms = performance.now() - t0;
      if (w.rows.length === 0) throw new Error(`lists.rows from ${fromRow} returned no rows`);
      return ms;
    };
    const ask = async (fromRow: number) => {
      const t0 = performance.now();
      const w = await service.invoke('lists.rows', { ...base, fromRow, count: WINDOW, view: BENCH_VIEW });
      const ms = performance.now() - t0;
      if (w.rows.length !== Math.min(WINDOW, viewRows - fromRow + 1) || w.rows[0]?.pos !== fromRow || w.view?.buildMs !== 0) {
        throw new Error(`lists.rows from ${fromRow} of the view returned ${w.rows.length} rows starting at position ${w.rows[0]?.pos}`);
      }
      return ms;
    };
    for (let i = 0; i < 20; i++) for (const [, s] of starts) await ask(s);
    for (let i = 0; i < opts.reps; i++) {
      for (let k = 0; k < starts.length; k++) {
        samples[k]!.push(await ask(starts[k]![1]));
        plain[k]!.push(await askPlain(starts[k]![1]));
      }
    }
    const positions = starts.map(([name, fromRow], k) => {
      const sorted = samples[k]!.slice().sort((a, b) => a - b);
      const baseline = plain[k]!.slice().sort((a, b) => a - b);
      return { name, fromRow, p50: percentile(sorted, 50), p95: percentile(sorted, 95), plainP50: percentile(baseline, 50) };
    });

    const facets = [
      { target: { clean: 'state' as const } },
      { target: { field: 'source' as const } },
      { target: { clean: 'issue' as const } },
      { target: { clean: 'scoreBand' as const } },
      { target: { clean: 'duplicate' as const } },
    ];
    let t0 = performance.now();
    const f = await service.invoke('lists.facets', { ...base, view: BENCH_VIEW, facets });
    const facetsColdMs = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) {
      t0 = performance.now();
      await service.invoke('lists.facets', { ...base, view: BENCH_VIEW, facets });
      warm.push(performance.now() - t0);
    }
    warm.sort((a, b) => a - b);
    const facetsWarmMs = percentile(warm, 50);
    log(
      `facets (state, source, issue kind, score band, duplicate status) over the view: first ${millis(facetsColdMs)} (reads each field of the list once), then ${millis(facetsWarmMs)}; ` +
        `state: ${f.facets[0]!.values.map((v) => `${v.value || '(empty)'} ${count(v.count)}`).join(', ')}`,
    );
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const mem = process.memoryUsage();
    const rss = mem.rss;
    const heapUsed = gc ? mem.heapUsed + mem.arrayBuffers : null;
    log('');
    table(
      ['page of the view (200 rows)', 'from position', 'p50', 'p95', 'plain list page p50', 'view / plain (p50)'],
      positions.map((p) => [p.name, count(p.fromRow), millis(p.p50), millis(p.p95), millis(p.plainP50), ratio(p.p50 / p.plainP50)]),
      log,
    );
    log(`RSS after building the views and facets: ${mb(rss)}${heapUsed === null ? '' : `; JavaScript heap and typed arrays in use after GC: ${mb(heapUsed)}`}`);
    return {
      listRows: list.rowCount,
      viewRows,
      buildSeconds: first.seconds,
      rebuildSeconds: rebuilds[1]!,
      sortAllSeconds: sortAll.seconds,
      sortNewColumnSeconds: sortNew.seconds,
      searchSeconds: search.seconds,
      positions,
      facetsColdMs,
      facetsWarmMs,
      cleanSeconds,
      rss,
      heapUsed,
    };
  } finally {
    await service.close();
  }
}
