// A list's rows as the user chose to see them: the view bar, the virtualized grid over the engine's view (filters, facet
// picks, sort, search, column layout) and the facets panel. The record drawer is passed in and sits beside the grid.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MAX_PATCH_ROWS, type GridTarget, type GridView, type ListInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { editCell, editCells, useReviewStore } from '../state/review-store';
import {
  apiView,
  clearFacet,
  cycleSort,
  listViewOf,
  pickFacetValue,
  removeFacet,
  sameTarget,
  setFacetsOpen,
  setSort,
  STANDARD_FACETS,
  useGridViewStore,
  viewKey,
} from '../state/grid-view-store';
import { pushToast } from '../state/toast-store';
import { fitLayout, shownColumns } from './column-layout';
import { DataGrid, type DataGridProps, type GridCursor } from './data-grid';
import { FacetsPanel } from './facets-panel';
import type { FetchRows } from './row-source';
import { ViewBar } from './view-bar';

interface ShownView {
  /** What the grid shows: the view, the issue filter, and a counter bumped to work the view out again. */
  sig: string;
  view: GridView | undefined;
  issue: string | undefined;
  total: number;
  buildMs: number | null;
  /** Where the record the cursor was on sits in this view (0-based), to start there. */
  cursorAt: { row: number; col: number } | undefined;
}

