// Imports a delimited file as a new list: parse stage (own thread when available) → batched inserts in one transaction.
import { WinnowError, type ImportResult, type ListRole, type SourceFormat } from '../api/contract';
import { describeDelimiter } from '../domain/sniff';
import type { Db } from '../store/db';
import { finishListImport, insertList, uniqueListName, updateListColumns } from '../store/lists';
import { MAX_ROWS_PER_LIST, recordWriter } from '../store/records';
import { problemWriter } from '../store/problems';
import { parseDelimitedFile, type ParsedBatch, type ParseSummary } from './parse-delimited';
import { parseInWorker } from './parse-in-worker';
import type { ProgressSink } from './progress';
import { inspectSource } from './source';

export interface ImportJobInput {
  filePath: string;
  displayName: string;
  listName: string;
  role: ListRole;
  signal: AbortSignal;
  progress: ProgressSink;
  /** The bundled parse-worker.js; without it the file is parsed on the importing thread. */
  parserWorkerFile?: string | undefined;
}

/**
 * Imports a delimited file as a new list. The whole import is one transaction: a cancel, an error or a crash
 * leaves the project exactly as it was. Batches are inserted as the parse stage hands them over.
 */
export async function importDelimited(db: Db, job: ImportJobInput): Promise<ImportResult> {
  const started = performance.now();
  const src = inspectSource(job.filePath, job.displayName);
  const format: SourceFormat = {
    encoding: src.encoding.encoding,
    bom: src.encoding.bomLength > 0,
    delimiter: src.delimiter,
    newline: src.newline,
    quoteChar: '"',
  };
  const batches: AsyncGenerator<ParsedBatch, ParseSummary> = job.parserWorkerFile
    ? parseInWorker(job.parserWorkerFile, job.filePath, src)
    : parseDelimitedFile(job.filePath, src);

  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    const listName = uniqueListName(db, job.listName);
    const listId = insertList(db, { name: listName, role: job.role, sourceFile: job.displayName, sourceSize: src.size, columns: [], format });
    const writeRows = recordWriter(db, listId);
    const writeProblem = problemWriter(db, listId);
    let headerSeen = false;
    let headerLength = 0;
    let problems = 0;
    let rows = 0;
    let blankLines = 0;
    let summary: ParseSummary;
    for (;;) {
      if (job.signal.aborted) throw new WinnowError('JOB_CANCELLED', 'The import was cancelled; the project is unchanged.');
      let next: IteratorResult<ParsedBatch, ParseSummary>;
      try {
        next = await batches.next();
      } catch (err) {
        throw new WinnowError('FILE_UNREADABLE', `${job.displayName}: reading stopped (${(err as Error).message}).`, { file: job.displayName });
      }
      if (next.done) {
        summary = next.value;
        break;
      }
      const b = next.value;
      if (b.header) {
        headerSeen = true;
        headerLength = b.header.length;
        updateListColumns(db, listId, b.header.map((name, index) => ({ index, name })));
      }
      writeRows(b.firstRowNo, b.rows, b.lineNos);
      problems += b.problems.length;
      for (const p of b.problems) writeProblem({ lineNo: p.lineNo, rowNo: p.rowNo, reason: p.reason, json: p.json });
      rows += b.rows.length;
      blankLines += b.blankLines;
      if (rows > MAX_ROWS_PER_LIST) throw new WinnowError('FILE_UNREADABLE', `${job.displayName} has more rows than one list can hold (${MAX_ROWS_PER_LIST}).`);
      job.progress({ phase: 'importing', rows, done: b.bytesRead, total: src.size });
    }
    if (job.signal.aborted) throw new WinnowError('JOB_CANCELLED', 'The import was cancelled; the project is unchanged.');
    if (!headerSeen) {
      throw new WinnowError('FILE_EMPTY', `${job.displayName} holds only blank lines: there is nothing to import.`, { file: job.displayName });
    }
    finishListImport(db, listId, rows, summary.sha256);
    db.exec('COMMIT');
    committed = true;
    return {
      listId,
      listName,
      rowsRead: rows,
      rowsImported: rows,
      rowsWithProblems: problems,
      blankLines,
      skippedAboveHeader: 0,
      kind: 'delimited',
      encoding: src.encoding.encoding,
      delimiter: describeDelimiter(src.delimiter),
      sheet: null,
      headerRow: 1,
      mappedColumns: 0,
      customColumns: headerLength,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    await batches.return?.(undefined as unknown as ParseSummary);
  }
}
