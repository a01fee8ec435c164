// What a record is matched on: its cleaned values in the folded forms the comparisons read, plus the text that could not be parsed.
import type { CanonicalValues, CleanedRecord } from '../clean-record';
import { unitDesignator } from '../usps';
import { digitsOf, foldKey } from './similarity';

/** The fields a match reads, as strings; '' = missing. Values are folded (lower case, letters/digits, single spaces). */
export interface MatchRecord {
  first: string;
  middle: string;
  last: string;
  suffix: string;
  /** Date of birth as YYYYMMDD when it reads as a date, else its digits. */
  dob: string;
  /** A national identifier (SSN and the like): digits. */
  nid: string;
  houseNo: string;
  /** The delivery line without its house number ("main st", "po box 12"), or the unparsed text. */
  street: string;
  unit: string;
  city: string;
  /** ZIP5 for US ZIPs; any other postcode as written (folded, no spaces), so foreign lists still compare. */
  postcode: string;
  state: string;
  email: string;
  /** The e-mail's domain when it is not a free-mail provider: shared by colleagues, so a company signal. */
  workDomain: string;
  /** Digits, with the country code (1 for US numbers). */
  phone: string;
  /** The company match key (legal suffixes and noise words removed). */
  company: string;
}

export const MATCH_FIELDS = [
  'first', 'middle', 'last', 'suffix', 'dob', 'nid', 'houseNo', 'street', 'unit', 'city', 'postcode', 'state', 'email', 'workDomain', 'phone', 'company',
] as const satisfies readonly (keyof MatchRecord)[];
export type MatchField = (typeof MATCH_FIELDS)[number];

const US_ZIP = /^(\d{5})(?:-?\d{4})?$/;
const HOUSE_NO = /^(\d+[a-z]?|\d+ \d\/\d|[a-z]?\d+(?:-\d+)?[a-z]?)$/;

/** Builds the match record of one cleaned record. `v` is the record's raw canonical values (with edits applied); `freeMail` tells consumer mail domains. */
export function matchRecord(v: CanonicalValues, c: CleanedRecord, freeMail: (domain: string) => boolean = () => false): MatchRecord {
  const codes = new Set(c.issues.map((i) => i.code));
  // Street line: the cleaned line 1 without its unit (Pub 28 prints "APT 4" on line 1), its house number split off. A
  // separately mapped house number wins.
  const { street: streetLine, unit: unitOnLine } = splitUnit(c.address1);
  const line = foldKey(streetLine);
  let houseNo = '';
  let street = line;
  const sp = line.indexOf(' ');
  const head = sp < 0 ? line : line.slice(0, sp);
  if (HOUSE_NO.test(head) && /\d/.test(head) && sp > 0) {
    houseNo = head;
    street = line.slice(sp + 1);
  }
  const mappedNo = foldKey(v.house_number ?? '').replace(/ /g, '');
  if (mappedNo) {
    houseNo = mappedNo;
    if (street.startsWith(`${mappedNo} `)) street = street.slice(mappedNo.length + 1);
  }
  // State: the cleaned code when the text was a US state; otherwise the text itself (a province, a county).
  const stateFromText = c.state !== '' && !codes.has('state.unknown') && !codes.has('state.taken_from_zip');
  const state = stateFromText ? c.state.toLowerCase() : foldKey(v.state ?? '');
  // Postcode: a US ZIP as ZIP5; anything else as written, so "3465" is not turned into "03465" for a foreign list.
  const rawZip = foldKey(v.zip ?? '').replace(/ /g, '');
  const us = US_ZIP.exec(rawZip);
  const postcode = us ? us[1]! : stateFromText && /^\d{3,4}$/.test(rawZip) && c.zip5 ? c.zip5 : rawZip;
  const city = codes.has('city.taken_from_zip') ? '' : foldKey(c.city);
  const email = c.email.toLowerCase();
  const phone = phoneDigits(c.phone);
  return {
    first: foldKey(c.firstName),
    middle: foldKey(c.middleName),
    last: foldKey(c.lastName),
    suffix: foldKey(c.suffix),
    dob: normalizeDate(v.birth_date ?? ''),
    nid: digitsOf(v.national_id ?? ''),
    houseNo,
    street,
    unit: foldKey(`${unitOnLine} ${c.address2}`.trim()),
    city,
    postcode,
    state,
    email,
    workDomain: c.emailDomain && c.emailable && !freeMail(c.emailDomain.toLowerCase()) ? c.emailDomain.toLowerCase() : '',
    phone,
    company: c.companyKey,
  };
}

/** Splits a standardized delivery line at its first secondary unit designator ("9115 N MAIN ST APT 4" → street, "APT 4"). */
export function splitUnit(line: string): { street: string; unit: string } {
  const tokens = line.split(' ');
  for (let k = 2; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t === '#' || (unitDesignator(t) && /^(PO|BOX)$/i.test(tokens[0] ?? '') === false)) return { street: tokens.slice(0, k).join(' '), unit: tokens.slice(k).join(' ') };
  }
  return { street: line, unit: '' };
}

function phoneDigits(value: string): string {
  const main = value.split(/\s*ext\.?\s*/i)[0] ?? '';
  const d = digitsOf(main);
  if (d.length < 7) return '';
  return d.length === 10 && !main.startsWith('+') ? `1${d}` : d;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * A date as YYYYMMDD: ISO (1971-06-24), compact (19710624), US (6/24/1971, 06-24-71) and day-first when the first
 * number cannot be a month (24/06/1971), "24 Jun 1971". Anything else keeps its digits so it still compares.
 */
export function normalizeDate(raw: string): string {
  const s = raw.trim().toLowerCase();
  if (s === '') return '';
  const d = digitsOf(s);
  if (/^\d{8}$/.test(s) && (s.startsWith('19') || s.startsWith('20'))) return s;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!) ?? d;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const y = year(m[3]!);
    return (a > 12 ? ymd(y, b, a) : ymd(y, a, b)) ?? d;
  }
  m = /^(\d{1,2})\s*([a-z]{3})[a-z]*\.?,?\s*(\d{4})$/.exec(s) ?? null;
  if (m && MONTHS[m[2]!]) return ymd(+m[3]!, MONTHS[m[2]!]!, +m[1]!) ?? d;
  m = /^([a-z]{3})[a-z]*\.?\s*(\d{1,2}),?\s*(\d{4})$/.exec(s);
  if (m && MONTHS[m[1]!]) return ymd(+m[3]!, MONTHS[m[1]!]!, +m[2]!) ?? d;
  return d;
}

function year(y: string): number {
  if (y.length === 4) return +y;
  const n = +y;
  return n > 30 ? 1900 + n : 2000 + n;
}

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000) return null;
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}
