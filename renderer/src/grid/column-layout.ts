// Which of a list's columns the grid shows, in what order, and how many stay pinned at the left: pure, so it is tested alone.

export interface ColumnLayout {
  /** Source column indexes in display order (every column once, hidden ones included). */
  order: number[];
  /** Source column indexes not shown. */
  hidden: number[];
  /** The first `pinned` shown columns stay in place while the rest scroll sideways. */
  pinned: number;
}

export function defaultLayout(columnCount: number): ColumnLayout {
  return { order: Array.from({ length: columnCount }, (_, i) => i), hidden: [], pinned: 0 };
}

/** A saved layout made to fit the list's columns now (a column count that changed keeps what still applies). */
export function fitLayout(layout: ColumnLayout | undefined, columnCount: number): ColumnLayout {
  if (!layout) return defaultLayout(columnCount);
  const seen = new Set<number>();
  const order = layout.order.filter((c) => c >= 0 && c < columnCount && !seen.has(c) && (seen.add(c), true));
  for (let c = 0; c < columnCount; c++) if (!seen.has(c)) order.push(c);
  const hidden = layout.hidden.filter((c) => c >= 0 && c < columnCount);
  const shown = order.length - hidden.length;
  return { order, hidden, pinned: Math.max(0, Math.min(layout.pinned, shown)) };
}

/** Source indexes of the shown columns, in display order. */
export function shownColumns(layout: ColumnLayout): number[] {
  const hidden = new Set(layout.hidden);
  return layout.order.filter((c) => !hidden.has(c));
}

/** Shows or hides a column; at least one column stays shown. Pinned columns stay pinned while shown. */
export function toggleColumn(layout: ColumnLayout, col: number): ColumnLayout {
  const isHidden = layout.hidden.includes(col);
  if (!isHidden && shownColumns(layout).length <= 1) return layout;
  const wasPinned = !isHidden && shownColumns(layout).indexOf(col) < layout.pinned;
  const hidden = isHidden ? layout.hidden.filter((c) => c !== col) : [...layout.hidden, col];
  return { ...layout, hidden, pinned: wasPinned ? layout.pinned - 1 : layout.pinned };
}

/** Moves a column one place (or more) among the shown ones; hidden columns keep their place in the order. */
export function moveColumn(layout: ColumnLayout, col: number, by: number): ColumnLayout {
  const shown = shownColumns(layout);
  const at = shown.indexOf(col);
  if (at === -1) return layout;
  const to = Math.max(0, Math.min(shown.length - 1, at + by));
  if (to === at) return layout;
  const moved = [...shown];
  moved.splice(at, 1);
  moved.splice(to, 0, col);
  // Put the shown columns back into the slots the shown columns had in the full order.
  const hidden = new Set(layout.hidden);
  let k = 0;
  const order = layout.order.map((c) => (hidden.has(c) ? c : moved[k++]!));
  return { ...layout, order };
}

/** Pins the shown columns up to and including `col` (or unpins everything when `col` is already the last pinned). */
export function pinThrough(layout: ColumnLayout, col: number): ColumnLayout {
  const at = shownColumns(layout).indexOf(col);
  if (at === -1) return layout;
  return { ...layout, pinned: layout.pinned === at + 1 ? 0 : at + 1 };
}

export function isDefaultLayout(layout: ColumnLayout): boolean {
  return layout.pinned === 0 && layout.hidden.length === 0 && layout.order.every((c, i) => c === i);
}
