// Proves ZIPs from real lists parse (incl. Excel's lost zeros), agree with state and city in the bundled table, and measure distance.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkZipCityState, formatZip, haversineMiles, parseZip, parseZipGeneral, zipDistanceMiles } from '../../../src/domain/zip';
import { parseZipTable } from '../../../src/domain/zip-data';
import { loadZipTable } from '../../../src/jobs/reference-data';

const table = loadZipTable(path.resolve(__dirname, '../../../resources'));

/** [input, state hint, zip5, zip4, issue codes] */
const PARSE: ReadonlyArray<readonly [string, string | undefined, string | null, string | null, string[]]> = [
  ['02108', undefined, '02108', null, []],
  ['02108-1234', undefined, '02108', '1234', []],
  ['021081234', undefined, '02108', '1234', []],
  ['02108 1234', undefined, '02108', '1234', []],
  ['02108 - 1234', undefined, '02108', '1234', []],
  ['02108–1234', undefined, '02108', '1234', []],
  [' 90210 ', undefined, '90210', null, []],
  ['90210-0000', undefined, '90210', '0000', []],
  ['２１０８', 'MA', '02108', null, ['zip-leading-zero']],
  ['2108', 'MA', '02108', null, ['zip-leading-zero']],
  ['2108', 'Massachusetts', '02108', null, ['zip-leading-zero']],
  ['2108', 'ma', '02108', null, ['zip-leading-zero']],
  ['2108.0', 'MA', '02108', null, ['zip-leading-zero']],
  ['6103', 'CT', '06103', null, ['zip-leading-zero']],
  ['7102', 'NJ', '07102', null, ['zip-leading-zero']],
  ['3301', 'NH', '03301', null, ['zip-leading-zero']],
  ['4101', 'ME', '04101', null, ['zip-leading-zero']],
  ['5401', 'VT', '05401', null, ['zip-leading-zero']],
  ['2903', 'RI', '02903', null, ['zip-leading-zero']],
  ['9001', 'AE', '09001', null, ['zip-leading-zero']],
  ['901', 'PR', '00901', null, ['zip-leading-zero']],
  ['802', 'VI', '00802', null, ['zip-leading-zero']],
  ['501', 'NY', '00501', null, ['zip-leading-zero']],
  ['21081234', 'MA', '02108', '1234', ['zip-leading-zero']],
  ['2108-1234', 'MA', '02108', '1234', ['zip-leading-zero']],
  ['2108', undefined, '02108', null, ['zip-leading-zero-assumed']],
  ['2108', 'TX', null, null, ['zip-too-short']],
  ['901', undefined, null, null, ['zip-too-short']],
  ['12', 'NY', null, null, ['zip-invalid']],
  ['', undefined, null, null, ['zip-missing']],
  ['   ', undefined, null, null, ['zip-missing']],
  ['00000', undefined, null, null, ['zip-invalid']],
  ['ABCDE', undefined, null, null, ['zip-invalid']],
  ['123456', undefined, null, null, ['zip-invalid']],
  ['1234567890', undefined, null, null, ['zip-invalid']],
  ['M5H 2N2', undefined, null, null, ['zip-foreign']],
  ['K1A0B1', undefined, null, null, ['zip-foreign']],
  ['SW1A 2AA', undefined, null, null, ['zip-invalid']],
  ['N/A', undefined, null, null, ['zip-invalid']],
];

describe('parseZip', () => {
  it.each(PARSE)('%j (state %j) → %j-%j %j', (input, hint, zip5, zip4, codes) => {
    const r = parseZip(input, hint);
    expect([r.zip5, r.zip4]).toEqual([zip5, zip4]);
    expect(r.issues.map((i) => i.code)).toEqual(codes);
  });
  it('repairs a ZIP that arrives as a spreadsheet number', () => expect(parseZip(2108, 'MA')).toMatchObject({ zip5: '02108', zip4: null }));
  it('formats ZIP+4 as USPS prints it', () => {
    expect(formatZip(parseZip('021081234'))).toBe('02108-1234');
    expect(formatZip(parseZip('2108', 'MA'))).toBe('02108');
    expect(formatZip(parseZip('junk'))).toBe('');
  });
});

