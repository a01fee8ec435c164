// Proves the plain-US-number fast path of normalizePhone gives exactly the full libphonenumber path's result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { normalizePhone, normalizePhoneGeneral } from '../../../src/domain/phone';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const sep = fc.constantFrom('', ' ', '-', '.');

/** Every shape the fast path accepts, plus near misses it must leave to the full path. */
const shaped = fc
  .record({
    npa: fc.oneof(fc.integer({ min: 200, max: 999 }).map(String), digits(3)),
    nxx: fc.oneof(digits(3), fc.constant('555')),
    line: fc.oneof(digits(4), digits(2).map((d) => `01${d}`)),
    lead: fc.constantFrom('', '1', '+1', '+', '1 ', '1-', '+1 ', '+1-', '1.', '0', '11'),
    paren: fc.boolean(),
    s1: sep,
    s2: sep,
    tail: fc.constantFrom('', '', '', ' ', ' x12', '#5', '.0'),
  })
  .map(({ npa, nxx, line, lead, paren, s1, s2, tail }) => `${lead}${paren ? `(${npa})${s1 === '-' || s1 === '.' ? '' : s1}` : npa + s1}${nxx}${s2}${line}${tail}`);

/** A sample of real area codes (US, Canada, Caribbean, toll-free, premium, unassigned) so valid numbers are common. */
const NPAS = ['212', '213', '305', '310', '415', '416', '441', '473', '500', '555', '604', '657', '787', '800', '833', '844', '876', '900', '911', '983', '999', '211', '370'];
const realistic = fc
  .record({ npa: fc.constantFrom(...NPAS), nxx: digits(3), line: digits(4), fmt: fc.integer({ min: 0, max: 8 }) })
  .map(({ npa, nxx, line, fmt }) => [`(${npa}) ${nxx}-${line}`, `${npa}-${nxx}-${line}`, `${npa}.${nxx}.${line}`, `${npa} ${nxx} ${line}`, `${npa}${nxx}${line}`, `1-${npa}-${nxx}-${line}`, `+1 ${npa} ${nxx} ${line}`, `+1 (${npa}) ${nxx}-${line}`, `(${npa})${nxx}-${line}`][fmt]!);

