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

/**
 * The table as a Map for iteration, with `get` reading an array slot by the ZIP's number. The clean job looks up every
 * record's ZIP; hashing a freshly read string and following a Map's chains cost more than the rest of the ZIP checks.
 */
class DenseZipTable implements ReadonlyMap<string, ZipInfo> {
  private readonly byNumber: (ZipInfo | undefined)[] = new Array<ZipInfo | undefined>(100_000).fill(undefined);

  constructor(private readonly map: Map<string, ZipInfo>) {
    for (const [zip, info] of map) this.byNumber[Number(zip)] = info;
  }

  get(zip: string): ZipInfo | undefined {
    // Keys are exactly five ASCII digits (parseZipTable keeps no others).
    if (typeof zip !== 'string' || zip.length !== 5) return undefined;
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const d = zip.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      n = n * 10 + d;
    }
    return this.byNumber[n];
  }

  has(zip: string): boolean {
    return this.get(zip) !== undefined;
  }

  get size(): number {
    return this.map.size;
  }

  forEach(fn: (value: ZipInfo, key: string, map: ReadonlyMap<string, ZipInfo>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.map) fn.call(thisArg, v, k, this);
  }

  entries(): MapIterator<[string, ZipInfo]> {
    return this.map.entries();
  }

  keys(): MapIterator<string> {
    return this.map.keys();
  }

  values(): MapIterator<ZipInfo> {
    return this.map.values();
  }

  [Symbol.iterator](): MapIterator<[string, ZipInfo]> {
    return this.map[Symbol.iterator]();
  }
}

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
  return new DenseZipTable(table);
}
