// Writes a list back to a delimited file (original header, every raw value, original row order), or its import problems; temp file + rename.
import path from 'node:path';
import { WinnowError, type ImportProblemRow, type ListInfo } from '../api/contract';
import type { Db } from '../store/db';
import { canonicalExportRow, CANONICAL_EXPORT_COLUMNS, cleanRecord, type CleanTables } from '../domain/clean-record';
import { cleanRange, decodeClean } from '../store/clean';
import { editsInRange } from '../store/edits';
import { iterateProblems } from '../store/problems';
import { iterateRows, recordId } from '../store/records';
import { neutralizeRow } from '../domain/export/neutralize';
import { openAtomicFile } from './atomic-file';
import { valuesOf } from './clean-batch';
import { fieldColumns } from './clean-list';
import type { ProgressSink } from './progress';

export interface ExportJobInput {
  list: ListInfo;
  outPath: string;
  /** 'rows' writes the list as imported; 'problems' writes the rows its import flagged, with line, row and reason. */
  what?: 'rows' | 'problems';
  /** Rows only: 'original' the list's columns (with the user's edits), 'canonical' the cleaned columns, 'all' both. */
  fields?: 'original' | 'canonical' | 'all';
  /** Reference tables, to clean records of a list that was never cleaned (canonical and all). */
  tables?: () => CleanTables;
  signal: AbortSignal;
  progress: ProgressSink;
  /** Rows only: false writes values exactly; true (the default) puts a quote before cells a spreadsheet would run as formulas. */
  neutralize?: boolean;
  /** Rows only: writes just the records this keeps (a mailing set), `keptRows` of them. */
  keep?: { has: (recordId: number) => boolean; rows: number };
}

export interface DelimitedLayout {
  delimiter: string;
  newline: string;
  bom: boolean;
  /** Neutralize formula triggers in every cell (see neutralizeCell); every writer says, so no file is missed. */
  neutralize: boolean;
}

/** The problems file's header: where each problem is, why, then the list's columns as they were in the file. */
export function problemsHeader(list: Pick<ListInfo, 'columns'>): string[] {
  return ['line', 'row', 'reason', ...list.columns.map((c) => c.original ?? c.name)];
}

export function problemRecord(p: ImportProblemRow): string[] {
  return [String(p.lineNo), p.rowNo === null ? '' : String(p.rowNo), p.reason, ...p.cells];
}

/** Writes a list (or its import problems) to a delimited file. */
export async function exportDelimited(readDb: Db, job: ExportJobInput): Promise<{ rowsWritten: number; seconds: number }> {
  if (job.what === 'problems') {
    const batches = (function* () {
      for (const batch of iterateProblems(readDb, job.list.id)) yield batch.map((p) => problemRecord({ ...p, cells: p.raw }));
    })();
    return writeDelimited(job.outPath, { delimiter: ',', newline: '\r\n', bom: false, neutralize: job.neutralize ?? true }, problemsHeader(job.list), batches, job.list.problemCount, job);
  }
  const fields = job.fields ?? 'original';
  const neutralize = job.neutralize ?? true;
  const layout = { delimiter: job.list.format?.delimiter || ',', newline: job.list.format?.newline ?? '\r\n', bom: job.list.format?.bom ?? false, neutralize };
  // The header as it was in the file (names shown in the app are trimmed and made unique).
  const original = job.list.columns.map((c) => c.original ?? c.name);
  const rows = job.keep?.rows ?? job.list.rowCount;
  if (fields === 'original') {
    return writeDelimited(job.outPath, layout, original, currentRows(readDb, job.list, false, job.tables, false, job.keep), rows, job);
  }
  // A new layout: comma-separated unless the file name says tab-separated.
  const canonicalLayout = { delimiter: /\.(tsv|tab)$/i.test(job.outPath) ? '\t' : ',', newline: '\r\n', bom: false, neutralize };
  const header = fields === 'all' ? [...CANONICAL_EXPORT_COLUMNS, ...original] : [...CANONICAL_EXPORT_COLUMNS];
  return writeDelimited(job.outPath, canonicalLayout, header, currentRows(readDb, job.list, true, job.tables, fields === 'all', job.keep), rows, job);
}

