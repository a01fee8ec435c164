// The one way the engine reads a source table, whatever its kind: inspect it, sample its first records, stream its rows.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Papa from 'papaparse';
import { WinnowError, type ReadOptions } from '../api/contract';
import type { EncodingGuess } from '../domain/sniff';
import { detectBom, detectContainer } from '../domain/sniff';
import type { SampleRecord } from '../domain/header';
import { linesSpanned, parseDelimitedFile, RowEndNormalizer, type ParsedBatch, type ParsedProblem, type ParseSummary } from './parse-delimited';
import { readInWorker } from './parse-in-worker';
import { openWorkbook, readSheetRows, sheetHasData, type XlsxBook, type XlsxRow } from './parse-xlsx';
import { inspectSource, isUtf8File, readAt, SOURCE_SAMPLE_BYTES, statSource } from './source';

export interface TableInfo {
  kind: 'delimited' | 'xlsx';
  size: number;
  /** xlsx: always UTF-8 (the XML inside), with a reason saying it is a workbook. */
  encoding: EncodingGuess;
  /** Delimited: the delimiter; xlsx: ''. */
  delimiter: string;
  /** Delimited: the row line ending as detected ('\r\n' also when CRLF and LF rows are mixed); xlsx: ''. */
  newline: string;
  /** xlsx: every worksheet's name in tab order; delimited: empty. */
  sheets: string[];
  sheet: string | null;
  /** Decoded text of the file's first bytes (delimited only), for sampling. */
  sampleText: string;
  /** The header row the user asked for (options.headerRow), or null to detect it from the sample. */
  requestedHeaderRow: number | null;
  /** xlsx: where the workbook's parts are (internal, plain data). */
  book: XlsxBook | null;
}

const SIGNATURE_BYTES = 8;
const OLE_HEAD_BYTES = 64 * 1024;

/** Opens a file and decides how to read it (options override detection), or throws a specific error naming the file. */
export async function inspectTable(filePath: string, displayName: string, options: ReadOptions = {}): Promise<TableInfo> {
  const stat = statSource(filePath, displayName);
  const container = detectContainer(readAt(filePath, displayName, 0, SIGNATURE_BYTES));
  const requestedHeaderRow = options.headerRow ?? null;
  if (container === 'ole') throw oleError(filePath, displayName);
  if (container === 'zip') {
    const { book, zip } = await openWorkbook(filePath, displayName);
    if (book.sheets.length === 0) throw new WinnowError('FILE_UNREADABLE', `${displayName} is a workbook without any worksheet.`, { file: displayName });
    let sheet = book.sheets[0]!;
    if (options.sheet !== undefined) {
      const wanted = options.sheet.trim().toLowerCase();
      const match = book.sheets.find((s) => s.name === options.sheet) ?? book.sheets.find((s) => s.name.trim().toLowerCase() === wanted);
      if (!match) {
        throw new WinnowError('INVALID_INPUT', `${displayName} has no sheet called "${options.sheet}"; its sheets are ${book.sheets.map((s) => `"${s.name}"`).join(', ')}.`, {
          file: displayName,
          sheets: book.sheets.map((s) => s.name),
        });
      }
      sheet = match;
    } else {
      // The first visible sheet with data, else the first sheet with data, else the first sheet.
      const order = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
      for (const s of order) {
        if (await sheetHasData(filePath, displayName, zip, s)) {
          sheet = s;
          break;
        }
      }
    }
    return {
      kind: 'xlsx',
      size: stat.size,
      encoding: { encoding: 'utf-8', bomLength: 0, reason: 'an Excel workbook (.xlsx): text is stored as UTF-8 inside it' },
      delimiter: '',
      newline: '',
      sheets: book.sheets.map((s) => s.name),
      sheet: sheet.name,
      sampleText: '',
      requestedHeaderRow,
      book,
    };
  }
  // A file larger than the sample is checked whole before UTF-8 is trusted: here with awaited reads, so an engine thread
  // serving the grid is not held for the whole file (~0.3 s per 130 MB). A BOM or a chosen encoding needs no check.
  const head = readAt(filePath, displayName, 0, 4);
  const utf8File = options.encoding === undefined && stat.size > SOURCE_SAMPLE_BYTES && detectBom(head) === null ? await isUtf8File(filePath) : false;
  const src = inspectSource(filePath, displayName, options, { utf8File });
  return {
    kind: 'delimited',
    size: src.size,
    encoding: src.encoding,
    delimiter: src.delimiter,
    newline: src.newline,
    sheets: [],
    sheet: null,
    sampleText: src.sampleText,
    requestedHeaderRow,
    book: null,
  };
}

