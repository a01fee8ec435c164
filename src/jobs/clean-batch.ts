// One batch of the clean job: raw rows in, encoded clean results and their counts out. Runs on a clean worker or inline.
import type { CanonicalField } from '../api/contract';
import { cleanRecord, type CanonicalValues, type CleanTables } from '../domain/clean-record';
import { emptyStats, encodeClean, tally, type CleanStats, type EncodedColumns } from '../store/clean';

/** Column index → canonical field, for the columns of a list that the clean step reads. */
export type FieldColumns = readonly (readonly [number, CanonicalField])[];

/** A batch's results as they cross threads: a few joined strings and two typed arrays instead of thousands of objects. */
export interface WireCleanResult {
  flags: Int32Array;
  quality: Int32Array;
  /** Per row, newline-joined (none of these can hold a newline: JSON escapes it, the others are codes). */
  state: string;
  zip5: string;
  codes: string;
  data: string;
  stats: CleanStats;
}

/** The canonical values of one row from its cells. */
export function valuesOf(cells: readonly string[], columns: FieldColumns): CanonicalValues {
  const v: CanonicalValues = {};
  for (const [index, field] of columns) {
    const cell = cells[index];
    if (cell !== undefined && cell !== '') v[field] = cell;
  }
  return v;
}

/**
 * valuesOf for the batch path: every field cleanRecord reads is present from the start (undefined when the cell is empty,
 * which cleanRecord reads as it reads a missing field), so all rows share one object shape and cleanRecord's property
 * reads stay monomorphic instead of going through one shape per combination of empty cells.
 */
function shapedValuesOf(cells: readonly string[], indexes: readonly number[], fields: readonly CanonicalField[]): CanonicalValues {
  const v: CanonicalValues = {
    full_name: undefined, first_name: undefined, last_name: undefined, middle_name: undefined, prefix: undefined, suffix: undefined,
    company: undefined, title: undefined, email: undefined, phone: undefined, mobile: undefined, address1: undefined, address2: undefined,
    city: undefined, state: undefined, zip: undefined,
  };
  for (let k = 0; k < indexes.length; k++) {
    const cell = cells[indexes[k]!];
    if (cell !== undefined && cell !== '') v[fields[k]!] = cell;
  }
  return v;
}

/** Cleans rows given as one JSON array of their cell arrays (records.raw of each row, as store/clean rawBatch reads them). */
export function cleanBatch(rowsJson: string, columns: FieldColumns, tables: CleanTables): WireCleanResult {
  // One JSON.parse for the whole batch: much cheaper than one per row.
  const rows = JSON.parse(rowsJson) as string[][];
  const n = rows.length;
  const flags = new Int32Array(n);
  const quality = new Int32Array(n);
  const state: string[] = new Array(n);
  const zip5: string[] = new Array(n);
  const codes: string[] = new Array(n);
  const data: string[] = new Array(n);
  const stats = emptyStats();
  const indexes = columns.map((c) => c[0]);
  const fields = columns.map((c) => c[1]);
  for (let i = 0; i < n; i++) {
    const r = cleanRecord(shapedValuesOf(rows[i]!, indexes, fields), tables);
    const e = encodeClean(r);
    tally(stats, e, r.issues, 1);
    flags[i] = e.flags;
    quality[i] = e.quality;
    state[i] = e.state;
    zip5[i] = e.zip5;
    codes[i] = e.codes;
    data[i] = e.data;
  }
  return { flags, quality, state: state.join('\n'), zip5: zip5.join('\n'), codes: codes.join('\n'), data: data.join('\n'), stats };
}

/** The encoded rows back from their wire form, column by column. */
export function unwire(w: WireCleanResult): EncodedColumns {
  if (w.flags.length === 0) return { flags: w.flags, quality: w.quality, state: [], zip5: [], codes: [], data: [] };
  return { flags: w.flags, quality: w.quality, state: w.state.split('\n'), zip5: w.zip5.split('\n'), codes: w.codes.split('\n'), data: w.data.split('\n') };
}