/**
 * The list's rows with the user's edits applied; with `canonical`, the cleaned canonical columns first (from the last
 * clean, or cleaned now when the list never was) and the original columns after them only when `withOriginal`.
 */
function* currentRows(
  db: Db,
  list: ListInfo,
  canonical: boolean,
  tables: (() => CleanTables) | undefined,
  withOriginal = false,
  keep?: { has: (recordId: number) => boolean },
): Generator<string[][]> {
  const columns = fieldColumns(list);
  for (const all of iterateRows(db, list.id)) {
    const batch = keep ? all.filter((r) => keep.has(recordId(list.id, r.rowNo))) : all;
    if (batch.length === 0) continue;
    const lo = recordId(list.id, batch[0]!.rowNo);
    const hi = recordId(list.id, batch[batch.length - 1]!.rowNo);
    const edits = editsInRange(db, lo, hi);
    const clean = canonical && list.clean ? cleanRange(db, lo, hi) : null;
    yield batch.map((r) => {
      const id = recordId(list.id, r.rowNo);
      const e = edits.get(id);
      const cells = e ? r.cells.map((c, i) => e.get(i) ?? c) : r.cells;
      if (!canonical) return cells;
      const stored = clean?.get(id);
      if (!stored && !tables) throw new WinnowError('INTERNAL', 'The list is not cleaned and no reference data was given to clean it.');
      const cleaned = stored ? decodeClean(stored) : cleanRecord(valuesOf(cells, columns), tables!());
      const row = canonicalExportRow(cleaned);
      return withOriginal ? [...row, ...cells] : row;
    });
  }
}

/**
 * Rows as delimited lines, quoting as Papa Parse's unparse does (a cell with the delimiter, a quote, a line break, a
 * byte-order mark, or a space at either end is quoted, quotes doubled) — without its per-cell overhead, which dominates writing a million rows.
 */
export function csvLines(delimiter: string, newline: string): (rows: readonly (readonly string[])[]) => string {
  const special = new RegExp(`[${delimiter.replace(/[\\^\]-]/g, '\\$&')}"\r\n\uFEFF]|^ | $`);
  const cell = (c: string) => (special.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return (rows) => rows.map((r) => r.map((c) => cell(c ?? '')).join(delimiter)).join(newline);
}

/** Writes the file under a temporary name beside the target and renames it only when complete. */
export async function writeDelimited(
  outPath: string,
  layout: DelimitedLayout,
  header: readonly string[],
  batches: Iterable<string[][]> | AsyncIterable<string[][]>,
  total: number,
  job: Pick<ExportJobInput, 'signal' | 'progress'>,
): Promise<{ rowsWritten: number; seconds: number }> {
  const started = performance.now();
  const { delimiter, newline } = layout;
  const file = openAtomicFile(outPath);
  const lines = csvLines(delimiter, newline);
  const unparse = layout.neutralize ? (rows: readonly (readonly string[])[]) => lines(rows.map(neutralizeRow)) : lines;
  let rowsWritten = 0;
  try {
    if (layout.bom) await file.write('\uFEFF');
    await file.write(unparse([header]));
    for await (const batch of batches) {
      if (job.signal.aborted) throw new WinnowError('JOB_CANCELLED', 'The export was cancelled; no file was written.');
      if (batch.length === 0) continue;
      await file.write(newline + unparse(batch));
      rowsWritten += batch.length;
      job.progress({ phase: 'writing', rows: rowsWritten, done: rowsWritten, total });
    }
    await file.write(newline);
    await file.commit();
  } catch (err) {
    await file.abort();
    if (err instanceof WinnowError) throw err;
    throw new WinnowError('FILE_UNREADABLE', `Cannot write ${path.basename(outPath)}: ${(err as Error).message}`, { file: outPath });
  }
  return { rowsWritten, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
