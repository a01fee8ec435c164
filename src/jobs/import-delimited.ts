// Streams a delimited text file into a new list: decode → papaparse → batched inserts in one transaction, with progress and cancel.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { WinnowError, type FilePreview, type ImportResult, type ListRole, type SourceFormat } from '../api/contract';
import { describeDelimiter, detectBinary, detectDelimiter, detectEncoding, detectNewline, type EncodingGuess } from '../domain/sniff';
import type { Db } from '../store/db';
import { finishListImport, insertList, uniqueListName, updateListColumns } from '../store/lists';
import { recordWriter, type RawRow } from '../store/records';
import { problemWriter } from '../store/problems';
import type { ProgressSink } from './progress';

const SAMPLE_BYTES = 64 * 1024;
const READ_CHUNK = 1024 * 1024;

export interface SourceCheck {
  size: number;
  encoding: EncodingGuess;
  delimiter: string;
  newline: string;
  sampleText: string;
}

/** Opens a source file and decides how to read it, or throws a specific error naming the file. */
export function inspectSource(filePath: string, displayName = path.basename(filePath)): SourceCheck {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WinnowError('FILE_NOT_FOUND', `${displayName}: no such file.`, { file: displayName });
    throw new WinnowError('FILE_UNREADABLE', `${displayName}: cannot read it (${code ?? (err as Error).message}).`, { file: displayName });
  }
  if (stat.isDirectory()) throw new WinnowError('FILE_UNREADABLE', `${displayName} is a folder, not a file.`, { file: displayName });
  if (stat.size === 0) throw new WinnowError('FILE_EMPTY', `${displayName} is empty (0 bytes): there is nothing to import.`, { file: displayName });
  const sample = readHead(filePath, displayName, SAMPLE_BYTES);
  const binary = detectBinary(sample);
  if (binary.binary) {
    throw new WinnowError('FILE_NOT_TEXT', `${displayName} cannot be imported: ${binary.reason}.`, { file: displayName, offset: binary.offset });
  }
  const encoding = detectEncoding(sample, sample.length >= stat.size);
  const sampleText = new TextDecoder(encoding.encoding).decode(sample.subarray(encoding.bomLength));
  if (sampleText.trim().length === 0) {
    throw new WinnowError('FILE_EMPTY', `${displayName} holds only blank lines: there is nothing to import.`, { file: displayName });
  }
  return { size: stat.size, encoding, delimiter: detectDelimiter(sampleText), newline: detectNewline(sampleText), sampleText };
}

