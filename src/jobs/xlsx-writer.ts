// A streaming .xlsx writer: one sheet part of inline strings, deflated 1 MiB at a time into a ZIP written front to back,
// so memory stays flat whatever the row count (see the design notes for why not exceljs).
import zlib from 'node:zlib';
import { WinnowError } from '../api/contract';

/** Excel's rows per sheet (header included); further rows continue on a new sheet with the header again. */
export const XLSX_MAX_ROWS = 1_048_576;
const CHUNK = 1 << 20;
const LIMIT_32 = 0xffffffff;

export interface ByteSink {
  write: (chunk: Buffer) => Promise<void>;
}

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  flags: number;
}

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Characters XML 1.0 cannot carry are written the way Excel writes them (_xHHHH_); CR as a character reference, because
// an XML reader turns a literal CR into LF.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be escaped
const XML_SPECIAL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xmlChar = (c: string) =>
  c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '\r' ? '&#13;' : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
export const xmlText = (s: string) => s.replace(XML_SPECIAL, xmlChar);

/** A cell of text: inline (no shared-strings table to hold in memory), spaces kept. */
function cellXml(ref: string, value: string): string {
  const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** DOS date and time of now, as ZIP headers store them. */
function dosTime(d = new Date()): { time: number; date: number } {
  return { time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2), date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate() };
}

export interface XlsxWriter {
  /** Appends rows of text cells (empty cells are left out of the file, as Excel does). */
  addRows: (rows: readonly (readonly string[])[]) => Promise<void>;
  /** Ends the sheet and writes the workbook parts and the ZIP directory. */
  finish: () => Promise<{ rows: number; sheets: number }>;
}

/** Writes a workbook of one sheet named `sheetName` (more when rows pass Excel's limit) whose first row is `header`. */
export function xlsxWriter(sink: ByteSink, sheetName: string, header: readonly string[], maxRows = XLSX_MAX_ROWS): XlsxWriter {
  const entries: Entry[] = [];
  const { time, date } = dosTime();
  let offset = 0;
  const letters: string[] = [];
  const letter = (i: number) => (letters[i] ??= columnLetters(i));
  const tooBig = () => new WinnowError('INVALID_INPUT', 'The workbook would pass 4 GB, more than an .xlsx file can hold here; write CSV, or split it (--split-by).');

  const put = async (b: Buffer) => {
    offset += b.length;
    await sink.write(b);
  };
  const localHeader = (name: Buffer, flags: number, crc: number, compressed: number, size: number) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(time, 10);
    h.writeUInt16LE(date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  };

  /** A small part, compressed whole. */
  const smallEntry = async (path: string, text: string) => {
    const name = Buffer.from(path, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const z = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    entries.push({ name, crc, compressed: z.length, size: data.length, offset, flags: 0x0800 });
    await put(localHeader(name, 0x0800, crc, z.length, data.length));
    await put(z);
  };

  // The open sheet: each 1 MiB of XML is deflated alone with a sync flush, so the pieces join into one deflate stream.
  let sheet: { entry: Entry; pending: string[]; pendingLength: number; rowNo: number } | null = null;
  let sheets = 0;
  let dataRows = 0;

  const flushSheet = async (final: boolean) => {
    const s = sheet!;
    const data = Buffer.from(s.pending.join(''), 'utf8');
    s.pending = [];
    s.pendingLength = 0;
    s.entry.crc = zlib.crc32(data, s.entry.crc);
    s.entry.size += data.length;
    const z = zlib.deflateRawSync(data, { level: 1, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
    s.entry.compressed += z.length;
    if (s.entry.size > LIMIT_32 || offset + z.length > LIMIT_32) throw tooBig();
    await put(z);
  };
  const text = async (xml: string) => {
    const s = sheet!;
    s.pending.push(xml);
    s.pendingLength += xml.length;
    if (s.pendingLength >= CHUNK) await flushSheet(false);
  };
  const rowXml = (rowNo: number, cells: readonly string[]) => {
    let xml = `<row r="${rowNo}">`;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v !== undefined && v !== '') xml += cellXml(`${letter(c)}${rowNo}`, v);
    }
    return `${xml}</row>`;
  };
  const openSheet = async () => {
    sheets++;
    const name = Buffer.from(`xl/worksheets/sheet${sheets}.xml`, 'utf8');
    const entry: Entry = { name, crc: 0, compressed: 0, size: 0, offset, flags: 0x0808 };
    entries.push(entry);
    await put(localHeader(name, 0x0808, 0, 0, 0));
    sheet = { entry, pending: [], pendingLength: 0, rowNo: 0 };
    await text(SHEET_HEAD);
    sheet.rowNo = 1;
    await text(rowXml(1, header));
  };
  const closeSheet = async () => {
    await text(SHEET_TAIL);
    await flushSheet(true);
    const e = sheet!.entry;
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(e.crc, 4);
    d.writeUInt32LE(e.compressed, 8);
    d.writeUInt32LE(e.size, 12);
    await put(d);
    sheet = null;
  };

  let started: Promise<void> | null = null;
  return {
    addRows: async (rows) => {
      await (started ??= openSheet());
      for (const r of rows) {
        if (sheet!.rowNo >= maxRows) {
          await closeSheet();
          await openSheet();
        }
        await text(rowXml(++sheet!.rowNo, r));
        dataRows++;
      }
    },
    finish: async () => {
      await (started ??= openSheet());
      await closeSheet();
      const names = Array.from({ length: sheets }, (_, i) => xmlText((i === 0 ? sheetName : `${sheetName} (${i + 1})`).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31)));
      await smallEntry(
        '[Content_Types].xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
      );
      await smallEntry(
        '_rels/.rels',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      );
      await smallEntry(
        'xl/workbook.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${n.replace(/"/g, '&quot;')}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
      );
      await smallEntry(
        'xl/_rels/workbook.xml.rels',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      );
      await smallEntry(
        'xl/styles.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`,
      );
      // The central directory and its end record.
      const dirStart = offset;
      for (const e of entries) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(0x02014b50, 0);
        h.writeUInt16LE(20, 4);
        h.writeUInt16LE(20, 6);
        h.writeUInt16LE(e.flags, 8);
        h.writeUInt16LE(8, 10);
        h.writeUInt16LE(time, 12);
        h.writeUInt16LE(date, 14);
        h.writeUInt32LE(e.crc, 16);
        h.writeUInt32LE(e.compressed, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.name.length, 28);
        h.writeUInt32LE(e.offset, 42);
        await put(Buffer.concat([h, e.name]));
      }
      if (offset > LIMIT_32) throw tooBig();
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(offset - dirStart, 12);
      end.writeUInt32LE(dirStart, 16);
      await put(end);
      return { rows: dataRows, sheets };
    },
  };
}
