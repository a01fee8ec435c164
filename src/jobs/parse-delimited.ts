// Streams a delimited file into numbered, serialized rows: decode → papaparse's core parser → batches. Runs in-thread or in a worker.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { WinnowError } from '../api/contract';
import type { SourceCheck } from './source';

const READ_CHUNK = 1024 * 1024;
/**
 * The most text one record (a row, with every line break inside its quoted cells) may hold. Far past any real list
 * (Excel keeps 32,767 characters in a cell), it bounds what a stray quote or a file without line breaks can make
 * the reader hold: without it, such a file is read into one ever-growing string until memory runs out.
 */
export const MAX_RECORD_CHARS = 16 << 20;

export interface ParsedProblem {
  lineNo: number;
  rowNo: number | null;
  reason: string;
  json: string;
}

export interface ParsedBatch {
  /** Set on the batch in which the header row was read. */
  header: string[] | null;
  /** Set with the header: the non-blank records above it (titles, notes), exactly as read. */
  preamble: string[][] | null;
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

const isBlankish = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c.trim() === '';

/**
 * Turns every CRLF row ending into LF, outside quoted cells only, so a file that mixes CRLF and bare LF rows splits
 * on both while a CR inside a quoted cell is kept byte for byte. It follows papaparse's own quote rules (a quote opens
 * a quoted cell only at the start of a cell; `""` is a quote; a quote closes the cell only when followed, after
 * optional spaces, by the delimiter or a line break), and carries an undecided tail to the next chunk.
 */
export class RowEndNormalizer {
  private carry = '';
  private quoted = false;
  /** The character before the carry (a line break at the start of the file, where a cell starts). */
  private prev = '\n';
  constructor(private readonly delimiter: string) {}

  /** Text held back for the next chunk. */
  get pending(): boolean {
    return this.carry.length > 0;
  }

  get pendingChars(): number {
    return this.carry.length;
  }

  push(chunk: string, final: boolean): string {
    const s = this.carry + chunk;
    this.carry = '';
    const d = this.delimiter;
    const n = s.length;
    const parts: string[] = [];
    let i = 0;
    let stop = n;
    // Unquoted stretches get a native replaceAll; quoted cells are copied verbatim.
    const plain = (to: number) => {
      if (to > i) parts.push(s.slice(i, to).replaceAll('\r\n', '\n'));
    };
    while (i < n) {
      if (this.quoted) {
        let q = s.indexOf('"', i);
        let close = -1;
        while (q >= 0) {
          let j = q + 1;
          if (j < n && s[j] === '"') {
            q = s.indexOf('"', j + 1);
            continue;
          }
          while (j < n && s[j] !== d && s[j] !== '\n' && isBlankish(s[j]!)) j++;
          if (j >= n && !final) break;
          if (j >= n || s[j] === d || s[j] === '\n') {
            close = q;
            break;
          }
          q = s.indexOf('"', q + 1);
        }
        if (close < 0) {
          // The cell goes on past this chunk (or the file ends inside it): keep the undecided tail for the next chunk.
          if (q >= 0 && !final) {
            parts.push(s.slice(i, q));
            stop = q;
          } else parts.push(s.slice(i));
          i = n;
          break;
        }
        parts.push(s.slice(i, close + 1));
        this.quoted = false;
        i = close + 1;
        continue;
      }
      // Only a quote at the start of a cell opens a quoted cell.
      let q = s.indexOf('"', i);
      while (q >= 0) {
        const before = q > 0 ? s[q - 1] : this.prev;
        if (before === d || before === '\n') break;
        q = s.indexOf('"', q + 1);
      }
      if (q < 0) {
        if (!final && s.charCodeAt(n - 1) === 13) {
          plain(n - 1);
          stop = n - 1;
        } else plain(n);
        i = n;
        break;
      }
      plain(q + 1);
      this.quoted = true;
      i = q + 1;
    }
    if (stop < n) this.carry = s.slice(stop);
    const out = parts.length === 1 ? parts[0]! : parts.join('');
    if (out.length > 0) this.prev = out[out.length - 1]!;
    return out;
  }
}

interface RawParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { data: string[][]; errors: { code: string }[]; meta: { cursor: number } };
}
type ParserCtor = new (config: { delimiter: string; newline: string; quoteChar: string; fastMode?: boolean }) => RawParser;

/**
 * Yields batches of rows as the file is read, one batch per 1 MB chunk. Records that start before `headerRow` (a
 * 1-based physical line; default: the first non-blank record is the header) are the preamble; the first non-blank
 * record from `headerRow` on is the header. A row whose cell count differs from the header's is kept whole and also
 * reported as a problem.
 */
