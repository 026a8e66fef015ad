import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../shared/contract';
import { createCore } from '../../../electron/core/createCore';
import { call, tempCore, tempDir } from '../../support/tempCore';

async function setup() {
  const dataDir = tempDir();
  const core = tempCore(dataDir);
  const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Ada', role: 'pathologist' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Study' }, me.id);
  const c = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'Case 1' }, me.id);
  return { core, dataDir, me, projectId: p.id, caseId: c.id };
}

describe('the library through the core boundary', () => {
  it('adds a slide with its size, sha256 and format, and lists it', async () => {
    const { core, dataDir, caseId, me } = await setup();
    const path = join(dataDir, 'tiny.svs');
    writeFileSync(path, 'not really a slide, but hashed all the same');
    const f = await call<{ kind: string; sha256: string; size: number; format: string }>(core, 'files.add', { caseId, path }, me.id);
    expect(f).toMatchObject({ kind: 'slide', format: 'aperio-svs', size: 43 });
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    const files = await call<unknown[]>(core, 'files.list', { caseId });
    expect(files).toHaveLength(1);
    const cases = await call<{ slideCount: number }[]>(core, 'cases.list', { projectId: 1 });
    expect(cases[0].slideCount).toBe(1);
    core.close();
  });

  it('gives typed errors a user can act on, and keeps working after them', async () => {
    const { core, dataDir, caseId } = await setup();
    const missing = await core.invoke('files.add', { caseId, path: join(dataDir, 'nope.svs') }, { actorId: null });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    writeFileSync(join(dataDir, 'notes.txt'), 'x');
    const unsupported = await core.invoke('files.add', { caseId, path: join(dataDir, 'notes.txt') }, { actorId: null });
    expect(unsupported).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FILE' } });
    if (!unsupported.ok) expect(unsupported.error.message).toMatch(/\.svs/);
    const folder = await core.invoke('files.add', { caseId, path: dataDir + '/files.svs' }, { actorId: null });
    expect(folder.ok).toBe(false);
    const bad = await core.invoke('cases.create', { projectId: 'one', name: '' }, { actorId: null });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/projectId/);
    expect(await core.invoke('nope.nope', {}, { actorId: null })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await core.invoke('cases.list', { projectId: 999 }, { actorId: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('projects.create', { name: 'study' }, { actorId: null })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const stranger = await core.invoke('projects.create', { name: 'Signed by nobody' }, { actorId: 4242 });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    if (!stranger.ok) expect(stranger.error.message).toMatch(/no annotator profile 4242/);
    expect(await call<Array<{ name: string }>>(core, 'projects.list', {})).not.toContainEqual(expect.objectContaining({ name: 'Signed by nobody' }));
    const path = join(dataDir, 'a.mp4');
    writeFileSync(path, 'video bytes');
    await call(core, 'files.add', { caseId, path });
    expect(await core.invoke('files.add', { caseId, path }, { actorId: null })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call<unknown[]>(core, 'files.list', { caseId })).toHaveLength(1);
    core.close();
  });

  it('reports hashing progress for a job id, and a cancelled add leaves nothing behind', async () => {
    const { core, dataDir, caseId } = await setup();
    const path = join(dataDir, 'big.tif');
    writeFileSync(path, Buffer.alloc(64 << 20, 7));
    const events: ServerEvent[] = [];
    core.onEvent((e) => events.push(e));
    const ok = await core.invoke('files.add', { caseId, path }, { actorId: null, jobId: 'job-1' });
    expect(ok.ok).toBe(true);
    const progress = events.filter((e) => e.type === 'progress' && e.jobId === 'job-1');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: 64 << 20, total: 64 << 20 });

    const other = join(dataDir, 'other.tif');
    writeFileSync(other, Buffer.alloc(256 << 20, 9));
    const pending = core.invoke('files.add', { caseId, path: other }, { actorId: null, jobId: 'job-2' });
    await new Promise((r) => setTimeout(r, 5));
    await call(core, 'jobs.cancel', { jobId: 'job-2' });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await call<unknown[]>(core, 'files.list', { caseId })).toHaveLength(1);
    core.close();
  });

  it('keeps everything across a close and reopen, and refuses a second writer on the same folder', async () => {
    const { core, dataDir, caseId } = await setup();
    expect(() => createCore({ dataDir, door: 'cli', version: 'x' })).toThrow(/already has|Another Sightline/);
    core.close();
    const again = tempCore(dataDir);
    expect(await call<{ name: string }[]>(again, 'profiles.list', {})).toMatchObject([{ name: 'Ada' }]);
    expect(await call<unknown[]>(again, 'files.list', { caseId })).toEqual([]);
    again.close();
  });
});

describe('removing a slide that has work attached', () => {
  it('is refused with a clear message, and the slide and its session stay', async () => {
    const { core, dataDir, caseId, me } = await setup();
    const { slideFixture } = await import('../../fixtures/slides/generate');
    const path = await slideFixture('pyramid-none.tif');
    const f = await call<{ id: number }>(core, 'files.add', { caseId, path }, me.id);
    await call(core, 'slides.open', { slideId: f.id }, me.id);
    await call(core, 'recording.start', { slideId: f.id }, me.id);
    const r = await core.invoke('files.remove', { kind: 'slide', id: f.id }, { actorId: me.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!r.ok) expect(r.error.message).toMatch(/recordings, annotations or reviews/);
    expect(await call<unknown[]>(core, 'files.list', { caseId })).toHaveLength(1);
    core.close();
    void dataDir;
  });
});
