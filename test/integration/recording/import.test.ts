import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordingSession, SessionMetrics } from '../../../shared/contract';
import { serializeNavigationJsonl, type NavigationEvent, type SlideHeader } from '../../../shared/navigation';
import { call } from '../../support/tempCore';
import { addSlide, panEvents, recordingSetup } from './recordingSetup';

const header: SlideHeader = { type: 'slide', id: 'other-viewer-slide', width: 98_304, height: 65_536, mpp: 0.25, objectivePower: 40 };

function eventCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'sightline.db'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('importing a JSON Lines session', () => {
  it('brings a session from another viewer in as an ended session that replays and measures like a recorded one', async () => {
    const { core, slideId, userId } = await recordingSetup();
    const events: NavigationEvent[] = [...panEvents(0, 100), { type: 'hotkey', t: 3400, key: '4', magnification: 40 }, { type: 'end', t: 9000 }];
    const jsonl = serializeNavigationJsonl({ slide: header, events });
    const s = await call<RecordingSession>(core, 'recording.import', { slideId, jsonl }, userId);
    expect(s).toMatchObject({ slideId, userId, status: 'ended', source: 'imported', eventCount: 102, lastT: 9000 });
    const back = await call<{ slide: SlideHeader; events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
    expect(back.slide).toEqual(header);
    expect(back.events).toEqual(events);
    expect(serializeNavigationJsonl(back)).toBe(jsonl);
    const m = await call<SessionMetrics>(core, 'recording.metrics', { sessionId: s.id });
    expect(m).toMatchObject({ sessionId: s.id, totalMs: 9000 });
    expect(m.msPerBin['10']).toBeGreaterThan(0);
    const audit = await call<Array<{ action: string; entity: string }>>(core, 'audit.recent', { limit: 10 });
    expect(audit.some((a) => a.action === 'import' && a.entity === 'session')).toBe(true);
    core.close();
  });

  it('reports a bad line with its number and stores nothing', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    const lines = serializeNavigationJsonl({ slide: header, events: panEvents(0, 10) }).split('\n');
    lines[4] = JSON.stringify({ type: 'cursor', t: 1, x: 5, y: 5 }); // time goes backwards on line 5
    lines[7] = '{"type":"viewport","t":300'; // line 8: truncated
    const before = eventCount(dataDir);
    const r = await core.invoke('recording.import', { slideId, jsonl: lines.join('\n') }, { actorId: userId });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toMatch(/^Line 5: time goes backwards.*\(and 1 more invalid line: 8\)\. Nothing was imported\.$/);
    expect(r.error.details).toMatchObject({ errorCount: 2, errors: [{ line: 5 }, { line: 8 }] });
    expect(await call<RecordingSession[]>(core, 'recording.list', { slideId })).toEqual([]);
    expect(eventCount(dataDir)).toBe(before);

    const noHeader = await core.invoke('recording.import', { slideId, jsonl: '{"type":"cursor","t":0,"x":1,"y":1}\n' }, { actorId: userId });
    expect(noHeader).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!noHeader.ok) expect(noHeader.error.message).toMatch(/^Line 1: the first line must be the slide header/);
    core.close();
  });

  it('refuses a file recorded on a slide of another size, and an import without a profile', async () => {
    const { core, dataDir, caseId, slideId, userId } = await recordingSetup();
    const small = await addSlide(core, dataDir, caseId, userId, 'small.svs', { width: 4000, height: 3000 });
    const jsonl = serializeNavigationJsonl({ slide: header, events: panEvents(0, 3) });
    const wrong = await core.invoke('recording.import', { slideId: small, jsonl }, { actorId: userId });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!wrong.ok) expect(wrong.error.message).toMatch(/98304 × 65536 px slide, but "small.svs" is 4000 × 3000 px/);
    expect(await core.invoke('recording.import', { slideId, jsonl }, { actorId: null })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('recording.import', { slideId: 999, jsonl }, { actorId: userId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A slide never opened takes the file's size.
    const unopened = await addSlide(core, dataDir, caseId, userId, 'unopened.svs', 'unopened');
    expect(await call<RecordingSession>(core, 'recording.import', { slideId: unopened, jsonl }, userId)).toMatchObject({ eventCount: 3 });
    core.close();
  });
});
