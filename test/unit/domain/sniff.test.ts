// Covers sniffing a file's first bytes: encoding (BOMs, UTF-16, UTF-8, Windows-1252), binary files, delimiter and line ending.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  canonicalEncoding,
  DELIMITERS,
  describeDelimiter,
  detectBinary,
  detectBom,
  detectContainer,
  detectDelimiter,
  detectEncoding,
  detectNewline,
  guessSingleByte,
  parseDelimiterOption,
  scanUtf8,
} from '../../../src/domain/sniff';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  return new Uint8Array(le.swap16());
};
const bytes = (...xs: (number | string | Uint8Array)[]) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'number' ? [x] : typeof x === 'string' ? [...Buffer.from(x, 'latin1')] : [...x])));

const CSV = 'name,city\r\nJosé Müller,Zürich\r\nAnn Lee,Boston\r\n';

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 BOM', 'utf-8', 3, bytes(0xef, 0xbb, 0xbf, utf8(CSV))],
    ['UTF-16LE BOM', 'utf-16le', 2, bytes(0xff, 0xfe, utf16le(CSV))],
    ['UTF-16BE BOM', 'utf-16be', 2, bytes(0xfe, 0xff, utf16be(CSV))],
    ['UTF-16LE without BOM', 'utf-16le', 0, utf16le(CSV)],
    ['UTF-16BE without BOM', 'utf-16be', 0, utf16be(CSV)],
    ['plain ASCII', 'utf-8', 0, utf8('name,email\nAnn,ann@example.com\n')],
    ['UTF-8 with "José Müller"', 'utf-8', 0, utf8(CSV)],
    ['UTF-8 CJK and emoji', 'utf-8', 0, utf8('名前,メモ\n山田,😀\n')],
    ['Windows-1252 é (0xE9) mid-text', 'windows-1252', 0, bytes('name\nJos', 0xe9, ',Z', 0xfc, 'rich\n')],
    ['Windows-1252 curly quotes and euro (0x93 0x94 0x80)', 'windows-1252', 0, bytes('note\n', 0x93, 'hi', 0x94, ' ', 0x80, '5\n')],
    ['Latin-1 ñ followed by ASCII', 'windows-1252', 0, bytes('Pe', 0xf1, 'a,Madrid\n')],
  ])('reads %s as %s', (_what, encoding, bomLength, sample) => {
    const guess = detectEncoding(sample, true);
    expect(guess.encoding).toBe(encoding);
    expect(guess.bomLength).toBe(bomLength);
    expect(guess.reason.length).toBeGreaterThan(0);
  });

  it('says ASCII when there are no high bytes and UTF-8 when there are', () => {
    expect(detectEncoding(utf8('a,b\n1,2\n'), true).reason).toMatch(/ASCII/);
    expect(detectEncoding(utf8('a,b\nJosé,2\n'), true).reason).toMatch(/UTF-8/);
  });

  it('forgives a UTF-8 character cut off by the end of a sample, but not at the end of the whole file', () => {
    const whole = utf8('name\nJosé');
    const cut = whole.subarray(0, whole.length - 1); // ends with 0xC3, the first byte of é
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('windows-1252');
    // A lone Windows-1252 é at the very end of a complete file is not UTF-8.
    expect(detectEncoding(bytes('name\nJos', 0xe9), true).encoding).toBe('windows-1252');
  });

  it('finds byte-order marks and nothing else', () => {
    expect(detectBom(bytes(0xef, 0xbb, 0xbf, 'a'))).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(detectBom(bytes(0xff, 0xfe, 'a', 0))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectBom(bytes(0xfe, 0xff, 0, 'a'))).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
    expect(detectBom(bytes(0xef, 0xbb, 'a'))).toBeNull();
    expect(detectBom(new Uint8Array(0))).toBeNull();
  });

  it('decodes each guessed sample back to the original text', () => {
    for (const sample of [bytes(0xff, 0xfe, utf16le(CSV)), utf16be(CSV), utf8(CSV)]) {
      const g = detectEncoding(sample, true);
      expect(new TextDecoder(g.encoding).decode(sample.subarray(g.bomLength))).toBe(CSV);
    }
    const cp1252 = bytes('Jos', 0xe9, ',', 0x93, 'x', 0x94, '\n');
    const g = detectEncoding(cp1252, true);
    expect(new TextDecoder(g.encoding).decode(cp1252)).toBe('José,“x”\n');
  });
});

