// ZIP codes: parse ZIP5/ZIP+4 (repairing Excel's lost leading zeros), check ZIP↔state↔city, distance between centroids.
import { memoize } from './memo';
import { STATE_LOOKUP, type Issue } from './usps';
import type { ZipTable } from './zip-data';

export interface ParsedZip {
  /** Five digits, or null when the input is not a usable US ZIP. */
  zip5: string | null;
  /** Four digits of ZIP+4, or null. */
  zip4: string | null;
  issues: Issue[];
}

/** States and territories whose ZIPs start with 0 (or 00 / 00x): a 4- or 3-digit ZIP there lost its zeros in a spreadsheet. */
const LEADING_ZERO_STATES = new Set(['CT', 'MA', 'ME', 'NH', 'NJ', 'NY', 'PR', 'RI', 'VT', 'VI', 'AE']);
const TWO_ZERO_STATES = new Set(['NY', 'PR', 'VI']);

const issue = (code: string, message: string, severity: Issue['severity']): Issue => ({ code, message, severity });

/**
 * The state code of a hint, whatever its spelling (null when it is empty or not a state). The lookup's keys are already
 * in the normalized form, so a hint that is a key (the usual "CA") is found without normalizing it.
 */
const hintCode = (s: string | undefined) => (s ? (STATE_LOOKUP.get(s) ?? STATE_LOOKUP.get(s.toUpperCase().replace(/\./g, '').replace(/\s+/g, ' ').trim()) ?? null) : null);

/**
 * Parses "02108", "02108-1234", "021081234", "02108 1234", and spreadsheet damage ("2108", "2108.0", "21081234").
 * A ZIP that lost leading zeros is padded when the state hint is one whose ZIPs start with 0, or (with a warning) when
 * there is no hint; never when the hint says otherwise.
 */
export function parseZip(input: string | number, stateHint?: string): ParsedZip {
  // The usual cell, "02108" or "02108-1234", read without the regular expressions (the same result as below).
  if (typeof input === 'string' && (input.length === 5 || (input.length === 10 && input.charCodeAt(5) === 45 /* - */))) {
    if (allDigits(input, 0, 5) && (input.length === 5 || allDigits(input, 6, 10))) {
      const zip5 = input.length === 5 ? input : input.slice(0, 5);
      if (zip5 !== '00000') return { zip5, zip4: input.length === 5 ? null : input.slice(6), issues: [] };
    }
  }
  return parseZipGeneral(input, stateHint);
}

