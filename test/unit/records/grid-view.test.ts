// Grid views through the service on a real project: multi-key sort (numbers, dates, text, empties last), every filter operator, OR groups, quick search, facets, paging, edits, errors, and the query plan.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GridView, MethodInput } from '../../../src/api/contract';
import { columnKind, parseDate, parseNumber, sortByRanks, valueRanks } from '../../../src/domain/grid-values';
import { GridCache } from '../../../src/records/grid-view';
import { openReadConnection } from '../../../src/store/db';
import { recordId } from '../../../src/store/records';
import { viewSql } from '../../../src/store/grid-views';
import { expectCode, importFile, newProject, writeFile, type TestProject } from '../../fixtures/helpers';

// Columns: 0 First Name, 1 Last Name, 2 Amount, 3 Joined, 4 Address, 5 City, 6 State, 7 Zip, 8 Email, 9 Source
const CSV = [
  'First Name,Last Name,Amount,Joined,Address,City,State,Zip,Email,Source',
  'Ann,Smith,10,2024-01-05,1 Main St,Reno,NV,89501,ann@example.com,Acme',
  'bob,smith,9,3/7/2023,2 Oak Ave,Reno,NV,89502,,Acme',
  'Carl,Adams,100,2022-12-31,3 Pine Rd,Los Angeles,CA,90001,carl@example.com,Co-op',
  'Dana,,1.5,,4 Elm St,Austin,TX,78701,dana@example.com,Co-op',
  'Eve,Zed,,2025-06-01,5 Ash St,New York,NY,10001,eve@example,Acme',
  'Finn,adams,"1,200",2021-02-02,6 Birch St,Austin,TX,78701,finn@example.com,',
  'Gus,Brown,abc,2020-01-01,,,,,gus@example.com,Other',
].join('\n');

let t: TestProject;
let listId: number;

beforeAll(async () => {
  t = await newProject();
  const imported = await importFile(t, writeFile(t.dir, 'people.csv', CSV), 'People');
  expect(imported.status).toBe('done');
  listId = (imported.result as { listId: number }).listId;
  const job = await t.service.invoke('jobs.wait', { jobId: (await t.service.invoke('clean.start', { projectId: t.projectId, listId })).jobId });
  expect(job.status, job.error?.message).toBe('done');
});

async function rows(view: GridView, extra: Partial<MethodInput<'lists.rows'>> = {}): Promise<number[]> {
  const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 100, view, ...extra });
  expect(w.total).toBe(w.rows.length);
  return w.rows.map((r) => r.rowNo);
}

const col = (column: number) => ({ column });

describe('sort', () => {
  it('sorts by several text keys, ignoring case, ties in file order, empty values last', async () => {
    expect(await rows({ sort: [{ target: col(1) }, { target: col(0) }] })).toEqual([3, 6, 7, 1, 2, 5, 4]);
    expect(await rows({ sort: [{ target: { field: 'last_name' }, desc: true }, { target: col(0) }] })).toEqual([5, 1, 2, 7, 3, 6, 4]);
  });

  it('sorts a numeric-looking column as numbers, then the values that are not numbers, then empty ones, in both directions', async () => {
    expect(await rows({ sort: [{ target: col(2) }] })).toEqual([4, 2, 1, 3, 6, 7, 5]);
    expect(await rows({ sort: [{ target: col(2), desc: true }] })).toEqual([6, 3, 1, 2, 4, 7, 5]);
  });

  it('sorts a date column by date whatever the format (ISO or m/d/yyyy)', async () => {
    expect(await rows({ sort: [{ target: col(3) }] })).toEqual([7, 6, 3, 2, 1, 5, 4]);
  });

  it('sorts by cleaned fields: state, then quality', async () => {
    const byState = await rows({ sort: [{ target: { clean: 'state' } }, { target: col(0) }] });
    expect(byState).toEqual([3, 1, 2, 5, 4, 6, 7]);
    const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 100, view: { sort: [{ target: { clean: 'quality' }, desc: true }] } });
    const q = w.rows.map((r) => r.verdict!.quality);
    expect(q).toEqual([...q].sort((a, b) => b - a));
  });
});

