// Property tests of readTable: any table written in any supported encoding and delimiter reads back cell for cell; no bytes crash it.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { WinnowError } from '../../../src/api/contract';
import { cleanupAfterEach, tempDir, writeFile } from '../../fixtures/helpers';
import { readBack } from '../../fixtures/formats/read-back';
import { handWrittenXlsx } from '../../fixtures/formats/xlsx';

cleanupAfterEach();

/** Characters Windows-1252 can write, beside ASCII (the printable Latin-1 range and its 0x80-0x9F extras). */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const CP1252_CODES = [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f];
const LATIN1 = Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

function encodeCp1252(s: string): Buffer {
  return Buffer.from(
    [...s].map((c) => {
      const k = CP1252_EXTRA.indexOf(c);
      return k >= 0 ? CP1252_CODES[k]! : c.charCodeAt(0);
    }),
  );
}

type Enc = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
function encode(text: string, enc: Enc): Buffer {
  switch (enc) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'windows-1252':
      return encodeCp1252(text);
  }
}

/** C0 controls other than tab and line breaks would make the file look binary (tested elsewhere). */
const noControls = (s: string) => ![...s].some((c) => (c < ' ' && c !== '\t' && c !== '\n' && c !== '\r') || c === '\u007f');
const unicodeCell = fc.string({ unit: 'binary', maxLength: 12 }).filter(noControls);
const special = fc.constantFrom('"', '""', '\n', '\r\n', '\r', ',', ';', '\t', '|', ' ', 'José', 'Müller', '😀', '東京');
const cp1252Cell = fc.string({ unit: fc.constantFrom(...'abcXYZ019 ,;|\t"\n\r', ...CP1252_EXTRA, ...LATIN1), maxLength: 10 });

const tableOf = (cell: fc.Arbitrary<string>) =>
  fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 }));

describe('readTable round trips (property)', () => {
  it('reads back any table written as CSV in any supported encoding, delimiter and line ending', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Enc>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252').chain((enc) =>
          fc.tuple(
            fc.constant(enc),
            tableOf(enc === 'windows-1252' ? cp1252Cell : fc.oneof(unicodeCell, special, fc.array(special, { maxLength: 3 }).map((x) => x.join('')))),
            fc.constantFrom(',', ';', '\t', '|'),
            fc.constantFrom('\n', '\r\n'),
            fc.boolean(),
          ),
        ),
        async ([enc, rows, d, newline, sayDelimiter]) => {
          // A row of one empty cell is a blank line; a table of only whitespace is an empty file (both tested elsewhere).
          fc.pre(rows.every((r) => !(r.length === 1 && r[0] === '')));
          fc.pre(rows.some((r) => r.some((c) => c.trim().length > 0)));
          const text = Papa.unparse(rows, { delimiter: d, newline, quotes: true }) + newline;
          const file = writeFile(dir, `p${++n}.csv`, encode(text, enc));
          const cols = rows[0]!.length;
          // One column has no delimiter to find; Windows-1252 is named because no detector can tell random Latin-1 from Mac Roman.
          const options = {
            headerRow: 1,
            ...(sayDelimiter || cols === 1 ? { delimiter: d } : {}),
            ...(enc === 'windows-1252' ? { encoding: 'windows-1252' } : {}),
          };
          const r = await readBack(file, options);
          expect(r.delimiter).toBe(d);
          expect(r.encoding).toBe(enc === 'utf-8-bom' ? 'utf-8' : enc);
          expect([r.header, ...r.rows]).toEqual(rows);
          expect(r.problems).toEqual([]);
        },
      ),
      { numRuns: 250 },
    );
  }, 120_000);

  it('never crashes on random bytes: inspect, sample and read return or throw a WinnowError', async () => {
    const dir = tempDir();
    let n = 0;
    const prefixes = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0], [...Buffer.from('a,b\r\n"x')]];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 3000 }), async (prefix, body) => {
        const file = writeFile(dir, `r${++n}.csv`, Buffer.concat([Buffer.from(prefix), body]));
        try {
          await readBack(file);
        } catch (err) {
          if (!(err instanceof WinnowError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('never crashes on a workbook with damaged bytes anywhere', async () => {
    const dir = tempDir();
    const good = handWrittenXlsx({
      sheets: [{ name: 'S', rowsXml: Array.from({ length: 40 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i % 3}</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('') }],
      sharedStrings: ['a', 'b', 'c'],
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat(good.length), async (flips, cut) => {
        const bytes = Buffer.from(good.subarray(0, Math.max(cut, 4)));
        for (const [at, x] of flips) if (at < bytes.length) bytes[at] = bytes[at]! ^ x;
        try {
          await readBack(writeFile(dir, `w${++n}.xlsx`, bytes));
        } catch (err) {
          if (!(err instanceof WinnowError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
