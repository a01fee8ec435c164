// Grid views: a list filtered and searched (SQL) and sorted (integer ranks of cached value columns), worked out once into row numbers and kept (LRU); facet value counts over a view.
import {
  GRID_CLEAN_FIELDS,
  GRID_CLEAN_LABELS,
  WinnowError,
  type FacetResult,
  type GridTarget,
  type GridViewParsed,
  type GridViewState,
  type ListInfo,
} from '../api/contract';
import { issueLabel } from '../domain/clean-record';
import { columnKind, sortByRanks, valueRanks, type ValueKind } from '../domain/grid-values';
import type { Db } from '../store/db';
import { listHasEdits } from '../store/edits';
import { columnSample, maxRowNo, valueColumn, viewRowNumbers, type ViewCondition, type ViewFilter, type ViewQuery, type ViewTarget } from '../store/grid-views';
import { listRuns } from '../store/matches';

/** Views kept per project: each is 4 bytes per row in it (4 MB for a million rows). */
const MAX_VIEWS = 8;
/**
 * Value columns (for sort keys and facets) kept per project, by count and by estimated size: 4 bytes per row of the list
 * each, plus its distinct values (a column of unique e-mail addresses is tens of megabytes at a million rows).
 */
const MAX_VALUE_COLUMNS = 12;
const MAX_VALUE_BYTES = 256 * 1024 * 1024;
/** Rows sampled to tell a number or date column from a text one. */
const KIND_SAMPLE = 1000;

interface CachedView {
  rows: Uint32Array;
  buildMs: number;
  /** The edit generation the view was built at. */
  gen: number;
}

interface ValueColumn {
  listId: number;
  /** Value code of each row number (0: no such row). */
  codes: Uint32Array;
  values: string[];
  /** Sort ranks of the codes, by direction, worked out on first use. */
  ranks: { asc?: Uint32Array; desc?: Uint32Array };
}

/** Rough memory of a value column: its codes, its ranks, and each distinct value as a string with a map entry. */
function columnBytes(c: ValueColumn): number {
  let bytes = c.codes.byteLength + 2 * 4 * (c.values.length + 1);
  for (const v of c.values) bytes += 2 * v.length + 48;
  return bytes;
}

/**
 * A project's grid caches. Views survive cell edits on purpose: the edited row keeps its place (as in a spreadsheet's
 * filter) and pages show its new value; the view says it is stale until asked for with refresh. Jobs that change
 * records (import, clean, dedupe, score, mailing) clear everything and stop the builds under way.
 */
export class GridCache {
  private readonly views = new Map<string, CachedView>();
  private readonly columns = new Map<string, ValueColumn>();
  private readonly kinds = new Map<string, ValueKind>();
  /** Builds under way by view key (a second caller of the same view waits for the first). */
  readonly pending = new Map<string, Promise<CachedView>>();
  /** The grid's current build per list: a newer view of the list stops it. */
  readonly current = new Map<number, AbortController>();
  readonly running = new Set<AbortController>();
  private gen = 0;
  /** Bumped whenever cached data may no longer match the project: results read before are then not kept. */
  private version = 0;

  clear(): void {
    this.views.clear();
    this.columns.clear();
    this.kinds.clear();
    this.version++;
    for (const a of this.running) a.abort();
  }

  /** A cell of the list changed: views go stale, values of the list are read again when next asked for. */
  noteEdit(listId?: number): void {
    this.gen++;
    this.version++;
    for (const [key, c] of this.columns) if (listId === undefined || c.listId === listId) this.columns.delete(key);
    for (const key of this.kinds.keys()) if (listId === undefined || key.startsWith(`${listId}:`)) this.kinds.delete(key);
  }

  get generation(): number {
    return this.gen;
  }

  get dataVersion(): number {
    return this.version;
  }

  view(key: string): CachedView | undefined {
    return touch(this.views, key);
  }

  putView(key: string, v: CachedView, version = this.version): void {
    if (version === this.version) put(this.views, key, v, MAX_VIEWS);
  }

  column(key: string): ValueColumn | undefined {
    return touch(this.columns, key);
  }

  putColumn(key: string, c: ValueColumn, version = this.version): void {
    if (version !== this.version) return;
    put(this.columns, key, c, MAX_VALUE_COLUMNS);
    let total = 0;
    for (const col of this.columns.values()) total += columnBytes(col);
    // The newest column stays even alone over the budget: the view being built needs it.
    for (const [k, col] of this.columns) {
      if (total <= MAX_VALUE_BYTES || k === key) break;
      this.columns.delete(k);
      total -= columnBytes(col);
    }
  }

