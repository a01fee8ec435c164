// Looks at a source file before reading it: exists, not empty, text not binary, which encoding, delimiter and line ending.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { WinnowError, type FilePreview } from '../api/contract';
import { detectBinary, detectDelimiter, detectEncoding, detectNewline, type EncodingGuess } from '../domain/sniff';

const SAMPLE_BYTES = 64 * 1024;

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
    kind: 'delimited',
    encoding: src.encoding.encoding,
    encodingReason: src.encoding.reason,
    bom: src.encoding.bomLength > 0,
    delimiter: src.delimiter,
    newline: src.newline,
    sheets: [],
    sheet: null,
    headerRow: 1,
    preamble: [],
    columns: header.map((name, index) => ({ index, name, field: null, confidence: 0, reason: 'not mapped' })),
    rows,
    preset: null,
    alreadyImported: [],
  };
}
