// The bundled ZIP reference table (resources/zip/us-zips.csv): parsed once into a Map; lookups elsewhere take the map.

/** One ZIP's row: the table's one preferred city, its state code and centroid (null when the source had none). */
export interface ZipInfo {
  zip: string;
  city: string;
  state: string;
  lat: number | null;
  lon: number | null;
}
export type ZipTable = ReadonlyMap<string, ZipInfo>;

/** Parses the CSV text (header zip,city,state,lat,lon). Pure; malformed lines are skipped rather than failing the app. */
export function parseZipTable(csv: string): ZipTable {
  const table = new Map<string, ZipInfo>();
  for (const line of csv.split(/\r?\n/)) {
    const [zip, city, state, lat, lon] = line.split(',');
    if (!zip || !/^\d{5}$/.test(zip) || !city || !state) continue;
    const la = lat ? Number(lat) : NaN;
    const lo = lon ? Number(lon) : NaN;
    table.set(zip, { zip, city, state, lat: Number.isFinite(la) ? la : null, lon: Number.isFinite(lo) ? lo : null });
  }
  return table;
}
