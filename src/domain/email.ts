// Cleans one e-mail address: syntax, domain casing/IDN, typo suggestions, role accounts, free-mail and disposable domains.
//
// Decisions: the local part is kept exactly as typed (case can matter to the receiving server, and gmail-style dot and
// +tag folding is a matching concern, not a cleaning one). The domain is lower-cased and kept in its Unicode form
// (bücher.de, what people read and type); `asciiDomain` carries the punycode form (xn--bcher-kva.de) for export to
// mail systems, and xn-- input is shown in Unicode so both spellings clean to one value. Typos are only *suggested*:
// the value is never rewritten to another domain, because a real business may own a look-alike domain.
import { domainToUnicode } from 'node:url';
import { EMPTY_EMAIL_LISTS, type EmailLists } from './email-data';

export interface EmailIssue {
  /** Stable code the clean job and the UI key on, e.g. 'email.typo'. */
  code: string;
  /** Plain words for a mail coordinator. */
  message: string;
  /** Same scale as the address checks: error = unusable, warning = worth a look, info = something was tidied. */
  severity: 'error' | 'warning' | 'info';
}

export interface EmailResult {
  /** The cleaned address: trimmed, mailto:/display name/stray punctuation removed, domain lower-cased (Unicode form for IDNs). The local part is kept as typed. */
  value: string;
  /** True when the address is well formed (RFC 5321/5322 shape). Says nothing about whether the mailbox exists. */
  valid: boolean;
  issues: EmailIssue[];
  /** The full address with a likely domain typo fixed (gmial.com → gmail.com); never applied automatically. */
  suggestion?: string;
  /** A shared mailbox (info@, sales@…) rather than a person. */
  role: boolean;
  /** A free consumer mailbox or ISP address rather than a business's own domain. */
  freeMail: boolean;
  /** A temporary, throwaway inbox service. */
  disposable: boolean;
  /** Lower-case domain as people read it (Unicode for IDNs); '' when none could be found. */
  domain: string;
  /** The domain as mail systems send to it (punycode "xn--" form for IDNs); '' when the domain is not valid. */
  asciiDomain: string;
}

/** Providers whose typos are common enough to suggest a fix. anyTld: the provider has no look-alike corporate domain on .net/.org, so gmail.net → gmail.com is safe (verizon.com is Verizon's own staff domain, so it is not). */
const POPULAR: { sld: string; tld: string; anyTld?: boolean }[] = [
  { sld: 'gmail', tld: 'com', anyTld: true },
  { sld: 'googlemail', tld: 'com' },
  { sld: 'yahoo', tld: 'com', anyTld: true },
  { sld: 'ymail', tld: 'com' },
  { sld: 'rocketmail', tld: 'com' },
  { sld: 'hotmail', tld: 'com', anyTld: true },
  { sld: 'outlook', tld: 'com', anyTld: true },
  { sld: 'live', tld: 'com' },
  { sld: 'msn', tld: 'com' },
  { sld: 'aol', tld: 'com' },
  { sld: 'icloud', tld: 'com', anyTld: true },
  { sld: 'me', tld: 'com' },
  { sld: 'mac', tld: 'com' },
  { sld: 'protonmail', tld: 'com' },
  { sld: 'comcast', tld: 'net' },
  { sld: 'att', tld: 'net' },
  { sld: 'verizon', tld: 'net' },
  { sld: 'sbcglobal', tld: 'net' },
  { sld: 'bellsouth', tld: 'net' },
  { sld: 'charter', tld: 'net' },
  { sld: 'cox', tld: 'net' },
  { sld: 'earthlink', tld: 'net' },
  { sld: 'optonline', tld: 'net' },
  { sld: 'juno', tld: 'com' },
];

/** Real domains one keystroke away from a popular one: never "correct" these even when the lists passed in are empty. */
const KNOWN_REAL = new Set(['mail.com', 'email.com', 'gmx.com', 'ymail.com', 'love.com', 'live.ca', 'me.co', 'att.com', 'verizon.com', 'comcast.com', 'cox.com', 'charter.com', 'juno.com', 'mac.com', 'msn.com', 'aol.com', 'live.com', 'me.com']);

