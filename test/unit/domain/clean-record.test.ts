// One record's clean: verdicts, quality and issue codes for real-world records, and properties (never throws, valid UTF-8, cleaning the cleaned record changes nothing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalExportRow, cleanRecord, issueLabel, stateOf, type CanonicalValues, type CleanedRecord, type CleanTables } from '../../../src/domain/clean-record';
import { normalizeState } from '../../../src/domain/address';
import { loadEmailLists, loadZipTable } from '../../../src/jobs/reference-data';

const tables: CleanTables = { zips: loadZipTable('resources'), email: loadEmailLists('resources'), defaultCountry: 'US' };
const clean = (v: CanonicalValues) => cleanRecord(v, tables);
const codes = (r: CleanedRecord) => r.issues.map((i) => i.code);

const GOOD: CanonicalValues = {
  first_name: 'MARY', last_name: 'OBRIEN', address1: '123 North Main Street Apartment 4B', city: 'Springfield', state: 'Illinois', zip: '62701',
  email: 'mary@obrien-law.com', phone: '(217) 555-2368',
};

describe('verdicts', () => {
  it.each<[string, CanonicalValues, { mailable: boolean; emailable: boolean; callable: boolean }]>([
    ['a complete record', GOOD, { mailable: true, emailable: true, callable: true }],
    ['a PO box', { ...GOOD, address1: 'P.O. BOX 12' }, { mailable: true, emailable: true, callable: true }],
    ['a rural route with box', { ...GOOD, address1: 'RR 2 BOX 15' }, { mailable: true, emailable: true, callable: true }],
    ['a company and no person', { company: 'Acme Mfg. Co.', address1: '1600 Pennsylvania Ave NW', city: 'Washington', state: 'DC', zip: '20500' }, { mailable: true, emailable: false, callable: false }],
    ['no name and no company', { ...GOOD, first_name: '', last_name: '' }, { mailable: false, emailable: true, callable: true }],
    ['no house number', { ...GOOD, address1: 'Main Street' }, { mailable: false, emailable: true, callable: true }],
    ['a ZIP of another state', { ...GOOD, state: 'NY' }, { mailable: false, emailable: true, callable: true }],
    ['no ZIP', { ...GOOD, zip: '' }, { mailable: false, emailable: true, callable: true }],
    ['a typo e-mail domain', { ...GOOD, email: 'mary@gmial.com' }, { mailable: true, emailable: false, callable: true }],
    ['a disposable e-mail', { ...GOOD, email: 'mary@mailinator.com' }, { mailable: true, emailable: false, callable: true }],
    ['a malformed e-mail', { ...GOOD, email: 'mary at obrien' }, { mailable: true, emailable: false, callable: true }],
    ['a phone without area code', { ...GOOD, phone: '555-2368' }, { mailable: true, emailable: true, callable: false }],
    ['a fictional 555-01xx phone', { ...GOOD, phone: '(217) 555-0123' }, { mailable: true, emailable: true, callable: false }],
    ['the mobile column when phone is empty', { ...GOOD, phone: '', mobile: '217.555.2368' }, { mailable: true, emailable: true, callable: true }],
  ])('%s', (_what, values, verdict) => {
    const r = clean(values);
    expect({ mailable: r.mailable, emailable: r.emailable, callable: r.callable }).toEqual(verdict);
  });

  it('scores a complete record 100 with no reasons, and names every loss with its points', () => {
    expect(clean(GOOD)).toEqual(expect.objectContaining({ quality: 100, qualityReasons: [] }));
    const r = clean({ ...GOOD, zip: '', email: '', phone: '' });
    expect(r.qualityReasons).toEqual(['Not mailable: No ZIP code (−35)', 'No e-mail address (−15)', 'No phone number (−15)']);
    expect(r.quality).toBe(35);
  });
});

