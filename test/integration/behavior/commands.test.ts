import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/createCore';
import { deriveCommands, type BehaviorCommand } from '../../../shared/behavior';
import type { CommandEdit, RecordingSession, SessionCommands } from '../../../shared/contract';
import type { NavigationEvent, SlideHeader } from '../../../shared/navigation';
import { serializeNavigationJsonl } from '../../../shared/navigation';
import { call } from '../../support/tempCore';
import { recordingSetup, type RecordingSetup } from '../recording/recordingSetup';
import { scriptedEvents } from './scriptedSession';

type Edited = { edit: CommandEdit; commands: SessionCommands };

/** Records the events as the UI does: in batches, and an `end` event through recording.end. */
async function record(s: RecordingSetup, all: NavigationEvent[], batch = 40): Promise<RecordingSession> {
  const last = all.at(-1);
  const events = last?.type === 'end' ? all.slice(0, -1) : all;
  const session = await call<RecordingSession>(s.core, 'recording.start', { slideId: s.slideId }, s.userId);
  for (let i = 0, seq = 0; i < events.length; i += batch, seq++) {
    await call(s.core, 'recording.append', { sessionId: session.id, seq, events: events.slice(i, i + batch) }, s.userId);
  }
  if (last?.type === 'end') await call(s.core, 'recording.end', { sessionId: session.id, t: last.t }, s.userId);
  return session;
}

const shape = (c: { number?: number; id?: number; kind: string; magnification: number; parentNumber?: number | null; parentId?: number | null }) => [
  c.number ?? c.id,
  c.kind,
  c.magnification,
  c.parentNumber !== undefined ? c.parentNumber : c.parentId,
];

async function errorOf(s: RecordingSetup, name: string, input: unknown, actorId: number | null = s.userId) {
  const env = await s.core.invoke(name, input, { actorId });
  if (env.ok) throw new Error(`${name} was expected to fail`);
  return env.error;
}

describe('behaviour commands of stored sessions', () => {
  it('are the pipeline’s commands over the stored events, with and without a config', async () => {
    const s = await recordingSetup();
    const session = await record(s, scriptedEvents());
    const stored = await call<{ slide: SlideHeader; events: NavigationEvent[] }>(s.core, 'recording.events', { sessionId: session.id });
    const r = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId: session.id });
    expect(r.derived).toEqual(deriveCommands({ slide: stored.slide, events: stored.events }));
    expect(r.derived.map(shape)).toEqual([
      [1, 'inspect', 10, null],
      [2, 'inspect', 10, null],
      [3, 'peek', 40, 1],
      [4, 'inspect', 5, null],
    ]);
    expect(r.slide).toEqual({ width: 98_304, height: 65_536 });
    expect(r.effective.map((c) => [c.key, c.number, c.provenance, c.deleted, c.editId, c.parentNumber])).toEqual([
      ['d1', 1, 'derived', false, null, null],
      ['d2', 2, 'derived', false, null, null],
      ['d3', 3, 'derived', false, null, 1],
      ['d4', 4, 'derived', false, null, null],
    ]);
    expect(r.effective.map((c) => c.box)).toEqual(r.derived.map((c) => c.box));
    // The idle minute counts for nothing: every duration is a few seconds.
    for (const c of r.effective) expect(c.duration).toBeLessThan(4000);

    const strict = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId: session.id, config: { dwellMinMs: 2500, panMinMs: 2500 } });
    expect(strict.derived).toEqual(deriveCommands({ slide: stored.slide, events: stored.events }, { dwellMinMs: 2500, panMinMs: 2500 }));
    expect(strict.derived.map((c) => c.magnification)).toEqual([10, 10, 5]); // the 2 s peek is neither a dwell nor a pan any more
    expect(strict.config.dwellMinMs).toBe(2500);

    // An imported session is read the same way.
    const imported = await call<RecordingSession>(s.core, 'recording.import', { slideId: s.slideId, jsonl: serializeNavigationJsonl({ slide: stored.slide, events: stored.events }) }, s.userId);
    expect((await call<SessionCommands>(s.core, 'behavior.commands', { sessionId: imported.id })).derived).toEqual(r.derived);
    s.core.close();
  });

  it('follow a session still recording as its batches are stored', async () => {
    const s = await recordingSetup();
    const events = scriptedEvents(false);
    const split = events.findIndex((e) => e.type === 'viewport' && e.zoom === 40 / 40);
    const session = await record(s, events.slice(0, split));
    const first = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId: session.id });
    expect(first.derived.map(shape)).toEqual([
      [1, 'inspect', 10, null],
      [2, 'inspect', 10, null],
    ]);
    // The reviewer redraws the pan box while the session is still recording…
    const box: [number, number, number, number] = [31_000, 27_000, 50_000, 33_000];
    await call(s.core, 'behavior.edit', { sessionId: session.id, action: 'redraw', commandId: 2, box }, s.userId);
    await call(s.core, 'recording.append', { sessionId: session.id, seq: 1000, events: events.slice(split) }, s.userId);
    const later = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId: session.id });
    expect(later.derived.map(shape)).toEqual([
      [1, 'inspect', 10, null],
      [2, 'inspect', 10, null],
      [3, 'peek', 40, 1],
      [4, 'inspect', 5, null],
    ]);
    // …and the edit stays on its command as the list grows.
    expect(later.effective[1]).toMatchObject({ key: 'd2', provenance: 'edited', box, original: later.derived[1] });
    s.core.close();
  });
});