/** An OLE compound file is an old .xls workbook, or an .xlsx that Excel encrypted with a password. */
function oleError(filePath: string, displayName: string): WinnowError {
  const head = Buffer.from(readAt(filePath, displayName, 0, OLE_HEAD_BYTES));
  // The directory's first sector (named in the header) lists the streams; an encrypted .xlsx has "EncryptedPackage".
  let dir = Buffer.alloc(0);
  if (head.length >= 512) {
    const sectorSize = 2 ** head.readUInt16LE(0x1e);
    const dirStart = head.readUInt32LE(0x30);
    if (sectorSize >= 512 && sectorSize <= 4096 && dirStart < 0xfffffffa) dir = Buffer.from(readAt(filePath, displayName, (dirStart + 1) * sectorSize, sectorSize * 4));
  }
  const names = [Buffer.from('EncryptedPackage', 'utf16le'), Buffer.from('EncryptionInfo', 'utf16le')];
  const encrypted = names.some((n) => head.includes(n) || dir.includes(n));
  if (encrypted) {
    return new WinnowError('FILE_UNREADABLE', `${displayName} is a password-protected workbook: open it in Excel, remove the password (File › Info › Protect Workbook) or save a copy as .xlsx or .csv, and import that.`, {
      file: displayName,
      reason: 'encrypted',
    });
  }
  return new WinnowError('NOT_SUPPORTED', `${displayName} is an old-style Excel workbook (.xls): open it in Excel and save it as .xlsx or .csv, then import that.`, {
    file: displayName,
    reason: 'xls',
  });
}

function sheetOf(info: TableInfo) {
  const s = info.book?.sheets.find((x) => x.name === info.sheet);
  if (!info.book || !s) throw new WinnowError('INTERNAL', 'readTable was given an xlsx TableInfo without its sheet.');
  return { book: info.book, sheet: s };
}

/** The first records of the table in file order (blank lines skipped), with the line (or sheet row) each starts on. */
export async function sampleTable(filePath: string, displayName: string, info: TableInfo, maxRecords = 60): Promise<SampleRecord[]> {
  const out: SampleRecord[] = [];
  if (info.kind === 'xlsx') {
    const { book, sheet } = sheetOf(info);
    const rows = readSheetRows(filePath, displayName, book, sheet);
    try {
      for await (const batch of rows) {
        for (const r of batch) {
          if (r.cells.every((c) => c === '')) continue;
          out.push({ lineNo: r.rowNo, cells: r.cells });
          if (out.length >= maxRecords) return out;
        }
      }
    } finally {
      await rows.return(undefined);
    }
    return out;
  }
  const crlf = info.newline !== '\r';
  const text = crlf ? new RowEndNormalizer(info.delimiter).push(info.sampleText, true) : info.sampleText;
  const parsed = Papa.parse<string[]>(text, { delimiter: info.delimiter, newline: (crlf ? '\n' : info.newline) as '\n', preview: maxRecords * 2 });
  let lineNo = 1;
  for (const cells of parsed.data) {
    const start = lineNo;
    lineNo += linesSpanned(cells);
    if (cells.length === 1 && cells[0] === '') continue;
    out.push({ lineNo: start, cells });
    if (out.length >= maxRecords) break;
  }
  return out;
}

/**
 * Streams the table in batches: records before `headerRow` become the preamble, the first non-blank record at or
 * after `headerRow` the header, the rest data rows numbered from 1 with their physical line (or sheet row). Parsing
 * runs on a second thread when `parserWorkerFile` is given.
 */