/** Local parts that name a department or function, not a person (compared lower-case, without separators or +tags). */
const ROLE_LOCALS = new Set(
  [
    'info', 'information', 'sales', 'support', 'help', 'helpdesk', 'admin', 'administrator', 'contact', 'contactus', 'office',
    'billing', 'accounts', 'accounting', 'accountspayable', 'ap', 'ar', 'invoices', 'marketing', 'noreply', 'donotreply',
    'webmaster', 'postmaster', 'hostmaster', 'abuse', 'hr', 'jobs', 'careers', 'recruiting', 'team', 'hello', 'enquiries',
    'inquiries', 'inquiry', 'service', 'customerservice', 'customercare', 'care', 'orders', 'order', 'press', 'media', 'pr',
    'newsletter', 'subscribe', 'unsubscribe', 'feedback', 'mail', 'reception', 'frontdesk', 'root', 'security', 'privacy',
    'legal', 'compliance', 'it', 'staff', 'all', 'everyone', 'events', 'general', 'marketing', 'purchasing', 'reservations',
    'bookings', 'booking', 'donations', 'membership', 'members', 'registrar', 'admissions', 'studio', 'shop', 'store',
  ],
);

/** The longest role word: a local part with more letters than this cannot be one. */
const ROLE_MAX_LENGTH = Math.max(...[...ROLE_LOCALS].map((r) => r.length));

const PLACEHOLDERS = new Set(['n/a', 'na', 'none', 'null', 'nil', '-', '--', '?', 'unknown', 'no email', 'noemail', 'no', 'x', 'tbd', 'refused', 'declined']);

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** One @ between runs of letters, digits and . _ % + - (what nearly every address is written with). */
const PLAIN_ADDRESS = /^[A-Za-z0-9._%+-]*@[A-Za-z0-9._%+-]*$/;
const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
const DOT_ATOM = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
const DOT_ATOM_UNICODE = new RegExp(`^[\\u0080-\\uFFFF${ATEXT}]+(?:\\.[\\u0080-\\uFFFF${ATEXT}]+)*$`);
const QUOTED_LOCAL = /^"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*"$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const SEVERITY: Record<string, EmailIssue['severity']> = {
  'email.mailto_removed': 'info',
  'email.display_name_removed': 'info',
  'email.punctuation_removed': 'info',
  'email.spaces_removed': 'info',
  'email.quoted_local': 'warning',
  'email.unicode_local': 'warning',
  'email.typo': 'warning',
  'email.role': 'warning',
  'email.disposable': 'warning',
};
/** Every code not listed above makes the address unusable. */
const issue = (code: string, message: string): EmailIssue => ({ code, message, severity: SEVERITY[code] ?? 'error' });

/** Makes any JavaScript string safe to store as UTF-8: lone surrogate halves become U+FFFD. */
function wellFormed(s: string): string {
  // isWellFormed is true exactly when there is no lone surrogate for the replace to find.
  return (s as string & { isWellFormed(): boolean }).isWellFormed() ? s : s.replace(LONE_SURROGATE, '\uFFFD');
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps: "gmial" is one step from "gmail"). */
export function typoDistance(a: string, b: string): number {
  // One flat typed array instead of nested arrays: the same recurrence, without an allocation per row.
  const w = b.length + 1;
  const d = new Uint32Array((a.length + 1) * w);
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * w + j]! + 1, d[i * w + j - 1]! + 1, d[(i - 1) * w + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2]! + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length]!;
}

/** How far a provider name may drift and still be called a typo: short names have too many real neighbours (life.com, give.com). */
function sldBudget(sld: string): number {
  if (sld.length <= 4) return 0;
  if (sld.length <= 8) return 1;
  return 2;
}

const POPULAR_DOMAINS = new Set(POPULAR.map((p) => `${p.sld}.${p.tld}`));

function isKnown(domain: string, lists: EmailLists): boolean {
  return KNOWN_REAL.has(domain) || lists.freeMail.has(domain) || lists.disposable.has(domain) || POPULAR_DOMAINS.has(domain);
}

