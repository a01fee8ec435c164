// US postal addresses: parse a delivery line (+ line 2) into parts and print them USPS-style (Publication 28), upper case.
//
// This is USPS-style standardization from public tables only. It is NOT CASS, DPV or NCOA processing: those need licensed
// USPS data, and nothing here can say that an address exists or that mail reaches it.
import { addressTableWords, directional, STATE_LOOKUP, streetSuffix, streetSuffixName, unitDesignator, type Issue } from './usps';

export type { Issue } from './usps';

export interface Unit {
  /** Pub 28 C2 designator (APT, STE, BLDG, ...) or "#" when the input gave none. */
  type: string;
  /** The unit's number or letter; empty for designators that take none (REAR, BSMT, ...). */
  number: string;
}

export interface RuralRoute {
  type: 'RR' | 'HC';
  route: string;
  box: string;
}

export interface MilitaryAddress {
  type: 'PSC' | 'CMR' | 'UNIT';
  number: string;
  box: string;
}

/** Parts of an address. Absent parts are '' (not null) so they store and compare as plain text. */
export interface ParsedAddress {
  number: string;
  fraction: string;
  preDir: string;
  street: string;
  suffix: string;
  postDir: string;
  unitType: string;
  unitNumber: string;
  /** Secondary units after the first ("FL 3" in "BLDG 2 FL 3"); Pub 28 prints one on the delivery line. */
  moreUnits: Unit[];
  poBox: string;
  ruralRoute: RuralRoute | null;
  military: MilitaryAddress | null;
  pmb: string;
  /** Puerto Rico urbanization name (without "URB"). */
  urbanization: string;
  /** Text that is not part of the delivery address (a company, "c/o", a city typed into line 1): kept, printed on line 2. */
  extra: string;
  kind: 'street' | 'po-box' | 'rural-route' | 'military' | 'unparsed';
  /** The cleaned input lines (upper case, trimmed), printed as-is when the address could not be parsed. */
  input: { line1: string; line2: string };
  issues: Issue[];
}

const issue = (code: string, message: string, severity: Issue['severity']): Issue => ({ code, message, severity });

/** Replaces lone UTF-16 surrogates (which cannot be written as UTF-8) with U+FFFD. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function cleanOnce(s: string): string {
  // "½" → " 1/2": white space before it need not go here, since every run of it ends as one space below (and
  // /\s*½/ took n² steps on a long run of spaces without a "½").
  return wellFormed(s)
    .replace(/½/g, ' 1/2')
    .replace(/¼/g, ' 1/4')
    .replace(/¾/g, ' 3/4')
    .normalize('NFKC')
    .replace(/\u2044/g, '/')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .toUpperCase()
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
}

const ASCII = /^[^\u0080-\uFFFF]*$/;
/** On ASCII text, \p{Cc} is exactly U+0000–U+001F and U+007F. */
const ASCII_CONTROL = /\p{Cc}/gu;

/** Upper case, NFKC, no control characters, single spaces, trimmed; stable when applied again. */
export function cleanAddressText(s: unknown): string {
  if (typeof s !== 'string') return '';
  // ASCII (nearly every cell): no surrogates, fractions or format characters, NFKC is the identity and upper-casing
  // stays ASCII, so one pass is already the fixed point. Control characters become spaces as in cleanOnce.
  // One scan of the char codes says which of those steps have anything to do; most cells need upper-casing at most.
  let lower = false;
  let spaces = false;
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return cleanAddressTextFull(s);
    if (c === 32) {
      // A leading space or a second one in a row.
      if (prevSpace) spaces = true;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c < 32 || c === 127) spaces = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  // A trailing space (or, for '', nothing to do either way).
  if (prevSpace && s.length > 0) spaces = true;
  if (spaces) return s.replace(ASCII_CONTROL, ' ').toUpperCase().replace(/\s+/g, ' ').trim();
  return lower ? s.toUpperCase() : s;
}

/** cleanAddressText without the ASCII fast path: exported so tests can prove the two agree. */
export function cleanAddressTextFull(s: unknown): string {
  if (typeof s !== 'string') return '';
  let prev = s;
  for (let i = 0; i < 4; i++) {
    const next = cleanOnce(prev);
    if (next === prev) return next;
    prev = next;
  }
  return prev;
}

/**
 * Periods dropped, commas and semicolons as spaces, "#" a token of its own, hyphens trimmed from token ends. One scan
 * over the char codes: dropping periods or splitting at a separator commute (neither is the other), so each piece
 * between separators is cut out once and rewritten only when it holds a period or a hyphen (most hold neither).
 * Exported so tests can prove it equals the replace-then-split it stands for.
 */
export function tokenize(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  let dot = false;
  let dash = false;
  for (let i = 0; i <= s.length; i++) {
    // Past the end reads as a space, which ends the last piece.
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (c === 46) dot = true;
    else if (c === 45) dash = true;
    else if (c === 32 || c === 44 || c === 59 || c === 35) {
      if (i > start) pushToken(out, s.slice(start, i), dot, dash);
      if (c === 35) out.push('#');
      start = i + 1;
      dot = false;
      dash = false;
    }
  }
  return out;
}

/** Adds one piece of tokenize's split: periods removed first, then hyphens trimmed from its ends; nothing if empty. */
function pushToken(out: string[], piece: string, dot: boolean, dash: boolean): void {
  let t = dot ? piece.replace(/\./g, '') : piece;
  if (dash && (t.startsWith('-') || t.endsWith('-'))) t = t.replace(/^-+|-+$/g, '');
  if (t !== '') out.push(t);
}

