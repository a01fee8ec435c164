// Draws the app icon (a winnowing funnel: grain falls through, chaff blows away) as resources/icons/icon.svg and a 512×512 icon.png, with no dependencies.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 512;
const outDir = path.resolve(import.meta.dirname, '..', 'resources', 'icons');

// One geometry for both outputs, in 512-unit coordinates.
const tile = { x: 16, y: 16, w: 480, h: 480, r: 104, top: [0x23, 0x7f, 0x61], bottom: [0x0e, 0x4a, 0x38] };
const cream = [0xf7, 0xf3, 0xe8];
const amber = [0xf2, 0xb6, 0x40];
const rim = { x: 100, y: 172, w: 312, h: 28, r: 14 };
const funnel = [
  [116, 190],
  [396, 190],
  [284, 318],
  [284, 384],
  [228, 384],
  [228, 318],
];
const grains = [
  { cx: 190, cy: 128, r: 20 },
  { cx: 250, cy: 100, r: 20 },
  { cx: 306, cy: 134, r: 20 },
  { cx: 256, cy: 424, r: 13 },
  { cx: 256, cy: 456, r: 9 },
];
const chaff = [
  { cx: 366, cy: 104, r: 11 },
  { cx: 404, cy: 80, r: 8 },
  { cx: 434, cy: 62, r: 6 },
];
const CHAFF_ALPHA = 0.6;

function svg() {
  const circle = (c, fill, extra = '') => `<circle cx="${c.cx}" cy="${c.cy}" r="${c.r}" fill="${fill}"${extra}/>`;
  const hex = (rgb) => '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="field" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${hex(tile.top)}"/>
      <stop offset="1" stop-color="${hex(tile.bottom)}"/>
    </linearGradient>
  </defs>
  <rect x="${tile.x}" y="${tile.y}" width="${tile.w}" height="${tile.h}" rx="${tile.r}" fill="url(#field)"/>
  ${chaff.map((c) => circle(c, hex(cream), ` fill-opacity="${CHAFF_ALPHA}"`)).join('\n  ')}
  ${grains.map((c) => circle(c, hex(amber))).join('\n  ')}
  <rect x="${rim.x}" y="${rim.y}" width="${rim.w}" height="${rim.h}" rx="${rim.r}" fill="${hex(cream)}"/>
  <polygon points="${funnel.map((p) => p.join(',')).join(' ')}" fill="${hex(cream)}"/>
</svg>
`;
}

function inRoundRect(x, y, b) {
  const qx = Math.max(b.x + b.r - x, 0, x - (b.x + b.w - b.r));
  const qy = Math.max(b.y + b.r - y, 0, y - (b.y + b.h - b.r));
  if (x < b.x || x > b.x + b.w || y < b.y || y > b.y + b.h) return false;
  return qx * qx + qy * qy <= b.r * b.r;
}

function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inCircle = (x, y, c) => (x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r * c.r;
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Premultiplied RGBA of one sample point. */
function sample(x, y) {
  if (!inRoundRect(x, y, tile)) return [0, 0, 0, 0];
  let rgb = mix(tile.top, tile.bottom, (y - tile.y) / tile.h);
  if (chaff.some((c) => inCircle(x, y, c))) rgb = mix(rgb, cream, CHAFF_ALPHA);
  if (grains.some((c) => inCircle(x, y, c))) rgb = amber;
  if (inRoundRect(x, y, rim) || inPolygon(x, y, funnel)) rgb = cream;
  return [rgb[0], rgb[1], rgb[2], 1];
}

function rasterize(size) {
  const scale = SIZE / size;
  const ss = 4; // 4×4 samples per pixel for smooth edges
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    const rowStart = py * (size * 4 + 1);
    rows[rowStart] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = sample((px + (sx + 0.5) / ss) * scale, (py + (sy + 0.5) / ss) * scale);
          for (let k = 0; k < 4; k++) acc[k] += k < 3 ? s[k] * s[3] : s[3];
        }
      }
      const n = ss * ss;
      const a = acc[3] / n;
      const o = rowStart + 1 + px * 4;
      for (let k = 0; k < 3; k++) rows[o + k] = a > 0 ? Math.round(acc[k] / n / a) : 0;
      rows[o + 3] = Math.round(a * 255);
    }
  }
  return rows;
}

function png(size) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rasterize(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'icon.svg'), svg());
fs.writeFileSync(path.join(outDir, 'icon.png'), png(SIZE));
console.log(`wrote ${path.relative(process.cwd(), outDir)}/icon.svg and icon.png (${SIZE}×${SIZE})`);
