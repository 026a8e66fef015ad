// Export speed: 1,000 reviewed regions (10 cases × 100 inspects at 10×, half with a 40× peek inside) written as a
// Pathology-CoT dataset with their crops at their own magnification, against reading and encoding the same crops in
// the plainest correct way.
import { readdirSync, readFileSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/createCore';
import sharp from 'sharp';
import { planRead } from '../../electron/core/review/regionImages';
import type { SlideReader } from '../../electron/core/slides/readers/slideReader';
import { openSlideFile } from '../../electron/core/slides/readers/openSlideFile';
import { serializeNavigationJsonl, viewportEvent, type NavigationEvent } from '../../shared/navigation';
import type { ExportResult, ReviewQueue } from '../../shared/contract';
import type { Box, ManifestLine } from '../../shared/review/dataset';
import { tissueSlide } from '../fixtures/slides/generate';
import type { Bench, BenchFigure } from './benchTypes';

const CASES = 10;
const TARGET_MS = 30_000;
const W = 16_000;
const H = 12_000;
/** No crop of this bench is shrunk: a 10× view is up to 1600 × 900 px at 10×, a peek 1600 × 900 px at 40×. */
const MAX_SIDE = 4096;

async function call<T>(core: Core, name: string, input: unknown, actorId: number | null = null): Promise<T> {
  const env = await core.invoke(name, input, { actorId });
  if (!env.ok) throw new Error(`${name}: ${env.error.message}`);
  return env.value as T;
}

/**
 * 100 dwells at 10× (a 1600 × 900 CSS px view: 6400 × 3600 level-0 px) on a 10 × 10 grid, visited so that
 * consecutive ones are far apart; every other one followed by a 40× peek at its centre.
 */
function session(sha256: string): string {
  const events: NavigationEvent[] = [];
  const cols = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
  let t = 0;
  for (let r = 0; r < 10; r++) {
    for (let k = 0; k < 10; k++) {
      const cx = 3300 + cols[k] * 1000;
      const cy = 1900 + r * 1000;
      events.push(viewportEvent({ t, cx, cy, zoom: 0.25, cw: 1600, ch: 900 }));
      t += 1500;
      if (k % 2 === 0) {
        events.push(viewportEvent({ t, cx, cy, zoom: 1, cw: 1600, ch: 900 }));
        t += 1200;
      }
    }
  }
  events.push({ type: 'end', t });
  return serializeNavigationJsonl({ slide: { type: 'slide', id: sha256, width: W, height: H, mpp: 0.25, objectivePower: 40 }, events });
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** The plainest correct crop: the planned level read through the slide reader, resized if needed, flattened on white, JPEG. */
async function plainCropJpeg(reader: SlideReader, box: Box, magnification: number): Promise<Buffer> {
  const plan = planRead(reader, box, magnification, MAX_SIDE);
  const raw = await reader.readRegion(Math.round(box[0]), Math.round(box[1]), plan.level, plan.readW, plan.readH);
  let s = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } });
  if (raw.width !== plan.outW || raw.height !== plan.outH) s = s.resize(plan.outW, plan.outH, { fit: 'fill', kernel: 'linear' });
  return s.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer();
}

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? bytesUnder(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const bench: Bench = {
  name: 'dataset export (1,000 reviewed regions with their crops → Pathology-CoT)',
  async run(): Promise<BenchFigure[]> {
    const path = await tissueSlide({ width: W, height: H });
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-export-'));
    const core = createCore({ dataDir: join(dir, 'data'), door: 'cli', version: 'bench' });
    try {
      const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Bench', role: 'pathologist' });
      const project = await call<{ id: number }>(core, 'projects.create', { name: 'Bench' }, me.id);
      for (let c = 0; c < CASES; c++) {
        const kase = await call<{ id: number }>(core, 'cases.create', { projectId: project.id, name: `Case ${c + 1}` }, me.id);
        const file = await call<{ id: number; sha256: string }>(core, 'files.add', { caseId: kase.id, path }, me.id);
        await call(core, 'slides.open', { slideId: file.id }, me.id);
        await call(core, 'recording.import', { slideId: file.id, jsonl: session(file.sha256) }, me.id);
      }
      await call(core, 'review.sync', { projectId: project.id }, me.id);
      const { items } = await call<ReviewQueue>(core, 'review.list', { projectId: project.id });
      const regions = items.filter((i) => i.kind !== 'impression');
      for (const it of regions) {
        const final = Object.fromEntries(it.fields.map((f) => [f, `Manual ${f} for region ${it.id}: glands with brown membranous staining.`]));
        await call(core, 'review.submit', { itemId: it.id, draftId: null, mode: 'manual', decision: 'accept', final, elapsedMs: 20_000, keystrokes: {} }, me.id);
      }
      const crops = regions.flatMap((r) => [{ box: r.box!, mag: r.magnification! }, ...r.highPower.map((h) => ({ box: h.box, mag: h.magnification }))]);

      // Baseline: read and encode the same crops from a fresh slide reader, four in flight, keeping nothing.
      const reader = await openSlideFile(path, { cacheDir: join(dir, 'cache') });
      const bc = process.cpuUsage();
      const b0 = performance.now();
      let baselineBytes = 0;
      await inParallel(crops, 4, async (c) => {
        const jpeg = await plainCropJpeg(reader, c.box, c.mag);
        baselineBytes += jpeg.length;
      });
      const baselineMs = performance.now() - b0;
      const baselineCpu = cpuMs(process.cpuUsage(bc));
      await reader.close();

      const out = join(dir, 'dataset');
      const tc = process.cpuUsage();
      const t0 = performance.now();
      const r = await call<ExportResult>(core, 'export.pathologyCot', { projectId: project.id, out, maxCropSide: MAX_SIDE }, me.id);
      const exportMs = performance.now() - t0;
      const exportCpu = cpuMs(process.cpuUsage(tc));
      if (r.regions !== regions.length) throw new Error(`exported ${r.regions} regions, expected ${regions.length}`);
      const lines = readFileSync(join(out, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ManifestLine);
      const shrunk = lines.filter((l) => l.imageMagnification !== l.magnification);
      if (shrunk.length) throw new Error(`${shrunk.length} crops were not written at their magnification`);
      const megapixels = lines.reduce((n, l) => n + l.imageWidth * l.imageHeight, 0) / 1e6;
      const cropBytes = readdirSync(join(out, 'cases')).reduce((n, c) => n + bytesUnder(join(out, 'cases', c)) - ['thumbnail.jpeg', 'thumbnail_with_boxes.jpeg', 'conversation.json'].reduce((k, f) => k + statSync(join(out, 'cases', c, f)).size, 0), 0);
      return [
        { name: `export ${r.regions} regions + ${r.highPowerCrops} high-power crops (${r.images} images)`, value: exportMs, unit: 'ms', baseline: { name: 'read+encode the same crops', value: baselineMs }, target: `≤ ${TARGET_MS / 1000} s`, met: exportMs <= TARGET_MS },
        { name: 'export per region', value: exportMs / r.regions, unit: 'ms' },
        { name: `baseline: read+encode ${crops.length} crops`, value: baselineMs, unit: 'ms' },
        { name: `crops written (${megapixels.toFixed(0)} Mpx, each at its magnification)`, value: cropBytes / 2 ** 20, unit: 'MiB', baseline: { name: 'baseline JPEGs', value: baselineBytes / 2 ** 20 } },
        // CPU time of this process (all threads): what the export costs whatever else the machine is running.
        { name: 'export CPU time (user+system, all threads)', value: exportCpu, unit: 'ms', baseline: { name: 'baseline CPU time', value: baselineCpu } },
      ];
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