const SPELLED_NUMBERS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE'];
/** House numbers: 123, 123A, 123-45 (Queens), W123N456 / N12W34567 (Wisconsin grid), 12-A. */
const HOUSE_NUMBER = /^(?:\d+[A-Z]?|\d+-\d+[A-Z]?|\d+-[A-Z]|[NSEW]\d+[NSEW]\d+[A-Z]?)$/;
const FRACTION = /^\d\/\d{1,2}$/;
/** What can follow a unit designator: a number, a letter, or a short mix (4B, A1, 12-3). */
const UNIT_ID = /^(?:[A-Z0-9]*\d[A-Z0-9-]*|[A-Z]|[A-Z]-?\d+)$/;
const GLUED_UNIT = /^(APT|APARTMENT|STE|SUITE|UNIT|RM|ROOM|BLDG|FL|FLR|SPC|LOT|TRLR|DEPT|HNGR|PH)#?(\d[A-Z0-9-]*)$/;
const ORDINAL = /^(\d+)(?:ST|ND|RD|TH)$/;
/** Suffixes that are also route words: "AVENUE J", "COUNTY ROAD 12", "HIGHWAY 50", "LOOP 410" keep the word as name. */
const ROUTE_LIKE = new Set(['AVE', 'RD', 'HWY', 'RTE', 'FWY', 'EXPY', 'TPKE', 'PKWY', 'BYP', 'LOOP', 'SPUR']);
/** Words that may precede a route word in a route name: "COUNTY RD 12", "US HWY 1", "OLD HWY 61". */
const ROUTE_QUALIFIERS = new Set(['COUNTY', 'STATE', 'US', 'OLD', 'NEW', 'FARM', 'INTERSTATE', 'FM', 'PRIVATE', 'TOWNSHIP', 'HIGHWAY', 'HWY']);
const ROUTE_ID = /^(?:\d+[A-Z]?|[A-Z])$/;
const FOREIGN_POSTCODE = /\b(?:[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})\b/;
const FOREIGN_WORDS = new Set(['CANADA', 'UK', 'ENGLAND', 'SCOTLAND', 'WALES', 'IRELAND', 'MEXICO', 'GERMANY', 'DEUTSCHLAND', 'FRANCE', 'AUSTRALIA', 'INDIA', 'JAPAN', 'CHINA', 'ITALY', 'SPAIN', 'NETHERLANDS', 'BRAZIL']);

interface UnitScan {
  units: Unit[];
  pmb: string;
  /** Index of the first token not consumed. */
  end: number;
}

/**
 * Reads units starting at tokens[i]: "APT 4B", "# 5", "STE 200", "BLDG 2 FL 3", "2ND FLOOR", "PMB 12", "REAR", "APT4B".
 * `afterStreet` allows designators that take no number (REAR, BSMT...) only where a street has clearly ended;
 * `lineStart` says the tokens are a line of their own ("Apt 4B" as line 2).
 */
function scanUnits(tokens: string[], start: number, afterStreet: boolean, lineStart: boolean): UnitScan {
  const units: Unit[] = [];
  let pmb = '';
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const glued = GLUED_UNIT.exec(t);
    if (glued) {
      units.push({ type: unitDesignator(glued[1]!)!.abbr, number: glued[2]! });
      i += 1;
      continue;
    }
    if (t === 'PMB' && next !== undefined) {
      const n = next === '#' ? tokens[i + 2] : next;
      if (n !== undefined && UNIT_ID.test(n)) {
        pmb = n;
        i += next === '#' ? 3 : 2;
        continue;
      }
    }
    const ord = ORDINAL.exec(t);
    if (ord && next !== undefined && unitDesignator(next)?.abbr === 'FL' && (afterStreet || lineStart || units.length > 0)) {
      units.push({ type: 'FL', number: String(Number(ord[1])) });
      i += 2;
      continue;
    }
    const d = unitDesignator(t);
    if (d) {
      // "APT # 4" and "STE #200": the # is noise after a designator (REAR # 4 is two units: REAR, then # 4).
      const skip = t !== '#' && d.needsNumber && next === '#' ? 1 : 0;
      // A spelled directional after a designator ("FL NORTH") is printed as its letter, which reads as a unit id.
      const rawId = tokens[i + 1 + skip];
      const id = rawId !== undefined && /^(NORTH|SOUTH|EAST|WEST)$/.test(rawId) ? rawId[0]! : rawId;
      if (id !== undefined && UNIT_ID.test(id) && (d.needsNumber || d.abbr === 'PH' || /\d/.test(id))) {
        units.push({ type: d.abbr, number: id });
        i += 2 + skip;
        continue;
      }
      const atEnd = id === undefined || unitDesignator(id) !== null || id === 'PMB';
      if (!d.needsNumber && atEnd && (afterStreet || units.length > 0 || (lineStart && i === start))) {
        units.push({ type: d.abbr, number: '' });
        i += 1;
        continue;
      }
      // A designator that needs a number but has none ("APT" alone) is not a unit: it stays as text on line 2.
    }
    break;
  }
  return { units, pmb, end: i };
}

interface LinePart {
  kind: 'street' | 'po-box' | 'rural-route' | 'military' | 'units' | 'urbanization' | 'unparsed' | 'empty';
  number: string;
  fraction: string;
  preDir: string;
  street: string;
  suffix: string;
  postDir: string;
  units: Unit[];
  pmb: string;
  poBox: string;
  ruralRoute: RuralRoute | null;
  military: MilitaryAddress | null;
  urbanization: string;
  extra: string[];
  text: string;
  issues: Issue[];
}

const emptyPart = (text: string): LinePart => ({
  kind: 'empty', number: '', fraction: '', preDir: '', street: '', suffix: '', postDir: '', units: [], pmb: '', poBox: '',
  ruralRoute: null, military: null, urbanization: '', extra: [], text, issues: [],
});

