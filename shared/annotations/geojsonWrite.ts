import type { Geometry } from './geometry';
import { hexToRgb } from './colour';
import { SIGHTLINE_KEY, type ExportAnnotation } from './interchange';
import { ellipseRing, rectangleRing } from './shapes';

// Writes QuPath-style GeoJSON: a FeatureCollection of annotation Features with properties.objectType "annotation",
// properties.classification {name, color: [r, g, b]}, and coordinates in level-0 pixels. Rectangles and ellipses
// become Polygons (GeoJSON has neither); properties.sightline records the original shape so that Sightline restores
// it on import (QuPath ignores it and shows the polygon).

function toGeoJsonGeometry(g: Geometry): { type: string; coordinates: unknown } {
  switch (g.type) {
    case 'point':
      return { type: 'Point', coordinates: [g.x, g.y] };
    case 'multipoint':
      return { type: 'MultiPoint', coordinates: g.points };
    case 'line':
      return { type: 'LineString', coordinates: g.points };
    case 'rectangle':
      return { type: 'Polygon', coordinates: [rectangleRing(g)] };
    case 'ellipse':
      return { type: 'Polygon', coordinates: [ellipseRing(g)] };
    case 'polygon':
      return { type: 'Polygon', coordinates: g.rings };
    case 'multipolygon':
      return { type: 'MultiPolygon', coordinates: g.polygons };
  }
}

function shapeMarker(g: Geometry): Record<string, unknown> | null {
  if (g.type === 'rectangle') return { shape: 'rectangle' };
  if (g.type === 'ellipse') return { shape: 'ellipse', cx: g.cx, cy: g.cy, rx: g.rx, ry: g.ry, rotation: g.rotation };
  return null;
}

export function toFeature(a: ExportAnnotation): Record<string, unknown> {
  const properties: Record<string, unknown> = { objectType: 'annotation' };
  if (a.name) properties.name = a.name;
  if (a.className) properties.classification = { name: a.className, color: hexToRgb(a.classColour ?? '#808080') };
  if (a.description) properties.description = a.description;
  properties.isLocked = false;
  const marker = shapeMarker(a.geometry);
  if (marker) properties[SIGHTLINE_KEY] = marker;
  return { type: 'Feature', geometry: toGeoJsonGeometry(a.geometry), properties };
}

/** The annotations as a GeoJSON FeatureCollection, one feature per line. */
export function writeGeoJson(annotations: readonly ExportAnnotation[]): string {
  if (annotations.length === 0) return '{\n  "type": "FeatureCollection",\n  "features": []\n}\n';
  const features = annotations.map((a) => `    ${JSON.stringify(toFeature(a))}`).join(',\n');
  return `{\n  "type": "FeatureCollection",\n  "features": [\n${features}\n  ]\n}\n`;
}
