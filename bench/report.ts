// Small helpers the benchmarks share: aligned tables, percentiles, human units.

/** Prints rows as an aligned text table; numbers-looking cells are right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], log: (line: string) => void = console.log): void {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = (s: string) => /^[-+~≈]?[\d.,]+\s*(×|s|ms|µs|MB|%|rows\/s)?$/.test(s.trim());
  const fmt = (cells: readonly string[]) =>
    cells.map((cell, c) => (numeric(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  log(fmt(head));
  log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) log(fmt(r));
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function seconds(s: number): string {
  return `${s.toFixed(2)} s`;
}

export function millis(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}
