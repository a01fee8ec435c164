// The export dialog's words for what export.set can write: the field presets, the named fields (the engine's `--fields`
// names) with labels, the list's own columns, and the fields spec sent to the engine. Pure, so it is tested without a page.
import type { ListInfo } from '../../../src/api/contract';

export type FieldPreset = 'original' | 'canonical' | 'all' | 'mail-merge' | 'cass' | 'custom';

export const PRESETS: { preset: FieldPreset; label: string; note: string }[] = [
  { preset: 'original', label: 'Original columns', note: 'as imported, with your edits' },
  { preset: 'canonical', label: 'Cleaned columns', note: 'standardized name, address, e-mail, phone; mailable, quality, issues' },
  { preset: 'all', label: 'Cleaned + original', note: 'the cleaned columns, then the original ones' },
  { preset: 'mail-merge', label: 'Mail-merge lines', note: 'addressee, company, delivery line, “CITY ST 12345-6789”' },
  { preset: 'cass', label: 'For a CASS/NCOA service', note: 'record key, name, address, city, state, ZIP: the file a licensed service bureau takes; read its results back with Postal results' },
  { preset: 'custom', label: 'Choose fields…', note: 'pick the columns and their order' },
];

export type FieldGroup = 'cleaned' | 'mail-merge' | 'score' | 'column';

/** One field the user can tick: `spec` is the word the engine reads. */
export interface FieldChoice {
  /** Unique within the dialog: "f:email" for a named field, "c:3" for the list's column 3. */
  key: string;
  spec: string;
  label: string;
  group: FieldGroup;
  /** Why it cannot be chosen (a header with a comma cannot be named in the comma-separated spec). */
  blocked?: string;
}

/** The engine's named fields (CANONICAL_EXPORT_COLUMNS, mail-merge lines, ZIP+4, scores), in its order. */
const NAMED: { spec: string; label: string; group: FieldGroup }[] = [
  { spec: 'first_name', label: 'First name', group: 'cleaned' },
  { spec: 'last_name', label: 'Last name', group: 'cleaned' },
  { spec: 'company', label: 'Company', group: 'cleaned' },
  { spec: 'title', label: 'Job title', group: 'cleaned' },
  { spec: 'email', label: 'E-mail', group: 'cleaned' },
  { spec: 'phone', label: 'Phone (+1 212 555 0100)', group: 'cleaned' },
  { spec: 'address1', label: 'Address line 1', group: 'cleaned' },
  { spec: 'address2', label: 'Address line 2', group: 'cleaned' },
  { spec: 'city', label: 'City', group: 'cleaned' },
  { spec: 'state', label: 'State', group: 'cleaned' },
  { spec: 'zip5', label: 'ZIP', group: 'cleaned' },
  { spec: 'zip4', label: 'ZIP+4 add-on', group: 'cleaned' },
  { spec: 'mailable', label: 'Mailable (yes/no)', group: 'cleaned' },
  { spec: 'quality', label: 'Quality (0-100)', group: 'cleaned' },
  { spec: 'issues', label: 'Issues', group: 'cleaned' },
  { spec: 'addressee', label: 'Addressee (Dr. Mary A. Smith)', group: 'mail-merge' },
  { spec: 'winnow_id', label: 'Record key (W3-17, for a postal service)', group: 'mail-merge' },
  { spec: 'delivery_line', label: 'Delivery line (12 MAIN ST APT 4)', group: 'mail-merge' },
  { spec: 'last_line', label: 'Last line (RENO NV 89501-1234)', group: 'mail-merge' },
  { spec: 'zip', label: 'ZIP+4 (89501-1234)', group: 'mail-merge' },
  { spec: 'score', label: 'Fit score (0-100)', group: 'score' },
  { spec: 'grade', label: 'Lead grade (A1-D3)', group: 'score' },
  { spec: 'band', label: 'Fit band (A-D)', group: 'score' },
];

export const GROUP_LABELS: Record<FieldGroup, string> = { cleaned: 'cleaned', 'mail-merge': 'mail-merge', score: 'score', column: 'column' };

/** Every field of a list, the list's own columns first (as a preset would write them), then the named ones. */
export function fieldChoices(list: Pick<ListInfo, 'columns'> | null): FieldChoice[] {
  const columns = (list?.columns ?? []).map((c): FieldChoice => {
    const header = c.original ?? c.name;
    const choice: FieldChoice = { key: `c:${c.index}`, spec: header, label: header, group: 'column' };
    if (header.includes(',')) choice.blocked = 'A header with a comma cannot be chosen here; use a preset.';
    else if (header.trim() === '') choice.blocked = 'A column without a header cannot be chosen here; use a preset.';
    return choice;
  });
  return [...columns, ...NAMED.map((n): FieldChoice => ({ key: `f:${n.spec}`, ...n }))];
}

/** The keys a preset writes, in its order (the starting ticks when the user switches to "Choose fields…"). */
export function presetKeys(preset: FieldPreset, choices: readonly FieldChoice[]): string[] {
  const columns = choices.filter((c) => c.group === 'column' && !c.blocked).map((c) => c.key);
  const canonical = NAMED.filter((n) => n.group === 'cleaned').map((n) => `f:${n.spec}`);
  if (preset === 'original') return columns;
  if (preset === 'canonical') return canonical;
  if (preset === 'all') return [...canonical, ...columns];
  if (preset === 'mail-merge') return ['f:addressee', 'f:company', 'f:delivery_line', 'f:last_line'];
  if (preset === 'cass') return ['f:winnow_id', 'f:addressee', 'f:first_name', 'f:last_name', 'f:company', 'f:address1', 'f:address2', 'f:city', 'f:state', 'f:zip'];
  return [];
}

/** The custom choice: ticked keys first in the user's order, then the rest as they were. */
export function orderWithTicked(choices: readonly FieldChoice[], ticked: readonly string[]): FieldChoice[] {
  const byKey = new Map(choices.map((c) => [c.key, c]));
  const first = ticked.map((k) => byKey.get(k)).filter((c): c is FieldChoice => c !== undefined);
  const rest = choices.filter((c) => !ticked.includes(c.key));
  return [...first, ...rest];
}

/** Moves one key of an ordered list by delta places (clamped); the same list when it cannot move. */
export function moveKey(order: readonly string[], key: string, delta: number): string[] {
  const i = order.indexOf(key);
  const j = Math.max(0, Math.min(order.length - 1, i + delta));
  if (i < 0 || i === j) return [...order];
  const next = [...order];
  next.splice(i, 1);
  next.splice(j, 0, key);
  return next;
}

/** What export.set's `fields` gets: the preset's word, or the ticked fields' words in order (null: nothing ticked). */
export function fieldsSpec(preset: FieldPreset, choices: readonly FieldChoice[], ticked: readonly string[]): string | null {
  if (preset !== 'custom') return preset;
  const byKey = new Map(choices.map((c) => [c.key, c]));
  const specs = ticked.map((k) => byKey.get(k)).filter((c): c is FieldChoice => c !== undefined && !c.blocked).map((c) => c.spec);
  return specs.length > 0 ? specs.join(',') : null;
}

/** The format a file name asks for, as export.set reads it (.xlsx → workbook; anything else delimited text). */
export function formatOfName(name: string): 'xlsx' | 'csv' {
  return /\.xlsx$/i.test(name) ? 'xlsx' : 'csv';
}
