// Proves US addresses from real lists parse into their parts and print USPS-style (Pub 28), and that cleaning is stable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanAddress, normalizeState, parseAddress, standardizeAddress } from '../../../src/domain/address';
import { directional, streetSuffix, STREET_SUFFIX_ABBREVIATIONS, unitDesignator, UNIT_DESIGNATORS } from '../../../src/domain/usps';

/** [line 1, line 2, expected line 1, expected line 2] */
const STANDARDIZE: ReadonlyArray<readonly [string, string, string, string]> = [
  // the issue's ugly cases
  ['123 North Main Street Apartment 4B', '', '123 N MAIN ST APT 4B', ''],
  ['P.O. BOX 12', '', 'PO BOX 12', ''],
  ['RR 2 BOX 15', '', 'RR 2 BOX 15', ''],
  ['1600 Pennsylvania Ave NW', '', '1600 PENNSYLVANIA AVE NW', ''],
  ['One Microsoft Way', '', '1 MICROSOFT WAY', ''],
  ['4500 S. 1st St., Ste. 200', '', '4500 S 1ST ST STE 200', ''],
  ['123 1/2 Elm St', '', '123 1/2 ELM ST', ''],
  ['W123N456 Main St', '', 'W123N456 MAIN ST', ''],
  ['N12W34567 Lisbon Rd', '', 'N12W34567 LISBON RD', ''],
  ['123 Main St', 'PMB 12', '123 MAIN ST PMB 12', ''],
  ['123 Main St', '# 5', '123 MAIN ST # 5', ''],
  ['500 Oak Ave', 'Bldg 2 Fl 3', '500 OAK AVE BLDG 2', 'FL 3'],
  ['URB Las Gladiolas 150 Calle A', '', '150 CALLE A', 'URB LAS GLADIOLAS'],
  ['150 Calle A', 'Urb. Las Gladiolas', '150 CALLE A', 'URB LAS GLADIOLAS'],
  // PO boxes
  ['PO Box 12', '', 'PO BOX 12', ''],
  ['P O Box 12', '', 'PO BOX 12', ''],
  ['P.O.Box 12', '', 'PO BOX 12', ''],
  ['POBox 12', '', 'PO BOX 12', ''],
  ['Post Office Box 4567', '', 'PO BOX 4567', ''],
  ['POB 88', '', 'PO BOX 88', ''],
  ['Box 7', '', 'PO BOX 7', ''],
  ['PO BOX #321', '', 'PO BOX 321', ''],
  ['po box 1234-A', '', 'PO BOX 1234-A', ''],
  ['Drawer 20', '', 'PO BOX 20', ''],
  ['Caller Box 9001', '', 'PO BOX 9001', ''],
  ['P.O. Box 12', 'Attn: Billing', 'PO BOX 12', 'ATTN: BILLING'],
  // rural routes and highway contracts
  ['Rural Route 2 Box 15', '', 'RR 2 BOX 15', ''],
  ['R.R. 2, Box 15', '', 'RR 2 BOX 15', ''],
  ['RR2 BOX 15', '', 'RR 2 BOX 15', ''],
  ['RFD 3 Box 44', '', 'RR 3 BOX 44', ''],
  ['Rt 1 Box 200', '', 'RR 1 BOX 200', ''],
  ['HC 68 Box 23A', '', 'HC 68 BOX 23A', ''],
  ['Highway Contract 5 Box 9', '', 'HC 5 BOX 9', ''],
  ['Star Route 2 Box 11', '', 'HC 2 BOX 11', ''],
  ['RR 4', '', 'RR 4', ''],
  // military
  ['PSC 1234 Box 5678', '', 'PSC 1234 BOX 5678', ''],
  ['Unit 2050 Box 4190', '', 'UNIT 2050 BOX 4190', ''],
  ['CMR 450 Box 1234', '', 'CMR 450 BOX 1234', ''],
  // suffixes, spelled and abbreviated every which way
  ['10 Elm Street', '', '10 ELM ST', ''],
  ['10 Elm Str', '', '10 ELM ST', ''],
  ['10 Elm Av', '', '10 ELM AVE', ''],
  ['10 Elm Aven', '', '10 ELM AVE', ''],
  ['10 Elm Avnue', '', '10 ELM AVE', ''],
  ['22 Sunset Boulevard', '', '22 SUNSET BLVD', ''],
  ['22 Sunset Boul', '', '22 SUNSET BLVD', ''],
  ['5 Oak Drive', '', '5 OAK DR', ''],
  ['5 Oak Drv', '', '5 OAK DR', ''],
  ['8 Willow Lane', '', '8 WILLOW LN', ''],
  ['9 Cherry Court', '', '9 CHERRY CT', ''],
  ['31 Harbor Circle', '', '31 HARBOR CIR', ''],
  ['31 Harbor Crcl', '', '31 HARBOR CIR', ''],
  ['7 Summit Terrace', '', '7 SUMMIT TER', ''],
  ['7 Summit Terr', '', '7 SUMMIT TER', ''],
  ['400 Commerce Parkway', '', '400 COMMERCE PKWY', ''],
  ['400 Commerce Pky', '', '400 COMMERCE PKWY', ''],
  ['12 Town Square', '', '12 TOWN SQ', ''],
  ['2 Mill Place', '', '2 MILL PL', ''],
  ['77 Canyon Road', '', '77 CANYON RD', ''],
  ['3 Heron Point', '', '3 HERON PT', ''],
  ['90 Lakeview Heights', '', '90 LAKEVIEW HTS', ''],
  ['90 Valley Expressway', '', '90 VALLEY EXPY', ''],
  ['15 Quarry Crossing', '', '15 QUARRY XING', ''],
  ['15 Pine Trail', '', '15 PINE TRL', ''],
  ['15 Fox Hollow', '', '15 FOX HOLW', ''],
  ['1 Garden State Plaza', '', '1 GARDEN STATE PLZ', ''],
  ['44 Mountain View Rd', '', '44 MOUNTAIN VIEW RD', ''],
  ['250 Park Avenue', '', '250 PARK AVE', ''],
  ['6 Meadow Brook Lane', '', '6 MEADOW BROOK LN', ''],
  ['18 Old Mill Extension', '', '18 OLD MILL EXT', ''],
  ['18 Main St Ext', '', '18 MAIN ST EXT', ''],
  ['71 Turnpike Road', '', '71 TURNPIKE RD', ''],
  ['3000 Hwy 50', '', '3000 HIGHWAY 50', ''],
  ['3000 US Hwy 1 N', '', '3000 US HIGHWAY 1 N', ''],
  ['12 County Road 12', '', '12 COUNTY ROAD 12', ''],
  ['12 CR 44', '', '12 COUNTY ROAD 44', ''],
  ['5 State Route 9', '', '5 STATE ROUTE 9', ''],
  ['123 Route 66', '', '123 ROUTE 66', ''],
  ['88 E Avenue J', '', '88 E AVENUE J', ''],
  ['800 Loop 410', '', '800 LOOP 410', ''],
  // directionals
  ['123 N Main St', '', '123 N MAIN ST', ''],
  ['123 N. Main St.', '', '123 N MAIN ST', ''],
  ['123 South Main Street', '', '123 S MAIN ST', ''],
  ['50 E 42nd St', '', '50 E 42ND ST', ''],
  ['220 West 57th Street', '', '220 W 57TH ST', ''],
  ['1 Main St SE', '', '1 MAIN ST SE', ''],
  ['1 Main Street Southeast', '', '1 MAIN ST SE', ''],
  ['1 Main St. S.E.', '', '1 MAIN ST SE', ''],
  ['100 Northwest Highway', '', '100 NORTHWEST HWY', ''],
  ['100 N Northwest Hwy', '', '100 N NORTHWEST HWY', ''],
  ['400 Broadway E', '', '400 BROADWAY E', ''],
  ['456 Park Ave South', '', '456 PARK AVE S', ''],
  ['123 North St', '', '123 NORTH ST', ''],
  ['9 West Rd', '', '9 WEST RD', ''],
  ['1200 East West Hwy', '', '1200 EAST WEST HWY', ''],
  // secondary units
  ['123 Main St Apt 4B', '', '123 MAIN ST APT 4B', ''],
  ['123 Main St Apt. #4B', '', '123 MAIN ST APT 4B', ''],
  ['123 Main St Apt4B', '', '123 MAIN ST APT 4B', ''],
  ['123 Main St #4B', '', '123 MAIN ST # 4B', ''],
  ['123 Main St # 5', '', '123 MAIN ST # 5', ''],
  ['123 Main St 4B', '', '123 MAIN ST # 4B', ''],
  ['123 Main St', 'Apt 4B', '123 MAIN ST APT 4B', ''],
  ['123 Main St', 'Apartment 12', '123 MAIN ST APT 12', ''],
  ['123 Main St', '#5', '123 MAIN ST # 5', ''],
  ['123 Main St', 'Suite 200', '123 MAIN ST STE 200', ''],
  ['123 Main St', 'Ste. 200', '123 MAIN ST STE 200', ''],
  ['100 Congress Ave Suite 1500', '', '100 CONGRESS AVE STE 1500', ''],
  ['100 Congress Ave STE1500', '', '100 CONGRESS AVE STE 1500', ''],
  ['1 Infinite Loop Building 3', '', '1 INFINITE LOOP BLDG 3', ''],
  ['55 Water St Floor 12', '', '55 WATER ST FL 12', ''],
  ['55 Water St 12th Floor', '', '55 WATER ST FL 12', ''],
  ['55 Water St', '2nd Fl', '55 WATER ST FL 2', ''],
  ['9 Elm St Room 101', '', '9 ELM ST RM 101', ''],
  ['9 Elm St Unit C', '', '9 ELM ST UNIT C', ''],
  ['9 Elm St Dept 7', '', '9 ELM ST DEPT 7', ''],
  ['9 Elm St Space 14', '', '9 ELM ST SPC 14', ''],
  ['9 Elm St Lot 22', '', '9 ELM ST LOT 22', ''],
  ['9 Elm St Trailer 5', '', '9 ELM ST TRLR 5', ''],
  ['9 Elm St Hangar 3', '', '9 ELM ST HNGR 3', ''],
  ['9 Harbor Dr Slip 40', '', '9 HARBOR DR SLIP 40', ''],
  ['9 Harbor Dr Pier 39', '', '9 HARBOR DR PIER 39', ''],
  ['9 Elm St Rear', '', '9 ELM ST REAR', ''],
  ['9 Elm St Basement', '', '9 ELM ST BSMT', ''],
  ['9 Elm St Front', '', '9 ELM ST FRNT', ''],
  ['9 Elm St Upper', '', '9 ELM ST UPPR', ''],
  ['9 Elm St Lower', '', '9 ELM ST LOWR', ''],
  ['9 Elm St Lobby', '', '9 ELM ST LBBY', ''],
  ['9 Elm St Office', '', '9 ELM ST OFC', ''],
  ['9 Elm St Side', '', '9 ELM ST SIDE', ''],
  ['9 Elm St Penthouse', '', '9 ELM ST PH', ''],
  ['9 Elm St PH 2', '', '9 ELM ST PH 2', ''],
  ['9 Elm St Ste 200 PMB 12', '', '9 ELM ST STE 200 PMB 12', ''],
  ['9 Elm St', 'Suite 200', '9 ELM ST STE 200', ''],
  ['9 Elm St', 'Bldg 2, Fl 3', '9 ELM ST BLDG 2', 'FL 3'],
  ['9 Elm St Apt 4', 'Bldg 2', '9 ELM ST APT 4', 'BLDG 2'],
  ['Apt 4B', '123 Main St', '123 MAIN ST APT 4B', ''],
  ['100 Ocean Front Walk', '', '100 OCEAN FRONT WALK', ''],
  ['12 Key West Ave', '', '12 KEY WEST AVE', ''],
  ['700 Old Pier Rd', '', '700 OLD PIER RD', ''],
  ['30 Front St', '', '30 FRONT ST', ''],
  ['30 Upper Ave', '', '30 UPPER AVE', ''],
  // house numbers
  ['123A Main St', '', '123A MAIN ST', ''],
  ['123-45 Queens Blvd', '', '123-45 QUEENS BLVD', ''],
  ['123½ Elm St', '', '123 1/2 ELM ST', ''],
  ['Two Penn Plaza', '', '2 PENN PLZ', ''],
  ['Main Street', '', 'MAIN ST', ''],
  // punctuation, spacing and case
  ['  123   main   st  ', '', '123 MAIN ST', ''],
  ['123 MAIN ST.', '', '123 MAIN ST', ''],
  ['123, Main St.', '', '123 MAIN ST', ''],
  ['123 main st\t apt 2', '', '123 MAIN ST APT 2', ''],
  ['123 St. Charles Ave', '', '123 ST CHARLES AVE', ''],
  ['350 Fifth Avenue', '', '350 FIFTH AVE', ''],
  ['350 5th Ave', '', '350 5TH AVE', ''],
  ['1 Avenue of the Americas', '', '1 AVENUE OF THE AMERICAS', ''],
  // more from real lists
  ['Apt 5, 123 Main St', '', '123 MAIN ST APT 5', ''],
  ['Suite 300 - 1 Market St', '', '1 MARKET ST STE 300', ''],
  ['123 Main St. Apt. #2', '', '123 MAIN ST APT 2', ''],
  ['123 W. Main St. Unit #3', '', '123 W MAIN ST UNIT 3', ''],
  ['123 Main St Ste 100-B', '', '123 MAIN ST STE 100-B', ''],
  ['123 Main St', 'Suite #200', '123 MAIN ST STE 200', ''],
  ['123 Main St', '5th Floor', '123 MAIN ST FL 5', ''],
  ['1234 N.W. 5th Ave.', '', '1234 NW 5TH AVE', ''],
  ['12 Rue Royale', '', '12 RUE ROYALE', ''],
  ['PO Box 123, Anytown', '', 'PO BOX 123', 'ANYTOWN'],
  ['123 Main Street, Apt 4B, Springfield, IL 62701', '', '123 MAIN ST APT 4B', 'SPRINGFIELD IL 62701'],
  ['742 Evergreen Terrace', '', '742 EVERGREEN TER', ''],
  ['221 Baker St Apt B', '', '221 BAKER ST APT B', ''],
  ['31 Spooner St', 'Apt. 2-F', '31 SPOONER ST APT 2-F', ''],
  ['3 Lakeside Dr Trlr 12', '', '3 LAKESIDE DR TRLR 12', ''],
  ['1 Dock St Pier 17', '', '1 DOCK ST PIER 17', ''],
  ['8 Ocean Blvd Penthouse 2', '', '8 OCEAN BLVD PH 2', ''],
  ['General Delivery', '', 'GENERAL DELIVERY', ''],
  // extra text kept, never lost
  ['123 Main St, Boston MA 02108', '', '123 MAIN ST', 'BOSTON MA 02108'],
  ['Acme Corp', '123 Main St', '123 MAIN ST', 'ACME CORP'],
  ['c/o Jane Doe', 'PO Box 55', 'PO BOX 55', 'C/O JANE DOE'],
  ['123 Main St', 'c/o Jane Doe', '123 MAIN ST', 'C/O JANE DOE'],
  // not US, not an address: kept as given
  ['10 Downing Street, London SW1A 2AA', '', '10 DOWNING STREET, LONDON SW1A 2AA', ''],
  ['100 Queen St W, Toronto ON M5H 2N2', '', '100 QUEEN ST W, TORONTO ON M5H 2N2', ''],
  ['Friedrichstraße 43, Berlin, Germany', '', 'FRIEDRICHSTRASSE 43, BERLIN, GERMANY', ''],
  ['東京都千代田区1-1', '', '東京都千代田区1-1', ''],
  ['Broadway', '', 'BROADWAY', ''],
  ['n/a', '', 'N/A', ''],
  ['', '', '', ''],
];

