// `npm run bench`: benchmarks (each speed figure a ratio against a baseline measured in the same run) and the data generator.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateUsList, DEFAULT_DUP_RATE } from './generate/us-list';
import { makeSample } from './generate/make-sample';
import { ensureDataFile, importBench, runMeasured, summarizeImport } from './import-bench';
import { cleanBench, summarizeClean } from './clean-bench';
import { scoreRun, trainRun, type ScoreRun, type TrainRun } from './model-bench';
import { PLANTED } from './generate/response';
import { dedupeQuality, dedupeSpeed, generatedSet, qualityRow, sharedSets, type DedupeQuality, type DedupeSpeed } from './dedupe-bench';
import { pagingBench } from './paging-bench';
import { gridBench, type GridBenchResult } from './grid-bench';
import { progressBench } from './progress-bench';
import { loadBench, summarizeLoad } from './load-bench';
import { readTableCommand, summarizeXlsx, xlsxBench } from './xlsx-bench';
import { count, mb, millis, ratio, seconds, table } from './report';

const USAGE = `Usage:
  node dist/bench/run.js [all] [--quick] [--seed S] [--runs N]
      Benchmarks: import-1m (winnow import vs sqlite3 .import of the same CSV), clean-1m (winnow clean vs sqlite3 copying
      the same rows), grid-paging, progress, xlsx-200k, and dedupe (as below)
      (readTable over a 200,000-row workbook vs the same rows as CSV, peak RSS).
      --quick uses 100,000 rows instead of 1,000,000 (and 50,000 for xlsx).
  node dist/bench/run.js dedupe [--quick] [--seed S]
      Only the merge/purge benchmarks: pairwise precision/recall/F1 of \`winnow dedupe FILE\` on ../shared/data (Febrl
      dataset1, dataset2, Splink fake_1000) and on a generated 100,000-row US list; end-to-end time and peak RSS on
      100,000 and 1,000,000 generated rows (--quick: 10,000 and 100,000) and their ratio.
  node dist/bench/run.js model [--quick] [--seed S]
      Only the response-model benchmarks: \`winnow model train\` on generated campaign files with a planted pattern (its
      cross-validated AUC against the AUC of the true probabilities; time on 5,000 and 50,000 rows × 20 columns) and
      \`winnow score\` on 100,000 and 1,000,000 rows (--quick: 10,000 and 100,000).
  node dist/bench/run.js grid [--project P.winnow] [--quick] [--seed S]
      Only the grid-views benchmark: a sorted (last, first name), filtered (state in CA, NY, TX and quality > 60) view of
      the first list of P.winnow (default: the generated 1,000,000-row list imported into a temporary project; --quick
      100,000), cleaned first when it is not: view build time, 200-row page latency p50/p95 at the view's top, middle and
      end (target p95 ≤ 16 ms), the facets panel, RSS.
  node dist/bench/run.js load [--quick] [--seed S]
      Only the load benchmark (issue 9): the real browser host (child process) with a 100,000-row list imported and
      cleaned through its API; 200-row grid pages (random positions, plain and a sorted, filtered view) over HTTP as the
      renderer asks for them, first alone (baseline), then while a 1,000,000-row import (--quick 100,000) runs into the
      same project: p50/p95/max (target p95 ≤ 50 ms during the import).
  node dist/bench/run.js clean [--quick] [--seed S] [--runs N]
      Only the clean benchmark (issue 4): the generated 1,000,000-row list (--quick 100,000) imported once, then
      \`winnow clean\` on a fresh copy of it N times (default 3; the best counts) against sqlite3 copying the same rows.
  node dist/bench/run.js xlsx [--rows N] [--seed S] [--runs N]
      Only the xlsx benchmark (default 200,000 rows).
  node dist/bench/run.js read-table FILE
      Reads FILE (CSV or .xlsx) as the import does, without SQLite, and prints rows and time (used by xlsx-200k).
  node dist/bench/run.js generate --rows N --seed S --out FILE.csv [--truth TRUTH.csv] [--dup-rate R]
      Writes a messy US prospect list with known duplicates (and its row → entity truth file).
  node dist/bench/run.js make-sample [--dir DIR]
      Regenerates resources/sample/ (house-file.csv, bought-list.csv, truth.csv).`;

