import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/createCore';
import type { Geometry } from '../../../shared/annotations/geometry';
import { formatIdRanges, fromRecordedGeometry, toRecordedGeometry } from '../../../shared/annotations/navigationEvent';
import { closeRing } from '../../../shared/annotations/shapes';
import type { RecordingSession } from '../../../shared/contract';
import { serializeNavigationJsonl, viewportEvent, type NavigationEvent, type SlideHeader } from '../../../shared/navigation';
import { BIN } from '../../support/serveProcess';
import { call } from '../../support/tempCore';
import { addSlide, annotationSetup, setSlideSize } from './setup';

function sightline(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const ring = (x: number, y: number, s: number) =>
  closeRing([
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
  ]);

const SHAPES: Geometry[] = [
  { type: 'line', points: [[1000, 1000], [1400, 1300]] },
  { type: 'line', points: [[0, 0], [100, 0], [100, 100]] },
  { type: 'ellipse', cx: 5000, cy: 4000, rx: 300, ry: 120, rotation: 0.25 },
  { type: 'polygon', rings: [ring(0, 0, 1000), ring(100, 100, 50)] },
  { type: 'multipolygon', polygons: [[ring(0, 0, 100), ring(10, 10, 20)], [ring(500, 0, 300)]] },
  { type: 'multipoint', points: [[1, 2], [3, 4]] },
];

describe('annotation events through sightline events export and import', () => {
  it('keeps every recorded geometry kind and the import event, and still takes the kinds older files used', async () => {
    const { core, dataDir, slideId, caseId, userId } = await annotationSetup();
    const other = await addSlide(core, dataDir, caseId, userId, 'slide-2.svs');
    setSlideSize(dataDir, other, 98_304, 65_536, 0.25);
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    const edits: NavigationEvent[] = SHAPES.map((g, i) => ({ type: 'annotation', t: 100 + i, action: 'create', annotationId: String(i + 1), geometry: toRecordedGeometry(g) }));
    edits.push({ type: 'annotation', t: 200, action: 'import', annotationId: formatIdRanges([7, 8, 9, 12]), geometry: { kind: 'rect', x0: 0, y0: 0, x1: 900, y1: 800 }, label: 'tumour.geojson' });
    await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: [viewportEvent({ t: 0, cx: 500, cy: 400, zoom: 0.25, cw: 1600, ch: 900 }), ...edits] }, userId);
    await call(core, 'recording.end', { sessionId: s.id, t: 300 }, userId);
    const recorded = await call<{ slide: SlideHeader; events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
    core.close();

    const file = join(dataDir, 'session.jsonl');
    const exported = await sightline(['events', 'export', String(s.id), '--out', file, '--data-dir', dataDir, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(serializeNavigationJsonl(recorded));
    expect(text).toContain('"action":"import","annotationId":"7-9,12"');

    const old = join(dataDir, 'old.jsonl');
    writeFileSync(
      old,
      [
        JSON.stringify(recorded.slide),
        '{"type":"annotation","t":1,"action":"create","annotationId":"a1","geometry":{"kind":"rect","x0":1,"y0":2,"x1":30,"y1":40},"label":"mitosis"}',
        '{"type":"annotation","t":2,"action":"update","annotationId":"a1","geometry":{"kind":"polygon","points":[[0,0],[10,0],[5,8]]}}',
        '{"type":"annotation","t":3,"action":"delete","annotationId":"a1"}',
      ].join('\n'),
    );
    const [imported, importedOld] = [
      await sightline(['events', 'import', file, '--slide', String(other), '--data-dir', dataDir, '--json']),
      await sightline(['events', 'import', old, '--slide', String(other), '--data-dir', dataDir, '--json']),
    ];
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(importedOld.code, importedOld.stdout + importedOld.stderr).toBe(0);

    const reopened = createCore({ dataDir, door: 'cli', version: 'test' });
    const { session } = JSON.parse(imported.stdout) as { session: RecordingSession };
    const back = await call<{ events: NavigationEvent[] }>(reopened, 'recording.events', { sessionId: session.id });
    expect(back.events).toEqual(recorded.events);
    const shapes = back.events.filter((e) => e.type === 'annotation' && e.action === 'create').map((e) => (e.type === 'annotation' && e.geometry ? fromRecordedGeometry(e.geometry) : null));
    expect(shapes.map((g) => g?.type)).toEqual(SHAPES.map((g) => g.type));
    expect(shapes.filter((g) => g?.type !== 'ellipse')).toEqual(SHAPES.filter((g) => g.type !== 'ellipse'));
    const { session: oldSession } = JSON.parse(importedOld.stdout) as { session: RecordingSession };
    const oldEvents = (await call<{ events: NavigationEvent[] }>(reopened, 'recording.events', { sessionId: oldSession.id })).events;
    expect(oldEvents.map((e) => (e.type === 'annotation' ? [e.action, e.geometry?.kind ?? null] : e.type))).toEqual([
      ['create', 'rect'],
      ['update', 'polygon'],
      ['delete', null],
    ]);
    reopened.close();
  });
});
