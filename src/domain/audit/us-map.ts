// The offline US map of the audit report: state outlines as SVG paths and each 3-digit ZIP area's centre, both already in
// Albers USA at 975 × 610 (made by scripts/make-map-data.mjs from us-atlas and the bundled ZIP table). Pure parsing.
export interface UsMap {
  width: number;
  height: number;
  /** Two-letter state code → SVG path data. */
  states: Record<string, string>;
  /** ZIP3 → [x, y] in the same frame. */
  zip3: Record<string, [number, number]>;
}

/** Reads resources/map/us-map.json; throws an Error naming what is wrong. */
export function parseUsMap(text: string): UsMap {
  const data = JSON.parse(text) as Partial<UsMap>;
  if (typeof data.width !== 'number' || typeof data.height !== 'number' || !data.states || !data.zip3) throw new Error('us-map.json is not a map file (width, height, states, zip3).');
  return { width: data.width, height: data.height, states: data.states, zip3: data.zip3 };
}
