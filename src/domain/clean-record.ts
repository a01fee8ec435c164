// One record's clean: every normalizer applied to its canonical fields, the mailable/emailable/callable verdicts, a 0-100 quality score with reasons, and per-field issues.
import type { CanonicalField, IssueField, IssueSeverity } from '../api/contract';
import { cleanAddress, cleanAddressText, normalizeState } from './address';
import { normalizeCompany } from './companies';
import { normalizeEmail } from './email';
import type { EmailLists } from './email-data';
import { cleanText, parseNameFields, type NameIssue } from './names';
import { normalizePhone } from './phone';
import { memoize } from './memo';
import { checkZipCityState, parseZip } from './zip';
import type { ZipTable } from './zip-data';
import { STATE_LOOKUP, type Issue } from './usps';

/** Raw text of a record's canonical fields (the cells mapped to them, with the user's edits applied). */
export type CanonicalValues = Partial<Record<CanonicalField, string>>;

export interface CleanTables {
  zips: ZipTable;
  email: EmailLists;
  /** Country assumed for phone numbers written without +country code. */
  defaultCountry: string;
}

/** A finding before the service attaches column numbers to it. */
export interface CleanIssue {
  field: IssueField;
  code: string;
  severity: IssueSeverity;
  message: string;
  suggestion?: string;
}

export interface CleanedRecord {
  nameKind: string;
  prefix: string;
  firstName: string;
  middleName: string;
  lastName: string;
  suffix: string;
  company: string;
  companyKey: string;
  title: string;
  email: string;
  emailDomain: string;
  phone: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip5: string;
  zip4: string;
  lat: number | null;
  lon: number | null;
  mailable: boolean;
  emailable: boolean;
  callable: boolean;
  quality: number;
  /** Biggest effect first: "No phone number (−15)". Empty for a perfect record. */
  qualityReasons: string[];
  issues: CleanIssue[];
}

/** Canonical fields each issue field is read from: the grid puts a finding's badge on the columns mapped to these. */
export const ISSUE_FIELD_SOURCES: Readonly<Record<IssueField, readonly CanonicalField[]>> = {
  name: ['prefix', 'first_name', 'middle_name', 'last_name', 'suffix', 'full_name'],
  company: ['company'],
  title: ['title'],
  email: ['email'],
  phone: ['phone', 'mobile'],
  address: ['address1', 'address2'],
  city: ['city'],
  state: ['state'],
  zip: ['zip'],
};

/** The columns `winnow export --fields canonical` writes, in this order (a contract: scripts read them by name). */
export const CANONICAL_EXPORT_COLUMNS = [
  'first_name', 'last_name', 'company', 'title', 'email', 'phone', 'address1', 'address2', 'city', 'state', 'zip5', 'zip4',
  'mailable', 'quality', 'issues',
] as const;

/** The export row for a cleaned record, in CANONICAL_EXPORT_COLUMNS order. `issues` lists warning and error codes, "; "-separated. */
export function canonicalExportRow(r: CleanedRecord): string[] {
  return [
    r.firstName, r.lastName, r.company, r.title, r.email, r.phone, r.address1, r.address2, r.city, r.state, r.zip5, r.zip4,
    r.mailable ? 'yes' : 'no', String(r.quality),
    r.issues.filter((i) => i.severity !== 'info').map((i) => i.code).join('; '),
  ];
}

/** Name and company findings carry no severity of their own; these are how much each matters for a mailing. */
const NAME_SEVERITY: Record<string, IssueSeverity> = {
  unparsed: 'error',
  no_letters: 'error',
  placeholder: 'error',
  missing: 'warning',
  company_in_person_field: 'warning',
  person_in_company_field: 'warning',
  digits_in_name: 'warning',
  single_name: 'warning',
  initial_only: 'info',
  full_name_in_first_field: 'info',
  household: 'info',
  estate: 'info',
  note_in_name: 'info',
  care_of: 'info',
  dba: 'info',
  taken_from_name: 'info',
};

