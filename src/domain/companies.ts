// Company names: a display form (tidied, proper-cased only when typed in one case) and a match key that ignores legal form, "The", punctuation and abbreviations.
import { memoize } from './memo';
import { capitalize, cleanText, dict, looksLikePerson, nfc, PERSON_END_SUFFIXES, PERSON_TITLES, upperSafe, type LooksLike, type NameIssue } from './names';

export interface NormalizedCompany {
  /** Trimmed, whitespace collapsed; proper case only when the input was all-caps or all-lower. Empty when no letters or digits. */
  display: string;
  /** Lower-case ASCII-folded words for matching: "The Acme Mfg. Co., Inc." → "acme manufacturing". */
  key: string;
  issues: NameIssue[];
}

/** Words kept in capitals when casing an all-caps name: legal forms and well-known acronyms. */
const ACRONYMS = new Set([
  'llc', 'llp', 'lllp', 'lp', 'pc', 'pllc', 'plc', 'pa', 'usa', 'us', 'ibm', 'cpa', 'cpas', 'md', 'dds', 'na', 'dba', 'hvac', 'ymca', 'ywca',
  'ups', 'kfc', 'cvs', 'bmw', 'ge', 'hp', 'tv', 'abc', 'nbc', 'cbs', 'pnc', 'td', 'rv', 'ac', 'it', 'hr', 'pr', 'ii', 'iii', 'iv', 'nyc', 'dc',
  'atm', 'hoa', 'pta', 'vfw', 'ymha', 'uso', 'aarp', 'nasa', 'fbi', 'irs', 'ups', 'usps', 'llc.', 'cpa.', 'gmbh', 'ag', 'sa', 'bv', 'nv',
]);
/** Abbreviations with a conventional mixed-case form. */
const ABBREV_CASE: Record<string, string> = dict({ gmbh: 'GmbH', mcdonalds: "McDonald's" });
/** Short words kept lower-case inside a name ("Bank of America"). */
const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'a', 'an', 'by', 'to', 'de', 'du', 'la', 'le', 'del', 'y', 'or']);

