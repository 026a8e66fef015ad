import { RESOURCE_PREFIX, type SlideDescriptor, type SlideDetails } from '../../../shared/contract';
import { associatedImageUrl, dziUrl, thumbnailUrl, tileUrlTemplate } from '../../../shared/slides/tileUrls';
import type { OpenedSlide } from './slideEngine';

export function describeSlide(s: OpenedSlide, name: string): SlideDescriptor {
  const { reader, dz } = s;
  return {
    slideId: s.slideId,
    name,
    format: reader.format,
    vendor: reader.vendor,
    width: reader.width,
    height: reader.height,
    tileSize: dz.tileSize,
    overlap: dz.overlap,
    tileFormat: dz.format,
    levelCount: dz.levels.length,
    levels: reader.levels.map((l) => ({ ...l })),
    mpp: reader.mpp,
    objectivePower: reader.objectivePower,
    associatedImages: reader.associatedImages.map((a) => ({ ...a, url: associatedImageUrl(RESOURCE_PREFIX, s.slideId, a.name) })),
    tileUrlTemplate: tileUrlTemplate(RESOURCE_PREFIX, s.slideId, dz.format),
    dziUrl: dziUrl(RESOURCE_PREFIX, s.slideId),
    thumbnailUrl: thumbnailUrl(RESOURCE_PREFIX, s.slideId),
  };
}

export function slideDetails(s: OpenedSlide, name: string): SlideDetails {
  return { ...describeSlide(s, name), path: s.path, properties: { ...s.reader.properties } };
}
