// Company names: a display form (tidied, proper-cased only when typed in one case) and a match key that ignores legal form, "The", punctuation and abbreviations.
import { memoize } from './memo';
import { capitalize, cleanText, dict, looksLikePerson, nfc, upperSafe, type NameIssue } from './names';

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
function caseCompanyWord(w: string, i: number, n: number): string {
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

const PUNCT_AFTER_SPACE = /\s[,.;:)\]]/;

/** The display form alone (used by normalizeCompany and by its idempotence). */
function displayOf(text: string, full = false): string {
  // Each rewrite is skipped when the character it needs is absent (most names have none): the same result, no copies.
  let t = text;
  if (full || PUNCT_AFTER_SPACE.test(t)) t = t.replace(/\s+([,.;:)\]])/g, '$1');
  if (full || t.includes('(') || t.includes('[')) t = t.replace(/([([])\s+/g, '$1');
  if (full || t.includes(',')) t = t.replace(/,(?=[^\s\d])/g, ', ');
  if (full || t.includes('&')) {
    // Until nothing changes: spacing one "&" can leave its neighbour ("!&& 0" → "!& & 0") with a space on one side,
    // which cleaning again would then space; AT&T, with no space at all, stays as it is.
    for (let before = ''; before !== t; ) {
      before = t;
      t = t.replace(/\s+&\s*|\s*&\s+/g, ' & ');
    }
  }
  t = t.replace(/\s+/g, ' ').trim();
  const upper = /\p{Lu}/u.test(t);
  const lower = /\p{Ll}/u.test(t);
  if (upper && lower) return t;
  const words = t.split(' ');
  // Short words beside "&" are initials: "AT & T", "A & P", "H & R Block".
  const besideAmp = (i: number) => words[i - 1] === '&' || words[i + 1] === '&';
  t = words.map((w, i) => (besideAmp(i) && /^\p{L}{1,2}$/u.test(w) ? upperSafe(w) : caseCompanyWord(w, i, words.length))).join(' ');
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
  let s = foldDiacritics(cleanText(text)).toLowerCase();
  // As in displayOf, rewrites whose character is absent are skipped: "/" for d/b/a, "." for dotted initials.
  if (full || s.includes('/')) s = s.replace(/\b(d\s*\/\s*b\s*\/\s*a)\b/g, 'dba');
  if (full || s.includes('.')) s = joinDotted(s);
  if (full || s.includes("'")) s = s.replace(/'/g, '');
  if (full || s.includes('&')) s = s.replace(/&/g, ' and ');
  if (full || s.includes('+')) s = s.replace(/\+/g, ' and ');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  let toks = s.split(' ').filter(Boolean).map((t) => FOLD[t] ?? t);
  if (toks[0] === 'the' && toks.length > 1) toks = toks.slice(1);
  // "Home Depot, The": a trailing "the" after a comma is the same article.
  if (toks[toks.length - 1] === 'the' && toks.length > 1) toks = toks.slice(0, -1);
  // Trailing legal forms (and "& Co."), repeatedly: "Acme Co., Inc." → "acme"; never down to nothing.
  for (;;) {
    const last = toks[toks.length - 1];
    if (toks.length > 1 && last && LEGAL_TAIL.has(last)) {
      toks = toks.slice(0, -1);
      if (toks[toks.length - 1] === 'and' && toks.length > 1) toks = toks.slice(0, -1);
      continue;
    }
    break;
  }
  return toks.join(' ');
}

/** Words of a key for token-set similarity: stop words dropped, order kept, duplicates removed. */
export function companyTokens(key: string): string[] {
  const stop = new Set(['and', 'of', 'the', 'a', 'an', 'for']);
  return [...new Set(String(key ?? '').split(' ').filter((t) => t && !stop.has(t)))];
}

const PLACEHOLDERS = new Set(['na', 'n/a', 'none', 'unknown', 'test', 'self', 'self employed', 'self-employed', 'retired', 'homemaker', 'student', 'unemployed', 'null', 'xxx', '-', 'company', 'business', 'tbd']);

/**
 * Normalizes a company field. display is idempotent (normalizeCompany(display).display === display) and the key is
 * the same for the raw text and its display. Never throws.
 */
export function normalizeCompany(raw: string): NormalizedCompany {
  if (typeof raw !== 'string') return normalizeCompanyOf(raw);
  // Company columns repeat (one employer, many contacts); the issues are copied so no caller can change a memo entry.
  const r = normalizeCompanyMemo(raw);
  return { display: r.display, key: r.key, issues: r.issues.map((x) => ({ ...x })) };
}

const normalizeCompanyMemo = memoize((raw: string) => normalizeCompanyOf(raw));

function normalizeCompanyOf(raw: string, full = false): NormalizedCompany {
  try {
    const text = cleanText(raw);
    const issues: NameIssue[] = [];
    if (!text) return { display: '', key: '', issues: [{ code: 'empty', message: 'No company name.' }] };
    if (!/[\p{L}\p{N}]/u.test(text)) return { display: '', key: '', issues: [{ code: 'no_letters', message: 'The company name has no letters or digits.' }] };
    const display = displayOf(text, full);
    const key = keyOf(display, full);
    if (PLACEHOLDERS.has(text.toLowerCase().replace(/\.$/, ''))) issues.push({ code: 'placeholder', message: `"${text}" is not a company name.` });
    const person = looksLikePerson(text);
    if (person.likely) issues.push({ code: 'person_in_company_field', message: `This looks like a person's name, not a company: it ${person.reasons[0]}.` });
    if (/\bdba\b|d\s*\/\s*b\s*\/\s*a/i.test(text)) issues.push({ code: 'dba', message: 'The name includes a "doing business as" trade name.' });
    return { display, key, issues };
  } catch {
    const t = cleanText(raw);
    return { display: t, key: t.toLowerCase(), issues: [{ code: 'unparsed', message: 'The company name could not be read.' }] };
  }
}
