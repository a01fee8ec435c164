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
