// Proves normalizePhone on real-world US phone formats, extensions, vanity letters, short/long/local numbers and international numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, type PhoneResult } from '../../../src/domain/phone';

interface Case {
  in: string;
  e164: string | null;
  ext?: string;
  /** Exact set of issue codes (order ignored). */
  codes?: string[];
  type?: PhoneResult['type'];
  national?: string;
  country?: string | null;
  defaultCountry?: string;
}

const FICTIONAL = ['phone.fictional'];

const check = (c: Case) => {
  const r = normalizePhone(c.in, c.defaultCountry ? { defaultCountry: c.defaultCountry } : {});
  expect(r.e164).toBe(c.e164);
  expect(r.valid).toBe(c.e164 !== null);
  expect(r.extension).toBe(c.ext ?? null);
  expect(r.issues.map((i) => i.code).sort()).toEqual([...(c.codes ?? [])].sort());
  if (c.type) expect(r.type).toBe(c.type);
  if (c.national) expect(r.national).toBe(c.national);
  if (c.country !== undefined) expect(r.country).toBe(c.country);
  if (r.e164) expect(r.value).toBe(c.ext ? `${c.e164} ext. ${c.ext}` : c.e164);
  for (const i of r.issues) expect(i.message.length).toBeGreaterThan(10);
  // An error-level issue and validity always agree.
  expect(r.issues.some((i) => i.severity === 'error')).toBe(!r.valid);
};

/** The same fictional Manhattan number in every common way people write it. */
const commonFormats: Case[] = [
  '(212) 555-0100', '212-555-0100', '212.555.0100', '+1 212 555 0100', '1-212-555-0100', '2125550100', '212 555 0100', '+12125550100',
  '1 (212) 555-0100', '+1 (212) 555-0100', '1.212.555.0100', '12125550100', '(212)555-0100', '212/555-0100', '+1-212-555-0100',
  ' 212-555-0100 ', '(212) 555 - 0100', 'tel:+1-212-555-0100', '２１２-５５５-０１００', '"212-555-0100"', '+1.212.555.0100', '212 5550100',
].map((s): Case => ({ in: s, e164: '+12125550100', codes: FICTIONAL, national: '(212) 555-0100', country: 'US', type: 'fixed-line-or-mobile' }));

const extensions: Case[] = [
  { in: '212 555 0100 x123', ext: '123' },
  { in: '212-555-0100 ext. 45', ext: '45' },
  { in: '212-555-0100 ext 45', ext: '45' },
  { in: '212-555-0100 Ext.45', ext: '45' },
  { in: '212-555-0100 extension 45', ext: '45' },
  { in: '212-555-0100 #45', ext: '45' },
  { in: '212-555-0100 "#45"', ext: '45' },
  { in: '2125550100x45', ext: '45' },
  { in: '(212) 555-0100 X 7', ext: '7' },
  { in: '+1 212 555 0100;ext=45', ext: '45' },
  { in: '212-555-0100, ext. 1234', ext: '1234' },
  { in: '212-555-0100 ext: 45', ext: '45' },
  { in: '212-555-0100 extn 45', ext: '45' },
  { in: '+1 (212) 555-0100 x 00123', ext: '00123' },
].map((c): Case => ({ ...c, e164: '+12125550100', codes: FICTIONAL }));

const realNumbers: Case[] = [
  { in: '(212) 736-5000', e164: '+12127365000', national: '(212) 736-5000' },
  { in: '(202) 456-1111', e164: '+12024561111' },
  { in: '617.253.1000', e164: '+16172531000' },
  { in: '808-586-0034', e164: '+18085860034' },
  { in: '1 907 465 3500', e164: '+19074653500' },
  { in: '(312) 744-5000 ext. 2', e164: '+13127445000', ext: '2' },
  { in: '+1 (212) 736-5000 ext. 45', e164: '+12127365000', ext: '45' },
].map((c): Case => ({ ...c, type: 'fixed-line-or-mobile', country: 'US' }));

const tollFreeAndPremium: Case[] = [
  { in: '1-800-356-9377', e164: '+18003569377', type: 'toll-free' },
  { in: '(888) 639-2277', e164: '+18886392277', type: 'toll-free' },
  { in: '1-888-555-0123', e164: '+18885550123', type: 'toll-free', codes: FICTIONAL },
  { in: '800-555-0199', e164: '+18005550199', type: 'toll-free', codes: FICTIONAL },
  { in: '1-900-555-1234', e164: '+19005551234', type: 'premium-rate' },
];