describe('standard forms and issue codes', () => {
  it('standardizes every part of a messy record', () => {
    const r = clean({ full_name: 'SMITH, JOHN A JR', address1: '123 north main street apartment 4b', city: 'new york', state: 'New York', zip: '10001-1234', email: ' John.Smith@Example.COM ', phone: '212.555.2368 x 12' });
    expect(canonicalExportRow(r)).toEqual(['John', 'Smith', '', '', 'John.Smith@example.com', '+12125552368 ext. 12', '123 N MAIN ST APT 4B', '', 'NEW YORK', 'NY', '10001', '1234', 'yes', '100', '']);
    expect(r.suffix).toBe('Jr.');
    expect(r.middleName).toBe('A');
    expect(r.lat).toBeCloseTo(40.75, 1);
  });

  it.each<[string, CanonicalValues, string]>([
    ['e-mail typo', { email: 'x@gmial.com' }, 'email.typo'],
    ['role account', { email: 'info@acme.com' }, 'email.role'],
    ['ZIP in another state', { state: 'CA', zip: '02108' }, 'zip.state_mismatch'],
    ['unknown state', { state: 'Narnia', zip: '02108' }, 'state.unknown'],
    ['invalid ZIP', { state: 'MA', zip: 'ABCDE' }, 'zip.invalid'],
    ['a city the ZIP does not know', { city: 'Springfield', state: 'MA', zip: '02108' }, 'city.differs_from_zip'],
    ['no house number', { address1: 'Main St' }, 'address.number_missing'],
    ['a company in the name columns', { first_name: 'Acme', last_name: 'Holdings LLC' }, 'name.company_in_person_field'],
    ['a person in the company column', { company: 'Smith, John' }, 'company.person_in_company_field'],
    ['a phone without area code', { phone: '555-2368' }, 'phone.no_area_code'],
  ])('%s → %s', (_what, values, code) => {
    expect(codes(clean(values))).toContain(code);
  });

  it('takes a missing city and state from the ZIP, and a company typed into the name field as the company', () => {
    const r = clean({ full_name: 'Acme Holdings LLC', address1: '1 Main St', zip: '02108' });
    expect([r.city, r.state, r.company]).toEqual(['BOSTON', 'MA', 'Acme Holdings LLC']);
    expect(codes(r)).toEqual(expect.arrayContaining(['city.taken_from_zip', 'state.taken_from_zip', 'company.taken_from_name']));
    expect(r.mailable).toBe(true);
  });

  it('accepts another city name of the same ZIP area as a note, not a warning', () => {
    const r = clean({ ...GOOD, city: 'Boston', state: 'MA', zip: '02134' });
    expect(r.issues.find((i) => i.code === 'city.area_name')?.severity).toBe('info');
    expect(codes(r)).not.toContain('city.differs_from_zip');
  });

  it('labels issue codes for the filter menu', () => {
    expect(issueLabel('email.typo')).toBe('Likely e-mail typo');
    expect(issueLabel('address.lines_swapped')).toBe('Address: lines swapped');
  });
});

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', 'N/A', '123 Main St', 'Apt 4', 'PO Box 9', '02108', 'MA', 'Boston', 'John Smith', 'x@gmial.com', '(617) 555-2368', '\uD800', 'Ünïcödé', 'O\'BRIEN, MARY'),
);
const record = fc.record(
  { full_name: text, first_name: text, last_name: text, company: text, title: text, email: text, phone: text, address1: text, address2: text, city: text, state: text, zip: text },
  { requiredKeys: [] },
);
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('properties', () => {
  it('never throws and every output string is valid UTF-8', () => {
    fc.assert(
      fc.property(record, (v) => {
        const r = clean(v);
        const strings = [...canonicalExportRow(r), ...r.qualityReasons, ...r.issues.flatMap((i) => [i.code, i.message, i.suggestion ?? ''])];
        expect(strings.every(wellFormed)).toBe(true);
        expect(r.quality).toBeGreaterThanOrEqual(0);
        expect(r.quality).toBeLessThanOrEqual(100);
      }),
      { numRuns: 3000 },
    );
  });

  // Names are re-read from separate columns here, which is not how they came in (a lone "van der Berg" in the first-name
  // column is split on the first pass and not the second); name casing has its own twice-equals-once property in names.test.ts.
  it('cleaning the cleaned record again gives the same address, place, e-mail and phone (normalizing twice equals once)', () => {
    fc.assert(
      fc.property(record, (v) => {
        const once = clean(v);
        const again = clean({
          prefix: once.prefix, first_name: once.firstName, middle_name: once.middleName, last_name: once.lastName, suffix: once.suffix,
          company: once.company, title: once.title, email: once.email, phone: once.phone, address1: once.address1, address2: once.address2,
          city: once.city, state: once.state, zip: once.zip4 ? `${once.zip5}-${once.zip4}` : once.zip5,
        });
        const forms = (r: CleanedRecord) => [r.company, r.email, r.phone, r.address1, r.address2, r.city, r.state, r.zip5, r.zip4, r.mailable];
        expect(forms(again)).toEqual(forms(once));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('state cells', () => {
  it('the two-letter shortcut equals normalizeState for every pair of these characters', () => {
    const chars = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@[`{ .-1ÁáſıK'];
    for (const a of chars) for (const b of chars) expect(stateOf(a + b), a + b).toEqual(normalizeState(a + b));
  });
  it('equals normalizeState on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 4 }), (s) => {
      expect(stateOf(s)).toEqual(normalizeState(s));
    }), { numRuns: 3000 });
  });
});