/** Only a-z 0-9 . - with no empty label (the usual domain): the typo clean-up's replaces would leave it as it is. */
function isTidyDomain(d: string): boolean {
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c === 46) {
      if (i === 0 || i === d.length - 1 || d.charCodeAt(i + 1) === 46) return false;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}

/** Suggests the popular provider domain a mistyped domain most likely meant, or null when none is close or two are equally close. */
export function suggestDomain(domain: string, lists: EmailLists = EMPTY_EMAIL_LISTS): string | null {
  return suggestDomainOf(domain, lists, false);
}

/** suggestDomain; full: every clean-up replace and pattern run (the general path the tests compare with). */
function suggestDomainOf(domain: string, lists: EmailLists, full: boolean): string | null {
  const typed = domain.toLowerCase();
  const d = !full && isTidyDomain(typed) ? typed : typed.replace(/\s+/g, '').replace(/,/g, '.').replace(/\.{2,}/g, '.').replace(/^\.+|\.+$/g, '');
  if (d !== typed && isKnown(d, lists)) return d;
  if (isKnown(d, lists)) return null;
  // gmail.com.com / gmail.comcom: the TLD typed twice (the pattern needs the name to end in com or net).
  const doubled = full || d.endsWith('com') || d.endsWith('net') ? /^(.+)\.(com|net)\.?\2$/.exec(d) : null;
  if (doubled && isKnown(`${doubled[1]}.${doubled[2]}`, lists)) return `${doubled[1]}.${doubled[2]}`;

  let sld: string;
  let tld: string;
  let glued = false;
  const dot = d.lastIndexOf('.');
  if (dot > 0) {
    sld = d.slice(0, dot);
    tld = d.slice(dot + 1);
  } else {
    const tail = /^(.+?)(com|net)$/.exec(d); // gmailcom: the dot forgotten
    sld = tail ? tail[1]! : d;
    tld = tail ? tail[2]! : '';
    glued = tail !== null;
  }
  let best: string | null = null;
  let bestScore = Infinity;
  let tie = false;
  for (const p of POPULAR) {
    // The distance is at least the length difference: past the budget, the full table would only confirm the skip.
    if (Math.abs(sld.length - p.sld.length) > sldBudget(p.sld)) continue;
    const sldDist = typoDistance(sld, p.sld);
    if (sldDist > sldBudget(p.sld)) continue;
    let tldDist: number;
    if (tld === p.tld) tldDist = 0;
    else if (tld === '') tldDist = 1;
    else if (typoDistance(tld, p.tld) <= 1 || (p.tld === 'com' && (tld === 'c' || tld === 'cmo' || tld === 'ocm'))) tldDist = 1;
    else if (p.anyTld && sldDist === 0 && (tld === 'net' || tld === 'org')) tldDist = 1;
    else continue;
    const score = sldDist + tldDist + (glued ? 1 : 0);
    if (score === 0) return null;
    const candidate = `${p.sld}.${p.tld}`;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && candidate !== best) tie = true;
  }
  return tie ? null : best;
}

/** True when the domain or any parent domain is in the set (x.mailinator.com counts as mailinator.com). */
function inSetOrParent(domain: string, set: ReadonlySet<string>, full: boolean): boolean {
  if (full) {
    if (!domain) return false;
    const labels = domain.split('.');
    for (let i = 0; i < labels.length - 1; i++) if (set.has(labels.slice(i).join('.'))) return true;
    return false;
  }
  // The domain, then what follows each dot but the last (never the TLD alone): the labels' suffixes, without
  // splitting and joining them again.
  const lastDot = domain.lastIndexOf('.');
  if (lastDot < 0) return false;
  for (let start = 0; ; ) {
    if (set.has(start === 0 ? domain : domain.slice(start))) return true;
    const dot = domain.indexOf('.', start);
    if (dot === lastDot) return false;
    start = dot + 1;
  }
}

/** Whether a local part names a shared mailbox. */
export function isRoleLocal(local: string): boolean {
  return isRoleLocalOf(local, false);
}

