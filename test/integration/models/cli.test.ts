import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iou, type Box } from '../../../shared/models/boxes';
import { asTrainingImages, lesionSplit } from '../../fixtures/lesions/split';
import { writeTrainingDir } from '../../fixtures/lesions/trainingDir';

const BIN = fileURLToPath(new URL('../../../bin/sightline.mjs', import.meta.url));
const run = async (args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, SIGHTLINE_DATA_DIR: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

let dir: string;
let png: string;
let lesions: Box[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-cli-models-'));
  const [g] = await lesionSplit('test', 1);
  png = join(dir, 'slide-lowmag.png');
  await sharp(Buffer.from(g.image.data), { raw: { width: g.image.width, height: g.image.height, channels: 3 } }).png().toFile(png);
  lesions = g.lesions.map((b) => b.map((v) => v * 32) as Box);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sightline propose', () => {
  it('prints ranked proposals in level-0 pixels as JSON', async () => {
    const r = await run(['propose', png, '--downsample', '32', '--max', '5', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toEqual({ name: 'roi-proposer', version: '1.0.0' });
    expect(out.proposals.length).toBeGreaterThan(0);
    expect(out.proposals.length).toBeLessThanOrEqual(5);
    for (const p of out.proposals) expect(Object.keys(p)).toEqual(['box', 'score', 'confidence', 'passes', 'abstain']);
    for (const l of lesions) expect(Math.max(...out.proposals.map((p: { box: Box }) => iou(p.box, l)))).toBeGreaterThanOrEqual(0.3);
  }, 60_000);

  it('honours --max above 10 (up to 50): a mosaic of 9 lesion slides gives more than 10 proposals', async () => {
    const tiles = await lesionSplit('test', 9);
    const { width: w, height: h } = tiles[0].image;
    const mosaic = join(dir, 'mosaic-lowmag.png');
    await sharp({ create: { width: w * 3, height: h * 3, channels: 3, background: '#ffffff' } })
      .composite(tiles.map((g, i) => ({ input: Buffer.from(g.image.data), raw: { width: w, height: h, channels: 3 as const }, left: (i % 3) * w, top: Math.floor(i / 3) * h })))
      .png()
      .toFile(mosaic);
    const all = tiles.flatMap((g, i) => g.lesions.map((b) => [b[0] + (i % 3) * w, b[1] + Math.floor(i / 3) * h, b[2] + (i % 3) * w, b[3] + Math.floor(i / 3) * h].map((v) => v * 32) as Box));
    expect(all.length).toBeGreaterThan(12);
    const r = await run(['propose', mosaic, '--downsample', '32', '--max', '20', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { proposals: Array<{ box: Box }> };
    expect(out.proposals.length).toBeGreaterThan(10);
    expect(out.proposals.length).toBeLessThanOrEqual(20);
    const found = all.filter((l) => out.proposals.some((p) => iou(p.box, l) >= 0.3)).length;
    expect(found).toBeGreaterThan(10);
  }, 60_000);

  it('fails with one clear line (or a JSON error) for a missing image or a file that is not an image', async () => {
    const missing = await run(['propose', join(dir, 'nope.png'), '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'not a picture');
    const notImage = await run(['propose', text, '--max', '3']);
    expect(notImage.code).toBe(1);
    expect(notImage.stderr).toMatch(/^sightline: .*notes\.png is not an image Sightline can decode/);
  }, 60_000);
});

describe('sightline train roi / models list', () => {
  it('trains a new version from a folder of images and box files, and lists it', async () => {
    const data = join(dir, 'data');
    const from = await writeTrainingDir(join(dir, 'sessions'), asTrainingImages(await lesionSplit('train', 4, { width: 256, height: 192 })));
    const r = await run(['train', 'roi', '--from', from, '--data-dir', data, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toMatchObject({ name: 'roi-proposer', version: '1.1.0', status: 'ok', source: 'user' });
    expect(out.heldOut.images).toBe(1);
    const list = await run(['models', 'list', '--data-dir', data, '--json']);
    const ids = JSON.parse(list.stdout).map((m: { id: string }) => m.id);
    expect(ids.filter((id: string) => id.includes('roi-proposer'))).toEqual(['user:roi-proposer@1.1.0', 'shipped:roi-proposer@1.0.0']);
  }, 90_000);
});
