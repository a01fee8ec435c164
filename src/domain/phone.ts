// Cleans one phone number to E.164 with libphonenumber (full "max" metadata), keeping the extension and the line type.
//
// Decisions: the "max" metadata (~157 KB JSON, ~40 KB gzipped, vs ~83 KB / ~19 KB for "min") is used because only it
// knows line types (toll-free, premium-rate, mobile) and validates exchanges, not just lengths; the engine runs in
// Node inside the app, so the extra ~74 KB on disk costs nothing at run time worth weighing. US and Canadian numbers
// share ranges between mobile and landline, so they mostly come back 'fixed-line-or-mobile' — no offline source can
// tell them apart. 555-0100…0199 numbers are reserved for fiction; libphonenumber calls them valid and so do we
// (they are well formed and test data uses them), but each gets a 'phone.fictional' issue so the clean job can act.
import {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';

export interface PhoneIssue {
  /** Stable code the clean job and the UI key on, e.g. 'phone.no_area_code'. */
  code: string;
  /** Plain words for a mail coordinator. */
  message: string;
  /** Same scale as the address checks: error = unusable, warning = worth a look, info = something was tidied. */
  severity: 'error' | 'warning' | 'info';
}

export type PhoneType = 'mobile' | 'fixed-line' | 'fixed-line-or-mobile' | 'toll-free' | 'premium-rate' | 'voip' | 'unknown';

export interface PhoneResult {
  /** Canonical text: E.164 plus " ext. N" when valid, otherwise the input with spaces tidied. normalizePhone(value) gives the same value. */
  value: string;
  /** +12125550100, only when the number is valid. */
  e164: string | null;
  /** Display form: "(212) 555-0100" for numbers of the default country, "+44 20 7946 0958" for others; the tidied input when unparseable. No extension. */
  national: string;
  extension: string | null;
  /** The number is assigned-looking for its country (real area code and exchange, right length). */
  valid: boolean;
  /** The number has a plausible length for its country (weaker than valid). */
  possible: boolean;
  /** Line type when the metadata knows it. US and Canadian numbers share ranges between mobile and fixed lines, so they are mostly 'fixed-line-or-mobile'. */
  type: PhoneType;
  /** ISO country of the number (US, CA, GB…), or null when unknown. */
  country: string | null;
  issues: PhoneIssue[];
}

export interface PhoneOptions {
  /** Country assumed for numbers written without a +country code. Default 'US'. */
  defaultCountry?: string;
}

const SEVERITY: Record<string, PhoneIssue['severity']> = {
  'phone.fictional': 'warning',
  'phone.international': 'warning',
  'phone.multiple': 'warning',
  'phone.letters_fixed': 'warning',
  'phone.unknown_country': 'warning',
  'phone.vanity': 'info',
  'phone.vanity_extra_letters': 'info',
  'phone.extra_text': 'info',
  'phone.spreadsheet_number': 'info',
};
/** Every code not listed above makes the number unusable. */
const issue = (code: string, message: string): PhoneIssue => ({ code, message, severity: SEVERITY[code] ?? 'error' });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const PLACEHOLDERS = new Set(['n/a', 'na', 'none', 'null', 'nil', '-', '--', '?', 'unknown', 'no phone', 'refused', 'declined', 'tbd', 'x']);
/** Trailing extension: "x123", "ext. 45", "extension 45", "#45", ";ext=45". */
const EXTENSION = /\s*[,;]?\s*(?:;?ext=|e?xt(?:ension|n)?\.?|x\.?|#)\s*:?\s*(\d{1,7})\s*$/i;
const KEYPAD: Record<string, string> = { a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5', m: '6', n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9', y: '9', z: '9' };
const NANP = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP', 'AG', 'AI', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'JM', 'KN', 'KY', 'LC', 'MS', 'SX', 'TC', 'TT', 'VC', 'VG']);

const TYPES: Partial<Record<NumberType & string, PhoneType>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  VOIP: 'voip',
};

function tidy(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(/\s+/g, ' ').trim();
}

/** The text every path reads: no zero-width characters, NFKC, spaces tidied. */
function tidiedText(raw: string): string {
  return tidy(raw.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').normalize('NFKC'));
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Converts phone-keypad letters (1-800-FLOWERS) when the letters finish a number the digits began: at least an
 * area code or prefix typed in digits, and fewer than 10 national digits before the first letter.
 * Letters past the 10th national digit are dropped, as a caller's keypad would ignore them.
 */
function convertVanity(main: string): { text: string; dropped: boolean } | null {
  const m = /^(\+?[\d\s().-]*\d[\s().-]*)([A-Za-z][A-Za-z\d\s().-]*)$/.exec(main);
  if (!m) return null;
  const head = digitsOf(m[1]!);
  const national = head.startsWith('1') ? head.slice(1) : head;
  if (national.length < 3 || national.length >= 10) return null;
  if ((m[2]!.match(/[A-Za-z]/g) ?? []).length < 2) return null;
  let tail = digitsOf(m[2]!.replace(/[A-Za-z]/g, (c) => KEYPAD[c.toLowerCase()] ?? ''));
  const dropped = national.length + tail.length > 10;
  tail = tail.slice(0, 10 - national.length);
  return { text: `${head}${tail}`, dropped };
}

/** Letter O typed for zero and I/l for one inside a digit run (212-555-O1OO), a common keying and scanning slip. */
function fixLookAlikes(main: string): string | null {
  if (!/^[\d\s().+OoIl-]+$/.test(main) || /[A-Za-z]{3,}/.test(main) || digitsOf(main).length < 6) return null;
  return main.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
}

/**
 * Numbers that passed through Excel as numbers: "2125550100.0", or "2.1255501E+09" in scientific notation. The
 * digits are recovered only when all of them survived; "2.12555E+09" has lost four and would be a different number.
 */
function fromSpreadsheetNumber(main: string): { digits: string; lost: boolean } | null {
  const float = /^(\d{10,11})\.0+$/.exec(main);
  if (float) return { digits: float[1]!, lost: false };
  const sci = /^(\d)(?:\.(\d+))?E\+?(\d{1,2})$/i.exec(main);
  if (!sci) return null;
  const written = `${sci[1]}${sci[2] ?? ''}`;
  const width = Number(sci[3]) + 1;
  if (width < 7 || width > 15 || written.length > width) return null;
  // Fewer digits written than the number has: the rest were rounded away, and trailing zeros would be a guess.
  return { digits: written.padEnd(width, '0'), lost: written.length < width };
}

function mapType(p: PhoneNumber): PhoneType {
  const t = p.getType();
  return (t && TYPES[t]) || 'unknown';
}

function invalid(value: string, issues: PhoneIssue[], extension: string | null = null): PhoneResult {
  return { value, e164: null, national: value, extension, valid: false, possible: false, type: 'unknown', country: null, issues };
}

/** Cleans one phone number. Never throws; normalizePhone(normalizePhone(x).value) gives the same value, validity and type. */
export function normalizePhone(raw: unknown, options: PhoneOptions = {}): PhoneResult {
  if (typeof raw === 'string' && (options.defaultCountry === undefined || options.defaultCountry.toUpperCase() === 'US')) {
    const fast = fastUsPhone(raw) ?? fastUsPhoneWithExtension(raw);
    if (fast) return fast;
    // Stray spaces or tabs around or inside a number: the full path reads the tidied text, and so can the fast one
    // (normalizePhoneGeneral of that text is normalizeText of it again, as tidying it changes nothing).
    const text = tidiedText(raw);
    if (text !== raw) {
      const tidied = fastUsPhone(text) ?? fastUsPhoneWithExtension(text);
      if (tidied) return tidied;
    }
    // An empty cell: what normalizeText says for '' under the US plan.
    if (raw === '') return invalid('', [issue('phone.missing', 'No phone number.')]);
  }
  return normalizePhoneGeneral(raw, options);
}

/** The full path, without the fast path for plain US numbers: exported so tests can prove the two agree. */
export function normalizePhoneGeneral(raw: unknown, options: PhoneOptions = {}): PhoneResult {
  let text = '';
  try {
    text = tidiedText(typeof raw === 'string' ? raw : raw == null ? '' : String(raw));
    return normalizeText(text, options);
  } catch {
    return invalid(text, [issue('phone.invalid', 'This value could not be read as a phone number.')]);
  }
}

function normalizeText(text: string, options: PhoneOptions): PhoneResult {
  const issues: PhoneIssue[] = [];
  const wanted = (options.defaultCountry ?? 'US').toUpperCase();
  let country: CountryCode = 'US';
  if (isSupportedCountry(wanted)) country = wanted;
  else issues.push(issue('phone.unknown_country', `"${options.defaultCountry}" is not a country code the phone checker knows; assumed US.`));

  if (text === '' || PLACEHOLDERS.has(text.toLowerCase())) {
    return invalid(text, [...issues, issue('phone.missing', text === '' ? 'No phone number.' : `"${text}" is a placeholder, not a phone number.`)]);
  }

  // Quotation marks never belong to a number: exports wrap cells in them ("#45", '212-555-0100').
  let main = text.replace(/^tel:\s*/i, '').replace(/["'\u2018\u2019\u201C\u201D]/g, '').trim();
  const sheet = fromSpreadsheetNumber(main);
  if (sheet) {
    if (sheet.lost) {
      return invalid(text, [...issues, issue('phone.spreadsheet_damage', `A spreadsheet turned this number into "${text}" and dropped some of its digits; the full number cannot be recovered.`)]);
    }
    main = sheet.digits;
    issues.push(issue('phone.spreadsheet_number', 'Recovered a number a spreadsheet had stored as a decimal.'));
  }
  let extension: string | null = null;
  const ext = EXTENSION.exec(main);
  if (ext && main.slice(0, ext.index).replace(/[^0-9A-Za-z]/g, '').length >= 7) {
    extension = ext[1]!;
    main = main.slice(0, ext.index).trim();
  }

  if (/[A-Za-z]/.test(main)) {
    const lookAlike = fixLookAlikes(main);
    const vanity = lookAlike ? null : convertVanity(main);
    if (lookAlike) {
      main = lookAlike;
      issues.push(issue('phone.letters_fixed', 'Read the letters O and I/l typed among the digits as 0 and 1.'));
    } else if (vanity) {
      main = vanity.text;
      issues.push(issue('phone.vanity', `Turned the letters of "${text}" into keypad digits.`));
      if (vanity.dropped) issues.push(issue('phone.vanity_extra_letters', 'The word has more letters than the number has digits; the extra letters were ignored, as a phone keypad would.'));
    } else {
      const found = findPhoneNumbersInText(main, country);
      const first = found[0];
      if (!first) return invalid(text, [...issues, issue('phone.not_a_number', 'This contains words rather than a phone number.')], extension);
      issues.push(issue('phone.extra_text', 'Ignored the words around the number.'));
      if (found.length > 1) issues.push(issue('phone.multiple', `This cell holds ${found.length} phone numbers; kept the first.`));
      main = main.slice(first.startsAt, first.endsAt);
      extension = extension ?? first.number.ext ?? null;
    }
  } else if (digitsOf(main).length >= 14) {
    // Only a cell long enough to hold two numbers is searched for a second one (the search is the slow part).
    const found = findPhoneNumbersInText(main, country);
    if (found.length > 1) {
      issues.push(issue('phone.multiple', `This cell holds ${found.length} phone numbers; kept the first.`));
      main = main.slice(found[0]!.startsAt, found[0]!.endsAt);
    }
  }

  const digits = digitsOf(main);
  if (digits.length === 0) return invalid(text, [...issues, issue('phone.not_a_number', 'There are no digits in this phone number.')], extension);

  const parsed = parsePhoneNumberFromString(main, { defaultCountry: country, extract: false });
  const nanp = NANP.has(country);
  if (!parsed || !parsed.isPossible()) {
    const length = validatePhoneNumberLength(main, country);
    const nationalDigits = parsed?.nationalNumber ?? digits;
    if (nanp && !main.trim().startsWith('+') && nationalDigits.length === 7) {
      issues.push(issue('phone.no_area_code', 'This is a 7-digit local number with no area code; it cannot be dialled or matched without one.'));
    } else if (length === 'TOO_SHORT' || (!length && digits.length < 7)) {
      issues.push(issue('phone.too_short', 'This number has too few digits.'));
    } else if (length === 'TOO_LONG') {
      issues.push(issue('phone.too_long', 'This number has too many digits.'));
    } else if (length === 'INVALID_COUNTRY') {
      issues.push(issue('phone.invalid', 'The country code at the start of this number does not exist.'));
    } else {
      issues.push(issue('phone.invalid', 'This number has the wrong number of digits for its country.'));
    }
    return invalid(text, issues, extension ?? parsed?.ext ?? null);
  }

  extension = extension ?? parsed.ext ?? null;
  const valid = parsed.isValid();
  const numberCountry = parsed.country ?? null;
  const national = !valid ? text : numberCountry === country || (!numberCountry && parsed.countryCallingCode === '1' && nanp) ? parsed.formatNational() : parsed.formatInternational();
  if (!valid) {
    issues.push(
      issue(
        'phone.invalid',
        parsed.countryCallingCode === '1' ? 'The area code or exchange of this number is not in use, so it cannot be a working number.' : 'This number is not in use in its country.',
      ),
    );
  }
  if (valid && parsed.countryCallingCode === '1' && /^[2-9]\d\d55501\d\d$/.test(parsed.nationalNumber)) {
    issues.push(issue('phone.fictional', 'Numbers 555-0100 to 555-0199 are reserved for films and examples; this is almost certainly not a real contact number.'));
  }
  if (valid && numberCountry && numberCountry !== country) {
    issues.push(issue('phone.international', `This is a number in another country (${numberCountry}).`));
  }
  const e164 = valid ? parsed.number : null;
  return {
    value: e164 ? `${e164}${extension ? ` ext. ${extension}` : ''}` : text,
    e164,
    national,
    extension,
    valid,
    possible: true,
    type: valid ? mapType(parsed) : 'unknown',
    country: numberCountry,
    issues,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Fast path: a plain US number written the usual ways ("(212) 555-0100", "212-555-0100", "1-212-555-0100",
// "+1 212 555 0100", "2125550100"). libphonenumber spends most of its time building the same RegExp objects again for
// every number; for these shapes its whole answer comes down to the type of the 10 national digits under the US
// metadata, which is computed here with the metadata's own patterns compiled once. The same holds for the other +1
// countries (Puerto Rico's 787/939, Canada, the Caribbean): their country is chosen from the +1 plans in libphonenumber's
// order and they print internationally. Only numbers that come out valid take this path, plain or with a trailing
// extension, as typed or after the tidying every path applies; everything else (invalid exchanges, letters) goes the
// full way. test/unit/domain/phone-fast-path.test.ts and scripts in the report check the two agree.

/** ASCII only, no extension or letters, single separators: text === tidy(NFKC(raw)) and no repair step applies. */
const PLAIN_US = /^(?:\+?1[ .-]?)?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)[ .-]?)(\d{3})[ .-]?(\d{4})$/;

/** libphonenumber's type names in the order its getNumberType tries the non-fixed-line types. */
const NON_FIXED_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;
/** Index of each type in a metadata country's type list (libphonenumber-js metadata.js getType). */
const TYPE_INDEX: Record<string, number> = { FIXED_LINE: 0, MOBILE: 1, TOLL_FREE: 2, PREMIUM_RATE: 3, PERSONAL_NUMBER: 4, VOICEMAIL: 5, UAN: 6, PAGER: 7, VOIP: 8, SHARED_COST: 9 };

interface TypeRule {
  re: RegExp;
  lengths: readonly number[];
}

interface NumberingPlan {
  country: string;
  /** The plan's leading-digits rule, anchored: a number it matches belongs to this country whatever its type. */
  leading: RegExp | null;
  national: RegExp;
  rules: Map<string, TypeRule | null>;
  /** The plan's possible lengths include 10 (isPossible holds for every number the fast path takes). */
  tenDigits: boolean;
  /** The plan has no formats of its own, so libphonenumber formats its numbers with the US ones. */
  usFormats: boolean;
}

/** The US formats as the metadata holds them: what the "+1 NPA NXX XXXX" print of other +1 countries relies on. */
const US_FORMATS = JSON.stringify([['(\\d{3})(\\d{4})', '$1-$2', ['310'], 0, 1], ['(\\d{3})(\\d{3})(\\d{4})', '($1) $2-$3', ['[2-9]'], 0, 1, '$1-$2-$3']]);

/** One country's numbering plan compiled once, as libphonenumber reads it (metadata.js), or null when not in that shape. */
function compilePlan(country: string, plan: unknown[] | undefined): NumberingPlan | null {
  const types = plan?.[11] as (readonly [string, (number[] | 0)?] | 0)[] | undefined;
  const lengths = plan?.[3] as number[] | undefined;
  if (!plan || typeof plan[2] !== 'string' || !Array.isArray(types) || !Array.isArray(lengths)) return null;
  const rules = new Map<string, TypeRule | null>();
  for (const [name, i] of Object.entries(TYPE_INDEX)) {
    const t = types[i];
    // A missing type or an empty pattern never matches (isNumberTypeEqualTo); a type without lengths of its own takes
    // the plan's (Type.possibleLengths: `this.type[1] || metadata.possibleLengths()`).
    rules.set(name, t && t[0] ? { re: new RegExp(`^(?:${t[0]})$`), lengths: Array.isArray(t[1]) ? t[1] : lengths } : null);
  }
  // getCountryByNationalNumber tests `nationalNumber.search(leadingDigits) === 0`: the leftmost match starts at 0, which
  // is the same as some match starting at 0.
  const leading = typeof plan[10] === 'string' && plan[10] !== '' ? new RegExp(`^(?:${plan[10]})`) : null;
  return { country, leading, national: new RegExp(`^(?:${plan[2]})$`), rules, tenDigits: lengths.includes(10), usFormats: !plan[4] };
}

/**
 * The +1 plans in the order libphonenumber tries them (US first: country_calling_codes['1']), compiled once, or null
 * when the metadata is not in the shape this code reads.
 */
const NANP_PLANS = ((): NumberingPlan[] | null => {
  try {
    const meta = metadata as unknown as { countries: Record<string, unknown[]>; country_calling_codes: Record<string, string[]> };
    const order = meta.country_calling_codes['1'];
    if (!Array.isArray(order) || order[0] !== 'US') return null;
    const plans: NumberingPlan[] = [];
    for (const c of order) {
      const plan = compilePlan(c, meta.countries[c]);
      if (!plan) return null;
      plans.push(plan);
    }
    // Other +1 countries print with the US formats only while those are the ones this file knows.
    if (JSON.stringify(meta.countries['US']![4]) !== US_FORMATS) for (const p of plans) p.usFormats = false;
    return plans;
  } catch {
    return null;
  }
})();
const US_PLAN = NANP_PLANS?.[0] ?? null;

function isType(plan: NumberingPlan, nn: string, type: string): boolean {
  const rule = plan.rules.get(type);
  return !!rule && rule.lengths.includes(nn.length) && rule.re.test(nn);
}

/** libphonenumber's getNumberType for a national number under one plan (helpers/getNumberType.js), or undefined. */
function planNumberType(plan: NumberingPlan, nn: string): NumberType {
  if (!plan.national.test(nn)) return undefined;
  if (isType(plan, nn, 'FIXED_LINE')) {
    // A MOBILE type with an empty pattern, or none, means fixed and mobile share ranges (the US case).
    const mobile = plan.rules.get('MOBILE');
    if (!mobile || isType(plan, nn, 'MOBILE')) return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  for (const t of NON_FIXED_TYPES) if (isType(plan, nn, t)) return t;
  return undefined;
}

/** libphonenumber's getNumberType for a national number under the US plan (helpers/getNumberType.js), or undefined. */
export function usNumberType(nn: string): NumberType {
  return US_PLAN ? planNumberType(US_PLAN, nn) : undefined;
}

/**
 * The country libphonenumber gives a +1 national number (getCountryByNationalNumber: the first plan whose leading
 * digits match, or, for plans without such a rule, under which the number has a type) and the number's type in it;
 * null when no plan claims it or it has no type in the one that does (then it is not valid: left to the full path).
 */
function nanpCountry(nn: string): { plan: NumberingPlan; type: NonNullable<NumberType> } | null {
  if (!NANP_PLANS) return null;
  for (const plan of NANP_PLANS) {
    if (plan.leading && !plan.leading.test(nn)) continue;
    const type = planNumberType(plan, nn);
    if (type) return { plan, type };
    if (plan.leading) return null;
  }
  return null;
}

/** Printable ASCII, trimmed: with no double space, tidy(NFKC(raw)) is raw itself. */
const TRIMMED_ASCII = /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/;

/**
 * A plain US number and an extension ("(212) 555-0100 ext. 12", "212-555-0100 x12", "… #12"). The text is its own tidy
 * form with no quotes (the number before the extension and EXTENSION's match have none), is no spreadsheet number, and
 * normalizeText cuts the extension off as here, leaving a plain number with no letters: its answer is fastUsPhone's for
 * that number, with the extension added to value and extension.
 */
function fastUsPhoneWithExtension(raw: string): PhoneResult | null {
  if (!TRIMMED_ASCII.test(raw) || raw.includes('  ') || fromSpreadsheetNumber(raw)) return null;
  const ext = EXTENSION.exec(raw);
  if (!ext) return null;
  const r = fastUsPhone(raw.slice(0, ext.index).trim());
  if (!r) return null;
  return { ...r, value: `${r.value} ext. ${ext[1]!}`, extension: ext[1]! };
}

function fastUsPhone(raw: string): PhoneResult | null {
  const m = PLAIN_US.exec(raw);
  if (!m) return null;
  const npa = m[1] ?? m[2]!;
  const nxx = m[3]!;
  const line = m[4]!;
  const nn = npa + nxx + line;
  // The country is the one libphonenumber picks among the +1 plans (US first: a number with a US type is a US number).
  const found = nanpCountry(nn);
  if (!found) return null;
  const { plan, type } = found;
  const us = plan === US_PLAN;
  // A number of another +1 country is printed internationally, with the US formats its plan borrows; both checks are
  // what normalizeText's answer for it (possible, formatInternational) rests on.
  if (!us && (!plan.tenDigits || !plan.usFormats)) return null;
  const e164 = `+1${nn}`;
  const issues: PhoneIssue[] = [];
  if (nxx === '555' && line.startsWith('01')) {
    issues.push(issue('phone.fictional', 'Numbers 555-0100 to 555-0199 are reserved for films and examples; this is almost certainly not a real contact number.'));
  }
  if (!us) issues.push(issue('phone.international', `This is a number in another country (${plan.country}).`));
  const national = us ? `(${npa}) ${nxx}-${line}` : `+1 ${npa} ${nxx} ${line}`;
  return { value: e164, e164, national, extension: null, valid: true, possible: true, type: TYPES[type] || 'unknown', country: plan.country, issues };
}