const vanity: Case[] = [
  { in: '1-800-FLOWERS', e164: '+18003569377', type: 'toll-free', codes: ['phone.vanity'] },
  { in: '1-800-flowers', e164: '+18003569377', codes: ['phone.vanity'] },
  { in: '800-GOT-JUNK', e164: '+18004685865', codes: ['phone.vanity'] },
  { in: '1 (888) NEW-CARS', e164: '+18886392277', codes: ['phone.vanity'] },
  { in: '1-800-CONTACTS', e164: '+18002668228', codes: ['phone.vanity', 'phone.vanity_extra_letters'] },
  { in: '1-800-FLOWERS ext. 12', e164: '+18003569377', ext: '12', codes: ['phone.vanity'] },
];

const localTooShortTooLong: Case[] = [
  { in: '555-0100', e164: null, codes: ['phone.no_area_code'] },
  { in: '736-5000', e164: null, codes: ['phone.no_area_code'] },
  { in: '7365000', e164: null, codes: ['phone.no_area_code'] },
  { in: '555 0100 x12', e164: null, ext: '12', codes: ['phone.no_area_code'] },
  { in: '212555', e164: null, codes: ['phone.too_short'] },
  { in: '911', e164: null, codes: ['phone.too_short'] },
  { in: '12', e164: null, codes: ['phone.too_short'] },
  { in: '+1 212 555 01', e164: null, codes: ['phone.too_short'] },
  { in: '212555010011', e164: null, codes: ['phone.too_long'] },
  { in: '2125550100123456', e164: null, codes: ['phone.too_long'] },
];

const junkAndLetters: Case[] = [
  { in: 'abc', e164: null, codes: ['phone.not_a_number'] },
  { in: 'call me', e164: null, codes: ['phone.not_a_number'] },
  { in: 'N/A', e164: null, codes: ['phone.missing'] },
  { in: '', e164: null, codes: ['phone.missing'] },
  { in: '---', e164: null, codes: ['phone.not_a_number'] },
  { in: '212-555-O1OO', e164: '+12125550100', codes: ['phone.letters_fixed', 'phone.fictional'] },
  { in: 'Home: 212-736-5000', e164: '+12127365000', codes: ['phone.extra_text'] },
  { in: 'cell 212.736.5000', e164: '+12127365000', codes: ['phone.extra_text'] },
  { in: '212-736-5000 (cell)', e164: '+12127365000', codes: ['phone.extra_text'] },
  { in: '212-736-5000 / 202-456-1111', e164: '+12127365000', codes: ['phone.multiple'] },
];

const spreadsheetDamage: Case[] = [
  { in: '2127365000.0', e164: '+12127365000', codes: ['phone.spreadsheet_number'] },
  { in: '12127365000.00', e164: '+12127365000', codes: ['phone.spreadsheet_number'] },
  { in: '2.127365000E+09', e164: '+12127365000', codes: ['phone.spreadsheet_number'] },
  { in: '2.12737E+09', e164: null, codes: ['phone.spreadsheet_damage'] },
  { in: '2.12555E+9', e164: null, codes: ['phone.spreadsheet_damage'] },
];

const invalidNumbers: Case[] = [
  { in: '(123) 456-7890', e164: null, codes: ['phone.invalid'], national: '(123) 456-7890' },
  { in: '(212) 055-0100', e164: null, codes: ['phone.invalid'] },
  { in: '000-000-0000', e164: null, codes: ['phone.invalid'] },
  { in: '+1 999 555 0100', e164: null, codes: ['phone.invalid'] },
  { in: '(866) 123-4567', e164: null, codes: ['phone.invalid'] },
];

const international: Case[] = [
  { in: '+44 20 7946 0958', e164: '+442079460958', country: 'GB', type: 'fixed-line', national: '+44 20 7946 0958', codes: ['phone.international'] },
  { in: '011 44 20 7946 0958', e164: '+442079460958', country: 'GB', codes: ['phone.international'] },
  { in: '+1 604 555 0100', e164: '+16045550100', country: 'CA', codes: ['phone.international', 'phone.fictional'] },
  { in: '(604) 555-0100', e164: '+16045550100', country: 'CA', codes: ['phone.international', 'phone.fictional'] },
  { in: '+1 787 555 0100', e164: '+17875550100', country: 'PR', codes: ['phone.international', 'phone.fictional'] },
  { in: '+52 55 1234 5678', e164: '+525512345678', country: 'MX', codes: ['phone.international'] },
  { in: '+49 30 901820', e164: '+4930901820', country: 'DE', type: 'fixed-line', codes: ['phone.international'] },
  { in: '+33 1 42 68 53 00', e164: '+33142685300', country: 'FR', codes: ['phone.international'] },
  { in: '+61 2 9374 4000', e164: '+61293744000', country: 'AU', codes: ['phone.international'] },
  { in: '+91 98765 43210', e164: '+919876543210', country: 'IN', type: 'mobile', codes: ['phone.international'] },
];