function isRoleLocalOf(local: string, full: boolean): boolean {
  if (!full) {
    // ASCII letters and . _ - only (most local parts): no quote or "+" for the replaces below to remove, and a role
    // word is letters only, so any other ASCII character, or more letters than the longest role word, rules it out.
    let letters = 0;
    let seps = false;
    let ascii = true;
    for (let i = 0; i < local.length && ascii; i++) {
      const c = local.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
      else if (c === 46 || c === 95 || c === 45) seps = true;
      else if (c < 0x80 && c !== 34 && c !== 43) return false;
      else ascii = false;
    }
    if (ascii) {
      if (letters > ROLE_MAX_LENGTH) return false;
      const lower = local.toLowerCase();
      return ROLE_LOCALS.has(lower) || (seps && ROLE_LOCALS.has(lower.replace(/[._-]/g, '')));
    }
  }
  const bare = local.replace(/^"|"$/g, '').toLowerCase().replace(/\+.*$/, '');
  return ROLE_LOCALS.has(bare) || ROLE_LOCALS.has(bare.replace(/[._-]/g, ''));
}

/** One pass of the cosmetic clean-up; normalizeEmail repeats it until nothing changes, which is what makes it idempotent. */
function tidyOnce(s: string, fixes: Set<string>): string {
  let t = s.replace(ZERO_WIDTH, '').replace(/\uFF20/g, '@').trim();
  const angle = /^[^<>]*<([^<>]*)>$/.exec(t);
  if (angle && angle[1]!.includes('@')) {
    if (!/^\s*</.test(t)) fixes.add('display');
    else fixes.add('brackets');
    t = angle[1]!.trim();
  }
  const mailto = /^mailto:\s*/i.exec(t);
  if (mailto) {
    fixes.add('mailto');
    t = t.slice(mailto[0].length).replace(/\?.*$/, '');
    try {
      if (/%[0-9a-f]{2}/i.test(t)) t = decodeURIComponent(t);
    } catch {
      // Leave a malformed %-escape as typed; the syntax check will report it.
    }
  }
  // A whole cell wrapped in quotes or apostrophes by an export ("john@x.com") — not a quoted local part ("john doe"@x.com).
  const wrapped = /^(["'])([^"']*@[^"']*)\1$/.exec(t);
  if (wrapped) {
    fixes.add('quotes');
    t = wrapped[2]!;
  }
  const trailing = /[.,;:]+$/.exec(t);
  if (trailing && t.includes('@')) {
    fixes.add('trailing');
    t = t.slice(0, -trailing[0].length);
  }
  // Spaces typed around the @ or a dot (outside a quoted local part).
  if (!t.startsWith('"') && /\s*[@.]\s*/.test(t) && /\s[@.]|[@.]\s/.test(t)) {
    fixes.add('spaces');
    t = t.replace(/\s*([@.])\s*/g, '$1');
  }
  return t.trim();
}

/** Splits at the @ that separates local part and domain, honouring a quoted local part that may itself hold an @. */
function splitAddress(s: string): { local: string; domain: string } | null {
  if (s.startsWith('"')) {
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '"') return s[i + 1] === '@' ? { local: s.slice(0, i + 1), domain: s.slice(i + 2) } : null;
    }
    return null;
  }
  const at = s.lastIndexOf('@');
  return at < 0 ? null : { local: s.slice(0, at), domain: s.slice(at + 1) };
}

/**
 * Whether a domain is only a-z 0-9 . - with no "xn--" label (nearly every typed domain once lower-cased). The URL
 * parser returns such a host unchanged (there is nothing to map, and a host it would read as an IPv4 address ends in
 * a label with a digit, which the TLD check refuses either way), and its Unicode form is itself.
 */
function isPlainAsciiDomain(d: string): boolean {
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45)) return false;
  }
  return !d.includes('xn--');
}

