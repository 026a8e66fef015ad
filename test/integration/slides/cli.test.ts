import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { slideFixture } from '../../fixtures/slides/generate';
import { writeSmallTiff } from './smallTiff';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/sightline.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-slides-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sightline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('sightline info / region', () => {
  it('info --json describes an SVS', async () => {
    const r = await sightline('info', await slideFixture('aperio-jpeg.svs'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'aperio-svs', vendor: 'aperio', width: 4800, height: 3600, mpp: { x: 0.499, y: 0.499 }, objectivePower: 20 });
    expect(j.levels).toEqual([
      { width: 4800, height: 3600, downsample: 1, tileWidth: 240, tileHeight: 240 },
      { width: 1200, height: 900, downsample: 4, tileWidth: 240, tileHeight: 240 },
      { width: 300, height: 225, downsample: 16, tileWidth: 240, tileHeight: 240 },
    ]);
    expect(j.associatedImages).toEqual(['thumbnail', 'label', 'macro']);
  });

  it('region writes a PNG of the asked size, transparent past the slide edge', async () => {
    const out = join(dir, 'r.png');
    const r = await sightline('region', await slideFixture('ome-subifd.ome.tif'), '--x', '2300', '--y', '0', '--level', '1', '--w', '100', '--h', '60', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, width: 100, height: 60 });
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([100, 60, 4]);
    expect(data[(10 * 100 + 10) * 4 + 3]).toBe(255);
    expect(data[(10 * 100 + 90) * 4 + 3]).toBe(0);
  });

  it('bad input: one clear line and a non-zero exit; --json gives the typed error', async () => {
    const missing = await sightline('info', join(dir, 'missing.svs'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^sightline: There is no file at/);
    const bad = await sightline('region', await slideFixture('pyramid-none.tif'), '--x', '0', '--y', '0', '--w', 'ten', '--h', '5', '--out', join(dir, 'x.png'), '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '--w must be a whole number above 0, not "ten".' } });
  });

  it('damaged or foreign files: one line on stderr and exit 1, or the typed error as JSON, from info and region', async () => {
    const wrongMagic = join(dir, 'notes.svs');
    writeFileSync(wrongMagic, 'Case notes: see the attached scan.\n');
    const absurd = join(dir, 'absurd.tif');
    await writeSmallTiff(absurd, { level0Tags: [{ tag: 256, type: 4, values: [4_000_000_000] }] });
    const compression = join(dir, 'odd-codec.tif');
    await writeSmallTiff(compression, { compression: 65000 });
    const truncated = join(dir, 'cut.svs');
    const full = readFileSync(await slideFixture('aperio-jpeg.svs'));
    writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2)));
    const region = (file: string, ...more: string[]) => ['region', file, '--x', '0', '--y', '0', '--w', '64', '--h', '64', '--out', join(dir, 'out.png'), ...more];
    const cases = [
      { file: wrongMagic, code: 'UNSUPPORTED_FILE', says: /^notes\.svs cannot be opened: it is not a slide format Sightline reads \(it starts with bytes 43 61 73 65/, text: region(wrongMagic), json: ['info', wrongMagic, '--json'] },
      { file: absurd, code: 'CORRUPT_FILE', says: /^absurd\.tif looks damaged: an image claims 4000000000 × 512 pixels/, text: ['info', absurd], json: region(absurd, '--json') },
      { file: compression, code: 'UNSUPPORTED_FILE', says: /^odd-codec\.tif cannot be opened: its images use code 65000 compression, which Sightline does not decode/, text: region(compression), json: ['info', compression, '--json'] },
      { file: truncated, code: 'CORRUPT_FILE', says: /^cut\.svs looks damaged: .*truncated/, text: ['info', truncated], json: region(truncated, '--json') },
    ];
    // Two spawns at a time: each CLI start compiles TypeScript.
    const runs: Array<{ text: Awaited<ReturnType<typeof sightline>>; json: Awaited<ReturnType<typeof sightline>> }> = [];
    for (const c of cases) runs.push(await Promise.all([sightline(...c.text), sightline(...c.json)]).then(([text, json]) => ({ text, json })));
    cases.forEach((c, i) => {
      const { text, json } = runs[i];
      const name = c.file.split('/').pop();
      expect(text.code, name).toBe(1);
      expect(text.stdout, name).toBe('');
      const lines = text.stderr.trimEnd().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0].startsWith('sightline: '), name).toBe(true);
      expect(lines[0].slice('sightline: '.length), name).toMatch(c.says);
      expect(json.code, name).toBe(1);
      expect(json.stderr, name).toBe('');
      expect(JSON.parse(json.stdout), name).toEqual({ ok: false, error: { code: c.code, message: lines[0].slice('sightline: '.length) } });
    });
  });
});
