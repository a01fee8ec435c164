// The virtualized data grid: draws only the rows and columns in view, fetches them by page, scales scrolling past ~400k rows.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ColumnInfo } from '../../../src/api/contract';
import { FIELD_LABELS, FIELD_TAGS } from '../import/field-labels';
import { cellIssueMarks, editedColumns, rowSeverity } from './cell-marks';
import { parseTsv, pasteTargets, rectOf, toTsv, type CellRect } from './clipboard';
import { clampWidth, columnLefts, estimateColumnWidths, gutterWidth, visibleColumns } from './column-widths';
import { cellCommand, nextCursor, type Cursor, type KeyLike } from './grid-keys';
import { RowSource, type FetchRows, type GridRow } from './row-source';
import {
  MAX_SCROLL_PX,
  maxOffset,
  offsetFromScrollTop,
  offsetToReveal,
  rowsPerPage,
  scrollGeometry,
  scrollTopFromOffset,
  visibleRows,
} from './scroll-mapping';

export interface DataGridProps {
  columns: readonly ColumnInfo[];
  totalRows: number;
  /** Must be stable for one list; a new function means a new data set (the cache starts over). */
  fetchRows: FetchRows;
  /** Changes when the rows changed wholesale (a clean): the cache starts over, the cursor and scroll stay. */
  dataVersion?: number;
  rowHeight?: number;
  headerHeight?: number;
  /** Tallest the scroll spacer may be before scrolling is scaled (tests lower it). */
  maxScrollPx?: number;
  ariaLabel?: string;
  /** The largest source row number the view can show (sizes the row-number gutter of a filtered view). */
  rowNoMax?: number;
  /** The view shows some rows only (positions differ from row numbers). */
  filtered?: boolean;
  /** The cursor moved; `rowNo` is the source row under it, once loaded. */
  onCursorChange?: (cursor: GridCursor) => void;
  onLoadError?: (err: unknown) => void;
  /** Saves an edited cell; resolves with the row as it now is, or null when it failed (the old value comes back). Absent: read-only. */
  onEditCell?: (edit: { rowNo: number; col: number; value: string }) => Promise<GridRow | null>;
  /** Space on a row, or a double-click on its number: show the record. */
  onOpenRecord?: (rowNo: number, via: 'key' | 'mouse') => void;
  /** Column widths to start with (the same list seen through another filter keeps its widths). */
  initialWidths?: readonly number[];
  onWidthsChange?: (widths: number[]) => void;
  /** What an empty view says. */
  emptyText?: string;
  /** A row changed elsewhere (undo, redo, the record drawer): patched in place when loaded. */
  rowUpdate?: { seq: number; row: GridRow } | null;
  /** Many rows changed elsewhere (a paste, the undo of one): patched in place when loaded. */
  rowsUpdate?: { seq: number; rows: readonly GridRow[] } | null;
  /** The columns shown, in order, as indexes into `columns` (and the rows' cells); default all of them in file order. */
  shownColumns?: readonly number[];
  /** The first `pinned` shown columns stay at the left while the others scroll sideways. */
  pinned?: number;
  /** The view's sort keys by column index (into `columns`): direction and place among the keys (1 = first). */
  sortMarks?: ReadonlyMap<number, { desc: boolean; rank: number }>;
  /** A click on a column's header (Shift: add it as one more sort key). */
  onHeaderClick?: (col: number, additive: boolean) => void;
  /** Writes many cells at once (a paste, clearing a range) as one undo step; resolves with the changed rows, or null on failure. */
  onEditCells?: (edit: { cells: { rowNo: number; col: number; value: string }[]; kind: 'paste' | 'clear' }) => Promise<readonly GridRow[] | null>;
  /** Where the cursor starts (a re-sorted view keeps the record the user was on in sight). */
  initialCursor?: Cursor;
  /** A message for the user (a copy too big, a paste that did not fit). */
  onNotice?: (message: string) => void;
}

/** The most rows one copy puts on the clipboard (a spreadsheet of a million rows is not what a copy is for). */
export const MAX_COPY_ROWS = 100_000;
/** The most cells one paste writes. */
export const MAX_PASTE_CELLS = 100_000;

export type GridCursor = Cursor & { rowNo: number | null };

interface EditingCell {
  row: number;
  col: number;
  rowNo: number;
  initial: string;
  /** What the editor starts with: the value (Enter, F2, double-click) or the key typed over it. */
  start: string;
}

/** Rows drawn beyond the viewport: the compositor scrolls into them before React has drawn the next ones. */
const ROW_OVERSCAN = 10;
/** Rows are placed relative to an anchor that moves in steps, so scrolling a few rows re-renders none of them. */
const ANCHOR_STEP = 64;

