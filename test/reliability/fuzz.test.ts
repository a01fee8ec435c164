// Fuzzes the importers (delimited parser across read boundaries, sniffing, ZIP directory and sheet XML of workbooks) and the normalizers on hostile text, for a fixed budget with a printed seed.
//
// Reproduce a failure with WINNOW_FUZZ_SEED=<seed printed below> (fast-check also prints the failing path). The unit
// suites already hold the small-input properties (random bytes, byte-flipped workbooks, per-normalizer idempotence on
// their own alphabets); these go where those do not: inputs big enough to cross the reader's 1 MB chunks, structured
// damage a byte flip rarely produces, and text built to make a regular expression backtrack.
import fc from 'fast-check';
import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { WinnowError } from '../../src/api/contract';
import { cleanAddress, normalizeState } from '../../src/domain/address';
import { cleanRecord, type CanonicalValues, type CleanTables } from '../../src/domain/clean-record';
import { companyKey, normalizeCompany } from '../../src/domain/companies';
import { normalizeEmail } from '../../src/domain/email';
import { formatName, parseNameFields, parsePersonName, properCaseName } from '../../src/domain/names';
import { normalizePhone } from '../../src/domain/phone';
import { detectDelimiter, detectEncoding, detectNewline } from '../../src/domain/sniff';
import { formatZip, parseZip } from '../../src/domain/zip';
import { loadEmailLists, loadZipTable } from '../../src/jobs/reference-data';
import { readBack } from '../fixtures/formats/read-back';
import { cleanupAfterEach, tempDir, writeFile } from '../fixtures/helpers';
import { escapeXml, inlineRow, PEOPLE, sheetXml, workbookParts, zipParts, type ZipPart } from '../fixtures/hostile/generate';

cleanupAfterEach();

const SEED = process.env.WINNOW_FUZZ_SEED ? Number(process.env.WINNOW_FUZZ_SEED) : 20_260_901;
console.log(`fuzz seed ${SEED} (set WINNOW_FUZZ_SEED to change it)`);
/** Runs per property, chosen so the file takes about a minute and a half on a 2-core machine. */
const RUNS = {
  chunkedRoundTrip: 120,
  byteSoup: 400,
  zipDirectory: 1500,
  sheetXml: 1500,
  normalizers: 5000,
  backtracking: 300,
  cleanRecord: 4000,
};
const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

/** Only WinnowErrors may come out of an importer; anything else is a crash. */
async function winnowOnly<T>(p: Promise<T>): Promise<T | WinnowError> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof WinnowError) return err;
    throw err;
  }
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('delimited reader', () => {
  // Cells built from the characters that matter to a CSV reader, plus multi-byte text the chunk cut can split.
  const cellChar = fc.constantFrom('a', 'Z', '0', ' ', ',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', 'é', '東', '😀', "'", '=', '+', '-', '@');
  const cell = fc.array(cellChar, { maxLength: 12 }).map((cs) => cs.join(''));
  const table = fc.integer({ min: 2, max: 6 }).chain((cols) =>
    fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 30 }).map((rows) => {
      // The header must be a header: distinct plain names (the header detector is tested on its own).
      rows[0] = rows[0]!.map((_, i) => `col${i + 1}`);
      return rows;
    }),
  );

  it('reads back any well-formed CSV cell for cell when a 1 MB read boundary falls anywhere inside it (chunked round trip)', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(',', ';', '\t', '|'), fc.constantFrom('\n', '\r\n'), fc.nat(4000), fc.boolean(), async (rows, d, newline, shift, worker) => {
        fc.pre(rows.slice(1).every((r) => !r.every((c) => c.trim() === '')));
        const body = Papa.unparse(rows.slice(1), { delimiter: d, newline, quotes: true }) + newline;
        // Filler rows push the table so the 1 MiB chunk boundary lands `shift` bytes into it.
        const header = Papa.unparse([rows[0]!], { delimiter: d, newline }) + newline;
        // Long filler rows: a few thousand of them, not a quarter million.
        const fillerRow = rows[0]!.map((_, i) => (i === 0 ? 'f'.repeat(200) : 'x')).join(d) + newline;
        const room = (1 << 20) - header.length - shift;
        const fillers = Math.max(0, Math.floor(room / fillerRow.length));
        const pad = Math.max(0, room - fillers * fillerRow.length);
        const filler = fillerRow.repeat(fillers) + (pad > 0 ? `${'p'.repeat(pad)}${d.repeat(rows[0]!.length - 1)}${newline}` : '');
        const file = writeFile(dir, `c${++n}.csv`, header + filler + body);
        const r = await readBack(file, { headerRow: 1, delimiter: d }, worker);
        expect(r.header).toEqual(rows[0]);
        const data = r.rows.slice(fillers + (pad > 0 ? 1 : 0));
        expect(data).toEqual(rows.slice(1));
        fs.rmSync(file);
      }),
      params(RUNS.chunkedRoundTrip),
    );
  }, 300_000);

  // Byte soups: valid text, invalid UTF-8, BOMs, UTF-16 pieces, quotes, line ends, control bytes.
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 8 }).map(utf8),
    fc.constantFrom(...[[0x80], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf5], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x22], [0x0d], [0x0a], [0x0d, 0x0a], [0x2c], [0x09], [0x3b], [0x1a], [0x0c], [0x00], [0x41, 0x00]].map((b) => Buffer.from(b))),
    fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
  );
  const soup = fc.array(piece, { minLength: 1, maxLength: 60 }).map((ps) => Buffer.concat(ps));

  it('inspect, sample and read take any byte soup: a result or a WinnowError, and every cell read is well-formed text', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(soup, fc.boolean(), async (bytes, worker) => {
        const r = await winnowOnly(readBack(writeFile(dir, `s${++n}.csv`, bytes), {}, worker));
        if (r instanceof WinnowError) {
          expect(r.message.length).toBeGreaterThan(0);
          return;
        }
        for (const row of [r.header, ...r.rows]) for (const c of row) expect(c.isWellFormed()).toBe(true);
      }),
      params(RUNS.byteSoup),
    );
  }, 300_000);

  it('the sniffers answer from their sets for any text, however long its lines', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', ';', '\t', '|', '"', '\n', '\r', ' '), maxLength: 5000 }), (text) => {
        expect([',', ';', '\t', '|']).toContain(detectDelimiter(text));
        expect(['\n', '\r\n', '\r']).toContain(detectNewline(text));
        const enc = detectEncoding(utf8(text), true);
        expect(enc.encoding.length).toBeGreaterThan(0);
      }),
      params(RUNS.normalizers),
    );
  });
});