/** Lower-cases and IDN-converts a domain. Returns null when it is not a usable Internet host name. */
function canonicalDomain(raw: string, full = false): { ascii: string; unicode: string } | { error: EmailIssue } {
  if (!full && raw !== '' && isPlainAsciiDomain(raw)) return canonicalPlainDomain(raw);
  if (raw === '') return { error: issue('email.syntax', 'Nothing after the @: the domain is missing.') };
  if (/^\[.*\]$/.test(raw) || /^\d{1,3}(\.\d{1,3}){3}$/.test(raw)) return { error: issue('email.ip_domain', 'The address uses a numeric IP address instead of a domain name; mailing systems reject these.') };
  if (/[\s/?#:@\\%<>()[\]",;'!*&^$|{}=+`~]/.test(raw) || /\p{Cc}/u.test(raw)) return { error: issue('email.syntax', `The domain "${raw}" contains characters a domain cannot have.`) };
  if (!raw.includes('.')) return { error: issue('email.syntax', `The domain "${raw}" has no ending such as .com or .org.`) };
  if (/\.\./.test(raw) || raw.startsWith('.') || raw.startsWith('-')) return { error: issue('email.syntax', `The domain "${raw}" has misplaced dots or hyphens.`) };
  let ascii: string;
  try {
    ascii = new URL(`http://${raw}/`).hostname;
  } catch {
    return { error: issue('email.syntax', `The domain "${raw}" is not a valid domain name.`) };
  }
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels[labels.length - 1]!) || /^\d+(\.\d+)*$/.test(ascii)) {
    return { error: issue('email.syntax', `The domain "${raw}" is not a valid domain name.`) };
  }
  const unicode = domainToUnicode(ascii) || ascii;
  return { ascii, unicode };
}

/** canonicalDomain for a plain ASCII domain: the same checks and messages, without the URL parser or IDN conversion. */
function canonicalPlainDomain(raw: string): { ascii: string; unicode: string } | { error: EmailIssue } {
  if (IPV4_DOTTED.test(raw)) return { error: issue('email.ip_domain', 'The address uses a numeric IP address instead of a domain name; mailing systems reject these.') };
  if (!raw.includes('.')) return { error: issue('email.syntax', `The domain "${raw}" has no ending such as .com or .org.`) };
  if (raw.includes('..') || raw.startsWith('.') || raw.startsWith('-')) return { error: issue('email.syntax', `The domain "${raw}" has misplaced dots or hyphens.`) };
  const labels = raw.split('.');
  if (raw.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels[labels.length - 1]!) || /^\d+(\.\d+)*$/.test(raw)) {
    return { error: issue('email.syntax', `The domain "${raw}" is not a valid domain name.`) };
  }
  return { ascii: raw, unicode: raw };
}
const IPV4_DOTTED = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Bytes of s in UTF-8, as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes), without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // the pair: 2 code units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

interface DomainFacts {
  canonical: ReturnType<typeof canonicalDomain>;
  suggestion: string | null;
  disposable: boolean;
  freeMail: boolean;
}

/** Per-list memo of everything decided about a domain: a mailing list repeats gmail.com thousands of times. Deterministic, so the functions stay pure in effect. */
const domainMemo = new WeakMap<EmailLists, Map<string, DomainFacts>>();
const MEMO_LIMIT = 50_000;
let lastLists: EmailLists | undefined;
let lastMemo: Map<string, DomainFacts> | undefined;

function domainFacts(typedDomain: string, lists: EmailLists, full: boolean): DomainFacts {
  // The general path (the tests' reference) takes the long way every time, without the memo the fast path fills.
  if (full) return factsOf(typedDomain, lists, true);
  // A job passes the same lists for every row: remember the last table rather than look it up each time.
  let memo = lists === lastLists ? lastMemo : domainMemo.get(lists);
  if (!memo) domainMemo.set(lists, (memo = new Map()));
  lastLists = lists;
  lastMemo = memo;
  const hit = memo.get(typedDomain);
  if (hit) return hit;
  const facts = factsOf(typedDomain, lists, false);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(typedDomain, facts);
  return facts;
}

