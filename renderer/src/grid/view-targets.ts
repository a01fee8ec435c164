// Words for what a view can filter, sort and count by: the list's columns and the values the clean and later steps work out.
import { GRID_CLEAN_LABELS, type ColumnInfo, type FilterOp, type GridCleanField, type GridCondition, type GridTarget } from '../../../src/api/contract';

/** Worked-out values in the filter and sort pickers sit under "Worked out", so the engine's words need no "(cleaned)". */
export const CLEAN_TARGET_LABELS = GRID_CLEAN_LABELS;

export interface TargetOption {
  key: string;
  target: GridTarget;
  label: string;
  group: 'Columns' | 'Worked out';
}

/** Every column of the list, then the worked-out values (only once the list is cleaned). */
export function targetOptions(columns: readonly ColumnInfo[], cleaned: boolean): TargetOption[] {
  const out: TargetOption[] = columns.map((c, i) => ({ key: `c:${i}`, target: { column: i }, label: c.name, group: 'Columns' }));
  if (cleaned) for (const [k, label] of Object.entries(CLEAN_TARGET_LABELS)) out.push({ key: `k:${k}`, target: { clean: k as GridCleanField }, label, group: 'Worked out' });
  return out;
}

export function targetLabel(t: GridTarget, columns: readonly ColumnInfo[]): string {
  if ('column' in t) return columns[t.column]?.name ?? `Column ${t.column + 1}`;
  if ('clean' in t) return CLEAN_TARGET_LABELS[t.clean];
  return columns.find((c) => c.field === t.field)?.name ?? t.field;
}

export const OP_LABELS: Record<FilterOp, string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  startsWith: 'starts with',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
  in: 'is one of',
};

/** Operators offered for a target: issue kinds cannot be ordered; yes/no values only compare. */
export function opsFor(t: GridTarget): FilterOp[] {
  if ('clean' in t) {
    if (t.clean === 'issue') return ['equals', 'notEquals', 'isNotEmpty', 'isEmpty'];
    if (t.clean === 'mailable' || t.clean === 'emailable' || t.clean === 'callable' || t.clean === 'duplicate' || t.clean === 'scoreBand') return ['equals', 'notEquals', 'isEmpty', 'isNotEmpty'];
    if (t.clean === 'quality' || t.clean === 'score') return ['gte', 'lte', 'gt', 'lt', 'between', 'equals', 'notEquals'];
  }
  return ['contains', 'equals', 'notEquals', 'startsWith', 'isEmpty', 'isNotEmpty', 'gt', 'gte', 'lt', 'lte', 'between'];
}

/** The operator in words for this target ("has" for issue kinds, which a record can have several of). */
export function opLabel(t: GridTarget, op: FilterOp): string {
  if ('clean' in t && t.clean === 'issue') return ({ equals: 'has', notEquals: 'does not have', isEmpty: 'has none', isNotEmpty: 'has any' } as Partial<Record<FilterOp, string>>)[op] ?? OP_LABELS[op];
  return OP_LABELS[op];
}

/** Ready to send: an operator that needs a value has one. */
export function conditionComplete(c: GridCondition): boolean {
  if (c.op === 'isEmpty' || c.op === 'isNotEmpty') return true;
  if (c.op === 'in') return (c.values?.length ?? 0) > 0;
  const has = (v: unknown) => v !== undefined && String(v).trim() !== '';
  return c.op === 'between' ? has(c.value) && has(c.to) : has(c.value);
}

/** One line of words for a condition: "State is CA", "Quality between 40 and 70". */
export function describeCondition(c: GridCondition, columns: readonly ColumnInfo[], issueLabels?: ReadonlyMap<string, string>): string {
  const t = targetLabel(c.target, columns);
  const op = opLabel(c.target, c.op);
  if (c.op === 'isEmpty' || c.op === 'isNotEmpty') return `${t} ${op}`;
  if (c.op === 'between') return `${t} between ${c.value} and ${c.to}`;
  if (c.op === 'in') return `${t} is one of ${(c.values ?? []).map((v) => (v === '' ? '(empty)' : v)).join(', ')}`;
  const value = 'clean' in c.target && c.target.clean === 'issue' ? (issueLabels?.get(String(c.value)) ?? c.value) : c.value;
  return `${t} ${op} ${value}`;
}

/** What a facet value says: '' is "(empty)", yes/no values and duplicate statuses read as words. */
export function facetValueLabel(t: GridTarget, value: string, issueLabels?: ReadonlyMap<string, string>): string {
  if ('clean' in t) {
    if (t.clean === 'issue') return value === '' ? 'No issues' : (issueLabels?.get(value) ?? value);
    if (t.clean === 'duplicate') return value === '' ? '(empty)' : ({ unique: 'Unique', kept: 'Kept (survivor)', merged: 'Merged away', unchecked: 'Not checked' } as Record<string, string>)[value] ?? value;
    if (t.clean === 'scoreBand' && value === '') return 'Not scored';
    if (value === 'yes') return 'Yes';
    if (value === 'no') return 'No';
  }
  return value === '' ? '(empty)' : value;
}