/** [zip, city, state, issue codes] */
const CHECK: ReadonlyArray<readonly [string, string, string, string[]]> = [
  ['02108', 'Boston', 'MA', []],
  ['02108', 'BOSTON', 'Mass.', []],
  ['02108', 'Boston', 'NY', ['zip-state-mismatch']],
  ['02108', 'Cambridge', 'MA', ['zip-city-differs']],
  ['02108', 'New York', 'NY', ['zip-state-mismatch', 'zip-city-differs']],
  ['10001', 'New York', 'NY', []],
  ['10001', 'Manhattan', 'NY', ['zip-city-differs']],
  ['10001', 'new york', 'new york', []],
  ['90210', 'Beverly Hills', 'CA', []],
  ['90210', 'Beverly Hills', 'Calif.', []],
  ['63101', 'St. Louis', 'MO', []],
  ['63101', 'Saint Louis', 'MO', []],
  ['20500', 'Washington', 'DC', []],
  ['20500', 'Washington', 'D.C.', []],
  ['00901', 'San Juan', 'PR', []],
  ['00901', 'San Juan', 'Puerto Rico', []],
  ['96910', 'Hagatna', 'GU', []],
  ['09001', 'APO', 'AE', []],
  ['96201', 'APO', 'AP', []],
  ['53202', 'Milwaukee', 'WI', []],
  ['53202', 'Milwaukee', 'IL', ['zip-state-mismatch']],
  ['60601', 'Chicago', '', []],
  ['60601', '', 'IL', []],
  ['60601', 'Chicago', 'Illinoise', ['state-unknown']],
  ['99999', 'Nowhere', 'AK', ['zip-unknown']],
];

describe('checkZipCityState', () => {
  it.each(CHECK)('%s %s %s → %j', (zip, city, state, codes) => {
    expect(checkZipCityState(zip, city, state, table).map((i) => i.code)).toEqual(codes);
  });
  it('explains a state mismatch and a city difference in words', () => {
    const [st, city] = checkZipCityState('02108', 'New York', 'NY', table);
    expect(st).toMatchObject({ message: 'ZIP 02108 is in MA, not NY', severity: 'error' });
    expect(city).toMatchObject({ message: 'ZIP 02108 is usually called BOSTON, not NEW YORK', severity: 'warning' });
  });
  it('says nothing when there is no ZIP', () => expect(checkZipCityState(null, 'Boston', 'MA', table)).toEqual([]));
});

/** [a, b, expected miles, tolerance as a fraction] — published straight-line distances between the cities. */
const DISTANCES: ReadonlyArray<readonly [string, string, number, number]> = [
  ['10001', '90001', 2450, 0.02], // New York ↔ Los Angeles
  ['02108', '10001', 190, 0.03], // Boston ↔ New York
  ['10001', '60601', 712, 0.02], // New York ↔ Chicago
  ['94105', '90001', 347, 0.03], // San Francisco ↔ Los Angeles
  ['98101', '97201', 145, 0.03], // Seattle ↔ Portland OR
  ['33101', '30303', 604, 0.02], // Miami ↔ Atlanta
  ['80202', '84101', 371, 0.02], // Denver ↔ Salt Lake City
  ['96813', '99501', 2780, 0.02], // Honolulu ↔ Anchorage
];