  kind(list: ListInfo, index: number, db: Db): ValueKind {
    const key = `${list.id}:${index}`;
    let k = this.kinds.get(key);
    if (k === undefined) this.kinds.set(key, (k = columnKind(columnSample(db, list.id, index, KIND_SAMPLE))));
    return k;
  }

  /** Views and value columns held (for tests and memory reports). */
  get sizes(): { views: number; columns: number } {
    return { views: this.views.size, columns: this.columns.size };
  }
}

/** Map insertion order as recency: a hit moves to the end, the first entry is the least recently used. */
function touch<V>(m: Map<string, V>, key: string): V | undefined {
  const v = m.get(key);
  if (v !== undefined) {
    m.delete(key);
    m.set(key, v);
  }
  return v;
}

function put<V>(m: Map<string, V>, key: string, v: V, max: number): void {
  m.delete(key);
  m.set(key, v);
  while (m.size > max) m.delete(m.keys().next().value!);
}


/** Resolves a target against the list: a column that exists, the column mapped to a field, or a clean value. */
function resolveTarget(db: Db, list: ListInfo, cache: GridCache, t: GridTarget, typed: boolean): ViewTarget {
  if ('clean' in t) {
    if (!(GRID_CLEAN_FIELDS as readonly string[]).includes(t.clean)) throw new WinnowError('INVALID_INPUT', `There is no cleaned field "${t.clean}".`);
    return { kind: 'clean', name: t.clean };
  }
  let index: number;
  if ('column' in t) {
    if (!list.columns.some((c) => c.index === t.column)) {
      throw new WinnowError('INVALID_INPUT', `List "${list.name}" has no column ${t.column + 1} (it has ${list.columns.length}).`, { listId: list.id, column: t.column });
    }
    index = t.column;
  } else {
    const col = list.columns.find((c) => c.field === t.field);
    if (!col) throw new WinnowError('INVALID_INPUT', `No column of list "${list.name}" is mapped to ${t.field}.`, { listId: list.id, field: t.field });
    index = col.index;
  }
  return { kind: 'column', index, type: typed ? cache.kind(list, index, db) : 'text' };
}

function targetLabel(list: ListInfo, t: ViewTarget): string {
  if (t.kind === 'clean') return GRID_CLEAN_LABELS[t.name];
  return list.columns.find((c) => c.index === t.index)?.name ?? `Column ${t.index + 1}`;
}

const ORDERED_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);

type ParsedCondition = Exclude<GridViewParsed['filters'][number], { any: unknown }>;

function resolveCondition(db: Db, list: ListInfo, cache: GridCache, c: ParsedCondition): ViewCondition {
  const typed = c.op === 'equals' || c.op === 'notEquals' || ORDERED_OPS.has(c.op);
  const target = resolveTarget(db, list, cache, c.target, typed);
  if (target.kind === 'clean' && target.name === 'issue' && ORDERED_OPS.has(c.op)) {
    throw new WinnowError('INVALID_INPUT', `Issue kinds cannot be compared with "${c.op}"; use equals, in, contains, is empty or is not empty.`);
  }
  return { target, op: c.op, value: c.value, to: c.to, values: c.values };
}

/** The view as a query of the store; `issue` (the older "rows with issue X" filter) is one more condition. */
function viewQuery(db: Db, list: ListInfo, cache: GridCache, view: GridViewParsed, issue: string | undefined): { query: ViewQuery; sort: { target: ViewTarget; desc: boolean }[] } {
  const filters: ViewFilter[] = view.filters.map((f) =>
    'any' in f ? { any: f.any.map((c) => resolveCondition(db, list, cache, c)) } : resolveCondition(db, list, cache, f),
  );
  if (issue !== undefined) filters.push({ target: { kind: 'clean', name: 'issue' }, op: 'equals', value: issue });
  const sort = view.sort.map((k) => {
    const target = resolveTarget(db, list, cache, k.target, true);
    if (target.kind === 'clean' && target.name === 'issue') throw new WinnowError('INVALID_INPUT', 'The grid cannot sort by issue kind; filter by it instead.');
    return { target, desc: k.desc };
  });
  const text = view.search.trim();
  let search: ViewQuery['search'] = null;
  if (text !== '') {
    const all = list.columns.map((c) => c.index);
    const columns = view.searchColumns === undefined ? all : view.searchColumns.filter((k) => all.includes(k));
    search = { text, columns };
  }
  return { query: { ...listQuery(db, list), filters, search }, sort };
}

