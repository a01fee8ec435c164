// Proves the second round of normalizer speed-ups changes no output: the plain e-mail shortcut, the UTF-8 length count,
// the company display/key rewrites skipped when their character is absent, the person check's order, and cleanText's
// space collapsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { companyKey, companyKeyGeneral, normalizeCompany, normalizeCompanyGeneral } from '../../../src/domain/companies';
import { normalizeEmail, normalizeEmailGeneral, utf8Length } from '../../../src/domain/email';
import { cleanText, cleanTextFull, looksLikeCompany, looksLikePerson } from '../../../src/domain/names';

const lists = { disposable: new Set(['mailinator.com', 'trash.io']), freeMail: new Set(['gmail.com', 'yahoo.com', 'aol.com']) };

describe('plain e-mail shortcut', () => {
  const localChar = fc.constantFrom(...'abcxyzABZ0189._%+-'.split(''), '.', ' ', '"', "'", '<', '>', ',', ';', ':', '@', 'é', '\u200B', '\uFF20', '\uD800', '`', '/', '|');
  const local = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._%+-]{0,12}$/), fc.array(localChar, { maxLength: 10 }).map((a) => a.join('')), fc.constantFrom('info', 'Sales', 'mailto:x', 'MAILTO:j', 'john.doe', 'a..b', '.a', 'noreply', 'x'.repeat(70)));
  const domain = fc.oneof(
    fc.constantFrom('gmail.com', 'gmial.com', 'gmail.co', 'GMAIL.COM', 'mailinator.com', 'x.mailinator.com', 'yahoo.com.', 'acme.com', 'b\u00fccher.de', 'xn--bcher-kva.de', '', '.com', 'com', '1.2.3.4', 'a..b.com', 'gmail.comcom', 'hotmial.com', 'aol.com,', 'acme.com;', 'x'.repeat(250) + '.com'),
    fc.stringMatching(/^[a-z0-9.-]{0,12}$/),
  );
  const email = fc.oneof(
    fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`),
    fc.tuple(local, domain, fc.constantFrom('', ' ', '.', ',', ';', ' x@y.com', '>', '"')).map(([l, d, t]) => `${l}@${d}${t}`),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', 'n/a', 'NONE', '-', 'a@b@c.com', 'john@x.com, jane@y.com', '<john@x.com>', 'John <john@x.com>', '"john@x.com"', 'john @ x . com'),
  );
  it('equals the general path', () => {
    fc.assert(
      fc.property(email, fc.boolean(), (e, withLists) => {
        const l = withLists ? lists : undefined;
        expect(normalizeEmail(e, l)).toEqual(normalizeEmailGeneral(e, l));
      }),
      { numRuns: 20_000 },
    );
  }, 30_000);
  it('equals the general path on generated list rows', () => {
    for (const r of generateRows(3000, 31)) expect(normalizeEmail(r[10], lists)).toEqual(normalizeEmailGeneral(r[10], lists));
  }, 30_000);
  it('utf8Length equals TextEncoder on any string, lone surrogates included', () => {
    const enc = new TextEncoder();
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\uD800', '\uDC00', '\u07FF', '\u0800', '\uFFFF') })), (s) => {
      expect(utf8Length(s)).toBe(enc.encode(s).length);
    }), { numRuns: 20_000 });
  }, 30_000);
});

/** The person check as first written: the company check first, then the same rules. */
function referencePersonLikely(s: string): boolean {
  const r = looksLikePerson(s);
  const positive = r.reasons.filter((x) => x !== 'is 2–5 words of letters');
  const words = cleanText(s).replace(/["()]/g, ' ').split(' ').filter(Boolean);
  const nameShaped = words.length >= 2 && words.length <= 5 && words.every((w) => /^[\p{L}][\p{L}'.,-]*$/u.test(w));
  const couple = r.reasons.includes('is a couple ("Mr. and Mrs.")');
  return positive.length > 0 && !looksLikeCompany(cleanText(s)).likely && (nameShaped || couple);
}

const COMPANY_WORD = fc.constantFrom('Acme', 'SMITH', 'jones', 'Inc', 'Inc.', 'LLC', 'L.L.C.', 'Co', '&', 'and', 'Sons', 'The', 'Mr.', 'Mrs', 'Dr', 'Jr', 'III', 'John', 'Q.', 'A', '"Bob"', '(Bob)', 'd/b/a', 'dba', 'D / B / A', 'O\'Neil', 'AT&T', 'A&P', 'Co.,', 'Ltd', 'Church', 'Law', 'Bank', 'of', 'America', '+', 'Foo+Bar', 'Café', 'Müller', 'St.', 'Louis', '2nd', 'Group', ',', '.', ' ( ', ' ] ', '[x]', ';', ':', '`', '\t', '  ', 'Smith,', 'x.com');
const companyText = fc.oneof(
  fc.array(COMPANY_WORD, { maxLength: 6 }).map((a) => a.join(' ')),
  fc.array(COMPANY_WORD, { maxLength: 6 }).map((a) => a.join('')),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '.', '&', '(', ')', '[', ']', '/', "'", '+', ';', ':', '-', '`', '\t') , maxLength: 16 }),
);

describe('company and name rewrites', () => {
  it('cleanText equals the full clean-up on printable ASCII with runs of spaces', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', ' ', '`', "'", '.', '\t', '\n', '~', '\x7f') }), (s) => {
      expect(cleanText(s)).toBe(cleanTextFull(s));
    }), { numRuns: 20_000 });
  }, 30_000);
  it('looksLikePerson decides as with the company check first', () => {
    fc.assert(fc.property(companyText, (s) => {
      expect(looksLikePerson(s).likely).toBe(referencePersonLikely(s));
    }), { numRuns: 20_000 });
  }, 30_000);
  it('normalizeCompany and companyKey equal the versions with every rewrite applied', () => {
    fc.assert(fc.property(companyText, (s) => {
      expect(normalizeCompany(s)).toEqual(normalizeCompanyGeneral(s));
      expect(companyKey(s)).toBe(companyKeyGeneral(s));
    }), { numRuns: 20_000 });
    for (const r of generateRows(3000, 37)) expect(normalizeCompany(r[2]!)).toEqual(normalizeCompanyGeneral(r[2]!));
  }, 30_000);
});
