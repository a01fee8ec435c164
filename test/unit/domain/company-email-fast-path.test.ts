// Proves the third round of speed-ups changes no output: the ASCII company casing, key and person pre-check, and the
// plain-domain, typo, parent-domain and role shortcuts in normalizeEmail, each against its general path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/normalize-bench';
import { companyKey, companyKeyGeneral, normalizeCompany, normalizeCompanyGeneral } from '../../../src/domain/companies';
import { isRoleLocal, normalizeEmail, normalizeEmailGeneral } from '../../../src/domain/email';

const casing = (w: string, k: number) => (k === 0 ? w : k === 1 ? w.toUpperCase() : k === 2 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());

/** Words of every kind the casing and the key branch on: acronyms, small words, vowel-less words, folds, legal forms, Mc, O'. */
const COMPANY_WORDS = [
  'acme', 'smith', 'llc', 'L.L.C.', 'l.l.c', 'inc', 'inc.', 'co.,', 'corp', 'ltd', 'the', 'of', 'and', 'a', 'an', 'de', 'y', 'ibm', 'cvs', 'kpmg', 'pnc',
  'mgmt', 'mfg', 'svcs', 'bldg', 'st.', 'st', 'assoc', 'assn', 'intl', "int'l", 'bros', 'gmbh', 'mcdonalds', "mcdonald's", 'mckay', 'mcx', "o'reilly",
  "d'angelo", "mitchell's", "jones'", 'at&t', 'a&p', 'h&r', 'abc&def', '3m', '2nd', 'x-ray', 'coca-cola', 'mc-donald', 'n.a.', 'u.s.a.', 'a.', 'i.b.m.',
  'd/b/a', 'dba', 'd', 'b', '&', '+', 'foo+bar', '(the)', '[x]', '"r"', "'quoted'", 'acme,', 'acme;', 'acme:', 'acme)', '(acme', "'s", "''", '-', '--',
  'tech', 'technologies', 'centre', 'ctr', 'labs', 'lab', 'sys', 'hvac', 'ymca', 'ii', 'iii', 'iv', 'us', 'it', 'or', 'in', 'at', 'to', 'del', 'la',
  'xyz', 'rhythm', 'crwth', 'bcdfgh', 'mr', 'mr.', 'dr', 'mrs', 'jr', 'jr.', 'sr', 'esq', 'md', 'phd', 'q.', 'j', 'x.com', '`', ',', '.', ';', ':',
];
const companyWord = fc.oneof(
  fc.tuple(fc.constantFrom(...COMPANY_WORDS), fc.integer({ min: 0, max: 3 })).map(([w, k]) => casing(w, k)),
  fc.stringMatching(/^[A-Za-z0-9'.,&()[\]"+\-/;:]{1,8}$/),
);
/** Company-shaped text: a few words joined by spaces (sometimes doubled) in one case or mixed. */
const companyText = fc.oneof(
  fc.tuple(fc.array(companyWord, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 })).map(([a, k]) => casing(a.join(' '), k)),
  fc.array(companyWord, { maxLength: 6 }).map((a) => a.join('  ')),
  fc.array(companyWord, { maxLength: 4 }).map((a) => a.join('')),
);
/** Nasty text: any code units, printable ASCII with runs of spaces, and the non-ASCII characters the full paths exist for. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.array(fc.constantFrom('A', 'b', 'ST', 'Mc', 'é', 'É', 'ß', 'İ', 'ı', 'ſ', 'K', 'ǅ', 'ﬁ', 'e\u0301', '\u2019', '\u00A0', '\t', '\u200B', '\uD800', '½', '²', '.', "'", '&', ' '), { maxLength: 10 }).map((a) => a.join('')),
);

/** Every title and suffix of names.ts, and look-alikes: the person pre-check must let each through where it counts. */
const PERSON_WORDS = [
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'rev', 'reverend', 'fr', 'father', 'pastor', 'hon', 'honorable', 'judge', 'capt',
  'captain', 'col', 'lt', 'sgt', 'gen', 'maj', 'cpl', 'adm', 'sen', 'rep', 'gov', 'sister', 'sr', 'msgr', 'rabbi', 'mssrs', 'messrs', 'mmes', 'dame', 'sir',
  'jr', 'junior', 'senior', 'ii', 'iii', 'iv', 'v', 'vii', 'viii', '2nd', '3rd', '4th', 'md', 'do', 'phd', 'dds', 'dmd', 'esq', 'esquire', 'cpa', 'jd', 'rn',
  'np', 'pa', 'dvm', 'od', 'lcsw', 'mba', 'cfp', 'ret', 'usn', 'usmc', 'usa', 'inc', 'llc', 'co', 'the', 'bros', 'john', 'q', 'x',
];
const personWord = fc.tuple(fc.constantFrom(...PERSON_WORDS), fc.integer({ min: 0, max: 3 }), fc.constantFrom('', '.', ',', '.,')).map(([w, k, p]) => casing(w, k) + p);
const nameWord = fc.constantFrom('John', 'SMITH', 'mary', 'Acme', 'J.', 'Q', 'O\'Neil', 'Smith-Jones', 'Plumbing', 'Church', 'Law', 'Bank', 'Sons', 'Associates');
const personText = fc.oneof(
  fc.tuple(personWord, fc.array(nameWord, { minLength: 1, maxLength: 4 })).map(([t, a]) => [t, ...a].join(' ')),
  fc.tuple(fc.array(nameWord, { minLength: 1, maxLength: 4 }), personWord).map(([a, t]) => [...a, t].join(' ')),
  fc.tuple(nameWord, personWord, nameWord).map((a) => a.join(' ')),
  fc.tuple(nameWord, nameWord, fc.constantFrom(', ', ' , ', ' "Bob" ', ' (Bob) ', ' ("Bob") ', ' & ', ' and ', ' Mrs. ')).map(([a, b, j]) => a + j + b),
  fc.tuple(fc.constantFrom('Mr', 'mr.', 'DR', 'Mrs', 'ms'), fc.constantFrom(' & ', ' and ', '&', '. and '), fc.constantFrom('Mrs', 'mr', 'DR.', 'Ms'), fc.constantFrom('', ' Smith', ' John Smith Co')).map((a) => a.join('')),
);

describe('company fast paths', () => {
  const same = (s: string) => {
    expect(normalizeCompany(s)).toEqual(normalizeCompanyGeneral(s));
    expect(companyKey(s)).toBe(companyKeyGeneral(s));
  };
  it('casing and key equal the general path on company-shaped text', () => {
    fc.assert(
      fc.property(companyText, (s) => {
        same(s);
      }),
      { numRuns: 30_000 },
    );
  }, 60_000);
  it('the person pre-check decides as the full check on name-shaped text, titles, suffixes, initials and couples', () => {
    fc.assert(
      fc.property(personText, (s) => {
        same(s);
      }),
      { numRuns: 30_000 },
    );
    for (const w of PERSON_WORDS) {
      for (const t of [`${w} Smith`, `${w}. John Smith`, `John Smith ${w}`, `John Smith, ${w}.`, `John ${w} Smith`, `John ${w}. Q Smith`]) {
        for (let k = 0; k < 4; k++) same(casing(t, k));
      }
    }
  }, 60_000);
  it('equals the general path on random nasty text', () => {
    fc.assert(
      fc.property(nastyText, (s) => {
        same(s);
      }),
      { numRuns: 30_000 },
    );
  }, 60_000);
  it('equals the general path on generated list rows', () => {
    for (const r of generateRows(6000, 43)) same(r[2]!);
  }, 60_000);
});

/** The role check as first written: the fast path skips its replaces when the local part has no quote or "+". */
const ROLE_REFERENCE = (local: string, roles: (s: string) => boolean) => {
  const bare = local.replace(/^"|"$/g, '').toLowerCase().replace(/\+.*$/, '');
  return roles(bare) || roles(bare.replace(/[._-]/g, ''));
};

describe('e-mail fast paths', () => {
  const lists = {
    disposable: new Set(['mailinator.com', 'trash.io', 'a.b', 'x.y.z']),
    freeMail: new Set(['gmail.com', 'yahoo.com', 'aol.com', 'b', '.com', 'com']),
  };
  const label = fc.oneof(
    fc.stringMatching(/^[a-z0-9-]{0,8}$/),
    fc.constantFrom('xn--bcher-kva', 'xn--', 'xn--zz', 'ab--cd', '-a', 'a-', '0x1f', '0x', '0', '123', '255', '1e3', 'com', 'net', 'co', 'gmail', 'gmial', 'gmai', 'mailinator', 'x'.repeat(64), 'y'.repeat(63)),
  );
  const domain = fc.oneof(
    fc.array(label, { minLength: 1, maxLength: 5 }).map((a) => a.join('.')),
    fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '.', '..', ',', ' ', 'com', '.com', 'Com', 'É')).map(([a, t]) => a.join('.') + t),
    fc.constantFrom('x'.repeat(250) + '.com', 'a.'.repeat(127) + 'com', '1.2.3.4', '1.2.3', '01.2.3.4', '[1.2.3.4]', 'B\u00dcCHER.de', 'GMAIL.COM', 'Kelvin\u212a.com', '\u0130stanbul.com', 'gmail.com.com', 'gmail.comcom', 'gmailcom', 'hotmial.net'),
    fc.string({ unit: fc.constantFrom('a', 'x', 'n', '-', '.', '0', '9', 'c', 'o', 'm'), maxLength: 14 }),
  );
  const local = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._%+-]{0,10}$/),
    fc.tuple(fc.constantFrom('info', 'Sales', 'no-reply', 'no.reply', 'NO_REPLY', 'customer.service', 'hr', 'it', 'john', 'a.b'), fc.constantFrom('', '+tag', '+', '.', '"', '-')).map(([a, b]) => a + b),
    fc.constantFrom('"info"', '"sales+x"', '"john doe"', 'info+a\nb', 'x'.repeat(65), 'ö', '\u0130nfo'),
  );
  const email = fc.oneof(
    fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`),
    fc.tuple(local, domain, fc.constantFrom('', '.', ',', ' ', '>')).map(([l, d, t]) => `${l}@${d}${t}`),
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  it('equals the general path on plain, IDN, numeric, over-long and malformed domains', () => {
    fc.assert(
      fc.property(email, fc.boolean(), (e, withLists) => {
        const l = withLists ? lists : undefined;
        expect(normalizeEmail(e, l)).toEqual(normalizeEmailGeneral(e, l));
      }),
      { numRuns: 30_000 },
    );
  }, 60_000);
  it('equals the general path on generated list rows (so also across memo hits)', () => {
    for (const r of generateRows(6000, 47)) {
      expect(normalizeEmail(r[10], lists)).toEqual(normalizeEmailGeneral(r[10], lists));
      expect(normalizeEmail(r[10])).toEqual(normalizeEmailGeneral(r[10]));
    }
  }, 60_000);
  it('isRoleLocal equals the check as first written', () => {
    // Role words are the ones isRoleLocal accepts alone; the reference then adds only the stripping.
    const roles = (s: string) => s !== '' && isRoleLocal(s) && !/["+._-]/.test(s);
    fc.assert(
      fc.property(local, (l) => {
        expect(isRoleLocal(l)).toBe(ROLE_REFERENCE(l, roles));
      }),
      { numRuns: 20_000 },
    );
  });
});
