// Editing the RFM cut points and the other scoring settings as text: four numbers per measure (checked before they reach the
// engine), the keyword list, and whether a draft differs from what is saved. Pure functions.
export type RfmMeasure = 'recencyDays' | 'frequency' | 'monetary';
export const RFM_MEASURES: RfmMeasure[] = ['recencyDays', 'frequency', 'monetary'];

export const RFM_LABELS: Record<RfmMeasure, { name: string; unit: string; hint: string }> = {
  recencyDays: { name: 'Recency', unit: 'days since the last order', hint: 'Fewer days scores higher (5 = ordered most recently).' },
  frequency: { name: 'Frequency', unit: 'orders', hint: 'More orders scores higher.' },
  monetary: { name: 'Monetary', unit: 'lifetime value', hint: 'More spent scores higher.' },
};

/** The cut points as the inputs show them (no trailing zeros, at most 2 decimals). */
export function cutsToDraft(cuts: readonly number[]): string[] {
  return cuts.map((c) => String(Math.round(c * 100) / 100));
}

export type CutsCheck = { ok: true; cuts: number[] } | { ok: false; error: string; at: number };

/** Four numbers, none negative, each at least the one before it. */
export function parseCuts(draft: readonly string[]): CutsCheck {
  if (draft.length !== 4) return { ok: false, error: 'Four cut points are needed.', at: 0 };
  const cuts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const text = draft[i]!.trim().replace(/[$,\s]/g, '');
    const v = text === '' ? NaN : Number(text);
    if (!Number.isFinite(v)) return { ok: false, error: `Cut point ${i + 1} is not a number.`, at: i };
    if (v < 0) return { ok: false, error: `Cut point ${i + 1} cannot be negative.`, at: i };
    if (i > 0 && v < cuts[i - 1]!) return { ok: false, error: `Cut point ${i + 1} must be at least cut point ${i}.`, at: i };
    cuts.push(v);
  }
  return { ok: true, cuts };
}

export function sameCuts(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Keywords typed one per line or separated by commas: trimmed, blanks dropped, duplicates (ignoring case) once. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const k = raw.trim().replace(/\s+/g, ' ');
    if (!k || seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    out.push(k.slice(0, 100));
  }
  return out;
}

/** The fit threshold from its input: a whole number 0-100, or null when it is not one. */
export function parseMinFit(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return null;
  const v = Math.round(Number(t));
  return v >= 0 && v <= 100 ? v : null;
}
