import { describe, expect, it } from 'vitest';
import { associatedImageUrl, parseSlideResource, tileUrl, tileUrlTemplate } from '../../../shared/slides/tileUrls';

describe('slide resource URLs', () => {
  it('round-trips tile, DZI, thumbnail and associated-image paths', () => {
    expect(tileUrlTemplate('/res/', 12, 'jpg')).toBe('/res/slides/12/tile/{level}/{col}_{row}.jpg');
    const t = tileUrl('/res/', 12, 9, 3, 4, 'png').slice('/res/'.length);
    expect(parseSlideResource(t)).toEqual({ kind: 'tile', slideId: 12, level: 9, col: 3, row: 4, ext: 'png' });
    expect(parseSlideResource('slides/12/image_files/9/3_4.jpeg')).toEqual({ kind: 'tile', slideId: 12, level: 9, col: 3, row: 4, ext: 'jpg' });
    expect(parseSlideResource('slides/3/image.dzi')).toEqual({ kind: 'dzi', slideId: 3 });
    expect(parseSlideResource('slides/3/thumbnail.jpg')).toEqual({ kind: 'thumbnail', slideId: 3 });
    expect(associatedImageUrl('/res/', 3, 'label')).toBe('/res/slides/3/assoc/label.jpg');
    expect(parseSlideResource('slides/3/assoc/label.jpg')).toEqual({ kind: 'assoc', slideId: 3, name: 'label' });
  });

  it('refuses anything else, including path tricks and absurd numbers', () => {
    for (const p of ['slides/x/tile/1/0_0.jpg', 'slides/1/tile/1/0_0.gif', 'slides/1/tile/-1/0_0.jpg', 'slides/1/assoc/../../etc.jpg', 'slides/1/tile/1/0_99999999999.jpg', 'slides/01/image.dzi', 'other/1/image.dzi']) {
      expect(parseSlideResource(p), p).toBeNull();
    }
  });
});