/** Short labels for the "rows with issues of kind X" menu; other codes are labelled from their words. */
const LABELS: Record<string, string> = {
  'name.missing': 'No name',
  'name.company_in_person_field': 'Company in a name field',
  'name.single_name': 'Only one name',
  'name.digits_in_name': 'Digits in a name',
  'name.placeholder': 'Placeholder name',
  'name.unparsed': 'Unreadable name',
  'name.no_letters': 'Name without letters',
  'company.person_in_company_field': 'Person in the company field',
  'company.placeholder': 'Placeholder company',
  'email.typo': 'Likely e-mail typo',
  'email.syntax': 'Malformed e-mail',
  'email.role': 'Role account e-mail',
  'email.disposable': 'Disposable e-mail',
  'email.missing': 'No e-mail',
  'phone.invalid': 'Invalid phone',
  'phone.no_area_code': 'Phone without area code',
  'phone.missing': 'No phone',
  'phone.fictional': 'Fictional 555 phone',
  'phone.too_short': 'Phone too short',
  'phone.too_long': 'Phone too long',
  'address.missing': 'No address',
  'address.unparsed': 'Unreadable address',
  'address.number_missing': 'No house number',
  'address.extra_text': 'Extra text in address',
  'address.foreign': 'Foreign address',
  'address.unit_missing_number': 'Unit without number',
  'address.dpv_not_confirmed': 'Not deliverable (DPV N)',
  'address.vacant': 'Vacant (DPV)',
  'address.moved_no_forwarding': 'Moved, no forwarding address',
  'address.moved': 'Moved (NCOA new address)',
  'address.dpv_secondary': 'Apartment or suite not confirmed (DPV)',
  'city.missing': 'No city',
  'city.differs_from_zip': 'City differs from ZIP',
  'state.missing': 'No state',
  'state.unknown': 'Unknown state',
  'zip.missing': 'No ZIP',
  'zip.invalid': 'Invalid ZIP',
  'zip.too_short': 'ZIP too short',
  'zip.unknown': 'ZIP not in reference table',
  'zip.state_mismatch': 'ZIP in another state',
  'zip.leading_zero_assumed': 'ZIP lost its leading zero',
  'zip.foreign': 'Foreign postal code',
};

/** The filter-menu label of an issue code. */
export function issueLabel(code: string): string {
  const known = LABELS[code];
  if (known) return known;
  const [field = '', what = ''] = code.split('.', 2);
  const words = what.replace(/_/g, ' ');
  return `${field.charAt(0).toUpperCase()}${field.slice(1)}: ${words}`;
}

/** "zip-state-mismatch" from the ZIP checks becomes "zip.state_mismatch"; codes that already carry their field keep it. */
function codeOf(field: IssueField, code: string): string {
  if (code.includes('.')) return code;
  const local = code.replace(/-/g, '_');
  return `${field}.${local.startsWith(`${field}_`) ? local.slice(field.length + 1) : local}`;
}

// Records repeat the same few dozen codes: each field's are worked out once (bounded, in case a normalizer ever makes
// codes from its input).
const CODES = new Map<IssueField, Map<string, string>>();
function codeFor(field: IssueField, code: string): string {
  let byCode = CODES.get(field);
  if (!byCode) CODES.set(field, (byCode = new Map()));
  let c = byCode.get(code);
  if (c === undefined) {
    c = codeOf(field, code);
    if (byCode.size < 512) byCode.set(code, c);
  }
  return c;
}

const NO_POSITION = { lat: null, lon: null } as const;

// States come from a short list and repeat on nearly every row: each is normalized once per value. normalizeState's
// result is only read here (its issues are copied into new ones), so sharing it is safe.
const cleanState = memoize(normalizeState);
/** State codes by their two letters ((first − A) × 26 + second − A), for the usual cell: "CA", "ca". */
const STATE_BY_LETTERS: (string | undefined)[] = new Array<string | undefined>(26 * 26).fill(undefined);
for (const [key, code] of STATE_LOOKUP) if (/^[A-Z]{2}$/.test(key)) STATE_BY_LETTERS[(key.charCodeAt(0) - 65) * 26 + key.charCodeAt(1) - 65] = code;
const NO_ISSUES: readonly Issue[] = [];
/**
 * normalizeState of a cell: two ASCII letters are the lookup's own key once upper-cased (what normalizeState does to
 * them), so a known pair is answered from the array; anything else goes through the memo.
 */
