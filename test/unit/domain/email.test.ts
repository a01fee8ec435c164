// Proves normalizeEmail on real-world addresses: casing, stray spaces and punctuation, mailto:, quoted and IDN parts, typos, role, free-mail and disposable domains.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRoleLocal, normalizeEmail, suggestDomain, typoDistance } from '../../../src/domain/email';
import { EMPTY_EMAIL_LISTS, parseDomainList } from '../../../src/domain/email-data';
import { loadEmailLists } from '../../../src/jobs/reference-data';

const lists = loadEmailLists(path.resolve(import.meta.dirname, '../../../resources'));

interface Case {
  in: string;
  /** Expected cleaned value; defaults to the input. */
  value?: string;
  valid: boolean;
  /** Exact set of issue codes (order ignored). */
  codes?: string[];
  suggestion?: string;
  role?: boolean;
  free?: boolean;
  disposable?: boolean;
  ascii?: string;
}

const check = (c: Case) => {
  const r = normalizeEmail(c.in, lists);
  expect(r.value).toBe(c.value ?? c.in);
  expect(r.valid).toBe(c.valid);
  expect(r.issues.map((i) => i.code).sort()).toEqual([...(c.codes ?? [])].sort());
  expect(r.suggestion).toBe(c.suggestion);
  expect(r.role).toBe(c.role ?? false);
  expect(r.freeMail).toBe(c.free ?? false);
  expect(r.disposable).toBe(c.disposable ?? false);
  if (c.ascii !== undefined) expect(r.asciiDomain).toBe(c.ascii);
  for (const i of r.issues) expect(i.message.length).toBeGreaterThan(10);
  // An error-level issue and validity always agree.
  expect(r.issues.some((i) => i.severity === 'error')).toBe(!r.valid);
};

const wellFormedAddresses: Case[] = [
  { in: 'John.Smith@GMAIL.COM', value: 'John.Smith@gmail.com', valid: true, free: true },
  { in: 'JANE@Example.ORG', value: 'JANE@example.org', valid: true },
  { in: 'a@b.co', valid: true },
  { in: 'first.last+newsletter@gmail.com', valid: true, free: true },
  { in: "o'brien@example.com", valid: true },
  { in: 'user_name-1@sub.example.co.uk', valid: true },
  { in: 'x@example.museum', valid: true },
  { in: '1234567890@example.com', valid: true },
  { in: 'jsmith@acme-widgets.com', valid: true },
  { in: 'customer/department=shipping@example.com', valid: true },
  { in: "!#$%&'*+-/=?^_`{|}~@example.org", valid: true },
  { in: 'a@b-c.d-e.com', valid: true },
  { in: 'jane.doe@ACME.Co', value: 'jane.doe@acme.co', valid: true },
  { in: `${'a'.repeat(64)}@example.com`, valid: true },
  { in: 'pat@comcast.net', valid: true, free: true },
  { in: 'pat@SBCGlobal.net', value: 'pat@sbcglobal.net', valid: true, free: true },
];

