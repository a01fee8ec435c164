// Proves that company names from real lists get a tidy display form and a match key that ignores legal form, "The", punctuation and abbreviations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyKey, companyTokens, normalizeCompany } from '../../../src/domain/companies';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('normalizeCompany', () => {
  it.each([
    // display kept when typed in mixed case
    ['Acme Mfg. Co.', 'Acme Mfg. Co.', 'acme manufacturing'],
    ['The Acme Manufacturing Company, Inc.', 'The Acme Manufacturing Company, Inc.', 'acme manufacturing'],
    ['eBay Inc.', 'eBay Inc.', 'ebay'],
    ['iRobot Corp', 'iRobot Corp', 'irobot'],
    ['  Acme   Widgets ,Inc. ', 'Acme Widgets, Inc.', 'acme widgets'],
    // all-caps and all-lower get proper case, acronyms kept
    ['ACME MFG. CO.', 'Acme Mfg. Co.', 'acme manufacturing'],
    ['acme manufacturing llc', 'Acme Manufacturing LLC', 'acme manufacturing'],
    ['IBM CORPORATION', 'IBM Corporation', 'ibm'],
    ['AT&T INC', 'AT&T Inc', 'at and t'],
    ['AT & T', 'AT & T', 'at and t'],
    ['BANK OF AMERICA, N.A.', 'Bank of America, N.A.', 'bank of america'],
    ['CVS PHARMACY', 'CVS Pharmacy', 'cvs pharmacy'],
    ['3M COMPANY', '3M Company', '3m'],
    ["MCDONALD'S CORP", "McDonald's Corp", 'mcdonalds'],
    ["o'reilly auto parts", "O'Reilly Auto Parts", 'oreilly auto parts'],
    ['SMITH & SONS PLUMBING', 'Smith & Sons Plumbing', 'smith and sons plumbing'],
    ['JOHNSON ASSOC', 'Johnson Assoc', 'johnson assoc'],
    ['ABC TECH SYS INTL', 'ABC Tech Sys Intl', 'abc technology systems international'],
    ['YMCA OF GREATER BOSTON', 'YMCA of Greater Boston', 'ymca of greater boston'],
    ['HVAC SERVICES LLC', 'HVAC Services LLC', 'hvac services'],
    ['KPMG LLP', 'KPMG LLP', 'kpmg'],
    ['SMITH MGMT GRP', 'Smith Mgmt Grp', 'smith management group'],
    ['first national bank', 'First National Bank', 'first national bank'],
    ['MÜLLER GMBH', 'Müller GmbH', 'muller'],
    // legal forms
    ['Acme LLC', 'Acme LLC', 'acme'],
    ['Acme L.L.C.', 'Acme L.L.C.', 'acme'],
    ['Acme, Inc.', 'Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'Acme Incorporated', 'acme'],
    ['Acme Corp.', 'Acme Corp.', 'acme'],
    ['Acme Corporation', 'Acme Corporation', 'acme'],
    ['Acme Co', 'Acme Co', 'acme'],
    ['Acme Company', 'Acme Company', 'acme'],
    ['Acme Ltd', 'Acme Ltd', 'acme'],
    ['Acme Limited', 'Acme Limited', 'acme'],
    ['Smith & Jones LLP', 'Smith & Jones LLP', 'smith and jones'],
    ['Acme Partners LP', 'Acme Partners LP', 'acme partners'],
    ['Smith Law PC', 'Smith Law PC', 'smith law'],
    ['Smith Law P.C.', 'Smith Law P.C.', 'smith law'],
    ['Smith Dental PLLC', 'Smith Dental PLLC', 'smith dental'],
    ['Smith & Co.', 'Smith & Co.', 'smith'],
    ['Acme Co., Inc.', 'Acme Co., Inc.', 'acme'],
    ['The Company', 'The Company', 'company'],
    ['Acme Co-op', 'Acme Co-op', 'acme company op'],
    // "The", & vs and, punctuation, diacritics
    ['The Home Depot', 'The Home Depot', 'home depot'],
    ['Home Depot, The', 'Home Depot, The', 'home depot'],
    ['Johnson and Johnson', 'Johnson and Johnson', 'johnson and johnson'],
    ['Johnson & Johnson', 'Johnson & Johnson', 'johnson and johnson'],
    ['Procter & Gamble Co.', 'Procter & Gamble Co.', 'procter and gamble'],
    ['Ben & Jerry’s', "Ben & Jerry's", 'ben and jerrys'],
    ['Café Rouge', 'Café Rouge', 'cafe rouge'],
    ['Nestlé S.A.', 'Nestlé S.A.', 'nestle sa'],
    ['Toys "R" Us', 'Toys "R" Us', 'toys r us'],
    ['Yahoo!', 'Yahoo!', 'yahoo'],
    ['Smith Bros.', 'Smith Bros.', 'smith brothers'],
    ['Smith Brothers', 'Smith Brothers', 'smith brothers'],
    ['Natl. Assn. of Realtors', 'Natl. Assn. of Realtors', 'national assoc of realtors'],
    ['National Association of Realtors', 'National Association of Realtors', 'national assoc of realtors'],
    ['Acme Intl', 'Acme Intl', 'acme international'],
    ["Acme Int'l", "Acme Int'l", 'acme international'],
    ['Acme Svcs', 'Acme Svcs', 'acme services'],
    ['Dept. of Revenue', 'Dept. of Revenue', 'department of revenue'],
    ['Acme Ctr', 'Acme Ctr', 'acme center'],
    ['Acme Centre', 'Acme Centre', 'acme center'],
    ['Acme Tech', 'Acme Tech', 'acme technology'],
    ['Acme Technologies', 'Acme Technologies', 'acme technology'],
    ['Acme Sys', 'Acme Sys', 'acme systems'],
    ['Smith Holdings LLC dba Joe\'s Pizza', "Smith Holdings LLC dba Joe's Pizza", 'smith holdings llc dba joes pizza'],
  ])('%s → display %j, key %j', (raw, display, key) => {
    const r = normalizeCompany(raw);
    expect(r.display).toBe(display);
    expect(r.key).toBe(key);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['---', 'no_letters'],
    ['N/A', 'placeholder'],
    ['Self-Employed', 'placeholder'],
    ['Retired', 'placeholder'],
    ['Dr. John Smith', 'person_in_company_field'],
    ['Smith, John', 'person_in_company_field'],
    ['John Q. Public', 'person_in_company_field'],
    ['Smith Holdings LLC d/b/a Joe’s Pizza', 'dba'],
  ])('flags %j with %s', (raw, code) => {
    expect(normalizeCompany(raw).issues.map((i) => i.code)).toContain(code);
  });

  it.each(['Acme Widgets', 'Home Depot, The', 'Smith & Sons', 'IBM', 'Johnson Associates LLC'])('does not flag %j as a person', (raw) => {
    expect(normalizeCompany(raw).issues).toEqual([]);
  });

  it('gives companies that differ only in form the same key', () => {
    const keys = ['ACME MFG CO', 'Acme Manufacturing Company', 'The Acme Mfg. Co., Inc.', 'acme manufacturing, llc', 'ACME MANUFACTURING CORP.'].map((s) => normalizeCompany(s).key);
    expect(new Set(keys)).toEqual(new Set(['acme manufacturing']));
  });

  it('splits a key into tokens for token-set similarity', () => {
    expect(companyTokens(companyKey('The Bank of New York Mellon Corp'))).toEqual(['bank', 'new', 'york', 'mellon']);
    expect(companyTokens('')).toEqual([]);
  });
});

describe('normalizeCompany on any input', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('__proto__', 'constructor', 'toString'),
    fc.array(fc.constantFrom('ACME', 'the', 'The', 'inc', 'Inc.', 'CO', '&', 'and', 'L.L.C.', 'mfg', "O'", 'mc', 'AT&T', ',', '.', '-', 'Müller', 'e\u0301', '\uDC00', 'ß', 'İ', 'ᾀ', 'ǅ', 'ﬁ', "o'b", 'x-y', 'ST.', 'IBM', '3M', 'Assoc'), { maxLength: 8 }).map((a) => a.join(' ')),
  );
  it('is idempotent on its display, keeps the key, never throws and returns well-formed NFC text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const a = normalizeCompany(s);
        const b = normalizeCompany(a.display);
        expect(b.display).toBe(a.display);
        expect(b.key).toBe(a.key);
        for (const v of [a.display, a.key]) {
          expect(LONE_SURROGATE.test(v)).toBe(false);
          expect(v).toBe(v.normalize('NFC'));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