function factsOf(typedDomain: string, lists: EmailLists, full: boolean): DomainFacts {
  const canonical = canonicalDomain(typedDomain, full);
  const lookup = 'error' in canonical ? typedDomain : canonical.ascii;
  const facts: DomainFacts = {
    canonical,
    suggestion: suggestDomainOf(lookup, lists, full),
    disposable: inSetOrParent(lookup, lists.disposable, full),
    freeMail: inSetOrParent(lookup, lists.freeMail, full),
  };
  return facts;
}

function result(value: string, partial: Partial<EmailResult>): EmailResult {
  return { value: wellFormed(value), valid: false, issues: [], role: false, freeMail: false, disposable: false, domain: '', asciiDomain: '', ...partial };
}

/**
 * Cleans one address. Never throws; normalizeEmail(normalizeEmail(x).value) has the same value, validity and flags.
 * The clean job passes the lists from loadEmailLists (src/jobs/reference-data.ts); without them nothing is marked free-mail or disposable.
 */
export function normalizeEmail(raw: unknown, lists: EmailLists = EMPTY_EMAIL_LISTS): EmailResult {
  let text = '';
  try {
    text = wellFormed(typeof raw === 'string' ? raw : raw == null ? '' : String(raw));
    return normalizeText(text, lists, true);
  } catch {
    return result(text.trim(), { issues: [issue('email.syntax', 'This value could not be read as an e-mail address.')] });
  }
}

/** normalizeEmail without the plain-address shortcut: exported so tests can prove the two agree. */
export function normalizeEmailGeneral(raw: unknown, lists: EmailLists = EMPTY_EMAIL_LISTS): EmailResult {
  let text = '';
  try {
    text = wellFormed(typeof raw === 'string' ? raw : raw == null ? '' : String(raw));
    return normalizeText(text, lists, false);
  } catch {
    return result(text.trim(), { issues: [issue('email.syntax', 'This value could not be read as an e-mail address.')] });
  }
}

/** DOT_ATOM for a plain address's local part, whose characters are all atext or ".": only the dots can be misplaced. */
const isPlainDotAtom = (local: string) => local !== '' && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');

/** The fixes of a plain address: none, and never added to (the tidy loop does not run for it). */
const NO_FIXES: ReadonlySet<string> = new Set<string>();

