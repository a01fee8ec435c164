// Grid views in SQL: the row numbers of a list that pass a view's filters and quick search, samples of a column, and every row's value of a field (for sorting and facets).
import type { FilterOp, GridCleanField } from '../api/contract';
import { parseDate, parseNumber, type ValueKind } from '../domain/grid-values';
import type { Db } from './db';
import { MAX_ROWS_PER_LIST, recordId } from './records';

/** What a condition or sort key reads, resolved against the list (column indexes checked, kinds known). */
export type ViewTarget = { kind: 'column'; index: number; type: ValueKind } | { kind: 'clean'; name: GridCleanField };

export interface ViewCondition {
  target: ViewTarget;
  op: FilterOp;
  value?: string | number | undefined;
  to?: string | number | undefined;
  values?: readonly string[] | undefined;
}

export type ViewFilter = ViewCondition | { any: readonly ViewCondition[] };

export interface ViewQuery {
  listId: number;
  /** The list has cell edits: column values read the edit first (a correlated lookup, skipped when there are none). */
  hasEdits: boolean;
  /** The list has clean results for every record (the query may then start from the clean table). */
  cleaned: boolean;
  /** The merge/purge run that gives the duplicate status, or null when no run included the list. */
  dupRunId: number | null;
  filters: readonly ViewFilter[];
  search: { text: string; columns: readonly number[] } | null;
}

const functionsOn = new WeakSet<Db>();
/** winnow_num(text), winnow_date(text): the grid's reading of a cell as a number / an ISO date, or NULL; winnow_lower: lower case beyond ASCII. */
function ensureFunctions(db: Db): void {
  if (functionsOn.has(db)) return;
  db.function('winnow_num', { deterministic: true }, (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null));
  db.function('winnow_date', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? parseDate(v) : null));
  db.function('winnow_lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
  functionsOn.add(db);
}

/** Reads the query needs, so the FROM clause joins only those tables. */
function needs(q: ViewQuery, extra: readonly ViewTarget[] = []): { records: boolean; clean: boolean; scores: boolean; members: boolean } {
  const targets: ViewTarget[] = [...extra];
  for (const f of q.filters) {
    if ('any' in f) for (const c of f.any) targets.push(c.target);
    else targets.push(f.target);
  }
  const n = { records: q.search !== null || !q.cleaned, clean: false, scores: false, members: false };
  for (const t of targets) {
    if (t.kind === 'column') n.records = true;
    else if (t.name === 'score' || t.name === 'scoreBand') n.scores = true;
    else if (t.name === 'duplicate') n.members = q.dupRunId !== null;
    else n.clean = true;
  }
  return n;
}

interface Built {
  from: string;
  /** The record id column of the driving table. */
  id: string;
}

function fromClause(q: ViewQuery, n: ReturnType<typeof needs>): Built {
  const id = n.records ? 'r.id' : 'c.id';
  let from = n.records ? 'records r' : 'clean c';
  if (n.records && n.clean) from += ' LEFT JOIN clean c ON c.id = r.id';
  if (n.scores) from += ` LEFT JOIN lead_scores s ON s.record_id = ${id}`;
  if (n.members) from += ` LEFT JOIN match_members m ON m.run_id = ${q.dupRunId!} AND m.record_id = ${id}`;
  return { from, id };
}

