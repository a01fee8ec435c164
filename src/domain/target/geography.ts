// Where a record is, from the bundled ZIP table: state, 3-digit ZIP (SCF) area and the ZIP's centroid; radius centres;
// and "where my best customers are" — the fewest ZIP3 areas that hold a given share of them.
import { STATES } from '../usps';
import type { ZipTable } from '../zip-data';
import { haversineMiles } from '../zip';

const STATE_CODES: ReadonlySet<string> = new Set(STATES.map(([c]) => c));

export interface Place {
  /** ZIP5, or '' when the record has no US ZIP. */
  zip: string;
  zip3: string;
  /** Two-letter code: the state of the ZIP when the table knows it, else the record's own state; '' when neither. */
  state: string;
  lat: number | null;
  lon: number | null;
}

/** A record's place from its cleaned ZIP5 and state: the ZIP routes the mail, so its state wins over a mistyped one. */
export function placeOf(zip5: string, state: string, zips: ZipTable): Place {
  const zip = /^\d{5}$/.test(zip5) ? zip5 : '';
  const row = zip ? zips.get(zip) : undefined;
  const own = state.trim().toUpperCase();
  return {
    zip,
    zip3: zip.slice(0, 3),
    state: row?.state ?? (STATE_CODES.has(own) ? own : ''),
    lat: row?.lat ?? null,
    lon: row?.lon ?? null,
  };
}

export interface Center {
  zip: string;
  lat: number;
  lon: number;
  /** "RENO, NV 89501". */
  label: string;
}

/**
 * A radius centre: a ZIP ("89501", "89501-1234") or an address ending in one ("12 Main St, Reno NV 89501"); the point is
 * the ZIP's centroid. Throws an Error with a message for people when there is no ZIP or the table has no centroid.
 */
export function resolveCenter(text: string, zips: ZipTable): Center {
  const all = [...text.matchAll(/(?<!\d)(\d{5})(?:-\d{4})?(?!\d)/g)];
  if (all.length === 0) throw new Error(`"${text.trim()}" has no 5-digit ZIP: give a ZIP, or an address that ends with one.`);
  // In an address the ZIP comes last ("1234 Elm St ... 89501"); a 5-digit house number comes first.
  const zip = all[all.length - 1]![1]!;
  const row = zips.get(zip);
  if (!row) throw new Error(`ZIP ${zip} is not in the bundled ZIP table, so its location is unknown.`);
  if (row.lat === null || row.lon === null) throw new Error(`ZIP ${zip} (${row.city}, ${row.state}) has no known location in the bundled ZIP table.`);
  return { zip, lat: row.lat, lon: row.lon, label: `${row.city}, ${row.state} ${zip}` };
}

/** Great-circle miles from a centre to a place, or null when the place has no centroid. */
export function milesFrom(center: Pick<Center, 'lat' | 'lon'>, place: Pick<Place, 'lat' | 'lon'>): number | null {
  if (place.lat === null || place.lon === null) return null;
  return haversineMiles(center.lat, center.lon, place.lat, place.lon);
}

/**
 * The fewest areas holding at least `percent` % of the total weight (customers, or their purchase amount): areas by
 * weight, heaviest first, until the share is reached — no smaller set can hold as much. Ties break by area code.
 */
export function bestAreas(weights: ReadonlyMap<string, number>, percent: number): { areas: string[]; covered: number; total: number; share: number } {
  const entries = [...weights].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const areas: string[] = [];
  let covered = 0;
  const goal = (total * Math.min(100, Math.max(0, percent))) / 100;
  for (const [area, w] of entries) {
    if (covered >= goal - 1e-9 && areas.length > 0) break;
    areas.push(area);
    covered += w;
  }
  return { areas: areas.sort(), covered, total, share: total === 0 ? 0 : covered / total };
}
