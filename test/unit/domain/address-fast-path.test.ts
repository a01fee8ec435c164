// Proves the address fast path (cleanAddressFast, used by cleanAddress and parseAddress) gives exactly what the general
// parse and the fixed-point re-read give, on the shapes it takes and on near misses it must leave alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { cleanAddress, cleanAddressFast, cleanAddressGeneral, cleanAddressText, cleanAddressTextFull, parseAddress, parseAddressGeneral, tokenize } from '../../../src/domain/address';
import { addressTableWords, STREET_SUFFIX_ABBREVIATIONS } from '../../../src/domain/usps';

const TABLE_WORDS = addressTableWords();
const casing = (w: string, k: number) => (k === 0 ? w : k === 1 ? w.toLowerCase() : w.slice(0, 1).toUpperCase() + w.slice(1).toLowerCase());
const cased = (a: fc.Arbitrary<string>) => fc.tuple(a, fc.integer({ min: 0, max: 2 }), fc.constantFrom('', '', '', '.')).map(([w, k, dot]) => casing(w, k) + dot);

const number = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) }, fc.constantFrom('12B', '1/2', '12-3', 'W12N3', 'ONE', 'Five', '0', '007', '#12', '12.5'));
const dir = fc.constantFrom('N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW', 'North', 'south', 'Northeast', 'SOUTHWEST', 'N.', 'N.E.', 'No');
const ordinal = fc.tuple(fc.integer({ min: 1, max: 199 }), fc.constantFrom('st', 'nd', 'rd', 'th', 'TH', 'ht', 'tn', '')).map(([n, s]) => `${n}${s}`);
const nearMiss = fc.constantFrom('Front', 'Key', 'Rear', 'Lot', 'Pier', 'Stop', 'Side', 'Canada', 'UK', 'PMB', 'Old', 'New', 'County', 'State', 'US', 'Hwy', 'Highway', 'Route', 'Rt', 'CR', 'SR', 'Box', 'PO', 'P', 'O', 'Urb', 'J', 'A', 'X', 'Apt', 'Unit', 'Suite', '#', 'Floor', '2nd', 'Of', 'The', 'é', 'Ö', 'A-1', "O'Neil", 'Mc-', '-', '&', 'Loop', 'Spur', 'Ave', 'Avenue', 'Rd', 'Fwy', 'Via', 'Farm', 'FM', 'Interstate', 'Private', 'Township');
const plain = fc.stringMatching(/^[A-Za-z]{2,8}$/);
const tableWord = fc.constantFrom(...TABLE_WORDS);
const goodName = fc.oneof({ weight: 6, arbitrary: cased(plain) }, { weight: 2, arbitrary: cased(tableWord) }, { weight: 1, arbitrary: ordinal });
const nameWord = fc.oneof({ weight: 4, arbitrary: cased(plain) }, { weight: 3, arbitrary: cased(tableWord) }, { weight: 1, arbitrary: ordinal }, { weight: 2, arbitrary: nearMiss });
const goodSuffix = cased(fc.constantFrom(...STREET_SUFFIX_ABBREVIATIONS, 'Street', 'Avenue', 'Drive', 'Road', 'Lane', 'Court', 'Boulevard', 'Place', 'Parkway', 'Trail', 'Circle', 'Terrace', 'Highway'));
const suffix = fc.oneof({ weight: 5, arbitrary: cased(tableWord) }, { weight: 1, arbitrary: nearMiss });
const unitId = fc.oneof(fc.integer({ min: 1, max: 9999 }).map(String), fc.constantFrom('4B', 'A', 'B12', 'N', 'E', '12-3', 'A1B2C3', 'North', 'AB', '1/2', 'C', '00', '5E', 'PH', 'K1A 0B1', 'SW1A 1AA'));
const designator = fc.oneof(cased(fc.constantFrom('Apt', 'Apartment', 'Ste', 'Suite', 'Unit', 'Fl', 'Floor', 'Rm', 'Room', 'Bldg', 'Lot', 'Trlr', 'Spc', 'Dept', 'Key', 'Rear', 'Ph', 'Bsmt', 'Frnt', 'PMB')), fc.constantFrom('#', '# ', 'No.'));
const unit = fc.tuple(designator, fc.constantFrom(' ', '', ' # ', '#'), unitId).map(([d, sp, id]) => `${d}${sp}${id}`);
const sep = fc.constantFrom(' ', ' ', ' ', ' ', ', ', '  ', ' , ', '\t', ' - ');

