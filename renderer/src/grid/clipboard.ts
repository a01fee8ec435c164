// Ranges to and from spreadsheets: tab-separated text as Excel, Google Sheets and LibreOffice put on the clipboard.

/** A cell needs quotes when it holds a tab, a line break or a quote (Excel's own rule when copying). */
function quoteCell(v: string): string {
  return /[\t\r\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows of cells as clipboard text: tabs between cells, CRLF after each row (Excel adds one after the last, too). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteCell).join('\t')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/**
 * Clipboard text as rows of cells. A cell that starts with a quote runs to its closing quote (line breaks and tabs
 * inside it are kept, "" is one quote); CRLF, LF and CR end rows; one trailing line break is not an extra empty row.
 * Rows are padded to the widest so a pasted block is a rectangle.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell only when the closing quote is followed by a separator or the end (else the quote is text).
      const end = closingQuote(text, i + 1);
      if (end !== -1) {
        cell = text.slice(i + 1, end).replace(/""/g, '"');
        i = end + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push('');
  return rows;
}

/** The index of the quote closing a quoted cell opened before `from`, or -1 when the text after it is not a separator. */
function closingQuote(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) return -1;
    if (text[q + 1] === '"') {
      i = q + 2;
      continue;
    }
    const next = text[q + 1];
    return next === undefined || next === '\t' || next === '\r' || next === '\n' ? q : -1;
  }
}

export interface CellRect {
  /** 0-based view rows and display columns, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Where a pasted block goes: from the selection's top-left corner, as big as the block, clipped to the grid. A single
 * value pasted over a selection of several cells fills them all; a block pasted over a selection that is an exact
 * multiple of it is tiled, as Excel does.
 */
export function pasteTargets(block: readonly (readonly string[])[], sel: CellRect, bounds: { rows: number; cols: number }): { row: number; col: number; value: string }[] {
  const bh = block.length;
  const bw = block[0]?.length ?? 0;
  if (bh === 0 || bw === 0) return [];
  const sh = sel.bottom - sel.top + 1;
  const sw = sel.right - sel.left + 1;
  const tile = sh % bh === 0 && sw % bw === 0 && (sh > bh || sw > bw);
  const h = tile ? sh : bh;
  const w = tile ? sw : bw;
  const out: { row: number; col: number; value: string }[] = [];
  for (let r = 0; r < h; r++) {
    const row = sel.top + r;
    if (row >= bounds.rows) break;
    for (let c = 0; c < w; c++) {
      const col = sel.left + c;
      if (col >= bounds.cols) break;
      out.push({ row, col, value: block[r % bh]![c % bw] ?? '' });
    }
  }
  return out;
}

/** The rectangle between the anchor and the cursor. */
export function rectOf(a: { row: number; col: number }, b: { row: number; col: number }): CellRect {
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}
