// Person names: clean text, proper case, split a full name (or separate fields) into its parts, and tell names from companies.
import { memoize } from './memo';

export interface NameIssue {
  code: string;
  message: string;
}

export type NameKind = 'person' | 'couple' | 'company' | 'empty' | 'unparsed';

export interface ParsedName {
  prefix: string;
  first: string;
  middle: string;
  last: string;
  suffix: string;
  /** A nickname given in quotes or parentheses: Robert "Bob" Smith → Bob. */
  nickname: string;
  /** The second person of a couple ("John & Jane Doe", "Mr. and Mrs. John Smith"). */
  second?: ParsedName;
  kind: NameKind;
  issues: NameIssue[];
}

export interface LooksLike {
  likely: boolean;
  reasons: string[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// \p{Cc} is U+0000–U+001F and U+007F–U+009F; then zero-width and line/paragraph separators and the BOM.
const CONTROL = /[\p{Cc}\u200B-\u200D\u2028\u2029\uFEFF]/gu;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
const ASCII_ONLY = /^[^\u0080-\uFFFF]*$/;

/** NFC, skipped for ASCII text (which NFC never changes): normalize() is one of the costliest calls per record. */
export function nfc(s: string): string {
  return ASCII_ONLY.test(s) ? s : s.normalize('NFC');
}

/**
 * Text every normalizer starts from: lone surrogates replaced by U+FFFD (so output is always valid UTF-8), control and
 * zero-width characters turned into spaces, NFC, curly apostrophes straightened, whitespace collapsed. Never throws.
 */
export function cleanText(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  // Pure printable ASCII (nearly every cell): no surrogates, NFC is the identity and only the backtick is a quote to
  // straighten, so the same result needs none of the Unicode passes below.
  // Its only white space is the space itself, so runs need collapsing only where two spaces meet.
  if (PRINTABLE_ASCII.test(s)) {
    const t = s.includes('`') ? s.replace(/`/g, "'") : s;
    return (t.includes('  ') ? t.replace(/ {2,}/g, ' ') : t).trim();
  }
  return cleanTextFull(s);
}

/** cleanText without the ASCII fast path: exported so tests can prove the two agree. */
export function cleanTextFull(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  return s
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, ' ')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .replace(/[\u201C\u201D\u201E]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const hasUpper = (s: string) => /\p{Lu}/u.test(s);
const hasLower = (s: string) => /\p{Ll}/u.test(s);
const hasLetter = (s: string) => /\p{L}/u.test(s);

/** Upper case letter by letter, keeping any letter whose capital is longer (ß → SS, ᾀ → ἈΙ) so casing stays idempotent. */
export function upperSafe(s: string): string {
  let out = '';
  for (const c of s) {
    const u = c.toUpperCase();
    out += [...u].length === 1 ? u : c;
  }
  return out;
}

/** Upper-cases the first letter and lower-cases the rest (José, Müller). */
export function capitalize(w: string): string {
  const lower = w.toLowerCase();
  const i = lower.search(/\p{L}/u);
  if (i < 0) return lower;
  const ch = String.fromCodePoint(lower.codePointAt(i)!);
  return nfc(lower.slice(0, i) + upperSafe(ch) + lower.slice(i + ch.length));
}

/** A lookup table without a prototype, so that input like "__proto__" or "constructor" is never found in it. */
export function dict<T>(o: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, o);
}

/** Titles that go before a name, keyed by lower-case form without periods. */
const TITLES: Record<string, string> = dict({
  mr: 'Mr.', mrs: 'Mrs.', ms: 'Ms.', miss: 'Miss', mx: 'Mx.', dr: 'Dr.', doctor: 'Dr.', prof: 'Prof.', professor: 'Prof.',
  rev: 'Rev.', reverend: 'Rev.', fr: 'Fr.', father: 'Fr.', pastor: 'Pastor', hon: 'Hon.', honorable: 'Hon.', judge: 'Judge',
  capt: 'Capt.', captain: 'Capt.', col: 'Col.', lt: 'Lt.', sgt: 'Sgt.', gen: 'Gen.', maj: 'Maj.', cpl: 'Cpl.', adm: 'Adm.',
  sen: 'Sen.', rep: 'Rep.', gov: 'Gov.', sister: 'Sister', sr: 'Sr.', msgr: 'Msgr.', rabbi: 'Rabbi', mssrs: 'Messrs.', messrs: 'Messrs.',
  mmes: 'Mmes.', dame: 'Dame', sir: 'Sir',
});
/** Titles that are also common first names or words: only a title when more name follows and it is not the only given name. */
const AMBIGUOUS_TITLES = new Set(['judge', 'sister', 'father', 'pastor', 'rabbi', 'miss', 'doctor', 'sir', 'dame', 'col', 'gen', 'sr']);

/** Suffixes after a name: generational, professional and academic, keyed by lower-case form without periods. */
const SUFFIXES: Record<string, string> = dict({
  jr: 'Jr.', junior: 'Jr.', sr: 'Sr.', senior: 'Sr.', ii: 'II', iii: 'III', iv: 'IV', v: 'V', vii: 'VII', viii: 'VIII',
  '2nd': '2nd', '3rd': '3rd', '4th': '4th',
  md: 'MD', do: 'DO', phd: 'PhD', dds: 'DDS', dmd: 'DMD', esq: 'Esq.', esquire: 'Esq.', cpa: 'CPA', jd: 'JD', rn: 'RN', np: 'NP',
  pa: 'PA', dvm: 'DVM', od: 'OD', pe: 'PE', mba: 'MBA', ma: 'MA', ms: 'MS', bs: 'BS', ba: 'BA', edd: 'EdD', lpn: 'LPN', cfp: 'CFP',
  ret: 'Ret.', usn: 'USN', usmc: 'USMC', usaf: 'USAF', usa: 'USA', facs: 'FACS', facp: 'FACP', lcsw: 'LCSW', dc: 'DC', pharmd: 'PharmD',
});
/** Titles that mark a person wherever they stand (TITLES less the ambiguous ones): looksLikePerson's "starts with a title". */
export const PERSON_TITLES: ReadonlySet<string> = new Set(Object.keys(TITLES).filter((t) => !AMBIGUOUS_TITLES.has(t)));
/** Suffixes that mark a person at the end of a name: looksLikePerson's "ends with a suffix". */
export const PERSON_END_SUFFIXES: ReadonlySet<string> = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'junior', 'senior', 'esq', 'phd', 'md', 'dds']);

/** Suffixes that are also a short name or particle ("Do", "Ma", "V" as an initial): a suffix only after a comma or at the end of 3+ words. */
const WEAK_SUFFIXES = new Set(['v', 'do', 'ma', 'ms', 'ba', 'pa', 'od', 'dc', 'pe', 'usa', 'np', 'bs']);

/** Generational numerals; VI and IX are left out because Vi and Ix are also names. */
const ROMAN = new Set(['ii', 'iii', 'iv', 'vii', 'viii']);

/** Surname particles: lower-case inside a name ("Ludwig van Beethoven"), part of the last name when parsing. */
const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'dei', 'degli', 'la', 'le', 'da', 'das', 'dos', 'du', 'di', 'ter', 'ten', 'te',
  'vander', 'vanden', 'bin', 'ibn', 'al', 'el', 'y', 'st', 'st.', 'ste', 'ste.', 'san', 'santa', 'do',
]);
/** Particles that keep a capital even inside a name. */
const CAPITAL_PARTICLES: Record<string, string> = dict({ st: 'St.', 'st.': 'St.', ste: 'Ste.', 'ste.': 'Ste.', san: 'San', santa: 'Santa' });

/** Mac-names are split between MacX and Macx (Mackey, Macy, Machado), so only these well-known ones get the inner capital. */
const MAC_NAMES = new Set([
  'macdonald', 'macarthur', 'mackenzie', 'macleod', 'macgregor', 'macmillan', 'macintyre', 'maclean', 'mackay', 'macpherson',
  'macneil', 'macaulay', 'mackinnon', 'macdougall', 'macfarlane', 'maclachlan', 'macinnes', 'macrae', 'macqueen', 'maclennan',
  'maccallum', 'maciver', 'macbride', 'macgillivray', 'macdonnell', 'macnamara', 'macdowell', 'maclaren', 'macneill', 'macalister',
]);
/** Surnames whose inner capital is usual in US lists; applied only to all-caps or all-lower input. */
const CAMEL_NAMES: Record<string, string> = dict(Object.fromEntries(
  ['DeLuca', 'DeSantis', 'DeVito', 'DeMarco', 'DeAngelis', 'DeFazio', 'DeJesus', 'DeLeon', 'DeWitt', 'DiMaggio', 'DiNapoli',
    'DiCaprio', 'LaRue', 'LaSalle', 'LaFleur', 'LaPointe', 'LeBlanc', 'LeClair', 'LeBlanc', 'DuBois', 'DuPont', 'VanDyke',
    'FitzGerald', 'FitzPatrick'].map((n) => [n.toLowerCase(), n]),
));
// FitzGerald is as often Fitzgerald: keep the common form.
delete CAMEL_NAMES['fitzgerald'];
delete CAMEL_NAMES['fitzpatrick'];

const stripDots = (t: string) => t.toLowerCase().replace(/[.,]/g, '');

/** Cases one hyphen-free, space-free part of a word whose letters are all one case (or that the caller wants fixed). */
function caseSimple(part: string): string {
  if (!hasLetter(part)) return part;
  const lower = part.toLowerCase();
  const letters = lower.replace(/[^\p{L}]/gu, '');
  // O'Brien, D'Angelo: a one-letter prefix before an apostrophe; otherwise the apostrophe starts lower-case text (McDonald's).
  const ap = lower.indexOf("'");
  if (ap > 0) {
    const head = lower.slice(0, ap);
    const tail = lower.slice(ap + 1);
    if (/^\p{L}$/u.test(head)) return upperSafe(head) + "'" + (tail ? caseSimple(tail) : '');
    return caseSimple(head) + "'" + tail;
  }
  if (CAMEL_NAMES[letters] && letters === lower) return CAMEL_NAMES[letters];
  if (MAC_NAMES.has(letters) && letters === lower) return 'Mac' + capitalize(lower.slice(3));
  if (/^mc\p{L}{2,}$/u.test(lower)) return 'Mc' + capitalize(lower.slice(2));
  return capitalize(part);
}

/** Cases a word with hyphens: each part on its own (Mary-Ann, Smith-Jones); a part with intentional casing is kept. */
function caseWord(word: string, fix: boolean): string {
  return word
    .split(/([^\p{L}\p{M}\p{N}']+)/u)
    .map((p) => {
      if (!hasLetter(p)) return p;
      const up = hasUpper(p);
      const low = hasLower(p);
      if (up && low) {
        // "O'brien" / "D'angelo": a capital, an apostrophe, then lower-case is a typing habit, not intent.
        if (/^\p{Lu}'\p{Ll}+$/u.test(p)) return caseSimple(p);
        return p;
      }
      if (!fix && up && [...p.replace(/[^\p{L}]/gu, '')].length === 1) return p;
      return caseSimple(p);
    })
    .join('');
}

/**
 * Proper case for a person name. All-caps or all-lower input is cased by rule (McDonald, O'Brien, MacDonald but Mack,
 * DeLuca, "van der" inside a name, Mary-Ann, III, Jr., PhD); in mixed-case input only words typed wholly in one case
 * are fixed, so "deVries", "DeShawn" and "van Dyke" are kept. Idempotent; never throws.
 */
/**
 * A word's leading ( " ' and trailing ) " ' , . ; : apart from its core, as /^([("']*)(.*?)([)"',.;:]*)$/ splits it,
 * by scanning: that expression takes n² steps on a long word of dots or quotes followed by a letter.
 */
function splitWordPunct(w: string): [string, string, string] {
  // The expression's "." stops at line terminators, so it did not match such a word at all.
  if (/[\n\r\u2028\u2029]/.test(w)) return ['', w, ''];
  let a = 0;
  while (a < w.length && `("'`.includes(w[a]!)) a++;
  let b = w.length;
  while (b > a && `)"',.;:`.includes(w[b - 1]!)) b--;
  return [w.slice(0, a), w.slice(a, b), w.slice(b)];
}

/** s without the characters at its end that `drop` accepts (a scan: /[.\s]+$/ is n² on a long run that does not reach the end). */
function trimTrailing(s: string, drop: (c: string) => boolean): string {
  let end = s.length;
  while (end > 0 && drop(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function properCaseName(s: string): string {
  return typeof s === 'string' ? properCaseNameMemo(s) : properCaseNameOf(s);
}

/** Names repeat across a list (first names, common surnames); the casing of one is a pure function of its text. */
const properCaseNameMemo = memoize((s: string) => properCaseNameOf(s));

function properCaseNameOf(s: string): string {
  try {
    return properCaseNameUnsafe(cleanText(s));
  } catch {
    return cleanText(s);
  }
}

function properCaseNameUnsafe(text: string): string {
  if (!text) return '';
  return nfc(properCaseWords(text));
}

function properCaseWords(text: string): string {
  const words = text.split(' ');
  // Whether the name came in one case is judged on its real words: single letters, numerals and suffixes (é, III, MD)
  // are left out, so that fixing them never flips the verdict and casing stays idempotent.
  const significant = words
    .filter((w) => SUFFIXES[stripDots(w).replace(/[^\p{L}]/gu, '')] === undefined)
    .flatMap((w) => w.split(/[^\p{L}\p{M}]+/u))
    .filter((seg) => (seg.match(/\p{L}/gu)?.length ?? 0) >= 2 && !ROMAN.has(seg.toLowerCase()))
    .join(' ');
  const uniform = !(hasUpper(significant) && hasLower(significant));
  const n = words.length;
  return words
    .map((w, i) => {
      if (!hasLetter(w)) return w;
      const up = hasUpper(w);
      const low = hasLower(w);
      const mixed = up && low;
      const [lead, core, trail] = splitWordPunct(w);
      const key = stripDots(core);
      const withDot = trail.startsWith('.') ? core + '.' : core;
      const pKey = withDot.toLowerCase();
      if (/^(\p{L}\.)+\p{L}?$/u.test(core + (trail.startsWith('.') ? '.' : '')) || /^(\p{L}\.)+\p{L}$/u.test(core)) return lead + upperSafe(core) + trail;
      if (key === 'and' || key === 'or') return uniform && i > 0 ? w.toLowerCase() : w;
      // Particles: decided only when the whole name came in one case; inside the name (not first, not last) they go lower.
      if (PARTICLES.has(pKey) || PARTICLES.has(key)) {
        if (!uniform) return w;
        if (CAPITAL_PARTICLES[pKey] || CAPITAL_PARTICLES[key]) {
          const form = CAPITAL_PARTICLES[pKey] ?? CAPITAL_PARTICLES[key]!;
          return lead + form.replace(/\.$/, '') + trail;
        }
        if (i > 0 && i < n - 1) return w.toLowerCase();
        return lead + caseWord(core, true) + trail;
      }
      if (i > 0 && (SUFFIXES[key] !== undefined) && !WEAK_SUFFIXES.has(key) && !(mixed && !CASE_SUFFIXES.has(key))) {
        const form = SUFFIXES[key]!;
        const dotted = form.endsWith('.');
        const body = dotted ? form.slice(0, -1) : form;
        // Keep the period exactly where the input had it, so casing never adds or drops punctuation.
        return lead + body + (dotted ? (core.endsWith('.') ? '.' : '') + trail : trail.replace(/^\./, ''));
      }
      if (ROMAN.has(key)) return lead + upperSafe(core) + trail;
      if (mixed && !/\p{Lu}'\p{Ll}/u.test(w)) {
        // In mixed input, a word typed all-lower ("john smith" mixed with "Mary") is fixed; Capitalized or camel is kept.
        return w;
      }
      if (!uniform && up && !low) {
        // SMITH in "John SMITH": shouting, fixed; a lone initial stays.
        return lead + caseWord(core, true) + trail;
      }
      return lead + caseWord(core, true) + trail;
    })
    .join(' ');
}
/** Suffixes whose canonical casing is applied even to mixed-case input (Phd → PhD, Iii → III). */
const CASE_SUFFIXES = new Set(['phd', 'md', 'dds', 'dmd', 'cpa', 'jd', 'ii', 'iii', 'iv', 'edd', 'dvm', 'pharmd', 'jr', 'sr', 'esq']);

// ---------------------------------------------------------------------------------------------------------------------
// Company or person?

/** Words that make a string a company, keyed by lower-case token without periods. */
const LEGAL_FORMS = new Set(['inc', 'incorporated', 'llc', 'lc', 'corp', 'corporation', 'ltd', 'limited', 'llp', 'lllp', 'lp', 'pllc', 'plc', 'gmbh', 'co', 'company', 'pc']);
const ORG_WORDS = new Set([
  'associates', 'association', 'assoc', 'assn', 'group', 'services', 'svcs', 'solutions', 'systems', 'technologies', 'technology',
  'bank', 'bancorp', 'university', 'college', 'school', 'academy', 'institute', 'hospital', 'clinic', 'dept', 'department',
  'foundation', 'trust', 'enterprises', 'industries', 'holdings', 'partners', 'partnership', 'consulting', 'consultants',
  'international', 'intl', 'manufacturing', 'mfg', 'realty', 'properties', 'insurance', 'agency', 'society', 'club', 'committee',
  'council', 'ministries', 'ministry', 'fellowship', 'restaurant', 'cafe', 'salon', 'motors', 'construction', 'contractors',
  'plumbing', 'electric', 'dental', 'medical', 'offices', 'office', 'studio', 'studios', 'labs', 'laboratories', 'publishing',
  'media', 'communications', 'investments', 'capital', 'ventures', 'logistics', 'supply', 'distributors', 'wholesale',
  'pharmacy', 'center', 'ctr', 'centre', 'county', 'city', 'district', 'authority', 'federal', 'credit', 'union', 'inn', 'hotel',
  'llc.', 'brothers', 'bros', 'mgmt', 'management', 'corporate', 'global', 'church', 'law', 'parish', 'temple', 'synagogue',
  'mosque', 'diocese', 'chapter', 'lodge', 'league', 'network', 'software', 'store', 'stores', 'market', 'shop', 'farms',
  'dba', 'accounting', 'apartments', 'homes', 'builders', 'auto', 'automotive', 'repair', 'cleaners', 'bakery',
  'pizza', 'grill', 'bar', 'llp.', 'nonprofit', 'fund', 'museum', 'library', 'hoa', 'ymca', 'ywca', 'gallery', 'pta',
]);
/** Org words that are also common surnames (Charlotte Church, Joan Law): a company only with other evidence. */
const SURNAME_ORG_WORDS = new Set(['church', 'law', 'bar', 'inn', 'temple', 'market', 'shop', 'store', 'union', 'lodge', 'city', 'auto', 'grill', 'capital', 'center', 'credit', 'trust', 'fund', 'league', 'media', 'bank', 'federal', 'council', 'global', 'supply', 'gallery']);

const tokensOf = (s: string) =>
  cleanText(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&'\s-]/gu, ' ')
    .replace(/'/g, '')
    .split(/\s+/)
    .filter(Boolean);

/** Whether a string reads as a company or organization, and why (used to flag a company typed into a person field). */
export function looksLikeCompany(s: string): LooksLike {
  if (typeof s !== 'string') return looksLikeCompanyOf(s);
  // A copy, so that a caller changing its reasons never changes what the next caller is told.
  const r = looksLikeCompanyMemo(s);
  return { likely: r.likely, reasons: [...r.reasons] };
}

const looksLikeCompanyMemo = memoize((s: string) => looksLikeCompanyOf(s));

function looksLikeCompanyOf(s: string): LooksLike {
  const reasons: string[] = [];
  const raw = cleanText(s);
  const dotless = raw.replace(/\./g, '');
  const toks = tokensOf(dotless);
  if (toks.length === 0) return { likely: false, reasons };
  const last = toks[toks.length - 1]!;
  if (toks.length > 1 && LEGAL_FORMS.has(last) && !(last === 'co' && toks.length < 2)) reasons.push(`ends with the legal form "${last}"`);
  else if (toks.some((t, i) => i > 0 && ['inc', 'llc', 'corp', 'ltd', 'llp', 'pllc', 'incorporated', 'corporation', 'gmbh'].includes(t))) reasons.push('contains a legal form');
  if (/(&|\band\b)\s*(sons?|daughters?|co|company|associates)\b/i.test(dotless)) reasons.push('has "& Sons" / "& Co." / "& Associates"');
  if (/\bdba\b|\bd\s*\/\s*b\s*\/\s*a\b/i.test(raw)) reasons.push('has "dba"');
  const strongOrg = toks.filter((t) => ORG_WORDS.has(t) && !SURNAME_ORG_WORDS.has(t));
  const weakOrg = toks.filter((t) => SURNAME_ORG_WORDS.has(t));
  if (strongOrg.length) reasons.push(`has the organization word "${strongOrg[0]}"`);
  else if (weakOrg.length && (toks.length >= 3 || toks.includes('of') || toks.includes('the') || toks[0] === weakOrg[0]))
    reasons.push(`has the organization word "${weakOrg[0]}" with ${toks.includes('of') || toks.includes('the') ? '"of"/"the"' : 'other words'}`);
  if (toks[0] === 'the' && toks.length > 1) reasons.push('starts with "The"');
  if (/\d/.test(raw) && !/\b(2nd|3rd|4th|[ivx]+)\b/i.test(raw)) reasons.push('contains digits');
  if (/\.(com|net|org)\b/i.test(raw)) reasons.push('contains a web address');
  // Digits or "The" alone are weak; any other reason is enough.
  const strong = reasons.filter((r) => r !== 'contains digits' && r !== 'starts with "The"');
  return { likely: strong.length > 0 || reasons.length >= 2, reasons };
}

/**
 * Whether a string reads as a person's name, and why. `likely` needs positive evidence (a title, a generational
 * suffix, "Last, First", a middle initial, a quoted nickname): two plain words ("Acme Widgets") are only "name-shaped".
 */
export function looksLikePerson(s: string): LooksLike {
  const reasons: string[] = [];
  const raw = cleanText(s);
  if (!hasLetter(raw)) return { likely: false, reasons };
  const words = raw.replace(/["()]/g, ' ').split(' ').filter(Boolean);
  const keys = words.map(stripDots);
  if (keys.length > 1 && PERSON_TITLES.has(keys[0]!)) reasons.push(`starts with the title "${TITLES[keys[0]!]}"`);
  if (/^(mr|mrs|dr|ms)\.?\s*(&|and)\s*(mr|mrs|ms|dr)\b/i.test(raw)) reasons.push('is a couple ("Mr. and Mrs.")');
  const lastKey = keys[keys.length - 1] ?? '';
  if (keys.length > 1 && PERSON_END_SUFFIXES.has(lastKey)) reasons.push(`ends with the suffix "${SUFFIXES[lastKey]}"`);
  if (/^[\p{L}'-]+( [\p{L}'-]+)?, [\p{L}'-]+( [\p{L}]\.?)?$/u.test(raw) && !/, (the|inc|co|ltd|llc)$/i.test(raw)) reasons.push('is written "Last, First"');
  if (words.length >= 3 && words.length <= 4 && words.slice(1, -1).some((w) => /^\p{L}\.?$/u.test(w))) reasons.push('has a middle initial');
  if (/"[\p{L}]+"|\([\p{L}]+\)/u.test(raw) && words.length >= 3) reasons.push('has a quoted nickname');
  const nameShaped = words.length >= 2 && words.length <= 5 && words.every((w) => /^[\p{L}][\p{L}'.,-]*$/u.test(w));
  if (nameShaped) reasons.push('is 2–5 words of letters');
  const positive = reasons.filter((r) => r !== 'is 2–5 words of letters');
  const couple = reasons.includes('is a couple ("Mr. and Mrs.")');
  // The company check last: most company names (two plain words, no title, suffix or initial) are settled before it.
  return { likely: positive.length > 0 && (nameShaped || couple) && !looksLikeCompany(raw).likely, reasons };
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsing

/** Words in parentheses or quotes that annotate a record rather than give a nickname. */
const NOTES = /^(deceased|dec'?d|dec|estate|ret|retired|owner|president|ceo|manager|spouse|wife|husband|son|daughter|mother|father|minor|trustee|executor|guardian|do not mail|dnm|moved|bad address|\d.*)$/i;

const PLACEHOLDERS = new Set(['na', 'n/a', 'none', 'unknown', 'test', 'xxx', 'xx', 'x', 'null', 'nil', 'resident', 'current resident', 'occupant', 'current occupant', 'or current resident', 'no name', 'noname', 'tbd', 'asdf', 'customer', 'valued customer', 'blank', 'name', 'first last', 'dear friend', 'friend']);

const emptyName = (kind: NameKind, issues: NameIssue[] = []): ParsedName => ({ prefix: '', first: '', middle: '', last: '', suffix: '', nickname: '', kind, issues });

const issue = (code: string, message: string): NameIssue => ({ code, message });

const titleOf = (t: string) => TITLES[stripDots(t)];
const suffixOf = (t: string) => SUFFIXES[stripDots(t)];

interface Given {
  prefix: string[];
  words: string[];
  suffix: string[];
}

/** Splits words into leading titles, the name, and trailing suffixes. `allowWeakSuffix`: words after a comma may be weak suffixes (", PA"). */
function peel(words: string[], allowWeakSuffix: boolean): Given {
  const w = words.filter((x) => x !== '' && x !== ',');
  const prefix: string[] = [];
  const suffix: string[] = [];
  while (w.length > 0) {
    const t = w[0]!;
    const key = stripDots(t);
    if (!titleOf(t)) break;
    // "Judge Smith" yes, "Miss" alone is a name field's title; an ambiguous title needs a name after it.
    if (AMBIGUOUS_TITLES.has(key) && w.length < 3 && !(w.length === 2 && key === 'miss')) break;
    if (key === 'sr' && !t.endsWith('.')) break;
    prefix.push(TITLES[key]!);
    w.shift();
  }
  while (w.length > 1) {
    const t = w[w.length - 1]!;
    const key = stripDots(t);
    const form = suffixOf(t);
    if (!form) break;
    if (WEAK_SUFFIXES.has(key) && !(allowWeakSuffix || w.length >= 3)) break;
    if (key === 'v' && !allowWeakSuffix) break;
    suffix.unshift(form);
    w.pop();
  }
  return { prefix, words: w, suffix };
}

/** The last name's start: the final word plus any particles before it, leaving at least one given name. */
function lastNameStart(words: string[]): number {
  let i = words.length - 1;
  // "St. John", "De La Cruz": particles count whatever their case.
  while (i - 1 >= 1 && PARTICLES.has(words[i - 1]!.toLowerCase())) i--;
  return i;
}

function finish(p: ParsedName): ParsedName {
  for (const k of ['prefix', 'first', 'middle', 'last', 'suffix', 'nickname'] as const) {
    p[k] = p[k].replace(/,/g, '').replace(/\s+/g, ' ').trim();
    if (!hasLetter(p[k])) p[k] = '';
  }
  if (p.kind === 'person' && !p.first && !p.last) p.kind = p.prefix || p.suffix ? 'unparsed' : 'empty';
  if (/\d/.test(p.first + p.middle + p.last) && !p.issues.some((x) => x.code === 'digits_in_name')) p.issues.push(issue('digits_in_name', 'The name contains digits.'));
  if (p.kind === 'person' && p.first && !p.last && !p.middle) p.issues.push(issue('single_name', 'Only one name was given, so first and last cannot be told apart.'));
  if (p.kind === 'person' && /^\p{L}\.?$/u.test(p.first) && p.last) p.issues.push(issue('initial_only', 'The first name is only an initial.'));
  return p;
}

/** "Last, Given…" after casing. `parts` are the comma-separated pieces. */
function parseCommaForm(parts: string[], nickname: string, issues: NameIssue[]): ParsedName | null {
  const lastSide = peel(parts[0]!.split(' '), true);
  const given = peel(parts.slice(1).join(' ').split(' '), true);
  if (lastSide.words.length === 0 || given.words.length === 0) return null;
  return finish({
    prefix: [...lastSide.prefix, ...given.prefix].join(' '),
    first: given.words[0]!,
    middle: given.words.slice(1).join(' '),
    last: lastSide.words.join(' '),
    suffix: [...lastSide.suffix, ...given.suffix].join(' '),
    nickname,
    kind: 'person',
    issues,
  });
}

function parseDirect(words: string[], nickname: string, issues: NameIssue[], allowWeakSuffix = false): ParsedName {
  const g = peel(words, allowWeakSuffix);
  const p: ParsedName = { ...emptyName('person', issues), prefix: g.prefix.join(' '), suffix: g.suffix.join(' '), nickname };
  const w = g.words;
  if (w.length === 1) {
    // "Mr. Smith" is a surname; a lone word without a title is more often a first name ("Cher", a first-name-only list).
    if (g.prefix.length) p.last = w[0]!;
    else p.first = w[0]!;
  } else if (w.length > 1) {
    const start = lastNameStart(w);
    p.first = w[0]!;
    p.middle = w.slice(1, start).join(' ');
    p.last = w.slice(start).join(' ');
  }
  return finish(p);
}

/** Splits "A & B" / "A and B" into the two people, sharing the last name and titles as written. */
function parseCouple(left: string, right: string, nickname: string, issues: NameIssue[]): ParsedName | null {
  const commaLast = /,/.test(left) ? left.split(',')[0]!.trim() : '';
  const l = commaLast ? left.split(',').slice(1).join(' ').trim() : left;
  const rightP = parseSingle(right, '', []);
  if (rightP.kind !== 'person' || (!rightP.first && !rightP.last)) return null;
  const leftWords = l.split(' ').filter(Boolean);
  const lg = peel(leftWords, false);
  let leftP: ParsedName;
  if (commaLast) {
    leftP = finish({ ...emptyName('person', []), prefix: lg.prefix.join(' '), first: lg.words[0] ?? '', middle: lg.words.slice(1).join(' '), last: commaLast, suffix: lg.suffix.join(' '), nickname });
    // "Smith, John & Jane": Jane parsed alone is a first name; she shares the surname before the comma.
    if (!rightP.last) rightP.last = commaLast;
    rightP.issues = rightP.issues.filter((x) => x.code !== 'single_name');
  } else if (lg.words.length === 0) {
    if (lg.prefix.length === 0) return null;
    // "Mr. and Mrs. John Smith": the first title goes with the named person; the second person shares only the surname.
    leftP = { ...rightP, issues: [], prefix: lg.prefix.join(' '), second: undefined };
    delete leftP.second;
    const second: ParsedName = finish({ ...emptyName('person', []), prefix: rightP.prefix, last: rightP.last, suffix: '' });
    leftP.suffix = rightP.suffix;
    return { ...leftP, nickname, kind: 'couple', second, issues };
  } else if (lg.words.length === 1 || (lg.words.length === 2 && /^\p{L}\.?$/u.test(lg.words[1]!))) {
    // "John & Jane Doe": the left person has only given names and takes the right one's last name.
    leftP = finish({ ...emptyName('person', []), prefix: lg.prefix.join(' '), first: lg.words[0]!, middle: lg.words.slice(1).join(' '), last: rightP.last, suffix: lg.suffix.join(' '), nickname });
    if (!rightP.last && rightP.first) {
      return null;
    }
  } else {
    leftP = parseDirect(leftWords, nickname, []);
  }
  return { ...leftP, kind: 'couple', second: rightP, issues: [...issues, ...leftP.issues] };
}

function parseSingle(text: string, nickname: string, issues: NameIssue[]): ParsedName {
  const parts = text.split(',').map((x) => x.trim()).filter(Boolean);
  if (parts.length >= 2) {
    // "John Smith, Jr." / "John Smith, MD, PhD": everything after the first comma is suffixes.
    const afterAreSuffixes = parts.slice(1).every((pt) => pt.split(' ').every((w) => suffixOf(w)));
    if (afterAreSuffixes) {
      const p = parseDirect([...parts[0]!.split(' '), ...parts.slice(1).join(' ').split(' ')], nickname, issues, true);
      if (p.first || p.last) return p;
    }
    const c = parseCommaForm(parts, nickname, issues);
    if (c) return c;
  }
  return parseDirect(text.replace(/,/g, ' ').split(' '), nickname, issues);
}

/**
 * Splits a full name as lists carry it — "SMITH, JOHN A JR", "Dr. Mary-Ann O'Neil", "John & Jane Doe",
 * "Mr. and Mrs. John Smith", Robert "Bob" Smith — into proper-cased parts. A company in the field is returned as
 * kind 'company' (with an issue) rather than being split. Never throws.
 */
export function parsePersonName(raw: string): ParsedName {
  try {
    // Results are deep-copied out of the memo: callers (parseNameFields among them) add issues to what they get.
    return typeof raw === 'string' ? cloneName(parsePersonNameMemo(raw)) : parsePersonNameUnsafe(raw);
  } catch {
    return emptyName('unparsed', [issue('unparsed', 'The name could not be read.')]);
  }
}

const parsePersonNameMemo = memoize((raw: string) => parsePersonNameUnsafe(raw));

/** A deep copy of a parsed name, with keys in the same order (so results compare and serialize as before). */
export function cloneName(p: ParsedName): ParsedName {
  const out = { ...p, issues: p.issues.map((x) => ({ ...x })) };
  if (p.second) out.second = cloneName(p.second);
  return out;
}

function parsePersonNameUnsafe(raw: string): ParsedName {
  let text = cleanText(raw);
  if (!text) return emptyName('empty');
  if (!hasLetter(text)) return emptyName('unparsed', [issue('no_letters', 'The name has no letters.')]);
  const lowered = trimTrailing(text.toLowerCase(), (c) => c === '.' || /\s/.test(c));
  if (PLACEHOLDERS.has(lowered) || /^(.)\1+$/.test(lowered.replace(/\s/g, ''))) return emptyName('unparsed', [issue('placeholder', `"${text}" is a placeholder, not a name.`)]);
  const company = looksLikeCompany(text);
  if (company.likely) return emptyName('company', [issue('company_in_person_field', `This looks like a company, not a person: it ${company.reasons[0]}.`)]);
  const issues: NameIssue[] = [];
  // Mailing-line words around a name: "Attn: John Smith", "c/o John Smith", "Estate of John Smith", "The Smith Family".
  const careOf = /^(?:attn|attention|c\/o|care of)\b[:.]?\s*/iu.exec(text);
  if (careOf && careOf[0].length < text.length) {
    text = text.slice(careOf[0].length);
    issues.push(issue('care_of', 'The name had an "Attn" / "c/o" line prefix, which was removed.'));
  }
  const estate = /^(?:the\s+)?estate\s+of\s+(.+)$|^(.+?),?\s+estate$/iu.exec(text);
  if (estate) {
    text = (estate[1] ?? estate[2] ?? '').trim();
    issues.push(issue('estate', 'The name is an estate ("Estate of …"): the person may be deceased.'));
  }
  const household = /^(?:the\s+)?([\p{L}'-]+(?:\s+[\p{L}'-]+)?)\s+(?:family|household|residence|residents)$/iu.exec(text);
  if (household && household[1]) {
    issues.push(issue('household', 'The name is a household ("The Smith Family"), not one person.'));
    return finish({ ...emptyName('person', issues), last: properCaseName(household[1]) });
  }
  // Nicknames: Robert "Bob" Smith, Robert (Bob) Smith, Robert 'Bob' Smith. Notes in parentheses are not nicknames.
  let nickname = '';
  // A nickname or note is at most 200 characters: unbounded, a long run of "(" without ")" took n² steps.
  const nick = /\s*(?:"([^"]{1,200})"|\(([^)]{1,200})\)|(?:^|\s)'([^']{1,200})'(?=\s|$))\s*/u.exec(text);
  if (nick) {
    const inner = (nick[1] ?? nick[2] ?? nick[3] ?? '').replace(/["'()]/g, '').trim();
    if (NOTES.test(inner)) issues.push(issue('note_in_name', `The name carries a note ("${inner}"), which was removed.`));
    else nickname = inner;
    text = (text.slice(0, nick.index) + ' ' + text.slice(nick.index + nick[0].length)).replace(/\s+/g, ' ').trim();
  }
  // Numbers in a name field are list noise (account numbers, "JOHN DOE 123"); they are dropped and reported.
  // A word of digits, "#" and "-" with at least one digit; written so a long run of digits is read once, not n² times.
  if (/(^|\s)(?=[#-]*\d)[\d#-]+(?=\s|$)/u.test(text) && hasLetter(text)) {
    text = text.replace(/(^|\s)(?=[#-]*\d)[\d#-]+(?=\s|$)/gu, ' ').replace(/\s+/g, ' ').trim();
    issues.push(issue('digits_in_name', 'The name contained numbers, which were removed.'));
  }
  text = text.replace(/["()[\]{}<>]/g, ' ').replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ').replace(/^,\s*|,\s*$/g, '').trim();
  if (!hasLetter(text)) return emptyName('unparsed', [issue('no_letters', 'The name has no letters.')]);
  text = properCaseName(
    text
      .replace(/\s*[&+]\s*/g, ' & ')
      .replace(/^(?:&|and)\s+|\s+(?:&|and)$/giu, '')
      .trim(),
  );
  nickname = nickname ? properCaseName(nickname) : '';
  // Couples.
  const m = /^(.*?)\s*(?:&|\+|\band\b)\s*(.*)$/iu.exec(text);
  if (m && m[1] !== undefined && m[2] !== undefined && hasLetter(m[2])) {
    const c = parseCouple(m[1].trim(), m[2].trim(), nickname, issues);
    if (c) return c;
  }
  const p = parseSingle(text.replace(/\s*[&+]\s*/g, ' '), nickname, issues);
  return p;
}

export interface NameFields {
  full?: string | null;
  first?: string | null;
  last?: string | null;
  middle?: string | null;
  prefix?: string | null;
  suffix?: string | null;
}

/**
 * The best split from whichever name columns a list has: separate columns win when they hold a name (first="JOHN A",
 * last="SMITH JR" → John / A / Smith / Jr.); a full-name column fills in when they are empty. Never throws.
 */
export function parseNameFields(fields: NameFields): ParsedName {
  return simpleNameFields(fields) ?? casedCellsNameFields(fields) ?? parseNameFieldsGeneral(fields);
}

/** Couple, company and mailing words the parser branches on besides those in the tables above. */
const SPECIAL_EXTRA = [
  'and', 'or', 'the', 'of', 'dba', 'attn', 'attention', 'care', 'estate', 'family', 'household', 'residence', 'residents',
  'co', 'company', 'son', 'sons', 'daughter', 'daughters', 'associates', 'inc', 'llc', 'corp', 'ltd', 'llp', 'pllc', 'incorporated', 'corporation', 'gmbh',
];
/**
 * Words that send a name down a special branch somewhere in parsing (titles, suffixes, particles, placeholders, company
 * words, couple/estate/household/care-of words). A first and a last name that are each one plain word outside this set
 * always parse to just those two words, each proper-cased on its own; test/unit/domain/names-fast-path.test.ts checks it.
 */
const SPECIAL_WORDS = new Set<string>([
  ...Object.keys(TITLES), ...Object.keys(SUFFIXES), ...PARTICLES, ...ROMAN, ...PLACEHOLDERS, ...LEGAL_FORMS, ...ORG_WORDS, ...SURNAME_ORG_WORDS, ...SPECIAL_EXTRA,
]);
const PLAIN_WORD = /^[A-Za-z]{2,}$/;
const blank = (v: string | null | undefined) => v === undefined || v === null || v === '';

/**
 * A name cell that is one plain word outside SPECIAL_WORDS, proper-cased; '' for any other cell (a plain word of two
 * letters or more never cases to ''). Not memoized: computing it costs less than a look-up in a table as large as a
 * list's first and last names (each look-up there misses the CPU caches).
 */
function simpleWord(w: string): string {
  if (!PLAIN_WORD.test(w)) return '';
  const lower = w.toLowerCase();
  return SPECIAL_WORDS.has(lower) ? '' : casePlainWord(w, lower);
}

/**
 * properCaseName of one plain ASCII word outside SPECIAL_WORDS, without its Unicode passes (a first sight of a name
 * costs several microseconds there). Such a word is its own cleanText and NFC, has no dots, apostrophes or hyphens and
 * is no particle, suffix or numeral, so properCaseWords keeps it when it mixes cases and otherwise cases it with
 * caseSimple: a camel or Mac name from the tables, Mc + capital, or a capital and lower case.
 * test/unit/domain/fast-paths.test.ts checks it against the full path.
 */
function casePlainWord(w: string, lower: string): string {
  if (w !== lower && w !== w.toUpperCase()) return w;
  const camel = CAMEL_NAMES[lower];
  if (camel) return camel;
  if (MAC_NAMES.has(lower)) return `Mac${lower.charAt(3).toUpperCase()}${lower.slice(4)}`;
  if (MC_NAME.test(lower)) return `Mc${lower.charAt(2).toUpperCase()}${lower.slice(3)}`;
  return `${lower.charAt(0).toUpperCase()}${lower.slice(1)}`;
}
const MC_NAME = /^mc[a-z]{2,}$/;

/** The common case — first and last each one plain word, no other column — without the full parse; null otherwise. */
function simpleNameFields(fields: NameFields): ParsedName | null {
  const { first, last } = fields;
  if (typeof first !== 'string' || typeof last !== 'string') return null;
  if (!blank(fields.full) || !blank(fields.middle) || !blank(fields.prefix) || !blank(fields.suffix)) return null;
  const lastCased = simpleWord(last);
  if (lastCased === '') return null;
  const firstCased = simpleWord(first);
  if (firstCased !== '') return { prefix: '', first: firstCased, middle: '', last: lastCased, suffix: '', nickname: '', kind: 'person', issues: [] };
  if (PLAIN_WORD.test(first)) return null; // a plain word that is a special word
  // "Mildred M." / "ROBERT j": a given name and a middle initial in the first-name column.
  const m = FIRST_AND_INITIAL.exec(first);
  if (!m || SPECIAL_WORDS.has(m[2]!.toLowerCase())) return null;
  // properCaseName of the two words: the initial has one letter, so whether the name came in one case is judged on the
  // word alone, which is cased as on its own (simpleWord, '' for a special word); the initial is capitalized, its
  // period kept.
  const word = simpleWord(m[1]!);
  if (word === '') return null;
  return { prefix: '', first: word, middle: m[2]!.toUpperCase() + m[3]!, last: lastCased, suffix: '', nickname: '', kind: 'person', issues: [] };
}
const FIRST_AND_INITIAL = /^([A-Za-z]{2,}) ([A-Za-z])(\.?)$/;

/** How the general path reads one name column before splitting: cleaned, commas as spaces, proper-cased on its own. */
const caseCell = (v: string | null | undefined) => properCaseName(cleanText(v ?? '').replace(/,/g, ' '));

/**
 * Letters a name word may hold on the cased-cells path: ASCII and the precomposed letters of Latin-1 and Latin
 * Extended-A, which NFC leaves alone and whose other case is never ASCII (İ, ı, ſ and ŉ are left out: they case or, under
 * the /iu flags, fold to ASCII letters, which would let the word-boundary patterns below see new words).
 */
const LATIN = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u012F\\u0132-\\u0148\\u014A-\\u017E';
/** Letters, with single apostrophes or hyphens between them (García-López, O'Brien). */
const NAME_WORD = new RegExp(`^[${LATIN}]+(?:['-][${LATIN}]+)*$`);
/** Quoted nickname as the cased first column carries it ("Bob"); no apostrophe, which the parser would drop from it. */
const QUOTED_WORD = new RegExp(`^"([${LATIN}]+(?:-[${LATIN}]+)*)"$`);
const CELL_INITIAL = /^[A-Z]\.?$/;
/** "O'brien": the parser re-cases a word holding a capital, an apostrophe, then lower case; kept off this path. */
const UPPER_APOS_LOWER = /\p{Lu}'\p{Ll}/u;
/**
 * The parser's ASCII word-boundary patterns (\band\b, \bdba\b, "& Co", "Attn") also see the ASCII letters between
 * accented ones as words ("Ñand" holds "and"): a word with such a run is kept off the cased-cells path.
 */
const RUN_WORDS = new Set(['and', 'or', 'dba', 'attn', 'attention', 'care', 'son', 'sons', 'daughter', 'daughters', 'co', 'company', 'associates', 'com', 'net', 'org']);
/** Generational and degree suffixes the cased last column ends with, as casing leaves them, and the form the parser gives. */
const CELL_SUFFIXES: Record<string, string> = dict({
  Jr: 'Jr.', 'Jr.': 'Jr.', Sr: 'Sr.', 'Sr.': 'Sr.', II: 'II', III: 'III', IV: 'IV', MD: 'MD', PhD: 'PhD', DDS: 'DDS', Esq: 'Esq.', 'Esq.': 'Esq.', CPA: 'CPA',
});

/**
 * Particles that are nothing else (Al, Di, Le, Van; not Do, a suffix, or St., with its period): as a whole word in a
 * name that is not all one case, the casing pass keeps them as typed, and the comma split never looks for particles.
 */
const LONE_PARTICLES = new Set([...PARTICLES].filter((p) => /^[a-z]+$/.test(p) && TITLES[p] === undefined && SUFFIXES[p] === undefined && !ROMAN.has(p)
  && !PLACEHOLDERS.has(p) && !LEGAL_FORMS.has(p) && !ORG_WORDS.has(p) && !SURNAME_ORG_WORDS.has(p) && !SPECIAL_EXTRA.includes(p) && !RUN_WORDS.has(p)));

/** What a cased word is to the cased-cells path. */
const NOT_NAME = 0;
/** A name word with an apostrophe or a hyphen (O'Brien, García-López). */
const NAME = 1;
/** A name word of letters only: it alone makes the casing pass judge the whole name mixed case (not all one case). */
const ANCHOR = 2;
/** A lone particle: kept as typed only when the name is judged mixed case, so it needs an ANCHOR beside it. */
const PARTICLE = 3;

/**
 * Whether a cased word is one that every later step leaves as it is and never branches on: letters in both cases (so
 * the whole-name casing pass keeps it), not a title, suffix, placeholder, company, couple or mailing word, with or
 * without its apostrophes, no such word in an ASCII run between accented letters, and a particle only if a lone one.
 */
function wordKind(w: string): number {
  if (!NAME_WORD.test(w) || !hasUpper(w) || !hasLower(w) || UPPER_APOS_LOWER.test(w)) return NOT_NAME;
  const lower = w.toLowerCase();
  if (PLAIN_LOWER.test(lower)) return !SPECIAL_WORDS.has(lower) ? ANCHOR : LONE_PARTICLES.has(lower) ? PARTICLE : NOT_NAME;
  if (SPECIAL_WORDS.has(lower)) return NOT_NAME;
  const apostrophe = lower.includes("'");
  if (apostrophe && SPECIAL_WORDS.has(lower.replace(/'/g, ''))) return NOT_NAME;
  for (const run of lower.match(/[a-z]+/g) ?? []) if (RUN_WORDS.has(run)) return NOT_NAME;
  return apostrophe || lower.includes('-') ? NAME : ANCHOR;
}
const PLAIN_LOWER = /^[a-z]+$/;

/** A one-letter middle initial ("A", "A.") that is no suffix, particle or placeholder (V, Y and X are). */
const isCellInitial = (w: string) => CELL_INITIAL.test(w) && !SPECIAL_WORDS.has(w.charAt(0).toLowerCase());

/**
 * The next most common shapes — a suffix in the last column ("Holmes IV", "RUSSELL, JR"), accented letters (José,
 * Peña), spaces around a cell, two given names, a quoted nickname — read from the columns as the general path cases
 * them: first `Given ["Nick"] [Given] [I]`, last `Word [Word] [I] [Suffix]`. For these the general path composes
 * "Last, First", finds no company in it, re-cases nothing (every word is mixed case and no special word), takes the
 * nickname out, and splits at the comma: the given words after the first are the middle name and the suffix leaves the
 * last name; the second reading never finds a company either. null for any other shape.
 * test/unit/domain/names-fast-path-2.test.ts checks it against the full path.
 */
function casedCellsNameFields(fields: NameFields): ParsedName | null {
  const { first, last } = fields;
  if (typeof first !== 'string' || typeof last !== 'string') return null;
  if (!blank(fields.full) || !blank(fields.middle) || !blank(fields.prefix) || !blank(fields.suffix)) return null;
  const lw = caseCell(last).split(' ');
  let end = lw.length;
  const suffix = end > 1 ? (CELL_SUFFIXES[lw[end - 1]!] ?? '') : '';
  if (suffix) end--;
  // The initial stays in the last name ("Sandra A." typed into the last column); only the suffix leaves it.
  const words = end > 1 && isCellInitial(lw[end - 1]!) ? end - 1 : end;
  if (words > 2) return null;
  let kinds = 0;
  for (let j = 0; j < words; j++) {
    const k = wordKind(lw[j]!);
    if (k === NOT_NAME) return null;
    kinds |= 1 << k;
  }
  const fw = caseCell(first).split(' ');
  const k0 = wordKind(fw[0]!);
  if (k0 === NOT_NAME) return null;
  kinds |= 1 << k0;
  let i = 1;
  let nickname = '';
  const q = fw.length > 1 ? QUOTED_WORD.exec(fw[1]!) : null;
  if (q) {
    // The nickname is taken out before the casing pass, so it anchors nothing; alone, any name word cases as itself.
    if (wordKind(q[1]!) === NOT_NAME || NOTES.test(q[1]!)) return null;
    nickname = q[1]!;
    i++;
  }
  const middle: string[] = [];
  const k1 = i < fw.length ? wordKind(fw[i]!) : NOT_NAME;
  if (k1 !== NOT_NAME) {
    kinds |= 1 << k1;
    middle.push(fw[i++]!);
  }
  if (kinds & (1 << PARTICLE) && !(kinds & (1 << ANCHOR))) return null;
  let given = '';
  if (i < fw.length && CELL_INITIAL.test(fw[i]!)) {
    const key = fw[i]!.charAt(0).toLowerCase();
    // The given names end the composed text, where V (a suffix only after a comma) is peeled off as the suffix "V" and
    // Y (a particle) and X (a placeholder only as the whole name) are middle initials as cased; no other letter is special.
    if (key === 'v') given = 'V';
    else if (key === 'x' || key === 'y' || !SPECIAL_WORDS.has(key)) middle.push(fw[i]!);
    else return null;
    i++;
  }
  if (i !== fw.length) return null;
  return {
    prefix: '', first: fw[0]!, middle: middle.join(' '), last: lw.slice(0, end).join(' '), suffix: suffix && given ? `${suffix} ${given}` : suffix || given,
    nickname, kind: 'person', issues: [],
  };
}

/** parseNameFields without the fast path: exported so tests can prove the two agree. */
export function parseNameFieldsGeneral(fields: NameFields): ParsedName {
  const p = parseNameFieldsParsed(fields);
  // Read again the way a second clean would read the parts ("lP&" + "A" → "lP A", "pc A" → "Pc" + "A", the couple
  // "Pc & A" → "Pc": a partnership, a professional corporation): when that reading is a company, so is this one, and
  // cleaning twice equals once.
  if ((p.kind === 'person' || p.kind === 'couple') && (p.first !== '' || p.last !== '')) {
    const again = parseNameFieldsParsed({ prefix: p.prefix, first: p.first, middle: p.middle, last: p.last, suffix: p.suffix });
    if (again.kind === 'company') return again;
  }
  return p;
}

function parseNameFieldsParsed(fields: NameFields): ParsedName {
  try {
    // Each column is cased on its own, so "VAN DER BERG" in a last-name column is judged as a whole surname.
    const f = caseCell;
    // A first- or last-name cell without a single letter ("?", "123", a character this Unicode version does not know) names
    // nobody; read as empty, so the split does not depend on it and cleaning the result again gives the same result.
    const firstText = f(fields.first);
    const first = hasLetter(firstText) ? firstText : '';
    const lastText = f(fields.last);
    const last = hasLetter(lastText) ? lastText : '';
    const middle = f(fields.middle);
    const prefix = f(fields.prefix);
    const suffix = f(fields.suffix);
    const full = cleanText(fields.full ?? '');
    if (!first && !last) {
      if (full) return parsePersonName([prefix, full, suffix].filter(Boolean).join(' '));
      return parsePersonName([prefix, middle, suffix].filter(Boolean).join(' '));
    }
    if (!last && first.split(' ').length >= 2 && !/[&+]|\band\b/i.test(first)) {
      const p = parsePersonName([prefix, first, middle, suffix].filter(Boolean).join(' '));
      if (p.kind === 'person' && p.last) p.issues.push(issue('full_name_in_first_field', 'The first-name column holds a full name.'));
      return p;
    }
    if (!first) {
      if (cleanText(fields.last ?? '').includes(',')) return parsePersonName(cleanText(fields.last ?? ''));
      const p = parsePersonName(last.includes(' ') ? `${last}` : `${prefix} ${last}`.trim());
      if (p.kind === 'person' && !p.last && p.first && !p.middle) return finish({ ...p, last: p.first, first: '', issues: p.issues.filter((x) => x.code !== 'single_name') });
      return p;
    }
    // Compose "Last, Prefix First Middle Suffix" so the last column stays the last name whatever its particles.
    const given = [prefix, first, middle].filter(Boolean).join(' ');
    const composed = `${last}, ${given}${suffix ? ' ' + suffix : ''}`;
    const company = looksLikeCompany(`${first} ${last}`);
    if (company.likely) return emptyName('company', [issue('company_in_person_field', `This looks like a company, not a person: it ${company.reasons[0]}.`)]);
    const p = parsePersonName(composed);
    if (p.kind === 'person' && p.first === '' && p.last === '') return parsePersonName(`${first} ${last}`);
    return p;
  } catch {
    return emptyName('unparsed', [issue('unparsed', 'The name could not be read.')]);
  }
}

/** The parts joined for display: "Dr. Mary-Ann O'Neil Jr." (no nickname). */
export function formatName(p: ParsedName): string {
  const one = [p.prefix, p.first, p.middle, p.last, p.suffix].filter(Boolean).join(' ');
  const two = p.second ? formatName(p.second) : '';
  return two ? `${one} & ${two}` : one;
}