function listQuery(db: Db, list: ListInfo): Pick<ViewQuery, 'listId' | 'hasEdits' | 'cleaned' | 'dupRunId'> {
  return { listId: list.id, hasEdits: listHasEdits(db, list.id), cleaned: list.clean !== null, dupRunId: dupRun(db, list.id) };
}

/** Every row's value of a target, read once per list and kept until an edit of the list or a job changes records. */
async function valueColumnOf(db: Db, list: ListInfo, cache: GridCache, base: ReturnType<typeof listQuery>, target: ViewTarget, top: number, signal: AbortSignal): Promise<ValueColumn> {
  const key = `${list.id}\u0000${base.dupRunId ?? ''}\u0000${target.kind === 'column' ? `c${target.index}` : target.name}`;
  const hit = cache.column(key);
  if (hit && hit.codes.length === top + 1) return hit;
  const version = cache.dataVersion;
  const col: ValueColumn = { listId: list.id, ...(await steps(valueColumn(db, base, target, top), signal)), ranks: {} };
  cache.putColumn(key, col, version);
  return col;
}

/** Longest stretch of work between two pauses, so other calls (pages, progress) get through while a view is built. */
const SLICE_MS = 30;

/** Runs a stepwise read, pausing between steps once a slice of time is used, and stopping when the signal says so. */
async function steps<T>(work: Generator<void, T>, signal: AbortSignal): Promise<T> {
  let from = performance.now();
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
    if (performance.now() - from < SLICE_MS) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) {
      work.return(undefined as never);
      throw new WinnowError('JOB_CANCELLED', 'This view was replaced before it was ready (by a newer sort, filter or search of the list, or by a change to the project).');
    }
    from = performance.now();
  }
}

function ranksOf(col: ValueColumn, target: ViewTarget, desc: boolean): Uint32Array {
  const dir = desc ? 'desc' : 'asc';
  const kind: ValueKind = target.kind === 'column' ? target.type : target.name === 'quality' || target.name === 'score' ? 'number' : 'text';
  return (col.ranks[dir] ??= valueRanks(col.values, kind, desc));
}

/** The newest merge/purge run that included the list, or null. */
function dupRun(db: Db, listId: number): number | null {
  return listRuns(db).find((r) => r.lists.includes(listId))?.id ?? null;
}

const EMPTY_VIEW: GridViewParsed = { filters: [], sort: [], search: '' };
const isPlain = (v: GridViewParsed) => v.filters.length === 0 && v.sort.length === 0 && v.search.trim() === '';

/**
 * The row numbers of a view in order (null for the whole list in file order, which needs no work), built on first use
 * and then served from the cache, so any page of it is a lookup of `count` rows by number. Building pauses between
 * steps; `supersede` (the grid's own requests) stops the list's previous build when a different view is asked for.
 */
export async function viewRows(
  db: Db,
  list: ListInfo,
  cache: GridCache,
  view: GridViewParsed | undefined,
  issue: string | undefined,
  opts: { refresh?: boolean; supersede?: boolean } = {},
): Promise<{ rows: Uint32Array | null; state: GridViewState }> {
  const v = view ?? EMPTY_VIEW;
  if (isPlain(v) && issue === undefined) return { rows: null, state: { buildMs: 0, stale: false } };
  const key = `${list.id}\u0000${issue ?? ''}\u0000${JSON.stringify(v)}`;
  if (!opts.refresh) {
    const hit = cache.view(key);
    if (hit) return { rows: hit.rows, state: { buildMs: 0, stale: hit.gen !== cache.generation } };
    const pending = cache.pending.get(key);
    if (pending) {
      const built = await pending;
      return { rows: built.rows, state: { buildMs: built.buildMs, stale: built.gen !== cache.generation } };
    }
  }
  const abort = new AbortController();
  if (opts.supersede) {
    cache.current.get(list.id)?.abort();
    cache.current.set(list.id, abort);
  }
  cache.running.add(abort);
  const build = buildView(db, list, cache, v, issue, abort.signal);
  cache.pending.set(key, build);
  try {
    const built = await build;
    cache.putView(key, built, built.version);
    return { rows: built.rows, state: { buildMs: built.buildMs, stale: built.gen !== cache.generation } };
  } finally {
    if (cache.pending.get(key) === build) cache.pending.delete(key);
    if (cache.current.get(list.id) === abort) cache.current.delete(list.id);
    cache.running.delete(abort);
  }
}

