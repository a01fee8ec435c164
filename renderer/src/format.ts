// Number, size, duration and date formats used across the UI (one locale, so the layout is predictable).

const LOCALE = 'en-US';
const int = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return int.format(n);
}

/** "1 row", "12,345 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** "0.4 s", "12 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const totalS = Math.round(s);
  const m = Math.floor(totalS / 60);
  if (m < 60) return `${m} min ${String(totalS % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatRate(rowsPerSecond: number): string {
  if (rowsPerSecond >= 10_000) return `${formatCount(Math.round(rowsPerSecond / 1000))}k rows/s`;
  return `${formatCount(rowsPerSecond)} rows/s`;
}

export function formatDateTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = d.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (d.toDateString() === now.toDateString()) return `Today ${time}`;
  const sameYear = d.getFullYear() === now.getFullYear();
  return `${d.toLocaleDateString(LOCALE, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' })} ${time}`;
}

/** A file name the user's system accepts, for a suggested export name. */
export function safeFileName(name: string): string {
  // Characters file systems refuse, and control characters (\p{Cc}).
  const cleaned = name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 0 ? cleaned.slice(0, 150) : 'export';
}

/** The last part of a location the engine reports for display ("/a/b/Spring.winnow" → "Spring.winnow"). */
export function fileNameOf(location: string): string {
  return location.split(/[\\/]/).pop() ?? location;
}
