// Looks at a source file before reading it: exists, not empty, text not binary, which encoding, delimiter and line ending.
import fs from 'node:fs';
import path from 'node:path';
import { WinnowError } from '../api/contract';
import { isUtf8 } from 'node:buffer';
import type { ReadOptions } from '../api/contract';
import {
  canonicalEncoding,
  detectBinary,
  detectBom,
  detectDelimiter,
  detectEncoding,
  detectNewline,
  guessSingleByte,
  parseDelimiterOption,
  scanUtf8,
  type EncodingGuess,
} from '../domain/sniff';

/** How much of a file is read to guess its encoding and delimiter. */
export const SOURCE_SAMPLE_BYTES = 64 * 1024;
const SAMPLE_BYTES = SOURCE_SAMPLE_BYTES;
const CHECK_CHUNK = 4 * 1024 * 1024;

export interface SourceCheck {
  size: number;
  encoding: EncodingGuess;
  delimiter: string;
  newline: string;
  sampleText: string;
}

/** Opens a source file and decides how to read it, or throws a specific error naming the file. */
export function inspectSource(
  filePath: string,
  displayName = path.basename(filePath),
  options: Pick<ReadOptions, 'encoding' | 'delimiter'> = {},
  /** utf8File: the caller already found the whole file valid UTF-8 (isUtf8File), so it is not read again here. */
  known: { utf8File?: boolean } = {},
): SourceCheck {
  const stat = statSource(filePath, displayName);
  const sample = readHead(filePath, displayName, SAMPLE_BYTES);
  const binary = detectBinary(sample);
  if (binary.binary) {
    throw new WinnowError('FILE_NOT_TEXT', `${displayName} cannot be imported: ${binary.reason}.`, { file: displayName, offset: binary.offset });
  }
  const encoding = chooseEncoding(filePath, displayName, sample, stat.size, options.encoding, known.utf8File === true);
  const sampleText = new TextDecoder(encoding.encoding).decode(sample.subarray(encoding.bomLength));
  if (sampleText.trim().length === 0) {
    throw new WinnowError('FILE_EMPTY', `${displayName} holds only blank lines: there is nothing to import.`, { file: displayName });
  }
  let delimiter = detectDelimiter(sampleText);
  if (options.delimiter !== undefined) {
    const d = parseDelimiterOption(options.delimiter);
    if (d === null) {
      throw new WinnowError('INVALID_INPUT', `unknown delimiter ${JSON.stringify(options.delimiter)}: use comma, tab, semicolon or pipe.`, { delimiter: options.delimiter });
    }
    delimiter = d;
  }
  return { size: stat.size, encoding, delimiter, newline: detectNewline(sampleText), sampleText };
}

/** Exists, is a file, is not empty — or a specific error naming the file. */
export function statSource(filePath: string, displayName: string): fs.Stats {
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
  return stat;
}

/**
 * The encoding to read the file with: the user's choice (a BOM for that same encoding is still skipped), else a BOM,
 * else the sample's verdict — and a sample that looks like UTF-8 is confirmed over the whole file, because a
 * Windows-1252 "é" on line 90,000 must not be read as U+FFFD.
 */
export function chooseEncoding(filePath: string, displayName: string, sample: Uint8Array, size: number, override?: string, wholeIsUtf8 = false): EncodingGuess {
  if (override !== undefined) {
    const name = canonicalEncoding(override);
    if (name === null || name === 'replacement') {
      throw new WinnowError('INVALID_INPUT', `unknown encoding "${override}": use a name such as utf-8, utf-16le, windows-1252, iso-8859-15 or macintosh.`, { encoding: override });
    }
    const bom = detectBom(sample);
    return { encoding: name, bomLength: bom && bom.encoding === name ? bom.bomLength : 0, reason: `chosen by you (${override})` };
  }
  const complete = sample.length >= size;
  const guess = detectEncoding(sample, complete);
  if (guess.bomLength > 0 || guess.encoding.startsWith('utf-16')) return guess;
  // Mostly UTF-8 with a few stray bytes: keep UTF-8 (the rows holding them are reported as problems).
  const mostlyUtf8 = (scan: { multibyte: number; invalid: number }) => scan.multibyte > 0 && scan.multibyte >= scan.invalid * 4;
  const mixed = (scan: { invalid: number; firstInvalid: number }): EncodingGuess => ({
    encoding: 'utf-8',
    bomLength: 0,
    reason: `UTF-8, except ${scan.invalid} invalid byte(s) from offset ${scan.firstInvalid} (rows holding them are listed as problems)`,
  });
  if (guess.encoding !== 'utf-8') {
    const scan = scanUtf8(sample, 0, complete ? sample.length : sample.length - incompleteTail(sample, sample.length));
    return mostlyUtf8(scan) ? mixed(scan) : guess;
  }
  if (complete) return guess;
  const whole = wholeIsUtf8 ? { invalid: 0, multibyte: 0, firstInvalid: -1 } : checkUtf8File(filePath, displayName);
  if (whole.invalid === 0) return guess;
  if (mostlyUtf8(whole)) return mixed(whole);
  const around = readAt(filePath, displayName, Math.max(0, whole.firstInvalid - 32 * 1024), SAMPLE_BYTES);
  return guessSingleByte(around, `valid UTF-8 in its first ${Math.floor(whole.firstInvalid / 1024)} KB but not at offset ${whole.firstInvalid}`);
}

