import type { Box, ManifestLine } from './dataset';

export const COCO_CATEGORIES = [
  { id: 1, name: 'inspect', supercategory: 'region' },
  { id: 2, name: 'peek', supercategory: 'region' },
] as const;

export interface CocoCase {
  /** Thumbnail path relative to the export folder. */
  thumbnail: string;
  thumbnailWidth: number;
  thumbnailHeight: number;
  slide: string;
  slideWidth: number;
  slideHeight: number;
  lines: readonly ManifestLine[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * COCO detection annotations over the case thumbnails: one image per case, one annotation per region box, boxes
 * scaled to thumbnail pixels ([x, y, width, height]); the level-0 box and the review decision ride along.
 */
export function buildCoco(cases: readonly CocoCase[], description: string): Record<string, unknown> {
  const images: unknown[] = [];
  const annotations: unknown[] = [];
  let annId = 0;
  cases.forEach((c, i) => {
    const imageId = i + 1;
    images.push({ id: imageId, file_name: c.thumbnail, width: c.thumbnailWidth, height: c.thumbnailHeight, slide: c.slide, slide_width: c.slideWidth, slide_height: c.slideHeight });
    const sx = c.thumbnailWidth / c.slideWidth;
    const sy = c.thumbnailHeight / c.slideHeight;
    for (const l of c.lines) {
      const [x0, y0, x1, y1] = l.box as Box;
      const bbox = [round2(x0 * sx), round2(y0 * sy), round2((x1 - x0) * sx), round2((y1 - y0) * sy)];
      annotations.push({
        id: ++annId,
        image_id: imageId,
        category_id: l.kind === 'inspect' ? 1 : 2,
        bbox,
        area: round2(bbox[2] * bbox[3]),
        iscrowd: 0,
        bbox_level0: [x0, y0, x1 - x0, y1 - y0],
        region: l.region,
        magnification: l.magnification,
        decision: l.decision,
      });
    }
  });
  return { info: { description, version: '1.0' }, licenses: [], images, annotations, categories: COCO_CATEGORIES };
}
