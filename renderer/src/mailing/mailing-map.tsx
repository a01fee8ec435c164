// The offline map of the Mailing view: US states (us-atlas) and ZIP3 areas drawn on a canvas as the Voronoi cells of the bundled
// ZIP centroids grouped by their first three digits, filled by a layer's counts; the target area outlined; radius rules as true
// great circles. Albers USA: Alaska and Hawaii are insets; Puerto Rico and the territories project to nothing and are skipped.
import { Delaunay } from 'd3-delaunay';
import { geoAlbersUsa, geoCircle, geoPath, type GeoProjection } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import usAtlas from 'us-atlas/states-10m.json';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GeoArea, GeoSummary } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { formatCount } from '../format';
import { reportError } from '../state/toast-store';
import { classOf, LAYER_LABELS, layerCount, legendLabels, milesToDegrees, PALETTES, quantileBreaks, type MapLayer, type Palette } from './map-scale';

type Reference = { zip3: string[]; lat: number[]; lon: number[] };

// The ZIP centroids are the same for every project: read once per session.
let referencePromise: Promise<Reference> | null = null;
function zipReference(): Promise<Reference> {
  referencePromise ??= api()
    .invoke('geo.reference', {})
    .catch((err: unknown) => {
      referencePromise = null;
      throw err;
    });
  return referencePromise;
}

const us = usAtlas as unknown as Topology<{ states: GeometryCollection; nation: GeometryCollection }>;
const nation = feature(us, us.objects.nation);
const stateBorders = mesh(us, us.objects.states, (a, b) => a !== b);

/** Everything that depends on the canvas size only: projection, cells grouped by ZIP3, borders between ZIP3 areas. */
interface Layout {
  w: number;
  h: number;
  projection: GeoProjection;
  delaunay: Delaunay<number>;
  /** ZIP3 of each projected point (index into `codes`). */
  pointArea: Uint16Array;
  codes: string[];
  cells: Path2D[];
  /** Voronoi edges between two different ZIP3 areas: x1, y1, x2, y2 and the two area indexes. */
  edges: Float64Array;
  edgeAreas: Uint16Array;
  nation: Path2D;
  states: Path2D;
}

type FitTarget = GeoJSON.Feature | GeoJSON.FeatureCollection;

function buildLayout(ref: Reference, w: number, h: number, fit: FitTarget): Layout {
  const pad = fit === nation ? 8 : 28;
  const projection = geoAlbersUsa().fitExtent(
    [
      [pad, pad],
      [w - pad, h - pad],
    ],
    fit,
  );
  const path = geoPath(projection);
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const xy: number[] = [];
  const areaOf: number[] = [];
  for (let i = 0; i < ref.zip3.length; i++) {
    const p = projection([ref.lon[i]!, ref.lat[i]!]);
    if (!p) continue; // Puerto Rico, the territories, and points outside the projection.
    const code = ref.zip3[i]!;
    let k = codeIndex.get(code);
    if (k === undefined) {
      k = codes.length;
      codes.push(code);
      codeIndex.set(code, k);
    }
    xy.push(p[0], p[1]);
    areaOf.push(k);
  }
  const delaunay = new Delaunay(Float64Array.from(xy));
  const voronoi = delaunay.voronoi([-w, -h, 2 * w, 2 * h]);
  const pointArea = Uint16Array.from(areaOf);
  const cells = codes.map(() => new Path2D());
  const n = areaOf.length;
  for (let i = 0; i < n; i++) {
    const poly = voronoi.cellPolygon(i);
    if (!poly || poly.length < 3) continue;
    const cell = cells[pointArea[i]!]!;
    cell.moveTo(poly[0]![0], poly[0]![1]);
    for (let j = 1; j < poly.length; j++) cell.lineTo(poly[j]![0], poly[j]![1]);
    cell.closePath();
  }
  // A Voronoi edge joins the circumcentres of the two triangles sharing a Delaunay edge; keep those between two areas.
  const { triangles, halfedges } = delaunay;
  const cc = voronoi.circumcenters;
  const edges: number[] = [];
  const edgeAreas: number[] = [];
  for (let e = 0; e < halfedges.length; e++) {
    const o = halfedges[e]!;
    if (o < e) continue; // each edge once; hull edges (−1) skipped
    const a = pointArea[triangles[e]!]!;
    const b = pointArea[triangles[e % 3 === 2 ? e - 2 : e + 1]!]!;
    if (a === b) continue;
    const t1 = Math.floor(e / 3);
    const t2 = Math.floor(o / 3);
    edges.push(cc[2 * t1]!, cc[2 * t1 + 1]!, cc[2 * t2]!, cc[2 * t2 + 1]!);
    edgeAreas.push(a, b);
  }
  return {
    w,
    h,
    projection,
    delaunay,
    pointArea,
    codes,
    cells,
    edges: Float64Array.from(edges),
    edgeAreas: Uint16Array.from(edgeAreas),
    nation: new Path2D(path(nation) ?? ''),
    states: new Path2D(path(stateBorders) ?? ''),
  };
}

