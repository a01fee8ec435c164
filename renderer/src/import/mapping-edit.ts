// The mapping editor's one rule: a canonical field feeds at most one column; giving it to another column un-maps the first.
import type { CanonicalField, ColumnMapping, PreviewColumn } from '../../../src/api/contract';

export interface MappingState {
  /** Column index → field (null: kept as a custom field under its own header). */
  fields: (CanonicalField | null)[];
  /** Columns whose field was taken by another column, so the editor can say so: column index → what it lost and to whom. */
  displaced: Record<number, { field: CanonicalField; to: number }>;
}

/** The engine's proposal, de-duplicated (the first, most confident column keeps a field proposed twice). */
export function initialMapping(columns: readonly PreviewColumn[]): MappingState {
  const fields: (CanonicalField | null)[] = [];
  const owner = new Map<CanonicalField, number>();
  const byConfidence = [...columns].sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  const keep = new Set<number>();
  for (const c of byConfidence) {
    if (c.field && !owner.has(c.field)) {
      owner.set(c.field, c.index);
      keep.add(c.index);
    }
  }
  columns.forEach((c, i) => (fields[i] = c.field && keep.has(c.index) ? c.field : null));
  return { fields, displaced: {} };
}

/** Sets column `pos` (position in the preview's columns) to `field`; any other column holding it is un-mapped, visibly. */
export function assignField(state: MappingState, pos: number, field: CanonicalField | null): MappingState {
  const fields = [...state.fields];
  const displaced = { ...state.displaced };
  delete displaced[pos];
  if (field !== null) {
    fields.forEach((f, i) => {
      if (i !== pos && f === field) {
        fields[i] = null;
        displaced[i] = { field, to: pos };
      }
    });
  }
  fields[pos] = field;
  return { fields, displaced };
}

/** The mapping import.start takes: every column, confirmed. */
export function toColumnMapping(columns: readonly PreviewColumn[], state: MappingState): ColumnMapping[] {
  return columns.map((c, i) => ({ index: c.index, field: state.fields[i] ?? null }));
}

export function mappingCounts(state: MappingState): { mapped: number; custom: number } {
  const mapped = state.fields.filter((f) => f !== null).length;
  return { mapped, custom: state.fields.length - mapped };
}

/** Up to `n` distinct, non-blank sample values of a column from the preview rows. */
export function sampleValues(rows: readonly string[][], col: number, n = 3): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const v = (r[col] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length >= n) break;
  }
  return out;
}

/** After the file is read again (another encoding, header row, sheet), the user's choices carry over to columns of the same name. */
export function reapplyEdits(columns: readonly PreviewColumn[], edits: ReadonlyMap<string, CanonicalField | null>): MappingState {
  let state = initialMapping(columns);
  for (const [name, field] of edits) {
    const pos = columns.findIndex((c) => c.name === name);
    if (pos >= 0) state = assignField(state, pos, field);
  }
  return { fields: state.fields, displaced: {} };
}