/** A target's value as SQL: text ('' when missing) or a native number (NULL when missing). */
function valueSql(q: ViewQuery, t: ViewTarget): { sql: string; native: boolean } {
  if (t.kind === 'column') {
    const k = t.index;
    return {
      sql: q.hasEdits ? `coalesce((SELECT value FROM cell_edits WHERE record_id = r.id AND col = ${k}), r.raw ->> ${k}, '')` : `coalesce(r.raw ->> ${k}, '')`,
      native: false,
    };
  }
  switch (t.name) {
    case 'state':
      return { sql: `coalesce(c.state, '')`, native: false };
    case 'zip5':
      return { sql: `coalesce(c.zip5, '')`, native: false };
    case 'quality':
      return { sql: `c.quality`, native: true };
    case 'mailable':
    case 'emailable':
    case 'callable': {
      const bit = t.name === 'mailable' ? 1 : t.name === 'emailable' ? 2 : 4;
      return { sql: `(CASE WHEN c.flags IS NULL THEN '' WHEN c.flags & ${bit} THEN 'yes' ELSE 'no' END)`, native: false };
    }
    case 'issue':
      return { sql: `coalesce(c.codes, '')`, native: false };
    case 'score':
      return { sql: `s.fit`, native: true };
    case 'scoreBand':
      return { sql: `coalesce(substr(s.grade, 1, 1), '')`, native: false };
    case 'duplicate':
      return { sql: q.dupRunId === null ? `'unchecked'` : `(CASE WHEN m.record_id IS NULL THEN 'unique' WHEN m.survivor = 1 THEN 'kept' ELSE 'merged' END)`, native: false };
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** How a comparison reads its operand: as a number, a date, or text. */
function compareMode(v: string | number, kindOfTarget: ValueKind | 'native'): { mode: 'number' | 'date' | 'text'; param: string | number } {
  if (typeof v === 'number') return { mode: 'number', param: v };
  const n = parseNumber(v);
  if (n !== null && kindOfTarget !== 'date') return { mode: 'number', param: n };
  const d = parseDate(v);
  if (d !== null && kindOfTarget !== 'native') return { mode: 'date', param: d };
  if (n !== null) return { mode: 'number', param: n };
  return { mode: 'text', param: v };
}

function conditionSql(q: ViewQuery, c: ViewCondition, params: unknown[]): string {
  const { sql: x, native } = valueSql(q, c.target);
  const kind: ValueKind | 'native' = native ? 'native' : c.target.kind === 'column' ? c.target.type : 'text';
  if (c.target.kind === 'clean' && c.target.name === 'issue') return issueConditionSql(c, params);
  switch (c.op) {
    case 'equals':
    case 'notEquals': {
      const v = c.value!;
      const n = typeof v === 'number' ? v : parseNumber(v);
      let sql: string;
      if (n !== null && (native || kind === 'number')) {
        params.push(n);
        sql = native ? `${x} = ?` : `winnow_num(${x}) = ?`;
      } else {
        params.push(String(v).trim());
        sql = native ? `CAST(${x} AS TEXT) = ?` : `trim(${x}) = ? COLLATE NOCASE`;
      }
      return c.op === 'equals' ? sql : native ? `NOT coalesce(${sql}, 0)` : `NOT (${sql})`;
    }
    case 'contains':
      params.push(`%${likeEscape(String(c.value))}%`);
      return `${x} LIKE ? ESCAPE '\\'`;
    case 'startsWith':
      params.push(`${likeEscape(String(c.value))}%`);
      return `${x} LIKE ? ESCAPE '\\'`;
    case 'isEmpty':
      return native ? `${x} IS NULL` : `trim(${x}) = ''`;
    case 'isNotEmpty':
      return native ? `${x} IS NOT NULL` : `trim(${x}) <> ''`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between': {
      const bounds: [string, string | number][] =
        c.op === 'between' ? [['>=', c.value!], ['<=', c.to!]] : [[{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op], c.value!]];
      const parts = bounds.map(([cmp, v]) => {
        const m = compareMode(v, kind);
        params.push(m.param);
        if (native) return `${x} ${cmp} ?`;
        if (m.mode === 'number') return `winnow_num(${x}) ${cmp} ?`;
        if (m.mode === 'date') return `winnow_date(${x}) ${cmp} ?`;
        return `(trim(${x}) <> '' AND ${x} ${cmp} ? COLLATE NOCASE)`;
      });
      return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
    }
    case 'in': {
      const values = c.values ?? [];
      if (values.length === 0) return '0';
      if (native) {
        const nums = values.map((v) => parseNumber(v));
        const parts: string[] = [];
        const present = nums.filter((n): n is number => n !== null);
        if (present.length > 0) {
          params.push(...present);
          parts.push(`${x} IN (${present.map(() => '?').join(', ')})`);
        }
        if (values.some((v) => v.trim() === '')) parts.push(`${x} IS NULL`);
        return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
      }
      params.push(...values);
      return `${x} IN (${values.map(() => '?').join(', ')})`;
    }
  }
}

/** Issue codes are a set per record (' code code '): equals / in test membership, '' means "no issue". */
function issueConditionSql(c: ViewCondition, params: unknown[]): string {
  const codes = `coalesce(c.codes, '')`;
  const has = (code: string) => {
    if (code.trim() === '') return `${codes} = ''`;
    params.push(` ${code.trim()} `);
    return `instr(${codes}, ?) > 0`;
  };
  switch (c.op) {
    case 'equals':
      return has(String(c.value));
    case 'notEquals':
      return `NOT (${has(String(c.value))})`;
    case 'in':
      return (c.values ?? []).length === 0 ? '0' : `(${c.values!.map(has).join(' OR ')})`;
    case 'contains':
      params.push(String(c.value));
      return `instr(${codes}, ?) > 0`;
    case 'startsWith':
      params.push(` ${String(c.value)}`);
      return `instr(${codes}, ?) > 0`;
    case 'isEmpty':
      return `${codes} = ''`;
    case 'isNotEmpty':
      return `${codes} <> ''`;
    default:
      throw new Error(`issue kinds cannot be compared with ${c.op}`);
  }
}

/**
 * The quick search: a cheap LIKE over the row's JSON first (a superset: JSON keeps text other than quotes, backslashes
 * and control characters as it is), then the cells themselves. LIKE ignores the case of ASCII letters only, so a search
 * with other letters compares lower-cased cells instead (slower: a function call per cell), after the same kind of
 * first pass with its longest plain ASCII part.
 */
function searchSql(q: ViewQuery, params: unknown[]): string {
  const s = q.search!;
  if (s.columns.length === 0) return '0';
  const cell = (k: number) => valueSql(q, { kind: 'column', index: k, type: 'text' }).sql;
  const ascii = /^[^\u0080-\uffff]*$/.test(s.text);
  const runs = s.text.split(/[^\u0020-\u007e]|["\\]/).filter((r) => r.length > 0);
  const plain = runs.length === 1 && runs[0] === s.text ? s.text : (runs.filter((r) => r.length >= 2).sort((a, b) => b.length - a.length)[0] ?? null);
  let pre = '';
  if (plain !== null) {
    params.push(`%${likeEscape(plain)}%`);
    pre = q.hasEdits ? `(r.raw LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM cell_edits e WHERE e.record_id = r.id))` : `r.raw LIKE ? ESCAPE '\\'`;
  }
  let cells: string[];
  if (ascii) {
    const pattern = `%${likeEscape(s.text)}%`;
    cells = s.columns.map((k) => {
      params.push(pattern);
      return `${cell(k)} LIKE ? ESCAPE '\\'`;
    });
  } else {
    const lower = s.text.toLowerCase();
    cells = s.columns.map((k) => {
      params.push(lower);
      return `instr(winnow_lower(${cell(k)}), ?) > 0`;
    });
  }
  return pre === '' ? `(${cells.join(' OR ')})` : `(${pre} AND (${cells.join(' OR ')}))`;
}


function whereSql(q: ViewQuery, id: string, params: unknown[], rows: { from: number; to: number }): string {
  params.push(recordId(q.listId, rows.from), recordId(q.listId, rows.to));
  const parts = [`${id} >= ? AND ${id} < ?`];
  for (const f of q.filters) {
    if ('any' in f) parts.push(`(${f.any.map((c) => conditionSql(q, c, params)).join(' OR ')})`);
    else parts.push(conditionSql(q, f, params));
  }
  if (q.search) parts.push(searchSql(q, params));
  return parts.join(' AND ');
}

/** The SQL of a view's filters over row numbers [from, to) and its parameters (exported for the query-plan test). */
export function viewSql(q: ViewQuery, rows: { from: number; to: number } = { from: 1, to: MAX_ROWS_PER_LIST }): { sql: string; params: unknown[] } {
  const n = needs(q);
  const { from, id } = fromClause(q, n);
  const params: unknown[] = [recordId(q.listId, 0)];
  const where = whereSql(q, id, params, rows);
  return { sql: `SELECT ${id} - ? FROM ${from} WHERE ${where} ORDER BY ${id}`, params };
}

/** Rows per step of a view build: each step is one short statement, so the caller can let other calls in between. */
export const VIEW_CHUNK = 65_536;

/**
 * Row numbers (ascending) of the records that pass a view's filters and search: one pass over the list in steps of
 * VIEW_CHUNK rows (a generator: each `yield` is a point where the caller may pause or stop).
 */
export function* viewRowNumbers(db: Db, q: ViewQuery, maxRowNo: number): Generator<void, Uint32Array> {
  ensureFunctions(db);
  const { sql } = viewSql(q);
  const stmt = db.prepare(sql).pluck();
  const parts: number[][] = [];
  let total = 0;
  for (let from = 1; from <= maxRowNo; from += VIEW_CHUNK) {
    const part = stmt.all(...viewSql(q, { from, to: Math.min(maxRowNo + 1, from + VIEW_CHUNK) }).params) as number[];
    parts.push(part);
    total += part.length;
    yield;
  }
  const out = new Uint32Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The imported values of one column in the first `count` rows (to guess whether it holds numbers or dates). */
export function columnSample(db: Db, listId: number, index: number, count: number): string[] {
  return db
    .prepare(`SELECT coalesce(raw ->> ${index}, '') FROM records WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?`)
    .pluck()
    .all(recordId(listId, 1), recordId(listId, MAX_ROWS_PER_LIST), count) as string[];
}

/**
 * Every record's value of one target, as a value code per row number (codes[rowNo]; 0 = no such row) and the distinct
 * values (values[code - 1]): one pass over the list in steps (a generator, as viewRowNumbers), after which sorting by it
 * and counting its values over any view are loops over integers. The values come from SQLite as one joined string (one crossing instead of a million), unless
 * the list has gaps in its row numbers or a value holds the separator.
 */
export function* valueColumn(db: Db, q: Pick<ViewQuery, 'listId' | 'hasEdits' | 'cleaned' | 'dupRunId'>, target: ViewTarget, maxRowNo: number): Generator<void, { codes: Uint32Array; values: string[] }> {
  const query: ViewQuery = { ...q, filters: [], search: null };
  const codes = new Uint32Array(maxRowNo + 1);
  const values: string[] = [];
  const seen = new Map<string, number>();
  const add = (rowNo: number, v: string) => {
    let code = seen.get(v);
    if (code === undefined) {
      values.push(v);
      seen.set(v, (code = values.length));
    }
    codes[rowNo] = code;
  };
  const { from, id } = fromClause(query, needs(query, [target]));
  const { sql: x, native } = valueSql(query, target);
  const text = native ? `coalesce(CAST(${x} AS TEXT), '')` : x;
  const base = recordId(q.listId, 0);
  // Chunks of rows, so the joined text stays small (a million values at once is tens of megabytes the process keeps).
  const chunk = db.prepare(
    `SELECT count(*) AS n, min(id) AS first, max(id) AS last, group_concat(v, char(1)) AS v FROM (SELECT ${id} AS id, ${text} AS v FROM ${from} WHERE ${id} >= ? AND ${id} < ? ORDER BY ${id})`,
  );
  const byRow = db.prepare(`SELECT ${id} - ?, ${text} FROM ${from} WHERE ${id} >= ? AND ${id} < ?`).raw();
  for (let start = 1; start <= maxRowNo; start += VIEW_CHUNK, yield) {
    const lo = base + start;
    const hi = base + Math.min(maxRowNo + 1, start + VIEW_CHUNK);
    const joined = chunk.get(lo, hi) as { n: number; first: number | null; last: number | null; v: string | null };
    if (joined.n === 0 || joined.first === null || joined.last === null) continue;
    const parts = joined.last - joined.first + 1 === joined.n ? (joined.v ?? '').split('\u0001') : [];
    if (parts.length === joined.n) {
      const first = joined.first - base;
      for (let k = 0; k < parts.length; k++) add(first + k, parts[k]!);
    } else {
      for (const [rowNo, v] of byRow.iterate(base, lo, hi) as IterableIterator<[number, string]>) add(rowNo, v);
    }
  }
  return { codes, values };
}

/** The highest row number of a list (view arrays are indexed by it). */
export function maxRowNo(db: Db, listId: number): number {
  const r = db.prepare(`SELECT max(id) FROM records WHERE id >= ? AND id <= ?`).pluck().get(recordId(listId, 0), recordId(listId, MAX_ROWS_PER_LIST)) as number | null;
  return r === null ? 0 : r - recordId(listId, 0);
}