describe('standardizeAddress(parseAddress(...))', () => {
  it.each(STANDARDIZE)('%j + %j → %j / %j', (l1, l2, e1, e2) => {
    const out = standardizeAddress(parseAddress(l1, l2));
    expect(out).toEqual({ line1: e1, line2: e2 });
    // and the printed address reads back as itself
    expect(standardizeAddress(parseAddress(e1, e2))).toEqual({ line1: e1, line2: e2 });
  });
});

describe('parseAddress fields', () => {
  it('splits a street address into its parts', () => {
    const p = parseAddress('123 1/2 North Main Street Southwest Apartment 4B');
    expect(p).toMatchObject({ kind: 'street', number: '123', fraction: '1/2', preDir: 'N', street: 'MAIN', suffix: 'ST', postDir: 'SW', unitType: 'APT', unitNumber: '4B' });
  });
  it('reads a PO box', () => expect(parseAddress('P.O. Box 12')).toMatchObject({ kind: 'po-box', poBox: '12' }));
  it('reads a rural route with its box', () => expect(parseAddress('RR 2 Box 15').ruralRoute).toEqual({ type: 'RR', route: '2', box: '15' }));
  it('reads a highway contract route', () => expect(parseAddress('HC 1 Box 9').ruralRoute).toEqual({ type: 'HC', route: '1', box: '9' }));
  it('reads a military PSC', () => expect(parseAddress('PSC 1234 Box 5678')).toMatchObject({ kind: 'military', military: { type: 'PSC', number: '1234', box: '5678' } }));
  it('reads a PMB from line 2', () => expect(parseAddress('123 Main St', 'PMB 12').pmb).toBe('12'));
  it('keeps the Wisconsin grid number whole', () => expect(parseAddress('W123N456 Main St').number).toBe('W123N456'));
  it('reads the urbanization', () => expect(parseAddress('URB Las Gladiolas 150 Calle A')).toMatchObject({ urbanization: 'LAS GLADIOLAS', number: '150', street: 'CALLE A' }));
  it('keeps more than one unit', () => expect(parseAddress('9 Elm St', 'Bldg 2 Fl 3')).toMatchObject({ unitType: 'BLDG', unitNumber: '2', moreUnits: [{ type: 'FL', number: '3' }] }));
  it('says when the number was spelled out', () => expect(parseAddress('One Microsoft Way').issues.map((i) => i.code)).toContain('number-spelled'));
  it('says when text after the street moved to line 2', () => expect(parseAddress('123 Main St, Boston MA').issues.map((i) => i.code)).toContain('extra-text'));
  it('flags a foreign address', () => expect(parseAddress('10 Downing Street, London SW1A 2AA')).toMatchObject({ kind: 'unparsed', issues: [{ code: 'address-foreign' }] }));
  it('flags an unreadable line', () => expect(parseAddress('see notes').issues.map((i) => i.code)).toEqual(['address-unparsed']));
  it('flags an empty address', () => expect(parseAddress('').issues.map((i) => i.code)).toContain('address-missing'));
  it('flags a missing house number', () => expect(parseAddress('Main Street').issues.map((i) => i.code)).toContain('number-missing'));
  it('flags a unit designator without a number', () => expect(parseAddress('123 Main St', 'Apt').issues.map((i) => i.code)).toContain('unit-missing-number'));
  it('says when the lines were swapped', () => expect(parseAddress('Acme Corp', '123 Main St').issues.map((i) => i.code)).toContain('lines-swapped'));
});

