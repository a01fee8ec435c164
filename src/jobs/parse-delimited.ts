// Streams a delimited file into numbered, serialized rows: decode → papaparse's core parser → batches. Runs in-thread or in a worker.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Papa from 'papaparse';
import type { SourceCheck } from './source';

const READ_CHUNK = 1024 * 1024;

export interface ParsedProblem {
  lineNo: number;
  rowNo: number | null;
  reason: string;
  json: string;
}

export interface ParsedBatch {
  /** Set on the batch in which the header row was read. */
  header: string[] | null;
  /** Row number of rows[0]; rows are numbered consecutively. */
  firstRowNo: number;
  /** Each row's cells as a JSON array string (serialized here so the writer thread only binds it). */
  rows: string[];
  /** The physical line where each row starts. */
  lineNos: Int32Array<ArrayBuffer>;
  problems: ParsedProblem[];
  blankLines: number;
  /** Source bytes read so far (for progress). */
  bytesRead: number;
}

export interface ParseSummary {
  sha256: string;
  bytesRead: number;
}

/** Physical lines a parsed row spanned: 1 plus the line breaks inside its quoted cells. */
export function linesSpanned(cells: readonly string[]): number {
  let n = 1;
  for (const c of cells) {
    if (c.indexOf('\n') < 0 && c.indexOf('\r') < 0) continue;
    for (let i = 0; i < c.length; i++) {
      const ch = c.charCodeAt(i);
      if (ch === 10) n++;
      else if (ch === 13 && c.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

interface RawParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { data: string[][]; meta: { cursor: number } };
}
type ParserCtor = new (config: { delimiter: string; newline: string; quoteChar: string; fastMode?: boolean }) => RawParser;

/**
 * Yields batches of rows as the file is read, one batch per 1 MB chunk. The header is the first non-blank row.
 * A row whose cell count differs from the header's is kept whole and also reported as a problem.
 */
export async function* parseDelimitedFile(filePath: string, src: SourceCheck): AsyncGenerator<ParsedBatch, ParseSummary> {
  const Parser = (Papa as unknown as { Parser: ParserCtor }).Parser;
  const config = { delimiter: src.delimiter, newline: src.newline, quoteChar: '"' };
  const quoted = new Parser(config);
  // Papaparse's fast path (no quote handling) is exact for text without any quote character.
  const fast = new Parser({ ...config, fastMode: true });
  const decoder = new TextDecoder(src.encoding.encoding);
  // Windows-1252 decodes every byte; only the UTF decoders can meet bytes they must replace.
  const flagReplacements = src.encoding.encoding !== 'windows-1252';
  const encodingName = src.encoding.encoding.toUpperCase();
  const hash = crypto.createHash('sha256');
  let skipBom = src.encoding.bomLength;
  let bytesRead = 0;
  let partial = '';
  let header: string[] | null = null;
  let rowNo = 0;
  let lineNo = 1;

  const take = (text: string, last: boolean): ParsedBatch => {
    const parser = text.indexOf('"') < 0 ? fast : quoted;
    const res = parser.parse(text, 0, !last);
    partial = last ? '' : text.slice(res.meta.cursor);
    const rows: string[] = [];
    const lines: number[] = [];
    const batch: ParsedBatch = { header: null, firstRowNo: rowNo + 1, rows, lineNos: new Int32Array(new ArrayBuffer(0)), problems: [], blankLines: 0, bytesRead };
    for (const cells of res.data) {
      const startLine = lineNo;
      if (cells.length === 1 && cells[0] === '') {
        lineNo++;
        batch.blankLines++;
        continue;
      }
      lineNo += linesSpanned(cells);
      if (header === null) {
        header = cells;
        batch.header = cells;
        batch.firstRowNo = 1;
        continue;
      }
      rowNo++;
      const json = JSON.stringify(cells);
      rows.push(json);
      lines.push(startLine);
      if (cells.length !== header.length) {
        batch.problems.push({ lineNo: startLine, rowNo, reason: `row has ${cells.length} cells; the header has ${header.length} (all cells kept)`, json });
      }
      // The decoder turns bytes that are not valid in the sniffed encoding (only a 64 KB sample was checked) into U+FFFD.
      if (flagReplacements && json.indexOf('\uFFFD') >= 0) {
        batch.problems.push({ lineNo: startLine, rowNo, reason: `row holds bytes that are not valid ${encodingName} (shown as \uFFFD); the file may mix encodings`, json });
      }
    }
    batch.lineNos = Int32Array.from(lines);
    return batch;
  };

  const stream = fs.createReadStream(filePath, { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytesRead += chunk.length;
      let bytes: Uint8Array = chunk;
      if (skipBom > 0) {
        bytes = chunk.subarray(skipBom);
        skipBom = 0;
      }
      const text = partial + decoder.decode(bytes, { stream: true });
      yield take(text, false);
    }
    const tail = partial + decoder.decode();
    // A final newline leaves nothing to parse; papaparse would report it as one empty row.
    if (tail.length > 0) yield take(tail, true);
  } finally {
    stream.destroy();
  }
  return { sha256: hash.digest('hex'), bytesRead };
}
