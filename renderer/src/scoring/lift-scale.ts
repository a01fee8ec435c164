// The lift chart's geometry: best-customer profile values grouped by attribute, each bar's length on a shared index axis
// with 100 (as common as among all customers) marked; pure, so the scale can be tested without a DOM.
import type { ProfileAttribute } from '../../../src/api/contract';

export interface LiftBar {
  key: string;
  attribute: ProfileAttribute['attribute'];
  label: string;
  value: string;
  index: number;
  /** Bar length as a fraction of the axis (0-1); an index beyond the axis is drawn full and marked clipped. */
  width: number;
  clipped: boolean;
  above: boolean;
  /** "Title Purchasing Manager: index 310". */
  aria: string;
  source: ProfileAttribute;
}

export interface LiftGroup {
  label: string;
  bars: LiftBar[];
}

export interface LiftScale {
  /** The axis runs from 0 to this index. */
  max: number;
  /** Where 100 sits on the axis (0-1). */
  baseline: number;
  ticks: { index: number; at: number }[];
  groups: LiftGroup[];
  bars: number;
}

const NICE = [150, 200, 300, 400, 500, 750, 1000];

/** The axis end: the smallest "nice" index at or above the largest bar, never below 150, never above `cap`. */
export function liftAxisMax(indexes: number[], cap = 1000): number {
  const top = Math.max(0, ...indexes.filter((v) => Number.isFinite(v)));
  return NICE.find((n) => n >= top && n <= cap) ?? cap;
}

export function liftAria(a: Pick<ProfileAttribute, 'label' | 'value' | 'indexVsAll'>): string {
  return `${a.label} ${a.value}: index ${Math.round(a.indexVsAll)}`;
}

/**
 * Groups the profile by attribute (groups ordered by their strongest value, bars by index, highest first), keeping at most
 * `perGroup` values of each, and lays them on one axis.
 */
export function liftScale(attributes: ProfileAttribute[], opts: { perGroup?: number; cap?: number } = {}): LiftScale {
  const perGroup = opts.perGroup ?? 8;
  const byLabel = new Map<string, ProfileAttribute[]>();
  for (const a of attributes) {
    if (!Number.isFinite(a.indexVsAll)) continue;
    const g = byLabel.get(a.label);
    if (g) g.push(a);
    else byLabel.set(a.label, [a]);
  }
  const kept = [...byLabel.entries()].map(([label, list]) => ({ label, list: [...list].sort((x, y) => y.indexVsAll - x.indexVsAll).slice(0, perGroup) }));
  kept.sort((x, y) => (y.list[0]?.indexVsAll ?? 0) - (x.list[0]?.indexVsAll ?? 0));
  const max = liftAxisMax(
    kept.flatMap((g) => g.list.map((a) => a.indexVsAll)),
    opts.cap,
  );
  const groups: LiftGroup[] = kept.map(({ label, list }) => ({
    label,
    bars: list.map((a) => ({
      key: `${a.attribute}:${a.value}`,
      attribute: a.attribute,
      label: a.label,
      value: a.value,
      index: a.indexVsAll,
      width: Math.max(0, Math.min(1, a.indexVsAll / max)),
      clipped: a.indexVsAll > max,
      above: a.indexVsAll > 100,
      aria: liftAria(a),
      source: a,
    })),
  }));
  const step = max <= 200 ? 50 : max <= 500 ? 100 : 250;
  const ticks: LiftScale['ticks'] = [];
  for (let v = 0; v <= max; v += step) ticks.push({ index: v, at: v / max });
  return { max, baseline: 100 / max, ticks, groups, bars: groups.reduce((n, g) => n + g.bars.length, 0) };
}

/** An index as a whole number ("310"); "—" when there is nothing to compare with. */
export function formatIndex(index: number | null): string {
  return index === null || !Number.isFinite(index) ? '—' : String(Math.round(index));
}