describe('normalizePhone fast path', () => {
  it('equals the full path on every plain US shape and near miss', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, realistic), fc.constantFrom(undefined, 'US', 'us', 'CA'), (s, dc) => {
        const opts = dc === undefined ? {} : { defaultCountry: dc };
        expect(normalizePhone(s, opts)).toEqual(normalizePhoneGeneral(s, opts));
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals the full path on plain US numbers with an extension, near misses and empty cells', () => {
    const ext = fc.tuple(
      fc.constantFrom(' ext. ', ' EXT. ', ' Ext ', ' ext', ' x', ' X', 'x', ' #', '#', ', ext. ', '; ext=', ' extension ', ' xtn ', ' ext: ', ' e', ' x ', '  x', ' ex ', ',', ' "x', ' x.', '\tx'),
      fc.oneof(digits(1), digits(3), digits(7), digits(8), fc.constantFrom('', '12a', ' 5', '5 ', '"5"')),
    ).map(([e, n]) => `${e}${n}`);
    fc.assert(
      fc.property(fc.oneof(shaped, realistic), ext, fc.constantFrom('', '', ' ', '"', 'tel:'), fc.constantFrom(undefined, 'US', 'CA'), (s, e, wrap, dc) => {
        const opts = dc === undefined ? {} : { defaultCountry: dc };
        const v = wrap === 'tel:' ? `tel:${s}${e}` : `${wrap}${s}${e}${wrap}`;
        expect(normalizePhone(v, opts)).toEqual(normalizePhoneGeneral(v, opts));
      }),
      { numRuns: 20_000 },
    );
    for (const v of ['', ' ', '\t', '2125550100 x5', '(212) 555-0100 #29', '1.2E+10 x5', '2125550100.0']) expect(normalizePhone(v)).toEqual(normalizePhoneGeneral(v));
  }, 30_000);

  it('equals the full path for one number in every area code and exchange sampled across the NANP', () => {
    // Every NPA, a spread of exchanges each: the exhaustive run over all 800,000 NPA-NXX is in the report (too slow for CI).
    for (let npa = 200; npa <= 999; npa++) {
      for (let nxx = npa % 7; nxx < 1000; nxx += 37) {
        const n = `${npa}${String(nxx).padStart(3, '0')}${String((npa * 7919 + nxx * 104729) % 10000).padStart(4, '0')}`;
        expect(normalizePhone(n)).toEqual(normalizePhoneGeneral(n));
      }
    }
  });

  it('equals the full path on numbers of the other +1 countries (Puerto Rico, Canada, the Caribbean), with and without an extension', () => {
    // Area codes of every +1 plan, those decided by leading digits (787/939) and by type (Canada), plus US ones beside them.
    const npa = fc.constantFrom('787', '939', '416', '604', '867', '242', '246', '264', '268', '284', '340', '345', '441', '473', '649', '658', '664', '670', '671', '684', '721', '758', '767', '784', '809', '829', '849', '868', '869', '876', '212', '600', '622');
    const number = fc
      .record({ npa, nxx: fc.oneof(digits(3), fc.constant('555')), line: fc.oneof(digits(4), digits(2).map((d) => `01${d}`)), fmt: fc.integer({ min: 0, max: 8 }) })
      .map(({ npa: a, nxx, line, fmt }) => [`(${a}) ${nxx}-${line}`, `${a}-${nxx}-${line}`, `${a}.${nxx}.${line}`, `${a} ${nxx} ${line}`, `${a}${nxx}${line}`, `1-${a}-${nxx}-${line}`, `+1 ${a} ${nxx} ${line}`, `+1 (${a}) ${nxx}-${line}`, `(${a})${nxx}-${line}`][fmt]!);
    const ext = fc.constantFrom('', '', ' ext. 12', ' x208', ', ext. 767', ' #908', ' Ext 936', ' ext695', ' X966');
    fc.assert(
      fc.property(number, ext, fc.constantFrom(undefined, 'US', 'CA', 'PR'), (s, e, dc) => {
        const opts = dc === undefined ? {} : { defaultCountry: dc };
        expect(normalizePhone(s + e, opts)).toEqual(normalizePhoneGeneral(s + e, opts));
      }),
      { numRuns: 20_000 },
    );
    expect(normalizePhone('787-691-3604').country).toBe('PR');
  }, 30_000);

  it('equals the full path on numbers with spaces, tabs and invisible characters around or inside them', () => {
    const space = fc.constantFrom('', '', ' ', '  ', '\t', ' \n', '\u00a0', '\u200B', '\u3000', '\uFEFF');
    const ext = fc.constantFrom('', '', ' x12', '  ext. 45', ' #7', ',  ext. 9');
    fc.assert(
      fc.property(fc.oneof(shaped, realistic), space, space, ext, fc.constantFrom(undefined, 'US', 'CA'), (s, before, after, e, dc) => {
        const opts = dc === undefined ? {} : { defaultCountry: dc };
        const inner = s.replace(' ', after === '' ? ' ' : `${after} `);
        for (const v of [`${before}${s}${e}${after}`, `${before}${inner}${e}`]) expect(normalizePhone(v, opts)).toEqual(normalizePhoneGeneral(v, opts));
      }),
      { numRuns: 20_000 },
    );
  }, 30_000);

  it('equals the full path on generated list rows', () => {
    for (const seed of [41, 43]) {
      for (const r of generateRows(5000, seed)) expect(normalizePhone(r[9], { defaultCountry: 'US' })).toEqual(normalizePhoneGeneral(r[9], { defaultCountry: 'US' }));
    }
  }, 30_000);
});
