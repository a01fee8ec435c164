// What a model reads from a table of text cells: each column profiled as numeric, date or categorical (or left out, with
// the reason), then encoded — numbers standardized with a missing flag for the logistic model, and small bin codes for trees.

/** Cells that mean "no value". ("unknown" is a real category in many files, so it is kept.) */
const MISSING = new Set(['', 'na', 'n/a', 'null', '?', '-', '.', 'nan', '#n/a']);
export const isMissing = (cell: string | undefined) => cell === undefined || MISSING.has(cell.trim().toLowerCase());

const PLAIN = /^-?\d+(\.\d+)?$/;

/** A number as lists write it: "1,234.5", "$12", "45%", "(12)" negative. NaN when it is not one. */
export function parseNumber(cell: string): number {
  // The common case first: plain digits with an optional sign and decimal point.
  if (PLAIN.test(cell)) return Number(cell);
  let t = cell.trim();
  if (t === '') return NaN;
  let sign = 1;
  if (/^\(.*\)$/.test(t)) {
    sign = -1;
    t = t.slice(1, -1);
  }
  t = t.replace(/^[$€£]/, '').replace(/%$/, '');
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/.test(t) || !/\d/.test(t)) return NaN;
  return sign * Number(t.replace(/,/g, ''));
}

const DATE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/;
const DATE_US = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/** Days since 1970-01-01 of an ISO (2024-03-05) or US (3/5/2024) date, or NaN. */
export function parseDay(cell: string): number {
  const t = cell.trim();
  let y: number;
  let m: number;
  let d: number;
  let x = DATE_ISO.exec(t);
  if (x) [y, m, d] = [+x[1]!, +x[2]!, +x[3]!];
  else if ((x = DATE_US.exec(t))) {
    [m, d, y] = [+x[1]!, +x[2]!, +x[3]!];
    if (y < 100) y += y > 50 ? 1900 : 2000;
  } else return NaN;
  if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export type FeatureKind = 'numeric' | 'date' | 'categorical';

export interface Feature {
  /** Column name as in the file's header. */
  name: string;
  kind: FeatureKind;
  /** Numeric and date: value used for a missing cell (the median), mean and spread for standardizing, bin edges for trees. */
  median?: number;
  mean?: number;
  sd?: number;
  /** Upper edges of the tree bins (ascending): bin b holds values ≤ edges[b-1]; bin 0 is missing. */
  edges?: number[];
  /** Share of rows with no value. */
  missing: number;
  /** Categorical: the levels kept (most frequent first); others read as "(other)". */
  levels?: string[];
}

export interface LeftOut {
  name: string;
  why: string;
}

/** Most tree bins per numeric column (bin 0 is "missing"). */
const MAX_BINS = 63;
/** Most levels per categorical column; rarer values are "(other)". */
const MAX_LEVELS = 60;

export interface ProfileOptions {
  /** Column indexes not to read (the outcome, columns the user said to ignore). */
  skip: ReadonlySet<number>;
}

/**
 * Decides how to read each column: numeric when nearly every value is a number, a date when nearly every value is a
 * date (read as days, so "recent" is a number), categorical otherwise — unless it looks like an identifier (nearly every
 * value distinct) or holds a single value, which tell nothing and are left out with the reason.
 */
export function profileColumns(header: readonly string[], rows: readonly (readonly string[])[], opts: ProfileOptions): { features: (Feature & { index: number })[]; leftOut: LeftOut[] } {
  const features: (Feature & { index: number })[] = [];
  const leftOut: LeftOut[] = [];
  const n = rows.length;
  header.forEach((name, index) => {
    if (opts.skip.has(index)) return;
    const values: string[] = [];
    for (const r of rows) {
      const c = r[index];
      if (!isMissing(c)) values.push(c!.trim());
    }
    const missing = n === 0 ? 1 : 1 - values.length / n;
    if (values.length === 0) return void leftOut.push({ name, why: 'always empty' });
    const numbers = values.map(parseNumber);
    const numeric = numbers.filter((x) => Number.isFinite(x)).length;
    const distinct = new Map<string, number>();
    for (const v of values) distinct.set(v, (distinct.get(v) ?? 0) + 1);
    if (distinct.size === 1) return void leftOut.push({ name, why: `one value only ("${values[0]}")` });
    if (numeric >= 0.95 * values.length) {
      const finite = numbers.filter((x) => Number.isFinite(x));
      features.push({ index, name, kind: 'numeric', missing: 1 - finite.length / Math.max(1, n), ...numericStats(finite) });
      return;
    }
    const days = values.map(parseDay);
    const dated = days.filter((x) => Number.isFinite(x));
    if (dated.length >= 0.9 * values.length) {
      features.push({ index, name, kind: 'date', missing: 1 - dated.length / Math.max(1, n), ...numericStats(dated) });
      return;
    }
    // An identifier: nearly every value different (and enough rows to tell).
    if (n >= 50 && distinct.size > 0.5 * values.length) return void leftOut.push({ name, why: `an identifier or free text (${Math.round((100 * distinct.size) / values.length)}% of values distinct)` });
    const minCount = Math.max(5, Math.ceil(0.001 * n));
    const levels = [...distinct]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_LEVELS)
      .map(([v]) => v);
    if (levels.length === 0) return void leftOut.push({ name, why: 'no value is frequent enough to learn from' });
    features.push({ index, name, kind: 'categorical', missing, levels });
  });
  return { features, leftOut };
}

