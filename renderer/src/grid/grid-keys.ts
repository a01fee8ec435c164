// Keyboard navigation for the grid as a pure function: (cursor, key) → next cursor.

export interface Cursor {
  /** 0-based row index. */
  row: number;
  /** 0-based column index. */
  col: number;
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

export interface GridBounds {
  rows: number;
  cols: number;
  /** Rows moved by PageUp/PageDown. */
  pageRows: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The cursor after a key press, or null when the key is not the grid's. Ctrl (or ⌘) + Home/End and Ctrl + ↑/↓ jump to the
 * first/last row keeping the column; Home/End and Ctrl + ←/→ go to the first/last column; Enter moves down, Shift+Enter up.
 */
export function nextCursor(cursor: Cursor, e: KeyLike, b: GridBounds): Cursor | null {
  if (b.rows <= 0 || b.cols <= 0 || e.altKey) return null;
  const mod = Boolean(e.ctrlKey || e.metaKey);
  const lastRow = b.rows - 1;
  const lastCol = b.cols - 1;
  const at = (row: number, col: number): Cursor => ({ row: clamp(row, 0, lastRow), col: clamp(col, 0, lastCol) });
  const { row, col } = at(cursor.row, cursor.col);
  switch (e.key) {
    case 'ArrowDown':
      return at(mod ? lastRow : row + 1, col);
    case 'ArrowUp':
      return at(mod ? 0 : row - 1, col);
    case 'ArrowRight':
      return at(row, mod ? lastCol : col + 1);
    case 'ArrowLeft':
      return at(row, mod ? 0 : col - 1);
    case 'PageDown':
      return at(row + Math.max(1, b.pageRows), col);
    case 'PageUp':
      return at(row - Math.max(1, b.pageRows), col);
    case 'Home':
      return mod ? at(0, col) : at(row, 0);
    case 'End':
      return mod ? at(lastRow, col) : at(row, lastCol);
    case 'Enter':
      return mod ? null : at(e.shiftKey ? row - 1 : row + 1, col);
    default:
      return null;
  }
}

/** What a key does to the cell under the cursor: start editing it, start typing over it, or open its record. */
export type CellCommand = { kind: 'edit' } | { kind: 'type'; text: string } | { kind: 'record' };

/**
 * Enter and F2 edit the cell keeping its value; a printable key (or Backspace) replaces it, as in a spreadsheet; Space opens
 * the record drawer. Anything with Ctrl, ⌘ or Alt is not a cell command (shortcuts), nor is Shift+Enter (moves up).
 */
export function cellCommand(e: KeyLike & { isComposing?: boolean }): CellCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  if (e.key === 'F2') return { kind: 'edit' };
  if (e.key === 'Enter') return e.shiftKey ? null : { kind: 'edit' };
  if (e.key === ' ') return { kind: 'record' };
  if (e.key === 'Backspace') return { kind: 'type', text: '' };
  // One character (not a named key such as "ArrowUp" or "Tab"); emoji and other astral characters count as one.
  if ([...e.key].length === 1) return { kind: 'type', text: e.key };
  return null;
}

/** Ctrl/⌘+Z undoes; Ctrl/⌘+Shift+Z and Ctrl+Y redo. */
export function historyCommand(e: KeyLike): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}