const goodUnit = fc.tuple(cased(fc.constantFrom('Apt', 'Apartment', 'Ste', 'Suite', 'Unit', 'Fl', 'Floor', 'Rm', 'Bldg', '#')), fc.constantFrom(' ', ' ', ' ', ' ', '', ' # '), fc.oneof(fc.integer({ min: 1, max: 9999 }).map(String), fc.constantFrom('4B', 'A', 'B12', 'N', '12C')))
  .map(([d, sp, id]) => `${d}${sp}${id}`);
const goodSep = fc.constantFrom(' ', ' ', ' ', ' ', ', ', '  ');
const line = (names: fc.Arbitrary<string>, sfxs: fc.Arbitrary<string>, units: fc.Arbitrary<string>, seps: fc.Arbitrary<string>, minNames = 0) =>
  fc
    .tuple(number, fc.option(dir), fc.array(names, { minLength: minNames, maxLength: 4 }), sfxs, fc.option(dir), fc.option(units), fc.array(seps, { minLength: 8, maxLength: 8 }))
    .map(([n, pre, ws, sfx, post, u, s]) => {
      const parts = [n, pre, ...ws, sfx, post, u].filter((x): x is string => x !== null);
      return parts.map((p, i) => (i === 0 ? p : s[i % s.length]! + p)).join('');
    });
/** "123 [DIR] NAME... SUFFIX [DIR] [UNIT]": tidy-ish, or with every part sometimes a near miss. */
const streetLine = fc.oneof(line(goodName, goodSuffix, goodUnit, goodSep, 1), line(nameWord, suffix, unit, sep));
const poLine = fc
  .tuple(fc.constantFrom('PO Box', 'P.O. Box', 'P O Box', 'Post Office Box', 'POB', 'Box', 'PO BOX', 'P.O.Box', 'Po Bx', 'Caller', 'Drawer', 'POBOX', 'P.O. Box #', 'PO Box No'), fc.oneof(fc.integer({ min: 0, max: 999999 }).map(String), unitId))
  .map(([f, id]) => `${f} ${id}`);
const line2 = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 2, arbitrary: goodUnit }, { weight: 2, arbitrary: unit }, { weight: 1, arbitrary: fc.constantFrom(',', ' - ', 'Attn: Billing', 'c/o Front Desk', 'Urb Las Gladiolas', 'Rear', 'PMB 12', 'Apt', '\n') }, { weight: 1, arbitrary: fc.tuple(unit, sep, unit).map((a) => a.join('')) });

/** Runs cases through every entry point and checks the fast path against the general one; returns how many took it. */
function check(pairs: Iterable<[string, string | undefined]>): number {
  let fast = 0;
  for (const [a, b] of pairs) {
    const general = cleanAddressGeneral(a, b);
    const viaFast = cleanAddressFast(a, b);
    if (viaFast) {
      fast++;
      expect(viaFast).toEqual(general);
    }
    expect(cleanAddress(a, b)).toEqual(general);
    expect(parseAddress(a, b)).toEqual(parseAddressGeneral(a, b));
  }
  return fast;
}

