// Pure detection of a text table's encoding, delimiter and line ending from its first bytes.

/** A WHATWG encoding name as TextDecoder reports it: utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15, macintosh... */
export type TextEncodingName = string;

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Length of the byte-order mark to skip (0 when none). */
  bomLength: number;
  /** Why this encoding was chosen, in words. */
  reason: string;
}

export type BinaryVerdict = { binary: false } | { binary: true; offset: number; byte: number; reason: string };

/** Signatures of common non-text files, so the user hears "this is a ZIP/PDF" rather than a parse error. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old-style Office file (.xls/.doc)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'a SQLite database' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable)' },
];

export function detectBom(bytes: Uint8Array): EncodingGuess | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'UTF-8 byte-order mark' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16LE byte-order mark' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16BE byte-order mark' };
  return null;
}

/**
 * Decides whether a sample is a binary file rather than text. Single-byte text never holds NUL or many C0 control
 * bytes; UTF-16 without a BOM is recognized by its alternating NULs before calling anything binary.
 */
/** Containers a table can come in besides text: a ZIP (an .xlsx workbook, whatever its name) or an OLE compound file (.xls, or an encrypted .xlsx). */
export function detectContainer(sample: Uint8Array): 'zip' | 'ole' | null {
  if (sample[0] === 0x50 && sample[1] === 0x4b && (sample[2] === 0x03 || sample[2] === 0x05) && (sample[3] === 0x04 || sample[3] === 0x06)) return 'zip';
  if (sample[0] === 0xd0 && sample[1] === 0xcf && sample[2] === 0x11 && sample[3] === 0xe0) return 'ole';
  return null;
}

export function detectBinary(sample: Uint8Array): BinaryVerdict {
  for (const sig of SIGNATURES) {
    if (sig.bytes.every((b, i) => sample[i] === b)) return { binary: true, offset: 0, byte: sample[0]!, reason: `it is ${sig.what}, not a text table` };
  }
  if (detectBom(sample)?.encoding.startsWith('utf-16')) return { binary: false };
  if (utf16WithoutBom(sample)) return { binary: false };
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) return { binary: true, offset: i, byte: b, reason: `it holds a NUL byte at offset ${i}, which no text table has` };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) {
      controls++;
      if (controls > 8 && controls > sample.length / 200) {
        return { binary: true, offset: i, byte: b, reason: `it holds ${controls} control bytes in its first ${i + 1} bytes, which no text table has` };
      }
    }
  }
  return { binary: false };
}

function utf16WithoutBom(s: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(s.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (s[i] === 0) evenZero++;
    if (s[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Index just past the last complete UTF-8 sequence start, so a sample cut mid-character is not called invalid. */
function trimPartialUtf8(s: Uint8Array): Uint8Array {
  const end = s.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = s[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) return s.subarray(0, end - back);
    }
    break;
  }
  return s;
}

/**
 * Guesses the encoding of a sample: BOM first; then UTF-16 by NUL pattern; then strict UTF-8;
 * otherwise the single-byte encoding that reads most plausibly (Windows-1252 unless the bytes say ISO-8859-15 or Mac Roman).
 * `complete` says the sample is the whole file (no partial character to forgive at the end).
 */
export function detectEncoding(sample: Uint8Array, complete = false): EncodingGuess {
  const bom = detectBom(sample);
  if (bom) return bom;
  const u16 = utf16WithoutBom(sample);
  if (u16) return { encoding: u16, bomLength: 0, reason: `${u16.toUpperCase()} text without a byte-order mark (NUL pattern)` };
  const body = complete ? sample : trimPartialUtf8(sample);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    let ascii = true;
    for (let i = 0; i < body.length; i++) if (body[i]! > 0x7f) { ascii = false; break; }
    return { encoding: 'utf-8', bomLength: 0, reason: ascii ? 'plain ASCII (read as UTF-8)' : 'valid UTF-8' };
  } catch {
    return guessSingleByte(body);
  }
}

export const DELIMITERS = [',', '\t', ';', '|'] as const;

/**
 * Picks the delimiter that splits the first lines into the most consistent number of fields (>1), ignoring
 * delimiters inside double quotes. Ties go to the order above (comma first).
 */
export function detectDelimiter(text: string, maxLines = 50): string {
  const lines = logicalLines(text, maxLines);
  let best: { d: string; score: number } = { d: ',', score: -1 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const nonEmpty = counts.filter((c) => c > 0);
    if (nonEmpty.length === 0) continue;
    const mode = modeOf(counts);
    const agree = counts.filter((c) => c === mode).length;
    // Consistency first, then more fields.
    const score = mode === 0 ? 0 : (agree / counts.length) * 1000 + Math.min(mode, 100);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

export function detectNewline(text: string): string {
  // A line break inside a quoted cell says nothing about how rows end (the parser is given this newline).
  let inQuotes = false;
  let bareCr = false;
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) return j > 0 && text[j - 1] === '\r' ? '\r\n' : '\n';
    else if (c === '\r' && !inQuotes && j + 1 < text.length) bareCr = true;
  }
  if (bareCr && !inQuotes) return '\r';
  // No unquoted line break (or quotes that never balance): fall back to the first line break anywhere.
  const i = text.indexOf('\n');
  if (i < 0) return text.includes('\r') ? '\r' : '\n';
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function logicalLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if ((c === '\n' || c === '\r') && !inQuotes) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // The tail may be a cut-off line; only use it when it is all we have.
  if (out.length === 0 && start < text.length) out.push(text.slice(start));
  return out.filter((l) => l.trim().length > 0);
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') q = !q;
    else if (c === d && !q) n++;
  }
  return n;
}

