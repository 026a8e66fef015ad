// Tile serving through the browser-mode server: JPEG pass-through (cold and warm), the decode path
// (JPEG 2000 → JPEG, deflate → PNG) and OpenSlide's read-region-and-encode path on the same tiles.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/createCore';
import { loadOpenSlide } from '../../electron/core/slides/openslide/openslideLib';
import { startHost } from '../../electron/host/server';
import type { SlideDescriptor } from '../../shared/contract';
import { slideFixture } from '../fixtures/slides/generate';
import type { Bench, BenchFigure } from './benchTypes';

interface Run {
  tilesPerSecond: number;
  p50: number;
  p95: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const bench: Bench = {
  name: 'slide tiles over HTTP',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-slides-'));
    const core = createCore({ dataDir, door: 'browser', version: 'bench' });
    const token = 'bench-token-0123456789abcdef0123456789';
    const host = await startHost({ core, token, rendererDir: dataDir });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const fetchTile = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path, agent, headers: { Authorization: `Bearer ${token}`, Host: `127.0.0.1:${host.port}` } }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end();
      });
    const measure = async (paths: string[]): Promise<Run> => {
      const times: number[] = [];
      const t0 = performance.now();
      for (const p of paths) {
        const s = performance.now();
        await fetchTile(p);
        times.push(performance.now() - s);
      }
      const total = performance.now() - t0;
      times.sort((a, b) => a - b);
      return { tilesPerSecond: (paths.length / total) * 1000, p50: pct(times, 50), p95: pct(times, 95) };
    };
    const invoke = async <T>(name: string, input: unknown): Promise<T> => {
      const env = await core.invoke(name, input, { actorId: null });
      if (!env.ok) throw new Error(`${name}: ${env.error.message}`);
      return env.value as T;
    };
    try {
      const project = await invoke<{ id: number }>('projects.create', { name: 'bench' });
      const kase = await invoke<{ id: number }>('cases.create', { projectId: project.id, name: 'bench' });
      const add = async (path: string) => (await invoke<{ id: number }>('files.add', { caseId: kase.id, path })).id;
      const svs = await slideFixture('aperio-jpeg.svs');
      const svsId = await add(svs);
      const j2kId = await add(await slideFixture('aperio-j2k-rgb.svs'));
      const deflateId = await add(await slideFixture('pyramid-deflate.tif'));
      const tilePaths = async (id: number, max: number) => {
        const d = await invoke<SlideDescriptor>('slides.open', { slideId: id });
        const level = d.levelCount - 1;
        const cols = Math.floor(d.width / d.tileSize);
        const rows = Math.floor(d.height / d.tileSize);
        const out: string[] = [];
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push(d.tileUrlTemplate.replace('{level}', String(level)).replace('{col}', String(c)).replace('{row}', String(r)));
        return out.slice(0, max);
      };
      const svsTiles = await tilePaths(svsId, 240);
      const passCold = await measure(svsTiles);
      const warmPaths = Array.from({ length: 4 }, () => svsTiles).flat();
      const passWarm = await measure(warmPaths);
      const j2k = await measure(await tilePaths(j2kId, 240));
      const deflate = await measure(await tilePaths(deflateId, 240));

      let openslide: Run | null = null;
      if (loadOpenSlide()) {
        // The same file under a name only OpenSlide opens, so its tiles go through libopenslide + JPEG encoding.
        const copy = join(dataDir, 'same-slide.ndpi');
        copyFileSync(svs, copy);
        const osId = await add(copy).catch(async () => {
          // files.add refuses a second copy of the same bytes in a case; use another case.
          const other = await invoke<{ id: number }>('cases.create', { projectId: project.id, name: 'openslide' });
          return (await invoke<{ id: number }>('files.add', { caseId: other.id, path: copy })).id;
        });
        openslide = await measure(await tilePaths(osId, 240));
      }

      // Per-tile cost at the median: robust to other work on the machine.
      const atMedian = (r: Run) => 1000 / r.p50;
      const f = (name: string, value: number, unit: string, extra: Partial<BenchFigure> = {}): BenchFigure => ({ name, value, unit, ...extra });
      const base = (run: Run | null, label: string) => (run ? { baseline: { name: label, value: run.tilesPerSecond } } : {});
      const figures: BenchFigure[] = [
        f('JPEG pass-through, warm: p50', passWarm.p50, 'ms', { target: 'p50 < 2 ms', met: passWarm.p50 < 2 }),
        f('JPEG pass-through, warm: p95', passWarm.p95, 'ms'),
        f('JPEG pass-through, warm (1 / p50)', atMedian(passWarm), 'tiles/s', {
          ...(openslide ? { baseline: { name: 'OpenSlide decode+encode (1 / p50)', value: atMedian(openslide) } } : {}),
          ...(openslide ? { target: '≥ 10× OpenSlide', met: atMedian(passWarm) >= 10 * atMedian(openslide) } : {}),
        }),
        f('JPEG pass-through, cold (1 / p50)', atMedian(passCold), 'tiles/s', openslide ? { baseline: { name: 'OpenSlide decode+encode (1 / p50)', value: atMedian(openslide) } } : {}),
        f('JPEG pass-through, warm (wall clock)', passWarm.tilesPerSecond, 'tiles/s', base(openslide, 'OpenSlide decode+encode')),
        f('JPEG pass-through, cold (wall clock, file read + splice)', passCold.tilesPerSecond, 'tiles/s', base(openslide, 'OpenSlide decode+encode')),
        f('JPEG pass-through, cold: p50', passCold.p50, 'ms'),
        f('decode path JPEG 2000 → JPEG, cold', j2k.tilesPerSecond, 'tiles/s', base(openslide, 'OpenSlide decode+encode')),
        f('decode path JPEG 2000 → JPEG: p50 / p95', j2k.p50, 'ms', { name: `decode path JPEG 2000 → JPEG: p50 (p95 ${j2k.p95.toFixed(1)} ms)` }),
        f('decode path deflate → PNG, cold', deflate.tilesPerSecond, 'tiles/s', base(openslide, 'OpenSlide decode+encode')),
        f('decode path deflate → PNG: p50', deflate.p50, 'ms', { name: `decode path deflate → PNG: p50 (p95 ${deflate.p95.toFixed(1)} ms)` }),
      ];
      if (openslide) {
        figures.push(f(`OpenSlide read_region + JPEG encode: p50 (p95 ${openslide.p95.toFixed(1)} ms)`, openslide.p50, 'ms'));
        figures.push(f('OpenSlide read_region + JPEG encode', openslide.tilesPerSecond, 'tiles/s'));
      } else {
        figures.push(f('OpenSlide not installed: no OpenSlide baseline', 0, ''));
      }
      return figures;
    } finally {
      agent.destroy();
      await host.close();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
