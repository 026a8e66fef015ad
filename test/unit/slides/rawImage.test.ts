import { describe, expect, it } from 'vitest';
import { asRgba, blit, clearRect, type RawImage } from '../../../electron/core/slides/rawImage';

const rgb = (width: number, height: number, px: (x: number, y: number) => [number, number, number]): RawImage => {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(px(x, y), (y * width + x) * 3);
  return { width, height, data, channels: 3, opaque: true };
};
const pixel = (img: RawImage, x: number, y: number) => {
  const n = img.channels ?? 4;
  return [...img.data.subarray((y * img.width + x) * n, (y * img.width + x + 1) * n)];
};

describe('RGB and RGBA pixels', () => {
  it('copies RGB into RGBA as opaque pixels, at aligned and unaligned offsets alike', () => {
    const src = rgb(5, 4, (x, y) => [x * 10, y * 20, x + y]);
    const dst: RawImage = { width: 7, height: 6, data: Buffer.alloc(7 * 6 * 4, 9) };
    blit(src, 1, 1, dst, 2, 3, 3, 2);
    expect(pixel(dst, 2, 3)).toEqual([10, 20, 2, 255]);
    expect(pixel(dst, 4, 4)).toEqual([30, 40, 5, 255]);
    expect(pixel(dst, 1, 3)).toEqual([9, 9, 9, 9]);
    const odd: RawImage = { width: 3, height: 1, data: Buffer.alloc(3 * 4 + 1).subarray(1) };
    blit(src, 0, 2, odd, 0, 0, 3, 1);
    expect(pixel(odd, 2, 0)).toEqual([20, 40, 4, 255]);
    expect(asRgba(src).data.equals((() => {
      const d: RawImage = { width: 5, height: 4, data: Buffer.alloc(80) };
      blit(src, 0, 0, d, 0, 0, 5, 4);
      return d.data;
    })())).toBe(true);
  });

  it('copies RGBA into RGB composited over white, and clears RGB to white', () => {
    const src: RawImage = { width: 3, height: 1, data: Buffer.from([10, 20, 30, 255, 200, 100, 0, 0, 100, 0, 50, 128]) };
    const dst = rgb(3, 2, () => [1, 2, 3]);
    blit(src, 0, 0, dst, 0, 1, 3, 1);
    expect(pixel(dst, 0, 1)).toEqual([10, 20, 30]);
    expect(pixel(dst, 1, 1)).toEqual([255, 255, 255]);
    expect(pixel(dst, 2, 1)).toEqual([177, 127, 152]);
    expect(pixel(dst, 0, 0)).toEqual([1, 2, 3]);
    clearRect(dst, 1, 0, 2, 1);
    expect(pixel(dst, 1, 0)).toEqual([255, 255, 255]);
    expect(pixel(dst, 0, 0)).toEqual([1, 2, 3]);
    expect(asRgba(src)).toBe(src);
  });
});