const PO_BOX = /^(?:(?:P ?O|POST OFFICE|POST|POSTAL) ?(?:BOX|BX|B)|POB|POBOX|BOX|BX|CALLER|CALLER BOX|DRAWER|LOCKBOX|LOCK BOX|FIRM CALLER) ?(?:NO |NUMBER )?(?:# )?([A-Z0-9-]*\d[A-Z0-9-]*|[A-Z])(?: (.*))?$/;
const RURAL = /^(RR|R R|RURAL ROUTE|RURAL RTE|RURAL RT|RFD|R F D|RT|RTE|ROUTE|HC|H C|HCR|HIGHWAY CONTRACT|HIGHWAY CONTRACT ROUTE|STAR ROUTE) ?(?:# )?(\d+)(?: (?:BOX|BX) ?(?:# )?([A-Z0-9-]+))?(?: (.*))?$/;
const MILITARY = /^(PSC|CMR|UNIT) ?(?:# )?(\d+) (?:BOX|BX) ?(?:# )?([A-Z0-9-]+)(?: (.*))?$/;

/** Reads the street part (tokens before any unit): directionals, name, suffix; text after the suffix is returned as extra. */
function parseStreetTokens(s: string[], part: LinePart): void {
  // Find the suffix: the last suffix word (not first) whose tail is empty or a post-directional; otherwise the last one.
  let j = -1;
  for (let k = s.length - 1; k >= 1; k--) {
    if (!streetSuffix(s[k]!)) continue;
    const tail = s.slice(k + 1);
    if (tail.length === 0 || (tail.length === 1 && directional(tail[0]!))) {
      j = k;
      break;
    }
    if (j === -1) j = k;
  }
  let tail: string[] = [];
  let nameEnd = s.length;
  if (j >= 1) {
    const abbr = streetSuffix(s[j]!)!;
    const after = s.slice(j + 1);
    const routeName = ROUTE_LIKE.has(abbr) && s.slice(0, j).every((w) => directional(w) !== null || ROUTE_QUALIFIERS.has(w)) && after.length >= 1 && ROUTE_ID.test(after[0]!) && (after.length === 1 || (after.length === 2 && directional(after[1]!)));
    if (!routeName) {
      part.suffix = abbr;
      nameEnd = j;
      tail = after;
      if (tail.length > 0 && directional(tail[0]!) && tail.length === 1) {
        part.postDir = directional(tail[0]!)!;
        tail = [];
      } else if (tail.length > 0 && directional(tail[0]!) && tail.length > 1 && !streetSuffix(tail[1]!)) {
        part.postDir = directional(tail[0]!)!;
        tail = tail.slice(1);
      }
    }
  }
  let name = s.slice(0, nameEnd);
  if (!part.suffix && name.length > 1 && directional(name[name.length - 1]!)) {
    part.postDir = directional(name[name.length - 1]!)!;
    name = name.slice(0, -1);
  }
  if (name.length > 1 && directional(name[0]!) && !directional(name[1]!)) {
    part.preDir = directional(name[0]!)!;
    name = name.slice(1);
  }
  // Route words before a route number are spelled out, as USPS prints them: HWY 50 → HIGHWAY 50, CR 12 → COUNTY ROAD 12.
  name = name.map((w, k) => {
    const nxt = name[k + 1];
    if (nxt === undefined || !ROUTE_ID.test(nxt) || k !== name.length - 2) return w;
    if (w === 'CR') return 'COUNTY ROAD';
    if (w === 'SR') return 'STATE ROUTE';
    if (w === 'RT') return 'ROUTE';
    const abbr = streetSuffix(w);
    return abbr && ROUTE_LIKE.has(abbr) ? (streetSuffixName(abbr) ?? w) : w;
  });
  part.street = name.join(' ');
  if (tail.length > 0) {
    // A lone number or letter after the suffix is a unit written without its designator ("123 MAIN ST 4B").
    if (tail.length === 1 && UNIT_ID.test(tail[0]!)) {
      part.units.unshift({ type: '#', number: tail[0]! });
      part.issues.push(issue('unit-no-designator', `"${tail[0]}" after the street read as a unit number (# ${tail[0]})`, 'info'));
    } else {
      part.extra.push(tail.join(' '));
      part.issues.push(issue('extra-text', `"${tail.join(' ')}" after the street is not part of the delivery address; kept on line 2`, 'warning'));
    }
  }
}

const DELIVERY = new Set<LinePart['kind']>(['street', 'po-box', 'rural-route', 'military']);

/** Classifies and parses one line. */
function parseLine(text: string): LinePart {
  const part = emptyPart(text);
  const tokens = tokenize(text);
  if (tokens.length === 0) return part;
  const joined = tokens.join(' ');
  if ((!ASCII.test(joined) && /(?![\p{Script=Latin}])\p{L}/u.test(joined)) || FOREIGN_POSTCODE.test(joined) || tokens.some((t) => FOREIGN_WORDS.has(t))) {
    part.kind = 'unparsed';
    part.issues.push(issue('address-foreign', 'This looks like an address outside the US; kept as given', 'warning'));
    return part;
  }
  const rest = (r: string | undefined) => {
    if (r) {
      const u = scanUnits(tokenize(r), 0, true, true);
      part.units.push(...u.units);
      if (u.pmb) part.pmb = u.pmb;
      const left = tokenize(r).slice(u.end).join(' ');
      if (left) {
        part.extra.push(left);
        part.issues.push(issue('extra-text', `"${left}" is not part of the delivery address; kept on line 2`, 'warning'));
      }
    }
  };
  const mil = MILITARY.exec(joined);
  if (mil) {
    part.kind = 'military';
    part.military = { type: mil[1] as MilitaryAddress['type'], number: mil[2]!, box: mil[3]! };
    rest(mil[4]);
    return part;
  }
  const po = PO_BOX.exec(joined);
  if (po) {
    part.kind = 'po-box';
    part.poBox = po[1]!;
    rest(po[2]);
    return part;
  }
  const rr = RURAL.exec(joined);
  // "ROUTE 9" alone is a street; RT/RTE/ROUTE only count as a rural route with a box.
  if (rr && (rr[3] !== undefined || !/^(RT|RTE|ROUTE)$/.test(rr[1]!))) {
    part.kind = 'rural-route';
    const hc = /^(HC|H C|HCR|HIGHWAY CONTRACT|HIGHWAY CONTRACT ROUTE|STAR ROUTE)$/.test(rr[1]!);
    part.ruralRoute = { type: hc ? 'HC' : 'RR', route: rr[2]!, box: rr[3] ?? '' };
    if (!rr[3]) part.issues.push(issue('rural-route-no-box', 'Rural route without a box number', 'warning'));
    rest(rr[4]);
    return part;
  }
  let t = tokens;
  if ((t[0] === 'URB' || t[0] === 'URBANIZACION' || t[0] === 'URBANIZACIÓN') && t[1] !== undefined && !/^\d/.test(t[1]) && !unitDesignator(t[1])) {
    let k = 1;
    while (k < t.length && !/^\d/.test(t[k]!) && !unitDesignator(t[k]!)) k++;
    part.urbanization = t.slice(1, k).join(' ');
    t = t.slice(k);
    if (t.length === 0) {
      part.kind = 'urbanization';
      return part;
    }
  }
  // A line that starts with a unit ("Apt 4B", "# 5", "Bldg 2 Fl 3", "PMB 12").
  const lead = scanUnits(t, 0, false, true);
  if (lead.end > 0 && lead.end < t.length) {
    // "Apt 5, 123 Main St": the unit came first; the rest may still be a delivery line.
    const after = parseLine(t.slice(lead.end).join(' '));
    if (DELIVERY.has(after.kind)) {
      after.units.unshift(...lead.units);
      after.pmb = after.pmb || lead.pmb;
      if (part.urbanization) after.urbanization = part.urbanization;
      return after;
    }
  }
  if (lead.end > 0) {
    part.kind = 'units';
    part.units = lead.units;
    part.pmb = lead.pmb;
    if (lead.end < t.length) part.extra.push(t.slice(lead.end).join(' '));
    return part;
  }
  let i = 0;
  const spelled = SPELLED_NUMBERS.indexOf(t[0]!);
  if (HOUSE_NUMBER.test(t[0]!) && t.length > 1) {
    part.number = t[0]!;
    i = 1;
  } else if (spelled > 0 && t.length > 1) {
    part.number = String(spelled);
    part.issues.push(issue('number-spelled', `House number "${t[0]}" written as ${spelled}`, 'info'));
    i = 1;
  }
  if (part.number && t[i] !== undefined && FRACTION.test(t[i]!) && t.length > i + 1) {
    part.fraction = t[i]!;
    i++;
  }
  // Units start at the first designator after at least one street word.
  let u = i + 1;
  let scan: UnitScan = { units: [], pmb: '', end: u };
  for (; u < t.length; u++) {
    const prev = t[u - 1]!;
    scan = scanUnits(t, u, streetSuffix(prev) !== null || directional(prev) !== null, false);
    if (scan.end > u) break;
  }
  const streetTokens = t.slice(i, Math.min(u, t.length));
  const hasSuffix = streetTokens.slice(1).some((w) => streetSuffix(w) !== null);
  if (streetTokens.length === 0 || (!part.number && !hasSuffix)) {
    part.kind = 'unparsed';
    part.urbanization = '';
    part.issues = [];
    return part;
  }
  part.kind = 'street';
  parseStreetTokens(streetTokens, part);
  if (!part.street) {
    part.kind = 'unparsed';
    part.units = [];
    part.extra = [];
    part.issues = [];
    return part;
  }
  if (!part.number) part.issues.push(issue('number-missing', 'No house number', 'warning'));
  if (u < t.length) {
    part.units.push(...scan.units);
    if (scan.pmb) part.pmb = scan.pmb;
    if (scan.end < t.length) {
      const left = t.slice(scan.end).join(' ');
      part.extra.push(left);
      part.issues.push(issue('extra-text', `"${left}" is not part of the delivery address; kept on line 2`, 'warning'));
    }
  }
  return part;
}

// ---------------------------------------------------------------------------------------------------------------------
// Fast path for the shapes nearly every list is made of: "123 [DIR] NAME... SUFFIX [DIR] [UNIT ID]" (+ an optional
// "UNIT ID" as line 2) and "PO BOX 123". It reads the same tokens as parseLine and builds exactly what parseCleaned
// builds, or returns null as soon as the shape is not certain. Why each check makes the general path agree:
// - Every token is in key form (capitals/digits only), so the table lookups below are the ones parseLine makes.
// - Line 1 starts with a plain number: not a PO box, rural route, military, urbanization or leading unit (all of those
//   start with a letter or "#"), HOUSE_NUMBER holds and no FRACTION follows (no "/").
// - Street-name words are 2+ capitals or an ordinal (12TH), and in no table (not a directional, designator, PMB or
//   foreign country) except as a suffix word and nothing else ("PARK" in "12 PARK AVE"): scanUnits consumes none of
//   them and none is a ROUTE_ID (so no route word is spelled out). The suffix read is the last word before an optional
//   post-directional, which parseStreetTokens' search from the end takes first whatever suffix words precede it. A
//   ROUTE_LIKE suffix with a post-directional after only qualifier words ("OLD HWY N") is a route name in
//   parseStreetTokens: left to the general path.
// - A unit is a designator that takes a number (or "#") and an id of the form 12, 12B, B or B12: UNIT_ID holds, no "#"
//   follows, and no token has a letter before a digit except that last id, so FOREIGN_POSTCODE cannot match.
// - At most one unit in all (no "units-several"), nothing else on either line: no issues, no extra text.
// The print has the same shape with every word already standard (each standard suffix, directional and designator
// reads as itself, checked when the tables below are built), so re-reading it parses the same parts and prints the
// same text: it is standardizeAddress's fixed point, and no re-read is needed.

interface WordInfo {
  suffix: string | null;
  dir: string | null;
  unit: { abbr: string; needsNumber: boolean } | null;
}
/** Every word any table knows (and the words that block the fast path: PMB, foreign countries) → what it is. */
const WORD_INFO = new Map<string, WordInfo>();
for (const w of [...addressTableWords(), ...FOREIGN_WORDS, 'PMB']) {
  WORD_INFO.set(w, { suffix: streetSuffix(w), dir: directional(w), unit: unitDesignator(w) });
}
const only = (i: WordInfo | undefined, kind: keyof WordInfo) => i !== undefined && i[kind] !== null && (['suffix', 'dir', 'unit'] as const).every((k) => k === kind || i[k] === null);
/** A word that is only a directional, only a suffix, or only a designator taking a number, and whose standard form is the same kind and reads as itself. */
const FAST_DIR = new Map<string, string>();
const FAST_SUFFIX = new Map<string, string>();
const FAST_UNIT = new Map<string, string>();
/** Suffix words that are nothing else, as street-name words: "PARK" in "12 PARK AVE", "VALLEY" in "9 VALLEY VIEW RD". */
const NAME_SUFFIX = new Set<string>();
for (const [w, info] of WORD_INFO) {
  if (FOREIGN_WORDS.has(w) || w === 'PMB') continue;
  if (only(info, 'suffix')) NAME_SUFFIX.add(w);
  if (only(info, 'dir') && only(WORD_INFO.get(info.dir!), 'dir') && WORD_INFO.get(info.dir!)!.dir === info.dir) FAST_DIR.set(w, info.dir!);
  const sfx = info.suffix === null ? undefined : WORD_INFO.get(info.suffix);
  if (only(info, 'suffix') && only(sfx, 'suffix') && sfx!.suffix === info.suffix && /^[A-Z]+$/.test(w) && /^[A-Z]+$/.test(info.suffix!)) FAST_SUFFIX.set(w, info.suffix!);
  const unit = info.unit === null ? undefined : WORD_INFO.get(info.unit.abbr);
  if (only(info, 'unit') && info.unit!.needsNumber && only(unit, 'unit') && unit!.unit!.abbr === info.unit!.abbr && unit!.unit!.needsNumber) FAST_UNIT.set(w, info.unit!.abbr);
}

/** 2+ capitals, or digits then ST/ND/RD/TH, and in no table. */
function isNameWord(w: string): boolean {
  const n = w.length;
  if (n < 2) return false;
  let i = 0;
  while (i < n && w.charCodeAt(i) >= 48 && w.charCodeAt(i) <= 57) i++;
  if (i > 0) return n - i === 2 && ORDINAL.test(w);
  for (; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return !WORD_INFO.has(w) || NAME_SUFFIX.has(w);
}

/** A name word of capitals only that no table knows (not even as a suffix): read as street name wherever it stands. */
function isPlainWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 65 && c <= 90 && !WORD_INFO.has(w);
}

function isDigits(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Unit ids the fast path takes: 12, 12B, B, B12. */
const FAST_UNIT_ID = /^(?:\d+[A-Z]?|[A-Z]\d*)$/;
const PO_FORMS = new Set(['PO BOX', 'P O BOX', 'POST OFFICE BOX', 'BOX', 'POB', 'POBOX']);
const NO_TOKENS: string[] = [];

const fastParsed = (number: string, preDir: string, street: string, suffix: string, postDir: string, unitType: string, unitNumber: string, poBox: string, kind: 'street' | 'po-box', in1: string, in2: string): ParsedAddress => ({
  number, fraction: '', preDir, street, suffix, postDir, unitType, unitNumber, moreUnits: [], poBox, ruralRoute: null, military: null,
  pmb: '', urbanization: '', extra: '', kind, input: { line1: in1, line2: in2 }, issues: [],
});

/** cleanAddress by the fast path alone, or null where it does not apply: exported so tests can prove the two agree. */
export function cleanAddressFast(line1: string, line2?: string): { line1: string; line2: string; parsed: ParsedAddress } | null {
  const fast = parseFast(cleanAddressText(line1), cleanAddressText(line2));
  return fast && { line1: fast.line1, line2: '', parsed: fast.parsed };
}

/** parseCleaned and its print for the common shapes (see above), or null. */
function parseFast(in1: string, in2: string): { parsed: ParsedAddress; line1: string } | null {
  const t = tokenize(in1);
  const n = t.length;
  if (n < 2) return null;
  const t2 = in2 === '' ? NO_TOKENS : tokenize(in2);
  if (!isDigits(t[0]!)) {
    // "PO BOX 12", "P O BOX 12", "BOX 12", "POB 12", with nothing on line 2.
    const id = t[n - 1]!;
    if (t2.length !== 0 || n > 4 || id.length > 12 || !isDigits(id) || !PO_FORMS.has(t.slice(0, -1).join(' '))) return null;
    return { parsed: fastParsed('', '', '', '', '', '', '', id, 'po-box', in1, in2), line1: `PO BOX ${id}` };
  }
  let i = 1;
  const preDir = FAST_DIR.get(t[1]!) ?? '';
  if (preDir) i = 2;
  const nameStart = i;
  while (i < n && isNameWord(t[i]!)) i++;
  // The suffix is the last of these words (suffix words may also be name words).
  const suffix = i - nameStart >= 2 ? FAST_SUFFIX.get(t[i - 1]!) : undefined;
  let name: string;
  if (suffix !== undefined) name = i - nameStart === 2 ? t[nameStart]! : t.slice(nameStart, i - 1).join(' ');
  else {
    // No suffix ("294 BROADWAY", "12 THE ALAMEDA"): only words of capitals that no table knows, except that the first
    // street word may be a suffix word when no directional precedes it ("925 VIA VERDE"): parseStreetTokens never
    // takes a street's first word as its suffix.
    if (i === nameStart) return null;
    for (let k = nameStart; k < i; k++) if (!isPlainWord(t[k]!) && !(k === 1 && NAME_SUFFIX.has(t[k]!))) return null;
    name = i - nameStart === 1 ? t[nameStart]! : t.slice(nameStart, i).join(' ');
  }
  let postDir = '';
  if (i < n) {
    const d = FAST_DIR.get(t[i]!);
    if (d !== undefined) {
      postDir = d;
      i++;
      if (suffix !== undefined && ROUTE_LIKE.has(suffix) && t.slice(nameStart, i - 2).every((w) => ROUTE_QUALIFIERS.has(w))) return null;
    }
  }
  let unitType = '';
  let unitNumber = '';
  if (i < n) {
    if (i + 2 !== n) return null;
    const u = FAST_UNIT.get(t[i]!);
    if (u === undefined || !FAST_UNIT_ID.test(t[i + 1]!)) return null;
    unitType = u;
    unitNumber = t[i + 1]!;
  }
  if (t2.length !== 0) {
    if (t2.length !== 2 || unitType) return null;
    const u = FAST_UNIT.get(t2[0]!);
    if (u === undefined || !FAST_UNIT_ID.test(t2[1]!)) return null;
    unitType = u;
    unitNumber = t2[1]!;
  }
  let line1 = t[0]!;
  if (preDir) line1 += ' ' + preDir;
  line1 += ' ' + name;
  if (suffix !== undefined) line1 += ' ' + suffix;
  if (postDir) line1 += ' ' + postDir;
  if (unitType) line1 += ' ' + unitType + ' ' + unitNumber;
  if (line1.length > MAX_LINE) return null;
  return { parsed: fastParsed(t[0]!, preDir, name, suffix ?? '', postDir, unitType, unitNumber, '', 'street', in1, in2), line1 };
}

/**
 * parseLine of a line that parseFast reads on its own (line 2 empty), or null. parseCleaned(text, '') puts every part of
 * parseLine(text) in its answer (no line 2 adds any), so when that answer is parseFast's (a street or PO box, at most one
 * unit, no PMB, urbanization, extra text or issues) the line's part can only be this one. It saves the general parse of
 * a tidy line 1 whose line 2 holds something else ("ATTN: ...", two units), on the first read and on the re-read.
 */
/** The street parts a line part and a parsed address share, copied field by field (each exists on `to`, so its shape stays). */
function copyStreet(to: StreetParts, from: StreetParts): void {
  to.number = from.number;
  to.preDir = from.preDir;
  to.street = from.street;
  to.suffix = from.suffix;
  to.postDir = from.postDir;
  to.poBox = from.poBox;
}
type StreetParts = Pick<LinePart, 'number' | 'preDir' | 'street' | 'suffix' | 'postDir' | 'poBox'>;

function parseLineFast(text: string): LinePart | null {
  const fast = parseFast(text, '');
  if (!fast) return null;
  const p = fast.parsed;
  const part = emptyPart(text);
  part.kind = p.kind === 'po-box' ? 'po-box' : 'street';
  copyStreet(part, p);
  if (p.unitType) part.units.push({ type: p.unitType, number: p.unitNumber });
  return part;
}

/**
 * Parses an address from its delivery line and optional line 2. Line 2 may hold the unit ("Apt 4B", "#5", "Suite 200"),
 * an urbanization, or other text; when line 1 is not a delivery line but line 2 is (a company name above the street),
 * line 2 is read as the delivery line and line 1 is kept as extra text. Never throws.
 */
export function parseAddress(line1: string, line2?: string): ParsedAddress {
  const in1 = cleanAddressText(line1);
  const in2 = cleanAddressText(line2);
  return parseFast(in1, in2)?.parsed ?? parseCleaned(in1, in2);
}

/** parseAddress without the fast path: exported so tests can prove the two agree. */
export function parseAddressGeneral(line1: string, line2?: string): ParsedAddress {
  return parseCleaned(cleanAddressText(line1), cleanAddressText(line2), false);
}

/** parseAddress of lines already through cleanAddressText; `fastLine` false reads line 1 without parseLineFast (for tests). */
function parseCleaned(in1: string, in2: string, fastLine = true): ParsedAddress {
  const out: ParsedAddress = {
    number: '', fraction: '', preDir: '', street: '', suffix: '', postDir: '', unitType: '', unitNumber: '', moreUnits: [],
    poBox: '', ruralRoute: null, military: null, pmb: '', urbanization: '', extra: '', kind: 'unparsed',
    input: { line1: in1, line2: in2 }, issues: [],
  };
  try {
    const a = (fastLine ? parseLineFast(in1) : null) ?? parseLine(in1);
    const b = parseLine(in2);
    let primary: LinePart;
    let other: LinePart;
    if (DELIVERY.has(a.kind)) [primary, other] = [a, b];
    else if (DELIVERY.has(b.kind)) {
      [primary, other] = [b, a];
      if (a.kind !== 'empty') out.issues.push(issue('lines-swapped', 'The delivery address is on line 2; line 1 kept as extra text', 'info'));
    } else {
      out.issues.push(...a.issues, ...b.issues);
      if (in1 === '' && in2 === '') out.issues.push(issue('address-missing', 'No address', 'error'));
      else if (!out.issues.some((x) => x.code === 'address-foreign')) out.issues.push(issue('address-unparsed', 'Not readable as a US postal address; kept as given', 'warning'));
      return out;
    }
    const units = [...primary.units];
    let pmb = primary.pmb;
    let urbanization = primary.urbanization;
    const extra = [...primary.extra];
    out.issues.push(...primary.issues);
    if (other.kind === 'units' || other.kind === 'urbanization') {
      units.push(...other.units);
      if (other.pmb && pmb && other.pmb !== pmb) extra.unshift(`PMB ${other.pmb}`);
      else if (other.pmb) pmb = other.pmb;
      if (other.urbanization) urbanization = urbanization || other.urbanization;
      extra.push(...other.extra);
      out.issues.push(...other.issues);
    } else if (other.kind !== 'empty') {
      extra.push(tokenize(other.text).join(' '));
    }
    // Extra text that starts with a unit ("LOT" + "123" from two lines) would read as that unit next time: read it now.
    let extraText = extra.filter((x) => x !== '').join(' ');
    for (let k = 0; k < 4 && extraText; k++) {
      const e = parseLine(extraText);
      if (e.kind !== 'units' || (e.pmb && pmb)) break;
      units.push(...e.units);
      if (e.pmb) pmb = e.pmb;
      extraText = e.extra.join(' ');
    }
    const firstExtra = extraText.split(' ')[0] ?? '';
    if (unitDesignator(firstExtra)?.needsNumber) out.issues.push(issue('unit-missing-number', `"${firstExtra}" is not followed by a unit number; kept on line 2`, 'warning'));
    // Each property exists on `out` already, so plain assignments keep its shape and key order (no Object.assign).
    out.kind = primary.kind as ParsedAddress['kind'];
    copyStreet(out, primary);
    out.fraction = primary.fraction;
    out.ruralRoute = primary.ruralRoute;
    out.military = primary.military;
    out.pmb = pmb;
    out.urbanization = urbanization;
    out.extra = extraText;
    if (units[0]) {
      out.unitType = units[0].type;
      out.unitNumber = units[0].number;
      out.moreUnits = units.slice(1);
      if (units.length > 1) out.issues.push(issue('units-several', `Several secondary units; ${units[0].type} kept on the delivery line, the rest on line 2`, 'info'));
    }
  } catch {
    // Parsing is defensive already; this keeps the "never throws, never loses text" promise if a bug slips through.
    out.kind = 'unparsed';
    out.issues = [issue('address-unparsed', 'Not readable as a US postal address; kept as given', 'warning')];
  }
  return out;
}

/** Longest delivery line kept whole; past it the unit moves to line 2 (USPS CASS delivery lines are at most 64). */
const MAX_LINE = 64;

const unitText = (u: Unit) => (u.number ? `${u.type} ${u.number}` : u.type);

/**
 * Prints a parsed address as USPS does: "123 N MAIN ST APT 4B", "PO BOX 12", "RR 2 BOX 15", "1600 PENNSYLVANIA AVE NW".
 * The first secondary unit and a PMB go on the delivery line (Pub 28 puts the secondary address there); further units,
 * any extra text and the urbanization go on line 2. Unparsed input is returned as given, cleaned and upper-cased.
 */
export function standardizeAddress(p: ParsedAddress): { line1: string; line2: string } {
  // Printing can put words side by side that read differently the next time (a bare "REAR" from line 1 after a street
  // from line 2, a "KEY" that is also a suffix). Re-reading the print until it no longer changes makes the result a
  // fixed point, so cleaning a cleaned list changes nothing. Real addresses settle in the first round; garbage in two.
  return settle(p, reprint);
}

/** printOnce, then re-read the print (with `again`) until it no longer changes. */
function settle(p: ParsedAddress, again: (line1: string, line2: string) => { line1: string; line2: string }, first = printOnce(p)): { line1: string; line2: string } {
  let out = first;
  for (let round = 0; round < 4; round++) {
    const next = again(out.line1, out.line2);
    if (next.line1 === out.line1 && next.line2 === out.line2) break;
    out = next;
  }
  // A fresh object: `out` may be one the caller passed through printOnce, which it must not share.
  return { line1: out.line1, line2: out.line2 };
}

/**
 * printOnce(parseAddress(…)) of a print. Not memoized: whole address lines are nearly all unique, so a table would only
 * add its lookups, and most prints are in the shapes parseAddress reads by its fast path.
 */
const reprint = (line1: string, line2: string) => printOnce(parseAddress(line1, line2));

/** `text` and `w` joined by a space, leaving out whichever is empty: folding it gives `parts.filter(Boolean).join(' ')`. */
const word = (text: string, w: string): string => (w === '' ? text : text === '' ? w : `${text} ${w}`);

function printOnce(p: ParsedAddress): { line1: string; line2: string } {
  if (p.kind === 'unparsed') return { line1: p.input.line1, line2: p.input.line2 };
  let primary: string;
  if (p.kind === 'po-box') primary = `PO BOX ${p.poBox}`;
  else if (p.kind === 'rural-route' && p.ruralRoute) primary = [p.ruralRoute.type, p.ruralRoute.route, p.ruralRoute.box ? `BOX ${p.ruralRoute.box}` : ''].filter(Boolean).join(' ');
  else if (p.kind === 'military' && p.military) primary = `${p.military.type} ${p.military.number} BOX ${p.military.box}`;
  // The non-empty parts joined by spaces, without building the array (this runs on every re-read).
  else primary = word(word(word(word(word(p.number, p.fraction), p.preDir), p.street), p.suffix), p.postDir);
  const unit = p.unitType ? unitText({ type: p.unitType, number: p.unitNumber }) : '';
  const pmb = p.pmb ? `PMB ${p.pmb}` : '';
  // The urbanization goes last: text printed after "URB NAME" would read as part of the name next time.
  const rest = [...p.moreUnits.map(unitText), p.extra, p.urbanization ? `URB ${p.urbanization}` : ''];
  let line1 = word(word(primary, unit), pmb);
  if (line1.length > MAX_LINE) {
    line1 = primary;
    rest.unshift(unit, pmb);
  }
  return { line1, line2: rest.filter(Boolean).join(' ') };
}

/** parseAddress then standardizeAddress: the one call the clean job needs for an address. */
export function cleanAddress(line1: string, line2?: string): { line1: string; line2: string; parsed: ParsedAddress } {
  const in1 = cleanAddressText(line1);
  const in2 = cleanAddressText(line2);
  // The common tidy shapes ("123 N MAIN ST APT 4B", "PO BOX 12"): their print is a fixed point (see parseFast).
  const fast = parseFast(in1, in2);
  if (fast) return { line1: fast.line1, line2: '', parsed: fast.parsed };
  const withText = cleanWithTextLine2(in1, in2);
  if (withText) return withText;
  const parsed = parseCleaned(in1, in2);
  // Input that already prints as itself (a tidy list): re-reading the print would be parseAddress on the same cleaned
  // text, which gives this same parse and print, so the fixed point is reached without it. Only for ASCII input,
  // where cleaning is plainly idempotent (cleanAddressText of the cleaned text is the cleaned text).
  const { input } = parsed;
  const out = printOnce(parsed);
  if (out.line1 === input.line1 && out.line2 === input.line2 && ASCII.test(input.line1) && ASCII.test(input.line2)) return { ...out, parsed };
  // standardizeAddress(parsed), starting from the print made above (printOnce is a pure function of the parse).
  return { ...settle(parsed, reprint, out), parsed };
}

/**
 * cleanAddress of a line 1 the fast path reads alone and an ASCII line 2 that parseLine reads as neither units, an
 * urbanization nor nothing ("ATTN: BILLING", "C/O FRONT DESK", a second street), or null. parseCleaned then keeps line 1's
 * parts (parseLineFast) and puts the tokens of line 2's part text, joined, in `extra`: re-read, that text gives a part
 * of the same kind and text (parseLine depends on the tokens alone, and that part did not come from a deeper read), so
 * the extra-text loop stops at once, and the only issue is a leading designator without its number. The print is line
 * 1's fast print over that text; re-reading it parses line 1 to the same parts (the fast print is a fixed point) and
 * line 2 to the same part (ASCII, so cleanAddressText leaves the joined text as it is), so it is already the fixed
 * point standardizeAddress would reach.
 */
function cleanWithTextLine2(in1: string, in2: string): { line1: string; line2: string; parsed: ParsedAddress } | null {
  if (in2 === '' || !ASCII.test(in2)) return null;
  const fast = parseFast(in1, '');
  if (!fast) return null;
  let b: LinePart;
  try {
    b = parseLine(in2);
  } catch {
    // parseCleaned would catch this and call the address unparsed; let it.
    return null;
  }
  if (b.kind === 'units' || b.kind === 'urbanization' || b.kind === 'empty') return null;
  // b.text, not in2: a delivery line after leading units ("FL 1, 12 MAIN ST") comes back as the part for its rest.
  const extra = tokenize(b.text).join(' ');
  const parsed = fast.parsed;
  parsed.input = { line1: in1, line2: in2 };
  parsed.extra = extra;
  const firstExtra = extra.split(' ')[0] ?? '';
  if (unitDesignator(firstExtra)?.needsNumber) parsed.issues.push(issue('unit-missing-number', `"${firstExtra}" is not followed by a unit number; kept on line 2`, 'warning'));
  return { line1: fast.line1, line2: extra, parsed };
}

/** cleanAddress without the fast path, re-reading prints without it too: exported so tests can prove the two agree. */
export function cleanAddressGeneral(line1: string, line2?: string): { line1: string; line2: string; parsed: ParsedAddress } {
  const parsed = parseAddressGeneral(line1, line2);
  return { ...settle(parsed, (a, b) => printOnce(parseAddressGeneral(a, b))), parsed };
}

/** Two-letter USPS code for a state or territory written any common way ("Calif." → CA, "Mass" → MA, "N. Carolina" → NC). */
export function normalizeState(s: string): { code: string | null; issues: Issue[] } {
  const raw = cleanAddressText(s);
  if (raw === '') return { code: null, issues: [issue('state-missing', 'No state', 'error')] };
  const key = raw.replace(/\./g, ' ').replace(/[^A-Z ]/g, ' ').replace(/\s+/g, ' ').trim();
  const direct = STATE_LOOKUP.get(key) ?? STATE_LOOKUP.get(key.replace(/^THE /, '')) ?? STATE_LOOKUP.get(key.replace(/ /g, ''));
  if (direct) return { code: direct, issues: [] };
  const expanded = key.replace(/^N /, 'NORTH ').replace(/^S /, 'SOUTH ').replace(/^W /, 'WEST ');
  const viaDir = STATE_LOOKUP.get(expanded);
  if (viaDir) return { code: viaDir, issues: [] };
  const squashed = key.replace(/ /g, '');
  for (const [k, v] of STATE_LOOKUP) if (k.replace(/ /g, '') === squashed) return { code: v, issues: [] };
  return { code: null, issues: [issue('state-unknown', `"${raw}" is not a US state or territory`, 'error')] };
}
