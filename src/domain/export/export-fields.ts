// The fields an export can write: the list's own columns, the canonical cleaned columns, mail-merge lines and lead scores,
// resolved from `--fields` words; and the mail-merge lines themselves (addressee, delivery line, "CITY ST 12345-6789").
import { canonicalExportRow, CANONICAL_EXPORT_COLUMNS, type CleanedRecord } from '../clean-record';
import { fitLetter } from '../score/profile';
import { RECORD_KEY_HEADER } from './postal-layout';

/** Mail-merge lines, in the order a label prints them. */
export const MAIL_MERGE_FIELDS = ['addressee', 'company', 'delivery_line', 'last_line'] as const;
/** The last score of a prospect (empty for a record never scored): fit 0-100, grade "A1", its fit letter A-D. */
export const SCORE_FIELDS = ['score', 'grade', 'band'] as const;
/** Names of the parts of a last line, for mail-merge templates that want them apart. */
export const ZIP_FIELDS = ['zip'] as const;
/** The record's key for a round trip through a service bureau ("W3-17"); postal-import finds the record by it. */
export const KEY_FIELDS = [RECORD_KEY_HEADER] as const;

/**
 * `--fields cass`: the layout CASS/DPV/NCOA service bureaus take (header, then the field it is written from): the record
 * key first, so their result file can be read back; then the name, company and the address as Winnow cleaned it, ZIP
 * with its +4 when known.
 */
export const CASS_LAYOUT: readonly (readonly [header: string, field: string])[] = [
  [RECORD_KEY_HEADER, RECORD_KEY_HEADER], ['full_name', 'addressee'], ['first_name', 'first_name'], ['last_name', 'last_name'], ['company', 'company'],
  ['address1', 'address1'], ['address2', 'address2'], ['city', 'city'], ['state', 'state'], ['zip', 'zip'],
];

/** Every named export field, canonical columns first. */
export const NAMED_EXPORT_FIELDS: readonly string[] = [...new Set<string>([...CANONICAL_EXPORT_COLUMNS, ...MAIL_MERGE_FIELDS, ...ZIP_FIELDS, ...SCORE_FIELDS, ...KEY_FIELDS])];

/** One output column: a named field, or the list's column at `index` (with its original header). */
export type ExportField = { kind: 'named'; name: string; header: string } | { kind: 'column'; index: number; header: string };

export interface FieldSource {
  /** The list's columns: shown name and the header as it was in the file. */
  columns: readonly { index: number; name: string; original?: string | null | undefined }[];
}

/** What `--fields` can be: a preset, or field and column names separated by commas, in the order to write them. */
export function resolveExportFields(spec: string, list: FieldSource): ExportField[] {
  const original = list.columns.map((c): ExportField => ({ kind: 'column', index: c.index, header: c.original ?? c.name }));
  const canonical = CANONICAL_EXPORT_COLUMNS.map((name): ExportField => ({ kind: 'named', name, header: name }));
  const trimmed = spec.trim();
  if (trimmed === 'original') return original;
  if (trimmed === 'canonical') return canonical;
  if (trimmed === 'all') return [...canonical, ...original];
  if (trimmed === 'mail-merge') return MAIL_MERGE_FIELDS.map((name) => ({ kind: 'named', name, header: name }));
  if (trimmed === 'cass') return CASS_LAYOUT.map(([header, name]) => ({ kind: 'named', name, header }));
  const names = trimmed.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (names.length === 0) throw new ExportFieldError('--fields names no field', []);
  return names.map((word) => {
    if (NAMED_EXPORT_FIELDS.includes(word)) return { kind: 'named', name: word, header: word };
    const exact = list.columns.find((c) => (c.original ?? c.name) === word || c.name === word);
    const loose = exact ?? list.columns.find((c) => (c.original ?? c.name).trim().toLowerCase() === word.toLowerCase() || c.name.toLowerCase() === word.toLowerCase());
    if (loose) return { kind: 'column', index: loose.index, header: loose.original ?? loose.name };
    if (NAMED_EXPORT_FIELDS.includes(word.toLowerCase())) return { kind: 'named', name: word.toLowerCase(), header: word.toLowerCase() };
    throw new ExportFieldError(`unknown field "${word}"`, list.columns.map((c) => c.original ?? c.name));
  });
}