const otherDefaultCountry: Case[] = [
  { in: '020 7946 0958', defaultCountry: 'GB', e164: '+442079460958', national: '020 7946 0958', country: 'GB', codes: [] },
  { in: '020 7946 0958', defaultCountry: 'gb', e164: '+442079460958', country: 'GB', codes: [] },
  { in: '(604) 555-0100', defaultCountry: 'CA', e164: '+16045550100', national: '(604) 555-0100', country: 'CA', codes: FICTIONAL },
  { in: '+1 212 736 5000', defaultCountry: 'CA', e164: '+12127365000', country: 'US', codes: ['phone.international'] },
  { in: '212-736-5000', defaultCountry: 'XX', e164: '+12127365000', codes: ['phone.unknown_country'] },
];

describe('normalizePhone on real-world numbers', () => {
  it.each(commonFormats)('reads the common US format $in', check);
  it.each(extensions)('keeps the extension of $in', check);
  it.each(realNumbers)('accepts the working number $in', check);
  it.each(tollFreeAndPremium)('types toll-free and premium numbers: $in', check);
  it.each(vanity)('converts vanity letters: $in', check);
  it.each(localTooShortTooLong)('explains what is wrong with the length of $in', check);
  it.each(junkAndLetters)('handles words and letters: $in', check);
  it.each(spreadsheetDamage)('recovers or refuses numbers a spreadsheet mangled: $in', check);
  it.each(invalidNumbers)('rejects numbers that cannot be in service: $in', check);
  it.each(international)('recognizes international numbers: $in', check);
  it.each(otherDefaultCountry)('honours defaultCountry $defaultCountry for $in', check);
});

describe('normalizePhone edge behaviour', () => {
  it('treats non-string input as text and never throws', () => {
    expect(normalizePhone(null).issues[0]?.code).toBe('phone.missing');
    expect(normalizePhone(2125550100).e164).toBe('+12125550100');
    expect(normalizePhone({ toString: () => { throw new Error('boom'); } }).valid).toBe(false);
  });
  it('flags the 555-0100…0199 range as fictional but still well formed', () => {
    const r = normalizePhone('(212) 555-0150');
    expect(r.valid).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['phone.fictional']);
    expect(normalizePhone('(212) 555-0200').issues).toEqual([]);
  });
  it('says "no area code" in plain words', () => {
    expect(normalizePhone('555-0100').issues[0]?.message).toMatch(/no area code/);
  });
});

const isWellFormedUtf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;
const phoneish = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...'0123456789 ()-.+x#extEXT/'.split('')), { maxLength: 30 }).map((xs) => xs.join('')),
  fc.tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom('', ' x12', ' ext. 5', ' #7'))
    .map(([a, b, c, e]) => `(${a}) ${b}-${String(c).padStart(4, '0')}${e}`),
  fc.constantFrom('1-800-FLOWERS', '+44 20 7946 0958', 'Home: 212-736-5000', '555-0100', '212-555-O1OO'),
);

describe('normalizePhone properties', () => {
  it('never throws, its output is valid UTF-8, and it is invalid exactly when an error is reported', () => {
    fc.assert(
      fc.property(fc.oneof(phoneish, fc.anything()), (x) => {
        const r = normalizePhone(x);
        expect(isWellFormedUtf8(r.value)).toBe(true);
        expect(r.issues.some((i) => i.severity === 'error')).toBe(!r.valid);
        expect(isWellFormedUtf8(r.national)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('normalizing twice equals normalizing once', () => {
    fc.assert(
      fc.property(phoneish, (x) => {
        const once = normalizePhone(x);
        const twice = normalizePhone(once.value);
        expect(twice.value).toBe(once.value);
        expect(twice.e164).toBe(once.e164);
        expect(twice.extension).toBe(once.extension);
        expect([twice.valid, twice.type, twice.country]).toEqual([once.valid, once.type, once.country]);
      }),
      { numRuns: 2000 },
    );
  });
});
