// Streams an .xlsx workbook's rows as the user saw them in Excel: our own ZIP directory reader, node:zlib inflate, saxes XML events, ssf number formats.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import SSF from 'ssf';
import { WinnowError } from '../api/contract';
import { MAX_RECORD_CHARS } from './parse-delimited';
import { XmlDamaged, XmlScanner, type XmlHandlers } from './xml-scan';

const READ_CHUNK = 256 * 1024;
/**
 * Zip-bomb guard: a part may expand to at most this many times the compressed bytes read so far, once past the grace
 * size. Real sheets compress 5-50×; deflate's ceiling is about 1,030×, which only crafted, repetitive data reaches.
 */
const MAX_INFLATE_RATIO = 200;
const INFLATE_GRACE_BYTES = 32 << 20;
/** Excel's last column is XFD (16,384 columns); a reference past it is damage, and would allocate a row that long. */
const MAX_COLUMNS = 16_384;
const MB = (n: number) => `${Math.round(n / (1 << 20))} MB`;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface XlsxSheet {
  name: string;
  /** The sheet's part inside the ZIP, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  hidden: boolean;
}

/** What is needed to read any sheet of a workbook again (plain data: it crosses to the parse worker). */
export interface XlsxBook {
  sheets: XlsxSheet[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

export interface XlsxRow {
  /** 1-based sheet row number. */
  rowNo: number;
  cells: string[];
}

function unreadable(displayName: string, why: string): WinnowError {
  return new WinnowError('FILE_UNREADABLE', `${displayName} is not a readable .xlsx workbook: ${why}.`, { file: displayName });
}

// ---- ZIP -----------------------------------------------------------------------------------------------------------

function readBytes(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/** Reads the ZIP central directory (end record within the last 64 KB + 22 bytes of the file). */
export function readZipDirectory(filePath: string, displayName: string): Map<string, ZipEntry> {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 65_557);
    const tail = readBytes(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw unreadable(displayName, 'the file is cut short or damaged (no ZIP directory at its end)');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || count === 0xffff) throw unreadable(displayName, 'it is a ZIP64 archive larger than 4 GB, which Winnow does not read');
    if (dirOffset + dirSize > size) throw unreadable(displayName, 'the file is cut short or damaged (its ZIP directory points past the end)');
    const dir = readBytes(fd, dirOffset, dirSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw unreadable(displayName, 'its ZIP directory is damaged');
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const compressedSize = dir.readUInt32LE(p + 20);
      const uncompressed = dir.readUInt32LE(p + 24);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const localOffset = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLen).toString('utf8').replace(/\\/g, '/');
      entries.set(name.toLowerCase(), { name, method, flags, compressedSize, size: uncompressed, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** Decompressed bytes of one ZIP entry, streamed; damage, truncation and encryption become FILE_UNREADABLE. */
async function* entryBytes(filePath: string, displayName: string, entry: ZipEntry, progress?: (compressedDone: number) => void): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw unreadable(displayName, `it is encrypted (part ${entry.name})`);
  if (entry.method !== 0 && entry.method !== 8) throw unreadable(displayName, `part ${entry.name} uses ZIP compression method ${entry.method}, which Excel never writes`);
  const fd = fs.openSync(filePath, 'r');
  let start: number;
  try {
    const local = readBytes(fd, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw unreadable(displayName, `part ${entry.name} is missing or damaged`);
    start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
  if (entry.compressedSize === 0) return;
  const raw = fs.createReadStream(filePath, { start, end: start + entry.compressedSize - 1, highWaterMark: READ_CHUNK });
  const source = entry.method === 0 ? raw : raw.pipe(zlib.createInflateRaw({ chunkSize: READ_CHUNK }));
  if (source !== raw) raw.on('error', (e) => source.destroy(e));
  let inflated = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > INFLATE_GRACE_BYTES && inflated > raw.bytesRead * MAX_INFLATE_RATIO) {
        throw unreadable(
          displayName,
          `part ${entry.name} expands to more than ${MAX_INFLATE_RATIO} times its compressed size (${MB(inflated)} from ${Math.max(1, Math.round(raw.bytesRead / 1024))} KB), which no real workbook does: it looks like a "zip bomb", so Winnow stopped reading it`,
        );
      }
      progress?.(raw.bytesRead);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof WinnowError) throw err;
    throw unreadable(displayName, `part ${entry.name} is damaged or cut short (${(err as Error).message})`);
  } finally {
    raw.destroy();
    source.destroy();
  }
  if (raw.bytesRead < entry.compressedSize) throw unreadable(displayName, `the file is cut short (part ${entry.name})`);
}

/** Runs a ZIP entry's XML through saxes; `onChunk` runs after each chunk so a caller can hand over what it collected. */
async function* parseXmlEntry(
  filePath: string,
  displayName: string,
  entry: ZipEntry,
  handlers: { open(tag: SaxesTagPlain): void; text(t: string): void; close(tag: SaxesTagPlain): void },
  progress?: (compressedDone: number) => void,
): AsyncGenerator<void> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('opentag', handlers.open);
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  parser.on('closetag', handlers.close);
  parser.on('error', (e) => {
    failure ??= e;
  });
  const decoder = new TextDecoder('utf-8');
  const check = () => {
    if (failure) throw unreadable(displayName, `the XML of part ${entry.name} is damaged (${failure.message.split('\n')[0]})`);
  };
  for await (const bytes of entryBytes(filePath, displayName, entry, progress)) {
    parser.write(decoder.decode(bytes, { stream: true }));
    check();
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  check();
}

/** Runs a ZIP entry's XML through the fast scanner (sheet data, shared strings); yields after each chunk. */
async function* scanXmlEntry(filePath: string, displayName: string, entry: ZipEntry, handlers: XmlHandlers, progress?: (compressedDone: number) => void): AsyncGenerator<void> {
  const scanner = new XmlScanner(handlers);
  const decoder = new TextDecoder('utf-8');
  const feed = (text: string, final: boolean) => {
    try {
      scanner.feed(text, final);
    } catch (err) {
      if (err instanceof XmlDamaged) throw unreadable(displayName, `the XML of part ${entry.name} is damaged (${err.message})`);
      throw err;
    }
  };
  for await (const bytes of entryBytes(filePath, displayName, entry, progress)) {
    feed(decoder.decode(bytes, { stream: true }), false);
    yield;
  }
  feed(decoder.decode(), true);
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const a = tag.attributes as Record<string, string>;
  if (a[name] !== undefined) return a[name];
  for (const k in a) if (local(k) === name) return a[k];
  return undefined;
}

async function drain(g: AsyncGenerator<void>): Promise<void> {
  for await (const _ of g) {
    // Only the handlers' side effects matter.
  }
}

// ---- Workbook, relationships, shared strings, styles ----------------------------------------------------------------

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (baseDir ? `${baseDir}/${target}` : target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

async function readRels(filePath: string, displayName: string, zip: Map<string, ZipEntry>, relsPath: string, baseDir: string): Promise<{ id: string; type: string; target: string }[]> {
  const entry = zip.get(relsPath.toLowerCase());
  if (!entry) return [];
  const out: { id: string; type: string; target: string }[] = [];
  await drain(
    parseXmlEntry(filePath, displayName, entry, {
      open: (t) => {
        if (local(t.name) === 'Relationship' && attr(t, 'TargetMode') !== 'External') {
          out.push({ id: attr(t, 'Id') ?? '', type: attr(t, 'Type') ?? '', target: resolveTarget(baseDir, attr(t, 'Target') ?? '') });
        }
      },
      text: () => {},
      close: () => {},
    }),
  );
  return out;
}

/** Lists a workbook's worksheets in tab order and where its shared strings and styles are. */
export async function openWorkbook(filePath: string, displayName: string): Promise<{ book: XlsxBook; zip: Map<string, ZipEntry> }> {
  const zip = readZipDirectory(filePath, displayName);
  const rootRels = await readRels(filePath, displayName, zip, '_rels/.rels', '');
  const office = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const wbPath = office?.target ?? 'xl/workbook.xml';
  const wbEntry = zip.get(wbPath.toLowerCase());
  if (!wbEntry) {
    if (zip.has('word/document.xml')) throw unreadable(displayName, 'it is a Word document, not a workbook');
    if (zip.has('content.xml')) throw unreadable(displayName, 'it is an OpenDocument file; save it as .xlsx or .csv');
    throw unreadable(displayName, 'it is a ZIP archive without a workbook inside');
  }
  const wbDir = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/')) : '';
  const relsPath = `${wbDir ? `${wbDir}/` : ''}_rels/${wbPath.slice(wbPath.lastIndexOf('/') + 1)}.rels`;
  const rels = await readRels(filePath, displayName, zip, relsPath, wbDir);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  await drain(
    parseXmlEntry(filePath, displayName, wbEntry, {
      open: (t) => {
        const n = local(t.name);
        if (n === 'workbookPr') date1904 = /^(1|true)$/i.test(attr(t, 'date1904') ?? '');
        if (n === 'sheet') {
          const rel = byId.get(attr(t, 'id') ?? '');
          if (rel && rel.type.endsWith('/worksheet')) sheets.push({ name: attr(t, 'name') ?? `Sheet${sheets.length + 1}`, path: rel.target, hidden: (attr(t, 'state') ?? 'visible') !== 'visible' });
        }
      },
      text: () => {},
      close: () => {},
    }),
  );
  const ss = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const st = rels.find((r) => r.type.endsWith('/styles'));
  return { book: { sheets, sharedStringsPath: ss?.target ?? null, stylesPath: st?.target ?? null, date1904 }, zip };
}

/** The shared strings table: the only thing held in memory for the whole read. Phonetic runs (rPh) are left out. */
async function loadSharedStrings(filePath: string, displayName: string, zip: Map<string, ZipEntry>, path: string | null): Promise<string[]> {
  const entry = path ? zip.get(path.toLowerCase()) : undefined;
  if (!entry) return [];
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let inPhonetic = 0;
  let curChars = 0;
  await drain(
    scanXmlEntry(filePath, displayName, entry, {
      open: (name) => {
        const n = local(name);
        if (n === 'si') cur = [];
        else if (n === 'rPh') inPhonetic++;
        else if (n === 't' && inPhonetic === 0) inT = true;
      },
      text: (s) => {
        if (inT && cur) {
          cur.push(s);
          curChars += s.length;
          if (curChars > MAX_RECORD_CHARS) throw unreadable(displayName, `shared string ${out.length + 1} is longer than ${MB(MAX_RECORD_CHARS)}`);
        }
      },
      close: (name) => {
        const n = local(name);
        if (n === 'si') {
          curChars = 0;
          out.push(cur ? cur.join('') : '');
          cur = null;
        } else if (n === 'rPh') inPhonetic--;
        else if (n === 't') inT = false;
      },
    }),
  );
  return out;
}

/** Excel's en-US display of built-in format 14 (ssf's table says m/d/yy, which is not what Excel shows). */
const BUILTIN_OVERRIDES: Record<number, string> = { 14: 'm/d/yyyy', 22: 'm/d/yyyy h:mm' };

/** The number format code of each cell style (cellXfs index → format code). */
async function loadStyles(filePath: string, displayName: string, zip: Map<string, ZipEntry>, path: string | null): Promise<string[]> {
  const entry = path ? zip.get(path.toLowerCase()) : undefined;
  if (!entry) return [];
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  await drain(
    parseXmlEntry(filePath, displayName, entry, {
      open: (t) => {
        const n = local(t.name);
        if (n === 'numFmt') custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? 'General');
        else if (n === 'cellXfs') inCellXfs = true;
        else if (n === 'xf' && inCellXfs) xfIds.push(Number(attr(t, 'numFmtId') ?? 0));
      },
      text: () => {},
      close: (t) => {
        if (local(t.name) === 'cellXfs') inCellXfs = false;
      },
    }),
  );
  const table = SSF.get_table() as Record<number, string>;
  return xfIds.map((id) => custom.get(id) ?? BUILTIN_OVERRIDES[id] ?? table[id] ?? 'General');
}

// ---- Cells -----------------------------------------------------------------------------------------------------------

/** 0-based column index → letters (0 → A, 16383 → XFD). */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Column letters of a cell reference ("AB12") → 0-based column index, or -1. */
export function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/**
 * A number as Excel shows it with its format: dates, currency, percent, "00000" ZIP codes. Whole numbers in General
 * are written out in full (a 10-digit phone number stays whole, as in Excel's formula bar) up to 15 digits.
 */
export function formatNumber(value: number, format: string, date1904: boolean): string {
  if (!Number.isFinite(value)) return String(value);
  if (format === 'General' || format === '') {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    return SSF.format('General', value);
  }
  if (format === '@') return Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value) : SSF.format('General', value);
  try {
    return SSF.format(format, value, { date1904 });
  } catch {
    return String(value);
  }
}

export interface SheetReadOptions {
  /** Called with the sheet part's compressed bytes consumed so far, and its compressed size. */
  progress?: (compressedDone: number, compressedTotal: number) => void;
}

/**
 * Streams one sheet's rows in order, each as its cells left to right: empty cells inside a row are "", trailing empty
 * cells dropped. Values: shared and inline strings exactly, numbers and dates through the style's number format,
 * booleans TRUE/FALSE, errors as shown (#N/A), formulas as their cached value.
 */
export async function* readSheetRows(filePath: string, displayName: string, book: XlsxBook, sheet: XlsxSheet, opts: SheetReadOptions = {}): AsyncGenerator<XlsxRow[]> {
  const zip = readZipDirectory(filePath, displayName);
  const entry = zip.get(sheet.path.toLowerCase());
  if (!entry) throw unreadable(displayName, `sheet "${sheet.name}" is missing from the file`);
  const strings = await loadSharedStrings(filePath, displayName, zip, book.sharedStringsPath);
  const formats = await loadStyles(filePath, displayName, zip, book.stylesPath);

  let ready: XlsxRow[] = [];
  let rowNo = 0;
  let cells: string[] = [];
  let inSheetData = false;
  // The cell being read.
  let col = -1;
  let type = 'n';
  let style = 0;
  let value: string | null = null;
  let inValue = false;
  let inInline = false;
  let inPhonetic = 0;
  // Text in the row so far: a row past MAX_RECORD_CHARS (one huge cell, or many cells naming one huge shared string) is refused.
  let rowChars = 0;
  const where = () => `sheet "${sheet.name}" row ${rowNo}${col >= 0 ? `, column ${columnName(col)}` : ''}`;
  const tooLong = () => unreadable(displayName, `${where()} holds more than ${MB(MAX_RECORD_CHARS)} of text, more than Winnow takes in one row`);

  const cellText = (raw: string): string => {
    switch (type) {
      case 's': {
        const s = strings[Number(raw)];
        return s ?? '';
      }
      case 'inlineStr':
      case 'str':
      case 'e':
      case 'd':
        return raw;
      case 'b':
        return raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE';
      default: {
        if (raw === '') return '';
        const n = Number(raw);
        if (Number.isNaN(n)) return raw;
        return formatNumber(n, formats[style] ?? 'General', book.date1904);
      }
    }
  };

  // Cell attributes (r, t, s) are never namespace-prefixed in SpreadsheetML: read them directly, fast.
  const handlers: XmlHandlers = {
    open: (name, attrs) => {
      const n = name.indexOf(':') < 0 ? name : local(name);
      if (n === 'c') {
        if (!inSheetData) return;
        const ref = attrs.get('r');
        const c = ref ? columnIndex(ref) : -1;
        col = c >= 0 ? c : cells.length;
        if (col >= MAX_COLUMNS) throw unreadable(displayName, `sheet "${sheet.name}" row ${rowNo} has a cell in column ${ref && c >= 0 ? ref.replace(/[0-9]+$/, '') : col + 1}, past Excel's last column XFD`);
        type = attrs.get('t') ?? 'n';
        const st = attrs.get('s');
        style = st === undefined ? 0 : Number(st);
        value = null;
      } else if (n === 'v') {
        inValue = true;
        value ??= '';
      } else if (n === 'row') {
        if (!inSheetData) return;
        const r = Number(attrs.get('r'));
        rowNo = Number.isInteger(r) && r > rowNo ? r : rowNo + 1;
        cells = [];
        rowChars = 0;
        col = -1;
      } else if (n === 'sheetData') inSheetData = true;
      else if (n === 'is') {
        inInline = true;
        value ??= '';
      } else if (n === 'rPh') inPhonetic++;
      else if (n === 't' && inInline && inPhonetic === 0) inValue = true;
    },
    text: (s: string) => {
      if (inValue && value !== null) {
        value += s;
        if (value.length + rowChars > MAX_RECORD_CHARS) throw tooLong();
      }
    },
    close: (name) => {
      const n = name.indexOf(':') < 0 ? name : local(name);
      if (n === 'v') inValue = false;
      else if (n === 't' && inInline) inValue = false;
      else if (n === 'rPh') inPhonetic--;
      else if (n === 'is') inInline = false;
      else if (n === 'c' && inSheetData) {
        if (value !== null) {
          const text = cellText(value);
          if (text !== '') {
            rowChars += text.length;
            if (rowChars > MAX_RECORD_CHARS) throw tooLong();
            while (cells.length < col) cells.push('');
            cells[col] = text;
          }
        }
        value = null;
      } else if (n === 'row' && inSheetData) {
        ready.push({ rowNo, cells });
        cells = [];
      } else if (n === 'sheetData') inSheetData = false;
    },
  };

  const progress = opts.progress;
  for await (const _ of scanXmlEntry(filePath, displayName, entry, handlers, progress ? (done) => progress(done, entry.compressedSize) : undefined)) {
    if (ready.length > 0) {
      yield ready;
      ready = [];
    }
  }
  if (ready.length > 0) yield ready;
}

/** True when the sheet has at least one cell with a value (stops at the first; shared strings are not needed). */
export async function sheetHasData(filePath: string, displayName: string, zip: Map<string, ZipEntry>, sheet: XlsxSheet): Promise<boolean> {
  const entry = zip.get(sheet.path.toLowerCase());
  if (!entry) return false;
  let found = false;
  let inValue = false;
  const g = scanXmlEntry(filePath, displayName, entry, {
    open: (name) => {
      const n = local(name);
      if (n === 'v' || n === 't') inValue = true;
    },
    text: (s) => {
      if (inValue && s !== '') found = true;
    },
    close: () => {
      inValue = false;
    },
  });
  try {
    for await (const _ of g) if (found) return true;
    return found;
  } finally {
    await g.return(undefined);
  }
}