export function DataGrid(props: DataGridProps) {
  const { columns, totalRows, fetchRows, onCursorChange, onLoadError, onEditCell, onOpenRecord, rowUpdate } = props;
  const rowHeight = props.rowHeight ?? 24;
  const headerHeight = props.headerHeight ?? 28;

  const rootRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  /** Where the viewport is: `offset` in virtual pixels over all rows, `scrollTop` the scroll bar's real position. */
  const [pos, setPos] = useState({ offset: 0, scrollTop: 0 });
  const [scrollLeft, setScrollLeft] = useState(0);
  const [cursor, setCursor] = useState<Cursor>({ row: 0, col: 0 });
  /** The other corner of a selected range (null: just the cursor's cell). */
  const [anchor, setAnchor] = useState<Cursor | null>(null);
  const shown = useMemo(() => props.shownColumns ?? columns.map((_, i) => i), [props.shownColumns, columns]);
  const pinned = Math.min(props.pinned ?? 0, shown.length);
  const colCount = shown.length;
  const [editing, setEditing] = useState<EditingCell | null>(null);
  /** The cell being edited, read by commit so a blur after Enter cannot save twice. */
  const editingRef = useRef<EditingCell | null>(null);
  const headers = useMemo(() => columns.map((c) => c.name), [columns]);
  // Sized with room for the small field tag next to the name. Widths are per source column.
  const sizingHeaders = useMemo(() => columns.map((c) => (c.field ? `${c.name}  ${FIELD_TAGS[c.field]}` : c.name)), [columns]);
  const headersRef = useRef(sizingHeaders);
  useEffect(() => {
    headersRef.current = sizingHeaders;
  }, [sizingHeaders]);
  const [widths, setWidths] = useState<number[]>(() =>
    props.initialWidths?.length === columns.length ? [...props.initialWidths] : estimateColumnWidths(sizingHeaders, []),
  );
  const widthsSettled = useRef(props.initialWidths?.length === columns.length);
  const onWidthsChange = props.onWidthsChange;
  useEffect(() => {
    if (widthsSettled.current) onWidthsChange?.(widths);
  }, [widths, onWidthsChange]);
  /** The offset we scrolled to ourselves: scrollTop is rounded, so keep the exact offset while scrollTop still matches. */
  const programmatic = useRef<{ scrollTop: number; offset: number } | null>(null);

  const onLoadErrorRef = useRef(onLoadError);
  useEffect(() => {
    onLoadErrorRef.current = onLoadError;
  }, [onLoadError]);

  // One row source per data set; created in an effect so React's double-mount in development cannot use a disposed one.
  const [source, setSource] = useState<RowSource | null>(null);
  useEffect(() => {
    const s = new RowSource(fetchRows, totalRows, { pageSize: 200, capacity: 40, onError: (e) => onLoadErrorRef.current?.(e) });
    // Once the first rows arrive, size the columns to them (unless the user already resized one).
    const unsubscribe = s.subscribe(() => {
      if (widthsSettled.current) return;
      widthsSettled.current = true;
      setWidths(estimateColumnWidths(headersRef.current, s.sampleRows(200).map((r) => r.cells)));
    });
    setSource(s);
    return () => {
      unsubscribe();
      s.dispose();
    };
  }, [fetchRows, totalRows, props.dataVersion]);
  const subscribe = useCallback((cb: () => void) => (source ? source.subscribe(cb) : () => {}), [source]);
  useEffect(() => {
    if (rowUpdate) source?.patchRow(rowUpdate.row);
  }, [source, rowUpdate]);
  const rowsUpdate = props.rowsUpdate;
  useEffect(() => {
    if (rowsUpdate) source?.patchRows(rowsUpdate.rows);
  }, [source, rowsUpdate]);
  // Re-render when a page arrives.
  useSyncExternalStore(subscribe, () => source?.version ?? -1);

  // Measure the scroller (its client box excludes scroll bars).
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () => setViewport((v) => (v.width === el.clientWidth && v.height === el.clientHeight ? v : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const bodyViewport = Math.max(0, viewport.height - headerHeight);
  const geo = useMemo(() => scrollGeometry(totalRows, rowHeight, bodyViewport, props.maxScrollPx ?? MAX_SCROLL_PX), [totalRows, rowHeight, bodyViewport, props.maxScrollPx]);
  const off = Math.min(pos.offset, maxOffset(geo));
  const range = visibleRows(off, geo, ROW_OVERSCAN);

  const gutterW = gutterWidth(Math.max(totalRows, props.rowNoMax ?? 0));
  // Geometry is by display position: shownWidths[c] is the width of the c-th shown column.
  const shownWidths = useMemo(() => shown.map((i) => widths[i] ?? 100), [shown, widths]);
  const lefts = useMemo(() => columnLefts(shownWidths), [shownWidths]);
  const dataWidth = lefts[lefts.length - 1] ?? 0;
  const pinnedW = lefts[pinned] ?? 0;
  const cols = visibleColumns(lefts, scrollLeft, Math.max(0, viewport.width - gutterW), 2);
  const scrollFirst = Math.max(cols.first, pinned);

  useEffect(() => {
    if (range.last >= range.first) source?.want(range.first, range.last);
  }, [source, range.first, range.last]);

  const cursorRowNo = source?.row(cursor.row)?.rowNo ?? null;
  useEffect(() => {
    onCursorChange?.({ ...cursor, rowNo: cursorRowNo });
  }, [cursor, cursorRowNo, onCursorChange]);

  const onScroll = (e: React.UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    const st = el.scrollTop;
    const p = programmatic.current;
    if (p && Math.abs(p.scrollTop - st) <= 1) {
      setPos({ offset: p.offset, scrollTop: st });
    } else {
      programmatic.current = null;
      setPos({ offset: offsetFromScrollTop(st, geo), scrollTop: st });
    }
    setScrollLeft(el.scrollLeft);
  };

  /** Moves the cursor and scrolls just enough to show it; `extend` keeps (or starts) a range from the old cursor. */
  const moveCursor = (next: Cursor, extend = false) => {
    if (extend) setAnchor((a) => a ?? cursor);
    else setAnchor(null);
    setCursor(next);
    const el = scrollerRef.current;
    if (!el) return;
    const nextOffset = offsetToReveal(next.row, off, geo);
    if (nextOffset !== off) {
      const st = scrollTopFromOffset(nextOffset, geo);
      programmatic.current = { scrollTop: st, offset: nextOffset };
      el.scrollTop = st;
      setPos({ offset: nextOffset, scrollTop: st });
    }
    if (next.col < pinned) return; // pinned columns are always in sight
    const left = (lefts[next.col] ?? 0) - pinnedW;
    const right = (lefts[next.col + 1] ?? 0) - pinnedW;
    const visibleWidth = el.clientWidth - gutterW - pinnedW;
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (right > el.scrollLeft + visibleWidth) el.scrollLeft = Math.min(left, right - visibleWidth);
  };

  // Once the grid has its size, go to the starting cell (a scroll needs the viewport's height).
  const startAt = useRef(props.initialCursor);
  useEffect(() => {
    const at = startAt.current;
    if (!at || bodyViewport <= 0 || totalRows <= 0) return;
    startAt.current = undefined;
    moveCursor({ row: Math.min(at.row, totalRows - 1), col: Math.min(at.col, Math.max(0, colCount - 1)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the viewport is first measured
  }, [bodyViewport > 0]);

  const selection: CellRect = rectOf(anchor ?? cursor, cursor);
  const selectedCells = (selection.bottom - selection.top + 1) * (selection.right - selection.left + 1);

  const startEdit = (at: Cursor, typed?: string) => {
    const row = source?.row(at.row);
    const src = shown[at.col];
    if (!onEditCell || !row || row.lost || src === undefined) return;
    setAnchor(null);
    const initial = row.cells[src] ?? '';
    const e: EditingCell = { row: at.row, col: src, rowNo: row.rowNo, initial, start: typed ?? initial };
    editingRef.current = e;
    setEditing(e);
  };

  /** Ends editing: saves a changed value (shown at once, replaced by the engine's answer) unless `value` is null; may move on. */
  const finishEdit = (value: string | null, move?: Cursor) => {
    const ed = editingRef.current;
    if (!ed) return;
    editingRef.current = null;
    setEditing(null);
    rootRef.current?.focus({ preventScroll: true });
    if (move) moveCursor(move);
    if (value === null || value === ed.initial || !onEditCell || !source) return;
    const before = source.findRow(ed.rowNo);
    if (before) source.patchRow({ ...before, cells: before.cells.map((c, i) => (i === ed.col ? value : c)) });
    const s = source;
    void onEditCell({ rowNo: ed.rowNo, col: ed.col, value }).then((fresh) => {
      if (fresh) s.patchRow(fresh);
      else if (before) s.patchRow(before);
    });
  };

  const hasCursorNow = () => totalRows > 0 && colCount > 0;

  /** Writes cells of the view (display rows and columns) in one step; rows not loaded are fetched for their row numbers. */
  const writeCells = async (targets: { row: number; col: number; value: string }[], kind: 'paste' | 'clear') => {
    const s = source;
    if (!s || !props.onEditCells || targets.length === 0) return;
    if (targets.length > MAX_PASTE_CELLS) {
      props.onNotice?.(`That is ${targets.length.toLocaleString('en-US')} cells; one paste can change at most ${MAX_PASTE_CELLS.toLocaleString('en-US')}.`);
      return;
    }
    let top = Infinity;
    let bottom = -1;
    for (const t of targets) {
      top = Math.min(top, t.row);
      bottom = Math.max(bottom, t.row);
    }
    const rows = await s.rowsBetween(top, bottom);
    const cells: { rowNo: number; col: number; value: string }[] = [];
    const patched = new Map<number, GridRow>();
    for (const t of targets) {
      const row = rows[t.row - top];
      const src = shown[t.col];
      if (!row || src === undefined || (row.cells[src] ?? '') === t.value) continue;
      cells.push({ rowNo: row.rowNo, col: src, value: t.value });
      const before = patched.get(row.rowNo) ?? row;
      patched.set(row.rowNo, { ...before, cells: before.cells.map((c, i) => (i === src ? t.value : c)) });
    }
    if (cells.length === 0) return;
    // Shown at once; the engine's rows (re-cleaned) replace them, or the old ones come back on failure.
    s.patchRows([...patched.values()]);
    const fresh = await props.onEditCells({ cells, kind });
    if (fresh) s.patchRows(fresh);
    else s.patchRows(rows.filter((r) => patched.has(r.rowNo)));
  };

  /** The selected cells as clipboard text (rows not loaded are fetched). */
  const selectionText = async (rect: CellRect): Promise<string> => {
    const rows = (await source?.rowsBetween(rect.top, rect.bottom)) ?? [];
    const srcCols = shown.slice(rect.left, rect.right + 1);
    return toTsv(rows.map((r) => srcCols.map((c) => r.cells[c] ?? '')));
  };

  const selectionLoaded = (rect: CellRect) => {
    for (let r = rect.top; r <= rect.bottom; r++) if (!source?.row(r)) return false;
    return true;
  };

  // Copy and paste arrive as clipboard events on the focused grid (no clipboard permission needed).
  const clipRef = useRef<{ copy: (e: ClipboardEvent) => void; paste: (e: ClipboardEvent) => void } | null>(null);
  const clipboard: { copy: (e: ClipboardEvent) => void; paste: (e: ClipboardEvent) => void } = {
    copy: (e) => {
      if (!hasCursorNow() || editingRef.current) return;
      const rect = selection;
      const rowsN = rect.bottom - rect.top + 1;
      e.preventDefault();
      if (rowsN > MAX_COPY_ROWS) {
        props.onNotice?.(`Copy takes at most ${MAX_COPY_ROWS.toLocaleString('en-US')} rows; export the view to a file for more.`);
        return;
      }
      if (selectionLoaded(rect)) {
        const srcCols = shown.slice(rect.left, rect.right + 1);
        const text = toTsv(range2(rect.top, rect.bottom).map((r) => srcCols.map((c) => source?.row(r)?.cells[c] ?? '')));
        e.clipboardData?.setData('text/plain', text);
        return;
      }
      // Rows beyond the loaded pages: fetched, then written through the async clipboard.
      void selectionText(rect)
        .then((text) => navigator.clipboard.writeText(text))
        .then(
          () => props.onNotice?.(`Copied ${rowsN.toLocaleString('en-US')} rows.`),
          () => props.onNotice?.('Could not put the rows on the clipboard.'),
        );
    },
    paste: (e) => {
      if (!hasCursorNow() || editingRef.current || !props.onEditCells) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      if (text === '') return;
      const block = parseTsv(text);
      const targets = pasteTargets(block, selection, { rows: totalRows, cols: colCount });
      const bh = block.length;
      const bw = block[0]?.length ?? 0;
      if (targets.length < bh * bw) props.onNotice?.('Part of the pasted block fell outside the grid and was left out.');
      void writeCells(targets, 'paste');
    },
  };
  useLayoutEffect(() => {
    clipRef.current = clipboard;
  });
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const onCopy = (e: ClipboardEvent) => clipRef.current?.copy(e);
    const onPaste = (e: ClipboardEvent) => clipRef.current?.paste(e);
    // On the document: Chromium sends clipboard events to the focused element or the body, depending on the selection.
    const within = (f: (e: ClipboardEvent) => void) => (e: ClipboardEvent) => {
      if (document.activeElement === root) f(e);
    };
    const c = within(onCopy);
    const p = within(onPaste);
    document.addEventListener('copy', c);
    document.addEventListener('paste', p);
    return () => {
      document.removeEventListener('copy', c);
      document.removeEventListener('paste', p);
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (editingRef.current || e.target !== e.currentTarget) return;
    if (hasCursorNow() && e.key === 'Escape' && anchor) {
      e.preventDefault();
      setAnchor(null);
      return;
    }
    // Delete clears the selected cells (one undo step); Backspace on a range does too.
    if (hasCursorNow() && props.onEditCells && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'Delete' || (e.key === 'Backspace' && selectedCells > 1))) {
      e.preventDefault();
      const targets: { row: number; col: number; value: string }[] = [];
      for (let r = selection.top; r <= selection.bottom; r++) for (let c = selection.left; c <= selection.right; c++) targets.push({ row: r, col: c, value: '' });
      void writeCells(targets, 'clear');
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && (e.key === 'a' || e.key === 'A') && hasCursorNow()) {
      e.preventDefault();
      setAnchor({ row: 0, col: 0 });
      setCursor({ row: totalRows - 1, col: colCount - 1 });
      return;
    }
    const cmd = hasCursorNow() ? cellCommand(e.nativeEvent) : null;
    if (cmd?.kind === 'record') {
      const rowNo = source?.row(cursor.row)?.rowNo;
      if (rowNo !== undefined && onOpenRecord) {
        e.preventDefault();
        onOpenRecord(rowNo, 'key');
      }
      return;
    }
    if (cmd && onEditCell) {
      e.preventDefault();
      startEdit(cursor, cmd.kind === 'type' ? cmd.text : undefined);
      return;
    }
    const next = nextCursor(cursor, e, { rows: totalRows, cols: colCount, pageRows: rowsPerPage(geo) });
    if (!next) return;
    e.preventDefault();
    // Shift + arrows (and Shift + Page/Home/End) grow the selection; Shift+Enter moves up as before.
    moveCursor(next, e.shiftKey && e.key !== 'Enter' && e.key !== 'Tab');
  };

  const onBodyMouseDown = (e: React.MouseEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const target = e.target as HTMLElement;
    if (target.closest('.grid-editor')) return;
    const rowEl = target.closest<HTMLElement>('[data-row-no]');
    if (!rowEl) return;
    const row = Number(rowEl.dataset.rowNo) - 1;
    const colAttr = target.closest<HTMLElement>('[data-col]')?.dataset.col;
    e.preventDefault();
    rootRef.current?.focus({ preventScroll: true });
    moveCursor({ row, col: colAttr === undefined ? cursor.col : Number(colAttr) }, e.shiftKey);
  };

  /** Double-click: on a cell edits it, on a row number opens the record. */
  const onBodyDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('.grid-editor')) return;
    const rowEl = target.closest<HTMLElement>('[data-row-no]');
    if (!rowEl) return;
    const row = Number(rowEl.dataset.rowNo) - 1;
    if (target.closest('.grid-gutter')) {
      const rowNo = source?.row(row)?.rowNo;
      if (rowNo !== undefined) onOpenRecord?.(rowNo, 'mouse');
      return;
    }
    const colAttr = target.closest<HTMLElement>('[data-col]')?.dataset.col;
    if (colAttr !== undefined) startEdit({ row, col: Number(colAttr) });
  };

  /** Dragging over cells with the button down selects a range. */
  const onBodyMouseOver = (e: React.MouseEvent<HTMLDivElement>) => {
    if ((e.buttons & 1) === 0 || editingRef.current) return;
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-row-no]');
    const colAttr = target.closest<HTMLElement>('[data-col]')?.dataset.col;
    if (!rowEl || colAttr === undefined) return;
    const next = { row: Number(rowEl.dataset.rowNo) - 1, col: Number(colAttr) };
    if (next.row !== cursor.row || next.col !== cursor.col) moveCursor(next, true);
  };

  /** `col` is a source column (widths follow the column wherever it is shown). */
  const startResize = (e: React.PointerEvent<HTMLElement>, col: number) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    widthsSettled.current = true;
    const handle = e.currentTarget;
    const startX = e.clientX;
    const startW = widths[col] ?? 100;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setWidths((ws) => ws.map((w, i) => (i === col ? clampWidth(startW + ev.clientX - startX) : w)));
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  /** Double-clicking a column edge fits the column to the rows in view. */
  const autoFit = (col: number) => {
    const sample: string[][] = [];
    for (let i = range.first; i <= range.last; i++) {
      const r = source?.row(i);
      if (r) sample.push(r.cells);
    }
    // `col` is a source column.
    const [w] = estimateColumnWidths([sizingHeaders[col] ?? ''], sample.map((r) => [r[col] ?? '']));
    widthsSettled.current = true;
    setWidths((ws) => ws.map((x, i) => (i === col ? (w ?? x) : x)));
  };

  const rowAnchor = Math.max(0, range.first - (range.first % ANCHOR_STEP));
  const editingAt = editing ? shown.indexOf(editing.col) : -1;
  const editorEl = editing ? (
    <CellEditor
      key={`${editing.rowNo}:${editing.col}`}
      start={editing.start}
      top={(editing.row - rowAnchor) * rowHeight}
      left={gutterW + (lefts[editingAt] ?? 0) + (editingAt < pinned ? scrollLeft : 0)}
      width={Math.max(widths[editing.col] ?? 100, 140)}
      height={rowHeight}
      label={`Edit ${headers[editing.col] ?? 'cell'}`}
      onDone={(value, step) => {
        const next = step === null ? undefined : nextCursor(cursor, step as KeyLike, { rows: totalRows, cols: colCount, pageRows: rowsPerPage(geo) }) ?? undefined;
        finishEdit(value, next);
      }}
    />
  ) : null;
  // Rows live in the scrolled canvas, so the compositor moves them with the scroll bar. Unscaled, row i sits at i × rowHeight
  // (this is constant while scrolling); scaled, the block is re-placed each frame so the rows in view are the mapped ones.
  const rowsTop = headerHeight + Math.round(pos.scrollTop - off + rowAnchor * rowHeight);
  const hasCursor = totalRows > 0 && colCount > 0;
  const cursorRendered = hasCursor && cursor.row >= range.first && cursor.row <= range.last && (cursor.col < pinned || (cursor.col >= scrollFirst && cursor.col <= cols.last));
  const multi = anchor !== null && selectedCells > 1;

  // Row elements are recycled by slot (index mod pool): a row scrolling in reuses the element of one that scrolled out, so
  // React updates text instead of building and tearing down DOM. The pool is larger than any rendered range.
  const pool = Math.ceil(bodyViewport / rowHeight) + 2 * ROW_OVERSCAN + 4;
  const rowEls: React.ReactNode[] = [];
  for (let i = range.first; i <= range.last; i++) {
    rowEls.push(
      <GridRowView
        key={i % pool}
        index={i}
        top={(i - rowAnchor) * rowHeight}
        height={rowHeight}
        width={gutterW + dataWidth}
        gutterW={gutterW}
        row={source?.row(i)}
        filtered={props.filtered ?? false}
        shown={shown}
        pinned={pinned}
        pinnedW={pinnedW}
        colFirst={scrollFirst}
        colLast={cols.last}
        lefts={lefts}
        widths={shownWidths}
        cursorCol={hasCursor && cursor.row === i ? cursor.col : -1}
        selLeft={multi && i >= selection.top && i <= selection.bottom ? selection.left : -1}
        selRight={multi && i >= selection.top && i <= selection.bottom ? selection.right : -1}
      />,
    );
  }

  /** The header of the c-th shown column: name, field tag, sort mark; a click sorts, the edge resizes. */
  const headerCell = (c: number) => {
    const src = shown[c]!;
    const col = columns[src];
    const mark = props.sortMarks?.get(src);
    const many = (props.sortMarks?.size ?? 0) > 1;
    return (
      <div
        key={src}
        className={`grid-hcell${props.onHeaderClick ? ' is-sortable' : ''}${mark ? ' is-sorted' : ''}${c === pinned - 1 ? ' is-pin-edge' : ''}`}
        role="columnheader"
        aria-colindex={c + 1}
        aria-sort={mark && !many ? (mark.desc ? 'descending' : 'ascending') : undefined}
        data-col={c}
        data-src-col={src}
        data-field={col?.field ?? undefined}
        data-sort={mark ? `${mark.desc ? 'desc' : 'asc'}${many ? mark.rank : ''}` : undefined}
        title={headerTitle(col, Boolean(props.onHeaderClick))}
        style={{ left: gutterW + (lefts[c] ?? 0), width: shownWidths[c] }}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('.grid-resize')) return;
          props.onHeaderClick?.(src, e.shiftKey);
        }}
      >
        <span className="grid-hcell-text">{headers[src]}</span>
        {mark && (
          <span className="grid-sort-mark" data-testid="grid-sort-mark" aria-hidden="true">
            {mark.desc ? '▼' : '▲'}
            {many && <sub>{mark.rank}</sub>}
          </span>
        )}
        {col?.field && (
          <span className="grid-hcell-field" data-testid="grid-hcell-field">
            {FIELD_TAGS[col.field]}
          </span>
        )}
        <span className="grid-resize" data-testid="grid-resize" aria-hidden="true" onPointerDown={(e) => startResize(e, src)} onDoubleClick={() => autoFit(src)} />
      </div>
    );
  };

  return (
    <div
      ref={rootRef}
      className="grid"
      role="grid"
      aria-label={props.ariaLabel}
      aria-rowcount={totalRows + 1}
      aria-colcount={colCount}
      aria-multiselectable={props.onEditCells ? true : undefined}
      aria-activedescendant={cursorRendered ? cellId(cursor.row, cursor.col) : undefined}
      tabIndex={0}
      data-testid="grid"
      data-total-rows={totalRows}
      data-cursor-row={hasCursor ? cursor.row + 1 : undefined}
      data-cursor-col={hasCursor ? cursor.col : undefined}
      data-scaled={geo.scale > 1 ? 'true' : 'false'}
      data-editing={editing ? 'true' : undefined}
      data-selection={multi ? `${selection.top + 1}:${selection.left}-${selection.bottom + 1}:${selection.right}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div ref={scrollerRef} className="grid-scroller" onScroll={onScroll}>
        <div className="grid-canvas" style={{ height: headerHeight + geo.scrollHeight, width: gutterW + dataWidth }}>
          <div className="grid-header" role="rowgroup" style={{ height: headerHeight }}>
            <div className="grid-header-row" role="row" aria-rowindex={1} data-testid="grid-header" style={{ height: headerHeight, width: gutterW + dataWidth }}>
              <div className="grid-pin" style={{ width: gutterW + pinnedW, height: headerHeight }}>
                <div className="grid-corner" style={{ width: gutterW, height: headerHeight }} aria-hidden="true">
                  #
                </div>
                {range2(0, pinned - 1).map((c) => headerCell(c))}
              </div>
              {range2(scrollFirst, cols.last).map((c) => headerCell(c))}
            </div>
          </div>
          <div className="grid-rows" role="rowgroup" style={{ transform: `translateY(${rowsTop}px)` }} onMouseDown={onBodyMouseDown} onMouseOver={onBodyMouseOver} onDoubleClick={onBodyDoubleClick}>
            {rowEls}
            {editorEl}
          </div>
        </div>
      </div>
      {totalRows === 0 && (
        <div className="grid-empty" data-testid="grid-empty">
          {props.emptyText ?? 'This list has no rows.'}
        </div>
      )}
    </div>
  );
}

/** "Zip Code — ZIP code (in the file: “Zip Code ”)": the column, what it feeds, and its header as written. */
function headerTitle(c: ColumnInfo | undefined, sortable: boolean): string | undefined {
  if (!c) return undefined;
  const parts = [c.name];
  if (c.field) parts.push(`— ${FIELD_LABELS[c.field]}`);
  else if (c.field === null) parts.push('— custom field');
  if (c.original !== undefined && c.original !== c.name) parts.push(`(in the file: “${c.original}”)`);
  if (sortable) parts.push('\nClick to sort, again to reverse; Shift+click adds a sort key');
  return parts.join(' ');
}

function range2(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

const cellId = (row: number, col: number) => `grid-cell-${row}-${col}`;

interface GridRowViewProps {
  index: number;
  top: number;
  height: number;
  width: number;
  gutterW: number;
  row: GridRow | undefined;
  filtered: boolean;
  /** Source column of each shown column. */
  shown: readonly number[];
  pinned: number;
  pinnedW: number;
  /** Shown columns in view beyond the pinned ones (inclusive). */
  colFirst: number;
  colLast: number;
  lefts: readonly number[];
  widths: readonly number[];
  /** The cursor's column when the cursor is on this row, else -1. */
  cursorCol: number;
  /** The selected range's columns when it covers this row, else -1. */
  selLeft: number;
  selRight: number;
}

const GridRowView = memo(function GridRowView(p: GridRowViewProps) {
  const loading = p.row === undefined;
  const marks = useMemo(() => cellIssueMarks(p.row?.issues), [p.row]);
  const edited = editedColumns(p.row);
  const severity = rowSeverity(p.row?.issues);
  const cell = (c: number): React.ReactNode => {
    const src = p.shown[c]!;
    const text = p.row?.cells[src] ?? '';
    const isCursor = c === p.cursorCol;
    const mark = marks.get(src);
    const isEdited = edited.has(src);
    let cls = isCursor ? 'grid-cell is-cursor' : 'grid-cell';
    if (c >= p.selLeft && c <= p.selRight && p.selLeft >= 0) cls += ' is-selected';
    if (mark) cls += ` has-${mark.severity}`;
    if (isEdited) cls += ' is-edited';
    if (c === p.pinned - 1) cls += ' is-pin-edge';
    return (
      <div
        key={src}
        id={isCursor ? cellId(p.index, c) : undefined}
        className={cls}
        role="gridcell"
        aria-colindex={c + 1}
        aria-selected={isCursor || (c >= p.selLeft && c <= p.selRight && p.selLeft >= 0) || undefined}
        aria-invalid={mark && mark.severity !== 'info' ? true : undefined}
        data-col={c}
        data-src-col={src}
        data-issue={mark?.severity}
        data-edited={isEdited ? 'true' : undefined}
        title={text.length > 0 ? text : undefined}
        style={{ left: p.gutterW + (p.lefts[c] ?? 0), width: p.widths[c] }}
      >
        {loading ? <span className="grid-skeleton" /> : text}
        {mark && <span className={`cell-issue is-${mark.severity}`} data-testid="cell-issue" data-severity={mark.severity} data-codes={mark.codes.join(' ')} title={mark.title} aria-label={mark.title} />}
      </div>
    );
  };
  const pinnedCells: React.ReactNode[] = [];
  for (let c = 0; c < p.pinned; c++) pinnedCells.push(cell(c));
  const cells: React.ReactNode[] = [];
  for (let c = p.colFirst; c <= p.colLast; c++) cells.push(cell(c));
  const lost = p.row?.lost === true;
  return (
    <div
      className={loading ? 'grid-row is-loading' : lost ? 'grid-row is-lost' : p.index % 2 === 1 ? 'grid-row is-odd' : 'grid-row'}
      role="row"
      aria-rowindex={p.index + 2}
      aria-busy={loading || undefined}
      data-row-no={p.index + 1}
      data-source-row={p.row?.rowNo}
      data-loading={loading ? 'true' : undefined}
      data-lost={lost ? 'true' : undefined}
      style={{ top: p.top, height: p.height, width: p.width }}
    >
      {/* The row number and the pinned cells stay at the left while the rest scrolls under them. */}
      <div className="grid-pin" style={{ width: p.gutterW + p.pinnedW }}>
        <div
          className={p.cursorCol >= 0 ? 'grid-gutter is-cursor-row' : 'grid-gutter'}
          role="rowheader"
          data-testid="row-gutter"
          data-issue={severity === 'info' ? undefined : severity}
          title={p.row && (p.row.issues?.length ?? 0) > 0 ? `Row ${p.row.rowNo.toLocaleString('en-US')}: ${p.row.issues!.length} issue(s) — double-click to open the record` : undefined}
          style={{ width: p.gutterW }}
        >
          {/* The row's number in the list (a filtered view shows row 812 at position 3). */}
          {p.row ? p.row.rowNo.toLocaleString('en-US') : p.filtered ? '' : (p.index + 1).toLocaleString('en-US')}
        </div>
        {pinnedCells}
      </div>
      {cells}
      {lost && (
        <div className="grid-lost-note" data-testid="grid-lost-note" style={{ left: p.gutterW + (p.lefts[Math.max(p.colFirst, p.pinned)] ?? 0) }}>
          Lost when the project was recovered: this row was in a damaged part of the file
        </div>
      )}
    </div>
  );
});

/** The in-cell editor: Enter saves and moves down, Tab saves and moves right, Escape cancels, leaving the cell saves. */
function CellEditor(p: { start: string; top: number; left: number; width: number; height: number; label: string; onDone: (value: string | null, step: { key: string; shiftKey?: boolean } | null) => void }) {
  const [value, setValue] = useState(p.start);
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    // The grid's own keys (arrows, Enter...) must not move its cursor while typing.
    e.stopPropagation();
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      p.onDone(value, { key: 'Enter', shiftKey: e.shiftKey });
    } else if (e.key === 'Tab') {
      e.preventDefault();
      p.onDone(value, { key: e.shiftKey ? 'ArrowLeft' : 'ArrowRight' });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      p.onDone(null, null);
    }
  };
  return (
    <input
      ref={ref}
      className="grid-editor"
      data-testid="cell-editor"
      aria-label={p.label}
      value={value}
      spellCheck={false}
      autoComplete="off"
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => p.onDone(value, null)}
      style={{ top: p.top, left: p.left, width: p.width, height: p.height }}
    />
  );
}
