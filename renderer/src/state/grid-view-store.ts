// How the user looks at each list in the grid: filter conditions, facet selections, sort keys, quick search, column layout
// and which facets the panel shows. UI state only; the engine filters and sorts (lists.rows with a view).
import { create } from 'zustand';
import type { GridCondition, GridTarget, GridView } from '../../../src/api/contract';
import type { ColumnLayout } from '../grid/column-layout';

export interface SortKey {
  target: GridTarget;
  desc: boolean;
}

export interface FacetSelection {
  target: GridTarget;
  values: string[];
}

export interface ListGridView {
  /** Conditions of the filter builder; all must hold. */
  conditions: GridCondition[];
  /** Values picked in the facets panel (one `in` filter per facet). */
  facetSel: FacetSelection[];
  sort: SortKey[];
  search: string;
  layout?: ColumnLayout;
  /** Facets the panel shows, beyond the standard ones (columns the user asked for). */
  extraFacets: GridTarget[];
}

export const EMPTY_LIST_VIEW: ListGridView = { conditions: [], facetSel: [], sort: [], search: '', extraFacets: [] };

/** The facets every cleaned list offers, in the panel's order. */
export const STANDARD_FACETS: readonly GridTarget[] = [
  { clean: 'state' },
  { clean: 'issue' },
  { clean: 'mailable' },
  { clean: 'scoreBand' },
  { clean: 'duplicate' },
];

interface GridViewState {
  views: Record<string, ListGridView>;
  facetsOpen: boolean;
}

export const useGridViewStore = create<GridViewState>()(() => ({ views: {}, facetsOpen: false }));

export const viewKey = (projectId: string, listId: number) => `${projectId}:${listId}`;

export function listViewOf(s: GridViewState, key: string): ListGridView {
  return s.views[key] ?? EMPTY_LIST_VIEW;
}

function update(key: string, f: (v: ListGridView) => ListGridView): void {
  useGridViewStore.setState((s) => ({ views: { ...s.views, [key]: f(listViewOf(s, key)) } }));
}

export const targetKey = (t: GridTarget): string => ('column' in t ? `c:${t.column}` : 'field' in t ? `f:${t.field}` : `k:${t.clean}`);
export const sameTarget = (a: GridTarget, b: GridTarget): boolean => targetKey(a) === targetKey(b);

/**
 * A header click: on a new column sorts by it A→Z (alone, or after the others with Shift); again Z→A; a third time drops it.
 */
export function cycleSort(sort: readonly SortKey[], target: GridTarget, additive: boolean): SortKey[] {
  const at = sort.findIndex((k) => sameTarget(k.target, target));
  const current = at === -1 ? null : sort[at]!;
  if (!additive) {
    if (!current || sort.length > 1) return [{ target, desc: false }];
    return current.desc ? [] : [{ target, desc: true }];
  }
  if (!current) return [...sort, { target, desc: false }].slice(0, 10);
  if (!current.desc) return sort.map((k, i) => (i === at ? { target, desc: true } : k));
  return sort.filter((_, i) => i !== at);
}

/** Adds or removes one value of a facet's selection. */
export function toggleFacetValue(sel: readonly FacetSelection[], target: GridTarget, value: string): FacetSelection[] {
  const at = sel.findIndex((f) => sameTarget(f.target, target));
  if (at === -1) return [...sel, { target, values: [value] }];
  const f = sel[at]!;
  const values = f.values.includes(value) ? f.values.filter((v) => v !== value) : [...f.values, value];
  return values.length === 0 ? sel.filter((_, i) => i !== at) : sel.map((x, i) => (i === at ? { target, values } : x));
}

/** The view the engine is asked for, or undefined when nothing narrows or orders the list (the plain, fastest path). */
export function apiView(v: ListGridView): GridView | undefined {
  const filters: GridView['filters'] = [...v.conditions, ...v.facetSel.map((f) => ({ target: f.target, op: 'in' as const, values: f.values }))];
  const search = v.search.trim();
  if (filters.length === 0 && v.sort.length === 0 && search === '') return undefined;
  return { filters, sort: v.sort, search };
}

/** Whether the view shows only some of the rows. */
export function narrows(v: ListGridView): boolean {
  return v.conditions.length > 0 || v.facetSel.length > 0 || v.search.trim() !== '';
}

export const setSearch = (key: string, search: string) => update(key, (v) => ({ ...v, search }));
export const setSort = (key: string, sort: SortKey[]) => update(key, (v) => ({ ...v, sort }));
export const setConditions = (key: string, conditions: GridCondition[]) => update(key, (v) => ({ ...v, conditions }));
export const setLayout = (key: string, layout: ColumnLayout) => update(key, (v) => ({ ...v, layout }));
export const pickFacetValue = (key: string, target: GridTarget, value: string) => update(key, (v) => ({ ...v, facetSel: toggleFacetValue(v.facetSel, target, value) }));
export const clearFacet = (key: string, target: GridTarget) => update(key, (v) => ({ ...v, facetSel: v.facetSel.filter((f) => !sameTarget(f.target, target)) }));
export const addFacet = (key: string, target: GridTarget) =>
  update(key, (v) => (v.extraFacets.some((t) => sameTarget(t, target)) || STANDARD_FACETS.some((t) => sameTarget(t, target)) ? v : { ...v, extraFacets: [...v.extraFacets, target] }));
export const removeFacet = (key: string, target: GridTarget) =>
  update(key, (v) => ({ ...v, extraFacets: v.extraFacets.filter((t) => !sameTarget(t, target)), facetSel: v.facetSel.filter((f) => !sameTarget(f.target, target)) }));
/** Drops the filters, facet picks and search (sort and layout stay). */
export const clearFilters = (key: string) => update(key, (v) => ({ ...v, conditions: [], facetSel: [], search: '' }));
export const setFacetsOpen = (facetsOpen: boolean) => useGridViewStore.setState({ facetsOpen });
export const toggleFacets = () => useGridViewStore.setState((s) => ({ facetsOpen: !s.facetsOpen }));
export function resetGridViews(): void {
  useGridViewStore.setState({ views: {} });
}