async function buildView(db: Db, list: ListInfo, cache: GridCache, v: GridViewParsed, issue: string | undefined, signal: AbortSignal): Promise<CachedView & { version: number }> {
  const t0 = performance.now();
  const version = cache.dataVersion;
  const gen = cache.generation;
  const { query, sort } = viewQuery(db, list, cache, v, issue);
  const top = maxRowNo(db, list.id);
  const filtered = query.filters.length > 0 || query.search !== null;
  let rows: Uint32Array | null = filtered ? await steps(viewRowNumbers(db, query, top), signal) : null;
  if (sort.length > 0) {
    const keys: { codes: Uint32Array; ranks: Uint32Array }[] = [];
    for (const k of sort) {
      const col = await valueColumnOf(db, list, cache, query, k.target, top, signal);
      keys.push({ codes: col.codes, ranks: ranksOf(col, k.target, k.desc) });
    }
    rows = sortByRanks(rows ?? existingRows(keys[0]!.codes), keys);
  }
  rows ??= new Uint32Array(0);
  return { rows, buildMs: Math.round((performance.now() - t0) * 10) / 10, gen, version };
}

/** The row numbers present in a value column, ascending. */
function existingRows(codes: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 1; i < codes.length; i++) if (codes[i] !== 0) n++;
  const out = new Uint32Array(n);
  for (let i = 1, k = 0; i < codes.length; i++) if (codes[i] !== 0) out[k++] = i;
  return out;
}

/** The view without its own conditions on a target (a facet counts the values one could still pick). */
function withoutTarget(view: GridViewParsed, t: GridTarget): GridViewParsed {
  const same = JSON.stringify(t);
  const filters = view.filters.filter((f) => 'any' in f || JSON.stringify(f.target) !== same);
  // Counting needs no order: the sorted view when it is the same set of rows (already built for paging), else unsorted.
  return filters.length === view.filters.length ? view : { ...view, filters, sort: [] };
}

/** Value counts of each requested target over the view (its rows worked out as for paging, then one loop per facet). */
export async function facetCounts(
  db: Db,
  list: ListInfo,
  cache: GridCache,
  view: GridViewParsed | undefined,
  requests: readonly { target: GridTarget; limit: number }[],
): Promise<{ total: number; facets: FacetResult[] }> {
  const v = view ?? EMPTY_VIEW;
  const top = maxRowNo(db, list.id);
  const base = listQuery(db, list);
  const abort = new AbortController();
  cache.running.add(abort);
  const facets: FacetResult[] = [];
  try {
    for (const { target, limit } of requests) facets.push(await facetOf(db, list, cache, v, base, top, target, limit, abort.signal));
  } finally {
    cache.running.delete(abort);
  }
  const { rows } = await viewRows(db, list, cache, v, undefined);
  return { total: rows === null ? list.rowCount : rows.length, facets };
}

async function facetOf(
  db: Db,
  list: ListInfo,
  cache: GridCache,
  v: GridViewParsed,
  base: ReturnType<typeof listQuery>,
  top: number,
  target: GridTarget,
  limit: number,
  signal: AbortSignal,
): Promise<FacetResult> {
  {
    const resolved = resolveTarget(db, list, cache, target, false);
    const col = await valueColumnOf(db, list, cache, base, resolved, top, signal);
    const { rows } = await viewRows(db, list, cache, withoutTarget(v, target), undefined);
    const counts = new Float64Array(col.values.length + 1);
    if (rows === null) for (let n = 1; n <= top; n++) counts[col.codes[n]!]!++;
    else for (let i = 0; i < rows.length; i++) counts[col.codes[rows[i]!]!]!++;
    const total = rows === null ? top - counts[0]! : rows.length;
    const isIssue = resolved.kind === 'clean' && resolved.name === 'issue';
    const tally = new Map<string, number>();
    for (let code = 1; code < counts.length; code++) {
      const n = counts[code]!;
      if (n === 0) continue;
      const value = col.values[code - 1]!;
      // A record with several issue kinds counts once for each.
      const keys = isIssue ? (value.trim() === '' ? [''] : value.trim().split(' ')) : [value];
      for (const k of keys) tally.set(k, (tally.get(k) ?? 0) + n);
    }
    const sorted = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const shown = sorted.slice(0, limit);
    const rest = sorted.slice(limit);
    return {
      target,
      label: targetLabel(list, resolved),
      values: shown.map(([value, count]) => (isIssue && value !== '' ? { value, count, label: issueLabel(value) } : { value, count })),
      other: { values: rest.length, count: rest.reduce((s, [, n]) => s + n, 0) },
      total,
    };
  }
}
