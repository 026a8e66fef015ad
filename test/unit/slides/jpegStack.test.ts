import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseTileJpeg, stackJpegTiles, type TileJpeg } from '../../../electron/core/slides/codecs/jpegStack';

const W = 64;
const H = 48;

/** A smooth RGB picture with detail, W × (H × n), different in every tile. */
function picture(n: number, channels: 1 | 3): Buffer {
  const b = Buffer.alloc(W * H * n * channels);
  for (let y = 0; y < H * n; y++) {
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < channels; c++) b[(y * W + x) * channels + c] = (128 + 90 * Math.sin(x / (5 + c) + y / 7) + 30 * Math.cos((x * y) / 300)) & 0xff;
    }
  }
  return b;
}

/** Each tile of the picture as its own JPEG, with the standard tables (so every tile has the same header). */
async function tiles(n: number, opts: { channels?: 1 | 3; subsampling?: string; optimise?: boolean; progressive?: boolean; height?: number } = {}): Promise<Buffer[]> {
  const channels = opts.channels ?? 3;
  const h = opts.height ?? H;
  const px = picture(n, channels);
  return Promise.all(
    Array.from({ length: n }, (_, k) =>
      sharp(px.subarray(k * W * H * channels, (k * W * H + W * h) * channels), { raw: { width: W, height: h, channels } })
        .jpeg({ quality: 80, chromaSubsampling: opts.subsampling ?? '4:2:0', optimiseCoding: opts.optimise ?? false, progressive: opts.progressive ?? false })
        .toBuffer(),
    ),
  );
}

const raw = async (jpeg: Buffer) => (await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })).data;
const parsed = (jpegs: Buffer[]): TileJpeg[] => jpegs.map((j) => parseTileJpeg(j)!);

describe('stacking JPEG tiles into one JPEG', () => {
  it('decodes to exactly the tiles one above the other when chroma is not subsampled vertically', async () => {
    const js = await tiles(3, { subsampling: '4:4:4' });
    const stacked = stackJpegTiles(parsed(js))!;
    expect(stacked).not.toBeNull();
    const meta = await sharp(stacked).metadata();
    expect([meta.width, meta.height]).toEqual([W, 3 * H]);
    const whole = await raw(stacked);
    const each = Buffer.concat(await Promise.all(js.map(raw)));
    expect(whole.equals(each)).toBe(true);
  });

  it('with 4:2:0 chroma differs only in the rows beside a boundary, where the decoder smooths chroma across it', async () => {
    const js = await tiles(3);
    const whole = await raw(stackJpegTiles(parsed(js))!);
    const each = Buffer.concat(await Promise.all(js.map(raw)));
    const rowBytes = W * 3;
    const differing = new Set<number>();
    for (let i = 0; i < whole.length; i++) if (whole[i] !== each[i]) differing.add(Math.floor(i / rowBytes));
    for (const y of differing) expect([H - 1, H, 2 * H - 1, 2 * H]).toContain(y);
  });

  it('stacks greyscale tiles (one-component scans)', async () => {
    const js = await tiles(2, { channels: 1 });
    const whole = await raw(stackJpegTiles(parsed(js))!);
    expect(whole.equals(Buffer.concat(await Promise.all(js.map(raw))))).toBe(true);
  });

  it('refuses what cannot be stacked: different tables, progressive, heights off the MCU grid, a single tile', async () => {
    const optimised = await tiles(2, { optimise: true });
    expect(optimised.map(parseTileJpeg).every((p) => p !== null)).toBe(true);
    expect(stackJpegTiles(parsed(optimised))).toBeNull();
    expect(parseTileJpeg((await tiles(1, { progressive: true }))[0])).toBeNull();
    expect(parseTileJpeg((await tiles(1, { height: 40 }))[0])).toBeNull();
    expect(parseTileJpeg((await tiles(1, { height: 40, subsampling: '4:4:4' }))[0])).not.toBeNull();
    expect(stackJpegTiles(parsed(await tiles(1)))).toBeNull();
    expect(parseTileJpeg(Buffer.from('not a jpeg'))).toBeNull();
    const [t] = await tiles(1);
    expect(parseTileJpeg(t.subarray(0, t.length - 2))).toBeNull();
  });
});
