// One batch of the clean job: raw rows in, encoded clean results and their counts out. Runs on a clean worker or inline.
import type { CanonicalField } from '../api/contract';
import { cleanRecord, type CanonicalValues, type CleanTables } from '../domain/clean-record';
import { emptyStats, encodeClean, tally, type CleanStats, type EncodedClean } from '../store/clean';

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

/** Cleans rows given as their JSON text (newline-joined, as records.raw stores them). */
export function cleanBatch(joinedRaws: string, columns: FieldColumns, tables: CleanTables): WireCleanResult {
  const raws = joinedRaws === '' ? [] : joinedRaws.split('\n');
  const n = raws.length;
  const flags = new Int32Array(n);
  const quality = new Int32Array(n);
  const state: string[] = new Array(n);
  const zip5: string[] = new Array(n);
  const codes: string[] = new Array(n);
  const data: string[] = new Array(n);
  const stats = emptyStats();
  for (let i = 0; i < n; i++) {
    const r = cleanRecord(valuesOf(JSON.parse(raws[i]!) as string[], columns), tables);
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

/** The encoded rows back from their wire form. */
export function unwire(w: WireCleanResult): EncodedClean[] {
  const n = w.flags.length;
  if (n === 0) return [];
  const state = w.state.split('\n');
  const zip5 = w.zip5.split('\n');
  const codes = w.codes.split('\n');
  const data = w.data.split('\n');
  const out: EncodedClean[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { flags: w.flags[i]!, quality: w.quality[i]!, state: state[i]!, zip5: zip5[i]!, codes: codes[i]!, data: data[i]! };
  return out;
}
