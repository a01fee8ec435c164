// Builds resources/zip/us-zips.csv (zip,city,state,lat,lon) from the zipcodes package's bundled table; run once per data update.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { codes } = require('zipcodes/lib/codes.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'resources', 'zip', 'us-zips.csv');

/** City names go out upper case as USPS prints them; commas and quotes never occur, but are dropped to keep the CSV trivial. */
const cleanCity = (s) => String(s ?? '').replace(/[",\r\n]/g, ' ').replace(/\s+/g, ' ').trim().toUpperCase();
/** Four decimals is ~11 m: more than enough for a ZIP centroid, and it keeps the file small. */
const coord = (n) => (Number.isFinite(n) && n !== 0 ? String(Math.round(n * 1e4) / 1e4) : '');

const rows = [];
for (const c of Object.values(codes)) {
  if (c.country !== 'US' || !/^\d{5}$/.test(String(c.zip))) continue;
  const state = String(c.state ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) continue;
  rows.push([c.zip, cleanCity(c.city), state, coord(Number(c.latitude)), coord(Number(c.longitude))]);
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
writeFileSync(out, ['zip,city,state,lat,lon', ...rows.map((r) => r.join(','))].join('\n') + '\n');
console.log(`wrote ${rows.length} ZIPs to ${path.relative(root, out)}`);