describe('zipDistanceMiles', () => {
  it.each(DISTANCES)('%s ↔ %s ≈ %d mi', (a, b, miles, tol) => {
    const d = zipDistanceMiles(a, b, table)!;
    expect(Math.abs(d - miles) / miles).toBeLessThanOrEqual(tol);
  });
  it('is zero to itself and the same both ways', () => {
    expect(zipDistanceMiles('02108', '02108', table)).toBe(0);
    expect(zipDistanceMiles('02108', '90001', table)).toBeCloseTo(zipDistanceMiles('90001', '02108', table)!, 9);
  });
  it('is null for an unknown ZIP or one without a centroid', () => {
    expect(zipDistanceMiles('99999', '02108', table)).toBeNull();
    expect(zipDistanceMiles('34001', '02108', table)).toBeNull();
  });
  it('computes half the earth around for antipodes', () => expect(haversineMiles(0, 0, 0, 180)).toBeCloseTo(Math.PI * 3958.8, 3));
});

describe('ZIP table', () => {
  it('holds every state, DC, the territories and military codes', () => {
    expect(table.size).toBeGreaterThan(40000);
    const states = new Set([...table.values()].map((r) => r.state));
    for (const s of ['MA', 'NY', 'CA', 'TX', 'DC', 'PR', 'VI', 'GU', 'AS', 'MP', 'AA', 'AE', 'AP']) expect(states.has(s)).toBe(true);
  });
  it('reads a row with its centroid', () => expect(table.get('02108')).toEqual({ zip: '02108', city: 'BOSTON', state: 'MA', lat: 42.3576, lon: -71.0684 }));
  it('skips malformed lines instead of failing', () => {
    const t = parseZipTable('zip,city,state,lat,lon\n02108,BOSTON,MA,42.3,-71.0\nbad line\n1234,X,MA,,\n90210,BEVERLY HILLS,CA,,\n');
    expect([...t.keys()]).toEqual(['02108', '90210']);
    expect(t.get('90210')).toMatchObject({ lat: null, lon: null });
  });
});

describe('ZIP properties', () => {
  const zipish = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^\d{3,9}$/), fc.stringMatching(/^\d{5}-\d{4}$/));
  it('never throws and returns five digits or null', () => {
    fc.assert(
      fc.property(fc.oneof(zipish, fc.anything()), fc.oneof(fc.constant(undefined), fc.constantFrom('MA', 'TX', 'PR', 'xx')), (s, hint) => {
        const r = parseZip(s as string, hint);
        expect(r.zip5 === null || /^\d{5}$/.test(r.zip5)).toBe(true);
        expect(r.zip4 === null || /^\d{4}$/.test(r.zip4)).toBe(true);
      }),
    );
  });
  it('parsing a formatted ZIP gives it back unchanged', () => {
    fc.assert(
      fc.property(zipish, fc.constantFrom(undefined, 'MA', 'NY', 'CA'), (s, hint) => {
        const once = formatZip(parseZip(s, hint));
        if (once) expect(formatZip(parseZip(once, hint))).toBe(once);
      }),
    );
  });
  it('the shortcut for "12345" and "12345-6789" equals the general parse', () => {
    const digitsOrNot = fc.array(fc.constantFrom('0', '1', '5', '9', '-', ' ', 'a', '.', '\u0660', '\uFF11'), { minLength: 4, maxLength: 11 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(digitsOrNot, fc.stringMatching(/^\d{5}(-\d{4})?$/), fc.constantFrom('00000', '00000-1234', '02108-', '-0210')), fc.constantFrom(undefined, 'MA', 'CA', 'xx'), (s, hint) => {
        expect(parseZip(s, hint)).toEqual(parseZipGeneral(s, hint));
      }),
      { numRuns: 2000 },
    );
  });
  it('looks ZIPs up by their digits only', () => {
    expect(table.get('02108')?.city).toBe('BOSTON');
    for (const z of ['2108', '021080', ' 2108', '0210８', '０2108', '', '99999']) expect(table.get(z)).toBeUndefined();
    expect(table.has('90210')).toBe(true);
    expect(table.has('9021O')).toBe(false);
  });
  it('never throws when checking against the table', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), (z, c, s) => void checkZipCityState(z, c, s, table)));
  });
});