function numericStats(values: number[]): Pick<Feature, 'median' | 'mean' | 'sd' | 'edges'> {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const median = n === 0 ? 0 : n % 2 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= Math.max(1, n);
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, n - 1)) || 1;
  // Quantile edges, without repeats: a column of few distinct values gets one bin per value.
  const edges: number[] = [];
  for (let b = 1; b < MAX_BINS; b++) {
    const e = sorted[Math.min(n - 1, Math.floor((b * n) / MAX_BINS))]!;
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  if (edges.length > 0 && edges[edges.length - 1]! >= sorted[n - 1]!) edges.pop();
  return { median, mean, sd, edges };
}

/** A feature's value for one cell: a finite number, NaN when missing; categorical: level index, levels.length for "(other)", -1 missing. */
export function featureValue(f: Feature, cell: string | undefined): number {
  if (isMissing(cell)) return f.kind === 'categorical' ? -1 : NaN;
  const t = cell!.trim();
  if (f.kind === 'numeric') return parseNumber(t);
  if (f.kind === 'date') return parseDay(t);
  const k = f.levels!.indexOf(t);
  return k < 0 ? f.levels!.length : k;
}

/** The encoded table: one column of values per feature (see featureValue), row-major per column. */
export interface Encoded {
  n: number;
  features: Feature[];
  values: Float64Array[];
}

export function encode(features: readonly (Feature & { index: number })[], rows: readonly (readonly string[])[]): Encoded {
  const values = features.map((f) => {
    const col = new Float64Array(rows.length);
    // Level lookup by map: indexOf per cell is too slow for a million rows.
    const levels = f.kind === 'categorical' ? new Map(f.levels!.map((l, k) => [l, k])) : null;
    for (let i = 0; i < rows.length; i++) {
      const cell = rows[i]![f.index];
      if (levels) col[i] = isMissing(cell) ? -1 : (levels.get(cell!.trim()) ?? f.levels!.length);
      else col[i] = featureValue(f, cell);
    }
    return col;
  });
  return { n: rows.length, features: features.map(({ index: _, ...f }) => f), values };
}

/** Tree bin of a value: 0 missing; numeric 1..edges.length+1; categorical 1 + level index (the last is "(other)"). */
export function binOf(f: Feature, v: number): number {
  if (f.kind === 'categorical') return v < 0 ? 0 : v + 1;
  if (Number.isNaN(v)) return 0;
  const e = f.edges!;
  let lo = 0;
  let hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= e[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/** Bins per feature (including the missing bin). */
export const binCount = (f: Feature) => (f.kind === 'categorical' ? f.levels!.length + 2 : f.edges!.length + 2);

/** A value in words for reasons: "job = retired", "age = 67", "balance missing". */
export function valueWords(f: Feature, v: number): string {
  if (f.kind === 'categorical') return v < 0 ? `${f.name} missing` : `${f.name} = ${v < f.levels!.length ? f.levels![v] : '(other)'}`;
  if (Number.isNaN(v)) return `${f.name} missing`;
  if (f.kind === 'date') return `${f.name} = ${new Date(v * 86_400_000).toISOString().slice(0, 10)}`;
  return `${f.name} = ${Number.isInteger(v) ? v : Math.round(v * 100) / 100}`;
}