describe('filters', () => {
  const where = (c: GridView['filters']) => rows({ filters: c });
  it.each<[string, NonNullable<GridView['filters']>, number[]]>([
    ['equals (ignores case and spaces)', [{ target: col(6), op: 'equals', value: ' nv ' }], [1, 2]],
    ['equals on a number column compares numbers', [{ target: col(2), op: 'equals', value: '1200' }], [6]],
    ['not equals', [{ target: { field: 'state' }, op: 'notEquals', value: 'NV' }], [3, 4, 5, 6, 7]],
    ['contains (ignores case)', [{ target: col(8), op: 'contains', value: 'EXAMPLE.COM' }], [1, 3, 4, 6, 7]],
    ['contains treats % and _ as letters', [{ target: col(8), op: 'contains', value: '_' }], []],
    ['starts with', [{ target: col(1), op: 'startsWith', value: 'sm' }], [1, 2]],
    ['is empty', [{ target: col(9), op: 'isEmpty' }], [6]],
    ['is not empty', [{ target: col(1), op: 'isNotEmpty' }], [1, 2, 3, 5, 6, 7]],
    ['greater than (numbers; text values never match)', [{ target: col(2), op: 'gt', value: 9 }], [1, 3, 6]],
    ['at least', [{ target: col(2), op: 'gte', value: '9' }], [1, 2, 3, 6]],
    ['less than', [{ target: col(2), op: 'lt', value: 9 }], [4]],
    ['at most', [{ target: col(2), op: 'lte', value: 1.5 }], [4]],
    ['between numbers (inclusive)', [{ target: col(2), op: 'between', value: 9, to: 100 }], [1, 2, 3]],
    ['between dates', [{ target: col(3), op: 'between', value: '2022-01-01', to: '12/31/2023' }], [2, 3]],
    ['after a date', [{ target: col(3), op: 'gt', value: '1/1/2024' }], [1, 5]],
    ['in (exact values, as facets pick them)', [{ target: col(6), op: 'in', values: ['CA', 'TX'] }], [3, 4, 6]],
    ['in is exact about case', [{ target: col(6), op: 'in', values: ['ca'] }], []],
    ['in with the empty value', [{ target: col(9), op: 'in', values: ['', 'Other'] }], [6, 7]],
    ['AND of conditions', [{ target: col(6), op: 'equals', value: 'TX' }, { target: col(2), op: 'gt', value: 100 }], [6]],
    ['OR group', [{ any: [{ target: col(6), op: 'equals', value: 'CA' }, { target: col(2), op: 'gt', value: 1000 }] }], [3, 6]],
    ['cleaned state', [{ target: { clean: 'state' }, op: 'in', values: ['NV', 'NY'] }], [1, 2, 5]],
    ['cleaned quality', [{ target: { clean: 'quality' }, op: 'between', value: 0, to: 100 }], [1, 2, 3, 4, 5, 6, 7]],
    ['not mailable', [{ target: { clean: 'mailable' }, op: 'equals', value: 'no' }], [7]],
    ['duplicate status before any merge/purge', [{ target: { clean: 'duplicate' }, op: 'in', values: ['unchecked'] }], [1, 2, 3, 4, 5, 6, 7]],
    ['not scored yet: empty score band', [{ target: { clean: 'scoreBand' }, op: 'isEmpty' }], [1, 2, 3, 4, 5, 6, 7]],
  ])('%s', async (_name, filters, expected) => {
    expect(await where(filters)).toEqual(expected);
  });

  it('filters by issue kind, alone or with the older issue parameter', async () => {
    const kinds = await t.service.invoke('lists.issues', { projectId: t.projectId, listId });
    const code = kinds.kinds[0]!.code;
    const viaView = await rows({ filters: [{ target: { clean: 'issue' }, op: 'equals', value: code }] });
    expect(viaView.length).toBe(kinds.kinds[0]!.records);
    const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 100, issue: code });
    expect(w.rows.map((r) => r.rowNo)).toEqual(viaView);
    const none = await rows({ filters: [{ target: { clean: 'issue' }, op: 'isEmpty' }] });
    const some = await rows({ filters: [{ target: { clean: 'issue' }, op: 'isNotEmpty' }] });
    expect([...none, ...some].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(some).toEqual(expect.arrayContaining(viaView));
  });
});

