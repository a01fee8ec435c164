// Makes resources/map/us-map.json for the audit report's offline map: state outlines from us-atlas (Census Bureau
// cartographic boundaries, public domain; already in Albers USA at 975 × 610) as SVG path strings rounded to whole
// units, and each 3-digit ZIP area's centre (the mean of its ZIP centroids in the bundled ZIP table) in the same
// projection (d3-geo's geoAlbersUsa at scale 1300, translate 487.5, 305 — what us-atlas's albers files use).
// Run: node scripts/make-map-data.mjs
import fs from 'node:fs';
import path from 'node:path';
import { geoAlbersUsa } from 'd3-geo';
import { feature } from 'topojson-client';

const root = path.resolve(import.meta.dirname, '..');
const atlas = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/us-atlas/states-albers-10m.json'), 'utf8'));
const usps = fs.readFileSync(path.join(root, 'src/domain/usps.ts'), 'utf8');
const codeOf = new Map([...usps.matchAll(/\['([A-Z]{2})', '([A-Z .]+)'\]/g)].map((m) => [m[2], m[1]]));

/** An SVG path of a (multi)polygon with coordinates rounded to integers and repeated points dropped. */
function pathOf(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let d = '';
  for (const poly of polys) {
    for (const ring of poly) {
      const pts = [];
      for (const [x, y] of ring) {
        const p = [Math.round(x), Math.round(y)];
        const last = pts[pts.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
      }
      if (pts.length < 3) continue;
      d += `M${pts[0][0]} ${pts[0][1]}`;
      for (let i = 1; i < pts.length; i++) d += `l${pts[i][0] - pts[i - 1][0]} ${pts[i][1] - pts[i - 1][1]}`;
      d += 'z';
    }
  }
  return d;
}

const states = {};
for (const f of feature(atlas, atlas.objects.states).features) {
  const code = codeOf.get(f.properties.name.toUpperCase());
  if (!code) throw new Error(`no postal code for ${f.properties.name}`);
  states[code] = pathOf(f.geometry);
}
const projection = geoAlbersUsa().scale(1300).translate([487.5, 305]);
const sums = new Map();
for (const line of fs.readFileSync(path.join(root, 'resources/zip/us-zips.csv'), 'utf8').split(/\r?\n/).slice(1)) {
  const [zip, , , lat, lon] = line.split(',');
  if (!zip || !lat || !lon) continue;
  const s = sums.get(zip.slice(0, 3)) ?? [0, 0, 0];
  s[0] += Number(lat);
  s[1] += Number(lon);
  s[2]++;
  sums.set(zip.slice(0, 3), s);
}
const zip3 = {};
for (const [area, [lat, lon, n]] of [...sums].sort()) {
  const p = projection([lon / n, lat / n]);
  if (p) zip3[area] = [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
}
const out = path.join(root, 'resources/map/us-map.json');
fs.writeFileSync(out, JSON.stringify({ width: 975, height: 610, source: 'us-atlas 3 states-albers-10m (U.S. Census Bureau cartographic boundaries); ZIP3 centres from resources/zip', states, zip3 }));
console.log(`wrote ${out}: ${Object.keys(states).length} states, ${Object.keys(zip3).length} ZIP3 areas, ${fs.statSync(out).size} bytes`);
