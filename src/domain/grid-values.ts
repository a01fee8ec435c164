// How the grid reads a cell as a number or a date (for sorting and comparing), and guesses a column's kind from a sample.

/** "1,234.50", "$12", " 7 ", "-3e2", "45%" → the number; anything else (including '') → null. */
export function parseNumber(s: string): number | null {
  let t = s.trim();
  if (t === '') return null;
  if (t.endsWith('%')) t = t.slice(0, -1).trimEnd();
  if (t.startsWith('$')) t = t.slice(1).trimStart();
  else if (t.startsWith('-$')) t = `-${t.slice(2).trimStart()}`;
  if (t.includes(',')) {
    // Thousands separators only ("1,234,567.8"), never a decimal comma: "1,5" stays text.
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return null;
    t = t.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

/** "2024-03-07", "2024-03-07T10:00", "3/7/2024", "03/07/24" (US order) → "2024-03-07"; anything else → null. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
  if (m) {
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    return isoDate(y, Number(m[1]), Number(m[2]));
  }
  return null;
}

export type ValueKind = 'text' | 'number' | 'date';

/** A column is numbers (dates) when at least 80 % of its non-empty sampled values are (a few "n/a" do not make it text); otherwise text. */
export function columnKind(sample: readonly string[], share = 0.8): ValueKind {
  let filled = 0;
  let numbers = 0;
  let dates = 0;
  for (const v of sample) {
    if (v.trim() === '') continue;
    filled++;
    if (parseNumber(v) !== null) numbers++;
    else if (parseDate(v) !== null) dates++;
  }
  if (filled === 0) return 'text';
  if (numbers >= share * filled) return 'number';
  if (dates >= share * filled) return 'date';
  return 'text';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The sort rank of each distinct value of a column (ranks[code], codes from 1; values[code - 1]), for sorting rows by
 * integer ranks instead of comparing strings: numbers (dates) of a number (date) column first, by value; then other
 * text by a collation that ignores case and accents and reads digits as numbers ("Apt 9" before "Apt 10"); then empty
 * values. Descending reverses the first two groups and leaves empty values last. Equal values share a rank.
 */
export function valueRanks(values: readonly string[], kind: ValueKind, desc: boolean): Uint32Array {
  const typed: { code: number; key: number | string }[] = [];
  const text: { code: number; key: string }[] = [];
  const empty: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.trim() === '') {
      empty.push(i + 1);
      continue;
    }
    const key = kind === 'number' ? parseNumber(v) : kind === 'date' ? parseDate(v) : null;
    if (key !== null) typed.push({ code: i + 1, key });
    else text.push({ code: i + 1, key: v });
  }
  const sign = desc ? -1 : 1;
  typed.sort((a, b) => sign * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  text.sort((a, b) => sign * collator.compare(a.key, b.key));
  const ranks = new Uint32Array(values.length + 1);
  let rank = 0;
  for (let i = 0; i < typed.length; i++) {
    if (i > 0 && typed[i]!.key !== typed[i - 1]!.key) rank++;
    ranks[typed[i]!.code] = rank;
  }
  if (typed.length > 0) rank++;
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && collator.compare(text[i]!.key, text[i - 1]!.key) !== 0) rank++;
    ranks[text[i]!.code] = rank;
  }
  if (text.length > 0) rank++;
  for (const code of empty) ranks[code] = rank;
  return ranks;
}

/**
 * Row numbers (in file order) sorted by several keys, each given as the value code of every row (codes[rowNo]) and the
 * rank of every code; ties keep file order. One numeric sort per key, last key first (each pass is stable because the
 * row's current position is part of its sort number).
 */
export function sortByRanks(rows: Uint32Array, keys: readonly { codes: Uint32Array; ranks: Uint32Array }[]): Uint32Array {
  const n = rows.length;
  let order = rows;
  const packed = new Float64Array(n);
  for (let k = keys.length - 1; k >= 0; k--) {
    const { codes, ranks } = keys[k]!;
    let maxRank = 0;
    for (let i = 0; i < ranks.length; i++) if (ranks[i]! > maxRank) maxRank = ranks[i]!;
    if ((maxRank + 1) * n > Number.MAX_SAFE_INTEGER) throw new Error('too many rows to sort by packed ranks');
    for (let i = 0; i < n; i++) packed[i] = ranks[codes[order[i]!]!]! * n + i;
    packed.sort();
    const next = new Uint32Array(n);
    for (let i = 0; i < n; i++) next[i] = order[packed[i]! % n]!;
    order = next;
  }
  return order === rows ? rows.slice() : order;
}