describe('quick search', () => {
  it('finds a substring in any cell, ignoring case', async () => {
    expect(await rows({ search: 'RENO' })).toEqual([1, 2]);
    expect(await rows({ search: 'acme' })).toEqual([1, 2, 5]);
  });
  it('looks only in the visible columns when told', async () => {
    expect(await rows({ search: 'smith', searchColumns: [0] })).toEqual([]);
    expect(await rows({ search: 'smith', searchColumns: [1] })).toEqual([1, 2]);
  });
  it('does not match across cells or JSON punctuation', async () => {
    expect(await rows({ search: 'Ann","Smith' })).toEqual([]);
    expect(await rows({ search: 'Smith,10' })).toEqual([]);
  });
  it('ignores the case of accented letters too, and finds quotes', async () => {
    const t4 = await newProject();
    const imp = await importFile(t4, writeFile(t4.dir, 'a.csv', 'Name,Note\nÉmile Zola,"said ""hi"""\nemile,x\nÉMILIE,y\n'), 'A');
    const id = (imp.result as { listId: number }).listId;
    const find = async (search: string) =>
      (await t4.service.invoke('lists.rows', { projectId: t4.projectId, listId: id, fromRow: 1, count: 10, view: { search } })).rows.map((r) => r.rowNo);
    expect(await find('émile')).toEqual([1]);
    expect(await find('ÉMI')).toEqual([1, 3]);
    expect(await find('"hi"')).toEqual([1]);
    expect(await find('e')).toEqual([1, 2, 3]);
    expect(await find('zola')).toEqual([1]);
  });

  it('combines with filters and sort', async () => {
    expect(await rows({ search: 'example.com', filters: [{ target: col(6), op: 'equals', value: 'TX' }], sort: [{ target: col(0), desc: true }] })).toEqual([6, 4]);
  });
});

describe('paging', () => {
  it('serves any window of a sorted, filtered view by position', async () => {
    const view: GridView = { sort: [{ target: col(1) }, { target: col(0) }], filters: [{ target: col(1), op: 'isNotEmpty' }] };
    const w = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 3, count: 2, view });
    expect(w.total).toBe(6);
    expect(w.rows.map((r) => [r.pos, r.rowNo, r.cells[1]])).toEqual([[3, 7, 'Brown'], [4, 1, 'Smith']]);
    const end = await t.service.invoke('lists.rows', { projectId: t.projectId, listId, fromRow: 6, count: 10, view });
    expect(end.rows.map((r) => r.rowNo)).toEqual([5]);
    expect(end.view).toEqual({ buildMs: 0, stale: false });
    const at = (rowNo: number, v?: GridView) => t.service.invoke('lists.rowPosition', { projectId: t.projectId, listId, rowNo, view: v });
    expect(await at(7, view)).toEqual({ pos: 3, total: 6 });
    expect(await at(4, view)).toEqual({ pos: null, total: 6 });
    expect(await at(4)).toEqual({ pos: 4, total: 7 });
  });

  it('shows an edit on the next page at once, keeps the view order until refresh, then sorts it in', async () => {
    const t2 = await newProject();
    const imp = await importFile(t2, writeFile(t2.dir, 'p.csv', CSV), 'P');
    const id = (imp.result as { listId: number }).listId;
    const view: GridView = { sort: [{ target: col(1) }, { target: col(0) }] };
    const ask = (refresh = false) => t2.service.invoke('lists.rows', { projectId: t2.projectId, listId: id, fromRow: 1, count: 100, view, refresh });
    expect((await ask()).rows.map((r) => r.rowNo)).toEqual([3, 6, 7, 1, 2, 5, 4]);
    await t2.service.invoke('records.edit', { projectId: t2.projectId, listId: id, rowNo: 5, column: 1, value: 'Aaron' });
    const after = await ask();
    expect(after.view?.stale).toBe(true);
    expect(after.rows.map((r) => r.rowNo)).toEqual([3, 6, 7, 1, 2, 5, 4]);
    expect(after.rows[5]!.cells[1]).toBe('Aaron');
    const fresh = await ask(true);
    expect(fresh.view?.stale).toBe(false);
    expect(fresh.rows.map((r) => r.rowNo)).toEqual([5, 3, 6, 7, 1, 2, 4]);
    // Filters and search read the edited value too.
    expect((await t2.service.invoke('lists.rows', { projectId: t2.projectId, listId: id, fromRow: 1, count: 10, view: { search: 'aaron' } })).rows.map((r) => r.rowNo)).toEqual([5]);
    expect((await t2.service.invoke('lists.rows', { projectId: t2.projectId, listId: id, fromRow: 1, count: 10, view: { search: 'zed' } })).rows.map((r) => r.rowNo)).toEqual([]);
    await t2.service.invoke('edits.undo', { projectId: t2.projectId });
    expect((await ask()).view?.stale).toBe(true);
    expect((await ask(true)).rows.map((r) => r.rowNo)).toEqual([3, 6, 7, 1, 2, 5, 4]);
  });
});

