// 10,000 polygons on one slide: finding and preparing what is in view with the spatial index, against a linear scan
// of every annotation's bounds in the same run; and reading and writing the two interchange formats.
import { parseAsap } from '../../shared/annotations/asapRead';
import { writeAsap } from '../../shared/annotations/asapWrite';
import { parseGeoJson } from '../../shared/annotations/geojsonRead';
import { writeGeoJson } from '../../shared/annotations/geojsonWrite';
import type { Geometry, Ring } from '../../shared/annotations/geometry';
import type { ExportAnnotation } from '../../shared/annotations/interchange';
import { geometryBounds, type Bounds } from '../../shared/annotations/measure';
import { SpatialIndex } from '../../shared/annotations/spatialIndex';
import type { Bench, BenchFigure } from './benchTypes';

const SLIDE_W = 98_304;
const SLIDE_H = 65_536;
const COUNT = 10_000;

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/** Gland-like blobs in tissue clusters: 24–64 vertices, 40–900 px across. */
function polygons(rnd: () => number): Geometry[] {
  const clusters = Array.from({ length: 40 }, () => [rnd() * SLIDE_W, rnd() * SLIDE_H]);
  return Array.from({ length: COUNT }, () => {
    const [qx, qy] = clusters[Math.floor(rnd() * clusters.length)];
    const cx = Math.min(SLIDE_W - 1000, Math.max(1000, qx + (rnd() - 0.5) * 16_000));
    const cy = Math.min(SLIDE_H - 1000, Math.max(1000, qy + (rnd() - 0.5) * 12_000));
    const r = 20 + rnd() * 430;
    const n = 24 + Math.floor(rnd() * 41);
    const ring: Ring = [];
    for (let i = 0; i < n; i++) {
      const t = (2 * Math.PI * i) / n;
      const rr = r * (0.8 + 0.4 * rnd());
      ring.push([Math.round((cx + rr * Math.cos(t)) * 100) / 100, Math.round((cy + rr * Math.sin(t)) * 100) / 100]);
    }
    ring.push([ring[0][0], ring[0][1]]);
    return { type: 'polygon', rings: [ring] };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** A viewer of 1600 × 900 CSS px at `zoom` CSS px per level-0 px, looking at annotated tissue (centred near an annotation). */
function views(rnd: () => number, zoom: number, n: number, near: Bounds[]): Bounds[] {
  const w = 1600 / zoom;
  const h = 900 / zoom;
  return Array.from({ length: n }, () => {
    const b = near[Math.floor(rnd() * near.length)];
    const cx = (b.minX + b.maxX) / 2 + (rnd() - 0.5) * w * 0.5;
    const cy = (b.minY + b.maxY) / 2 + (rnd() - 0.5) * h * 0.5;
    return { minX: cx - w / 2, minY: cy - h / 2, maxX: cx + w / 2, maxY: cy + h / 2 };
  });
}

/** What a frame draws: every visible polygon's vertices in screen coordinates (the part that does not need a GPU). */
function project(geoms: Geometry[], ids: Iterable<number>, view: Bounds, zoom: number, out: Float32Array): number {
  let k = 0;
  for (const id of ids) {
    const g = geoms[id];
    if (g.type !== 'polygon') continue;
    for (const [x, y] of g.rings[0]) {
      out[k++] = (x - view.minX) * zoom;
      out[k++] = (y - view.minY) * zoom;
    }
  }
  return k;
}

const bench: Bench = {
  name: 'Annotations: 10,000 polygons in view, and interchange',
  async run(): Promise<BenchFigure[]> {
    const rnd = random(2024);
    const geoms = polygons(rnd);
    const bounds = geoms.map(geometryBounds);
    const flat = new Float64Array(COUNT * 4);
    bounds.forEach((b, i) => flat.set([b.minX, b.minY, b.maxX, b.maxY], 4 * i));
    const figures: BenchFigure[] = [];

    let index = new SpatialIndex<number>();
    const builds = Array.from({ length: 5 }, () => time(() => (index = new SpatialIndex(bounds.map((b, i) => [i, b] as [number, Bounds])))));
    figures.push({ name: 'build the index (10,000 polygons)', value: median(builds), unit: 'ms', target: '< 100 ms', met: median(builds) < 100 });

    const linear = (v: Bounds): number[] => {
      const out: number[] = [];
      for (let i = 0; i < COUNT; i++) {
        if (flat[4 * i] <= v.maxX && flat[4 * i + 2] >= v.minX && flat[4 * i + 1] <= v.maxY && flat[4 * i + 3] >= v.minY) out.push(i);
      }
      return out;
    };
    const scratch = new Float32Array(COUNT * 2 * 70);
    for (const [label, zoom] of [
      ['40× (zoom 1)', 1],
      ['10× (zoom 0.25)', 0.25],
      ['2.5× (zoom 0.0625)', 0.0625],
    ] as const) {
      const vs = views(rnd, zoom, 400, bounds);
      // Same answers, or the comparison means nothing.
      for (const v of vs.slice(0, 20)) if (index.search(v).length !== linear(v).length) throw new Error('the index and the linear scan disagree');
      const idx = vs.map((v) => time(() => index.search(v)));
      const scan = vs.map((v) => time(() => linear(v)));
      const visible = median(vs.map((v) => index.search(v).length));
      const q = median(idx);
      figures.push({
        name: `query a view at ${label}, ~${visible} in view`,
        value: q * 1000,
        unit: 'µs',
        baseline: { name: 'linear scan', value: median(scan) * 1000 },
        target: '< 200 µs',
        met: q * 1000 < 200,
      });
      const frame = vs.map((v) => time(() => project(geoms, index.search(v), v, zoom, scratch)));
      const all = vs.slice(0, 50).map((v) => time(() => project(geoms, geoms.keys(), v, zoom, scratch)));
      const f = median(frame);
      figures.push({
        name: `frame preparation at ${label}`,
        value: f,
        unit: 'ms',
        baseline: { name: 'projecting all 10,000', value: median(all) },
        target: '< 4 ms (a quarter of a 60 Hz frame)',
        met: f < 4,
      });
    }

    const edits = 500;
    const editTime = time(() => {
      for (let i = 0; i < edits; i++) {
        const id = Math.floor(rnd() * COUNT);
        const b = bounds[id];
        index.set(id, { minX: b.minX + 10, minY: b.minY, maxX: b.maxX + 10, maxY: b.maxY });
        index.search(views(rnd, 0.25, 1, bounds)[0]);
      }
    });
    figures.push({ name: 'move an annotation and re-query (mean of 500)', value: (editTime / edits) * 1000, unit: 'µs', target: '< 500 µs', met: (editTime / edits) * 1000 < 500 });

    const annotations: ExportAnnotation[] = geoms.map((geometry, i) => ({ geometry, className: `Class ${i % 5}`, classColour: '#c80000', name: '', description: '' }));
    const raw = JSON.stringify(geoms);
    const rawMs = median(Array.from({ length: 3 }, () => time(() => JSON.parse(JSON.stringify(geoms)))));
    let geojson = '';
    const gjWrite = median(Array.from({ length: 3 }, () => time(() => (geojson = writeGeoJson(annotations)))));
    const gjRead = median(Array.from({ length: 3 }, () => time(() => parseGeoJson(geojson))));
    figures.push({
      name: `GeoJSON write + read (${(geojson.length / 1e6).toFixed(1)} MB)`,
      value: gjWrite + gjRead,
      unit: 'ms',
      baseline: { name: `JSON round trip of the bare geometry (${(raw.length / 1e6).toFixed(1)} MB)`, value: rawMs },
      target: '< 5 s',
      met: gjWrite + gjRead < 5000,
    });
    let xml = '';
    const asWrite = median(Array.from({ length: 3 }, () => time(() => (xml = writeAsap(annotations, [])))));
    const asRead = median(Array.from({ length: 3 }, () => time(() => parseAsap(xml))));
    figures.push({
      name: `ASAP XML write + read (${(xml.length / 1e6).toFixed(1)} MB)`,
      value: asWrite + asRead,
      unit: 'ms',
      baseline: { name: 'JSON round trip of the bare geometry', value: rawMs },
      target: '< 5 s',
      met: asWrite + asRead < 5000,
    });
    return figures;
  },
};

export default bench;
