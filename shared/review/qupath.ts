import { writeGeoJson } from '../annotations/geojsonWrite';
import type { ExportAnnotation } from '../annotations/interchange';
import type { ManifestLine } from './dataset';

const COLOURS = { inspect: '#2f7ed8', peek: '#d8572f' } as const;

/** The region boxes of one slide as QuPath GeoJSON (rectangles in level-0 pixels, classified by kind and magnification). */
export function buildQupathGeoJson(lines: readonly ManifestLine[]): string {
  const annotations: ExportAnnotation[] = lines.map((l) => ({
    geometry: { type: 'rectangle', x: l.box[0], y: l.box[1], width: l.box[2] - l.box[0], height: l.box[3] - l.box[1] },
    className: `${l.kind} ${l.magnification}x`,
    classColour: COLOURS[l.kind],
    name: l.region,
    description: [l.text.why, l.text.findings, l.text.highPower].filter(Boolean).join('\n\n') + (l.decision === 'reject' ? '\n\n(rejected by the reviewer)' : ''),
  }));
  return writeGeoJson(annotations);
}
