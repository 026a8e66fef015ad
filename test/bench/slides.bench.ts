// Tile serving through the browser-mode server: JPEG pass-through (cold and warm), the decode path
// (JPEG 2000 → JPEG, deflate → PNG) and OpenSlide's read-region-and-encode path on the same tiles.
// The 10× target compares like with like: pass-through tiles not yet cached against OpenSlide's uncached ones.
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

/** Latencies (ms) of tiles fetched one after another; wall is their total time when known. */
function summary(times: number[], wall = times.reduce((a, b) => a + b, 0)): Run {
  const sorted = [...times].sort((a, b) => a - b);
  return { tilesPerSecond: (times.length / wall) * 1000, p50: pct(sorted, 50), p95: pct(sorted, 95) };
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
    const measure = async (paths: string[]): Promise<Run & { times: number[] }> => {
      const times: number[] = [];
      const t0 = performance.now();
      for (const p of paths) {
        const s = performance.now();
        await fetchTile(p);
        times.push(performance.now() - s);
      }
      return { ...summary(times, performance.now() - t0), times };
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
      const j2k = await measure(await tilePaths(j2kId, 240));
      const deflate = await measure(await tilePaths(deflateId, 240));

      let osId: number | null = null;
      if (loadOpenSlide()) {
        // The same file under a name only OpenSlide opens, so its tiles go through libopenslide + JPEG encoding.
        const copy = join(dataDir, 'same-slide.ndpi');
        copyFileSync(svs, copy);
        // files.add refuses a second copy of the same bytes in a case; use another case.
        const other = await invoke<{ id: number }>('cases.create', { projectId: project.id, name: 'openslide' });
        osId = (await invoke<{ id: number }>('files.add', { caseId: other.id, path: copy })).id;
      }
      const osTiles = osId === null ? [] : await tilePaths(osId, 240);

      // Cold: the slide is closed first (its tiles leave Sightline's cache, OpenSlide's handle and cache are freed),
      // and reopened by its DZI, so each tile is read from the file: pass-through reads and splices, OpenSlide
      // decodes and Sightline encodes. Rounds alternate so both see the same machine load.
      const cold = async (id: number, paths: string[], into: number[]) => {
        await invoke('slides.close', { slideId: id });
        await fetchTile(`/res/slides/${id}/image.dzi`);
        into.push(...(await measure(paths)).times);
      };
      const passColdTimes: number[] = [];
      const osTimes: number[] = [];
      // An untimed round of each first: until the HTTP stack and both paths are compiled and warm, a request
      // costs several times what it costs later, whichever path it takes.
      await cold(svsId, svsTiles, []);
      if (osId !== null) await cold(osId, osTiles, []);
      for (let round = 0; round < 3; round++) {
        await cold(svsId, svsTiles, passColdTimes);
        if (osId !== null) await cold(osId, osTiles, osTimes);
      }
      const passCold = summary(passColdTimes);
      const openslide = osId === null ? null : summary(osTimes);
      // Warm: the same tiles again, now answered from the tile cache.
      const passWarm = await measure(Array.from({ length: 4 }, () => svsTiles).flat());
      // The same cold tiles without HTTP (Core.resource, as the Electron door calls it): the engine's own cost.
      const inCore = async (id: number, paths: string[]) => {
        await invoke('slides.close', { slideId: id });
        await core.resource(`slides/${id}/image.dzi`);
        const times: number[] = [];
        for (const p of paths) {
          const t0 = performance.now();
          const r = await core.resource(p.slice('/res/'.length));
          if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
          times.push(performance.now() - t0);
        }
        return summary(times);
      };
      const passCore = await inCore(svsId, svsTiles);
      const osCore = osId === null ? null : await inCore(osId, osTiles);

      // Per-tile cost at the median: robust to other work on the machine.
      const atMedian = (r: Run) => 1000 / r.p50;
      const f = (name: string, value: number, unit: string, extra: Partial<BenchFigure> = {}): BenchFigure => ({ name, value, unit, ...extra });
      const vsOpenSlide = (run: Run | null, label = 'OpenSlide read_region + JPEG encode, cold (1 / p50)') => (run ? { baseline: { name: label, value: atMedian(run) } } : {});
      const figures: BenchFigure[] = [
        f('JPEG pass-through, warm: p50', passWarm.p50, 'ms', { target: 'p50 < 2 ms', met: passWarm.p50 < 2 }),
        f('JPEG pass-through, warm: p95', passWarm.p95, 'ms'),
        f('JPEG pass-through, cold (file read + tables spliced): p50', passCold.p50, 'ms', { name: `JPEG pass-through, cold (file read + tables spliced): p50 (p95 ${passCold.p95.toFixed(2)} ms)` }),
        f('JPEG pass-through, cold (1 / p50)', atMedian(passCold), 'tiles/s', {
          ...vsOpenSlide(openslide),
          ...(openslide ? { target: '≥ 10× OpenSlide', met: atMedian(passCold) >= 10 * atMedian(openslide) } : {}),
        }),
        f('JPEG pass-through, cold (wall clock)', passCold.tilesPerSecond, 'tiles/s', openslide ? { baseline: { name: 'OpenSlide, cold (wall clock)', value: openslide.tilesPerSecond } } : {}),
        f('JPEG pass-through, warm (1 / p50)', atMedian(passWarm), 'tiles/s'),
        f('JPEG pass-through, cold, in the core without HTTP: p50', passCore.p50, 'ms'),
        f('JPEG pass-through, cold, in the core (1 / p50)', atMedian(passCore), 'tiles/s', vsOpenSlide(osCore, 'OpenSlide, cold, in the core (1 / p50)')),
        f('decode path JPEG 2000 → JPEG, cold', j2k.tilesPerSecond, 'tiles/s'),
        f('decode path JPEG 2000 → JPEG: p50 / p95', j2k.p50, 'ms', { name: `decode path JPEG 2000 → JPEG: p50 (p95 ${j2k.p95.toFixed(1)} ms)` }),
        f('decode path deflate → PNG, cold', deflate.tilesPerSecond, 'tiles/s'),
        f('decode path deflate → PNG: p50', deflate.p50, 'ms', { name: `decode path deflate → PNG: p50 (p95 ${deflate.p95.toFixed(1)} ms)` }),
      ];
      if (openslide && osCore) {
        figures.push(f(`OpenSlide read_region + JPEG encode, cold: p50 (p95 ${openslide.p95.toFixed(1)} ms)`, openslide.p50, 'ms'));
        figures.push(f('OpenSlide read_region + JPEG encode, cold, in the core: p50', osCore.p50, 'ms'));
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