const STATES: ReadonlyArray<readonly [string, string | null]> = [
  ['CA', 'CA'], ['ca', 'CA'], ['Calif.', 'CA'], ['California', 'CA'], ['CALIFORNIA ', 'CA'], ['Cal', 'CA'],
  ['Mass', 'MA'], ['Mass.', 'MA'], ['Massachusetts', 'MA'], ['N. Carolina', 'NC'], ['North Carolina', 'NC'],
  ['NorthCarolina', 'NC'], ['N.C.', 'NC'], ['S. Dak.', 'SD'], ['South Dakota', 'SD'], ['N. Dak', 'ND'],
  ['W. Va.', 'WV'], ['West Virginia', 'WV'], ['Virginia', 'VA'], ['Va.', 'VA'], ['Penna', 'PA'], ['Penn.', 'PA'],
  ['Pennsylvania', 'PA'], ['Tex', 'TX'], ['Texas', 'TX'], ['Fla.', 'FL'], ['Ill', 'IL'], ['Wisc', 'WI'], ['Wis.', 'WI'],
  ['Conn', 'CT'], ['Tenn.', 'TN'], ['Ariz', 'AZ'], ['Okla.', 'OK'], ['Ore', 'OR'], ['Wash.', 'WA'], ['Washington', 'WA'],
  ['Washington, D.C.', 'DC'], ['D.C.', 'DC'], ['District of Columbia', 'DC'], ['New York', 'NY'], ['N.Y.', 'NY'],
  ['new york state', 'NY'], ['New Mexico', 'NM'], ['N. Mex.', 'NM'], ['Puerto Rico', 'PR'], ['PR', 'PR'], ['Guam', 'GU'],
  ['U.S. Virgin Islands', 'VI'], ['Virgin Islands', 'VI'], ['American Samoa', 'AS'], ['Northern Mariana Islands', 'MP'],
  ['Marshall Islands', 'MH'], ['Palau', 'PW'], ['Micronesia', 'FM'], ['Armed Forces Americas', 'AA'], ['AE', 'AE'],
  ['Armed Forces Europe', 'AE'], ['Armed Forces Pacific', 'AP'], ['Armed Forces Middle East', 'AE'], ['Hawaii', 'HI'],
  ['Alaska', 'AK'], ['Rhode Island', 'RI'], ['R.I.', 'RI'],
  ['Ontario', null], ['XX', null], ['', null], ['Calif0rnia', null], ['Narnia', null],
];