describe('reviewer edits of commands', () => {
  it('are stored as such beside the derived commands, with provenance, audit and persistence', async () => {
    const s = await recordingSetup();
    const session = await record(s, scriptedEvents());
    const sessionId = session.id;
    const before = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId });
    const derived: BehaviorCommand[] = before.derived;

    const del = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'delete', commandId: 4 }, s.userId);
    expect(del.edit).toMatchObject({ action: 'delete', derivedId: 4, addedId: null, box: null, derived: derived[3], authorId: s.userId, authorName: 'Ada', reverted: false });
    expect(del.commands.effective[3]).toMatchObject({ key: 'd4', deleted: true, provenance: 'derived', editId: del.edit.id, original: derived[3], box: derived[3].box });

    // A redraw is clipped to the slide and rounded outwards.
    const red = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'redraw', commandId: 2, box: [90_000.4, 60_000.6, 120_000, 70_000] }, s.userId);
    expect(red.edit.box).toEqual([90_000, 60_000, 98_304, 65_536]);
    expect(red.commands.effective[1]).toMatchObject({
      key: 'd2',
      provenance: 'edited',
      box: [90_000, 60_000, 98_304, 65_536],
      kind: 'inspect',
      magnification: 10,
      original: derived[1],
      start: derived[1].start,
      duration: derived[1].duration,
      editedBy: 'Ada',
    });

    // An added 40× box is a peek by the pipeline's rule, and pairs with the inspect it lies in.
    const add = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'add', box: [91_000, 61_000, 92_000, 62_000], magnification: 40 }, s.userId);
    expect(add.edit).toMatchObject({ action: 'add', derivedId: null, addedId: null, kind: 'peek', magnification: 40, derived: null });
    const added = add.commands.effective.find((c) => c.provenance === 'added')!;
    expect(added).toMatchObject({ key: `a${add.edit.id}`, number: 5, addedId: add.edit.id, start: null, duration: null, visits: 0, parentKey: 'd2', parentNumber: 2 });

    // Redrawing an added command keeps it "added".
    const moved = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'redraw', addedId: add.edit.id, box: [10, 10, 500, 400], kind: 'inspect', magnification: 20 }, s.userId);
    expect(moved.commands.effective.find((c) => c.key === added.key)).toMatchObject({ provenance: 'added', box: [10, 10, 500, 400], kind: 'inspect', magnification: 20, parentKey: null, editId: moved.edit.id });

    // Derived commands never change.
    const after = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId });
    expect(after.derived).toEqual(derived);
    expect(after.edits.map((e) => e.action)).toEqual(['delete', 'redraw', 'add', 'redraw']);

    // Every edit has its audit row and the chain holds.
    const db = new Database(join(s.dataDir, 'sightline.db'), { readonly: true });
    const audit = db.prepare("SELECT action, entity_id FROM audit WHERE entity = 'command_edit' ORDER BY id").all();
    expect(audit).toEqual(after.edits.map((e) => ({ action: e.action, entity_id: String(e.id) })));
    db.close();
    expect(await call(s.core, 'audit.verify', {})).toMatchObject({ ok: true });

    // Everything is still there after a restart.
    s.core.close();
    const core = createCore({ dataDir: s.dataDir, door: 'cli', version: '0.0.0-test' });
    const reopened = await call<SessionCommands>(core, 'behavior.commands', { sessionId });
    expect(reopened.derived).toEqual(derived);
    expect(reopened.effective).toEqual(after.effective);
    core.close();
  });

  it('are undone one at a time (the acting profile’s latest, or a named edit), never twice', async () => {
    const s = await recordingSetup();
    const session = await record(s, scriptedEvents());
    const sessionId = session.id;
    const del1 = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'delete', commandId: 1 }, s.userId);
    // With its inspect deleted, the peek has no parent: it sticks out of the pan box on the left.
    expect(del1.commands.effective[2].box[0]).toBeLessThan(del1.commands.effective[1].box[0]);
    expect(del1.commands.effective[2]).toMatchObject({ kind: 'peek', parentKey: null, parentNumber: null });
    // Redrawn inside the pan box, it becomes the pan's child.
    const pan = del1.commands.effective[1].box;
    const inPan = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'redraw', commandId: 3, box: [pan[0] + 10, pan[1] + 10, pan[0] + 500, pan[1] + 400] }, s.userId);
    expect(inPan.commands.effective[2]).toMatchObject({ provenance: 'edited', parentKey: 'd2', parentNumber: 2 });
    await call(s.core, 'behavior.edit', { sessionId, action: 'undo' }, s.userId);

    const red = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'redraw', commandId: 3, box: [100, 100, 900, 600] }, s.userId);
    const undo = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'undo' }, s.userId);
    expect(undo.edit).toMatchObject({ id: red.edit.id, reverted: true, revertedBy: s.userId });
    expect(undo.edit.revertedAt).not.toBeNull();
    expect(undo.commands.effective[2]).toMatchObject({ provenance: 'derived', box: undo.commands.derived[2].box, editId: null, original: null });

    const restore = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'undo', editId: del1.edit.id }, s.userId);
    expect(restore.commands.effective.map((c) => [c.provenance, c.deleted, c.parentNumber])).toEqual([
      ['derived', false, null],
      ['derived', false, null],
      ['derived', false, 1],
      ['derived', false, null],
    ]);
    expect(restore.commands.edits.map((e) => [e.action, e.reverted])).toEqual([
      ['delete', true],
      ['redraw', true],
      ['redraw', true],
    ]);
    expect(await errorOf(s, 'behavior.edit', { sessionId, action: 'undo', editId: del1.edit.id })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already undone/) });
    expect(await errorOf(s, 'behavior.edit', { sessionId, action: 'undo' })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Nothing to undo/) });

    // Undoing an add takes the added command away.
    const add = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'add', box: [0, 0, 1000, 800], magnification: 5, kind: 'inspect' }, s.userId);
    expect(add.commands.effective).toHaveLength(5);
    const gone = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'undo', editId: add.edit.id }, s.userId);
    expect(gone.commands.effective).toHaveLength(4);
    s.core.close();
  });

  it('refuses bad input with a typed error and stores nothing', async () => {
    const s = await recordingSetup();
    const session = await record(s, scriptedEvents());
    const sessionId = session.id;
    const del = await call<Edited>(s.core, 'behavior.edit', { sessionId, action: 'delete', commandId: 4 }, s.userId);
    const other = await record(s, scriptedEvents().slice(0, 20));

    const cases: Array<[unknown, string, RegExp, (number | null)?]> = [
      [{ sessionId: 999, action: 'delete', commandId: 1 }, 'NOT_FOUND', /Recording session 999/],
      [{ sessionId, action: 'delete', commandId: 9 }, 'NOT_FOUND', /Command 9 is not among the commands of session/],
      [{ sessionId, action: 'delete', addedId: 9 }, 'NOT_FOUND', /Added command 9/],
      [{ sessionId, action: 'delete' }, 'INVALID_INPUT', /commandId .* or addedId/],
      [{ sessionId, action: 'redraw', commandId: 1, addedId: 2, box: [0, 0, 10, 10] }, 'INVALID_INPUT', /not both/],
      [{ sessionId, action: 'redraw', commandId: 1, box: [10, 0, 10, 10] }, 'INVALID_INPUT', /x0 < x1 and y0 < y1/],
      [{ sessionId, action: 'redraw', commandId: 1, box: [0, 20, 10, 10] }, 'INVALID_INPUT', /x0 < x1 and y0 < y1/],
      [{ sessionId, action: 'redraw', commandId: 1, box: [100_000, 0, 120_000, 10] }, 'INVALID_INPUT', /outside the slide \(98304 × 65536 px\)/],
      [{ sessionId, action: 'redraw', commandId: 1 }, 'INVALID_INPUT', /box/],
      [{ sessionId, action: 'add', box: [0, 0, 10, 10] }, 'INVALID_INPUT', /magnification/],
      [{ sessionId, action: 'add', box: [0, 0, 10, 10], magnification: -5 }, 'INVALID_INPUT', /magnification/],
      [{ sessionId, action: 'add', box: [0, 0, 10, 10], magnification: 10, kind: 'glance' }, 'INVALID_INPUT', /kind/],
      [{ sessionId, action: 'rotate', commandId: 1 }, 'INVALID_INPUT', /action/],
      [{ sessionId, action: 'delete', commandId: 4 }, 'CONFLICT', /deleted; undo the delete/],
      [{ sessionId, action: 'redraw', commandId: 4, box: [0, 0, 10, 10] }, 'CONFLICT', /deleted; undo the delete/],
      [{ sessionId: other.id, action: 'undo', editId: del.edit.id }, 'NOT_FOUND', /is not an edit of session/],
      [{ sessionId, action: 'delete', commandId: 1 }, 'INVALID_INPUT', /Choose your profile/, null],
    ];
    for (const [input, code, message, actor] of cases) {
      expect(await errorOf(s, 'behavior.edit', input, actor === undefined ? s.userId : actor), JSON.stringify(input)).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect(await errorOf(s, 'behavior.commands', { sessionId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(s, 'behavior.commands', { sessionId, config: { dwellMinMS: 2 } })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/dwellMinMS/) });
    expect(await errorOf(s, 'behavior.slideCommands', { slideId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    const r = await call<SessionCommands>(s.core, 'behavior.commands', { sessionId });
    expect(r.edits).toHaveLength(1);
    s.core.close();
  });

  it('go with their session when it is deleted, and cannot be removed on their own', async () => {
    const s = await recordingSetup();
    const session = await record(s, scriptedEvents());
    await call(s.core, 'behavior.edit', { sessionId: session.id, action: 'delete', commandId: 1 }, s.userId);
    const direct = new Database(join(s.dataDir, 'sightline.db'));
    expect(() => direct.prepare('DELETE FROM command_edits').run()).toThrow(/removed only with their session/);
    expect(() => direct.prepare('UPDATE command_edits SET x0 = 1').run()).toThrow(/kept as it was made/);
    direct.close();
    await call(s.core, 'recording.delete', { sessionId: session.id }, s.userId);
    const db = new Database(join(s.dataDir, 'sightline.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM command_edits').get()).toEqual({ n: 0 });
    db.close();
    s.core.close();
  });

  it('are listed for every session of a slide, newest session first', async () => {
    const s = await recordingSetup();
    const first = await record(s, scriptedEvents());
    await call(s.core, 'behavior.edit', { sessionId: first.id, action: 'delete', commandId: 2 }, s.userId);
    const second = await record(s, scriptedEvents().slice(0, 30));
    const r = await call<{ slideId: number; sessions: Array<{ session: RecordingSession; derivedCount: number; effective: SessionCommands['effective'] }> }>(
      s.core,
      'behavior.slideCommands',
      { slideId: s.slideId },
    );
    expect(r.sessions.map((x) => x.session.id)).toEqual([second.id, first.id]);
    expect(r.sessions[1].derivedCount).toBe(4);
    expect(r.sessions[1].effective.filter((c) => !c.deleted).map((c) => c.number)).toEqual([1, 3, 4]);
    expect(r.sessions[0].effective.map(shape)).toEqual([[1, 'inspect', 10, null]]); // the dwell on A; the pan had only begun
    s.core.close();
  });
});