function readHead(filePath: string, displayName: string, n: number): Uint8Array {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } catch (err) {
    throw new WinnowError('FILE_UNREADABLE', `${displayName}: cannot read it (${(err as Error).message}).`, { file: displayName });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function previewFile(filePath: string, displayName: string, maxRows = 20): FilePreview {
  const src = inspectSource(filePath, displayName);
  const parsed = Papa.parse<string[]>(src.sampleText, { delimiter: src.delimiter, skipEmptyLines: true, preview: maxRows + 1 });
  const [header = [], ...rows] = parsed.data;
  return {
    fileName: displayName,
    size: src.size,
    encoding: src.encoding.encoding,
    bom: src.encoding.bomLength > 0,
    delimiter: src.delimiter,
    newline: src.newline,
    header,
    rows,
  };
}

export interface ImportJobInput {
  filePath: string;
  displayName: string;
  listName: string;
  role: ListRole;
  signal: AbortSignal;
  progress: ProgressSink;
}

/** Lines a parsed row spanned in the file: 1 plus the line breaks inside its quoted cells. */
function linesSpanned(cells: string[]): number {
  let n = 1;
  for (const c of cells) {
    if (c.length < 1) continue;
    if (c.indexOf('\n') < 0 && c.indexOf('\r') < 0) continue;
    for (let i = 0; i < c.length; i++) {
      const ch = c.charCodeAt(i);
      if (ch === 10) n++;
      else if (ch === 13 && c.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

/**
 * Imports a delimited file as a new list. The whole import is one transaction: a cancel, an error or a crash
 * leaves the project exactly as it was. Rows are inserted in batches as papaparse hands over each chunk.
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
  const hash = crypto.createHash('sha256');
  let bytesRead = 0;
  const decoder = new TextDecoder(src.encoding.encoding);
  const fileStream = fs.createReadStream(job.filePath, { highWaterMark: READ_CHUNK });
  let skipBom = src.encoding.bomLength;
  async function* decoded(): AsyncGenerator<string> {
    for await (const chunk of fileStream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytesRead += chunk.length;
      let bytes: Uint8Array = chunk;
      if (skipBom > 0) {
        bytes = chunk.subarray(skipBom);
        skipBom = 0;
      }
      const text = decoder.decode(bytes, { stream: true });
      if (text.length > 0) yield text;
    }
    const tail = decoder.decode();
    if (tail.length > 0) yield tail;
  }

  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    const listName = uniqueListName(db, job.listName);
    const listId = insertList(db, { name: listName, role: job.role, sourceFile: job.displayName, sourceSize: src.size, columns: [], format });
    const writeRows = recordWriter(db, listId);
    const writeProblem = problemWriter(db, listId);
    let header: string[] | null = null;
    let rowNo = 0;
    let lineNo = 1;
    let blankLines = 0;

    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const onAbort = () => {
        failed = true;
        fileStream.destroy();
        reject(new WinnowError('JOB_CANCELLED', 'The import was cancelled; the project is unchanged.'));
      };
      if (job.signal.aborted) return onAbort();
      job.signal.addEventListener('abort', onAbort, { once: true });
      Papa.parse<string[]>(Readable.from(decoded()) as unknown as File, {
        delimiter: src.delimiter,
        quoteChar: '"',
        skipEmptyLines: false,
        chunk: (results, parser) => {
          if (failed) return parser.abort();
          const batch: RawRow[] = [];
          for (const cells of results.data) {
            const startLine = lineNo;
            if (cells.length === 1 && cells[0] === '') {
              lineNo++;
              blankLines++;
              continue;
            }
            lineNo += linesSpanned(cells);
            if (header === null) {
              header = cells;
              updateListColumns(db, listId, cells.map((name, index) => ({ index, name })));
              continue;
            }
            rowNo++;
            batch.push({ rowNo, lineNo: startLine, cells });
            if (cells.length !== header.length) {
              writeProblem({
                lineNo: startLine,
                rowNo,
                reason: `row has ${cells.length} cells; the header has ${header.length} (all cells kept)`,
                raw: cells,
              });
            }
          }
          try {
            writeRows(batch);
          } catch (err) {
            failed = true;
            parser.abort();
            reject(err);
            return;
          }
          job.progress({ phase: 'importing', rows: rowNo, done: bytesRead, total: src.size });
        },
        complete: () => {
          job.signal.removeEventListener('abort', onAbort);
          if (!failed) resolve();
        },
        error: (err: Error) => {
          job.signal.removeEventListener('abort', onAbort);
          if (!failed) {
            failed = true;
            reject(new WinnowError('FILE_UNREADABLE', `${job.displayName}: reading stopped (${err.message}).`, { file: job.displayName }));
          }
        },
      });
    });

    if (header === null) {
      throw new WinnowError('FILE_EMPTY', `${job.displayName} holds only blank lines: there is nothing to import.`, { file: job.displayName });
    }
    finishListImport(db, listId, rowNo, hash.digest('hex'));
    db.exec('COMMIT');
    committed = true;
    return {
      listId,
      listName,
      rowsRead: rowNo,
      rowsImported: rowNo,
      blankLines,
      encoding: src.encoding.encoding,
      delimiter: describeDelimiter(src.delimiter),
      seconds: round2((performance.now() - started) / 1000),
    };
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    fileStream.destroy();
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
