// The view bar above the grid: quick search, the filter builder, the sort keys, columns, the facets toggle, and how many
// rows the view shows. Everything it sets lives in the grid-view store; the engine does the work.
import { useEffect, useRef, useState } from 'react';
import type { ColumnInfo, GridCondition } from '../../../src/api/contract';
import { CloseIcon, ColumnsIcon, FacetsIcon, FilterIcon, SearchIcon } from '../components/icons';
import { Popover } from '../components/popover';
import { formatCount } from '../format';
import { addFacet, clearFilters, setConditions, setLayout, setSearch, setSort, toggleFacets, type ListGridView } from '../state/grid-view-store';
import { ColumnsMenu } from './columns-menu';
import { fitLayout } from './column-layout';
import { FilterBuilder } from './filter-builder';
import { describeCondition, targetLabel } from './view-targets';

export function ViewBar(props: {
  viewKey: string;
  columns: readonly ColumnInfo[];
  cleaned: boolean;
  view: ListGridView;
  /** Rows in the view (null while the engine works it out) and in the list. */
  total: number | null;
  listRows: number;
  buildMs: number | null;
  stale: boolean;
  onRefresh: () => void;
  facetsOpen: boolean;
  issueKinds: readonly { code: string; label: string }[];
}) {
  const { viewKey, view, columns } = props;
  const [text, setText] = useState(view.search);
  const searchRef = useRef<HTMLInputElement>(null);
  // The search waits for a pause in typing, so each key press does not re-filter a million rows.
  useEffect(() => {
    if (text === view.search) return;
    const t = setTimeout(() => setSearch(viewKey, text), 250);
    return () => clearTimeout(t);
  }, [text, view.search, viewKey]);
  // The search changed elsewhere (Clear filters, another list): the box follows.
  const [seen, setSeen] = useState(`${viewKey}\u0000${view.search}`);
  if (seen !== `${viewKey}\u0000${view.search}`) {
    setSeen(`${viewKey}\u0000${view.search}`);
    setText(view.search);
  }
  // Ctrl+F finds in the list (the browser's find would only see the rows drawn).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f' && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const layout = fitLayout(view.layout, columns.length);
  const hiddenCount = layout.hidden.length;
  const filterCount = view.conditions.length + view.facetSel.length;
  const issueLabels = new Map(props.issueKinds.map((k) => [k.code, k.label]));
  const narrowed = filterCount > 0 || view.search.trim() !== '';
  const focusGrid = () => document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus();

  return (
    <div className="view-bar" data-testid="view-bar">
      <label className="view-search" title="Find rows containing this text in any column (Ctrl+F)">
        <SearchIcon />
        <input
          ref={searchRef}
          type="search"
          data-testid="grid-search"
          placeholder="Search rows…"
          aria-label="Search rows"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setSearch(viewKey, text);
              focusGrid();
            } else if (e.key === 'Escape') {
              setText('');
              setSearch(viewKey, '');
              focusGrid();
            }
          }}
        />
      </label>
      <Popover
        testId="filter-button"
        title="Show only the rows that meet conditions"
        active={view.conditions.length > 0}
        panelClass="is-wide"
        label={
          <>
            <FilterIcon /> Filter{view.conditions.length > 0 && <span className="count-pill">{view.conditions.length}</span>}
          </>
        }
      >
        {(close) => (
          <FilterBuilder
            columns={columns}
            cleaned={props.cleaned}
            conditions={view.conditions}
            issueKinds={props.issueKinds}
            onApply={(conditions: GridCondition[]) => {
              setConditions(viewKey, conditions);
              close();
              focusGrid();
            }}
          />
        )}
      </Popover>
      <Popover
        testId="columns-button"
        title="Show, hide, reorder and pin columns"
        active={hiddenCount > 0 || layout.pinned > 0 || view.layout !== undefined}
        label={
          <>
            <ColumnsIcon /> Columns{hiddenCount > 0 && <span className="count-pill">{columns.length - hiddenCount}/{columns.length}</span>}
          </>
        }
      >
        {() => (
          <ColumnsMenu
            columns={columns}
            layout={layout}
            onChange={(l) => setLayout(viewKey, l)}
            onFacet={(col) => {
              addFacet(viewKey, { column: col });
              if (!props.facetsOpen) toggleFacets();
            }}
          />
        )}
      </Popover>
      <button
        type="button"
        className={props.facetsOpen ? 'button button-small is-active' : 'button button-small'}
        data-testid="facets-button"
        aria-pressed={props.facetsOpen}
        title="Value counts of state, issue kind, score band, duplicate status… (click a value to filter)"
        onClick={toggleFacets}
      >
        <FacetsIcon /> Facets
      </button>
      {view.sort.length > 0 && (
        <span className="view-chips" data-testid="sort-chips">
          <span className="muted">Sorted by</span>
          {view.sort.map((k, i) => (
            <span key={i} className="chip" data-testid="sort-chip">
              {targetLabel(k.target, columns)} {k.desc ? '▼' : '▲'}
            </span>
          ))}
          <button type="button" className="icon-button" aria-label="Back to file order" title="Back to file order" data-testid="sort-clear" onClick={() => setSort(viewKey, [])}>
            <CloseIcon />
          </button>
        </span>
      )}
      {view.conditions.length > 0 && (
        <span className="view-chips" data-testid="filter-chips">
          {view.conditions.map((c, i) => (
            <span key={i} className="chip is-filter" title={describeCondition(c, columns, issueLabels)}>
              {describeCondition(c, columns, issueLabels)}
              <button type="button" className="chip-x" aria-label="Remove this condition" onClick={() => setConditions(viewKey, view.conditions.filter((_, j) => j !== i))}>
                ×
              </button>
            </span>
          ))}
        </span>
      )}
      <span className="view-bar-spacer" />
      {props.stale && (
        <button type="button" className="link-button" data-testid="view-refresh" title="Rows keep their places after edits; refresh to filter and sort again" onClick={props.onRefresh}>
          Refresh view
        </button>
      )}
      <span className="view-count" data-testid="view-count" data-total={props.total ?? undefined}>
        {props.total === null ? (
          <span className="muted">Working out the view…</span>
        ) : narrowed ? (
          <>
            <strong>{formatCount(props.total)}</strong> of {formatCount(props.listRows)} rows
          </>
        ) : (
          <>{formatCount(props.listRows)} rows</>
        )}
        {props.buildMs !== null && props.buildMs > 0 && <span className="muted"> · {props.buildMs < 1000 ? `${Math.round(props.buildMs)} ms` : `${(props.buildMs / 1000).toFixed(1)} s`}</span>}
      </span>
      {narrowed && (
        <button type="button" className="button button-small button-quiet" data-testid="view-clear" onClick={() => clearFilters(viewKey)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
