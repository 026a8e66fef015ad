import { openSlideFile } from './readers/openSlideFile';
import { defaultPyramidCacheDir } from './readers/builtPyramidReader';
import type { SlideReader } from './readers/slideReader';

/** What `sightline info` prints about a slide file. */
export interface SlideSummary {
  path: string;
  format: string;
  vendor: string;
  width: number;
  height: number;
  levels: Array<{ width: number; height: number; downsample: number; tileWidth: number; tileHeight: number }>;
  mpp: { x: number; y: number } | null;
  objectivePower: number | null;
  associatedImages: string[];
  properties: Record<string, string>;
}

export function summarise(reader: SlideReader): SlideSummary {
  return {
    path: reader.path,
    format: reader.format,
    vendor: reader.vendor,
    width: reader.width,
    height: reader.height,
    levels: reader.levels.map((l) => ({ width: l.width, height: l.height, downsample: Number(l.downsample.toFixed(6)), tileWidth: l.tileWidth, tileHeight: l.tileHeight })),
    mpp: reader.mpp,
    objectivePower: reader.objectivePower,
    associatedImages: reader.associatedImages.map((a) => a.name),
    properties: { ...reader.properties },
  };
}

/** Opens a slide file outside any library (for the command line), with plain-image pyramids built in the temp folder. */
export function openStandaloneSlide(path: string): Promise<SlideReader> {
  return openSlideFile(path, { cacheDir: defaultPyramidCacheDir() });
}
