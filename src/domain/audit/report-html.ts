// The list audit as one self-contained HTML page: inline CSS and SVG charts, no scripts, no external fetches, made to print
// on Letter or A4. Pure: an AuditResult in, a string out; every value that came from a user or a file is escaped.
import type { AuditResult, AuditStepKind, ListAudit } from '../../api/contract';
import { formatDollars, formatShare, formatUnitCost, STEP_ORDER } from './audit';
import type { UsMap } from './us-map';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
const e = escapeHtml;

const num = (n: number) => n.toLocaleString('en-US');
const pct = formatShare;
const money = (x: number | null) => (x === null ? '–' : formatDollars(x));

/** Muted colours, one per step, and the accent for net-new records. */
const COLORS: Record<AuditStepKind | 'netNew', string> = {
  netNew: '#2f6feb',
  duplicates: '#8d99ae',
  house: '#7b6bb0',
  earlier: '#b47ba3',
  suppressed: '#c25b56',
  undeliverable: '#d2a03f',
  outside: '#5b9e8f',
  stale: '#b5b5b5',
};

/** US states (and DC, PR) on an 11 × 8 tile grid that keeps neighbours near each other: [row, column]. */
const TILES: Record<string, [number, number]> = {
  AK: [0, 0], ME: [0, 10],
  VT: [1, 9], NH: [1, 10],
  WA: [2, 0], ID: [2, 1], MT: [2, 2], ND: [2, 3], MN: [2, 4], IL: [2, 5], WI: [2, 6], MI: [2, 7], NY: [2, 8], RI: [2, 9], MA: [2, 10],
  OR: [3, 0], NV: [3, 1], WY: [3, 2], SD: [3, 3], IA: [3, 4], IN: [3, 5], OH: [3, 6], PA: [3, 7], NJ: [3, 8], CT: [3, 9],
  CA: [4, 0], UT: [4, 1], CO: [4, 2], NE: [4, 3], MO: [4, 4], KY: [4, 5], WV: [4, 6], VA: [4, 7], MD: [4, 8], DE: [4, 9],
  AZ: [5, 1], NM: [5, 2], KS: [5, 3], AR: [5, 4], TN: [5, 5], NC: [5, 6], SC: [5, 7], DC: [5, 8],
  OK: [6, 3], LA: [6, 4], MS: [6, 5], AL: [6, 6], GA: [6, 7],
  HI: [7, 0], TX: [7, 3], FL: [7, 8], PR: [7, 10],
};