/** What "Target area" zooms to: the radius circles and the ZIP centroids of the target areas (null: nothing to zoom to). */
function targetExtent(ref: Reference, geo: GeoSummary | null): FitTarget | null {
  if (!geo) return null;
  // Radius rules: the circles with as much again around them (whole ZIP3 areas reach far beyond a small circle).
  const features: GeoJSON.Feature[] = geo.circles.map((c) => ({
    type: 'Feature',
    properties: {},
    geometry: geoCircle().center([c.lon, c.lat]).radius(milesToDegrees(c.miles) * 2).precision(4)(),
  }));
  const targets = new Set(geo.areas.filter((a) => a.target).map((a) => a.zip3));
  if (features.length === 0 && targets.size > 0 && targets.size < geo.areas.length) {
    const pts: [number, number][] = [];
    for (let i = 0; i < ref.zip3.length; i++) if (targets.has(ref.zip3[i]!)) pts.push([ref.lon[i]!, ref.lat[i]!]);
    if (pts.length > 0) features.push({ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: pts } });
  }
  return features.length > 0 ? { type: 'FeatureCollection', features } : null;
}

const DARK = '(prefers-color-scheme: dark)';

function palette(dark: boolean): Palette {
  return dark ? PALETTES.dark : PALETTES.light;
}