/** Legal forms dropped from the end of the key (after folding abbreviations). */
const LEGAL_TAIL = new Set(['inc', 'incorporated', 'llc', 'lc', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llp', 'lllp', 'lp', 'pc', 'pllc', 'pa', 'plc', 'gmbh', 'na']);

/**
 * Abbreviations folded to one word in the key. Assoc/Assn/Association/Associates all fold to "assoc" because "Assoc."
 * is written for both and guessing which would split real matches.
 */
const FOLD: Record<string, string> = dict({
  mfg: 'manufacturing', mfrs: 'manufacturers', mfr: 'manufacturer', intl: 'international', internatl: 'international',
  assoc: 'assoc', assocs: 'assoc', assn: 'assoc', association: 'assoc', associates: 'assoc', assoc8s: 'assoc',
  svc: 'services', svcs: 'services', srvcs: 'services', bros: 'brothers', bro: 'brothers', natl: 'national', nat: 'national',
  mgmt: 'management', mgt: 'management', dept: 'department', ctr: 'center', cntr: 'center', centre: 'center', tech: 'technology',
  technologies: 'technology', techs: 'technology', sys: 'systems', univ: 'university', hosp: 'hospital', grp: 'group',
  hldgs: 'holdings', eng: 'engineering', engr: 'engineering', engrg: 'engineering', constr: 'construction', dist: 'distribution',
  distr: 'distribution', ent: 'enterprises', ents: 'enterprises', ind: 'industries', inds: 'industries', labs: 'laboratories',
  lab: 'laboratories', co: 'company', corp: 'corporation', inc: 'incorporated', ltd: 'limited', cpas: 'cpa', amer: 'american',
});

/**
 * FOLD and ABBREV_CASE as Maps for the per-word lookups: a Map finds a freshly cut word by hash, where an object
 * property lookup first interns the string. Same answers: neither table has a prototype to inherit from.
 */
const FOLD_MAP = new Map(Object.entries(FOLD));
const ABBREV_CASE_MAP = new Map(Object.entries(ABBREV_CASE));
/**
 * Length and first letter of every FOLD key: a word of another shape is not looked up (most are not abbreviations,
 * and the shape costs two reads where the lookup hashes the whole word). Lossy for long words and non-ASCII first
 * characters, which at worst costs a lookup that finds nothing.
 */
const shapeOf = (t: string) => (Math.min(t.length, 63) << 7) | (t.charCodeAt(0) & 127);
const FOLD_SHAPES = new Uint8Array(64 << 7);
for (const k of FOLD_MAP.keys()) FOLD_SHAPES[shapeOf(k)] = 1;

/** ASCII has no diacritics and no compatibility forms, so it is returned as is. */
const foldDiacritics = (s: string) => (ASCII_ONLY.test(s) ? s : s.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC'));
const ASCII_ONLY = /^[^\u0080-\uFFFF]*$/;

/** Dotted initials joined: "L.L.C." → "LLC", "I. B. M." → "IBM"; leaves "St. Louis" alone. */
const joinDotted = (s: string) => s.replace(/\b(?:\p{L}\.\s?){2,}(?!\p{L})/gu, (m) => m.replace(/[.\s]/g, '') + ' ').replace(/\s+/g, ' ');

/** Abbreviations without a vowel that are words, not acronyms: cased Mgmt, St, Bldg rather than MGMT. */
const VOWELLESS_WORDS = new Set([
  'st', 'mt', 'ft', 'dr', 'jr', 'sr', 'mr', 'mrs', 'ms', 'rd', 'pkwy', 'blvd', 'hwy', 'bldg', 'mgmt', 'mfg', 'mgt', 'svcs', 'svc',
  'ctr', 'cntr', 'hldgs', 'grp', 'mfrs', 'mfr', 'natl', 'dept', 'assn', 'sys', 'engr', 'engrg', 'constr', 'distr', 'inds',
  'ltd', 'sq', 'pl', 'ln', 'ct', 'bch', 'lbr', 'pkg', 'prods', 'pdts', 'whls', 'whsl', 'lrng', 'schl', 'chr', 'chrch', 'srvcs',
]);

/** Cases one word of an all-caps or all-lower company name. */
function caseCompanyWord(w: string, i: number, n: number, full: boolean): string {
  if (!full && isPrintableAscii(w)) return caseAsciiWord(w, i, n);
  const m = /^([("'[]*)(.*?)([)"',.;:\]]*)$/u.exec(w);
  const lead = m?.[1] ?? '';
  let core = m?.[2] ?? w;
  const trail = m?.[3] ?? '';
  const key = core.toLowerCase().replace(/[.'&]/g, '');
  if (!/\p{L}/u.test(core)) return w;
  if (ABBREV_CASE[key]) return lead + ABBREV_CASE[key] + trail;
  // Dotted acronyms and letter&letter forms (L.L.C, AT&T, A&P) stay upper.
  if (/^(\p{L}\.)+\p{L}?$/u.test(core) || /^\p{L}{1,3}&\p{L}{1,3}$/u.test(core)) return lead + upperSafe(core) + trail;
  if (ACRONYMS.has(key) && !(i > 0 && SMALL_WORDS.has(key))) return lead + upperSafe(core) + trail;
  if (/\d/.test(core)) return lead + upperSafe(core) + trail;
  if (i > 0 && i < n - 1 && SMALL_WORDS.has(key)) return lead + core.toLowerCase() + trail;
  // Words without a vowel that are not known abbreviations read as acronyms (CVS, PNC, KPMG).
  if (/^[bcdfghjklmnpqrstvwxz]{2,5}$/i.test(key) && !FOLD[key] && !VOWELLESS_WORDS.has(key))
    return lead + upperSafe(core) + trail;
  core = core
    .split('-')
    .map((p) => {
      const ap = p.indexOf("'");
      if (ap === 1) return upperSafe(p.slice(0, 1)) + "'" + capitalize(p.slice(2));
      if (/^mc\p{L}{2,}/iu.test(p)) return 'Mc' + capitalize(p.slice(2));
      return capitalize(p);
    })
    .join('-');
  return lead + core + trail;
}

/** True when every character is printable ASCII (space to ~): then the Unicode classes below reduce to [A-Za-z], [0-9]. */
function isPrintableAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Printable ASCII without a backtick, a double space or a space at either end: text cleanText returns unchanged. */
function isCleanAscii(s: string): boolean {
  if (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x20 || c > 0x7e || c === 96 || (c === 32 && s.charCodeAt(k + 1) === 32)) return false;
  }
  return true;
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
/** The characters caseCompanyWord's pattern peels off before a word ( " ' [ and after it ) " ' , . ; : ]. */
const isLeadPunct = (c: number) => c === 40 || c === 34 || c === 39 || c === 91;
const isTrailPunct = (c: number) => c === 41 || c === 34 || c === 39 || c === 44 || c === 46 || c === 59 || c === 58 || c === 93;

/** capitalize for printable ASCII: NFC and letter-by-letter upper-casing are then plain toUpperCase/no-ops. */
function capitalizeAscii(w: string): string {
  const lower = w.toLowerCase();
  for (let k = 0; k < lower.length; k++) {
    if (isAsciiLetter(lower.charCodeAt(k))) return lower.slice(0, k) + lower[k]!.toUpperCase() + lower.slice(k + 1);
  }
  return lower;
}

/**
 * caseCompanyWord for a printable-ASCII word (nearly every all-caps name): the same decisions in the same order, with
 * character loops in place of its Unicode patterns, and the dotted/ampersand patterns run only when "." or "&" is there.
 */
function caseAsciiWord(w: string, i: number, n: number): string {
  // The pattern's greedy lead and lazy core: the longest opening run, then the longest closing run of what is left.
  let a = 0;
  while (a < w.length && isLeadPunct(w.charCodeAt(a))) a++;
  let b = w.length;
  while (b > a && isTrailPunct(w.charCodeAt(b - 1))) b--;
  const lead = w.slice(0, a);
  const trail = w.slice(b);
  const core = w.slice(a, b);
  let letter = false;
  let digit = false;
  let marks = false;
  for (let k = 0; k < core.length; k++) {
    const c = core.charCodeAt(k);
    if (isAsciiLetter(c)) letter = true;
    else if (isAsciiDigit(c)) digit = true;
    else if (c === 46 || c === 39 || c === 38) marks = true;
  }
  if (!letter) return w;
  const lower = core.toLowerCase();
  const key = marks ? lower.replace(/[.'&]/g, '') : lower;
  const abbrev = ABBREV_CASE_MAP.get(key);
  if (abbrev) return lead + abbrev + trail;
  if (marks && (/^([A-Za-z]\.)+[A-Za-z]?$/.test(core) || /^[A-Za-z]{1,3}&[A-Za-z]{1,3}$/.test(core))) return lead + core.toUpperCase() + trail;
  if (ACRONYMS.has(key) && !(i > 0 && SMALL_WORDS.has(key))) return lead + core.toUpperCase() + trail;
  if (digit) return lead + core.toUpperCase() + trail;
  if (i > 0 && i < n - 1 && SMALL_WORDS.has(key)) return lead + lower + trail;
  if (key.length >= 2 && key.length <= 5 && /^[bcdfghjklmnpqrstvwxz]{2,5}$/.test(key) && !FOLD_MAP.get(key) && !VOWELLESS_WORDS.has(key))
    return lead + core.toUpperCase() + trail;
  const part = (p: string) => {
    if (p.indexOf("'") === 1) return p[0]!.toUpperCase() + "'" + capitalizeAscii(p.slice(2));
    if (/^mc[a-z]{2,}/i.test(p)) return 'Mc' + capitalizeAscii(p.slice(2));
    return capitalizeAscii(p);
  };
  return lead + (core.includes('-') ? core.split('-').map(part).join('-') : part(core)) + trail;
}

/** Whether any letter is upper case (bit 1) or lower case (bit 2), by char codes while the text is ASCII. */
function letterCases(t: string): number {
  let cases = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c >= 0x80) return (/\p{Lu}/u.test(t) ? 1 : 0) | (/\p{Ll}/u.test(t) ? 2 : 0);
    if (c >= 65 && c <= 90) cases |= 1;
    else if (c >= 97 && c <= 122) cases |= 2;
  }
  return cases;
}

const PUNCT_AFTER_SPACE = /\s[,.;:)\]]/;

/** The display form alone (used by normalizeCompany and by its idempotence). */
function displayOf(text: string, full = false): string {
  // Each rewrite is skipped when the character it needs is absent (most names have none): the same result, no copies.
  let t = text;
  if (full || PUNCT_AFTER_SPACE.test(t)) t = t.replace(/\s+([,.;:)\]])/g, '$1');
  if (full || t.includes('(') || t.includes('[')) t = t.replace(/([([])\s+/g, '$1');
  if (full || t.includes(',')) t = t.replace(/,(?=[^\s\d])/g, ', ');
  if (full || t.includes('&')) {
    // An "&" with white space on either side is spaced on both, and so is every "&" of the same run ("!&& 0" →
    // "! & & 0"), since spacing one leaves its neighbour with a space on one side; AT&T, with no space at all, stays.
    // One pass over each run (repeating the replace until nothing changed took seconds on a cell of 20,000 "&").
    const space = (c: string | undefined) => c !== undefined && /\s/.test(c);
    t = t.replace(/&(?:\s*&)*/g, (run: string, at: number, whole: string) =>
      /\s/.test(run) || space(whole[at - 1]) || space(whole[at + run.length]) ? ` ${run.replace(/\s+/g, '').split('').join(' ')} ` : run,
    );
  }
  // text comes from cleanText, which leaves no run of white space and none at either end: untouched, it needs no pass.
  if (full || t !== text) t = t.replace(/\s+/g, ' ').trim();
  const cases = full ? (/\p{Lu}/u.test(t) ? 1 : 0) | (/\p{Ll}/u.test(t) ? 2 : 0) : letterCases(t);
  if (cases === 3) return t;
  const words = t.split(' ');
  // Short words beside "&" are initials: "AT & T", "A & P", "H & R Block".
  const besideAmp = (i: number) => words[i - 1] === '&' || words[i + 1] === '&';
  t = words.map((w, i) => (besideAmp(i) && /^\p{L}{1,2}$/u.test(w) ? upperSafe(w) : caseCompanyWord(w, i, words.length, full))).join(' ');
  return nfc(t);
}

/** The match key: see NormalizedCompany.key. */
export function companyKey(text: string): string {
  return keyOf(text, false);
}

/** companyKey and normalizeCompany (unmemoized) with every rewrite applied: exported so tests can prove they agree. */
export const companyKeyGeneral = (text: string): string => keyOf(text, true);
export const normalizeCompanyGeneral = (raw: string): NormalizedCompany => normalizeCompanyOf(raw, true);

function keyOf(text: string, full: boolean): string {
  // A display form is usually already what cleanText returns (printable ASCII, single spaces, none at the ends).
  if (!full && isCleanAscii(text)) return keyOfAscii(text.toLowerCase());
  const clean = cleanText(text);
  if (!full && isPrintableAscii(clean)) return keyOfAscii(clean.toLowerCase());
  let s = foldDiacritics(clean).toLowerCase();
  // As in displayOf, rewrites whose character is absent are skipped: "/" for d/b/a, "." for dotted initials.
  if (full || s.includes('/')) s = s.replace(/\b(d\s*\/\s*b\s*\/\s*a)\b/g, 'dba');
  if (full || s.includes('.')) s = joinDotted(s);
  if (full || s.includes("'")) s = s.replace(/'/g, '');
  if (full || s.includes('&')) s = s.replace(/&/g, ' and ');
  if (full || s.includes('+')) s = s.replace(/\+/g, ' and ');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return keyOfTokens(s.split(' ').filter(Boolean), full);
}

/**
 * keyOf for lower-case printable ASCII (nearly every name): no diacritics to fold, and one pass over the characters
 * gives the words the rewrites and the split would: runs of letters and digits, an apostrophe dropped inside a word,
 * "&" and "+" each the word "and".
 */
function keyOfAscii(text: string): string {
  let s = text;
  if (s.includes('/')) s = s.replace(/\b(d\s*\/\s*b\s*\/\s*a)\b/g, 'dba');
  if (s.includes('.') && mayJoinDotted(s)) s = joinDotted(s);
  const toks: string[] = [];
  let start = -1;
  let word = '';
  for (let k = 0; k <= s.length; k++) {
    const c = k < s.length ? s.charCodeAt(k) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = k;
      continue;
    }
    if (c === 39) {
      // The apostrophe joins its neighbours ("mitchell's" → "mitchells"): keep what came before and go on.
      if (start >= 0) word += s.slice(start, k);
      start = -1;
      continue;
    }
    if (start >= 0) {
      toks.push(word ? word + s.slice(start, k) : s.slice(start, k));
      start = -1;
    } else if (word) toks.push(word);
    word = '';
    if (c === 38 || c === 43) toks.push('and');
  }
  return keyOfTokens(toks);
}

/** Whether s (lower-case ASCII) has two letter-dot initials in a row, which joinDotted needs before it changes any word. */
function mayJoinDotted(s: string): boolean {
  for (let p = s.indexOf('.'); p >= 0; p = s.indexOf('.', p + 1)) {
    if (p === 0 || !isAsciiLetter(s.charCodeAt(p - 1))) continue;
    let q = p + 1;
    if (s.charCodeAt(q) === 32) q++;
    if (isAsciiLetter(s.charCodeAt(q)) && s.charCodeAt(q + 1) === 46) return true;
  }
  return false;
}

/** The key from its words (an array this function may rewrite): abbreviations folded, a leading or trailing "The" and trailing legal forms dropped. full: every word looked up, shape or not. */
function keyOfTokens(toks: string[], full = false): string {
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (full || FOLD_SHAPES[shapeOf(t)]) toks[k] = FOLD_MAP.get(t) ?? t;
  }
  // The words kept are toks[lo..hi): dropping them moves an end rather than copying the array.
  let lo = 0;
  let hi = toks.length;
  if (toks[lo] === 'the' && hi - lo > 1) lo++;
  // "Home Depot, The": a trailing "the" after a comma is the same article.
  if (toks[hi - 1] === 'the' && hi - lo > 1) hi--;
  // Trailing legal forms (and "& Co."), repeatedly: "Acme Co., Inc." → "acme"; never down to nothing.
  for (;;) {
    const last = toks[hi - 1];
    if (hi - lo > 1 && last && LEGAL_TAIL.has(last)) {
      hi--;
      if (toks[hi - 1] === 'and' && hi - lo > 1) hi--;
      continue;
    }
    break;
  }
  return lo === 0 && hi === toks.length ? toks.join(' ') : toks.slice(lo, hi).join(' ');
}

/** Words of a key for token-set similarity: stop words dropped, order kept, duplicates removed. */
export function companyTokens(key: string): string[] {
  const stop = new Set(['and', 'of', 'the', 'a', 'an', 'for']);
  return [...new Set(String(key ?? '').split(' ').filter((t) => t && !stop.has(t)))];
}

const PLACEHOLDERS = new Set(['na', 'n/a', 'none', 'unknown', 'test', 'self', 'self employed', 'self-employed', 'retired', 'homemaker', 'student', 'unemployed', 'null', 'xxx', '-', 'company', 'business', 'tbd']);

const PLACEHOLDER_MAX = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/**
 * Normalizes a company field. display is idempotent (normalizeCompany(display).display === display) and the key is
 * the same for the raw text and its display. Never throws.
 */
export function normalizeCompany(raw: string): NormalizedCompany {
  if (typeof raw !== 'string') return normalizeCompanyOf(raw);
  // Company columns repeat (one employer, many contacts); the issues are copied so no caller can change a memo entry.
  const r = normalizeCompanyMemo(raw);
  return { display: r.display, key: r.key, issues: r.issues.length === 0 ? [] : r.issues.map((x) => ({ ...x })) };
}

const NOT_A_PERSON: LooksLike = { likely: false, reasons: [] };
const COUPLE = /^(mr|mrs|dr|ms)\.?\s*(&|and)\s*(mr|mrs|ms|dr)\b/i;
const keyOfWord = (w: string) => (w.includes('.') || w.includes(',') ? w.toLowerCase().replace(/[.,]/g, '') : w.toLowerCase());

/**
 * False only when looksLikePerson cannot say "likely". That needs the text to be a couple ("Mr. and Mrs.") or 2–5
 * words (split at spaces, quotes and brackets), each a letter followed by letters ' . , - — and then some positive
 * sign: a title first, a suffix last, a ", " ("Last, First"), a one-letter middle word, or a quote or bracket (a
 * nickname). Most company names have none of these, and the person check is the costliest part of a memo miss.
 * text is printable ASCII from cleanText: single spaces, none at either end.
 */
function mayBePerson(text: string): boolean {
  if (COUPLE.test(text)) return true;
  let words = 0;
  let inWord = false;
  let marks = false;
  let firstEnd = -1;
  let lastStart = 0;
  let initials = 0; // bit k: word k is one letter, with or without a dot
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 34 || c === 40 || c === 41) {
      if (inWord && words === 1) firstEnd = k;
      inWord = false;
      if (c !== 32) marks = true;
      continue;
    }
    if (!inWord) {
      if (!isAsciiLetter(c) || ++words > 5) return false;
      inWord = true;
      lastStart = k;
      const next = text.charCodeAt(k + 1);
      if (Number.isNaN(next) || next === 32 || next === 34 || next === 40 || next === 41) initials |= 1 << (words - 1);
      else if (next === 46) {
        const after = text.charCodeAt(k + 2);
        if (Number.isNaN(after) || after === 32 || after === 34 || after === 40 || after === 41) initials |= 1 << (words - 1);
      }
    } else if (isAsciiLetter(c) || c === 39 || c === 46 || c === 45) continue;
    else if (c === 44) {
      if (text.charCodeAt(k + 1) === 32) marks = true;
    } else return false;
  }
  if (words < 2) return false;
  // Name-shaped: quotes and brackets (a possible nickname) and ", " ("Last, First") go to the full check.
  if (marks) return true;
  if (PERSON_TITLES.has(keyOfWord(text.slice(0, firstEnd))) || PERSON_END_SUFFIXES.has(keyOfWord(text.slice(lastStart)))) return true;
  // A middle initial: a one-letter word neither first nor last, in a name of 3 or 4 words.
  return (words === 3 || words === 4) && (initials & ((1 << (words - 1)) - 2)) !== 0;
}

const normalizeCompanyMemo = memoize((raw: string) => normalizeCompanyOf(raw));

function normalizeCompanyOf(raw: string, full = false): NormalizedCompany {
  try {
    const text = cleanText(raw);
    const issues: NameIssue[] = [];
    if (!text) return { display: '', key: '', issues: [{ code: 'empty', message: 'No company name.' }] };
    if (!/[\p{L}\p{N}]/u.test(text)) return { display: '', key: '', issues: [{ code: 'no_letters', message: 'The company name has no letters or digits.' }] };
    const ascii = !full && isPrintableAscii(text);
    const display = displayOf(text, full);
    const key = keyOf(display, full);
    // ASCII keeps its length when lower-cased, so text longer than every placeholder and a dot is none of them.
    if ((!ascii || text.length <= PLACEHOLDER_MAX + 1) && PLACEHOLDERS.has(text.toLowerCase().replace(/\.$/, ''))) issues.push({ code: 'placeholder', message: `"${text}" is not a company name.` });
    const person = full || !ascii || mayBePerson(text) ? looksLikePerson(text) : NOT_A_PERSON;
    if (person.likely) issues.push({ code: 'person_in_company_field', message: `This looks like a person's name, not a company: it ${person.reasons[0]}.` });
    if (/\bdba\b|d\s*\/\s*b\s*\/\s*a/i.test(text)) issues.push({ code: 'dba', message: 'The name includes a "doing business as" trade name.' });
    return { display, key, issues };
  } catch {
    const t = cleanText(raw);
    return { display: t, key: t.toLowerCase(), issues: [{ code: 'unparsed', message: 'The company name could not be read.' }] };
  }
}
