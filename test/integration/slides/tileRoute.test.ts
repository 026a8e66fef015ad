import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlideDescriptor, SlideDetails } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/createCore';
import { FileSource } from '../../../electron/core/slides/source/fileSource';
import { parseTiff } from '../../../electron/core/slides/tiff/parseTiff';
import { describeImage } from '../../../electron/core/slides/tiff/tiffImage';
import { startHost, type Host } from '../../../electron/host/server';
import { slideFixture } from '../../fixtures/slides/generate';

let dataDir: string;
let core: Core;
let host: Host;
const token = 'test-token-for-slides-0123456789abcdef';
const ids: Record<string, number> = {};

async function call<T>(name: string, input: unknown): Promise<T> {
  const env = await core.invoke(name, input, { actorId: null });
  if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
  return env.value as T;
}

async function get(path: string): Promise<Response> {
  return fetch(`${host.origin}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sightline-slides-host-'));
  core = createCore({ dataDir, door: 'browser', version: 'test' });
  host = await startHost({ core, token, rendererDir: dataDir });
  const project = await call<{ id: number }>('projects.create', { name: 'P' });
  const c = await call<{ id: number }>('cases.create', { projectId: project.id, name: 'C' });
  for (const name of ['aperio-jpeg.svs', 'pyramid-deflate.tif'] as const) {
    ids[name] = (await call<{ id: number }>('files.add', { caseId: c.id, path: await slideFixture(name) })).id;
  }
  const bad = join(dataDir, 'broken.svs');
  writeFileSync(bad, Buffer.concat([Buffer.from('II*\0', 'latin1'), Buffer.alloc(100, 0xff)]));
  ids.broken = (await call<{ id: number }>('files.add', { caseId: c.id, path: bad })).id;
});

afterAll(async () => {
  await host?.close();
  core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('slides over the browser-mode host', () => {
  it('slides.open describes the slide for the viewer and records its size, MPP and objective', async () => {
    const d = await call<SlideDescriptor>('slides.open', { slideId: ids['aperio-jpeg.svs'] });
    expect(d).toMatchObject({
      format: 'aperio-svs',
      vendor: 'aperio',
      width: 4800,
      height: 3600,
      tileSize: 240,
      overlap: 0,
      tileFormat: 'jpg',
      levelCount: 14,
      mpp: { x: 0.499, y: 0.499 },
      objectivePower: 20,
      tileUrlTemplate: `/res/slides/${ids['aperio-jpeg.svs']}/tile/{level}/{col}_{row}.jpg`,
    });
    expect(d.associatedImages.map((a) => a.name)).toEqual(['thumbnail', 'label', 'macro']);
    const files = await call<Array<{ id: number }>>('files.list', { caseId: 1 });
    expect(files.length).toBe(3);
    const info = await call<SlideDetails>('slides.info', { slideId: ids['aperio-jpeg.svs'] });
    expect(info.properties['aperio.AppMag']).toBe('20');
    const audit = await call<Array<{ action: string; entity: string }>>('audit.recent', { limit: 5 });
    expect(audit.some((a) => a.action === 'update-metadata' && a.entity === 'slide')).toBe(true);
  });

  it('full-resolution JPEG tiles come back byte-for-byte as stored, with the shared tables spliced in', async () => {
    const path = await slideFixture('aperio-jpeg.svs');
    const src = await FileSource.open(path);
    const tiff = await parseTiff(src);
    const level0 = describeImage(src, tiff.ifds[0]);
    const tables = level0.jpegTables!;
    for (const [col, row] of [
      [0, 0],
      [7, 5],
      [18, 13],
    ]) {
      const i = row * level0.cols + col;
      const stored = await src.read(level0.offsets[i], level0.byteCounts[i]);
      const expected = Buffer.concat([tables.subarray(0, tables.length - 2), stored.subarray(2)]);
      const res = await get(`/res/slides/${ids['aperio-jpeg.svs']}/tile/13/${col}_${row}.jpg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect(res.headers.get('etag')).toMatch(/^".+"$/);
      expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);
    }
    const tileUrl = `${host.origin}/res/slides/${ids['aperio-jpeg.svs']}/tile/13/0_0.jpg`;
    const etag = (await get(`/res/slides/${ids['aperio-jpeg.svs']}/tile/13/0_0.jpg`)).headers.get('etag')!;
    const again = await fetch(tileUrl, { headers: { Authorization: `Bearer ${token}`, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    await src.close();
  });

  it('edge tiles are cropped to the slide, and synthesised levels have the right size', async () => {
    const id = ids['aperio-jpeg.svs'];
    const edge = await sharp(Buffer.from(await (await get(`/res/slides/${id}/tile/13/19_14.jpg`)).arrayBuffer())).metadata();
    expect([edge.width, edge.height]).toEqual([240, 240]);
    const lastCol = await sharp(Buffer.from(await (await get(`/res/slides/${id}/tile/12/9_7.jpg`)).arrayBuffer())).metadata();
    expect([lastCol.width, lastCol.height]).toEqual([2400 - 9 * 240, 1800 - 7 * 240]);
    for (const level of [0, 3, 8, 10, 12]) {
      const res = await get(`/res/slides/${id}/tile/${level}/0_0.jpg`);
      expect(res.status).toBe(200);
      const m = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      const ds = 2 ** (13 - level);
      expect([m.width, m.height]).toEqual([Math.min(240, Math.ceil(4800 / ds)), Math.min(240, Math.ceil(3600 / ds))]);
    }
  });

  it('a synthesised level\'s tile is the level below it, halved (within JPEG tolerance)', async () => {
    const id = ids['aperio-jpeg.svs'];
    const png = async (level: number, col: number, row: number) => {
      const res = await get(`/res/slides/${id}/tile/${level}/${col}_${row}.jpg`);
      expect(res.status, `${level}/${col}_${row}`).toBe(200);
      return sharp(Buffer.from(await res.arrayBuffer())).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    };
    // File levels are Deep Zoom levels 13, 11 and 9: 12 and 10 are resampled from a file level, 8 and 4 built from the level above.
    for (const [level, col, row] of [
      [12, 3, 2],
      [10, 1, 1],
      [8, 0, 0],
      [4, 0, 0],
    ]) {
      const tile = await png(level, col, row);
      const below = [];
      for (let dy = 0; dy < 2; dy++) {
        for (let dx = 0; dx < 2; dx++) {
          const c = col * 2 + dx;
          const r = row * 2 + dy;
          const levelWidth = Math.ceil(4800 / 2 ** (13 - level - 1));
          const levelHeight = Math.ceil(3600 / 2 ** (13 - level - 1));
          if (c * 240 >= levelWidth || r * 240 >= levelHeight) continue;
          const t = await png(level + 1, c, r);
          below.push({ input: t.data, raw: { width: t.info.width, height: t.info.height, channels: 3 as const }, left: dx * 240, top: dy * 240 });
        }
      }
      const w = Math.max(...below.map((b) => b.left + b.raw.width));
      const h = Math.max(...below.map((b) => b.top + b.raw.height));
      const composed = await sharp({ create: { width: w, height: h, channels: 3, background: '#fff' } }).composite(below).removeAlpha().raw().toBuffer();
      const halved = await sharp(composed, { raw: { width: w, height: h, channels: 3 } }).resize(tile.info.width, tile.info.height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
      let sum = 0;
      for (let i = 0; i < halved.length; i++) sum += Math.abs(halved[i] - tile.data[i]);
      const mad = sum / halved.length;
      expect(mad, `level ${level} tile ${col}_${row} vs level ${level + 1} halved`).toBeLessThanOrEqual(6);
      expect(tile.data.some((v) => v < 200), `level ${level} tile ${col}_${row} shows tissue`).toBe(true);
    }
  });

  it('lossless slides get PNG tiles decoded once; DZI, thumbnail and associated images are served', async () => {
    const d = await call<SlideDescriptor>('slides.open', { slideId: ids['pyramid-deflate.tif'] });
    expect(d.tileFormat).toBe('png');
    const res = await get(d.tileUrlTemplate.replace('{level}', '11').replace('{col}', '1').replace('{row}', '1'));
    expect(res.headers.get('content-type')).toBe('image/png');
    const m = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([m.format, m.width, m.height]).toEqual(['png', 256, 256]);
    const dzi = await (await get(d.dziUrl)).text();
    expect(dzi).toContain('TileSize="256"');
    expect(dzi).toContain('Width="2048" Height="1536"');
    const svs = await call<SlideDescriptor>('slides.open', { slideId: ids['aperio-jpeg.svs'] });
    for (const url of [svs.thumbnailUrl, ...svs.associatedImages.map((a) => a.url), d.thumbnailUrl]) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect((await sharp(Buffer.from(await r.arrayBuffer())).metadata()).format).toBe('jpeg');
    }
  });

  it('a broken slide gives a typed error while the other slides keep serving', async () => {
    const env = await core.invoke('slides.open', { slideId: ids.broken }, { actorId: null });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('CORRUPT_FILE');
      expect(env.error.message).toMatch(/broken\.svs looks damaged/);
    }
    const tile = await get(`/res/slides/${ids.broken}/tile/0/0_0.jpg`);
    expect(tile.status).toBe(422);
    expect((await get(`/res/slides/${ids['aperio-jpeg.svs']}/tile/13/1_1.jpg`)).status).toBe(200);
    expect((await get(`/res/slides/${ids['aperio-jpeg.svs']}/tile/13/99_0.jpg`)).status).toBe(404);
    expect((await get(`/res/slides/9999/tile/0/0_0.jpg`)).status).toBe(404);
    expect((await core.invoke('slides.open', { slideId: 9999 }, { actorId: null })).ok).toBe(false);
  });

  it('tiles need the launch token', async () => {
    const res = await fetch(`${host.origin}/res/slides/${ids['aperio-jpeg.svs']}/tile/13/0_0.jpg`);
    expect(res.status).toBe(401);
  });

  it('slides.close releases a slide; it reopens on the next request', async () => {
    await call('slides.close', { slideId: ids['aperio-jpeg.svs'] });
    expect((await get(`/res/slides/${ids['aperio-jpeg.svs']}/tile/13/2_2.jpg`)).status).toBe(200);
  });
});