describe('address fast path', () => {
  it('equals the general parse and re-read on street lines, their near misses and line-2 units', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(streetLine, line2, (a, b) => {
        runs++;
        fast += check([[a, b]]);
      }),
      { numRuns: 30_000 },
    );
    // The generators must reach the fast path often, or this proves little.
    expect(fast / runs).toBeGreaterThan(0.1);
  }, 30_000);

  it('equals the general path on PO boxes and their near misses', () => {
    let fast = 0;
    fc.assert(
      fc.property(poLine, fc.oneof(fc.constant(''), line2), (a, b) => {
        fast += check([[a, b]]);
      }),
      { numRuns: 5_000 },
    );
    expect(fast).toBeGreaterThan(500);
  }, 30_000);

  it('equals the general path on generated list rows and on their prints', () => {
    const rows = generateRows(5000, 29);
    const pairs: [string, string | undefined][] = rows.flatMap((r) => {
      const once = cleanAddressGeneral(r[4]!, r[5]);
      return [[r[4]!, r[5]] as [string, string], [once.line1, once.line2] as [string, string]];
    });
    expect(check(pairs)).toBeGreaterThan(pairs.length * 0.8);
  }, 30_000);

  it('its print is a fixed point: cleaning it again takes the fast path and gives the same lines', () => {
    fc.assert(
      fc.property(streetLine, line2, (a, b) => {
        const first = cleanAddressFast(a, b);
        if (!first) return;
        const again = cleanAddressFast(first.line1, first.line2);
        expect(again).not.toBeNull();
        expect({ line1: again!.line1, line2: again!.line2 }).toEqual({ line1: first.line1, line2: first.line2 });
      }),
      { numRuns: 10_000 },
    );
  }, 30_000);

  it('leaves the shapes it does not know to the general path', () => {
    for (const [a, b] of [
      ['123 N ST', ''], ['123 Main St', 'Apt 4, Attn: Billing'], ['123 Main St Apt 4', 'Ste 5'], ['123 Old Hwy N', ''], ['123 Main St 4B', ''],
      ['123 Front St', ''], ['12 Canada Ave', ''], ['PO Box 12', 'Apt 4'], ['123 Main St Apt # 4', ''], ['A1B 2C3 Main St', ''],
      ['1 Pine St Apt K1A0B1', ''], ['123 Main St', 'PMB 12'],
    ] as const) {
      expect(cleanAddressFast(a, b)).toBeNull();
      expect(cleanAddress(a, b)).toEqual(cleanAddressGeneral(a, b));
    }
  }, 30_000);

  it('equals the general path when a tidy line 1 (read by the fast path alone) meets a line 2 it does not take', () => {
    // Line 2 shapes from real lists that send the row down the general path: attention lines, a unit and more text,
    // two units, text on its own line, a second street, an urbanization, noise.
    const extra = fc.constantFrom('Attn: Accounts Payable', 'ATTN: OFFICE MANAGER', 'c/o Front Desk', 'Mail Stop 4B', 'Attention: Billing', 'Dept. 210', 'Urb Las Gladiolas', 'PMB 12', 'Rear', 'Apt', 'Lot', '123 Main St', 'PO Box 5', '#', ',', 'Canada', 'K1A 0B1', 'Floor 5', '2nd Floor', 'Bldg 2 Fl 3');
    const l2 = fc.oneof(
      extra,
      fc.tuple(fc.oneof(goodUnit, unit), fc.constantFrom(', ', '\n', ' ', ' - '), extra).map(([u, sp, e]) => `${u}${sp}${e}`),
      fc.tuple(goodUnit, sep, goodUnit).map((a) => a.join('')),
    );
    const tidyLine = fc.oneof(line(goodName, goodSuffix, goodUnit, goodSep, 1), line(goodName, goodSuffix, fc.constant('Ste 100'), fc.constant(' '), 1), poLine);
    let fastLine1 = 0;
    fc.assert(
      fc.property(tidyLine, l2, (a, b) => {
        if (cleanAddressFast(a, '')) fastLine1++;
        check([[a, b]]);
      }),
      { numRuns: 20_000 },
    );
    expect(fastLine1).toBeGreaterThan(5_000);
    // Line 2 read as a street after leading units (its part keeps only the rest), a designator without its number.
    for (const [a, b] of [['BOX 1', 'FL 1 1 1'], ['0 Aly Aly', 'Apt 1, PO Box 5'], ['2109 79th Ave', 'ATTN: Office Manager'], ['12 Main St', 'Apt'], ['12 Main St Apt 4', 'Rear 1 1 1'], ['PO Box 9', 'c/o Legal Dept']] as const) {
      check([[a, b]]);
    }
  }, 60_000);

  it('equals the general path on streets without a suffix ("294 Broadway", "925 Via Verde") and their near misses', () => {
    // Names of plain words, table words, ordinals and near misses, with directionals and units around them.
    const noSuffix = fc
      .tuple(number, fc.option(dir), fc.array(fc.oneof({ weight: 6, arbitrary: cased(plain) }, { weight: 1, arbitrary: nameWord }), { minLength: 1, maxLength: 4 }), fc.option(dir), fc.option(fc.oneof(goodUnit, unit)), fc.array(fc.oneof(goodSep, sep), { minLength: 8, maxLength: 8 }))
      .map(([n, pre, ws, post, u, s]) => [n, pre, ...ws, post, u].filter((x): x is string => x !== null).map((p, i) => (i === 0 ? p : s[i % s.length]! + p)).join(''));
    let fast = 0;
    fc.assert(
      fc.property(noSuffix, line2, (a, b) => {
        fast += check([[a, b]]);
        const first = cleanAddressFast(a, b);
        if (first) expect(cleanAddressFast(first.line1, first.line2)).toEqual({ ...first, parsed: { ...first.parsed, input: { line1: first.line1, line2: '' } } });
      }),
      { numRuns: 20_000 },
    );
    expect(fast).toBeGreaterThan(3_000);
    for (const [a, b] of [['294 Broadway', ''], ['925 Via Verde', 'Apt 12D'], ['4599 The Alameda', ''], ['12 N Broadway E', ''], ['3505 Ocean Sg.', ''], ['80 The Alameda Ste 5', '']] as const) {
      expect(cleanAddressFast(a, b)).not.toBeNull();
      expect(cleanAddress(a, b)).toEqual(cleanAddressGeneral(a, b));
    }
  }, 60_000);

  it('cleanAddressText (the one-scan ASCII path, also run on every city cell) equals the full clean-up', () => {
    // Text made of what the scan decides on: spaces at either end and doubled, tabs, newlines and other controls, DEL,
    // lower and upper case, and a few non-ASCII characters that must go the full way.
    const unit = fc.constantFrom(' ', ' ', ' ', 'a', 'z', 'A', 'Z', '0', '.', '#', '\t', '\n', '\r', '\v', '\f', '\x00', '\x1f', '\x7f', '\x80', '\u00a0', 'é', '½', 'ß', '\uD800', '\u200B');
    const text = fc.oneof(fc.string({ unit, maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 24 }));
    fc.assert(
      fc.property(text, (s) => {
        expect(cleanAddressText(s)).toBe(cleanAddressTextFull(s));
      }),
      { numRuns: 30_000 },
    );
    for (const s of ['', ' ', '  ', 'a', ' a', 'a ', 'a  b', 'a\tb', 'A B', 'New York', ' SAN  JOSE ', 'st. louis\n', '\x7f']) expect(cleanAddressText(s)).toBe(cleanAddressTextFull(s));
    for (const r of generateRows(5000, 31)) for (const cell of [r[4], r[5], r[6]]) expect(cleanAddressText(cell)).toBe(cleanAddressTextFull(cell));
  }, 30_000);

  it('tokenize equals dropping periods, splitting at spaces, commas, semicolons and "#", and trimming hyphens', () => {
    // The replace-then-split tokenize was written as before the one-scan version; this is that text, kept as the spec.
    const spec = (cleaned: string): string[] => {
      const s = cleaned.replace(/\./g, '').replace(/[,;]/g, ' ').replace(/#/g, ' # ');
      const out: string[] = [];
      for (const piece of s.split(' ')) {
        const t = piece.replace(/^-+|-+$/g, '');
        if (t !== '') out.push(t);
      }
      return out;
    };
    const unit = fc.constantFrom(' ', ' ', '.', ',', ';', '#', '-', '-', 'A', 'B', '1', '2', '/', '\t', 'É', '\uD83D', '\uDE00');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        expect(tokenize(s)).toEqual(spec(s));
      }),
      { numRuns: 30_000 },
    );
    for (const r of generateRows(5000, 37)) for (const cell of [r[4]!, r[5]!]) expect(tokenize(cleanAddressText(cell))).toEqual(spec(cleanAddressText(cell)));
  }, 30_000);
});
