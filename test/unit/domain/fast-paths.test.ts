// Proves the speed-ups in the normalizers (ASCII fast paths, the simple-name path, memo tables, the typo bound) change no output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { cleanAddress, cleanAddressText, cleanAddressTextFull, parseAddress, standardizeAddress } from '../../../src/domain/address';
import { normalizeCompany } from '../../../src/domain/companies';
import { suggestDomain, typoDistance } from '../../../src/domain/email';
import { cleanText, cleanTextFull, looksLikeCompany, parseNameFields, parseNameFieldsGeneral, parsePersonName } from '../../../src/domain/names';

/** The distance as first written (nested arrays): the typed-array version must agree with it everywhere. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Text mixing ASCII (controls, backticks, tabs) with the non-ASCII characters the full paths exist for. */
const mixedText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }),
  fc.array(fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\x00', '\x1f', '\x7f', '`', "'", '.', '#', '-', ',', '½', 'é', 'e\u0301', 'ß', 'ﬁ', '\u2019', '\u200B', '\uD800', 'ı', 'ſ', 'Ａ'), { maxLength: 12 }).map((a) => a.join('')),
);

describe('ASCII fast paths', () => {
  it('cleanText equals the full Unicode clean-up', () => {
    fc.assert(fc.property(mixedText, (s) => {
        expect(cleanText(s)).toBe(cleanTextFull(s));
      }), { numRuns: 20_000 });
  });
  it('cleanAddressText equals the full clean-up', () => {
    fc.assert(fc.property(mixedText, (s) => {
        expect(cleanAddressText(s)).toBe(cleanAddressTextFull(s));
      }), { numRuns: 20_000 });
  });
});

/** Special words of every kind the name parser branches on, in several casings. */
const SPECIAL = ['mr', 'Dr', 'MISS', 'judge', 'sister', 'jr', 'SR', 'iii', 'iv', 'v', 'md', 'phd', 'esq', 'do', 'ma', 'van', 'de', 'la', 'st', 'san', 'y', 'al', 'el', 'du', 'na', 'none', 'test', 'resident', 'tbd',
  'inc', 'llc', 'co', 'corp', 'company', 'church', 'law', 'bank', 'trust', 'center', 'city', 'and', 'or', 'the', 'of', 'dba', 'attn', 'estate', 'family', 'household', 'sons', 'associates', 'macdonald', 'mckay', 'deluca', 'obrien', 'x', 'aa', 'ii'];
const word = fc.oneof(
  fc.constantFrom(...SPECIAL, 'john', 'MARY', 'Smith', 'deShawn', 'mcdonald', 'MACY', 'Le', 'Ng', 'O', 'Al'),
  fc.stringMatching(/^[A-Za-z]{1,9}$/),
);
const casing = (w: string, k: number) => (k === 0 ? w : k === 1 ? w.toUpperCase() : k === 2 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase());
const cased = fc.tuple(word, fc.integer({ min: 0, max: 3 })).map(([w, k]) => casing(w, k));
const initial = fc.tuple(fc.constantFrom(...'abcdjmvyxAJMVYX'), fc.constantFrom('', '.')).map(([c, d]) => c + d);

describe('parseNameFields simple-name path', () => {
  it('equals the full parse for one-word and word-plus-initial first names', () => {
    const firsts = fc.oneof(cased, fc.tuple(cased, initial).map(([w, i]) => `${w} ${i}`), fc.tuple(cased, cased).map(([a, b]) => `${a} ${b}`));
    fc.assert(
      fc.property(firsts, cased, fc.constantFrom(undefined, null, '', 'x'), (first, last, other) => {
        const fields = { first, last, middle: other };
        expect(parseNameFields(fields)).toEqual(parseNameFieldsGeneral(fields));
      }),
      { numRuns: 30_000 },
    );
  });

  it('cases plain words (camel, Mac and Mc names included, in any casing) as the full parse does', () => {
    const names = ['deluca', 'desantis', 'leblanc', 'dubois', 'vandyke', 'fitzgerald', 'fitzpatrick', 'macdonald', 'macarthur', 'maclean', 'macy', 'mack',
      'machado', 'mcdonald', 'mckay', 'mcx', 'mc', 'mac', 'macd', 'obrien', 'smith', 'ng', 'oconnor', 'dimaggio', 'lasalle', 'maccallum'];
    const plain = fc.oneof(fc.constantFrom(...names), fc.stringMatching(/^(mc|mac|de|la|le|di|du)?[A-Za-z]{1,8}$/));
    const anyCase = fc.tuple(plain, fc.integer({ min: 0, max: 4 }), fc.array(fc.boolean(), { maxLength: 12 })).map(([w, k, flips]) =>
      k < 4 ? casing(w, k) : [...w].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
    fc.assert(
      fc.property(anyCase, anyCase, (first, last) => {
        const fields = { first, last };
        expect(parseNameFields(fields)).toEqual(parseNameFieldsGeneral(fields));
      }),
      { numRuns: 30_000 },
    );
  });

  it('equals the full parse on generated list rows', () => {
    for (const r of generateRows(5000, 11)) {
      const fields = { first: r[0], last: r[1] };
      expect(parseNameFields(fields)).toEqual(parseNameFieldsGeneral(fields));
    }
  });
});

describe('cleanAddress shortcut for input that already prints as itself', () => {
  it('equals standardizeAddress(parseAddress(…)) on generated rows, their prints and random text', () => {
    const rows = generateRows(3000, 13);
    const pairs: [string, string][] = rows.flatMap((r) => {
      const once = cleanAddress(r[4]!, r[5]);
      return [[r[4]!, r[5]!] as [string, string], [once.line1, once.line2] as [string, string]];
    });
    for (const [a, b] of pairs) {
      const full = standardizeAddress(parseAddress(a, b));
      const fast = cleanAddress(a, b);
      expect({ line1: fast.line1, line2: fast.line2 }).toEqual(full);
      expect(fast.parsed).toEqual(parseAddress(a, b));
    }
    const piece = fc.constantFrom('1', '12B', 'N', 'MAIN', 'ST', 'AVE', 'APT', '4', '#', 'PO', 'BOX', 'REAR', 'KEY', 'RR', 'URB', 'LOT', 'FL', '2ND', 'HWY', 'ROUTE', 'é', 'Ö', '\t');
    const line = fc.array(piece, { maxLength: 7 }).map((a) => a.join(' '));
    fc.assert(
      fc.property(line, line, (a, b) => {
        const fast = cleanAddress(a, b);
        expect({ line1: fast.line1, line2: fast.line2 }).toEqual(standardizeAddress(parseAddress(a, b)));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('memo tables hand out copies', () => {
  it('a caller changing a parsed name, a company or a company check changes nothing for the next caller', () => {
    const a = parsePersonName('John & Jane Doe');
    a.issues.push({ code: 'x', message: 'y' });
    a.second!.issues.push({ code: 'x', message: 'y' });
    a.first = 'changed';
    expect(parsePersonName('John & Jane Doe')).toEqual(parsePersonName(' John  &  Jane Doe '));
    expect(parsePersonName('John & Jane Doe').first).toBe('John');
    expect(parsePersonName('John & Jane Doe').second!.issues.some((i) => i.code === 'x')).toBe(false);
    const c = normalizeCompany('IBM CORP');
    c.issues.push({ code: 'x', message: 'y' });
    expect(normalizeCompany('IBM CORP').issues).toEqual([]);
    const l = looksLikeCompany('Acme Inc');
    l.reasons.push('x');
    expect(looksLikeCompany('Acme Inc').reasons).not.toContain('x');
    const s = standardizeAddress(parseAddress('1 Main St'));
    s.line1 = 'changed';
    expect(standardizeAddress(parseAddress('1 Main St')).line1).toBe('1 MAIN ST');
  });

  it('results do not depend on what was normalized before (same answers cold and warm)', () => {
    const rows = generateRows(2000, 5);
    const first = rows.map((r) => [parseNameFields({ first: r[0], last: r[1] }), normalizeCompany(r[2]!), cleanAddress(r[4]!, r[5])]);
    const again = rows.map((r) => [parseNameFields({ first: r[0], last: r[1] }), normalizeCompany(r[2]!), cleanAddress(r[4]!, r[5])]);
    expect(again).toEqual(first);
  });
});

describe('e-mail typo search', () => {
  it('typoDistance equals the original nested-array version and is never below the length difference', () => {
    const s = fc.string({ maxLength: 12, unit: fc.constantFrom(...'abgilmo.cn') });
    fc.assert(
      fc.property(s, s, (a, b) => {
        const d = typoDistance(a, b);
        expect(d).toBe(referenceDistance(a, b));
        // The bound that lets suggestDomain skip a provider without computing the distance.
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
      { numRuns: 5_000 },
    );
  });

  it('still finds the usual typos', () => {
    expect(suggestDomain('gmial.com')).toBe('gmail.com');
    expect(suggestDomain('hotmial.con')).toBe('hotmail.com');
    expect(suggestDomain('horizonfitness.com')).toBeNull();
  });
});