export function stateOf(text: string): { code: string | null; issues: readonly Issue[] } {
  if (text.length === 2) {
    // | 32 maps A-Z onto a-z and leaves a-z; no other character lands in a-z.
    const a = text.charCodeAt(0) | 32;
    const b = text.charCodeAt(1) | 32;
    if (a >= 97 && a <= 122 && b >= 97 && b <= 122) {
      const code = STATE_BY_LETTERS[(a - 97) * 26 + b - 97];
      if (code !== undefined) return { code, issues: NO_ISSUES };
    }
  }
  return cleanState(text);
}
// Cities repeat as much (a few thousand names in a million rows); the result is a string.
const cleanCity = memoize(cleanAddressText);

const cityKey = (c: string) => c.toUpperCase().replace(/[^A-Z0-9]/g, '');
const AREA_CITIES = new WeakMap<ZipTable, Map<string, Set<string>>>();

/** The preferred city names of all ZIPs sharing a 3-digit prefix (one sectional center), indexed once per table. */
function areaCities(table: ZipTable, zip3: string): Set<string> {
  let byArea = AREA_CITIES.get(table);
  if (!byArea) {
    byArea = new Map();
    for (const z of table.values()) {
      const k = z.zip.slice(0, 3);
      let set = byArea.get(k);
      if (!set) byArea.set(k, (set = new Set()));
      set.add(cityKey(z.city));
    }
    AREA_CITIES.set(table, byArea);
  }
  return byArea.get(zip3) ?? new Set();
}

const WARNING_LOSSES: [number, string][] = [];
/** The quality loss for a record's warnings: 4 points each, at most 10. */
function warningLoss(warnings: number): [number, string] {
  const known = WARNING_LOSSES[warnings];
  if (known) return [known[0], known[1]];
  const n = Math.min(10, warnings * 4);
  const loss: [number, string] = [n, `${warnings === 1 ? '1 warning' : `${warnings} warnings`} (−${n})`];
  if (warnings < 64) WARNING_LOSSES[warnings] = loss;
  return [n, loss[1]];
}

/**
 * Cleans one record. Pure and deterministic: the same values and tables always give the same result, so a re-clean
 * after an edit changes only what the edit changed. Never throws (each normalizer is defensive).
 */