export function readTable(
  filePath: string,
  displayName: string,
  info: TableInfo,
  headerRow: number,
  opts: { parserWorkerFile?: string | undefined } = {},
): AsyncGenerator<ParsedBatch, ParseSummary> {
  return opts.parserWorkerFile ? readInWorker(opts.parserWorkerFile, { filePath, displayName, info, headerRow }) : readTableHere(filePath, displayName, info, headerRow);
}

/** readTable on the calling thread (what the parse worker runs). */
export function readTableHere(filePath: string, displayName: string, info: TableInfo, headerRow: number): AsyncGenerator<ParsedBatch, ParseSummary> {
  if (info.kind === 'xlsx') return readXlsxTable(filePath, displayName, info, headerRow);
  const src = { size: info.size, encoding: info.encoding, delimiter: info.delimiter, newline: info.newline, sampleText: info.sampleText };
  return parseDelimitedFile(filePath, src, headerRow, displayName);
}

const XLSX_BATCH_ROWS = 5000;
/** A batch is also handed over once its rows hold this much JSON, so wide or long rows keep memory bounded. */
const XLSX_BATCH_CHARS = 8 << 20;

async function* readXlsxTable(filePath: string, displayName: string, info: TableInfo, headerRow: number): AsyncGenerator<ParsedBatch, ParseSummary> {
  const { book, sheet } = sheetOf(info);
  let fraction = 0;
  const rowsIn = readSheetRows(filePath, displayName, book, sheet, { progress: (done, total) => (fraction = total > 0 ? Math.min(1, done / total) : 1) });
  let header: string[] | null = null;
  const preamble: string[][] = [];
  let lastRowNo = 0;
  let rowNo = 0;
  let batch = newBatch(1);
  let lines: number[] = [];
  let batchChars = 0;

  function newBatch(first: number): ParsedBatch {
    return { header: null, preamble: null, firstRowNo: first, rows: [], lineNos: new Int32Array(new ArrayBuffer(0)), problems: [], blankLines: 0, bytesRead: 0 };
  }
  const flush = (): ParsedBatch => {
    const out = batch;
    out.lineNos = Int32Array.from(lines);
    // Progress in file bytes: the share of the sheet's compressed data read so far, scaled to the file's size.
    out.bytesRead = Math.round(fraction * info.size);
    batch = newBatch(rowNo + 1);
    lines = [];
    batchChars = 0;
    return out;
  };

  const take = (r: XlsxRow) => {
    batch.blankLines += Math.max(0, r.rowNo - lastRowNo - 1);
    lastRowNo = r.rowNo;
    if (r.cells.every((c) => c === '')) {
      batch.blankLines++;
      return;
    }
    if (header === null) {
      if (r.rowNo < headerRow) {
        preamble.push(r.cells);
        return;
      }
      header = r.cells;
      batch.header = r.cells;
      batch.preamble = preamble;
      batch.firstRowNo = 1;
      return;
    }
    rowNo++;
    const cells = r.cells.length < header.length ? [...r.cells, ...new Array<string>(header.length - r.cells.length).fill('')] : r.cells;
    const json = JSON.stringify(cells);
    batchChars += json.length;
    batch.rows.push(json);
    lines.push(r.rowNo);
    if (cells.length > header.length) {
      const p: ParsedProblem = { lineNo: r.rowNo, rowNo, reason: `row has ${cells.length} cells; the header has ${header.length} (all cells kept)`, json };
      batch.problems.push(p);
    }
  };

  try {
    for await (const rows of rowsIn) {
      for (const r of rows) {
        take(r);
        if (batch.rows.length >= XLSX_BATCH_ROWS || batchChars >= XLSX_BATCH_CHARS) yield flush();
      }
    }
  } finally {
    await rowsIn.return(undefined);
  }
  if (batch.rows.length > 0 || batch.header || batch.blankLines > 0) yield flush();
  if (header === null && preamble.length > 0) {
    throw new WinnowError('INVALID_INPUT', `sheet "${sheet.name}" has no row at or after row ${headerRow} to use as the header.`, { headerRow });
  }
  return { sha256: await hashFile(filePath), bytesRead: info.size };
}

async function hashFile(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