/** parseZip without the shortcut for the usual cell: exported so tests can prove the two agree. */
export function parseZipGeneral(input: string | number, stateHint?: string): ParsedZip {
  // Spreadsheet readers may hand over the number 2108 rather than the text "02108".
  const text = typeof input === 'number' && Number.isFinite(input) ? String(input) : input;
  // NFKC leaves ASCII as it is (and ZIP cells are almost always ASCII).
  const raw = typeof text === 'string' ? (ASCII_ONLY.test(text) ? text : text.normalize('NFKC')).trim() : '';
  if (raw === '') return { zip5: null, zip4: null, issues: [issue('zip-missing', 'No ZIP code', 'error')] };
  if (/^[A-Z]\d[A-Z]\s?\d[A-Z]\d$/i.test(raw)) return { zip5: null, zip4: null, issues: [issue('zip-foreign', `"${raw}" looks like a Canadian postal code, not a US ZIP`, 'error')] };
  // Excel turns 02108 into the number 2108 and sometimes prints it as 2108.0.
  const s = raw.replace(/\.0+$/, '');
  const m = /^(\d{3,5})(?:\s*[-–—\s]\s*(\d{4}))?$/.exec(s) ?? /^(\d{7,9})$/.exec(s);
  if (!m) return { zip5: null, zip4: null, issues: [issue('zip-invalid', `"${raw}" is not a ZIP code`, 'error')] };
  let five: string;
  let four: string | null;
  if (m[2] !== undefined) {
    five = m[1]!;
    four = m[2];
  } else if (m[1]!.length > 5) {
    // ZIP+4 without a hyphen: the last four digits are the +4, the rest lost zeros at the front if short.
    five = m[1]!.slice(0, -4);
    four = m[1]!.slice(-4);
  } else {
    five = m[1]!;
    four = null;
  }
  const issues: Issue[] = [];
  if (five.length < 5) {
    const missing = 5 - five.length;
    const hint = hintCode(stateHint);
    const states = missing === 1 ? LEADING_ZERO_STATES : TWO_ZERO_STATES;
    const padded = five.padStart(5, '0');
    if (hint && !states.has(hint)) {
      return { zip5: null, zip4: null, issues: [issue('zip-too-short', `"${raw}" has ${five.length} digits; ${hint} ZIPs do not start with 0, so it cannot be repaired`, 'error')] };
    }
    if (!hint && missing > 1) {
      return { zip5: null, zip4: null, issues: [issue('zip-too-short', `"${raw}" has only ${five.length} digits`, 'error')] };
    }
    issues.push(
      hint
        ? issue('zip-leading-zero', `Leading zero restored: ${padded} (a spreadsheet had dropped it)`, 'info')
        : issue('zip-leading-zero-assumed', `"${raw}" has ${five.length} digits; assumed a dropped leading zero: ${padded}`, 'warning'),
    );
    five = padded;
  }
  if (five === '00000') return { zip5: null, zip4: null, issues: [issue('zip-invalid', `"${raw}" is not a ZIP code`, 'error')] };
  return { zip5: five, zip4: four, issues };
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** "02108" + "1234" → "02108-1234" (ZIP+4 as USPS prints it); just the ZIP5 when there is no +4. */
export function formatZip(z: Pick<ParsedZip, 'zip5' | 'zip4'>): string {
  return z.zip5 ? (z.zip4 ? `${z.zip5}-${z.zip4}` : z.zip5) : '';
}

const ASCII_ONLY = /^[^\u0080-\uFFFF]*$/;

/** City names compared loosely: case, punctuation, "SAINT"/"ST", "FORT"/"FT", "MOUNT"/"MT". Memoized: cities repeat. */
const cityKey = memoize(cityKeyOf);

function cityKeyOf(c: string): string {
  return c
    .toUpperCase()
    .replace(/[.'’,-]/g, ' ')
    .replace(/\bSAINT\b/g, 'ST')
    .replace(/\bSAINTE\b/g, 'STE')
    .replace(/\bFORT\b/g, 'FT')
    .replace(/\bMOUNT\b/g, 'MT')
    .replace(/\bCITY OF\b/g, '')
    .replace(/\s+/g, '')
    .trim();
}

/**
 * Checks a ZIP against the state and city given with it. A different state is an error ("ZIP 02108 is in MA, not NY");
 * a different city only a warning, because the table holds one preferred city per ZIP and USPS accepts others.
 */
export function checkZipCityState(zip5: string | null, city: string | null | undefined, state: string | null | undefined, table: ZipTable): Issue[] {
  if (!zip5) return [];
  const row = table.get(zip5);
  if (!row) return [issue('zip-unknown', `ZIP ${zip5} is not in the reference table`, 'warning')];
  const out: Issue[] = [];
  const st = state ? hintCode(state) : null;
  if (state && state.trim() !== '' && !st) out.push(issue('state-unknown', `"${state}" is not a US state code`, 'error'));
  if (st && st !== row.state) out.push(issue('zip-state-mismatch', `ZIP ${zip5} is in ${row.state}, not ${st}`, 'error'));
  // The same text has the same key: the usual cleaned city is the table's own spelling, so no key is needed then.
  if (city && city !== row.city && city.trim() !== '' && cityKey(city) !== cityKey(row.city)) {
    out.push(issue('zip-city-differs', `ZIP ${zip5} is usually called ${row.city}, not ${city.trim().toUpperCase()}`, 'warning'));
  }
  return out;
}

const EARTH_RADIUS_MILES = 3958.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in miles between two points (haversine). */
export function haversineMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Straight-line miles between two ZIP centroids, or null when either ZIP (or its centroid) is not in the table. */
export function zipDistanceMiles(a: string, b: string, table: ZipTable): number | null {
  const p = table.get(a);
  const q = table.get(b);
  if (!p || !q || p.lat === null || p.lon === null || q.lat === null || q.lon === null) return null;
  return haversineMiles(p.lat, p.lon, q.lat, q.lon);
}