describe('facets', () => {
  it('counts values over the view, most frequent first, with the rest as other', async () => {
    const f = await t.service.invoke('lists.facets', {
      projectId: t.projectId,
      listId,
      facets: [{ target: { clean: 'state' } }, { target: { field: 'source' }, limit: 2 }, { target: { clean: 'duplicate' } }],
    });
    expect(f.total).toBe(7);
    expect(f.facets[0]).toMatchObject({ label: 'State', total: 7, values: [{ value: 'NV', count: 2 }, { value: 'TX', count: 2 }, { value: '', count: 1 }, { value: 'CA', count: 1 }, { value: 'NY', count: 1 }], other: { values: 0, count: 0 } });
    expect(f.facets[1]).toMatchObject({ label: 'Source', values: [{ value: 'Acme', count: 3 }, { value: 'Co-op', count: 2 }], other: { values: 2, count: 2 } });
    expect(f.facets[2]!.values).toEqual([{ value: 'unchecked', count: 7 }]);
  });

  it('applies the other conditions of the view but not its own, as OpenRefine does', async () => {
    const view: GridView = { filters: [{ target: { clean: 'state' }, op: 'in', values: ['TX'] }] };
    const f = await t.service.invoke('lists.facets', { projectId: t.projectId, listId, view, facets: [{ target: { field: 'source' } }, { target: { clean: 'state' } }] });
    expect(f.total).toBe(2);
    expect(f.facets[0]!.values).toEqual([{ value: '', count: 1 }, { value: 'Co-op', count: 1 }]);
    expect(f.facets[1]!.total).toBe(7);
  });

  it('counts a record once for each issue kind it has (named as in the issue menu), and records with none as ""', async () => {
    const f = await t.service.invoke('lists.facets', { projectId: t.projectId, listId, facets: [{ target: { clean: 'issue' }, limit: 100 }] });
    const kinds = await t.service.invoke('lists.issues', { projectId: t.projectId, listId });
    for (const k of kinds.kinds) expect(f.facets[0]!.values).toContainEqual({ value: k.code, count: k.records, label: k.label });
    const none = await rows({ filters: [{ target: { clean: 'issue' }, op: 'isEmpty' }] });
    expect(f.facets[0]!.values.find((v) => v.value === '')?.count ?? 0).toBe(none.length);
  });
});

describe('errors in words', () => {
  it('names a column the list does not have', async () => {
    const err = await expectCode(rows({ sort: [{ target: col(99) }] }), 'INVALID_INPUT');
    expect(err.message).toBe('List "People" has no column 100 (it has 10).');
  });
  it('names a field no column is mapped to', async () => {
    const err = await expectCode(rows({ filters: [{ target: { field: 'birth_date' }, op: 'isEmpty' }] }), 'INVALID_INPUT');
    expect(err.message).toContain('mapped to birth_date');
  });
  it('refuses a condition without its value, and sorting or comparing issue kinds', async () => {
    const err = await expectCode(t.service.dispatch('lists.rows', { projectId: t.projectId, listId, fromRow: 1, count: 5, view: { filters: [{ target: col(1), op: 'between', value: 1 }] } }), 'INVALID_INPUT');
    expect(err.message).toContain('view.filters.0.to');
    await expectCode(rows({ sort: [{ target: { clean: 'issue' } }] }), 'INVALID_INPUT');
    await expectCode(rows({ filters: [{ target: { clean: 'issue' }, op: 'gt', value: 1 }] }), 'INVALID_INPUT');
  });
});

