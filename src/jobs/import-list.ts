// Imports a table (delimited text or workbook) as a new list: read settings → header → mapping → batched inserts in one transaction.
import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  WinnowError,
  type ColumnInfo,
  type ColumnMapping,
  type ImportResult,
  type ListDetails,
  type ListRole,
  type ReadOptions,
  type SourceFormat,
} from '../api/contract';
import { detectHeaderRow, uniqueColumnNames, type SampleRecord } from '../domain/header';
import { autoMap, confirmMapping, headerKey, presetMapping, type MappedColumn } from '../domain/mapping';
import { describeDelimiter } from '../domain/sniff';
import { statementJournalInMemory, type Db } from '../store/db';
import { anyListWithSourceSize, finishListImport, insertList, listsWithSource, setListColumns, uniqueListName, updateListFormat } from '../store/lists';
import { savePreset, presetForHeader } from '../store/presets';
import { MAX_ROWS_PER_LIST, recordWriter } from '../store/records';
import { problemWriter } from '../store/problems';
import type { ParsedBatch, ParseSummary } from './parse-delimited';
import type { ProgressSink } from './progress';
import { inspectTable, readTable, sampleTable, type TableInfo } from './read-table';

/** How many data rows the mapping looks at (and the preview shows up to 20 of). */
const MAPPING_SAMPLE_ROWS = 50;
/**
 * Rows written between two turns of the event loop (about 10 ms of inserts). The engine thread also answers the grid's
 * page requests: between slices they are served, instead of waiting for a whole parsed batch (a 1 MiB chunk, ~8,000
 * rows) or for every batch the parser has queued, which a loop of resolved promises would write in one go.
 */
const WRITE_SLICE_ROWS = 2048;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What Winnow understood of a table before reading all of it: shared by the preview and the import, so both agree. */
export interface TableSetup {
  info: TableInfo;
  /** 1-based row of the file holding the header. */
  headerRow: number;
  /** Records above the header (titles, notes). */
  preamble: string[][];
  /** The header cells exactly as in the file. */
  header: string[];
  /** Column names as shown (unique, never empty). */
  columns: ColumnInfo[];
  /** The first data rows after the header. */
  rows: string[][];
}

/** Inspects and samples a table, and finds its header (options override what is detected). */
export async function readSetup(filePath: string, displayName: string, options: ReadOptions = {}): Promise<TableSetup> {
  const info = await inspectTable(filePath, displayName, options);
  const maxRecords = Math.max(60, (options.headerRow ?? 0) + MAPPING_SAMPLE_ROWS + 10);
  const sample: SampleRecord[] = await sampleTable(filePath, displayName, info, maxRecords);
  const headerRow = options.headerRow ?? detectHeaderRow(sample);
  const at = sample.findIndex((r) => r.lineNo >= headerRow);
  if (options.headerRow !== undefined && at < 0 && sample.length > 0) {
    throw new WinnowError('INVALID_INPUT', `${displayName}: row ${options.headerRow} is past the rows Winnow can see in the file's start; choose an earlier header row.`, {
      file: displayName,
      headerRow: options.headerRow,
    });
  }
  const headerIndex = at < 0 ? sample.length : at;
  const header = sample[headerIndex]?.cells ?? [];
  return {
    info,
    headerRow: sample[headerIndex]?.lineNo ?? headerRow,
    preamble: sample.slice(0, headerIndex).map((r) => r.cells),
    header,
    columns: uniqueColumnNames(header),
    rows: sample.slice(headerIndex + 1, headerIndex + 1 + MAPPING_SAMPLE_ROWS).map((r) => r.cells),
  };
}

/** The automatic mapping of a table: a saved preset for its header when there is one, else header words and values. */
export function mappingFor(db: Db | null, setup: Pick<TableSetup, 'header' | 'rows'>): { mapped: MappedColumn[]; preset: string | null } {
  const preset = db && setup.header.length > 0 ? presetForHeader(db, headerKey(setup.header)) : undefined;
  if (preset) return { mapped: presetMapping(preset.name, preset.mapping, setup.header.length), preset: preset.name };
  return { mapped: autoMap(setup.header, setup.rows), preset: null };
}