const CSS = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#f6f7f9;color:#1d2330;font:12px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
.page{max-width:1060px;margin:0 auto;padding:28px 32px 40px;background:#fff;min-height:100vh}
header{border-bottom:1px solid #e3e6eb;padding-bottom:14px;margin-bottom:18px}
.eyebrow{font-size:11px;letter-spacing:.06em;text-transform:uppercase;color:#6b7385;margin:0 0 4px}
h1{font-size:22px;font-weight:600;margin:0 0 6px;letter-spacing:-.01em}
h2{font-size:14px;font-weight:600;margin:0 0 8px;letter-spacing:-.005em}
h3{font-size:12px;font-weight:600;margin:0 0 6px;color:#39404f}
.meta{color:#6b7385;margin:0}
.meta span+span:before{content:"·";margin:0 6px;color:#b5bac4}
section{margin:0 0 22px;break-inside:avoid;page-break-inside:avoid}
.cols{display:grid;gap:18px}
.cols.two{grid-template-columns:1fr 1fr}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:10px;margin-bottom:10px}
.kpi{border:1px solid #e3e6eb;border-radius:6px;padding:9px 11px}
.kpi .label{font-size:11px;color:#6b7385}
.kpi .value{font-size:20px;font-weight:600;letter-spacing:-.01em;margin-top:2px}
.kpi .sub{font-size:11px;color:#6b7385}
.kpi.accent .value{color:#2f6feb}
table{width:100%;border-collapse:collapse}
th,td{padding:4px 8px;border-bottom:1px solid #eceef2;text-align:right;vertical-align:middle;white-space:nowrap}
th{font-size:11px;font-weight:500;color:#6b7385;background:#fafbfc;border-bottom:1px solid #e3e6eb}
th:first-child,td:first-child{text-align:left;white-space:normal}
tr.total td{font-weight:600;border-top:1px solid #cfd3da;border-bottom:none}
td.bar{width:38%;padding-right:0}
td.bar svg{display:block;width:100%;height:14px}
.swatch{display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;vertical-align:0}
.note{color:#6b7385;font-size:11px}
.muted{color:#6b7385}
.card{border:1px solid #e3e6eb;border-radius:6px;padding:12px 14px}
.donut{display:flex;gap:16px;align-items:center}
.donut svg{flex:none}
.legend{list-style:none;margin:0;padding:0;flex:1}
.legend li{display:flex;justify-content:space-between;gap:10px;padding:2px 0;border-bottom:1px dashed #eceef2}
.legend li:last-child{border-bottom:none}
.map svg{width:100%;height:auto;display:block}
.map .body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:18px;align-items:start}
.cols.two .map .body{grid-template-columns:1fr}
.callout{background:#f3f6fd;border:1px solid #d9e3fb;border-radius:6px;padding:8px 11px;margin-bottom:10px}
.warn{background:#fdf8ef;border-color:#f1e0bd}
ul.plain{margin:4px 0 0;padding-left:16px}
footer{margin-top:26px;border-top:1px solid #e3e6eb;padding-top:10px;color:#6b7385;font-size:11px}
@page{size:auto;margin:12mm}
@media print{
  body{background:#fff;font-size:10.5px}
  .page{max-width:none;padding:0;min-height:0}
  .kpi .value{font-size:17px}
  .break{break-before:page;page-break-before:always}
  h2{break-after:avoid;page-break-after:avoid}
  tr{break-inside:avoid;page-break-inside:avoid}
}
`;

export interface ReportContext {
  projectName: string;
  /** State outlines and ZIP3 centres for the map; without them the states are drawn as a tile grid. */
  map?: UsMap | null;
}

export function renderAuditHtml(r: AuditResult, ctx: ReportContext): string {
  const lists = r.lists;
  const two = lists.length > 1;
  const title = two ? `${lists[0]!.listName} vs ${lists[1]!.listName}` : (lists[0]?.listName ?? 'List');
  const generated = r.createdAt.slice(0, 16).replace('T', ' ');
  const grid = (parts: string[]) => `<div class="cols${two ? ' two' : ''}">${parts.join('')}</div>`;
  const body = [
    `<header><p class="eyebrow">List audit</p><h1>${e(title)}</h1><p class="meta"><span>Project ${e(ctx.projectName)}</span><span>Generated ${e(generated)} UTC</span><span>${
      r.target ? `Target area: ${e(r.target.description)}${r.target.recipeName ? ` (recipe “${e(r.target.recipeName)}”)` : ''}` : 'No target area set'
    }</span></p></header>`,
    two ? comparison(lists) : kpis(lists[0]!),
    ...lists.flatMap((l) => l.notes).map((n) => `<div class="callout warn">${e(n)}</div>`),
    `<section><h2>Waterfall</h2><p class="note">Each record is counted once, at the first step that finds it; “found” counts every record with the finding.</p>${grid(lists.map((l) => waterfall(l, two)))}${two ? stepNotes(lists) : ''}</section>`,
    `<section><h2>Where the records go</h2>${grid(lists.map(donut))}</section>`,
    `<section><h2>Savings meter</h2><p class="note">Pieces not mailed, at ${e(formatUnitCost(r.costs.printPerPiece))} print and ${e(formatUnitCost(r.costs.postagePerPiece))} postage per piece (unit costs set in the project).</p>${grid(lists.map((l) => savings(l, two)))}</section>`,
    `<section class="break"><h2>Overlap</h2>${grid(lists.map(overlap))}</section>`,
    `<section><h2>Missing fields</h2>${grid(lists.map(missingFields))}</section>`,
    `<section><h2>Where the records are</h2><p class="note">${
      ctx.map
        ? `Circle area: records per 3-digit ZIP area (placed at the mean of its ZIP centroids). ${r.target ? 'Blue: inside the target area; grey: outside it. Tinted states hold records inside it.' : 'No target area is set.'}`
        : r.target
          ? 'Shade: records per state. Outlined: states with records inside the target area.'
          : 'Shade: records per state. No target area is set.'
    }</p>${grid(lists.map((l) => stateMap(l, r.target !== null, ctx.map ?? null)))}</section>`,
    method(r),
    `<footer>Winnow list audit · ${e(ctx.projectName)} · made on this computer; nothing was sent anywhere. Address checks are USPS-style standardization, not CASS, DPV or NCOA processing.</footer>`,
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>List audit — ${e(title)}</title>
<style>${CSS}</style></head>
<body><main class="page">
${body.join('\n')}
</main></body></html>
`;
}

function kpis(l: ListAudit): string {
  const card = (label: string, value: string, sub: string, accent = false) => `<div class="kpi${accent ? ' accent' : ''}"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
  const facts = [l.vendor ? `Vendor ${e(l.vendor)}` : '', l.purchaseDate ? `bought ${e(l.purchaseDate)}` : '', `imported ${e(l.importedAt.slice(0, 10))}`].filter((x) => x).join(' · ');
  return `<section><div class="kpis">${[
    card('Rows bought', num(l.rows), facts),
    card('Net-new mailable', num(l.netNew), `${pct(l.netNew, l.rows)} of the rows`, true),
    card('List price', l.price ? money(l.price.total) : '–', l.price ? `${money(l.price.cpm)} per thousand (${l.price.source})` : 'no price entered'),
    card('Cost per net-new record', l.costPerNetNew === null ? '–' : formatUnitCost(l.costPerNetNew), l.price ? `vs ${formatUnitCost(l.rows === 0 ? 0 : l.price.total / l.rows)} per row bought` : 'needs a price'),
    card('Savings', money(l.savings.total), `${num(l.savings.pieces)} pieces not mailed`),
  ].join('')}</div></section>`;
}

function comparison(lists: ListAudit[]): string {
  const rows: [string, (l: ListAudit) => string][] = [
    ['Vendor', (l) => e(l.vendor ?? '–')],
    ['Imported', (l) => e(l.importedAt.slice(0, 10))],
    ['Rows bought', (l) => num(l.rows)],
    ...STEP_ORDER.map((k): [string, (l: ListAudit) => string] => [
      `<span class="swatch" style="background:${COLORS[k]}"></span>${e(lists[0]!.steps.find((s) => s.kind === k)?.label ?? k)}`,
      (l) => {
        const s = l.steps.find((x) => x.kind === k)!;
        return `${num(s.removed)} <span class="muted">(${pct(s.removed, l.rows)})</span>`;
      },
    ]),
    [`<span class="swatch" style="background:${COLORS.netNew}"></span><b>Net-new mailable</b>`, (l) => `<b>${num(l.netNew)}</b> <span class="muted">(${pct(l.netNew, l.rows)})</span>`],
    ['List price', (l) => (l.price ? money(l.price.total) : '–')],
    ['<b>Cost per net-new record</b>', (l) => `<b>${l.costPerNetNew === null ? '–' : formatUnitCost(l.costPerNetNew)}</b>`],
    ['Print and postage saved', (l) => money(l.savings.total)],
    ['Average quality (0–100)', (l) => String(l.verdicts.averageQuality)],
  ];
  const head = `<tr><th></th>${lists.map((l) => `<th>${e(l.listName)}</th>`).join('')}</tr>`;
  return `<section><h2>Side by side</h2><table>${head}${rows.map(([label, f]) => `<tr><td>${label}</td>${lists.map((l) => `<td>${f(l)}</td>`).join('')}</tr>`).join('')}</table></section>`;
}

/** The waterfall as a table with a floating bar per step: what is left, and what the step takes off its end. */
function waterfall(l: ListAudit, titled: boolean): string {
  const w = 300;
  const x = (v: number) => (l.rows === 0 ? 0 : (v / l.rows) * w);
  const bar = (from: number, width: number, color: string) =>
    `<svg viewBox="0 0 ${w} 14" preserveAspectRatio="none" role="img"><rect x="0" y="3" width="${w}" height="8" fill="#f1f3f6"/><rect x="${x(from).toFixed(2)}" y="2" width="${Math.max(width > 0 ? 1 : 0, x(width)).toFixed(2)}" height="10" rx="1.5" fill="${color}"/></svg>`;
  const rows = l.steps.map(
    (s) =>
      `<tr><td><span class="swatch" style="background:${COLORS[s.kind]}"></span>${e(s.label)}${s.note && !titled ? `<div class="note">${e(s.note)}</div>` : ''}</td><td>${num(s.found)}</td><td>${num(s.removed)}</td><td>${num(s.in - s.removed)}</td><td class="bar">${bar(s.in - s.removed, s.removed, COLORS[s.kind])}</td></tr>`,
  );
  return `<div>${titled ? `<h3>${e(l.listName)}</h3>` : ''}<table><tr><th>Step</th><th>Found</th><th>Removed</th><th>Left</th><th></th></tr>
<tr><td>Rows bought</td><td></td><td></td><td>${num(l.rows)}</td><td class="bar">${bar(0, l.rows, '#cfd5df')}</td></tr>
${rows.join('\n')}
<tr class="total"><td><span class="swatch" style="background:${COLORS.netNew}"></span>Net-new mailable</td><td></td><td></td><td>${num(l.netNew)}</td><td class="bar">${bar(0, l.netNew, COLORS.netNew)}</td></tr></table></div>`;
}

/** Side by side, the steps' notes go below both tables, so the rows stay one line high. */
function stepNotes(lists: ListAudit[]): string {
  const items = lists.flatMap((l) => l.steps.filter((s) => s.note).map((s) => `<li><b>${e(l.listName)}</b>, ${e(s.label.toLowerCase())}: ${e(s.note!)}</li>`));
  return items.length === 0 ? '' : `<ul class="plain note">${items.join('')}</ul>`;
}

/** A donut of the rows by what became of them, with its legend. */
function donut(l: ListAudit): string {
  const parts = [...l.steps.map((s) => ({ label: s.label, value: s.removed, color: COLORS[s.kind] })), { label: 'Net-new mailable', value: l.netNew, color: COLORS.netNew }];
  const r = 52;
  const c = 2 * Math.PI * r;
  let at = 0;
  const arcs = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const len = l.rows === 0 ? 0 : (p.value / l.rows) * c;
      const arc = `<circle r="${r}" cx="70" cy="70" fill="none" stroke="${p.color}" stroke-width="22" stroke-dasharray="${len.toFixed(3)} ${(c - len).toFixed(3)}" stroke-dashoffset="${(-at).toFixed(3)}" transform="rotate(-90 70 70)"/>`;
      at += len;
      return arc;
    });
  const svg = `<svg width="140" height="140" viewBox="0 0 140 140" role="img" aria-label="Rows by outcome"><circle r="${r}" cx="70" cy="70" fill="none" stroke="#f1f3f6" stroke-width="22"/>${arcs.join('')}<text x="70" y="67" text-anchor="middle" font-size="18" font-weight="600" fill="#2f6feb">${pct(l.netNew, l.rows)}</text><text x="70" y="83" text-anchor="middle" font-size="10" fill="#6b7385">net-new</text></svg>`;
  const legend = parts.map((p) => `<li><span><span class="swatch" style="background:${p.color}"></span>${e(p.label)}</span><span>${num(p.value)} <span class="muted">${pct(p.value, l.rows)}</span></span></li>`).join('');
  return `<div class="card"><h3>${e(l.listName)}</h3><div class="donut">${svg}<ul class="legend">${legend}</ul></div></div>`;
}

function savings(l: ListAudit, titled: boolean): string {
  const rows = l.steps.map((s) => `<tr><td>${e(s.label)}</td><td>${num(s.savings.pieces)}</td><td>${money(s.savings.print)}</td><td>${money(s.savings.postage)}</td><td>${money(s.savings.total)}</td></tr>`);
  const t = l.savings;
  const price = l.price && l.rows > 0 ? `<p class="note">The rows removed also stand for ${money(l.price.total * ((l.rows - l.netNew) / l.rows))} of the list price.</p>` : '';
  return `<div>${titled ? `<h3>${e(l.listName)}</h3>` : ''}<table><tr><th>Cleaning step</th><th>Pieces</th><th>Print</th><th>Postage</th><th>Saved</th></tr>${rows.join('')}<tr class="total"><td>Total</td><td>${num(t.pieces)}</td><td>${money(t.print)}</td><td>${money(t.postage)}</td><td>${money(t.total)}</td></tr></table>${price}</div>`;
}

function overlap(l: ListAudit): string {
  const group = (title: string, items: ListAudit['house'], empty: string) =>
    `<tr><th>${e(title)}</th><th>Imported</th><th>Records</th><th>Share</th></tr>${
      items.length === 0
        ? `<tr><td colspan="4" class="muted">${e(empty)}</td></tr>`
        : items.map((o) => `<tr><td>${e(o.listName)}</td><td>${e(o.importedAt.slice(0, 10))}</td><td>${num(o.records)}</td><td>${pct(o.records, l.rows)}</td></tr>`).join('')
    }`;
  return `<div><h3>${e(l.listName)}</h3><p class="note">Records of this list found on each other list (a record can be on several).</p><table>${group('House file', l.house, 'No house file in the project.')}${group('Earlier purchases', l.earlier, 'No list was bought before this one.')}${group('Suppression lists', l.suppression, 'No suppression list in the project.')}</table></div>`;
}

function missingFields(l: ListAudit): string {
  const w = 200;
  const rows = l.missing.map((m) => {
    const width = l.rows === 0 ? 0 : (m.records / l.rows) * w;
    return `<tr><td>${e(m.label)}</td><td>${num(m.records)}</td><td>${pct(m.records, l.rows)}</td><td class="bar"><svg viewBox="0 0 ${w} 14" preserveAspectRatio="none"><rect x="0" y="3" width="${w}" height="8" fill="#f1f3f6"/><rect x="0" y="2" width="${width.toFixed(2)}" height="10" rx="1.5" fill="#8d99ae"/></svg></td></tr>`;
  });
  const v = l.verdicts;
  return `<div><h3>${e(l.listName)}</h3><table><tr><th>Field</th><th>Missing</th><th>Share</th><th></th></tr>${rows.join('')}</table><p class="note">After cleaning: mailable ${num(v.mailable)} (${pct(v.mailable, l.rows)}), emailable ${num(v.emailable)} (${pct(v.emailable, l.rows)}), callable ${num(v.callable)} (${pct(v.callable, l.rows)}); average quality ${v.averageQuality}.</p></div>`;
}

/** A tile map of the states: shade by records, outline the states with records inside the target area. */
function stateMap(l: ListAudit, hasTarget: boolean, map: UsMap | null): string {
  const size = 40;
  const gap = 3;
  const by = new Map(l.states.map((s) => [s.state, s]));
  const max = Math.max(1, ...l.states.filter((s) => s.state in TILES).map((s) => s.records));
  const shade = (n: number) => {
    if (n === 0) return '#f1f3f6';
    const t = Math.sqrt(n / max);
    const mix = (a: number, b: number) => Math.round(a + (b - a) * (0.15 + 0.85 * t));
    return `rgb(${mix(226, 47)},${mix(234, 111)},${mix(252, 235)})`;
  };
  const tiles = Object.entries(TILES).map(([code, [row, col]]) => {
    const s = by.get(code);
    const n = s?.records ?? 0;
    const x = col * (size + gap);
    const y = row * (size + gap);
    const dark = n > 0 && Math.sqrt(n / max) > 0.45;
    const outline = hasTarget && s?.inTarget ? `<rect x="${x + 1}" y="${y + 1}" width="${size - 2}" height="${size - 2}" rx="3" fill="none" stroke="#1d2330" stroke-width="2"/>` : '';
    return `<g><rect x="${x}" y="${y}" width="${size}" height="${size}" rx="4" fill="${shade(n)}"/>${outline}<text x="${x + size / 2}" y="${y + 17}" text-anchor="middle" font-size="11" font-weight="600" fill="${dark ? '#fff' : '#39404f'}">${code}</text><text x="${x + size / 2}" y="${y + 31}" text-anchor="middle" font-size="9" fill="${dark ? '#e8eefc' : '#6b7385'}">${n > 0 ? compact(n) : ''}</text></g>`;
  });
  const width = 11 * (size + gap);
  const height = 8 * (size + gap);
  const unplaced = l.states.filter((s) => !(s.state in TILES)).reduce((a, s) => a + s.records, 0);
  const top = l.states
    .filter((s) => s.state !== '')
    .slice(0, 8)
    .map((s) => `<tr><td>${e(s.state)}</td><td>${num(s.records)}</td><td>${num(s.netNew)}</td>${hasTarget ? `<td>${s.inTarget ? 'yes' : 'no'}</td>` : ''}</tr>`)
    .join('');
  const picture = map ? geoMap(l, hasTarget, map) : `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Records per state">${tiles.join('')}</svg>`;
  return `<div class="card map"><h3>${e(l.listName)}</h3><div class="body">${picture}
<div><table><tr><th>State</th><th>Records</th><th>Net-new</th>${hasTarget ? '<th>In target</th>' : ''}</tr>${top}</table>${unplaced > 0 ? `<p class="note">${num(unplaced)} ${unplaced === 1 ? 'record has' : 'records have'} no US state (no ZIP or state, or outside the United States).</p>` : ''}</div></div></div>`;
}

/** States in Albers USA with a circle per ZIP3 area, its area proportional to the records there. */
function geoMap(l: ListAudit, hasTarget: boolean, map: UsMap): string {
  const inTarget = new Set(l.states.filter((s) => s.inTarget).map((s) => s.state));
  const shapes = Object.entries(map.states)
    .map(([code, d]) => `<path d="${d}" fill="${hasTarget && inTarget.has(code) ? '#e4ebfa' : '#eef0f4'}" stroke="#fff" stroke-width="1.2"/>`)
    .join('');
  const max = Math.max(1, ...l.zip3.map((z) => z.records));
  const dots = l.zip3
    .filter((z) => map.zip3[z.zip3])
    .map((z) => {
      const [x, y] = map.zip3[z.zip3]!;
      const r = Math.max(1.6, Math.sqrt(z.records / max) * 22);
      const color = z.inTarget === false ? '#9aa3b2' : '#2f6feb';
      return `<circle cx="${x}" cy="${y}" r="${r.toFixed(1)}" fill="${color}" fill-opacity="0.55" stroke="#fff" stroke-width="0.6"><title>ZIP3 ${e(z.zip3)}: ${num(z.records)} records, ${num(z.netNew)} net-new</title></circle>`;
    });
  return `<svg viewBox="0 0 ${map.width} ${map.height}" role="img" aria-label="Records per 3-digit ZIP area">${shapes}${dots.join('')}</svg>`;
}

const compact = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

function method(r: AuditResult): string {
  return `<section><h2>How the figures are made</h2><ul class="plain note">
<li><b>Duplicates within the list</b>: Winnow's merge/purge of the list's own records (names, nicknames, addresses, e-mails, phones compared and weighted); the best record of each person or company is kept.</li>
<li><b>House file, earlier purchases, suppression</b>: each entry of those lists is matched at the most specific level its own fields allow (a person by name and address or e-mail/phone, a household, a company at an address, an address, an e-mail, a phone). Earlier purchases are the bought lists imported before this one.</li>
<li><b>Undeliverable-looking</b>: no deliverable postal address after cleaning (no street line, no city/state/ZIP, or a ZIP that does not fit). USPS-style checks, not CASS or DPV.</li>
<li><b>Outside the target area</b>: ${r.target ? e(r.target.description) : 'no target area was set, so nothing was counted'}.</li>
<li><b>Stale or recently mailed</b>: acquired more than ${r.staleMonths} months ago (the acquired-date column), or mailed in the last ${r.costs.recentDays} days according to the mailing ledger.</li>
<li><b>Net-new mailable</b>: the rows no step removed. Cost per net-new record = list price ÷ net-new mailable records.</li>
</ul></section>`;
}