describe('values and plans', () => {
  it('reads numbers and dates as people type them', () => {
    expect(['1,234.50', '$12', ' 7 ', '-3e2', '45%', '1,5', 'abc', ''].map(parseNumber)).toEqual([1234.5, 12, 7, -300, 45, null, null, null]);
    expect(['2024-03-07', '2024-3-7T10:00', '3/7/2024', '03/07/24', '2/30/2024', 'March'].map(parseDate)).toEqual(['2024-03-07', '2024-03-07', '2024-03-07', '2024-03-07', null, null]);
    expect(columnKind(['1', '2', 'n/a', '4', '5', ''])).toBe('number');
    expect(columnKind(['89501', '33606-2110', 'x', 'y'])).toBe('text');
  });

  it('ranks text ignoring case and accents, digits as numbers, empty values last in both directions', () => {
    const values = ['Apt 10', 'apt 9', 'Émile', 'emile', 'Zoe', '', '  ', 'Ángel'];
    const order = (desc: boolean) => {
      const ranks = valueRanks(values, 'text', desc);
      return values.map((v, i) => [v, ranks[i + 1]!] as const).sort((a, b) => a[1] - b[1] || values.indexOf(a[0]) - values.indexOf(b[0])).map(([v]) => v);
    };
    expect(order(false)).toEqual(['Ángel', 'apt 9', 'Apt 10', 'Émile', 'emile', 'Zoe', '', '  ']);
    expect(order(true)).toEqual(['Zoe', 'Émile', 'emile', 'Apt 10', 'apt 9', 'Ángel', '', '  ']);
    const ranks = valueRanks(values, 'text', false);
    expect(ranks[3]).toBe(ranks[4]);
  });

  it('sorts row numbers by several rank keys, stable in file order', () => {
    // rows 1..6; key 1 groups {1,4}, {2,5}, {3,6}; key 2 reverses file order within a group.
    const codes1 = Uint32Array.from([0, 1, 2, 3, 1, 2, 3]);
    const ranks1 = Uint32Array.from([0, 2, 0, 1]);
    const codes2 = Uint32Array.from([0, 6, 5, 4, 3, 2, 1]);
    const ranks2 = Uint32Array.from([0, 0, 1, 2, 3, 4, 5]);
    const rows = Uint32Array.from([1, 2, 3, 4, 5, 6]);
    expect([...sortByRanks(rows, [{ codes: codes1, ranks: ranks1 }])]).toEqual([2, 5, 3, 6, 1, 4]);
    expect([...sortByRanks(rows, [{ codes: codes1, ranks: ranks1 }, { codes: codes2, ranks: ranks2 }])]).toEqual([5, 2, 6, 3, 4, 1]);
    expect([...rows]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps at most 8 views, dropping the least recently used', () => {
    const cache = new GridCache();
    for (let i = 0; i < 10; i++) cache.putView(`v${i}`, { rows: new Uint32Array(1), buildMs: 1, gen: 0 });
    expect(cache.sizes.views).toBe(8);
    expect(cache.view('v0')).toBeUndefined();
    expect(cache.view('v2')).toBeDefined();
    cache.putView('v10', { rows: new Uint32Array(1), buildMs: 1, gen: 0 });
    expect(cache.view('v2')).toBeDefined();
    expect(cache.view('v3')).toBeUndefined();
  });

  it('reads a list by rowid range and looks clean, scores and duplicates up by key (no scan of another table)', () => {
    const db = openReadConnection(t.projectPath);
    try {
      const { sql, params } = viewSql({
        listId,
        hasEdits: true,
        cleaned: true,
        dupRunId: 1,
        filters: [{ target: { kind: 'column', index: 1, type: 'text' }, op: 'startsWith', value: 'A' }, { target: { kind: 'clean', name: 'state' }, op: 'in', values: ['CA'] }, { target: { kind: 'clean', name: 'score' }, op: 'gt', value: 1 }, { target: { kind: 'clean', name: 'duplicate' }, op: 'equals', value: 'unique' }],
        search: null,
      });
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      // Each table is reached by its key or by the list's rowid range (the planner may start from any of them), never scanned.
      for (const table of ['r', 'c', 's', 'm', 'cell_edits']) {
        expect(plan.some((d) => new RegExp(`^SEARCH ${table} USING (INTEGER )?PRIMARY KEY \\((rowid|record_id|run_id)`).test(d)), `${table} in ${plan.join(' | ')}`).toBe(true);
      }
      expect(plan.filter((d) => d.startsWith('SCAN') && !d.includes('CONSTANT ROW'))).toEqual([]);
      expect(params[0]).toBe(recordId(listId, 0));
    } finally {
      db.close();
    }
  });
});

describe('duplicate status and score band', () => {
  it('tells unique records from the kept and the merged ones of the newest merge/purge, and counts them as a facet', async () => {
    const t3 = await newProject();
    const dupCsv = [
      'First Name,Last Name,Address,City,State,Zip',
      'Ann,Smith,1 Main St,Reno,NV,89501',
      'Carl,Adams,3 Pine Rd,Los Angeles,CA,90001',
      'Ann,Smith,1 Main Street,Reno,NV,89501',
      'Dana,Jones,4 Elm St,Austin,TX,78701',
    ].join('\n');
    const imp = await importFile(t3, writeFile(t3.dir, 'd.csv', dupCsv), 'D');
    const id = (imp.result as { listId: number }).listId;
    const before = await t3.service.invoke('lists.facets', { projectId: t3.projectId, listId: id, facets: [{ target: { clean: 'duplicate' } }] });
    expect(before.facets[0]!.values).toEqual([{ value: 'unchecked', count: 4 }]);
    const job = await t3.service.invoke('jobs.wait', { jobId: (await t3.service.invoke('dedupe.start', { projectId: t3.projectId })).jobId });
    expect(job.status, job.error?.message).toBe('done');
    const f = await t3.service.invoke('lists.facets', { projectId: t3.projectId, listId: id, facets: [{ target: { clean: 'duplicate' } }, { target: { clean: 'scoreBand' } }] });
    expect(f.facets[0]!.values).toEqual([{ value: 'unique', count: 2 }, { value: 'kept', count: 1 }, { value: 'merged', count: 1 }]);
    expect(f.facets[1]!.values).toEqual([{ value: '', count: 4 }]);
    const merged = await t3.service.invoke('lists.rows', { projectId: t3.projectId, listId: id, fromRow: 1, count: 10, view: { filters: [{ target: { clean: 'duplicate' }, op: 'in', values: ['kept', 'merged'] }] } });
    expect(merged.rows.map((r) => r.rowNo)).toEqual([1, 3]);
  });
});

describe('building a view of a long list', () => {
  it('lets a newer view of the list stop the build under way, and shares one build between callers of the same view', async () => {
    const t5 = await newProject();
    const lines = ['Name,Group'];
    for (let i = 1; i <= 150_000; i++) lines.push(`Person ${i},G${i % 50}`);
    const imp = await importFile(t5, writeFile(t5.dir, 'long.csv', lines.join('\n')), 'Long');
    const id = (imp.result as { listId: number }).listId;
    const ask = (view: GridView) => t5.service.invoke('lists.rows', { projectId: t5.projectId, listId: id, fromRow: 1, count: 3, view });
    const first = ask({ sort: [{ target: { column: 0 }, desc: true }] });
    const second = ask({ sort: [{ target: { column: 1 } }, { target: { column: 0 } }] });
    const same = ask({ sort: [{ target: { column: 1 } }, { target: { column: 0 } }] });
    await expectCode(first, 'JOB_CANCELLED');
    const [a, b] = await Promise.all([second, same]);
    expect(a.rows.map((r) => r.cells)).toEqual([['Person 50', 'G0'], ['Person 100', 'G0'], ['Person 150', 'G0']]);
    expect(b.rows).toEqual(a.rows);
    expect(a.total).toBe(150_000);
    // The stopped view can be asked for again.
    expect((await ask({ sort: [{ target: { column: 0 }, desc: true }] })).rows[0]!.cells[0]).toBe('Person 150000');
  });
});

describe('cache', () => {
  it('works views out again after a job changes the records (here: the first clean)', async () => {
    const t6 = await newProject();
    const imp = await importFile(t6, writeFile(t6.dir, 'p.csv', CSV), 'P');
    const id = (imp.result as { listId: number }).listId;
    const view: GridView = { filters: [{ target: { clean: 'state' }, op: 'in', values: ['NV'] }], sort: [{ target: { clean: 'quality' }, desc: true }] };
    const ask = () => t6.service.invoke('lists.rows', { projectId: t6.projectId, listId: id, fromRow: 1, count: 10, view });
    // Not cleaned yet: cleaned values are empty, so nothing is in NV.
    expect((await ask()).total).toBe(0);
    const job = await t6.service.invoke('jobs.wait', { jobId: (await t6.service.invoke('clean.start', { projectId: t6.projectId, listId: id })).jobId });
    expect(job.status).toBe('done');
    const after = await ask();
    expect(after.rows.map((r) => r.rowNo).sort()).toEqual([1, 2]);
  });
});
