// Pure helpers of the mailing map: which count a layer shows, the quantile classes of a sequential colour scale, the
// palettes (one calm hue, light and dark), legend labels, and miles as degrees of great-circle arc.
import type { GeoArea } from '../../../src/api/contract';

export type MapLayer = 'customers' | 'prospects' | 'kept';

export const LAYER_LABELS: Record<MapLayer, string> = { customers: 'Customers', prospects: 'Prospects', kept: 'Mailing set' };

export function layerCount(a: Pick<GeoArea, 'customers' | 'prospects' | 'kept'>, layer: MapLayer): number {
  return layer === 'customers' ? a.customers : layer === 'prospects' ? a.prospects : a.kept;
}

/** Upper bounds of up to `classes` quantile classes of the positive values (ascending, distinct; the last is the maximum).
 * Zeros are not a class: an area with nothing is drawn as empty. Each class takes its share of the values left above the
 * previous one, so a pile of equal small counts (many areas with 1) does not swallow the classes above it. */
export function quantileBreaks(values: number[], classes = 5): number[] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x)).sort((a, b) => a - b);
  const out: number[] = [];
  let from = 0;
  for (let left = classes; left > 0 && from < v.length; left--) {
    const n = v.length - from;
    const b = v[from + Math.max(0, Math.ceil(n / left) - 1)]!;
    out.push(b);
    while (from < v.length && v[from]! <= b) from++;
  }
  return out;
}

/** The class of a value: −1 for nothing (0 or less), else the first class whose upper bound holds it. */
export function classOf(value: number, breaks: number[]): number {
  if (!(value > 0) || breaks.length === 0) return -1;
  for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]!) return i;
  return breaks.length - 1;
}

/** Legend labels of the classes: "1–3", "4–9", "10+"…; a class of one value reads as that value. */
export function legendLabels(breaks: number[]): string[] {
  return breaks.map((b, i) => {
    const lo = i === 0 ? 1 : Math.floor(breaks[i - 1]!) + 1;
    const hi = Math.floor(b);
    return lo >= hi ? fmt(hi) : `${fmt(lo)}–${fmt(hi)}`;
  });
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Five steps of one hue (teal), light to dark; the empty colour; borders; chosen so the accent outline stands out. */
export const PALETTES = {
  light: { classes: ['#d7ede8', '#a9d8cd', '#6fbcab', '#3a9984', '#17705d'], empty: '#eef0f2', land: '#f6f7f8', state: '#8a929c', zip3: 'rgba(120,128,138,0.22)', target: '#4f5bd5', circle: '#c2410c' },
  dark: { classes: ['#1d3a35', '#235a4f', '#2d7f6d', '#43a58e', '#7fd1bb'], empty: '#202328', land: '#1b1d21', state: '#7d8590', zip3: 'rgba(160,168,178,0.16)', target: '#8f98f2', circle: '#fb923c' },
} as const;
export type Palette = (typeof PALETTES)['light'] | (typeof PALETTES)['dark'];

/** Degrees of great-circle arc for a distance in statute miles (one degree ≈ 69.05 miles on the mean Earth radius). */
export function milesToDegrees(miles: number): number {
  return miles / 69.05;
}
