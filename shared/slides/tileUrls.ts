/**
 * The tile URL scheme, below the resource prefix (/res/ in both doors):
 *   slides/<slideId>/tile/<dzLevel>/<col>_<row>.<jpg|png>   Deep Zoom tile
 *   slides/<slideId>/image.dzi, slides/<slideId>/image_files/<dzLevel>/<col>_<row>.<jpg|png>   the same as a plain DZI
 *   slides/<slideId>/thumbnail.jpg                          thumbnail (the file's own, else rendered)
 *   slides/<slideId>/assoc/<name>.jpg                       associated image (label, macro, thumbnail)
 */
export type TileExt = 'jpg' | 'png';

export type SlideResource =
  | { kind: 'tile'; slideId: number; level: number; col: number; row: number; ext: TileExt }
  | { kind: 'dzi'; slideId: number }
  | { kind: 'thumbnail'; slideId: number }
  | { kind: 'assoc'; slideId: number; name: string };

export const SLIDES_RESOURCE_ROOT = 'slides/';

export function tileUrlTemplate(resourcePrefix: string, slideId: number, ext: TileExt): string {
  return `${resourcePrefix}${SLIDES_RESOURCE_ROOT}${slideId}/tile/{level}/{col}_{row}.${ext}`;
}

export function tileUrl(resourcePrefix: string, slideId: number, level: number, col: number, row: number, ext: TileExt): string {
  return `${resourcePrefix}${SLIDES_RESOURCE_ROOT}${slideId}/tile/${level}/${col}_${row}.${ext}`;
}

export function thumbnailUrl(resourcePrefix: string, slideId: number): string {
  return `${resourcePrefix}${SLIDES_RESOURCE_ROOT}${slideId}/thumbnail.jpg`;
}

export function associatedImageUrl(resourcePrefix: string, slideId: number, name: string): string {
  return `${resourcePrefix}${SLIDES_RESOURCE_ROOT}${slideId}/assoc/${encodeURIComponent(name)}.jpg`;
}

export function dziUrl(resourcePrefix: string, slideId: number): string {
  return `${resourcePrefix}${SLIDES_RESOURCE_ROOT}${slideId}/image.dzi`;
}

const INT = '(0|[1-9][0-9]{0,8})';
const TILE = new RegExp(`^${INT}/(?:tile|image_files)/${INT}/${INT}_${INT}\\.(jpg|jpeg|png)$`);
const ASSOC = new RegExp(`^${INT}/assoc/([A-Za-z0-9 _.-]{1,64})\\.jpg$`);

/** Parses a path below the resource prefix; null when it is not a slide resource. */
export function parseSlideResource(path: string): SlideResource | null {
  if (!path.startsWith(SLIDES_RESOURCE_ROOT)) return null;
  const rest = path.slice(SLIDES_RESOURCE_ROOT.length);
  let m = TILE.exec(rest);
  if (m) return { kind: 'tile', slideId: Number(m[1]), level: Number(m[2]), col: Number(m[3]), row: Number(m[4]), ext: m[5] === 'png' ? 'png' : 'jpg' };
  m = ASSOC.exec(rest);
  if (m) return { kind: 'assoc', slideId: Number(m[1]), name: m[2] };
  m = new RegExp(`^${INT}/(image\\.dzi|thumbnail\\.jpg)$`).exec(rest);
  if (m) return m[2] === 'image.dzi' ? { kind: 'dzi', slideId: Number(m[1]) } : { kind: 'thumbnail', slideId: Number(m[1]) };
  return null;
}