export async function* parseDelimitedFile(filePath: string, src: SourceCheck, headerRow?: number, displayName = path.basename(filePath)): AsyncGenerator<ParsedBatch, ParseSummary> {
  const Parser = (Papa as unknown as { Parser: ParserCtor }).Parser;
  // CRLF, LF or a mix of both: rows split on LF after CRLF row endings are normalized (see RowEndNormalizer).
  const normalizer = src.newline === '\r' ? null : new RowEndNormalizer(src.delimiter);
  const config = { delimiter: src.delimiter, newline: normalizer ? '\n' : src.newline, quoteChar: '"' };
  const quoted = new Parser(config);
  // Papaparse's fast path (no quote handling) is exact for text without any quote character.
  const fast = new Parser({ ...config, fastMode: true });
  const decoder = new TextDecoder(src.encoding.encoding);
  // Single-byte decoders map every byte; only the UTF decoders can meet bytes they must replace.
  const flagReplacements = src.encoding.encoding.startsWith('utf-');
  const encodingName = src.encoding.encoding.toUpperCase();
  const hash = crypto.createHash('sha256');
  let skipBom = src.encoding.bomLength;
  let bytesRead = 0;
  let partial = '';
  let header: string[] | null = null;
  let preamble: string[][] = [];
  let rowNo = 0;
  let lineNo = 1;

  const take = (decoded: string, last: boolean): ParsedBatch => {
    const text = partial + (normalizer ? normalizer.push(decoded, last) : decoded);
    const parser = text.indexOf('"') < 0 ? fast : quoted;
    const res = parser.parse(text, 0, !last);
    partial = last ? '' : text.slice(res.meta.cursor);
    const rows: string[] = [];
    const lines: number[] = [];
    const batch: ParsedBatch = { header: null, preamble: null, firstRowNo: rowNo + 1, rows, lineNos: new Int32Array(new ArrayBuffer(0)), problems: [], blankLines: 0, bytesRead };
    // Only the file's end can leave a quoted cell open: that last record holds the rest of the file.
    const unclosed = last && res.errors.some((e) => e.code === 'MissingQuotes') ? res.data[res.data.length - 1] : undefined;
    for (const cells of res.data) {
      const startLine = lineNo;
      if (cells.length === 1 && cells[0] === '') {
        lineNo++;
        batch.blankLines++;
        continue;
      }
      lineNo += linesSpanned(cells);
      if (header === null) {
        if (headerRow !== undefined && startLine < headerRow) {
          preamble.push(cells);
          continue;
        }
        header = cells;
        batch.header = cells;
        batch.preamble = preamble;
        preamble = [];
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
      if (cells === unclosed) {
        batch.problems.push({ lineNo: startLine, rowNo, reason: `a quoted cell opens in this row and is never closed: the rest of the file (${linesSpanned(cells)} lines) is in this row`, json });
      }
      // The decoder turns bytes that are not valid in the chosen encoding into U+FFFD.
      if (flagReplacements && json.indexOf('\uFFFD') >= 0) {
        batch.problems.push({ lineNo: startLine, rowNo, reason: `row holds bytes that are not valid ${encodingName} (shown as \uFFFD); the file may mix encodings`, json });
      }
    }
    batch.lineNos = Int32Array.from(lines);
    if (partial.length + (normalizer?.pendingChars ?? 0) > MAX_RECORD_CHARS) throw recordTooLong();
    return batch;
  };

  // The unfinished record starts on line `lineNo`: name the quote that never closes, or the missing line break.
  const recordTooLong = (): WinnowError => {
    const quote = partial.indexOf('"');
    const size = `${MAX_RECORD_CHARS / (1 << 20)} MB`;
    if (quote >= 0) {
      const column = partial.slice(0, quote).split(src.delimiter).length;
      return new WinnowError(
        'FILE_UNREADABLE',
        `${displayName}, line ${lineNo}, column ${column}: a quoted cell opens here and is still open ${size} later; a closing quote (") is probably missing.`,
        { file: displayName, line: lineNo, column, reason: 'unclosed-quote' },
      );
    }
    return new WinnowError('FILE_UNREADABLE', `${displayName}, line ${lineNo}: the line runs on for more than ${size} without a line break; this is not a table Winnow can read.`, {
      file: displayName,
      line: lineNo,
      reason: 'record-too-long',
    });
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
      yield take(decoder.decode(bytes, { stream: true }), false);
    }
    const tail = decoder.decode();
    // A final newline leaves nothing to parse; papaparse would report it as one empty row.
    if (partial.length > 0 || tail.length > 0 || normalizer?.pending) yield take(tail, true);
    if (header === null && preamble.length > 0) {
      throw new WinnowError('INVALID_INPUT', `the file has no row at or after line ${headerRow} to use as the header.`, { headerRow });
    }
  } finally {
    stream.destroy();
  }
  return { sha256: hash.digest('hex'), bytesRead };
}