/** Whether the system is in dark mode, following changes (the canvas repaints in the other palette). */
function useDarkScheme(): boolean {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(DARK).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const m = matchMedia(DARK);
    const on = () => setDark(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return dark;
}

interface Drawn {
  /** The layer these counts were painted for (the label follows the paint, not the click before it). */
  layer: MapLayer;
  areas: number;
  targets: number;
  circles: number;
  breaks: number[];
}

function draw(ctx: CanvasRenderingContext2D, layout: Layout, geo: GeoSummary | null, layer: MapLayer, pal: Palette, dpr: number): Drawn {
  const { w, h } = layout;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = pal.land;
  ctx.fill(layout.nation);

  const byCode = new Map<string, GeoArea>((geo?.areas ?? []).map((a) => [a.zip3, a]));
  const breaks = quantileBreaks((geo?.areas ?? []).map((a) => layerCount(a, layer)));
  // Everything is "target" when the recipe has no geography rule: nothing to outline then.
  const someTarget = (geo?.areas ?? []).some((a) => a.target) && !(geo?.areas ?? []).every((a) => a.target);
  const isTarget = layout.codes.map((c) => someTarget && byCode.get(c)?.target === true);

  ctx.save();
  ctx.clip(layout.nation);
  let areas = 0;
  layout.codes.forEach((code, k) => {
    const a = byCode.get(code);
    const cls = a ? classOf(layerCount(a, layer), breaks) : -1;
    if (cls < 0) return;
    ctx.fillStyle = pal.classes[cls] ?? pal.classes[pal.classes.length - 1]!;
    ctx.fill(layout.cells[k]!);
    areas++;
  });
  // ZIP3 borders, faint; then the outline of the target area.
  const { edges, edgeAreas } = layout;
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = pal.zip3;
  ctx.beginPath();
  for (let i = 0; i < edgeAreas.length / 2; i++) {
    ctx.moveTo(edges[4 * i]!, edges[4 * i + 1]!);
    ctx.lineTo(edges[4 * i + 2]!, edges[4 * i + 3]!);
  }
  ctx.stroke();
  let targets = 0;
  if (someTarget) {
    targets = layout.codes.filter((_, k) => isTarget[k]).length;
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = pal.target;
    ctx.beginPath();
    for (let i = 0; i < edgeAreas.length / 2; i++) {
      if (isTarget[edgeAreas[2 * i]!] === isTarget[edgeAreas[2 * i + 1]!]) continue;
      ctx.moveTo(edges[4 * i]!, edges[4 * i + 1]!);
      ctx.lineTo(edges[4 * i + 2]!, edges[4 * i + 3]!);
    }
    ctx.stroke();
  }
  ctx.restore();

  ctx.lineWidth = 0.7;
  ctx.strokeStyle = pal.state;
  ctx.stroke(layout.states);
  ctx.lineWidth = 1;
  ctx.stroke(layout.nation);

  // Radius rules: great circles through the same projection.
  let circles = 0;
  const path = geoPath(layout.projection);
  for (const c of geo?.circles ?? []) {
    const ring = geoCircle().center([c.lon, c.lat]).radius(milesToDegrees(c.miles)).precision(2)();
    const d = path(ring);
    const centre = layout.projection([c.lon, c.lat]);
    if (!d || !centre) continue;
    const p = new Path2D(d);
    // A light wash over land only (the sea is not a place to mail), then the true circle as a dashed line.
    ctx.save();
    ctx.clip(layout.nation);
    ctx.fillStyle = pal.circle + '16';
    ctx.fill(p);
    ctx.restore();
    ctx.lineWidth = 1.6;
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = pal.circle;
    ctx.stroke(p);
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(centre[0], centre[1], 2.5, 0, Math.PI * 2);
    ctx.fillStyle = pal.circle;
    ctx.fill();
    circles++;
  }
  return { layer, areas, targets, circles, breaks };
}

interface Hover {
  x: number;
  y: number;
  code: string;
  area: GeoArea | null;
}

export function MailingMap({
  geo,
  layer,
  emptyHint,
  layerNames,
}: {
  geo: GeoSummary | null;
  layer: MapLayer;
  /** Why nothing may be placed yet. */
  emptyHint?: string;
  /** Other words for the layers, and only these in the tooltip (the list audit: records and net-new records). */
  layerNames?: Partial<Record<MapLayer, string>>;
}) {
  const nameOf = (l: MapLayer) => layerNames?.[l] ?? LAYER_LABELS[l];
  const tipLayers = (['customers', 'prospects', 'kept'] as const).filter((l) => !layerNames || layerNames[l] !== undefined);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [ref, setRef] = useState<Reference | null>(null);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const lastFound = useRef(0);
  const dark = useDarkScheme();

  useEffect(() => {
    let alive = true;
    zipReference().then(
      (r) => alive && setRef(r),
      (err: unknown) => {
        if (!alive) return;
        setFailed(true);
        reportError('Could not read the ZIP centroids for the map', err);
      },
    );
    return () => {
      alive = false;
    };
  }, []);

  // Redraw at the new size once the resizing settles.
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const w = Math.floor(r.width);
      const h = Math.floor(r.height);
      if (w > 40 && h > 40) setSize((s) => (s && s.w === w && s.h === h ? s : { w, h }));
    };
    measure();
    const ro = new ResizeObserver(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(measure, 120);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const [zoom, setZoom] = useState<'us' | 'target'>('target');
  const extent = useMemo(() => (ref ? targetExtent(ref, geo) : null), [ref, geo]);
  const fit = zoom === 'target' && extent ? extent : nation;
  const layout = useMemo(() => (ref && size ? buildLayout(ref, size.w, size.h, fit) : null), [ref, size, fit]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !layout) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(layout.w * dpr);
    canvas.height = Math.round(layout.h * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    setDrawn(draw(ctx, layout, geo, layer, palette(dark), dpr));
  }, [layout, geo, layer, dark]);

  const byCode = useMemo(() => new Map<string, GeoArea>((geo?.areas ?? []).map((a) => [a.zip3, a])), [geo]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const canvas = canvasRef.current;
    if (!layout || !canvas) return;
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const ctx = canvas.getContext('2d');
    const dpr = window.devicePixelRatio || 1;
    if (!ctx || !ctx.isPointInPath(layout.nation, x * dpr, y * dpr)) {
      setHover(null);
      return;
    }
    const i = layout.delaunay.find(x, y, lastFound.current);
    lastFound.current = i;
    const code = layout.codes[layout.pointArea[i]!]!;
    setHover((h) => (h && h.code === code && Math.abs(h.x - x) < 2 && Math.abs(h.y - y) < 2 ? h : { x, y, code, area: byCode.get(code) ?? null }));
  };

  const label = drawn ? `Map of ${formatCount(drawn.areas)} ZIP3 areas: ${nameOf(drawn.layer).toLowerCase()}${drawn.circles > 0 ? `; ${drawn.circles} radius ${drawn.circles === 1 ? 'circle' : 'circles'}` : ''}` : 'Map loading';
  const labels = drawn ? legendLabels(drawn.breaks) : [];
  const pal = palette(dark);

  return (
    <div className="mail-map">
      <div className="mail-map-canvas" ref={wrapRef}>
        {failed ? (
          <p className="mail-map-note muted">The map could not be drawn: the ZIP centroids were not read.</p>
        ) : !layout ? (
          <span className="spinner mail-map-spinner" />
        ) : null}
        <canvas
          ref={canvasRef}
          data-testid="mailing-map"
          role="img"
          aria-label={label}
          data-drawn-areas={drawn?.areas ?? 0}
          data-target-areas={drawn?.targets ?? 0}
          data-circles={drawn?.circles ?? 0}
          data-zoom={fit === nation ? 'us' : 'target'}
          style={layout ? { width: layout.w, height: layout.h } : { width: 0, height: 0 }}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {extent && layout && (
          <span className="mail-seg mail-map-zoom" role="radiogroup" aria-label="Show">
            <button type="button" role="radio" aria-checked={zoom === 'us'} className="mail-seg-option" data-testid="map-zoom-us" onClick={() => setZoom('us')}>
              United States
            </button>
            <button type="button" role="radio" aria-checked={zoom === 'target'} className="mail-seg-option" data-testid="map-zoom-target" onClick={() => setZoom('target')}>
              Target area
            </button>
          </span>
        )}
        {hover && (
          <div className="mail-map-tip" data-testid="mailing-map-tip" style={{ left: Math.min(hover.x + 14, (layout?.w ?? 0) - 190), top: Math.max(4, hover.y - 10) }}>
            <div className="mail-map-tip-title">
              <span className="mono">{hover.code}</span>
              {hover.area && (
                <span className="muted">
                  {hover.area.place ? `${hover.area.place}, ` : ''}
                  {hover.area.state}
                </span>
              )}
            </div>
            {hover.area ? (
              <table>
                <tbody>
                  {tipLayers.map((l) => (
                    <tr key={l}>
                      <td>{nameOf(l)}</td>
                      <td className="num">{formatCount(layerCount(hover.area!, l))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <div className="muted">No records here</div>
            )}
            {hover.area?.target && <div className="mail-map-tip-target">In the target area</div>}
          </div>
        )}
        {drawn && (
          <div className="mail-legend" data-testid="mailing-map-legend">
            <div className="mail-legend-title">{nameOf(layer)} per ZIP3</div>
            {labels.length === 0 ? (
              <div className="muted mail-legend-empty" data-testid="mailing-map-empty">
                {emptyHint ?? 'No records placed'}
              </div>
            ) : (
              labels.map((l, i) => (
                <div key={l + i} className="mail-legend-row">
                  <span className="mail-swatch" style={{ background: pal.classes[i] }} />
                  {l}
                </div>
              ))
            )}
            {drawn.targets > 0 && (
              <div className="mail-legend-row">
                <span className="mail-swatch is-outline" style={{ borderColor: pal.target }} />
                Target area
              </div>
            )}
            {drawn.circles > 0 && (
              <div className="mail-legend-row">
                <span className="mail-swatch is-circle" style={{ borderColor: pal.circle }} />
                Radius
              </div>
            )}
          </div>
        )}
      </div>
      <p className="mail-map-note muted">
        ZIP3 areas drawn as nearest-ZIP-centroid cells; Alaska and Hawaii inset; Puerto Rico and territories not drawn.
        {geo && geo.unplaced[layer === 'kept' ? 'kept' : layer] > 0 && ` ${formatCount(geo.unplaced[layer === 'kept' ? 'kept' : layer])} records without a usable ZIP are not on the map.`}
      </p>
    </div>
  );
}