function normalizeText(text: string, lists: EmailLists, shortcut: boolean): EmailResult {
  // An empty cell (common: many contacts have no address): tidyOnce would find nothing to do, and it is missing.
  if (shortcut && text === '') return result('', { issues: [issue('email.missing', 'No e-mail address.')] });
  let s = text;
  // A plain address (the usual cell) has nothing tidyOnce removes: no spaces, brackets, quotes, "mailto:" or trailing
  // punctuation. Then tidyOnce returns it unchanged and notes no fix, so the loop would stop at once.
  const plain = shortcut && PLAIN_ADDRESS.test(s) && !s.endsWith('.');
  const fixes = plain ? NO_FIXES : new Set<string>();
  for (let i = 0; i < 8 && !plain; i++) {
    const next = tidyOnce(s, fixes as Set<string>);
    if (next === s) break;
    s = next;
  }
  const issues: EmailIssue[] = [];
  if (fixes.has('mailto')) issues.push(issue('email.mailto_removed', 'Removed a "mailto:" link prefix.'));
  if (fixes.has('display')) issues.push(issue('email.display_name_removed', 'Kept only the address from a "Name <address>" entry.'));
  if (fixes.has('trailing')) issues.push(issue('email.punctuation_removed', 'Removed stray punctuation after the address.'));
  if (fixes.has('spaces')) issues.push(issue('email.spaces_removed', 'Removed spaces typed around the @ or a dot.'));

  // A plain address has exactly one @, which neither '' nor any placeholder has.
  if (!plain && (s === '' || PLACEHOLDERS.has(s.toLowerCase()))) {
    return result(s, { issues: [...issues, issue('email.missing', s === '' ? 'No e-mail address.' : `"${s}" is a placeholder, not an e-mail address.`)] });
  }
  // A plain address has none of the separators, so it is one part.
  const several = plain ? [] : s.split(/[\s,;/|]+/).filter((part) => part.includes('@'));
  if (several.length > 1) {
    return result(s, { issues: [...issues, issue('email.multiple', `This cell holds ${several.length} addresses; keep one per contact.`)] });
  }
  const parts = splitAddress(s);
  if (!parts) {
    return result(s, { issues: [...issues, issue('email.syntax', s.includes('@') ? 'The quoted part before the @ is not closed.' : 'There is no @ sign, so this is not an e-mail address.')] });
  }
  const { local } = parts;
  const typedDomain = parts.domain.toLowerCase();
  const facts = domainFacts(typedDomain, lists, !shortcut);
  const dom = facts.canonical;
  const domain = 'error' in dom ? typedDomain : dom.unicode;
  const asciiDomain = 'error' in dom ? '' : dom.ascii;
  // Most domains are typed as they clean (lower-case, no IDN): the value is then the text itself, no new string.
  const value = domain === parts.domain ? s : `${local}@${domain}`;
  let valid = true;
  if ('error' in dom) {
    valid = false;
    issues.push({ ...dom.error });
  }

  if (local === '') {
    valid = false;
    issues.push(issue('email.syntax', 'Nothing before the @: the mailbox name is missing.'));
  } else if (local.startsWith('"')) {
    if (!QUOTED_LOCAL.test(local)) {
      valid = false;
      issues.push(issue('email.syntax', 'The quoted part before the @ contains characters that are not allowed.'));
    } else issues.push(issue('email.quoted_local', 'The part before the @ is in quotation marks; this is legal but many mailing systems refuse it.'));
  } else if (!(plain ? isPlainDotAtom(local) : DOT_ATOM.test(local))) {
    if (DOT_ATOM_UNICODE.test(local)) {
      issues.push(issue('email.unicode_local', 'The part before the @ has non-English letters; only some mail systems can deliver to it.'));
    } else {
      valid = false;
      if (/\s/.test(local)) issues.push(issue('email.syntax', 'The part before the @ contains a space.'));
      else if (/\.\./.test(local)) issues.push(issue('email.syntax', 'The part before the @ has two dots in a row.'));
      else if (local.startsWith('.') || local.endsWith('.')) issues.push(issue('email.syntax', 'The part before the @ starts or ends with a dot.'));
      else if (local.includes('@')) issues.push(issue('email.syntax', 'The address has more than one @ sign.'));
      else issues.push(issue('email.syntax', 'The part before the @ contains characters that are not allowed.'));
    }
  }
  const localBytes = plain ? local.length : utf8Length(local);
  if (localBytes > 64) {
    valid = false;
    issues.push(issue('email.too_long', 'The part before the @ is longer than the 64 characters mail systems accept.'));
  } else if (localBytes + 1 + (asciiDomain || typedDomain).length > 254) {
    valid = false;
    issues.push(issue('email.too_long', 'The address is longer than the 254 characters mail systems accept.'));
  }

  const lookup = asciiDomain || typedDomain;
  const { disposable, freeMail } = facts;
  const role = local !== '' && isRoleLocalOf(local, !shortcut);
  let suggestion: string | undefined;
  const fixed = local !== '' ? facts.suggestion : null;
  if (fixed && fixed !== lookup) {
    suggestion = `${local}@${fixed}`;
    issues.push(issue('email.typo', `The domain "${domain}" looks like a typing mistake for "${fixed}".`));
  }
  if (role) issues.push(issue('email.role', `"${local}@" is usually a shared department mailbox, not a person.`));
  if (disposable) issues.push(issue('email.disposable', `"${domain}" is a temporary throwaway inbox service; mail sent there is rarely read.`));

  // A plain address whose domain was typed as it cleans is ASCII, which is always well formed.
  const ascii = plain && domain === parts.domain;
  const v = ascii ? value : wellFormed(value);
  const dom2 = ascii ? domain : wellFormed(domain);
  return suggestion
    ? { value: v, valid, issues, suggestion, role, freeMail, disposable, domain: dom2, asciiDomain }
    : { value: v, valid, issues, role, freeMail, disposable, domain: dom2, asciiDomain };
}
