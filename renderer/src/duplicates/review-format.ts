// Pure helpers of the Duplicates view: review key presses, how weights and probabilities read, and the match levels in words.
import type { MatchLevel, PairReview } from '../../../src/api/contract';

export type ReviewCommand = 'same' | 'different' | 'next' | 'prev';

/** The review's one-key shortcuts: M merge, N not a duplicate, S or → skip, ← back. Keys with a modifier are left alone. */
export function reviewCommand(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): ReviewCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'm':
    case 'M':
      return 'same';
    case 'n':
    case 'N':
      return 'different';
    case 's':
    case 'S':
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'prev';
    default:
      return null;
  }
}

/** Whether a key press came from a place that types (those keys are the field's, not the review's). */
export function isTypingTarget(t: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!t) return false;
  return t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable === true;
}

/** A signed weight with a true minus sign: "+3.2", "−1.5", "0.0". */
export function formatWeight(w: number): string {
  if (!Number.isFinite(w)) return '—';
  const r = Math.round(w * 10) / 10;
  if (r === 0) return '0.0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}`;
}

/** Width of a weight's bar as a share (0-1) of half the track, against the strongest weight shown (at least 4, so weak evidence looks weak). */
export function weightShare(w: number, strongest: number): number {
  const scale = Math.max(4, Math.abs(strongest));
  if (!Number.isFinite(w)) return 0;
  return Math.min(1, Math.abs(w) / scale);
}

export function weightTone(w: number): 'for' | 'against' | 'neutral' {
  if (w >= 0.05) return 'for';
  if (w <= -0.05) return 'against';
  return 'neutral';
}

/** "62%"; never 0% or 100% for a probability strictly between (a doubtful pair is never certain). */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  const pct = Math.round(p * 100);
  if (pct <= 0 && p > 0) return '<1%';
  if (pct >= 100 && p < 1) return '>99%';
  return `${pct}%`;
}

export const LEVEL_LABELS: Record<MatchLevel, string> = {
  person: 'Person',
  household: 'Household',
  company: 'Company',
  address: 'Address',
};

export const LEVEL_HINTS: Record<MatchLevel | 'auto', string> = {
  auto: 'Let Winnow choose: person when names are mapped, otherwise company',
  person: 'The same individual',
  household: 'The same surname at the same address',
  company: 'The same organization at the same site',
  address: 'The same address, whoever lives there',
};

/** The fields of both sides, row by row, in the order side A lists them (then any only B has). */
export interface FieldRow {
  field: string;
  label: string;
  a: { raw: string; cleaned: string } | null;
  b: { raw: string; cleaned: string } | null;
  differs: boolean;
}

export function pairRows(pair: Pick<PairReview, 'a' | 'b'>): FieldRow[] {
  const rows: FieldRow[] = [];
  const byField = new Map<string, FieldRow>();
  for (const f of pair.a.fields) {
    const row: FieldRow = { field: f.field, label: f.label, a: { raw: f.raw, cleaned: f.cleaned }, b: null, differs: f.differs };
    rows.push(row);
    byField.set(f.field, row);
  }
  for (const f of pair.b.fields) {
    const row = byField.get(f.field);
    if (row) {
      row.b = { raw: f.raw, cleaned: f.cleaned };
      row.differs = row.differs || f.differs;
    } else {
      const extra: FieldRow = { field: f.field, label: f.label, a: null, b: { raw: f.raw, cleaned: f.cleaned }, differs: f.differs };
      rows.push(extra);
      byField.set(f.field, extra);
    }
  }
  return rows;
}

/** The page (of `size` pairs) that holds position `index` of the queue. */
export function pageOffset(index: number, size: number): number {
  return Math.max(0, Math.floor(index / size) * size);
}

/** Where the review goes after the queue changed: the same position (the next pair once one is decided), within the queue. */
export function clampIndex(index: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(index, total - 1));
}