/** A --fields word that names nothing; the message lists every valid name. */
export class ExportFieldError extends Error {
  constructor(what: string, columns: readonly string[]) {
    super(
      `${what}. Fields: original, canonical, all, mail-merge, cass, or a comma-separated list of ${NAMED_EXPORT_FIELDS.join(', ')}` +
        (columns.length > 0 ? `, or the list's columns ${columns.map((c) => `"${c}"`).join(', ')}` : ''),
    );
  }
}

/** The person the piece is addressed to, as cleaned: "Dr. Mary A. Smith Jr." ('' when the record names no person). */
export function addresseeLine(r: Pick<CleanedRecord, 'prefix' | 'firstName' | 'middleName' | 'lastName' | 'suffix'>): string {
  if (r.firstName === '' && r.lastName === '') return '';
  return [r.prefix, r.firstName, r.middleName, r.lastName, r.suffix].filter((x) => x !== '').join(' ');
}

/** Street line as USPS standardizes it, secondary address after it: "123 N MAIN ST APT 4B". */
export function deliveryLine(r: Pick<CleanedRecord, 'address1' | 'address2'>): string {
  return [r.address1, r.address2].filter((x) => x !== '').join(' ');
}

/** ZIP5 with its +4 when known: "12345-6789". */
export function zipPlus4(r: Pick<CleanedRecord, 'zip5' | 'zip4'>): string {
  return r.zip5 === '' ? '' : r.zip4 === '' ? r.zip5 : `${r.zip5}-${r.zip4}`;
}

/** The last line of a US address: "CITY ST 12345-6789" (upper case, single spaces, empty parts left out). */
export function lastLine(r: Pick<CleanedRecord, 'city' | 'state' | 'zip5' | 'zip4'>): string {
  return [r.city.toUpperCase(), r.state.toUpperCase(), zipPlus4(r)].filter((x) => x !== '').join(' ');
}

/** A prospect's last score, as the export fields read it. */
export interface ExportScore {
  fit: number;
  grade: string;
}

/** The value of a named field for a cleaned record (`canonical` is its canonicalExportRow, computed once per record). */
export function namedValue(name: string, r: CleanedRecord, canonical: readonly string[], score: ExportScore | undefined): string {
  const at = (CANONICAL_EXPORT_COLUMNS as readonly string[]).indexOf(name);
  if (at >= 0) return canonical[at] ?? '';
  switch (name) {
    case 'addressee':
      return addresseeLine(r);
    case 'delivery_line':
      return deliveryLine(r);
    case 'last_line':
      return lastLine(r);
    case 'zip':
      return zipPlus4(r);
    case 'score':
      return score ? String(Math.round(score.fit)) : '';
    case 'grade':
      return score?.grade ?? '';
    case 'band':
      return score ? scoreBand(score.fit) : '';
  }
  return '';
}

/** A score band: the fit letter, A (75-100), B (50-74), C (25-49), D (0-24) — the same cut as the grade's letter. */
export const scoreBand = fitLetter;

/** A row's cells for the chosen fields (`key`: the record's winnow_id, "W3-17"). */
export function exportRow(fields: readonly ExportField[], cells: readonly string[], r: CleanedRecord | null, score: ExportScore | undefined, key = ''): string[] {
  const canonical = r && fields.some((f) => f.kind === 'named') ? canonicalExportRow(r) : [];
  return fields.map((f) => (f.kind === 'column' ? (cells[f.index] ?? '') : f.name === RECORD_KEY_HEADER ? key : r ? namedValue(f.name, r, canonical, score) : ''));
}

/** True when any field needs the record's clean. */
export const needsClean = (fields: readonly ExportField[]) => fields.some((f) => f.kind === 'named');

/** ZIP order: ZIP5, ZIP+4, then delivery line; records without a ZIP last. */
export function zipSortKey(r: Pick<CleanedRecord, 'zip5' | 'zip4' | 'address1' | 'address2'>): string {
  return `${r.zip5 === '' ? '~' : r.zip5}${r.zip4.padEnd(4, ' ')}${deliveryLine(r)}`;
}
