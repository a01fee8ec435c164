// The one way the engine reads a source table, whatever its kind: inspect it, sample its first records, stream its rows.
import Papa from 'papaparse';
import type { ReadOptions } from '../api/contract';
import type { EncodingGuess } from '../domain/sniff';
import type { SampleRecord } from '../domain/header';
import { linesSpanned, parseDelimitedFile, type ParsedBatch, type ParseSummary } from './parse-delimited';
import { parseInWorker } from './parse-in-worker';
import { inspectSource } from './source';

export interface TableInfo {
  kind: 'delimited' | 'xlsx';
  size: number;
  encoding: EncodingGuess;
  delimiter: string;
  newline: string;
  /** xlsx: every sheet's name; delimited: empty. */
  sheets: string[];
  sheet: string | null;
  /** Decoded text of the file's first bytes (delimited only), for sampling. */
  sampleText: string;
}

/** Opens a file and decides how to read it (options override detection), or throws a specific error naming the file. */
export async function inspectTable(filePath: string, displayName: string, _options: ReadOptions = {}): Promise<TableInfo> {
  const src = inspectSource(filePath, displayName);
  return { kind: 'delimited', size: src.size, encoding: src.encoding, delimiter: src.delimiter, newline: src.newline, sheets: [], sheet: null, sampleText: src.sampleText };
}

/** The first records of the table in file order (blank lines skipped), with the line each starts on. */
export async function sampleTable(_filePath: string, _displayName: string, info: TableInfo, maxRecords = 60): Promise<SampleRecord[]> {
  const parsed = Papa.parse<string[]>(info.sampleText, { delimiter: info.delimiter, newline: info.newline as '\n', preview: maxRecords * 2 });
  const out: SampleRecord[] = [];
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
 * Streams the table in batches: records before `headerRow` become the preamble, the record at `headerRow` the header,
 * the rest numbered data rows. Delimited files parse on a second thread when `parserWorkerFile` is given.
 */
export function readTable(
  filePath: string,
  _displayName: string,
  info: TableInfo,
  _headerRow: number,
  opts: { parserWorkerFile?: string | undefined } = {},
): AsyncGenerator<ParsedBatch, ParseSummary> {
  const src = { size: info.size, encoding: info.encoding, delimiter: info.delimiter, newline: info.newline, sampleText: info.sampleText };
  return opts.parserWorkerFile ? parseInWorker(opts.parserWorkerFile, filePath, src) : parseDelimitedFile(filePath, src);
}