describe('normalizeState', () => {
  it.each(STATES)('%j → %j', (input, code) => {
    const r = normalizeState(input);
    expect(r.code).toBe(code);
    expect(r.issues.length > 0).toBe(code === null);
  });
});

describe('USPS tables', () => {
  it('maps every C1 variant USPS lists for AVENUE to AVE', () => {
    for (const v of ['AVENUE', 'AV', 'AVE', 'AVEN', 'AVENU', 'AVN', 'AVNUE']) expect(streetSuffix(v)).toBe('AVE');
  });
  it('has every standard suffix map to itself', () => {
    for (const a of STREET_SUFFIX_ABBREVIATIONS) expect(streetSuffix(a)).toBe(a);
    expect(STREET_SUFFIX_ABBREVIATIONS.length).toBeGreaterThan(190);
  });
  it('has all C2 designators, with the ones that need a number', () => {
    expect(UNIT_DESIGNATORS).toEqual(['APT', 'BSMT', 'BLDG', 'DEPT', 'FL', 'FRNT', 'HNGR', 'KEY', 'LBBY', 'LOT', 'LOWR', 'OFC', 'PH', 'PIER', 'REAR', 'RM', 'SIDE', 'SLIP', 'SPC', 'STOP', 'STE', 'TRLR', 'UNIT', 'UPPR']);
    expect(unitDesignator('Suite')).toEqual({ abbr: 'STE', needsNumber: true });
    expect(unitDesignator('rear')).toEqual({ abbr: 'REAR', needsNumber: false });
  });
  it('knows the eight directionals', () => {
    expect(['NORTH', 'SOUTH', 'EAST', 'WEST', 'NORTHEAST', 'NORTHWEST', 'SOUTHEAST', 'SOUTHWEST'].map(directional)).toEqual(['N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW']);
  });
});

