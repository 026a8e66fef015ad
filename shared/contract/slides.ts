import { z } from 'zod';
import { defineCall } from './defineCall';
import { Id, Ok } from './common';

export const SlideLevelInfo = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  downsample: z.number().positive(),
  tileWidth: z.number().int().positive(),
  tileHeight: z.number().int().positive(),
});
export type SlideLevelInfo = z.infer<typeof SlideLevelInfo>;

export const Mpp = z.object({ x: z.number().positive(), y: z.number().positive() });
export type Mpp = z.infer<typeof Mpp>;

export const AssociatedImageInfo = z.object({
  name: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** /res/slides/<id>/assoc/<name>.jpg */
  url: z.string(),
});
export type AssociatedImageInfo = z.infer<typeof AssociatedImageInfo>;

/**
 * What the viewer needs to show a slide: a Deep Zoom description plus the optics.
 * Tile (level, col, row) is at tileUrlTemplate with {level}, {col}, {row} replaced; Deep Zoom level
 * `levelCount - 1` is the full-resolution image and each level below halves it (rounding up) down to 1×1.
 */
export const SlideDescriptor = z.object({
  slideId: Id,
  name: z.string(),
  /** e.g. aperio-svs, generic-tiff, ome-tiff, deepzoom, png, openslide */
  format: z.string(),
  /** e.g. aperio, generic, ome, image, hamamatsu (from OpenSlide) */
  vendor: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  tileSize: z.number().int().positive(),
  overlap: z.number().int().nonnegative(),
  /** Image type of the tiles: jpg (pass-through or lossy source) or png (lossless source). */
  tileFormat: z.enum(['jpg', 'png']),
  levelCount: z.number().int().positive(),
  /** The file's own resolution levels (level 0 = full resolution). */
  levels: z.array(SlideLevelInfo),
  /** Microns per level-0 pixel, or null when the file does not say. */
  mpp: Mpp.nullable(),
  objectivePower: z.number().positive().nullable(),
  associatedImages: z.array(AssociatedImageInfo),
  /** e.g. /res/slides/12/tile/{level}/{col}_{row}.jpg */
  tileUrlTemplate: z.string(),
  /** A DZI document for the same tiles (OpenSeadragon can open it by URL). */
  dziUrl: z.string(),
  thumbnailUrl: z.string(),
});
export type SlideDescriptor = z.infer<typeof SlideDescriptor>;

export const SlideDetails = SlideDescriptor.extend({
  path: z.string(),
  /** Everything the file says about itself (vendor keys such as aperio.AppMag, openslide.mpp-x, tiff.ImageDescription). */
  properties: z.record(z.string(), z.string()),
});
export type SlideDetails = z.infer<typeof SlideDetails>;

export const slideCalls = {
  'slides.open': defineCall(
    'slides.open',
    'Open a slide of the library for viewing: its Deep Zoom description and tile URLs (records its size, MPP and objective).',
    z.object({ slideId: Id }).strict(),
    SlideDescriptor,
  ),
  'slides.info': defineCall(
    'slides.info',
    'Everything known about a slide, for the slide-info panel: the viewer description plus the file metadata.',
    z.object({ slideId: Id }).strict(),
    SlideDetails,
  ),
  'slides.close': defineCall('slides.close', 'Release a slide the viewer no longer shows (frees its file handle and cached tiles).', z.object({ slideId: Id }).strict(), Ok),
} as const;
