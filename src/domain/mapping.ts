// Pure column mapping: which canonical field each column feeds, from its header's wording and its sample values, with reasons.
import { CANONICAL_FIELDS, WinnowError, type CanonicalField, type ColumnMapping } from '../api/contract';

/** One column's automatic (or preset) mapping and why. */
export interface MappedColumn {
  index: number;
  field: CanonicalField | null;
  /** 0-1: 1 for a preset, ~0.95 for an exact header synonym, lower for partial wording or values alone. */
  confidence: number;
  reason: string;
}

/** Words used in field reasons ('header "Zip Code" is a name for ZIP'). */
export const FIELD_LABELS: Record<CanonicalField, string> = {
  prefix: 'name prefix', first_name: 'first name', middle_name: 'middle name', last_name: 'last name', suffix: 'name suffix', full_name: 'full name', birth_date: 'date of birth', national_id: 'national ID (SSN)', house_number: 'house number',
  company: 'company', title: 'job title', email: 'email', phone: 'phone', mobile: 'mobile phone',
  address1: 'address line 1', address2: 'address line 2', city: 'city', state: 'state', zip: 'ZIP', country: 'country',
  website: 'website', industry: 'industry', employees: 'employee count', revenue: 'revenue', orders: 'order count',
  first_order_date: 'first order date', last_order_date: 'last order date', customer_id: 'customer ID', source: 'source',
  acquired_date: 'date acquired', mailed_date: 'mail date', responded: 'responded', converted: 'converted', amount: 'amount',
  activity: 'activity', activity_date: 'activity date',
};

// Abbreviations vendors use inside headers, expanded word by word before comparing.
const ABBREVIATIONS: Record<string, string> = {
  addr: 'address', adr: 'address', addy: 'address', address: 'address', str: 'street',
  ln: 'line', no: 'number', num: 'number', nbr: 'number', nr: 'number', '#': 'number',
  cust: 'customer', acct: 'account', acc: 'account', tel: 'telephone', ph: 'phone', phn: 'phone',
  amt: 'amount', dt: 'date', emp: 'employee', empl: 'employee', employees: 'employee', co: 'company', org: 'organization', orgs: 'organization',
  qty: 'quantity', yr: 'year', apt: 'apartment', ste: 'suite', mi: 'middleinitial', pcode: 'postcode', cnty: 'county',
  ctry: 'country', cntry: 'country', mob: 'mobile', fax: 'fax', svc: 'service', ind: 'industry', desc: 'description',
  rev: 'revenue', rec: 'record', ord: 'order', ords: 'orders', prev: 'previous', ttl: 'total', tot: 'total', lst: 'last', dob: 'dateofbirth',
};