describe('single-byte encodings', () => {
  const enc = (label: string, s: string) => {
    // Encode by searching each character's byte in the decoder's table (test-only; tiny inputs).
    const dec = new TextDecoder(label);
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
    return new Uint8Array([...s].map((c) => table.get(c)!));
  };

  it.each([
    ['Windows-1252 names', 'windows-1252', 'name,city\nJosé Müller,Zürich\nRenée Faßbender,Köln\n'],
    ['Windows-1252 curly quotes, dashes and euro', 'windows-1252', 'note\n“Best” – only €5 — call\n'],
    ['Windows-1252 Scandinavian and Spanish', 'windows-1252', 'name\nÅsa Ørsted\nPeña Núñez\n'],
    ['Mac Roman names', 'macintosh', 'name,city\nJosé Müller,Zürich\nRenée Faßbender,Köln\nFrançois Lefèvre,Nîmes\n'],
    ['ISO-8859-15 prices in euros', 'iso-8859-15', 'item;price\nA;5 €\nB;7 €\nC;9 €\nD;2 €\nE;3 €\n'],
  ])('reads %s as %s and quotes a word', (_what, label, text) => {
    const g = guessSingleByte(enc(label, text));
    expect(g.encoding).toBe(label);
    expect(new TextDecoder(g.encoding).decode(enc(label, text))).toBe(text);
    expect(g.reason).toMatch(/reads right/);
  });

  it('counts multi-byte characters and invalid bytes, and where the first invalid byte is', () => {
    expect(scanUtf8(utf8('aé東😀'))).toEqual({ multibyte: 3, invalid: 0, firstInvalid: -1 });
    expect(scanUtf8(bytes('ab', 0xe9, 'c', 0xc3, 0xa9))).toEqual({ multibyte: 1, invalid: 1, firstInvalid: 2 });
    // Overlong forms and UTF-16 surrogates are not UTF-8.
    expect(scanUtf8(bytes(0xc0, 0xaf, 0xed, 0xa0, 0x80)).multibyte).toBe(0);
  });

  it('knows encoding labels the way TextDecoder does', () => {
    expect(canonicalEncoding('latin1')).toBe('windows-1252');
    expect(canonicalEncoding(' UTF8 ')).toBe('utf-8');
    expect(canonicalEncoding('mac')).toBe('macintosh');
    expect(canonicalEncoding('klingon')).toBeNull();
  });

  it('takes delimiters as characters or words', () => {
    expect([',', 'comma', '\t', 'Tab', '\\t', ';', 'semicolon', '|', 'PIPE'].map(parseDelimiterOption)).toEqual([',', ',', '\t', '\t', '\t', ';', ';', '|', '|']);
    expect(parseDelimiterOption(':')).toBeNull();
  });

  it('recognizes a workbook or an OLE file by signature, whatever the name', () => {
    expect(detectContainer(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('zip');
    expect(detectContainer(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1))).toBe('ole');
    expect(detectContainer(utf8('a,b\n'))).toBeNull();
  });
});

describe('detectBinary', () => {
  it.each([
    ['a ZIP / .xlsx workbook', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, '[Content_Types].xml'), /ZIP/],
    ['a PDF', bytes('%PDF-1.7\n%', 0xe2, 0xe3, '\n1 0 obj'), /PDF/],
    ['a PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'IHDR'), /PNG/],
    ['a SQLite database', bytes('SQLite format 3', 0, 0x10, 0, 1, 1), /SQLite/],
    ['an old .xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), /Office/],
    ['a gzip archive', bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0), /gzip/],
  ])('calls %s binary and names it', (_what, sample, reason) => {
    const v = detectBinary(sample);
    expect(v.binary).toBe(true);
    if (v.binary) expect(v.reason).toMatch(reason);
  });

  it('calls text with a NUL byte binary and says where', () => {
    const v = detectBinary(bytes('name,email\nAnn,ann@example.com', 0, 'x\n'));
    expect(v).toMatchObject({ binary: true, offset: 30, byte: 0 });
  });

  it('calls a run of control bytes binary', () => {
    const noise = bytes('id,val\n', ...Array.from({ length: 40 }, (_, i) => 1 + (i % 7)), '\n');
    expect(detectBinary(noise).binary).toBe(true);
  });

  it.each([
    ['plain CSV', utf8(CSV)],
    ['tabs, form feeds and a DOS end-of-file mark', bytes('a\tb\r\n1\t2\f\r\n', 0x1a)],
    ['a few stray control bytes in a long text', bytes('x'.repeat(4000), 0x01, 0x02, 0x03, '\n')],
    ['UTF-16LE with BOM (NULs are part of the encoding)', bytes(0xff, 0xfe, utf16le(CSV))],
    ['UTF-16BE without BOM', utf16be(CSV)],
    ['Windows-1252 text', bytes('Jos', 0xe9, ',M', 0xfc, 'ller\n')],
    ['an empty sample', new Uint8Array(0)],
  ])('does not call %s binary', (_what, sample) => {
    expect(detectBinary(sample)).toEqual({ binary: false });
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'name,email,zip\nAnn,ann@x.com,02134\nBob,bob@x.com,10001\n', ','],
    ['tab', 'name\temail\tzip\nAnn\tann@x.com\t02134\nBob\tbob@x.com\t10001\n', '\t'],
    ['semicolon', 'name;email;zip\nAnn;ann@x.com;02134\n', ';'],
    ['pipe', 'name|email|zip\nAnn|ann@x.com|02134\n', '|'],
    ['semicolons with European decimal commas', 'item;price;qty\nPen;1,5;2\nInk;12,75;10\nPad;3,0;1\n', ';'],
    ['comma with semicolons inside quotes', 'name,address\n"Smith; John","1 Main St; Apt 2"\n"Lee; Ann","9 Elm; Fl 3"\n', ','],
    ['semicolon with commas inside quotes', 'name;address\n"Smith, John";"1 Main St, Apt 2"\n"Lee, Ann";"9 Elm, Fl 3"\n', ';'],
    ['tab with commas in unquoted cells', 'name\tnote\nAnn\tfirst, second, third\nBob\tone, two\n', '\t'],
    ['comma with a quoted cell spanning lines', 'name,note\nAnn,"line one;\nline two;"\nBob,plain\n', ','],
    ['comma with doubled quotes', 'name,quote\n"Ann ""A;B"" Lee",x\nBob,y\n', ','],
    ['comma, CRLF line endings', 'a,b,c\r\n1,2,3\r\n4,5,6\r\n', ','],
    ['a one-column file (defaults to comma)', 'email\nann@x.com\nbob@x.com\n', ','],
    ['a header only', 'first;last;zip', ';'],
  ])('detects %s', (_what, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('describes each delimiter in words', () => {
    expect(DELIMITERS.map(describeDelimiter)).toEqual(['comma', 'tab', 'semicolon', 'pipe']);
  });
});

describe('detectNewline', () => {
  it.each([
    ['CRLF', 'a,b\r\n1,2\r\n', '\r\n'],
    ['LF', 'a,b\n1,2\n', '\n'],
    ['CR (classic Mac)', 'a,b\r1,2\r', '\r'],
    ['no line break at all', 'a,b', '\n'],
    ['CRLF rows after a header cell with an LF inside quotes', 'id,"note\nmore"\r\n1,x\r\n', '\r\n'],
    ['LF rows after a quoted CRLF', 'id,"a\r\nb"\n1,x\n', '\n'],
    ['CR rows after a quoted LF', 'id,"a\nb"\r1,x\r', '\r'],
  ])('detects %s', (_what, text, newline) => {
    expect(detectNewline(text)).toBe(newline);
  });
});

describe('properties', () => {
  it('detectEncoding, detectBinary and detectBom never throw on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), (sample, complete) => {
        const g = detectEncoding(sample, complete);
        expect(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-15', 'macintosh']).toContain(g.encoding);
        expect(g.bomLength).toBeLessThanOrEqual(sample.length);
        // Whatever is guessed must decode the sample without throwing.
        new TextDecoder(g.encoding).decode(sample.subarray(g.bomLength));
        detectBinary(sample);
        detectBom(sample);
      }),
      { numRuns: 500 },
    );
  });

  it('any valid UTF-8 text (no BOM, no NULs) is read as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), (s) => {
        fc.pre(!s.includes('\0') && !s.startsWith('\uFEFF'));
        const sample = utf8(s);
        // UTF-16 is recognized by a NUL pattern, which text without NULs cannot have.
        expect(detectEncoding(sample, true).encoding).toBe('utf-8');
      }),
      { numRuns: 300 },
    );
  });

  it('detectDelimiter and detectNewline never throw on any text and always answer from their sets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        expect(DELIMITERS).toContain(detectDelimiter(text));
        expect(['\n', '\r\n', '\r']).toContain(detectNewline(text));
      }),
      { numRuns: 500 },
    );
  });

  // Cells are letters, digits and spaces, plus the table's own delimiter, quotes and line breaks (which papaparse
  // quotes). Other delimiters are left out on purpose: a comma file whose cells hold more semicolons than commas
  // is genuinely ambiguous, and no sniffer can promise to read it.
  const cellChar = (d: string) => fc.constantFrom(...'abcXYZ0123 '.split(''), d, '"', '\n', '\r\n');
  const table = (d: string) =>
    fc.integer({ min: 2, max: 6 }).chain((cols) =>
      fc.array(
        fc.array(
          fc.array(cellChar(d), { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')).filter((c) => /[a-zA-Z0-9]/.test(c)),
          { minLength: cols, maxLength: cols },
        ),
        { minLength: 2, maxLength: 12 },
      ),
    );

  it('finds the delimiter of any table of 2+ columns and 2+ rows that papaparse writes with it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DELIMITERS).chain((d) => fc.tuple(fc.constant(d), table(d), fc.constantFrom('\n', '\r\n'))),
        ([d, rows, newline]) => {
          const text = Papa.unparse(rows, { delimiter: d, newline, quotes: false });
          expect(detectDelimiter(text + newline)).toBe(d);
          expect(detectDelimiter(text)).toBe(d);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the row line ending of any such table, whatever line breaks hide inside quoted cells', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DELIMITERS).chain((d) => fc.tuple(fc.constant(d), table(d), fc.constantFrom('\n', '\r\n'))),
        ([d, rows, newline]) => {
          const text = Papa.unparse(rows, { delimiter: d, newline, quotes: false });
          expect(detectNewline(text + newline)).toBe(newline);
        },
      ),
      { numRuns: 400 },
    );
  });
});
