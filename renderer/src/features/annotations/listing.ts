import type { GeometryType } from '../../../../shared/annotations/geometry';
import { formatAreaUm2, formatLengthUm, measure } from '../../../../shared/annotations/measure';
import type { Annotation, Mpp } from '../../../../shared/contract';

/** Which annotations the list shows: all, the unclassified, or one class. */
export type ClassFilter = 'all' | 'none' | number;

export const TYPE_NAMES: Record<GeometryType, string> = {
  point: 'Point',
  multipoint: 'Points',
  line: 'Line',
  rectangle: 'Rectangle',
  ellipse: 'Ellipse',
  polygon: 'Polygon',
  multipolygon: 'Polygon',
};

/** The annotation's name, or its type and id ("Polygon 12"). */
export function annotationTitle(a: Pick<Annotation, 'id' | 'name' | 'geometry'>): string {
  return a.name || `${TYPE_NAMES[a.geometry.type]} ${a.id}`;
}

const px2 = (v: number) => `${Math.round(v).toLocaleString('en')} px²`;

/** "125 µm" for a line, "1,250 µm²" for an area (px and px² when the slide's pixel size is unknown), "3 points". */
export function measurementText(a: Pick<Annotation, 'geometry'>, mpp: Mpp | null): string {
  const g = a.geometry;
  if (g.type === 'point') return '';
  if (g.type === 'multipoint') return `${g.points.length} points`;
  const m = measure(g, mpp);
  if (g.type === 'line') return m.lengthUm !== null ? formatLengthUm(m.lengthUm) : `${m.lengthPx.toFixed(1)} px`;
  return m.areaUm2 !== null ? formatAreaUm2(m.areaUm2) : px2(m.areaPx);
}

/** The annotations the list shows, in creation order. */
export function filteredIds(annotations: Iterable<Annotation>, filter: ClassFilter): number[] {
  const ids: number[] = [];
  for (const a of annotations) {
    if (filter === 'all' || (filter === 'none' ? a.classId === null : a.classId === filter)) ids.push(a.id);
  }
  return ids.sort((x, y) => x - y);
}