export function ListRowsView(props: {
  projectId: string;
  list: ListInfo;
  /** The clean bar's "rows with issue X" filter (its code and words), if set. */
  issue: { code: string; label: string } | null;
  onCursorChange: (c: GridCursor) => void;
  onLoadError: (err: unknown) => void;
  onOpenRecord: DataGridProps['onOpenRecord'];
  widths: { initial: readonly number[] | undefined; onChange: (w: number[]) => void };
  drawer: ReactNode;
}) {
  const { projectId, list } = props;
  const listId = list.id;
  const key = viewKey(projectId, listId);
  const lv = useGridViewStore((s) => listViewOf(s, key));
  const facetsOpen = useGridViewStore((s) => s.facetsOpen);
  const rowsVersion = useReviewStore((s) => s.rowsVersion);
  const rowUpdateAny = useReviewStore((s) => s.rowUpdate);
  const rowUpdate = rowUpdateAny && rowUpdateAny.listId === listId ? rowUpdateAny : null;
  const rowsUpdateAny = useReviewStore((s) => s.rowsUpdate);
  const rowsUpdate = rowsUpdateAny && rowsUpdateAny.listId === listId ? rowsUpdateAny : null;
  const kinds = useReviewStore((s) => (s.kinds?.listId === listId ? s.kinds.kinds : null));

  const view = useMemo(() => apiView(lv), [lv]);
  const issueCode = props.issue?.code;
  const [refreshSeq, setRefreshSeq] = useState(0);
  const wantSig = JSON.stringify([listId, view ?? null, issueCode ?? null, rowsVersion, refreshSeq]);
  const [shown, setShown] = useState<ShownView | null>(null);
  const [stale, setStale] = useState(false);
  // The record under the cursor, so a new sort or filter starts on it when it is still in the view.
  const lastCursor = useRef<{ rowNo: number | null; col: number }>({ rowNo: null, col: 0 });
  const onCursorChange = props.onCursorChange;
  const trackCursor = useCallback(
    (c: GridCursor) => {
      if (c.rowNo !== null) lastCursor.current = { rowNo: c.rowNo, col: c.col };
      onCursorChange(c);
    },
    [onCursorChange],
  );
  const [issueKinds, setIssueKinds] = useState<{ code: string; label: string }[]>([]);

  // Work out the view's size before showing it: the grid is sized by its row count. Until then the old view stays.
  useEffect(() => {
    let live = true;
    const refresh = refreshSeq > 0 && shown?.sig !== wantSig;
    const last = lastCursor.current;
    void (async () => {
      try {
        const w = !view && !issueCode ? null : await api().invoke('lists.rows', { projectId, listId, fromRow: 1, count: 1, ...(view ? { view } : {}), ...(issueCode ? { issue: issueCode } : {}), refresh });
        // The record the cursor was on, where it now is (the issue filter has no position lookup: start at the top).
        let cursorAt: ShownView['cursorAt'];
        if (last.rowNo !== null && !issueCode) {
          const at = view ? (await api().invoke('lists.rowPosition', { projectId, listId, rowNo: last.rowNo, view })).pos : last.rowNo;
          if (at !== null) cursorAt = { row: at - 1, col: last.col };
        }
        if (!live) return;
        setShown({ sig: wantSig, view, issue: issueCode, total: w ? w.total : list.rowCount, buildMs: w?.view?.buildMs ?? null, cursorAt });
        setStale(false);
      } catch (err) {
        if (live) props.onLoadError(err);
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- wantSig stands for the view, the filter and the versions
  }, [wantSig, projectId, list.rowCount]);

  // A list that was not narrowed follows its row count (an import finishing, rows appended).
  const total = shown ? (shown.view || shown.issue ? shown.total : list.rowCount) : null;

  useEffect(() => {
    let live = true;
    if (!list.clean) return;
    api()
      .invoke('lists.issues', { projectId, listId })
      .then(
        (r) => live && setIssueKinds(r.kinds.map((k) => ({ code: k.code, label: k.label }))),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [projectId, listId, list.clean, kinds]);

  const fetchRows = useCallback<FetchRows>(
    (fromRow, count) =>
      api()
        .invoke('lists.rows', { projectId, listId, fromRow, count, ...(shown?.view ? { view: shown.view } : {}), ...(shown?.issue ? { issue: shown.issue } : {}) })
        .then((w) => {
          if (w.view?.stale) setStale(true);
          return w.rows;
        }),
    // A new function per shown view (the grid starts its cache over); `shown` itself changes identity more often than that.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shown.sig stands for shown.view and shown.issue
    [projectId, listId, shown?.sig],
  );

  const onEditCell = useCallback<NonNullable<DataGridProps['onEditCell']>>(({ rowNo, col, value }) => editCell({ projectId, listId, rowNo, column: col, value }), [projectId, listId]);
  // More changed rows than the engine sends back: the grid reads its pages again instead of patching.
  const [dataVersion, setDataVersion] = useState(0);
  const onEditCells = useCallback<NonNullable<DataGridProps['onEditCells']>>(
    async ({ cells, kind }) => {
      const rows = await editCells({ projectId, listId, cells, kind });
      if (rows && rows.length >= MAX_PATCH_ROWS) setDataVersion((v) => v + 1);
      return rows;
    },
    [projectId, listId],
  );
  const [seenRowsUpdate, setSeenRowsUpdate] = useState(rowsUpdate?.seq ?? 0);
  if (rowsUpdate && rowsUpdate.seq !== seenRowsUpdate) {
    setSeenRowsUpdate(rowsUpdate.seq);
    if (rowsUpdate.rows.length >= MAX_PATCH_ROWS) setDataVersion((v) => v + 1);
  }
  const onNotice = useCallback((message: string) => pushToast({ tone: 'info', title: message }), []);

  const layout = fitLayout(lv.layout, list.columns.length);
  const shownCols = useMemo(() => shownColumns(layout), [layout]);
  const sortMarks = useMemo(() => {
    const m = new Map<number, { desc: boolean; rank: number }>();
    lv.sort.forEach((k, i) => {
      const col = 'column' in k.target ? k.target.column : 'field' in k.target ? list.columns.findIndex((c) => c.field === (k.target as { field: string }).field) : -1;
      if (col >= 0) m.set(col, { desc: k.desc, rank: i + 1 });
    });
    return m;
  }, [lv.sort, list.columns]);
  const onHeaderClick = useCallback((col: number, additive: boolean) => setSort(key, cycleSort(lv.sort, { column: col }, additive)), [key, lv.sort]);

  const facetTargets = useMemo<GridTarget[]>(() => {
    const base: GridTarget[] = list.clean ? [...STANDARD_FACETS] : list.columns.some((c) => c.field === 'state') ? [{ field: 'state' }] : [];
    return [...base, ...lv.extraFacets.filter((t) => !base.some((b) => sameTarget(b, t)))];
  }, [list.clean, list.columns, lv.extraFacets]);

  const narrowed = Boolean(shown?.view?.filters?.length || shown?.view?.search || shown?.issue);
  return (
    <>
      <ViewBar
        viewKey={key}
        columns={list.columns}
        cleaned={Boolean(list.clean)}
        view={lv}
        total={shown && shown.sig === wantSig ? total : null}
        listRows={list.rowCount}
        buildMs={shown?.buildMs ?? null}
        stale={stale}
        onRefresh={() => setRefreshSeq((n) => n + 1)}
        facetsOpen={facetsOpen}
        issueKinds={list.clean ? issueKinds : []}
      />
      <div className="content-body">
        {shown && total !== null && (
          <DataGrid
            key={`${projectId}:${listId}:${shown.sig}`}
            columns={list.columns}
            shownColumns={shownCols}
            pinned={layout.pinned}
            totalRows={total}
            rowNoMax={list.rowCount}
            filtered={narrowed || Boolean(shown.view?.sort?.length)}
            fetchRows={fetchRows}
            dataVersion={dataVersion}
            ariaLabel={props.issue ? `${list.name}, rows with ${props.issue.label}` : list.name}
            emptyText={props.issue ? `No rows with “${props.issue.label}” any more.` : narrowed ? 'No rows match this view. Clear the filters or search to see them all.' : undefined}
            onCursorChange={trackCursor}
            initialCursor={shown.cursorAt}
            onLoadError={props.onLoadError}
            onEditCell={onEditCell}
            onEditCells={onEditCells}
            onNotice={onNotice}
            onOpenRecord={props.onOpenRecord}
            rowUpdate={rowUpdate}
            rowsUpdate={rowsUpdate}
            initialWidths={props.widths.initial}
            onWidthsChange={props.widths.onChange}
            sortMarks={sortMarks}
            onHeaderClick={onHeaderClick}
          />
        )}
        {facetsOpen && (
          <FacetsPanel
            projectId={projectId}
            listId={listId}
            columns={list.columns}
            targets={facetTargets}
            view={shown?.view}
            issue={shown?.issue}
            selection={lv.facetSel}
            revision={`${rowsVersion}:${rowUpdateAny?.seq ?? 0}:${rowsUpdateAny?.seq ?? 0}`}
            removable={(t) => lv.extraFacets.some((x) => sameTarget(x, t))}
            onPick={(t, v) => pickFacetValue(key, t, v)}
            onClear={(t) => clearFacet(key, t)}
            onRemove={(t) => removeFacet(key, t)}
            onClose={() => setFacetsOpen(false)}
          />
        )}
        {props.drawer}
      </div>
    </>
  );
}