/** dist/bench/run.js → the repository root (also right when run from source by a test runner). */
const root = findRoot(import.meta.dirname);
const log = (s: string) => console.log(s);

const IMPORT_TARGET = 1.5;
/** Issue 4: cleaning a million rows on this 2-core machine, overall. */
const CLEAN_TARGET = 100_000;
/** Issue 3: the job bar hears from an import at least this often. */
const PROGRESS_TARGET = 4;
const PAGING_TARGET = 1.5;
/** Issue 5: pairwise F1 on every labeled set, one model and one setting for all. */
const F1_TARGET = 0.95;
/** Issue 5: 1M raw rows deduplicated end to end within this, 1M/100k time within DEDUPE_RATIO_TARGET, peak RSS within DEDUPE_RSS_TARGET. */
const DEDUPE_SECONDS_TARGET = 60;
const DEDUPE_RATIO_TARGET = 12;
const DEDUPE_RSS_TARGET = 1.5 * 1024 ** 3;
/** Response models: train 50k rows × 20 columns ≤ 10 s, score 1M rows ≤ 20 s, recover ≥ 97 % of the attainable AUC. */
const TRAIN_SECONDS_TARGET = 10;
const SCORE_SECONDS_TARGET = 20;
const AUC_SHARE_TARGET = 0.97;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rows: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      truth: { type: 'string' },
      'dup-rate': { type: 'string' },
      dir: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      project: { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'all';
  if (values.help) {
    log(USAGE);
    return 0;
  }
  switch (command) {
    case 'generate':
      return generate(values);
    case 'make-sample': {
      const s = makeSample(values.dir ? path.resolve(values.dir) : path.join(root, 'resources', 'sample'));
      log(`wrote ${s.houseRows} house rows and ${s.boughtRows} bought rows (${s.overlapRows} of them house customers) to ${s.dir}`);
      return 0;
    }
    case 'grid':
      return gridCommand({ project: values.project, quick: !!values.quick, seed: int(values.seed, 'seed', 1) });
    case 'load':
      return loadCommand({ quick: !!values.quick, seed: int(values.seed, 'seed', 1) });
    case 'clean':
      return cleanCommand({ quick: !!values.quick, seed: int(values.seed, 'seed', 1), runs: int(values.runs, 'runs', 3) });
    case 'xlsx': {
      const rows = int(values.rows, 'rows', 200_000);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-bench-'));
      try {
        const xl = await xlsxBench({ root, runJs: path.join(root, 'dist', 'bench', 'run.js'), cli: path.join(root, 'dist', 'cli.js'), tmp, rows, seed: int(values.seed, 'seed', 1), runs: int(values.runs, 'runs', 2), log });
        log('');
        table(['xlsx', 'xlsx read', 'csv read', 'ratio xlsx/csv', 'peak RSS', ''], summarizeXlsx(xl, rows), log);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      return 0;
    }
    case 'read-table':
      if (!positionals[1]) {
        console.error(`read-table needs a FILE\n${USAGE}`);
        return 2;
      }
      return readTableCommand(path.resolve(positionals[1]));
    case 'all':
      return benchmarks({ quick: !!values.quick, seed: int(values.seed, 'seed', 1), runs: int(values.runs, 'runs', 2) });
    case 'model': {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-bench-'));
      try {
        printModel(await modelBenches({ quick: !!values.quick, seed: int(values.seed, 'seed', 1), tmp }));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      return 0;
    }
    case 'dedupe': {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-bench-'));
      try {
        const d = await dedupeBenches({ quick: !!values.quick, seed: int(values.seed, 'seed', 1), tmp });
        printDedupe(d);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

async function generate(values: Record<string, string | boolean | undefined>): Promise<number> {
  if (typeof values.out !== 'string' || typeof values.rows !== 'string') {
    console.error(`generate needs --rows and --out\n${USAGE}`);
    return 2;
  }
  const rows = int(values.rows, 'rows', 0);
  const seed = int(values.seed as string | undefined, 'seed', 1);
  const dupRate = values['dup-rate'] === undefined ? DEFAULT_DUP_RATE : Number(values['dup-rate']);
  const s = await generateUsList({ rows, seed, dupRate, out: values.out, truthOut: typeof values.truth === 'string' ? values.truth : undefined });
  log(
    `wrote ${count(s.rows)} rows (${count(s.entities)} entities, ${count(s.duplicatedEntities)} with duplicates) ` +
      `to ${values.out}: ${mb(s.bytes)} in ${seconds(s.seconds)}`,
  );
  return 0;
}

async function benchmarks(opts: { quick: boolean; seed: number; runs: number }): Promise<number> {
  const rows = opts.quick ? 100_000 : 1_000_000;
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    console.error(`${cli} is missing: run \`npm run build\` first.`);
    return 1;
  }
  log(`Winnow benchmarks — ${count(rows)} rows, seed ${opts.seed}, best of ${opts.runs}; node ${process.version}, ${os.cpus().length} cores`);
  const data = await ensureDataFile(path.join(root, 'bench', 'out'), rows, opts.seed, log);
  log(`data: ${path.relative(process.cwd(), data.file)} (${mb(data.bytes)}, 12 columns${data.reused ? ', reused' : ''})`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-bench-'));
  try {
    log(`\n== import: winnow import (CLI, child process) vs sqlite3 .import (same file, fresh db)`);
    const imp = await importBench({ data, cli, tmp, runs: opts.runs, log });
    (globalThis as { gc?: () => void }).gc?.();

    log(`\n== clean: winnow clean (CLI, child process, ${os.availableParallelism()} worker threads) vs sqlite3 copying the same rows (the write floor)`);
    const cl = await cleanBench({ project: imp.project, rows, cli, tmp, runs: opts.runs, log });
    (globalThis as { gc?: () => void }).gc?.();

    log(`\n== grid-paging: lists.rows windows of 200 through the service, warm`);
    const pg = await pagingBench({ project: imp.project, resourcesDir: path.join(root, 'resources'), reps: 200, log });
    if (pg.total !== rows) throw new Error(`the imported list has ${pg.total} rows, expected ${rows}`);

    log(`\n== grid-views: a sorted, filtered view of the same list through the service (page target p95 ≤ ${GRID_PAGE_TARGET_MS} ms)`);
    const gv = await gridBench({ project: imp.project, resourcesDir: path.join(root, 'resources'), cleanWorkerFile: path.join(root, 'dist', 'clean-worker.js'), reps: 200, log });
    (globalThis as { gc?: () => void }).gc?.();

    log(`\n== progress: job.progress events during an in-process import of the same file (target ≥ ${PROGRESS_TARGET}/s)`);
    const pr = await progressBench({
      file: data.file,
      project: path.join(tmp, 'progress.winnow'),
      resourcesDir: path.join(root, 'resources'),
      parserWorkerFile: path.join(root, 'dist', 'parse-worker.js'),
    });
    log(
      `${count(pr.events)} events in ${pr.seconds.toFixed(2)} s: ${pr.perSecond.toFixed(1)}/s; longest gap while streaming ${Math.round(pr.maxGapMs)} ms;` +
        ` first event after ${Math.round(pr.leadMs)} ms, done ${Math.round(pr.tailMs)} ms after the last`,
    );

    const xlsxRows = opts.quick ? 50_000 : 200_000;
    log(`\n== xlsx-${xlsxRows / 1000}k: readTable over a ${count(xlsxRows)}-row workbook vs the same rows as CSV (child process each)`);
    const xl = await xlsxBench({ root, runJs: path.join(root, 'dist', 'bench', 'run.js'), cli, tmp, rows: xlsxRows, seed: opts.seed, runs: opts.runs, log });

    const dd = await dedupeBenches({ quick: opts.quick, seed: opts.seed, tmp });
    const md = await modelBenches({ quick: opts.quick, seed: opts.seed, tmp });

    log('\n== summary');
    table(['import', 'winnow', 'sqlite3', 'ratio', 'target', 'winnow peak RSS', ''], [summarizeImport(imp, data, IMPORT_TARGET)], log);
    log('');
    table(['clean', 'winnow', 'rows/s', 'per core', 'sqlite3 copy', 'ratio', 'target', 'peak RSS', ''], [summarizeClean(cl, CLEAN_TARGET)], log);
    log('');
    const first = pg.positions[0]!;
    const last = pg.positions[pg.positions.length - 1]!;
    table(
      ['grid-paging', 'first p50', 'last p50', 'last p95', 'ratio last/first', 'target', ''],
      [['lists.rows ×200', millis(first.p50), millis(last.p50), millis(last.p95), ratio(pg.ratio), `≈ 1× (≤ ${PAGING_TARGET}×)`, pg.ratio <= PAGING_TARGET ? 'ok' : 'MISSED']],
      log,
    );
    log('');
    printGrid(gv);
    log('');
    table(['xlsx', 'xlsx read', 'csv read', 'ratio xlsx/csv', 'peak RSS', ''], summarizeXlsx(xl, xlsxRows), log);
    log('');
    table(
      ['progress', 'events/s', 'longest gap', 'target', ''],
      [['job.progress', pr.perSecond.toFixed(1), `${Math.round(pr.maxGapMs)} ms`, `≥ ${PROGRESS_TARGET}/s`, pr.perSecond >= PROGRESS_TARGET ? 'ok' : 'MISSED']],
      log,
    );
    log('');
    printDedupe(dd);
    log('');
    printModel(md);
    log(`\nwinnow: ${count(Math.round(rows / imp.winnow.seconds))} rows/s; sqlite3: ${count(Math.round(rows / imp.sqlite.seconds))} rows/s`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Issue 8: any 200-row page of a sorted, filtered million-row view within this, p95. */
const GRID_PAGE_TARGET_MS = 16;

function printGrid(g: GridBenchResult): void {
  const scale = g.listRows >= 1_000_000 ? '' : ' (smoke run: the target is for 1M rows)';
  table(
    ['grid-views', 'view rows', 'build first / again', 'p50', 'p95', 'vs plain page', 'target', ''],
    g.positions.map((p) => [
      `page at ${p.name}`,
      count(g.viewRows),
      `${seconds(g.buildSeconds)} / ${seconds(g.rebuildSeconds)}`,
      millis(p.p50),
      millis(p.p95),
      ratio(p.p50 / p.plainP50),
      `p95 ≤ ${GRID_PAGE_TARGET_MS} ms`,
      (p.p95 <= GRID_PAGE_TARGET_MS ? 'ok' : 'MISSED') + scale,
    ]),
    log,
  );
  log(
    `of ${count(g.listRows)} rows: view build ${seconds(g.buildSeconds)} first, ${seconds(g.rebuildSeconds)} again; whole-list sort ${seconds(g.sortAllSeconds)} ` +
      `(${seconds(g.sortNewColumnSeconds)} by a column not read before); quick search ${seconds(g.searchSeconds)}; facets ${millis(g.facetsColdMs)} first, ${millis(g.facetsWarmMs)} after; ` +
      `RSS ${mb(g.rss)}${g.heapUsed === null ? '' : `, heap after GC ${mb(g.heapUsed)}`}`,
  );
}

async function cleanCommand(opts: { quick: boolean; seed: number; runs: number }): Promise<number> {
  const rows = opts.quick ? 100_000 : 1_000_000;
  const cli = path.join(root, 'dist', 'cli.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-bench-'));
  try {
    log(`Winnow clean benchmark — ${count(rows)} rows, seed ${opts.seed}, best of ${opts.runs}; node ${process.version}, ${os.cpus().length} cores`);
    const data = await ensureDataFile(path.join(root, 'bench', 'out'), rows, opts.seed, log);
    const project = path.join(tmp, 'clean.winnow');
    const imp = await runMeasured(process.execPath, [cli, 'import', data.file, '--project', project]);
    if (imp.code !== 0) throw new Error(`winnow import failed: ${imp.stderr.trim()}`);
    log(imp.stdout.trim().split('\n')[0] ?? '');
    log(`\n== clean: winnow clean (CLI, child process, ${os.availableParallelism()} worker threads) vs sqlite3 copying the same rows (the write floor)`);
    const cl = await cleanBench({ project, rows, cli, tmp, runs: opts.runs, log });
    log('');
    table(['clean', 'winnow', 'rows/s', 'per core', 'sqlite3 copy', 'ratio', 'target', 'peak RSS', ''], [summarizeClean(cl, CLEAN_TARGET)], log);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Issue 9: the grid stays responsive while a 1M-row import runs. */
const LOAD_PAGE_TARGET_MS = 50;

async function loadCommand(opts: { quick: boolean; seed: number }): Promise<number> {
  const importRows = opts.quick ? 100_000 : 1_000_000;
  const outDir = path.join(root, 'bench', 'out');
  const grid = await ensureDataFile(outDir, 100_000, opts.seed, log);
  const load = await ensureDataFile(outDir, importRows, opts.seed, log);
  log(`== load: grid pages over the browser host while ${count(importRows)} rows import (page target p95 ≤ ${LOAD_PAGE_TARGET_MS} ms); node ${process.version}, ${os.cpus().length} cores`);
  const r = await loadBench({ root, grid, load, seed: opts.seed, baselineRequests: opts.quick ? 200 : 400, importAlone: true, slowMs: LOAD_PAGE_TARGET_MS * 2, log });
  log('');
  table(['load', 'pages', 'requests', 'p50', 'p95', 'max', 'target', ''], summarizeLoad(r, LOAD_PAGE_TARGET_MS), log);
  if (r.importAloneSeconds !== null) log(`import ${count(r.importRows)} rows: ${seconds(r.importSeconds)} while paging, ${seconds(r.importAloneSeconds)} alone`);
  return 0;
}

async function gridCommand(opts: { project: string | undefined; quick: boolean; seed: number }): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-bench-'));
  try {
    let project = opts.project ? path.resolve(opts.project) : '';
    if (!project) {
      const rows = opts.quick ? 100_000 : 1_000_000;
      const data = await ensureDataFile(path.join(root, 'bench', 'out'), rows, opts.seed, log);
      project = path.join(tmp, 'grid.winnow');
      const imp = await runMeasured(process.execPath, [path.join(root, 'dist', 'cli.js'), 'import', data.file, '--project', project]);
      if (imp.code !== 0) throw new Error(`winnow import failed: ${imp.stderr.trim()}`);
      log(imp.stdout.trim().split('\n')[0] ?? '');
    }
    log(`== grid-views: ${path.basename(project)} (page target p95 ≤ ${GRID_PAGE_TARGET_MS} ms)`);
    const g = await gridBench({ project, resourcesDir: path.join(root, 'resources'), cleanWorkerFile: path.join(root, 'dist', 'clean-worker.js'), reps: 200, log });
    log('');
    printGrid(g);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

interface ModelBenches {
  small: TrainRun;
  big: TrainRun;
  scoreSmall: ScoreRun;
  scoreBig: ScoreRun;
}

async function modelBenches(opts: { quick: boolean; seed: number; tmp: string }): Promise<ModelBenches> {
  const cli = path.join(root, 'dist', 'cli.js');
  log(`\n== model: winnow model train (CLI, child process) on generated campaign files with a planted response pattern, 20 columns`);
  const small = await trainRun(cli, opts.tmp, 5_000, opts.seed);
  log(`  5,000 rows: auc ${small.auc.toFixed(3)} (true probabilities ${small.ceiling.toFixed(3)}) in ${seconds(small.run.seconds)}`);
  const big = await trainRun(cli, opts.tmp, 50_000, opts.seed);
  log(`  50,000 rows: auc ${big.auc.toFixed(3)} (logistic ${big.logistic.toFixed(4)}, trees ${big.boosted?.toFixed(4) ?? '–'}; true probabilities ${big.ceiling.toFixed(3)}) in ${seconds(big.run.seconds)}`);
  const [a, b] = opts.quick ? [10_000, 100_000] : [100_000, 1_000_000];
  log(`== score: winnow score FILE --model on ${count(a)} and ${count(b)} rows`);
  const model = path.join(opts.tmp, 'model-50000.json');
  const scoreSmall = await scoreRun(cli, opts.tmp, a, opts.seed, model);
  const scoreBig = await scoreRun(cli, opts.tmp, b, opts.seed, model);
  log(`  ${count(a)} rows in ${seconds(scoreSmall.run.seconds)}; ${count(b)} rows in ${seconds(scoreBig.run.seconds)}`);
  log(`  reasons of the best-scored tenth naming a planted attribute (${PLANTED.join(', ')}): ${(scoreSmall.plantedReasons * 100).toFixed(1)}%`);
  return { small, big, scoreSmall, scoreBig };
}

function printModel(m: ModelBenches): void {
  const share = m.big.auc / m.big.ceiling;
  table(
    ['model', 'rows', 'AUC (5-fold)', 'true-p AUC', 'ratio', 'target', 'time', 'target', ''],
    [m.small, m.big].map((t) => {
      const r = t.auc / t.ceiling;
      const timed = t.rows === 50_000;
      return [
        'winnow model train',
        count(t.rows),
        t.auc.toFixed(3),
        t.ceiling.toFixed(3),
        r.toFixed(3),
        // 5,000 rows cannot show a pattern as sharply as 50,000: that row is for the time ratio.
        timed ? `≥ ${AUC_SHARE_TARGET}` : '',
        seconds(t.run.seconds),
        timed ? `≤ ${TRAIN_SECONDS_TARGET} s` : '',
        !timed || (r >= AUC_SHARE_TARGET && t.run.seconds <= TRAIN_SECONDS_TARGET) ? 'ok' : 'MISSED',
      ];
    }),
    log,
  );
  log(`  training time ratio 50k/5k: ${ratio(m.big.run.seconds / m.small.run.seconds)}; planted-pattern AUC share ${share.toFixed(3)}; top-decile reasons naming planted attributes ${(m.scoreSmall.plantedReasons * 100).toFixed(1)}% (target ≥ 80%: ${m.scoreSmall.plantedReasons >= 0.8 ? 'ok' : 'MISSED'})`);
  log('');
  const full = m.scoreBig.rows === 1_000_000;
  table(
    ['score', `${count(m.scoreSmall.rows)} rows`, `${count(m.scoreBig.rows)} rows`, 'ratio', 'target', 'peak RSS', ''],
    [
      [
        'winnow score FILE',
        seconds(m.scoreSmall.run.seconds),
        seconds(m.scoreBig.run.seconds),
        ratio(m.scoreBig.run.seconds / m.scoreSmall.run.seconds),
        full ? `≤ ${SCORE_SECONDS_TARGET} s` : '(1M in the full run)',
        mb(m.scoreBig.run.peakRss ?? 0),
        !full || m.scoreBig.run.seconds <= SCORE_SECONDS_TARGET ? 'ok' : 'MISSED',
      ],
    ],
    log,
  );
}

interface DedupeBenches {
  quality: DedupeQuality[];
  small: DedupeSpeed;
  big: DedupeSpeed;
}

/** The merge/purge benchmarks: quality on every labeled set, then speed on generated lists of two sizes. */
async function dedupeBenches(opts: { quick: boolean; seed: number; tmp: string }): Promise<DedupeBenches> {
  const cli = path.join(root, 'dist', 'cli.js');
  const out = path.join(root, 'bench', 'out');
  const truthOf = (file: string) => file.replace(/\.csv$/, '.truth.csv');
  log(`\n== dedupe quality: winnow dedupe FILE --clusters (CLI, child process) on labeled sets, pairwise precision/recall/F1`);
  const sets = sharedSets(path.resolve(root, '..', 'shared', 'data')).filter((s) => fs.existsSync(s.file));
  const us = await ensureDataFile(out, 100_000, opts.seed, log);
  sets.push(generatedSet('generated US 100k', us.file, truthOf(us.file)));
  const quality: DedupeQuality[] = [];
  for (const set of sets) {
    const q = await dedupeQuality(set, cli, opts.tmp);
    log(`  ${set.name}: ${count(q.scores.rows)} rows, P ${q.scores.precision.toFixed(4)} R ${q.scores.recall.toFixed(4)} F1 ${q.scores.f1.toFixed(4)} in ${seconds(q.run.seconds)}`);
    quality.push(q);
  }
  const [smallRows, bigRows] = opts.quick ? [10_000, 100_000] : [100_000, 1_000_000];
  log(`\n== dedupe speed: winnow dedupe FILE --clusters end to end (read, map, clean, match, write) on ${count(smallRows)} and ${count(bigRows)} generated rows`);
  const smallData = await ensureDataFile(out, smallRows, opts.seed, log);
  const bigData = await ensureDataFile(out, bigRows, opts.seed, log);
  const small = await dedupeSpeed(smallData.file, truthOf(smallData.file), smallRows, cli, opts.tmp, log);
  const big = await dedupeSpeed(bigData.file, truthOf(bigData.file), bigRows, cli, opts.tmp, log);
  return { quality, small, big };
}

function printDedupe(d: DedupeBenches): void {
  table(['dedupe quality', 'rows', 'true pairs', 'precision', 'recall', 'F1', 'time', 'target', ''], d.quality.map((q) => qualityRow(q, F1_TARGET)), log);
  log('');
  const r = d.big.run.seconds / d.small.run.seconds;
  const rss = d.big.run.peakRss ?? 0;
  const full = d.big.rows === 1_000_000;
  table(
    ['dedupe speed', `${count(d.small.rows)} rows`, `${count(d.big.rows)} rows`, 'ratio', 'target', 'peak RSS', 'target', 'F1', ''],
    [
      [
        'winnow dedupe FILE',
        seconds(d.small.run.seconds),
        seconds(d.big.run.seconds),
        ratio(r),
        `≤ ${DEDUPE_RATIO_TARGET}×${full ? `, ≤ ${DEDUPE_SECONDS_TARGET} s` : ''}`,
        mb(rss),
        `≤ ${mb(DEDUPE_RSS_TARGET)}`,
        d.big.scores.f1.toFixed(4),
        r <= DEDUPE_RATIO_TARGET && rss <= DEDUPE_RSS_TARGET && (!full || d.big.run.seconds <= DEDUPE_SECONDS_TARGET) ? 'ok' : 'MISSED',
      ],
    ],
    log,
  );
}

function int(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got "${v}")`);
  return n;
}

function findRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

process.exitCode = await main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`bench: ${(err as Error).message}`);
  return 1;
});