describe('workbook reader', () => {
  const good = (): ZipPart[] => [...workbookParts([{ name: 'People', target: 'worksheets/sheet1.xml' }]), { name: 'xl/worksheets/sheet1.xml', data: sheetXml(PEOPLE.map((r, i) => inlineRow(i + 1, r)).join('')) }];
  const goodZip = zipParts(good());
  // Where the central directory starts and how many entries it has, to aim damage at its fields.
  const eocd = goodZip.length - 22;
  const centrals: number[] = [];
  for (let at = goodZip.readUInt32LE(eocd + 16); at < eocd; at += 46 + goodZip.readUInt16LE(at + 28)) centrals.push(at);

  it('damaged ZIP directories (sizes, offsets, counts, methods, flags, names) end in a WinnowError or a result, never a crash or a hang', async () => {
    const dir = tempDir();
    let n = 0;
    // Field offsets in a central directory record (46 bytes + name) and in the end record.
    const fields = fc.oneof(
      fc.constantFrom(...[[8, 2], [10, 2], [12, 4], [16, 4], [20, 2]].map(([at, width]) => ({ where: 'eocd' as const, at: at!, width: width! }))),
      fc.constantFrom(...[[8, 2], [10, 2], [20, 4], [24, 4], [28, 2], [30, 2], [32, 2], [42, 4]].map(([at, width]) => ({ where: 'central' as const, at: at!, width: width! }))),
    );
    const value = fc.oneof(fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x7fffffff, 8, 12, 99), fc.nat());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fields, value, fc.nat(5)), { minLength: 1, maxLength: 4 }), async (edits) => {
        const bytes = Buffer.from(goodZip);
        for (const [f, v, entry] of edits) {
          const base = f.where === 'central' ? centrals[entry % centrals.length]! : eocd;
          if (f.width === 2) bytes.writeUInt16LE(v & 0xffff, base + f.at);
          else bytes.writeUInt32LE(v >>> 0, base + f.at);
        }
        const started = performance.now();
        await winnowOnly(readBack(writeFile(dir, `z${++n}.xlsx`, bytes)));
        expect(performance.now() - started).toBeLessThan(10_000);
      }),
      params(RUNS.zipDirectory),
    );
  }, 300_000);

  // Sheet XML pieces: odd references, types, styles, entities, nesting, and cuts.
  const ref = fc.oneof(fc.constantFrom('A1', 'XFD1', 'XFE1', 'ZZZZZZZZ1', 'a1', '1', '', 'A', 'A0', 'A-1', 'A99999999999', '$A$1', 'AAA1048577'), fc.string({ maxLength: 6 }));
  const type = fc.constantFrom('', ' t="s"', ' t="inlineStr"', ' t="b"', ' t="e"', ' t="str"', ' t="d"', ' t="n"', ' t="zz"');
  const val = fc.oneof(fc.constantFrom('0', '1', '-1', '1e308', '1e309', 'NaN', '45000.5', '99999999', '', '&amp;', '&#0;', '&#xD800;', '&#x1F600;', '&bogus;', '<![CDATA[x<y]]>'), fc.string({ maxLength: 8 }).map(escapeXml));
  const cellXml = fc.tuple(ref, type, fc.constantFrom('', ' s="0"', ' s="99999"', ' s="-1"', ' s="x"'), val, fc.constantFrom('v', 'is', 'f')).map(([r, t, s, v, tag]) =>
    tag === 'is' ? `<c r="${escapeXml(r)}"${t}${s}><is><t>${v}</t></is></c>` : `<c r="${escapeXml(r)}"${t}${s}><${tag}>${v}</${tag}></c>`,
  );
  const rowXml = fc.tuple(fc.constantFrom('', ' r="1"', ' r="2"', ' r="1048576"', ' r="1048577"', ' r="0"', ' r="-5"', ' r="x"', ' r="4294967296"'), fc.array(cellXml, { maxLength: 5 })).map(([r, cs]) => `<row${r}>${cs.join('')}</row>`);
  const mutation = fc.oneof(fc.constant('none'), fc.constant('cut'), fc.constant('drop-close'), fc.constant('dup-open'));

  it('any sheet XML of odd cells, rows and entities, whole or cut: a WinnowError or rows of well-formed text, never a crash or a hang', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rowXml, { maxLength: 8 }), mutation, fc.nat(), fc.option(fc.array(val, { maxLength: 4 })), async (rows, how, at, strings) => {
        let xml = sheetXml(inlineRow(1, ['Name', 'Value']) + rows.join(''));
        if (how === 'cut') xml = xml.slice(0, at % xml.length);
        if (how === 'drop-close') xml = xml.replace('</row>', '');
        if (how === 'dup-open') xml = xml.replace('<sheetData>', '<sheetData><sheetData>');
        const parts = [...workbookParts([{ name: 'S', target: 'worksheets/sheet1.xml' }], strings ? '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''), { name: 'xl/worksheets/sheet1.xml', data: xml }];
        if (strings) parts.push({ name: 'xl/sharedStrings.xml', data: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>` });
        const started = performance.now();
        const r = await winnowOnly(readBack(writeFile(dir, `x${++n}.xlsx`, zipParts(parts))));
        expect(performance.now() - started).toBeLessThan(10_000);
        if (r instanceof WinnowError) return;
        for (const row of [r.header, ...r.rows]) {
          expect(row.length).toBeLessThanOrEqual(16_384);
          for (const c of row) expect(c.isWellFormed()).toBe(true);
        }
      }),
      params(RUNS.sheetXml),
    );
  }, 300_000);
});

describe('normalizers on hostile text', () => {
  const tables: CleanTables = { zips: loadZipTable('resources'), email: loadEmailLists('resources'), defaultCountry: 'US' };
  // Lone surrogates, combining marks, zero-width and direction controls, NUL and C0, full-width forms, and ordinary list text.
  const hostileChar = fc.constantFrom(
    ...'aZ09 .,-\'&@#/()+;:"'.split(''),
    '\uD800', '\uDFFF', '\u0301', '\u200B', '\u200E', '\u202E', '\uFEFF', '\u0000', '\u0007', '\t', '\n', '\r', '\u00A0', '\uFF21', '\uFF10', 'ß', 'İ', 'ı', 'ﬁ', 'é', '東', '😀', 'Ⅻ', '½',
  );
  const hostile = fc.string({ unit: hostileChar, maxLength: 40 });
  const words = fc.constantFrom('123', 'N', 'Main', 'St', 'Apt', '4B', 'PO', 'Box', 'Mr', 'Dr', 'Jr', 'III', 'Inc', 'LLC', 'The', 'Co', 'van', 'der', "O'Brien", 'McDonald', '@', 'gmail.com', '+1', '(212)', '555-0100', 'ext', '02108', '-', ',', '.', '&');
  const listy = fc.array(fc.oneof(words, hostile), { maxLength: 8 }).map((ws) => ws.join(' '));
  const text = fc.oneof(hostile, listy);
  const wf = (s: string | null | undefined) => s === null || s === undefined || s.isWellFormed();

  it('each normalizer takes any text without throwing, gives well-formed text, and normalizing twice equals once', () => {
    fc.assert(
      fc.property(text, (s) => {
        // properCaseName's twice-equals-once is proven in names.test.ts on name-like text. On this alphabet it fails
        // (open finding, issue 9): a word mixing CJK or full-width letters with İ/Ａ is re-cased ("東東İ" → "東東i̇",
        // "東Ａ" → "東ａ"), which flips the whole name's one-case verdict, so a second pass capitalizes "der" → "Der".
        const cased = properCaseName(s);
        expect(wf(cased)).toBe(true);

        const person = parsePersonName(s);
        expect(wf(formatName(person))).toBe(true);

        const co = normalizeCompany(s);
        expect(wf(co.display)).toBe(true);
        expect(wf(co.key)).toBe(true);
        expect(normalizeCompany(co.display).display).toBe(co.display);
        expect(companyKey(co.display)).toBe(co.key);

        const em = normalizeEmail(s, tables.email);
        expect(wf(em.value)).toBe(true);
        expect(normalizeEmail(em.value, tables.email).value).toBe(em.value);

        const ph = normalizePhone(s);
        expect(wf(ph.value)).toBe(true);
        expect(normalizePhone(ph.value).value).toBe(ph.value);

        const ad = cleanAddress(s, '');
        expect(wf(ad.line1) && wf(ad.line2)).toBe(true);
        const again = cleanAddress(ad.line1, ad.line2);
        expect([again.line1, again.line2]).toEqual([ad.line1, ad.line2]);

        const st = normalizeState(s);
        if (st.code) expect(normalizeState(st.code).code).toBe(st.code);

        const z = parseZip(s);
        if (z.zip5) expect(parseZip(formatZip(z))).toMatchObject({ zip5: z.zip5, zip4: z.zip4 });
      }),
      params(RUNS.normalizers),
    );
  });

  // Long runs of one character or pattern are what make a regular expression backtrack for seconds.
  const run = fc.tuple(fc.constantFrom(' ', '.', ',', '-', '@', 'a', '1', 'a.', '1-', 'a@', '((', '&', "'", 'Mc', 'Box ', 'Apt ', '#', 'é', '\u0301', '\uD800'), fc.integer({ min: 500, max: 20_000 }), fc.constantFrom('', '!', '@', 'x', ' St', '\uD800'));

  it('no normalizer takes more than a second on 20,000-character runs built to make a regular expression backtrack', () => {
    fc.assert(
      fc.property(run, ([unit, times, end]) => {
        const s = unit.repeat(Math.ceil(times / unit.length)).slice(0, times) + end;
        const jobs: [string, () => unknown][] = [
          ['properCaseName', () => properCaseName(s)],
          ['parsePersonName', () => parsePersonName(s)],
          ['parseNameFields', () => parseNameFields({ first: s, last: s })],
          ['normalizeCompany', () => normalizeCompany(s)],
          ['normalizeEmail', () => normalizeEmail(s, tables.email)],
          ['normalizePhone', () => normalizePhone(s)],
          ['cleanAddress', () => cleanAddress(s, s)],
          ['normalizeState', () => normalizeState(s)],
          ['parseZip', () => parseZip(s)],
        ];
        for (const [name, job] of jobs) {
          const t0 = performance.now();
          job();
          const ms = performance.now() - t0;
          expect(ms, `${name} on ${JSON.stringify(unit)} × ${times} + ${JSON.stringify(end)}`).toBeLessThan(1000);
        }
      }),
      params(RUNS.backtracking),
    );
  });

  it('cleanRecord takes any hostile record: no throw, every output well-formed, quality 0-100, cleaning the cleaned address and contact again changes nothing', () => {
    const field = fc.oneof(text, fc.constant(''));
    const record = fc.record(
      { full_name: field, first_name: field, last_name: field, company: field, title: field, email: field, phone: field, address1: field, address2: field, city: field, state: field, zip: field },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(record, (v: CanonicalValues) => {
        const once = cleanRecord(v, tables);
        const strings = [once.firstName, once.lastName, once.company, once.email, once.phone, once.address1, once.address2, once.city, once.state, once.zip5, once.zip4, ...once.qualityReasons, ...once.issues.map((i) => i.message)];
        for (const s of strings) expect(wf(s)).toBe(true);
        expect(once.quality).toBeGreaterThanOrEqual(0);
        expect(once.quality).toBeLessThanOrEqual(100);
        const again = cleanRecord(
          { company: once.company, email: once.email, phone: once.phone, address1: once.address1, address2: once.address2, city: once.city, state: once.state, zip: once.zip4 ? `${once.zip5}-${once.zip4}` : once.zip5 },
          tables,
        );
        expect([again.company, again.email, again.phone, again.address1, again.address2, again.city, again.state, again.zip5, again.zip4]).toEqual([
          once.company, once.email, once.phone, once.address1, once.address2, once.city, once.state, once.zip5, once.zip4,
        ]);
      }),
      params(RUNS.cleanRecord),
    );
  });
});