const spacesAndWrappers: Case[] = [
  { in: '  bob@example.com  ', value: 'bob@example.com', valid: true },
  { in: '\tbob@example.com\r\n', value: 'bob@example.com', valid: true },
  { in: 'bob@example.com\u00A0', value: 'bob@example.com', valid: true },
  { in: '\u200Bbob@example.com\uFEFF', value: 'bob@example.com', valid: true },
  { in: 'john @ gmail . com', value: 'john@gmail.com', valid: true, codes: ['email.spaces_removed'], free: true },
  { in: 'john@ example.com', value: 'john@example.com', valid: true, codes: ['email.spaces_removed'] },
  { in: 'john smith@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'john@exa mple.com', valid: false, codes: ['email.syntax'] },
  { in: 'mailto:bob@example.com', value: 'bob@example.com', valid: true, codes: ['email.mailto_removed'] },
  { in: 'MAILTO:Bob@Example.com', value: 'Bob@example.com', valid: true, codes: ['email.mailto_removed'] },
  { in: 'mailto:bob@example.com?subject=Hello%20there', value: 'bob@example.com', valid: true, codes: ['email.mailto_removed'] },
  { in: 'mailto:bob%40example.com', value: 'bob@example.com', valid: true, codes: ['email.mailto_removed'] },
  { in: '<bob@example.com>', value: 'bob@example.com', valid: true },
  { in: 'Bob Smith <bob@example.com>', value: 'bob@example.com', valid: true, codes: ['email.display_name_removed'] },
  { in: '"Smith, Bob" <bob@example.com>', value: 'bob@example.com', valid: true, codes: ['email.display_name_removed'] },
  { in: '"bob@example.com"', value: 'bob@example.com', valid: true },
  { in: "'bob@example.com'", value: 'bob@example.com', valid: true },
  { in: 'bob\uFF20example.com', value: 'bob@example.com', valid: true },
];

const trailingDotsAndBadDots: Case[] = [
  { in: 'bob@example.com.', value: 'bob@example.com', valid: true, codes: ['email.punctuation_removed'] },
  { in: 'Bob@Example.Com.', value: 'Bob@example.com', valid: true, codes: ['email.punctuation_removed'] },
  { in: 'bob@example.com,', value: 'bob@example.com', valid: true, codes: ['email.punctuation_removed'] },
  { in: 'bob@example.com;', value: 'bob@example.com', valid: true, codes: ['email.punctuation_removed'] },
  { in: 'bob@example.com...', value: 'bob@example.com', valid: true, codes: ['email.punctuation_removed'] },
  { in: 'bob.@example.com', valid: false, codes: ['email.syntax'] },
  { in: '.bob@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob..smith@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@example..com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@.example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@-example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@example-.com', valid: false, codes: ['email.syntax'] },
];

const quotedAndInternational: Case[] = [
  { in: '"john doe"@example.com', valid: true, codes: ['email.quoted_local'] },
  { in: '"john..doe"@example.com', valid: true, codes: ['email.quoted_local'] },
  { in: '"john@doe"@example.com', valid: true, codes: ['email.quoted_local'] },
  { in: '"john\\"doe"@Example.com', value: '"john\\"doe"@example.com', valid: true, codes: ['email.quoted_local'] },
  { in: '"unclosed@example.com', valid: false, codes: ['email.syntax'] },
  { in: '"john"doe@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'user@bücher.de', valid: true, ascii: 'xn--bcher-kva.de' },
  { in: 'user@XN--BCHER-KVA.DE', value: 'user@bücher.de', valid: true, ascii: 'xn--bcher-kva.de' },
  { in: 'user@BÜCHER.DE', value: 'user@bücher.de', valid: true, ascii: 'xn--bcher-kva.de' },
  { in: 'info@例え.jp', valid: true, role: true, codes: ['email.role'], ascii: 'xn--r8jz45g.jp' },
  { in: 'anna@münchen.de', valid: true, ascii: 'xn--mnchen-3ya.de' },
  { in: 'josé@example.com', valid: true, codes: ['email.unicode_local'] },
  { in: 'user@ex_ample.com', valid: false, codes: ['email.syntax'] },
];

const typos: Case[] = [
  ...['gmial.com', 'gmai.com', 'gmaill.com', 'gamil.com', 'gnail.com', 'gmail.co', 'gmail.con', 'gmail.cmo', 'gmail.cm', 'gmail.om', 'gmail.comm', 'gmail.net', 'gmail.org', 'gmail.com.com', 'gmial.con'].map(
    (d): Case => ({ in: `pat@${d}`, valid: true, codes: ['email.typo'], suggestion: 'pat@gmail.com' }),
  ),
  ...['hotmial.com', 'hotmal.com', 'hotmai.com', 'hotamil.com', 'hotmail.co', 'hotmail.con'].map((d): Case => ({ in: `pat@${d}`, valid: true, codes: ['email.typo'], suggestion: 'pat@hotmail.com' })),
  ...['yaho.com', 'yahooo.com', 'yhaoo.com', 'yahoo.co', 'yahoo.cm', 'yahho.com'].map((d): Case => ({ in: `pat@${d}`, valid: true, codes: ['email.typo'], suggestion: 'pat@yahoo.com' })),
  { in: 'pat@outlok.com', valid: true, codes: ['email.typo'], suggestion: 'pat@outlook.com' },
  { in: 'pat@outllook.com', valid: true, codes: ['email.typo'], suggestion: 'pat@outlook.com' },
  { in: 'pat@iclod.com', valid: true, codes: ['email.typo'], suggestion: 'pat@icloud.com' },
  { in: 'pat@icloud.co', valid: true, codes: ['email.typo'], suggestion: 'pat@icloud.com' },
  { in: 'pat@aol.con', valid: true, codes: ['email.typo'], suggestion: 'pat@aol.com' },
  { in: 'pat@aol.co', valid: true, codes: ['email.typo'], suggestion: 'pat@aol.com' },
  { in: 'pat@msn.co', valid: true, codes: ['email.typo'], suggestion: 'pat@msn.com' },
  { in: 'pat@comcast.nte', valid: true, codes: ['email.typo'], suggestion: 'pat@comcast.net' },
  { in: 'pat@comcat.net', valid: true, codes: ['email.typo'], suggestion: 'pat@comcast.net' },
  { in: 'pat@sbcgloabl.net', valid: true, codes: ['email.typo'], suggestion: 'pat@sbcglobal.net' },
  { in: 'pat@sbcglobl.net', valid: true, codes: ['email.typo'], suggestion: 'pat@sbcglobal.net' },
  { in: 'pat@verizon.ner', valid: true, codes: ['email.typo'], suggestion: 'pat@verizon.net' },
  { in: 'pat@verizn.net', valid: true, codes: ['email.typo'], suggestion: 'pat@verizon.net' },
  { in: 'pat@bellsouth.ent', valid: true, codes: ['email.typo'], suggestion: 'pat@bellsouth.net' },
  { in: 'pat@att.nte', valid: true, codes: ['email.typo'], suggestion: 'pat@att.net' },
  { in: 'Pat.Lee@GMIAL.COM', value: 'Pat.Lee@gmial.com', valid: true, codes: ['email.typo'], suggestion: 'Pat.Lee@gmail.com' },
  // Typos that also break the syntax: still invalid, but the likely fix is offered.
  { in: 'pat@gmail', valid: false, codes: ['email.syntax', 'email.typo'], suggestion: 'pat@gmail.com' },
  { in: 'pat@gmailcom', valid: false, codes: ['email.syntax', 'email.typo'], suggestion: 'pat@gmail.com' },
  { in: 'pat@gmail,com', valid: false, codes: ['email.syntax', 'email.typo'], suggestion: 'pat@gmail.com' },
  { in: 'pat@yahoo..com', valid: false, codes: ['email.syntax', 'email.typo'], suggestion: 'pat@yahoo.com' },
];

const notTypos: Case[] = [
  { in: 'pat@mail.com', valid: true, free: true },
  { in: 'pat@email.com', valid: true, free: true },
  { in: 'pat@ymail.com', valid: true, free: true },
  { in: 'pat@gmx.com', valid: true, free: true },
  { in: 'pat@verizon.com', valid: true },
  { in: 'pat@att.com', valid: true },
  { in: 'pat@comcast.com', valid: true },
  { in: 'pat@life.com', valid: true },
  { in: 'pat@yahoo.co.uk', valid: true, free: true },
  { in: 'pat@hotmail.co.uk', valid: true, free: true },
  { in: 'pat@live.ca', valid: true, free: true },
  { in: 'pat@aim.com', valid: true, free: true },
  { in: 'pat@acme.co', valid: true },
  // Equally close to gmail.com and ymail.com: no guess.
  { in: 'pat@xmail.com', valid: true },
];

const roleAccounts: Case[] = [
  { in: 'info@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'Sales@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'no-reply@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'customer.service@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'support+tickets@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'webmaster@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'postmaster@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'HR@acme.com', valid: true, role: true, codes: ['email.role'] },
  { in: 'info@gmail.com', valid: true, role: true, free: true, codes: ['email.role'] },
  { in: 'jinfo@acme.com', valid: true },
  { in: 'sally@acme.com', valid: true },
];

const disposableDomains: Case[] = [
  { in: 'x@mailinator.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@MAILINATOR.COM', value: 'x@mailinator.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@guerrillamail.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@10minutemail.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@yopmail.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@sharklasers.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@inbox.mailinator.com', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'x@temp-mail.org', valid: true, disposable: true, codes: ['email.disposable'] },
  { in: 'sales@trashmail.com', valid: true, disposable: true, role: true, codes: ['email.disposable', 'email.role'] },
];

const broken: Case[] = [
  { in: '', valid: false, codes: ['email.missing'] },
  { in: '   ', value: '', valid: false, codes: ['email.missing'] },
  { in: 'N/A', valid: false, codes: ['email.missing'] },
  { in: 'none', valid: false, codes: ['email.missing'] },
  { in: 'bob', valid: false, codes: ['email.syntax'] },
  { in: 'bob.example.com', valid: false, codes: ['email.syntax'] },
  { in: '@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@', valid: false, codes: ['email.syntax'] },
  { in: 'bob@example', valid: false, codes: ['email.syntax'] },
  { in: 'bob@@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@example.c', valid: false, codes: ['email.syntax'] },
  { in: 'bob@example.123', valid: false, codes: ['email.syntax'] },
  { in: 'bob@[192.168.0.1]', valid: false, codes: ['email.ip_domain'] },
  { in: 'bob@192.168.0.1', valid: false, codes: ['email.ip_domain'] },
  { in: 'bob@example.com; jane@example.com', valid: false, codes: ['email.multiple'] },
  { in: 'bob@example.com, jane@example.com', valid: false, codes: ['email.multiple'] },
  { in: 'bob@example.com jane@example.com', valid: false, codes: ['email.multiple'] },
  { in: 'bob(comment)@example.com', valid: false, codes: ['email.syntax'] },
  { in: 'bob@exa#mple.com', valid: false, codes: ['email.syntax'] },
  { in: `${'a'.repeat(65)}@example.com`, valid: false, codes: ['email.too_long'] },
  { in: `bob@${'a'.repeat(64)}.com`, valid: false, codes: ['email.syntax'] },
];

describe('normalizeEmail on real-world addresses', () => {
  it.each(wellFormedAddresses)('accepts well-formed $in', check);
  it.each(spacesAndWrappers)('cleans spaces, mailto: and wrappers: $in', check);
  it.each(trailingDotsAndBadDots)('handles dots: $in', check);
  it.each(quotedAndInternational)('handles quoted local parts and IDN domains: $in', check);
  it.each(typos)('suggests the provider meant by $in', check);
  it.each(notTypos)('leaves real domains alone: $in', check);
  it.each(roleAccounts)('spots role accounts: $in', check);
  it.each(disposableDomains)('spots disposable domains: $in', check);
  it.each(broken)('rejects $in', check);
});

describe('normalizeEmail edge behaviour', () => {
  it('treats non-string input as text and never throws', () => {
    expect(normalizeEmail(null).issues[0]?.code).toBe('email.missing');
    expect(normalizeEmail(undefined).valid).toBe(false);
    expect(normalizeEmail(42).valid).toBe(false);
    expect(normalizeEmail({ toString: () => { throw new Error('boom'); } }).valid).toBe(false);
  });
  it('marks nothing free-mail or disposable without lists, but still suggests typos', () => {
    const r = normalizeEmail('x@mailinator.com', EMPTY_EMAIL_LISTS);
    expect([r.disposable, r.freeMail]).toEqual([false, false]);
    expect(normalizeEmail('x@gmial.com').suggestion).toBe('x@gmail.com');
  });
  it('reports the typo in words a mail coordinator understands', () => {
    expect(normalizeEmail('pat@gmial.com', lists).issues[0]?.message).toBe('The domain "gmial.com" looks like a typing mistake for "gmail.com".');
  });
});

describe('email helpers', () => {
  it('parses list files: comments, blanks, case and trailing dots', () => {
    expect([...parseDomainList('# head\nMailinator.com\n\n  yopmail.com.  # alias\r\nx.org')]).toEqual(['mailinator.com', 'yopmail.com', 'x.org']);
  });
  it('bundled lists are modest, lower-case and disjoint', () => {
    expect(lists.disposable.size).toBeGreaterThan(100);
    expect(lists.freeMail.size).toBeGreaterThan(100);
    for (const d of [...lists.disposable, ...lists.freeMail]) expect(d).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
    expect([...lists.disposable].filter((d) => lists.freeMail.has(d))).toEqual([]);
  });
  it('counts an adjacent swap as one typo', () => {
    expect(typoDistance('gmial', 'gmail')).toBe(1);
    expect(typoDistance('hotmail', 'hotmail')).toBe(0);
    expect(typoDistance('', 'abc')).toBe(3);
  });
  it('suggests nothing for the popular domains themselves', () => {
    for (const d of ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'icloud.com', 'comcast.net', 'msn.com', 'live.com', 'me.com', 'att.net', 'verizon.net', 'sbcglobal.net']) {
      expect(suggestDomain(d, lists)).toBeNull();
    }
  });
  it('recognizes role local parts with separators and tags', () => {
    expect(isRoleLocal('Customer_Service+x')).toBe(true);
    expect(isRoleLocal('"info"')).toBe(true);
    expect(isRoleLocal('maria')).toBe(false);
  });
});

const isWellFormedUtf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;
const emailish = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.emailAddress(),
  fc.emailAddress().map((e) => ` MAILTO:${e.toUpperCase()}. `),
  fc.tuple(fc.emailAddress(), fc.constantFrom('gmial.com', 'yaho.com', 'gmail.co', 'bücher.de', 'mailinator.com', 'gmail', 'x..y')).map(([e, d]) => e.replace(/@.*/, `@${d}`)),
  fc.array(fc.constantFrom(...'ab.@ "<>,;:\\É例+-_'.split('')), { maxLength: 30 }).map((xs) => xs.join('')),
);

describe('normalizeEmail properties', () => {
  it('never throws, its output is valid UTF-8, and it is invalid exactly when an error is reported', () => {
    fc.assert(
      fc.property(fc.oneof(emailish, fc.anything()), (x) => {
        const r = normalizeEmail(x, lists);
        expect(isWellFormedUtf8(r.value)).toBe(true);
        expect(r.issues.some((i) => i.severity === 'error')).toBe(!r.valid);
        expect(isWellFormedUtf8(r.domain)).toBe(true);
        for (const i of r.issues) expect(isWellFormedUtf8(i.message)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('normalizing twice equals normalizing once', () => {
    fc.assert(
      fc.property(emailish, (x) => {
        const once = normalizeEmail(x, lists);
        const twice = normalizeEmail(once.value, lists);
        expect(twice.value).toBe(once.value);
        expect(twice.valid).toBe(once.valid);
        expect(twice.domain).toBe(once.domain);
        expect(twice.suggestion).toBe(once.suggestion);
        expect([twice.role, twice.freeMail, twice.disposable]).toEqual([once.role, once.freeMail, once.disposable]);
      }),
      { numRuns: 2000 },
    );
  });
});

