import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RecordingSession } from '../../../shared/contract';
import type { NavigationEvent, SlideHeader } from '../../../shared/navigation';
import { createCore } from '../../../electron/core/createCore';
import { endOpenSessions } from '../../../electron/core/recording/sessionLifecycle';
import { sessionsOnSlide } from '../../../electron/core/recording/sessionRows';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { SHUTDOWN_END_MAX_GAP_MS } from '../../../shared/recording/config';
import { apiCall } from '../../support/apiCall';
import { serveProcess } from '../../support/serveProcess';
import { call } from '../../support/tempCore';
import { addSlide, panEvents, recordingSetup } from './recordingSetup';

/** Opens a core, starts a session and appends batches until it is killed (the crash test's writer). */
const WRITER_SOURCE = fileURLToPath(new URL('./crashWriter.ts', import.meta.url));

type Append = { sessionId: number; seq: number; stored: number; duplicate: boolean };

function readOnly(dataDir: string): Database.Database {
  return new Database(join(dataDir, 'sightline.db'), { readonly: true });
}

describe('recording sessions through the core', () => {
  it('stores each batch and acknowledges it only once it is committed', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    expect(s).toMatchObject({ slideId, userId, userName: 'Ada', status: 'recording', source: 'recorded', eventCount: 0, lastT: 0, lastBatchSeq: -1, endedAt: null });
    expect(Math.abs(s.startedAtMs - Date.now())).toBeLessThan(5000);

    const ack = await call<Append>(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 200) }, userId);
    expect(ack).toEqual({ sessionId: s.id, seq: 0, stored: 200, duplicate: false });
    // Another connection sees the batch as soon as the call returned: it was committed.
    const other = readOnly(dataDir);
    expect(other.prepare('SELECT COUNT(*) AS n FROM events WHERE session_id = ?').get(s.id)).toEqual({ n: 200 });
    other.close();

    await call(core, 'recording.append', { sessionId: s.id, seq: 1, events: [{ type: 'cursor', t: 6567, x: 10, y: 20 }, { type: 'blur', t: 7000 }] }, userId);
    const [listed] = await call<RecordingSession[]>(core, 'recording.list', { slideId });
    expect(listed).toMatchObject({ id: s.id, eventCount: 202, lastT: 7000, lastBatchSeq: 1, status: 'recording' });

    const r = await call<{ session: RecordingSession; slide: SlideHeader; events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
    expect(r.slide).toMatchObject({ type: 'slide', width: 98_304, height: 65_536, mpp: 0.25, objectivePower: 40 });
    expect(r.slide.id).toMatch(/^[0-9a-f]{64}$/);
    expect(r.events).toEqual([...panEvents(0, 200), { type: 'cursor', t: 6567, x: 10, y: 20 }, { type: 'blur', t: 7000 }]);
    core.close();
  });

  it('acknowledges a retried batch again without storing it twice', async () => {
    const { core, slideId, userId } = await recordingSetup();
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    const batch = { sessionId: s.id, seq: 0, events: panEvents(0, 50) };
    expect(await call<Append>(core, 'recording.append', batch)).toMatchObject({ stored: 50, duplicate: false });
    await call(core, 'recording.append', { sessionId: s.id, seq: 1, events: panEvents(2000, 10) });
    expect(await call<Append>(core, 'recording.append', batch)).toEqual({ sessionId: s.id, seq: 0, stored: 50, duplicate: true });
    const { events } = await call<{ events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
    expect(events).toHaveLength(60);
    // The same number with other events is not a retry.
    const clash = await core.invoke('recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 49) }, { actorId: userId });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    core.close();
  });

  it('refuses a batch whose times go backwards, with a message that says so, and keeps recording', async () => {
    const { core, slideId, userId } = await recordingSetup();
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(1000, 10) });
    const back = await core.invoke('recording.append', { sessionId: s.id, seq: 1, events: panEvents(500, 3) }, { actorId: userId });
    expect(back).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!back.ok) expect(back.error.message).toMatch(/t=500 ms, before the session's last stored event \(t=1297 ms\)/);
    const inside = await core.invoke('recording.append', { sessionId: s.id, seq: 1, events: [{ type: 'cursor', t: 3000, x: 1, y: 1 }, { type: 'cursor', t: 2999, x: 1, y: 1 }] }, { actorId: userId });
    expect(inside).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!inside.ok) expect(inside.error.message).toMatch(/Event 1 of batch 1 has t=2999 ms/);
    const end = await core.invoke('recording.append', { sessionId: s.id, seq: 1, events: [{ type: 'end', t: 3000 }] }, { actorId: userId });
    expect(end).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const malformed = await core.invoke('recording.append', { sessionId: s.id, seq: 1, events: [{ type: 'viewport', t: 3000 }] }, { actorId: userId });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A refused batch stores nothing; the session goes on.
    expect(await call<Append>(core, 'recording.append', { sessionId: s.id, seq: 1, events: panEvents(1297, 5) })).toMatchObject({ stored: 5, duplicate: false });
    const late = await core.invoke('recording.append', { sessionId: s.id, seq: 0, events: panEvents(9000, 1) }, { actorId: userId });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } }); // seq 0 holds other events
    const old = await core.invoke('recording.append', { sessionId: s.id, seq: 5, events: panEvents(9000, 1) }, { actorId: userId });
    expect(old.ok).toBe(true);
    const outOfOrder = await core.invoke('recording.append', { sessionId: s.id, seq: 3, events: panEvents(9500, 1) }, { actorId: userId });
    expect(outOfOrder).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const [listed] = await call<RecordingSession[]>(core, 'recording.list', { slideId });
    expect(listed).toMatchObject({ eventCount: 16, lastBatchSeq: 5, lastT: 9000 });
    core.close();
  });

  it('ends a session with an end event, refuses more events, and ends harmlessly twice', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 10) });
    const ended = await call<RecordingSession>(core, 'recording.end', { sessionId: s.id, t: 5000 }, userId);
    expect(ended).toMatchObject({ status: 'ended', eventCount: 11, lastT: 5000 });
    expect(ended.endedAt).not.toBeNull();
    const { events } = await call<{ events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
    expect(events.at(-1)).toEqual({ type: 'end', t: 5000 });
    const more = await core.invoke('recording.append', { sessionId: s.id, seq: 1, events: panEvents(6000, 1) }, { actorId: userId });
    expect(more).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!more.ok) expect(more.error.message).toMatch(/no longer recording/);
    // A retry of an acknowledged batch is still acknowledged after the end.
    expect(await call<Append>(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 10) })).toMatchObject({ duplicate: true });
    expect(await call<RecordingSession>(core, 'recording.end', { sessionId: s.id, t: 9000 })).toEqual(ended);

    // An end time before the last event is moved up to it, so times never go backwards.
    const s2 = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    await call(core, 'recording.append', { sessionId: s2.id, seq: 0, events: panEvents(0, 10) });
    expect(await call<RecordingSession>(core, 'recording.end', { sessionId: s2.id, t: 100 })).toMatchObject({ lastT: 297 });
    // Ending checkpoints the WAL: the database file alone (without its -wal) already holds the ended session.
    const copy = join(dataDir, 'copy.db');
    copyFileSync(join(dataDir, 'sightline.db'), copy);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT status, event_count FROM sessions WHERE id = ?').get(s2.id)).toEqual({ status: 'ended', event_count: 11 });
    db.close();
    core.close();
  });

  it('re-attaches after a UI reload, but not across profiles, slides or a restart of the core', async () => {
    const { core, dataDir, caseId, slideId, userId } = await recordingSetup();
    const bob = await call<{ id: number }>(core, 'profiles.create', { name: 'Bob', role: 'pathologist' });
    const otherSlide = await addSlide(core, dataDir, caseId, userId, 'slide-2.svs');
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 20) });

    const again = await call<RecordingSession>(core, 'recording.start', { slideId, resumeSessionId: s.id }, userId);
    expect(again).toMatchObject({ id: s.id, status: 'recording', eventCount: 20, lastBatchSeq: 0, startedAtMs: s.startedAtMs });
    const bobs = await call<RecordingSession>(core, 'recording.start', { slideId, resumeSessionId: s.id }, bob.id);
    expect(bobs.id).not.toBe(s.id);
    const elsewhere = await call<RecordingSession>(core, 'recording.start', { slideId: otherSlide, resumeSessionId: s.id }, userId);
    expect(elsewhere.id).not.toBe(s.id);
    core.close();

    // A restarted core does not re-attach: the clean close ended the session.
    const core2 = createCore({ dataDir, door: 'cli', version: 'test' });
    const after = await call<RecordingSession>(core2, 'recording.start', { slideId, resumeSessionId: s.id }, userId);
    expect(after.id).not.toBe(s.id);
    expect((await call<RecordingSession[]>(core2, 'recording.list', { slideId })).map((x) => [x.id, x.status])).toEqual([
      [after.id, 'recording'],
      [bobs.id, 'ended'],
      [s.id, 'ended'],
    ]);
    // Starting anew (no resume) on the same slide leaves the profile's abandoned session interrupted.
    const fresh = await call<RecordingSession>(core2, 'recording.start', { slideId }, userId);
    const [newest, abandoned] = await call<RecordingSession[]>(core2, 'recording.list', { slideId });
    expect(newest.id).toBe(fresh.id);
    expect(abandoned).toMatchObject({ id: after.id, status: 'interrupted' });
    core2.close();
  });

  it('ends every open session cleanly when the core is closed, with an end event at its last look', async () => {
    const { core, dataDir, caseId, slideId, userId } = await recordingSetup();
    const otherSlide = await addSlide(core, dataDir, caseId, userId, 'slide-2.svs');
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 20) }); // last event at 627 ms
    const empty = await call<RecordingSession>(core, 'recording.start', { slideId: otherSlide }, userId);
    const done = await call<RecordingSession>(core, 'recording.start', { slideId: otherSlide }, (await call<{ id: number }>(core, 'profiles.create', { name: 'Cy', role: 'pathologist' })).id);
    const doneEnded = await call<RecordingSession>(core, 'recording.end', { sessionId: done.id, t: 50 });
    const closedAt = Date.now();
    core.close();

    const core2 = createCore({ dataDir, door: 'cli', version: 'test' });
    const r = await call<{ session: RecordingSession; events: NavigationEvent[] }>(core2, 'recording.events', { sessionId: s.id });
    expect(r.session).toMatchObject({ status: 'ended', eventCount: 21 });
    expect(r.events.slice(0, 20)).toEqual(panEvents(0, 20));
    const end = r.events[20];
    expect(end.type).toBe('end');
    // Now (the core closed moments after the last batch), never before the last stored event.
    expect(end.t).toBeGreaterThanOrEqual(627);
    expect(end.t).toBeLessThanOrEqual(closedAt + 1000 - s.startedAtMs);
    expect(r.session.endedAt).toBe(new Date(s.startedAtMs + end.t).toISOString());

    const e = await call<{ session: RecordingSession; events: NavigationEvent[] }>(core2, 'recording.events', { sessionId: empty.id });
    expect(e.session.status).toBe('ended');
    expect(e.events).toHaveLength(1);
    expect(e.events[0].type).toBe('end');
    // A session ended before the close is left as it was.
    expect((await call<{ session: RecordingSession }>(core2, 'recording.events', { sessionId: done.id })).session).toEqual(doneEnded);

    const audit = await call<Array<{ action: string; entity: string; entityId: string | null }>>(core2, 'audit.recent', { limit: 100 });
    expect(audit.filter((a) => a.entity === 'session' && a.action === 'end').map((a) => Number(a.entityId)).sort()).toEqual([s.id, empty.id, done.id].sort());
    expect(audit.some((a) => a.entity === 'session' && a.action === 'interrupt')).toBe(false);
    expect(await call(core2, 'audit.verify', {})).toMatchObject({ ok: true });
    core2.close();
  });

  it('ends a session whose viewer went quiet long before the shutdown no later than 20 s after its last event', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    await call(core, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 20) });
    // As if the core were closed an hour later (e.g. a browser tab closed, the server stopped in the evening).
    const db = openDatabase(join(dataDir, 'sightline.db'));
    expect(endOpenSessions(db, s.startedAtMs + 3_600_000)).toBe(1);
    db.close();
    const { session, events } = await call<{ session: RecordingSession; events: NavigationEvent[] }>(core, 'recording.events', { sessionId: s.id });
    expect(events.at(-1)).toEqual({ type: 'end', t: 627 + SHUTDOWN_END_MAX_GAP_MS });
    expect(session).toMatchObject({ status: 'ended', endedAt: new Date(s.startedAtMs + 627 + SHUTDOWN_END_MAX_GAP_MS).toISOString() });
    core.close();
  });

  it('leaves the session of a killed process to be recovered as interrupted, with every acknowledged event', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    core.close();
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER_SOURCE], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    writer.stderr.on('data', (d: Buffer) => (err += String(d)));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => writer.on('close', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on('data', (d: Buffer) => {
        out += String(d);
        if (out.startsWith('ready\n') && !out.includes('session ')) writer.stdin.write(`go ${dataDir} ${slideId} ${userId}\n`);
        if (/^ack 3$/m.test(out)) resolve();
      });
      void exited.then(() => reject(new Error(`the writer stopped: ${err}`)));
    });
    writer.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const sessionId = Number(/^session (\d+)$/m.exec(out)![1]);
    const acked = [...out.matchAll(/^ack (\d+)$/gm)].length;

    const core2 = createCore({ dataDir, door: 'cli', version: 'test' });
    const { session, events } = await call<{ session: RecordingSession; events: NavigationEvent[] }>(core2, 'recording.events', { sessionId });
    expect(session.status).toBe('interrupted');
    expect(session.lastBatchSeq).toBeGreaterThanOrEqual(acked - 1);
    expect(events.some((e) => e.type === 'end')).toBe(false);
    expect(session.endedAt).toBe(new Date(session.startedAtMs + events.at(-1)!.t).toISOString());
    core2.close();
  });

  it('ends the open sessions when `sightline serve` is stopped with SIGTERM', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    core.close();
    const app = await serveProcess(dataDir);
    const s = await apiCall<RecordingSession>(app, 'recording.start', { slideId }, userId);
    await apiCall(app, 'recording.append', { sessionId: s.id, seq: 0, events: panEvents(0, 20) });
    const exit = new Promise<number | null>((resolve) => app.proc.once('exit', (code) => resolve(code)));
    app.proc.kill('SIGTERM');
    expect(await exit).toBe(0);

    const db = readOnly(dataDir);
    expect(db.prepare('SELECT status FROM sessions WHERE id = ?').pluck().get(s.id)).toBe('ended');
    const last = db.prepare('SELECT type, t FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1').get(s.id) as { type: string; t: number };
    expect(last.type).toBe('end');
    expect(last.t).toBeGreaterThanOrEqual(627);
    db.close();
    // The data folder was released: Sightline opens it again, and finds nothing to recover.
    const core2 = createCore({ dataDir, door: 'cli', version: 'test' });
    const audit = await call<Array<{ action: string; entity: string }>>(core2, 'audit.recent', { limit: 100 });
    expect(audit.some((a) => a.entity === 'session' && a.action === 'interrupt')).toBe(false);
    core2.close();
  });

  it('gives typed errors for a missing profile, slide or session, and for a slide never opened', async () => {
    const { core, dataDir, caseId, slideId, userId } = await recordingSetup();
    expect(await core.invoke('recording.start', { slideId }, { actorId: null })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('recording.start', { slideId: 999 }, { actorId: userId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('recording.append', { sessionId: 999, seq: 0, events: [] }, { actorId: userId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('recording.events', { sessionId: 999 }, { actorId: userId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('recording.list', { slideId: 999 }, { actorId: userId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const unopened = await addSlide(core, dataDir, caseId, userId, 'unopened.svs', 'unopened');
    const r = await core.invoke('recording.start', { slideId: unopened }, { actorId: userId });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!r.ok) expect(r.error.message).toMatch(/open it in the viewer before recording/);
    expect(await core.invoke('recording.append', { sessionId: 1, seq: 0, events: new Array(5001).fill({ type: 'blur', t: 0 }) }, { actorId: userId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    core.close();
  });

  it('records a slide that states no optics as 40× at full resolution', async () => {
    const { core, slideId, userId } = await recordingSetup(undefined, { width: 512, height: 512, mpp: null, objective: null });
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    const { slide } = await call<{ slide: SlideHeader }>(core, 'recording.events', { sessionId: s.id });
    expect(slide).toMatchObject({ width: 512, height: 512, mpp: null, objectivePower: 40 });
    core.close();
  });

  it('keeps events append-only: only recording.delete removes a whole (finished) session, and it is audited', async () => {
    const { core, dataDir, slideId, userId } = await recordingSetup();
    const s = await call<RecordingSession>(core, 'recording.start', { slideId }, userId);
    for (let seq = 0; seq < 5; seq++) await call(core, 'recording.append', { sessionId: s.id, seq, events: panEvents(seq * 1000, 30) });
    const keep = await call<RecordingSession>(core, 'recording.start', { slideId: slideId }, (await call<{ id: number }>(core, 'profiles.create', { name: 'Cy', role: 'pathologist' })).id);
    await call(core, 'recording.append', { sessionId: keep.id, seq: 0, events: panEvents(0, 7) });

    const db = new Database(join(dataDir, 'sightline.db'));
    expect(() => db.prepare('UPDATE events SET t = 0 WHERE session_id = ?').run(s.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE session_id = ?').run(s.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM batches WHERE session_id = ?').run(s.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sessions WHERE id = ?').run(s.id)).toThrow(/recording\.delete/);

    const live = await core.invoke('recording.delete', { sessionId: s.id }, { actorId: userId });
    expect(live).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await call(core, 'recording.end', { sessionId: s.id, t: 6000 }, userId);
    expect(await call(core, 'recording.delete', { sessionId: s.id }, userId)).toEqual({ ok: true });
    expect(await core.invoke('recording.events', { sessionId: s.id }, { actorId: userId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.prepare('SELECT COUNT(*) FROM events WHERE session_id = ?').pluck().get(s.id)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM events WHERE session_id = ?').pluck().get(keep.id)).toBe(7);
    expect(sessionsOnSlide(db, slideId)).toBe(1);
    db.close();

    const audit = await call<Array<{ action: string; entity: string; entityId: string | null }>>(core, 'audit.recent', { limit: 100 });
    const sessionRows = audit.filter((a) => a.entity === 'session').map((a) => `${a.action} ${a.entityId}`);
    expect(sessionRows.sort()).toEqual([`delete ${s.id}`, `end ${s.id}`, `start ${keep.id}`, `start ${s.id}`].sort());
    expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    core.close();
  });
});