/** SHA-256 of a whole file, streamed (about 0.3 s for 130 MB). */
export async function hashFile(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** Lists of the project that came from a file with this file's content. Hashes only when a list of the same size exists. */
export async function earlierImports(db: Db, filePath: string, size: number): Promise<{ listId: number; listName: string; importedAt: string }[]> {
  if (!anyListWithSourceSize(db, size)) return [];
  return listsWithSource(db, await hashFile(filePath));
}

export interface ImportJobInput {
  filePath: string;
  displayName: string;
  listName: string;
  role: ListRole;
  signal: AbortSignal;
  progress: ProgressSink;
  /** The bundled parse-worker.js; without it the file is parsed on the importing thread. */
  parserWorkerFile?: string | undefined;
  options?: ReadOptions | undefined;
  /** The user's mapping; columns it leaves out (or all, when absent) use the automatic mapping. */
  mapping?: ColumnMapping[] | undefined;
  /** Save the mapping as a preset under this name. */
  savePreset?: string | undefined;
  details?: ListDetails | undefined;
  /** 'refuse' (default): a file imported before fails with ALREADY_IMPORTED; 'import' imports it again. */
  ifAlreadyImported?: 'refuse' | 'import' | undefined;
}

const cancelled = () => new WinnowError('JOB_CANCELLED', 'The import was cancelled; the project is unchanged.');

/**
 * Imports a table as a new list. The whole import is one transaction: a cancel, an error or a crash leaves the
 * project exactly as it was. Batches are inserted as the read stage (a second thread when available) hands them over.
 * The mapping is worked out once, from the sample, before any row is read.
 */
export async function importList(db: Db, job: ImportJobInput): Promise<ImportResult> {
  const started = performance.now();
  // Tell the job bar at once: checking the file (encoding over the whole file, header) comes before the first rows.
  job.progress({ phase: 'checking the file', rows: 0, done: 0, total: null });
  const setup = await readSetup(job.filePath, job.displayName, job.options);
  const { info } = setup;
  const names = setup.columns.map((c) => c.name);
  const { mapped } = mappingFor(db, setup);
  const mapping = confirmMapping(mapped, job.mapping, names);

  if ((job.ifAlreadyImported ?? 'refuse') === 'refuse') {
    const before = await earlierImports(db, job.filePath, info.size);
    if (before.length > 0) {
      const first = before[0]!;
      throw new WinnowError(
        'ALREADY_IMPORTED',
        `${job.displayName} was already imported as list "${first.listName}" on ${first.importedAt.slice(0, 10)} at ${first.importedAt.slice(11, 16)} UTC` +
          `${before.length > 1 ? ` (and ${before.length - 1} more time${before.length > 2 ? 's' : ''})` : ''}; import it again only if you mean to.`,
        { file: job.displayName, lists: before },
      );
    }
  }
  if (job.signal.aborted) throw cancelled();

  const format: SourceFormat = {
    kind: info.kind,
    encoding: info.encoding.encoding,
    bom: info.encoding.bomLength > 0,
    delimiter: info.delimiter,
    newline: info.newline,
    quoteChar: '"',
    ...(info.sheet ? { sheet: info.sheet } : {}),
    headerRow: setup.headerRow,
    preamble: setup.preamble,
  };
  const batches: AsyncGenerator<ParsedBatch, ParseSummary> = readTable(job.filePath, job.displayName, info, setup.headerRow, { parserWorkerFile: job.parserWorkerFile });

  statementJournalInMemory(db, true);
  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    const listName = uniqueListName(db, job.listName);
    const listId = insertList(db, { name: listName, role: job.role, sourceFile: job.displayName, sourceSize: info.size, columns: [], format, ...(job.details ? { details: job.details } : {}) });
    const writeRows = recordWriter(db, listId);
    const writeProblem = problemWriter(db, listId);
    let columns: ColumnInfo[] | null = null;
    let preamble = setup.preamble;
    const problemRows = new Set<number>();
    let rows = 0;
    let blankLines = 0;
    let summary: ParseSummary;
    for (;;) {
      if (job.signal.aborted) throw cancelled();
      let next: IteratorResult<ParsedBatch, ParseSummary>;
      try {
        next = await batches.next();
      } catch (err) {
        if (err instanceof WinnowError) throw err;
        throw new WinnowError('FILE_UNREADABLE', `${job.displayName}: reading stopped (${(err as Error).message}).`, { file: job.displayName });
      }
      if (next.done) {
        summary = next.value;
        break;
      }
      const b = next.value;
      if (b.header) {
        // The stream's header is the one the sample found; its fields come from the confirmed mapping by position.
        columns = uniqueColumnNames(b.header).map((c) => ({ ...c, field: mapping[c.index]?.field ?? null }));
        setListColumns(db, listId, columns, columns.map((c) => ({ index: c.index, field: c.field ?? null })));
        const streamed = (b as ParsedBatch & { preamble?: string[][] }).preamble;
        if (streamed && streamed !== preamble) {
          preamble = streamed;
          updateListFormat(db, listId, { ...format, preamble });
        }
      }
      for (let i = 0; i < b.rows.length; i += WRITE_SLICE_ROWS) {
        const end = Math.min(b.rows.length, i + WRITE_SLICE_ROWS);
        writeRows(b.firstRowNo + i, i === 0 && end === b.rows.length ? b.rows : b.rows.slice(i, end), b.lineNos.subarray(i, end));
        await nextTurn();
        if (job.signal.aborted) throw cancelled();
      }
      for (const p of b.problems) {
        writeProblem({ lineNo: p.lineNo, rowNo: p.rowNo, reason: p.reason, json: p.json });
        if (p.rowNo !== null) problemRows.add(p.rowNo);
      }
      rows += b.rows.length;
      blankLines += b.blankLines;
      if (rows > MAX_ROWS_PER_LIST) throw new WinnowError('FILE_UNREADABLE', `${job.displayName} has more rows than one list can hold (${MAX_ROWS_PER_LIST}).`);
      job.progress({ phase: 'importing', rows, done: b.bytesRead, total: info.size });
    }
    if (job.signal.aborted) throw cancelled();
    if (!columns) {
      throw new WinnowError('FILE_EMPTY', `${job.displayName} holds only blank lines: there is nothing to import.`, { file: job.displayName });
    }
    finishListImport(db, listId, rows, summary.sha256);
    if (job.savePreset) {
      savePreset(db, { name: job.savePreset, headerKey: headerKey(setup.header), header: columns.map((c) => c.name), mapping: columns.map((c) => ({ index: c.index, field: c.field ?? null })) });
    }
    db.exec('COMMIT');
    committed = true;
    const mappedColumns = columns.filter((c) => c.field).length;
    return {
      listId,
      listName,
      rowsRead: rows,
      rowsImported: rows,
      rowsWithProblems: problemRows.size,
      blankLines,
      skippedAboveHeader: preamble.length,
      kind: info.kind,
      encoding: info.encoding.encoding,
      delimiter: info.kind === 'xlsx' ? 'xlsx' : describeDelimiter(info.delimiter),
      sheet: info.sheet,
      headerRow: setup.headerRow,
      mappedColumns,
      customColumns: columns.length - mappedColumns,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    statementJournalInMemory(db, false);
    await batches.return?.(undefined as unknown as ParseSummary);
  }
}