export function cleanRecord(v: CanonicalValues, t: CleanTables): CleanedRecord {
  const issues: CleanIssue[] = [];
  const add = (field: IssueField, code: string, severity: IssueSeverity, message: string, suggestion?: string) => {
    // Messages quote the input, which may hold lone surrogates: printed as U+FFFD so every message is valid UTF-8.
    const i: CleanIssue = { field, code: codeFor(field, code), severity, message: message.toWellFormed() };
    if (suggestion !== undefined) i.suggestion = suggestion;
    issues.push(i);
  };
  const nameIssue = (field: IssueField, x: NameIssue) => add(field, x.code, NAME_SEVERITY[x.code] ?? 'warning', x.message);

  // Names and company.
  const name = parseNameFields({ full: v.full_name, first: v.first_name, last: v.last_name, middle: v.middle_name, prefix: v.prefix, suffix: v.suffix });
  const companyRaw = v.company ?? '';
  const company = companyRaw.trim() === '' ? { display: '', key: '', issues: [] } : normalizeCompany(companyRaw);
  for (const x of company.issues) if (x.code !== 'empty') nameIssue('company', x);
  let companyDisplay = company.display;
  let companyKey = company.key;
  for (const x of name.issues) nameIssue('name', x);
  if (name.kind === 'company' && !companyDisplay) {
    // A company typed into the name columns is what the piece is addressed to; the company field takes it.
    const text = cleanText([v.full_name, v.first_name, v.last_name].filter((s) => s && s.trim()).join(' '));
    const c = normalizeCompany(text);
    companyDisplay = c.display;
    companyKey = c.key;
    if (companyDisplay) add('company', 'taken_from_name', 'info', `Company "${companyDisplay}" taken from the name field.`);
  }
  const hasPerson = (name.kind === 'person' || name.kind === 'couple') && (name.last !== '' || name.first !== '');
  const hasName = hasPerson || companyDisplay !== '';
  if (!hasName && name.kind === 'empty') add('name', 'missing', 'warning', 'No name and no company.');

  const title = cleanText(v.title ?? '');

  // Postal address.
  const addr = cleanAddress(v.address1 ?? '', v.address2 ?? '');
  for (const x of addr.parsed.issues) add('address', x.code, x.severity, x.message);
  const stateText = v.state ?? '';
  const st = stateOf(stateText);
  const zip = parseZip(v.zip ?? '', st.code ?? stateText);
  for (const x of zip.issues) add('zip', x.code, x.severity, x.message);
  let state = st.code ?? '';
  let city = cleanCity(v.city ?? '');
  const row = zip.zip5 ? t.zips.get(zip.zip5) : undefined;
  if (!city && row) {
    city = row.city;
    add('city', 'taken_from_zip', 'info', `City ${row.city} taken from ZIP ${zip.zip5}.`);
  } else if (!city) add('city', 'missing', 'error', 'No city.');
  if (!state && row && stateText.trim() === '') {
    state = row.state;
    add('state', 'taken_from_zip', 'info', `State ${row.state} taken from ZIP ${zip.zip5}.`);
  } else if (!state && row) {
    // Something that is not a state (a phone number, a country) where the state should be: the ZIP says which it is.
    state = row.state;
    add('state', 'unknown', 'warning', `${st.issues[0]?.message ?? `"${stateText}" is not a US state`}; ${row.state} taken from ZIP ${zip.zip5}.`);
  } else for (const x of st.issues) add('state', x.code, x.severity, x.message);
  for (const x of checkZipCityState(zip.zip5, city, state || null, t.zips)) {
    if (x.code === 'zip-city-differs') {
      // The table holds one preferred city per ZIP; a city that is the name of another ZIP of the same area (Boston for
      // Allston's 02134) is usually acceptable to USPS, so it is only noted.
      if (zip.zip5 && areaCities(t.zips, zip.zip5.slice(0, 3)).has(cityKey(city))) add('city', 'area_name', 'info', `${x.message}; ${city} is a city of the ${zip.zip5.slice(0, 3)}xx area, usually accepted.`);
      else add('city', 'differs_from_zip', x.severity, x.message);
    }
    else if (x.code === 'state-unknown') continue; // already reported by normalizeState
    else add('zip', x.code, x.severity, x.message);
  }
  const pos = row ?? NO_POSITION;

  // E-mail and phone.
  const emailRaw = v.email ?? '';
  const email = normalizeEmail(emailRaw, t.email);
  for (const x of email.issues) add('email', x.code, x.code === 'email.missing' && emailRaw.trim() === '' ? 'info' : x.severity, x.message, x.code === 'email.typo' ? email.suggestion : undefined);
  const phoneRaw = (v.phone ?? '').trim() !== '' ? (v.phone ?? '') : (v.mobile ?? '');
  const phone = normalizePhone(phoneRaw, { defaultCountry: t.defaultCountry });
  for (const x of phone.issues) add('phone', x.code, x.code === 'phone.missing' && phoneRaw.trim() === '' ? 'info' : x.severity, x.message);

  // Verdicts.
  const p = addr.parsed;
  const deliveryLine =
    (p.kind === 'street' && p.number !== '' && p.street !== '') ||
    (p.kind === 'po-box' && p.poBox !== '') ||
    (p.kind === 'rural-route' && !!p.ruralRoute?.box) ||
    p.kind === 'military';
  const placeError = issues.find((i) => (i.field === 'zip' || i.field === 'state' || i.field === 'city' || i.field === 'address') && i.severity === 'error');
  const mailable = hasName && deliveryLine && city !== '' && state !== '' && zip.zip5 !== null && !placeError;
  const emailable = email.valid && !email.disposable && !email.suggestion;
  const callable = phone.e164 !== null && !phone.issues.some((i) => i.code === 'phone.fictional');

  // Quality: what a record is worth for mail, e-mail and phone, less the warnings. Each loss is its reason as shown,
  // "(−n)" included; the usual ones are constants, which the stored form codes as table indexes.
  const losses: [number, string][] = [];
  if (!hasName) losses.push([25, 'No usable name or company (−25)']);
  else if (!hasPerson) losses.push([5, 'Company only, no contact person (−5)']);
  else if (name.first === '' || name.last === '') losses.push([5, 'Only part of the name (−5)']);
  if (!mailable) {
    losses.push([
      35,
      !deliveryLine
        ? 'Not mailable: no deliverable street line (−35)'
        : placeError
          ? `Not mailable: ${placeError.message.replace(/\.$/, '')} (−35)`
          : !hasName
            ? 'Not mailable: nobody to address it to (−35)'
            : 'Not mailable: city, state or ZIP missing (−35)',
    ]);
  }
  if (!emailable) {
    losses.push([
      15,
      emailRaw.trim() === ''
        ? 'No e-mail address (−15)'
        : email.disposable
          ? 'E-mail not usable (disposable) (−15)'
          : email.suggestion
            ? 'E-mail not usable (likely typo) (−15)'
            : 'E-mail not usable (−15)',
    ]);
  }
  if (!callable) losses.push([15, phoneRaw.trim() === '' ? 'No phone number (−15)' : 'Phone number not valid (−15)']);
  let warnings = 0;
  for (const i of issues) if (i.severity === 'warning') warnings++;
  if (warnings > 0) losses.push(warningLoss(warnings));
  losses.sort((a, b) => b[0] - a[0]);
  let lost = 0;
  for (const [n] of losses) lost += n;
  const quality = Math.max(0, 100 - lost);

  return {
    nameKind: name.kind,
    prefix: name.prefix,
    firstName: name.first,
    middleName: name.middle,
    lastName: name.last,
    suffix: name.suffix,
    company: companyDisplay,
    companyKey,
    title,
    email: email.value,
    emailDomain: email.domain,
    phone: phone.value,
    address1: addr.line1,
    address2: addr.line2,
    city,
    state,
    zip5: zip.zip5 ?? '',
    zip4: zip.zip4 ?? '',
    lat: pos.lat,
    lon: pos.lon,
    mailable,
    emailable,
    callable,
    quality,
    qualityReasons: losses.map((l) => l[1]),
    issues,
  };
}

/** Normalized values for the record drawer, in reading order, with labels; empty values left out. */
export function normalizedForDisplay(r: CleanedRecord): { field: string; label: string; value: string }[] {
  const rows: [string, string, string][] = [
    ['prefix', 'Prefix', r.prefix], ['first_name', 'First name', r.firstName], ['middle_name', 'Middle', r.middleName],
    ['last_name', 'Last name', r.lastName], ['suffix', 'Suffix', r.suffix], ['company', 'Company', r.company],
    ['company_key', 'Company match key', r.companyKey], ['title', 'Title', r.title], ['email', 'E-mail', r.email],
    ['phone', 'Phone', r.phone], ['address1', 'Address', r.address1], ['address2', 'Address line 2', r.address2],
    ['city', 'City', r.city], ['state', 'State', r.state], ['zip5', 'ZIP', r.zip5], ['zip4', 'ZIP+4', r.zip4],
    ['latlon', 'ZIP centroid', r.lat !== null && r.lon !== null ? `${r.lat.toFixed(4)}, ${r.lon.toFixed(4)}` : ''],
  ];
  return rows.filter(([, , value]) => value !== '').map(([field, label, value]) => ({ field, label, value }));
}
