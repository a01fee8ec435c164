// Proves the address fast path (cleanAddressFast, used by cleanAddress and parseAddress) gives exactly what the general
// parse and the fixed-point re-read give, on the shapes it takes and on near misses it must leave alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { cleanAddress, cleanAddressFast, cleanAddressGeneral, parseAddress, parseAddressGeneral } from '../../../src/domain/address';
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
      ['123 Front St', ''], ['12 Canada Ave', ''], ['PO Box 12', 'Apt 4'], ['123 Broadway', ''], ['123 Main St Apt # 4', ''], ['A1B 2C3 Main St', ''],
      ['1 Pine St Apt K1A0B1', ''], ['123 Main St', 'PMB 12'],
    ] as const) {
      expect(cleanAddressFast(a, b)).toBeNull();
      expect(cleanAddress(a, b)).toEqual(cleanAddressGeneral(a, b));
    }
  }, 30_000);
});