/** Address-like strings built from the words that drive the parser, so the properties reach its branches. */
const WORDS = ['123', '1/2', 'N', 'NORTH', 'MAIN', 'ST', 'STREET', 'AVE', 'APT', 'APARTMENT', '4B', '#', '#5', 'PO', 'BOX', 'P.O.', 'RR', 'HC', 'ROUTE', 'HWY', '50', 'SUITE', 'STE', 'BLDG', 'FL', '2ND', 'FLOOR', 'PMB', 'REAR', 'URB', 'PSC', 'UNIT', 'ONE', 'W123N456', 'COUNTY', 'RD', 'NW', ',', '.', 'Ñ', 'ß', '½', 'A', 'B', 'LONDON', 'KEY', 'LOT'];
const addressish = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 4 })), { maxLength: 9 }).map((ws) => ws.join(' '));
const anyText = fc.oneof(addressish, fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 20 }));

const isWellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('address properties', () => {
  it('standardizing twice equals standardizing once', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const once = cleanAddress(a, b);
        const twice = cleanAddress(once.line1, once.line2);
        expect([twice.line1, twice.line2]).toEqual([once.line1, once.line2]);
      }),
      { numRuns: 5000 },
    );
  });
  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        standardizeAddress(parseAddress(a as string, b as string));
        normalizeState(a as string);
      }),
    );
  });
  it('prints valid UTF-8 (no lone surrogates) and never loses the text of an unreadable address', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const out = cleanAddress(a, b);
        expect(isWellFormed(out.line1) && isWellFormed(out.line2)).toBe(true);
        if (out.parsed.kind === 'unparsed') expect(out.line1 + out.line2).toBe(out.parsed.input.line1 + out.parsed.input.line2);
      }),
      { numRuns: 2000 },
    );
  });
  it('normalizing a state twice equals once', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...STATES.map(([s]) => s)), fc.string()), (s) => {
        const once = normalizeState(s).code;
        if (once) expect(normalizeState(once).code).toBe(once);
      }),
    );
  });
});