function modeOf(xs: number[]): number {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  let best = 0;
  let bestN = -1;
  for (const [x, n] of m) if (n > bestN || (n === bestN && x > best)) { best = x; bestN = n; }
  return best;
}

export function describeDelimiter(d: string): string {
  return d === ',' ? 'comma' : d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : JSON.stringify(d);
}

// ---- Whole-file UTF-8 check and single-byte encodings ---------------------------------------------------------------

/** What a scan of bytes found: multi-byte UTF-8 characters, invalid bytes and where the first one is. */
export interface Utf8Scan {
  multibyte: number;
  invalid: number;
  firstInvalid: number;
}

/**
 * Counts valid multi-byte UTF-8 sequences and invalid bytes (a plain loop: used only on the rare file that is not
 * all valid UTF-8, to tell a UTF-8 file with a few stray bytes from a Windows-1252 file).
 */
export function scanUtf8(b: Uint8Array, start = 0, end = b.length): Utf8Scan {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    let ok = need > 0 && i + need < end;
    let cp = need === 1 ? c & 0x1f : need === 2 ? c & 0x0f : c & 0x07;
    for (let k = 1; ok && k <= need; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { multibyte, invalid, firstInvalid };
}

/** Single-byte encodings Winnow tells apart when a file is not UTF-8 (ISO-8859-1 is Windows-1252 in every decoder). */
export const SINGLE_BYTE_CANDIDATES = [
  { encoding: 'windows-1252', label: 'Windows-1252 (Western European, as Excel on Windows saves)' },
  { encoding: 'iso-8859-15', label: 'ISO-8859-15 (Latin-9, Western European with €)' },
  { encoding: 'macintosh', label: 'Mac Roman (older Mac Excel and FileMaker exports)' },
] as const;

const TYPOGRAPHIC = new Set([...'“”‘’–—…€•™°«»£¥§©®±×÷¿¡·']);
/** Accented letters that Western European names and words use all the time. */
const COMMON_ACCENTED = new Set([...'éèêëáàâäãåçíìîïñóòôöõøúùûüßÿæœÉÈÊËÁÀÂÄÃÅÇÍÌÎÏÑÓÒÔÖÕØÚÙÛÜÆŒ']);
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isLower = (c: string | undefined) => c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string | undefined) => c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();

/**
 * Scores how plausibly a single-byte decoding reads as text: common accented letters inside words score, typographic
 * punctuation scores a little; control characters, an uppercase letter inside a lowercase word and odd symbols
 * between letters cost.
 */
function plausibility(text: string, highPositions: readonly number[]): number {
  let score = 0;
  for (const i of highPositions) {
    const c = text[i]!;
    const prev = text[i - 1];
    const next = text[i + 1];
    const code = c.charCodeAt(0);
    const inWord = isLetter(prev) || isLetter(next);
    if ((code >= 0x80 && code <= 0x9f) || c === '\uFFFD') score -= 6;
    else if (isLetter(c)) {
      if (isUpper(c) && isLower(prev)) score -= 3;
      else if (isUpper(c) && isLower(next) && isLetter(prev)) score -= 2;
      else if (COMMON_ACCENTED.has(c)) score += inWord ? 2 : 1;
      else score += inWord ? 0 : -1;
    } else if (TYPOGRAPHIC.has(c)) score += 1;
    else score -= isLetter(prev) && isLetter(next) ? 3 : 1;
  }
  return score;
}

/**
 * Chooses among Windows-1252, ISO-8859-15 and Mac Roman for bytes that are not UTF-8, by how plausibly each reads,
 * and says why with a word from the file. Windows-1252 is by far the most common, so another encoding must read
 * clearly better (a positive score, ahead by a margin) to be chosen.
 */
export function guessSingleByte(sample: Uint8Array, why = 'not valid UTF-8'): EncodingGuess {
  const high: number[] = [];
  for (let i = 0; i < sample.length && high.length < 20_000; i++) if (sample[i]! >= 0x80) high.push(i);
  const scored = SINGLE_BYTE_CANDIDATES.map((cand) => {
    const text = new TextDecoder(cand.encoding).decode(sample);
    return { ...cand, text, score: plausibility(text, high) };
  });
  const base = scored[0]!;
  let best = base;
  for (const c of scored.slice(1)) {
    if (c.score > 0 && c.score > best.score + Math.max(3, Math.abs(base.score) * 0.1)) best = c;
  }
  const example = high.length > 0 ? exampleWord(best.text, high[0]!) : '';
  const because = example ? ` ("${example}" reads right)` : '';
  return { encoding: best.encoding, bomLength: 0, reason: `${why}; read as ${best.label}${because}` };
}

function exampleWord(text: string, at: number): string {
  let s = at;
  let e = at + 1;
  while (s > 0 && at - s < 20 && /[\p{L}\p{N}'’-]/u.test(text[s - 1]!)) s--;
  while (e < text.length && e - at < 20 && /[\p{L}\p{N}'’-]/u.test(text[e]!)) e++;
  return text.slice(s, e);
}

/** The WHATWG name for an encoding label, or null when no decoder knows it ("latin1" → "windows-1252"). */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

const DELIMITER_WORDS: Record<string, string> = { ',': ',', comma: ',', '\t': '\t', '\\t': '\t', tab: '\t', ';': ';', semicolon: ';', '|': '|', pipe: '|' };

/** The delimiter a user asked for (`,` `\t` `;` `|` or comma/tab/semicolon/pipe), or null when it is none of them. */
export function parseDelimiterOption(d: string): string | null {
  return DELIMITER_WORDS[d] ?? DELIMITER_WORDS[d.trim().toLowerCase()] ?? null;
}