/**
 * Streams the whole file once through simdutf's isUtf8, 4 MB at a time, carrying a character cut by a chunk boundary
 * into the next chunk; only a file that fails is scanned again byte by byte to count what is wrong.
 */
export function checkUtf8File(filePath: string, displayName: string): { invalid: number; multibyte: number; firstInvalid: number } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const buf = Buffer.allocUnsafe(CHECK_CHUNK + 4);
    let carry = 0;
    let pos = 0;
    let bad = false;
    for (;;) {
      const n = fs.readSync(fd, buf, carry, CHECK_CHUNK, pos);
      pos += n;
      const len = carry + n;
      if (n === 0) {
        if (carry > 0 && !isUtf8(buf.subarray(0, carry))) bad = true;
        break;
      }
      const cut = incompleteTail(buf, len);
      if (!isUtf8(buf.subarray(0, len - cut))) {
        bad = true;
        break;
      }
      buf.copy(buf, 0, len - cut, len);
      carry = cut;
    }
    if (!bad) return { invalid: 0, multibyte: 0, firstInvalid: -1 };
    // The slow path: count multi-byte characters and invalid bytes over the whole file.
    let invalid = 0;
    let multibyte = 0;
    let firstInvalid = -1;
    pos = 0;
    carry = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, carry, CHECK_CHUNK, pos);
      const len = carry + n;
      const cut = n === 0 ? 0 : incompleteTail(buf, len);
      const s = scanUtf8(buf, 0, len - cut);
      if (s.firstInvalid >= 0 && firstInvalid < 0) firstInvalid = pos - carry + s.firstInvalid;
      invalid += s.invalid;
      multibyte += s.multibyte;
      if (n === 0) break;
      pos += n;
      buf.copy(buf, 0, len - cut, len);
      carry = cut;
    }
    return { invalid, multibyte, firstInvalid };
  } catch (err) {
    throw new WinnowError('FILE_UNREADABLE', `${displayName}: cannot read it (${(err as Error).message}).`, { file: displayName });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * checkUtf8File's fast path without holding the thread: true when the whole file is valid UTF-8. Each 4 MB read is
 * awaited, so the engine thread keeps answering the grid while a large import checks its file. false for anything else
 * (invalid bytes, a read error), which checkUtf8File then looks at as before.
 */
export async function isUtf8File(filePath: string): Promise<boolean> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(filePath, 'r');
    const buf = Buffer.allocUnsafe(CHECK_CHUNK + 4);
    let carry = 0;
    let pos = 0;
    for (;;) {
      const { bytesRead: n } = await handle.read(buf, carry, CHECK_CHUNK, pos);
      pos += n;
      const len = carry + n;
      if (n === 0) return carry === 0 || isUtf8(buf.subarray(0, carry));
      const cut = incompleteTail(buf, len);
      if (!isUtf8(buf.subarray(0, len - cut))) return false;
      buf.copy(buf, 0, len - cut, len);
      carry = cut;
    }
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Bytes at the end of buf[0, len) that start a UTF-8 character the chunk cuts off (0-3). */
function incompleteTail(buf: Uint8Array, len: number): number {
  for (let back = 1; back <= 3 && len - back >= 0; back++) {
    const b = buf[len - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < need ? back : 0;
    }
    return 0;
  }
  return 0;
}

function readHead(filePath: string, displayName: string, n: number): Uint8Array {
  return readAt(filePath, displayName, 0, n);
}

/** Up to n bytes of the file from a position. */
export function readAt(filePath: string, displayName: string, position: number, n: number): Uint8Array {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, position);
    return buf.subarray(0, read);
  } catch (err) {
    throw new WinnowError('FILE_UNREADABLE', `${displayName}: cannot read it (${(err as Error).message}).`, { file: displayName });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
