// xlsx-200k: Winnow reading a 200,000-row .xlsx against reading the same rows as CSV (both through readTable, in a child process), with peak RSS.
import fs from 'node:fs';
import path from 'node:path';
import { detectHeaderRow } from '../src/domain/header';
import { inspectTable, readTable, sampleTable } from '../src/jobs/read-table';
import { COLUMNS, renderRow } from './generate/render';
import { makeEntity } from './generate/entity';
import { planRows } from './generate/us-list';
import { ensureDataFile, runMeasured, type DataFile, type RunResult } from './import-bench';
import { count, mb, ratio, seconds, table } from './report';

/** Bumped whenever the workbook's layout changes, so a stale file in bench/out is never reused. */
const XLSX_VERSION = 1;

/**
 * The benchmark workbook: the generator's rows in one sheet with shared strings (as Excel writes them), five-digit
 * ZIP codes stored as numbers with the "00000" format, as a list kept in Excel usually has them.
 */
export async function ensureXlsxFile(outDir: string, rows: number, seed: number, log: (s: string) => void): Promise<DataFile> {
  const file = path.join(outDir, `us-${rows}-seed${seed}.xlsx`);
  const marker = `${file}.ok`;
  if (fs.existsSync(file) && fs.existsSync(marker)) {
    try {
      const m = JSON.parse(fs.readFileSync(marker, 'utf8')) as { version: number; rows: number; seed: number; bytes: number };
      if (m.version === XLSX_VERSION && m.rows === rows && m.seed === seed && fs.statSync(file).size === m.bytes) return { file, rows, seed, bytes: m.bytes, reused: true };
    } catch {
      // A damaged marker: make the file again.
    }
  }
  log(`generating ${count(rows)} rows (seed ${seed}) → ${path.relative(process.cwd(), file)} …`);
  fs.mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  // exceljs is a development dependency: only the benchmark (and the tests) write workbooks.
  const ExcelJS = (await import('exceljs')).default;
  const partial = `${file}.partial`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Prospects');
  ws.addRow([...COLUMNS]).commit();
  const zipAt = COLUMNS.indexOf('Zip');
  const plan = planRows({ rows, seed, dupRate: 0.25 });
  for (let i = 0; i < plan.entity.length; i++) {
    const cells: (string | number)[] = renderRow(seed, makeEntity(seed, plan.entity[i]!), plan.variant[i]!);
    const zip = cells[zipAt] as string;
    const asNumber = /^\d{5}$/.test(zip);
    if (asNumber) cells[zipAt] = Number(zip);
    const row = ws.addRow(cells);
    if (asNumber) row.getCell(zipAt + 1).numFmt = '00000';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(partial, file);
  const bytes = fs.statSync(file).size;
  fs.writeFileSync(marker, JSON.stringify({ version: XLSX_VERSION, rows, seed, bytes }));
  log(`  generated ${mb(bytes)} in ${seconds((performance.now() - started) / 1000)}`);
  return { file, rows, seed, bytes, reused: false };
}

export interface XlsxBenchResult {
  xlsx: RunResult;
  csv: RunResult;
  ratio: number;
  cliImport: RunResult | null;
}

/**
 * Reads the workbook and the same rows as CSV with readTable in a child process (`run.js read-table FILE`), best of
 * `runs`; then, when the CLI's import takes .xlsx, times `winnow import` of the workbook too.
 */
export async function xlsxBench(opts: { root: string; runJs: string; cli: string; tmp: string; rows: number; seed: number; runs: number; log: (s: string) => void }): Promise<XlsxBenchResult> {
  const { root, runJs, cli, tmp, rows, seed, runs, log } = opts;
  const outDir = path.join(root, 'bench', 'out');
  const book = await ensureXlsxFile(outDir, rows, seed, log);
  const csv = await ensureDataFile(outDir, rows, seed, log);
  log(`data: ${path.relative(process.cwd(), book.file)} (${mb(book.bytes)}) and the same rows as CSV (${mb(csv.bytes)})`);
  const lines: string[][] = [];
  let bestX: RunResult | null = null;
  let bestC: RunResult | null = null;
  for (let i = 1; i <= runs; i++) {
    for (const [kind, f] of [['xlsx', book.file], ['csv', csv.file]] as const) {
      const r = await runMeasured(process.execPath, [runJs, 'read-table', f]);
      if (r.code !== 0) throw new Error(`read-table ${kind} failed (exit ${r.code}): ${r.stderr.trim()}`);
      const got = Number(/rows=(\d+)/.exec(r.stdout)?.[1]);
      if (got !== rows) throw new Error(`read-table ${kind} read ${got} rows, expected ${rows}`);
      lines.push([`readTable ${kind} #${i}`, seconds(r.seconds), r.peakRss ? mb(r.peakRss) : '?', r.stdout.trim()]);
      if (kind === 'xlsx' && (!bestX || r.seconds < bestX.seconds)) bestX = r;
      if (kind === 'csv' && (!bestC || r.seconds < bestC.seconds)) bestC = r;
    }
  }
  let cliImport: RunResult | null = null;
  const project = path.join(tmp, 'xlsx.winnow');
  const c = await runMeasured(process.execPath, [cli, 'import', book.file, '--project', project]);
  if (c.code === 0) {
    cliImport = c;
    const said = c.stdout.trim().split('\n');
    lines.push(['winnow import xlsx', seconds(c.seconds), c.peakRss ? mb(c.peakRss) : '?', said.find((l) => l.startsWith('Imported')) ?? said[0] ?? '']);
  } else {
    lines.push(['winnow import xlsx', '—', '—', `not measured: ${(c.stderr.trim() || c.stdout.trim()).split('\n')[0]}`]);
  }
  log('');
  table(['run', 'wall', 'peak RSS', 'note'], lines, log);
  return { xlsx: bestX!, csv: bestC!, ratio: bestX!.seconds / bestC!.seconds, cliImport };
}

export function summarizeXlsx(r: XlsxBenchResult, rows: number): string[][] {
  const out = [[`read xlsx-${rows / 1000}k`, seconds(r.xlsx.seconds), seconds(r.csv.seconds), ratio(r.ratio), r.xlsx.peakRss ? mb(r.xlsx.peakRss) : '?', `${count(Math.round(rows / r.xlsx.seconds))} rows/s`]];
  if (r.cliImport) out.push([`import xlsx-${rows / 1000}k (CLI)`, seconds(r.cliImport.seconds), '', '', r.cliImport.peakRss ? mb(r.cliImport.peakRss) : '?', '']);
  return out;
}

/** `run.js read-table FILE`: inspect, sample, detect the header and stream every row, as the import does, without SQLite. */
export async function readTableCommand(file: string): Promise<number> {
  const started = performance.now();
  const name = path.basename(file);
  const info = await inspectTable(file, name);
  const headerRow = detectHeaderRow(await sampleTable(file, name, info));
  let rows = 0;
  let problems = 0;
  for await (const b of readTable(file, name, info, headerRow)) {
    rows += b.rows.length;
    problems += b.problems.length;
  }
  const secs = (performance.now() - started) / 1000;
  console.log(`rows=${rows} problems=${problems} kind=${info.kind} ${info.kind === 'xlsx' ? `sheet=${info.sheet}` : `encoding=${info.encoding.encoding}`} in ${secs.toFixed(2)} s`);
  return 0;
}