/** Header wordings per field, written naturally; compared after normalizeHeader. */
const SYNONYMS: Record<CanonicalField, string[]> = {
  prefix: ['prefix', 'name prefix', 'salutation', 'title prefix', 'honorific', 'mr mrs', 'courtesy title', 'dear'],
  first_name: ['first name', 'first', 'fname', 'f name', 'firstname', 'given name', 'given', 'forename', 'first nm', 'contact first name', 'christian name', 'first_nm', 'name first', 'nickname first'],
  middle_name: ['middle name', 'middle', 'middle initial', 'mname', 'm name', 'middle nm', 'initial', 'mid'],
  last_name: ['last name', 'last', 'lname', 'l name', 'lastname', 'surname', 'family name', 'last nm', 'name last', 'contact last name'],
  suffix: ['suffix', 'name suffix', 'generation', 'jr sr', 'sfx'],
  full_name: ['name', 'full name', 'fullname', 'contact', 'contact name', 'contact person', 'person', 'customer name', 'recipient', 'recipient name', 'addressee', 'attention', 'attn', 'individual name', 'owner name', 'member name', 'donor name', 'client name', 'display name', 'lead name', 'subscriber name', 'primary contact', 'key contact'],
  birth_date: ['date of birth', 'dateofbirth', 'birth date', 'birthdate', 'birthday', 'born', 'birth dt', 'bdate', 'd o b', 'date born'],
  national_id: ['ssn', 'social security number', 'social security', 'soc sec id', 'soc sec number', 'soc sec', 'national id', 'national identifier', 'national insurance number', 'ni number', 'tax id', 'ssn number', 'social security id', 'social insurance number'],
  house_number: ['house number', 'street number', 'house no', 'building number', 'civic number', 'house num', 'premise number', 'address number', 'streetnumber', 'housenumber', 'st number', 'number street', 'primary number'],
  company: ['company', 'company name', 'business', 'business name', 'organization', 'organisation', 'organization name', 'account name', 'account', 'firm', 'firm name', 'site name', 'employer', 'practice name', 'facility name', 'dba', 'legal name', 'corporation', 'company organization', 'store name', 'institution', 'agency', 'school name', 'church name'],
  title: ['title', 'job title', 'position', 'job', 'role', 'job role', 'occupation', 'designation', 'contact title', 'job function', 'professional title', 'executive title', 'title job'],
  email: ['email', 'e mail', 'email address', 'e mail address', 'emailaddress', 'email id', 'contact email', 'primary email', 'work email', 'business email', 'personal email', 'home email', 'internet address', 'electronic mail', 'email1', 'email 1'],
  phone: ['phone', 'phone number', 'telephone', 'telephone number', 'tel number', 'phone no', 'business phone', 'work phone', 'office phone', 'home phone', 'main phone', 'primary phone', 'contact phone', 'day phone', 'landline', 'phone1', 'phone 1', 'voice', 'direct dial', 'direct phone', 'company phone', 'contact number', 'daytime phone'],
  mobile: ['mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'cellphone', 'cell number', 'cellular', 'cell no', 'mobile no', 'mobile tel', 'sms', 'text number', 'wireless'],
  address1: ['address', 'address1', 'address 1', 'address line 1', 'address line1', 'addressline1', 'street', 'street address', 'street address 1', 'street 1', 'street1', 'mailing address', 'mailing address 1', 'mailing street', 'mail address', 'delivery address', 'delivery line 1', 'postal address', 'address street', 'home address', 'business address', 'billing address', 'billing address 1', 'billing street', 'shipping address', 'shipping address 1', 'physical address', 'street line 1', 'line 1', 'addr line 1', 'primary address', 'residence address', 'location address', 'street name', 'address one', 'primary street'],
  address2: ['address2', 'address 2', 'address line 2', 'address line2', 'addressline2', 'street 2', 'street2', 'street address 2', 'suite', 'apartment', 'apartment number', 'suite number', 'unit', 'unit number', 'suite apartment', 'apartment suite', 'secondary address', 'line 2', 'mailing address 2', 'billing address 2', 'shipping address 2', 'delivery line 2', 'address two', 'building', 'floor', 'po box', 'address cont', 'address continued'],
  city: ['city', 'town', 'suburb', 'city town', 'town city', 'municipality', 'locality', 'mailing city', 'billing city', 'shipping city', 'city name', 'place', 'post town', 'home city', 'business city'],
  state: ['state', 'st', 'province', 'state province', 'province state', 'region', 'state code', 'state abbr', 'state abbreviation', 'mailing state', 'billing state', 'shipping state', 'state or province', 'county state', 'territory', 'home state', 'business state', 'prov'],
  zip: ['zip', 'zip code', 'zipcode', 'zip 5', 'zip5', 'zip4', 'zip+4', 'zip plus 4', 'zip postal', 'zip postal code', 'postal', 'postal code', 'postalcode', 'postcode', 'post code', 'mailing zip', 'billing zip', 'shipping zip', 'billing postal code', 'mailing postal code', 'zip code 5', 'home zip', 'business zip', 'pin code', 'postal zip'],
  country: ['country', 'country name', 'country code', 'nation', 'country region', 'mailing country', 'billing country', 'shipping country', 'iso country'],
  website: ['website', 'web site', 'web', 'url', 'web address', 'homepage', 'home page', 'site', 'website url', 'company website', 'domain', 'web url', 'www', 'company url', 'internet'],
  industry: ['industry', 'sic', 'sic code', 'naics', 'naics code', 'industry code', 'sector', 'vertical', 'line of business', 'business type', 'type of business', 'primary sic', 'sic description', 'industry description', 'category', 'business category'],
  employees: ['employees', 'employee', 'employee count', 'number of employees', 'employee size', 'emp size', 'employees size', 'company size', 'headcount', 'staff', 'staff size', 'employee range', 'number employees', 'workforce', 'size'],
  revenue: ['revenue', 'revenues', 'ltv', 'lifetime value', 'customer lifetime value', 'clv', 'total sales', 'sales', 'total revenue', 'annual revenue', 'annual sales', 'sales volume', 'lifetime sales', 'total spent', 'total spend', 'spend', 'spent', 'customer spend', 'lifetime spend', 'total purchases', 'monetary', 'sales amount total', 'gross sales', 'dollars', 'total dollars', 'total amount spent', 'ytd sales', 'revenue range'],
  orders: ['orders', 'number orders', 'number of orders', 'total orders', 'order count', 'orders count', 'purchases', 'number purchases', 'number of purchases', 'purchase count', 'frequency', 'transactions', 'number transactions', 'times ordered', 'lifetime orders'],
  first_order_date: ['first order date', 'first order', 'first purchase date', 'first purchase', 'first order dt', 'date of first order', 'first bought', 'first transaction date', 'customer since', 'member since', 'since'],
  last_order_date: ['last order date', 'last order', 'last purchase date', 'last purchase', 'last order dt', 'date of last order', 'most recent order', 'most recent order date', 'most recent purchase', 'recency', 'last bought', 'last transaction date', 'last sale date', 'date last ordered', 'last activity date'],
  customer_id: ['customer id', 'customer number', 'customer', 'customer no', 'customer code', 'account number', 'account id', 'account no', 'cust id', 'client id', 'client number', 'member id', 'member number', 'donor id', 'record id', 'id', 'contact id', 'lead id', 'key', 'record number', 'unique id', 'uid', 'urn', 'source id', 'external id', 'reference', 'ref', 'ref number'],
  source: ['source', 'list source', 'lead source', 'origin', 'source code', 'list name', 'vendor', 'list', 'key code', 'keycode', 'source list', 'channel', 'acquisition source', 'referral source', 'campaign source', 'utm source'],
  acquired_date: ['acquired date', 'date acquired', 'acquired', 'acquisition date', 'date added', 'added', 'added date', 'created', 'created date', 'create date', 'date created', 'signup date', 'sign up date', 'subscribe date', 'subscribed', 'opt in date', 'join date', 'joined', 'record date', 'entry date', 'lead date', 'capture date'],
  mailed_date: ['mailed', 'mail date', 'mailed date', 'date mailed', 'drop date', 'mail drop date', 'mailing date', 'in home date', 'send date', 'sent date', 'date sent', 'sent', 'mailed on', 'last mailed', 'last mail date'],
  responded: ['responded', 'response', 'responder', 'response flag', 'responded flag', 'did respond', 'response date', 'reply', 'replied', 'response yn', 'resp', 'respond'],
  converted: ['converted', 'conversion', 'bought', 'purchased', 'buyer', 'buyer flag', 'converted flag', 'conversion flag', 'sale', 'sold', 'won', 'closed won', 'purchase flag', 'made purchase', 'conv'],
  activity: ['activity', 'activity type', 'event', 'event type', 'event name', 'action', 'interaction', 'interaction type', 'touch', 'touchpoint', 'engagement', 'engagement type', 'call outcome', 'call result', 'disposition', 'web activity'],
  activity_date: ['activity date', 'event date', 'event time', 'timestamp', 'time stamp', 'activity time', 'visit date', 'scan date', 'call date', 'open date', 'click date', 'interaction date', 'engagement date', 'occurred', 'occurred at'],
  amount: ['amount', 'order amount', 'order total', 'order value', 'sale amount', 'purchase amount', 'total', 'price', 'value', 'gift amount', 'donation amount', 'donation', 'gift', 'payment amount', 'invoice amount', 'total amount', 'transaction amount', 'net amount', 'paid'],
};

/** Qualifiers vendors put in front of a field name ("Billing Zip", "Contact Email"); dropped for a second, weaker look. */
const QUALIFIERS = ['primary', 'contact', 'customer', 'billing', 'bill', 'mailing', 'mail', 'shipping', 'ship', 'home', 'business', 'work', 'main', 'personal', 'company', 'office', 'physical', 'delivery', 'owner', 'member', 'donor', 'client', 'lead', 'prospect', 'your', 'the', 'person', 'corporate', 'hq', 'default', 'current', 'new', 'old', 'alt', 'alternate', 'other', 'secondary', 'residential', 'buyer', 'recipient', 'account', 'organization'];

/** Lower-cased words of a header: camelCase and letter/digit boundaries split, abbreviations expanded, punctuation dropped. */
export function headerWords(header: string): string[] {
  const spaced = String(header)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/#/g, ' # ')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2');
  const words = spaced.split(/[^\p{L}\p{N}#]+/u).filter((w) => w.length > 0);
  return words.map((w) => (Object.prototype.hasOwnProperty.call(ABBREVIATIONS, w) ? ABBREVIATIONS[w]! : w));
}

/** A header reduced to what matters for matching: 'Address Line 1', 'address_line1', 'AddrLine1' → 'addressline1'. */
export function normalizeHeader(header: string): string {
  return headerWords(header).join('');
}

// Lookup tables built once: normalized wording → field.
const EXACT = new Map<string, CanonicalField>();
for (const field of CANONICAL_FIELDS) {
  for (const s of SYNONYMS[field]) {
    const key = normalizeHeader(s);
    if (key && !EXACT.has(key)) EXACT.set(key, field);
  }
  const own = normalizeHeader(field);
  if (!EXACT.has(own)) EXACT.set(own, field);
}

/** Words that, anywhere in a header, point to a field (a weaker, last look). Order matters: first hit wins. */
const CONTAINS: [RegExp, CanonicalField][] = [
  [/email|e mail/, 'email'],
  [/\b(mobile|cell|cellular)\b/, 'mobile'],
  [/\b(phone|telephone)\b/, 'phone'],
  [/\b(zip|postcode|postal)\b/, 'zip'],
  [/\b(website|url|homepage)\b/, 'website'],
  [/\bfirst name\b/, 'first_name'],
  [/\b(last name|surname)\b/, 'last_name'],
  [/\b(house|street|building) number\b/, 'house_number'],
  [/\b(address|street) (line )?2\b|\b(suite|apartment)\b/, 'address2'],
  [/\b(address|street)\b/, 'address1'],
  [/\bcity\b/, 'city'],
  [/\b(date of birth|birth ?date|dateofbirth)\b/, 'birth_date'],
  [/\b(ssn|social security)\b/, 'national_id'],
  [/\b(state|province)\b/, 'state'],
  [/\bcountry\b/, 'country'],
  [/\b(company|organization|business) name\b/, 'company'],
  [/\bjob title\b/, 'title'],
  [/\b(sic|naics|industry)\b/, 'industry'],
  [/\bemployee/, 'employees'],
  [/\blast (order|purchase)\b/, 'last_order_date'],
  [/\bfirst (order|purchase)\b/, 'first_order_date'],
  [/\b(customer|account|client|member) (id|number)\b/, 'customer_id'],
  [/\b(revenue|lifetime value|ltv)\b/, 'revenue'],
  [/\b(number|total|count) (of )?orders?\b|\borders? count\b/, 'orders'],
  [/\bmail(ed|ing)? (drop )?date\b/, 'mailed_date'],
];

export interface HeaderMatch {
  field: CanonicalField;
  confidence: number;
  reason: string;
}

/** The field a header names, if any: exact synonym (0.95), after dropping a qualifier or a trailing number (0.85), or a telling word (0.7). */
export function matchHeader(header: string): HeaderMatch | null {
  const shown = String(header).trim().replace(/\s+/g, ' ');
  if (shown === '') return null;
  const words = headerWords(shown);
  const key = words.join('');
  const exact = EXACT.get(key);
  if (exact) return { field: exact, confidence: 0.95, reason: `header "${shown}" is a name for ${FIELD_LABELS[exact]}` };
  // "Billing Zip", "Contact Email 2", "Home Phone #": drop leading qualifiers and a trailing number or #.
  let core = words;
  while (core.length > 1 && QUALIFIERS.includes(core[0]!)) core = core.slice(1);
  while (core.length > 1 && /^(\d+|#|number|code)$/.test(core[core.length - 1]!) && !EXACT.has(core.join(''))) core = core.slice(0, -1);
  const loose = core.join('');
  const weaker = loose !== key ? EXACT.get(loose) : undefined;
  if (weaker) return { field: weaker, confidence: 0.85, reason: `header "${shown}" reads as ${FIELD_LABELS[weaker]}` };
  const phrase = words.join(' ');
  for (const [re, field] of CONTAINS) {
    if (re.test(phrase)) return { field, confidence: 0.7, reason: `header "${shown}" mentions ${FIELD_LABELS[field]}` };
  }
  return null;
}

// ---------- content sniffing ----------

const US_STATES = new Set(
  ('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
    'DC PR VI GU AS MP AA AE AP').split(' '),
);
const COUNTRIES = new Set(['us', 'usa', 'u.s.', 'u.s.a.', 'united states', 'united states of america', 'america', 'canada', 'ca', 'mexico', 'uk', 'united kingdom', 'great britain', 'gb', 'germany', 'de', 'france', 'fr', 'australia', 'au', 'ireland', 'ie', 'new zealand', 'nz', 'india', 'in', 'china', 'japan', 'spain', 'italy', 'netherlands', 'brazil']);
// Common US given names, so a column of them reads as first names (a sample, not a census).
const FIRST_NAMES = new Set(
  ('james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene bob bill mike jim tom dave steve chris dan joe ' +
    'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie dorothy rebecca sharon laura cynthia amy kathleen angela shirley brenda emma anna pamela nicole samantha katherine christine helen debra rachel carolyn janet maria catherine heather diane olivia julie joyce victoria ruth virginia lauren kelly christina joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa gloria sara janice ann kathryn abigail sophia frances jean alice judy isabella julia grace amber denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla alexis lori marie ann jane sue kate liz jenny renee rose').split(' '),
);

const RE = {
  email: /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[a-z]{2,}$/i,
  url: /^(https?:\/\/\S+|www\.[^\s.]+\.\S+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|biz|info|us|co|io|edu|gov|ca|uk)(\/\S*)?)$/i,
  phone: /^(\+?1[\s.-]?)?(\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(\s*(x|ext\.?|extension)\s*\d{1,6})?$/i,
  zip: /^\d{5}(-\d{4})?$|^\d{9}$/,
  zipCa: /^[a-z]\d[a-z] ?\d[a-z]\d$/i,
  state: /^[A-Za-z]{2}$/,
  date: /^(\d{4}-\d{1,2}-\d{1,2}([ t]\d{1,2}:\d{2}(:\d{2})?.*)?|\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})( \d{1,2}:\d{2}.*)?|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2},? \d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4})$/i,
  money: /^-?\$\s?-?[\d,]*\d(\.\d{1,2})?$|^-?[\d,]*\d\.\d{2}$/,
  yesNo: /^(y|n|yes|no|true|false|0|1|t|f|x)$/i,
  personName: /^[\p{Lu}][\p{L}'’.-]*( [\p{Lu}][\p{L}'’.-]*){1,3}$/u,
  word: /^[\p{L}][\p{L}'’-]*$/u,
};

export interface ContentMatch {
  field: CanonicalField | null;
  /** What the values look like, in words ('email addresses', 'dates'). */
  kind: string;
  /** Share of the non-empty sample values that look like it. */
  share: number;
  /** How many non-empty values were looked at. */
  count: number;
}

/** Kinds of value content can recognize, strongest evidence first. A kind with field null says "what" but not "which field". */
const KINDS: { kind: string; field: CanonicalField | null; test: (v: string) => boolean; min: number }[] = [
  { kind: 'email addresses', field: 'email', test: (v) => RE.email.test(v), min: 0.8 },
  { kind: 'web addresses', field: 'website', test: (v) => RE.url.test(v) && !RE.email.test(v), min: 0.8 },
  { kind: 'phone numbers', field: 'phone', test: (v) => RE.phone.test(v), min: 0.8 },
  { kind: 'ZIP codes', field: 'zip', test: (v) => RE.zip.test(v) || RE.zipCa.test(v), min: 0.9 },
  { kind: 'US state codes', field: 'state', test: (v) => RE.state.test(v) && US_STATES.has(v.toUpperCase()), min: 0.9 },
  { kind: 'country names', field: 'country', test: (v) => COUNTRIES.has(v.toLowerCase()), min: 0.9 },
  { kind: 'dates', field: null, test: (v) => RE.date.test(v), min: 0.8 },
  { kind: 'money amounts', field: null, test: (v) => RE.money.test(v), min: 0.8 },
  { kind: 'yes/no flags', field: null, test: (v) => RE.yesNo.test(v), min: 0.9 },
  { kind: 'name prefixes (Mr, Mrs, Dr)', field: 'prefix', test: (v) => /^(mr|mrs|ms|miss|mx|dr|prof|rev|fr|sir|hon|mr\s*&\s*mrs)\.?$/i.test(v), min: 0.9 },
  { kind: 'name suffixes (Jr, Sr, III)', field: 'suffix', test: (v) => /^(jr|sr|ii|iii|iv|v|md|phd|esq|dds|cpa)\.?$/i.test(v), min: 0.9 },
  { kind: 'first names', field: 'first_name', test: (v) => FIRST_NAMES.has(v.toLowerCase()), min: 0.6 },
  { kind: 'person names', field: 'full_name', test: (v) => RE.personName.test(v) && FIRST_NAMES.has(v.split(' ')[0]!.toLowerCase()), min: 0.6 },
];

/** What a column's sample values look like, when most of them look like one thing. */
export function sniffValues(values: readonly string[]): ContentMatch | null {
  const seen = values.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
  if (seen.length === 0) return null;
  let best: ContentMatch | null = null;
  for (const k of KINDS) {
    let hits = 0;
    for (const v of seen) if (k.test(v)) hits++;
    const share = hits / seen.length;
    if (share >= k.min && (!best || share > best.share)) best = { field: k.field, kind: k.kind, share, count: seen.length };
  }
  return best;
}

/** Share of values that look like a field's own kind (used to check a header's claim against the values). */
function shareLike(field: CanonicalField, values: readonly string[]): { share: number; count: number; kind: string } | null {
  const seen = values.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
  const k = KINDS.find((x) => x.field === (field === 'mobile' ? 'phone' : field));
  if (!k || seen.length === 0) return null;
  let hits = 0;
  for (const v of seen) if (k.test(v)) hits++;
  return { share: hits / seen.length, count: seen.length, kind: k.kind };
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
// Fields whose values have an unmistakable shape: values of that shape overrule any header. (Not phones: a column of
// ten-digit account numbers looks like phone numbers.)
const STRONG_CONTENT = new Set<CanonicalField>(['email', 'website']);
// What a header may legitimately call a column whose values look like X (phone numbers in a "Mobile" or "Fax"-like column).
const COMPATIBLE: Partial<Record<CanonicalField, CanonicalField[]>> = {
  phone: ['phone', 'mobile'],
  zip: ['zip', 'customer_id', 'employees', 'orders', 'revenue', 'amount', 'address2', 'source', 'industry'],
  state: ['state', 'country', 'suffix', 'prefix', 'middle_name', 'source', 'industry', 'title'],
  country: ['country', 'state'],
  first_name: ['first_name', 'full_name', 'middle_name', 'last_name', 'title', 'company', 'city'],
  full_name: ['full_name', 'company', 'first_name', 'last_name'],
  website: ['website', 'email', 'source'],
};

/** Maps one column from its header and sample values, before fields are shared out between columns. */
export function mapColumn(index: number, header: string, values: readonly string[]): MappedColumn {
  const h = matchHeader(header);
  const c = sniffValues(values);
  if (h) {
    if (c && (c.field === h.field || (c.field === 'phone' && h.field === 'mobile'))) {
      return { index, field: h.field, confidence: Math.min(0.99, Math.max(h.confidence, 0.9) + 0.04), reason: `${h.reason}, and ${pct(c.share)} of values look like ${c.kind}` };
    }
    // Vendors put "Mr"/"Mrs" under "Title": the values say which kind of title it is.
    if (c && c.field === 'prefix' && h.field === 'title') {
      return { index, field: 'prefix', confidence: round(0.9 * c.share), reason: `header "${header.trim()}" could be a job title, but ${pct(c.share)} of values look like ${c.kind}` };
    }
    if (c && c.field && STRONG_CONTENT.has(c.field) && c.share >= 0.9 && !(COMPATIBLE[c.field] ?? [c.field]).includes(h.field)) {
      return { index, field: c.field, confidence: round(0.9 * c.share), reason: `${pct(c.share)} of values look like ${c.kind}, whatever header "${header.trim()}" says` };
    }
    // The header claims a field whose values have a shape, and the values do not have it: trust the header less.
    const check = shareLike(h.field, values);
    if (check && check.count >= 3 && check.share < 0.3 && (STRONG_CONTENT.has(h.field) || h.field === 'phone' || h.field === 'mobile')) {
      return { index, field: h.field, confidence: round(h.confidence * 0.6), reason: `${h.reason}, but only ${pct(check.share)} of values look like ${check.kind}` };
    }
    return { index, field: h.field, confidence: h.confidence, reason: h.reason };
  }
  if (c && c.field) {
    const base = STRONG_CONTENT.has(c.field) || c.field === 'phone' || c.field === 'zip' || c.field === 'state' ? 0.9 : 0.6;
    return { index, field: c.field, confidence: round(base * c.share), reason: `${pct(c.share)} of values look like ${c.kind}` };
  }
  if (c) return { index, field: null, confidence: 0, reason: `${pct(c.share)} of values look like ${c.kind}, but the header does not say which; kept as a custom field` };
  const shown = String(header).trim();
  return { index, field: null, confidence: 0, reason: shown === '' ? 'no header and no telling values; kept as a custom field' : `header "${shown}" is not a known field; kept as a custom field` };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Maps every column of a table: each to the canonical field its header or values show, never two columns to one
 * field (the more certain keeps it; ties go to the leftmost). `header[i]` is the header cell as written in the file.
 */
export function autoMap(header: readonly string[], rows: readonly (readonly string[])[]): MappedColumn[] {
  const mapped = header.map((h, i) => mapColumn(i, String(h ?? ''), rows.map((r) => String(r[i] ?? ''))));
  return resolveConflicts(mapped, header);
}

/** Keeps one column per field: the most certain (leftmost on a tie); the others become custom fields saying why. */
export function resolveConflicts(mapped: readonly MappedColumn[], header: readonly string[]): MappedColumn[] {
  const order = [...mapped].sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  const owner = new Map<CanonicalField, MappedColumn>();
  const out = new Map<number, MappedColumn>();
  for (const m of order) {
    if (!m.field) {
      out.set(m.index, m);
      continue;
    }
    const taken = owner.get(m.field);
    if (!taken) {
      owner.set(m.field, m);
      out.set(m.index, m);
      continue;
    }
    out.set(m.index, {
      index: m.index,
      field: null,
      confidence: 0,
      reason: `${m.reason}; but column ${taken.index + 1} "${String(header[taken.index] ?? '').trim()}" is a better match for ${FIELD_LABELS[m.field]}, so this one is kept as a custom field`,
    });
  }
  return mapped.map((m) => out.get(m.index)!);
}

/** The signature presets are matched by: each header cell normalized, in order. */
export function headerKey(header: readonly string[]): string {
  return header.map((h) => String(h ?? '').trim().toLowerCase().replace(/\s+/g, ' ')).join('\u001f');
}

/** A preset's mapping applied to a table, when the header matches: confidence 1 and the preset named. */
export function presetMapping(presetName: string, mapping: readonly ColumnMapping[], columns: number): MappedColumn[] {
  const byIndex = new Map(mapping.map((m) => [m.index, m.field]));
  return Array.from({ length: columns }, (_, index) => {
    const field = byIndex.get(index) ?? null;
    return { index, field, confidence: 1, reason: `from preset "${presetName}"` };
  });
}

/**
 * The mapping an import uses: the automatic one, overridden column by column by the user's. Refuses indexes outside
 * the table and two columns mapped to one field (naming both), with INVALID_INPUT.
 */
export function confirmMapping(auto: readonly MappedColumn[], override: readonly ColumnMapping[] | undefined, names: readonly string[]): ColumnMapping[] {
  checkNoSharedField(override ?? [], names);
  const fields = auto.map((m) => m.field);
  const given = new Set<number>();
  for (const m of override ?? []) {
    if (m.index >= auto.length) {
      throw new WinnowError('INVALID_INPUT', `The mapping names column ${m.index + 1}, but the file has ${auto.length} column${auto.length === 1 ? '' : 's'}.`, { index: m.index, columns: auto.length });
    }
    fields[m.index] = m.field;
    given.add(m.index);
  }
  // A field the user gave to a column is taken away from an automatically mapped one.
  const chosen = new Map<CanonicalField, number>();
  for (const i of given) if (fields[i]) chosen.set(fields[i]!, i);
  fields.forEach((f, i) => {
    if (f && !given.has(i) && chosen.has(f)) fields[i] = null;
  });
  const result = fields.map((field, index) => ({ index, field }));
  checkNoSharedField(result, names);
  return result;
}

/** Throws INVALID_INPUT naming both columns when two columns are mapped to one field. */
export function checkNoSharedField(mapping: readonly ColumnMapping[], names: readonly string[] = []): void {
  const seen = new Map<CanonicalField, number>();
  const label = (i: number) => (names[i] !== undefined ? `column ${i + 1} "${names[i]}"` : `column ${i + 1}`);
  const indexes = new Set<number>();
  for (const m of mapping) {
    if (indexes.has(m.index)) throw new WinnowError('INVALID_INPUT', `The mapping gives ${label(m.index)} twice.`, { index: m.index });
    indexes.add(m.index);
    if (!m.field) continue;
    const other = seen.get(m.field);
    if (other !== undefined) {
      throw new WinnowError('INVALID_INPUT', `Two columns are mapped to ${FIELD_LABELS[m.field]} (${m.field}): ${label(other)} and ${label(m.index)}. Map only one of them.`, {
        field: m.field,
        columns: [other, m.index],
      });
    }
    seen.set(m.field, m.index);
  }
}
