// Words for the engine's canonical fields, encodings and delimiters, as a user knows them from Excel and mail houses.
import { CANONICAL_FIELDS, type CanonicalField } from '../../../src/api/contract';

/** The label in the mapping editor's select. */
export const FIELD_LABELS: Record<CanonicalField, string> = {
  prefix: 'Prefix (Mr., Dr.)',
  first_name: 'First name',
  middle_name: 'Middle name',
  last_name: 'Last name',
  suffix: 'Suffix (Jr., III)',
  full_name: 'Full name',
  birth_date: 'Date of birth',
  national_id: 'National ID (SSN)',
  house_number: 'House number',
  company: 'Company',
  title: 'Job title',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile phone',
  address1: 'Address line 1',
  address2: 'Address line 2',
  city: 'City',
  state: 'State',
  zip: 'ZIP code',
  country: 'Country',
  website: 'Website',
  industry: 'Industry',
  employees: 'Employees',
  revenue: 'Revenue',
  orders: 'Orders',
  first_order_date: 'First order date',
  last_order_date: 'Last order date',
  customer_id: 'Customer ID',
  source: 'Source',
  acquired_date: 'Date acquired',
  mailed_date: 'Date mailed',
  responded: 'Responded',
  converted: 'Converted',
  amount: 'Amount',
  activity: 'Activity',
  activity_date: 'Activity date',
};

/** The small tag under a grid column's name: short enough for a narrow column. */
export const FIELD_TAGS: Record<CanonicalField, string> = {
  prefix: 'Prefix',
  first_name: 'First',
  middle_name: 'Middle',
  last_name: 'Last',
  suffix: 'Suffix',
  full_name: 'Name',
  birth_date: 'Born',
  national_id: 'ID no.',
  house_number: 'House no.',
  company: 'Company',
  title: 'Title',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  address1: 'Addr 1',
  address2: 'Addr 2',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  country: 'Country',
  website: 'Web',
  industry: 'Industry',
  employees: 'Employees',
  revenue: 'Revenue',
  orders: 'Orders',
  first_order_date: '1st order',
  last_order_date: 'Last order',
  customer_id: 'Cust ID',
  source: 'Source',
  acquired_date: 'Acquired',
  mailed_date: 'Mailed',
  responded: 'Responded',
  converted: 'Converted',
  amount: 'Amount',
  activity: 'Activity',
  activity_date: 'Activity date',
};

/** The select's option groups, in the order a mailing list's columns usually come. Every field appears exactly once. */
export const FIELD_GROUPS: { label: string; fields: CanonicalField[] }[] = [
  { label: 'Name', fields: ['prefix', 'first_name', 'middle_name', 'last_name', 'suffix', 'full_name', 'birth_date', 'national_id'] },
  { label: 'Company', fields: ['company', 'title', 'industry', 'employees', 'revenue', 'website'] },
  { label: 'Contact', fields: ['email', 'phone', 'mobile'] },
  { label: 'Address', fields: ['house_number', 'address1', 'address2', 'city', 'state', 'zip', 'country'] },
  { label: 'History', fields: ['customer_id', 'orders', 'first_order_date', 'last_order_date', 'amount', 'source', 'acquired_date'] },
  { label: 'Campaign', fields: ['mailed_date', 'responded', 'converted', 'activity', 'activity_date'] },
];

export function isCanonicalField(v: string): v is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(v);
}

/** The encodings a user may choose, by WHATWG label (what the engine's `encoding` option takes). */
export const ENCODING_CHOICES: { value: string; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'windows-1252', label: 'Windows-1252 (Western)' },
  { value: 'iso-8859-1', label: 'ISO-8859-1 (Latin-1)' },
  { value: 'iso-8859-15', label: 'ISO-8859-15 (Latin-9)' },
  { value: 'macintosh', label: 'Mac Roman' },
];

const ENCODING_ALIASES: Record<string, string> = { utf8: 'utf-8', 'utf-16': 'utf-16le', latin1: 'iso-8859-1', cp1252: 'windows-1252', 'x-mac-roman': 'macintosh', macroman: 'macintosh' };

/** The choice's value for an encoding name the engine reported ("UTF8", "latin1" → "utf-8", "iso-8859-1"). */
export function normalizeEncoding(name: string): string {
  const n = name.trim().toLowerCase();
  return ENCODING_ALIASES[n] ?? n;
}

export function encodingLabel(name: string): string {
  const v = normalizeEncoding(name);
  return ENCODING_CHOICES.find((c) => c.value === v)?.label.replace(/ \(.*\)$/, '') ?? name;
}

export const DELIMITER_CHOICES: { value: string; label: string; word: string }[] = [
  { value: ',', label: 'Comma  ,', word: 'comma' },
  { value: '\t', label: 'Tab  ⇥', word: 'tab' },
  { value: ';', label: 'Semicolon  ;', word: 'semicolon' },
  { value: '|', label: 'Pipe  |', word: 'pipe' },
];

/** "comma", "tab"… for a delimiter character or word (the import report says words). */
export function delimiterWord(d: string): string {
  return DELIMITER_CHOICES.find((c) => c.value === d || c.word === d)?.word ?? (d === 'xlsx' ? 'Excel workbook' : `“${d}”`);
}
