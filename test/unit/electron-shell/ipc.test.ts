import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/createCore';
import { bindIpc, createInvokeHandler, EVENT_CHANNEL, forwardEvents, INVOKE_CHANNEL, parseInvokeMessage, type EventTarget, type InvokeEventLike } from '../../../electron/main/ipc';

const fromApp: InvokeEventLike = { senderFrame: { url: 'app://sightline/index.html' } };
const from = (url: string): InvokeEventLike => ({ senderFrame: { url } });

describe('IPC message validation', () => {
  it('accepts { name, input, opts: { actorId, jobId? } }', () => {
    expect(parseInvokeMessage({ name: 'profiles.list', input: {}, opts: { actorId: null } })).toEqual({ ok: true, message: { name: 'profiles.list', input: {}, opts: { actorId: null } } });
    expect(parseInvokeMessage({ name: 'files.add', input: { caseId: 1 }, opts: { actorId: 7, jobId: 'job-1' } })).toEqual({
      ok: true,
      message: { name: 'files.add', input: { caseId: 1 }, opts: { actorId: 7, jobId: 'job-1' } },
    });
  });

  it('drops options it does not know instead of passing them to the core', () => {
    const r = parseInvokeMessage({ name: 'profiles.list', input: {}, opts: { actorId: 2, admin: true } });
    expect(r).toEqual({ ok: true, message: { name: 'profiles.list', input: {}, opts: { actorId: 2 } } });
  });

  it('refuses malformed messages with INVALID_INPUT and says what is wrong', () => {
    const bad: unknown[] = [
      null,
      'profiles.list',
      [],
      {},
      { name: 42, input: {}, opts: { actorId: null } },
      { name: '', input: {}, opts: { actorId: null } },
      { name: 'x'.repeat(201), input: {}, opts: { actorId: null } },
      { name: 'profiles.list', input: {} },
      { name: 'profiles.list', input: {}, opts: null },
      { name: 'profiles.list', input: {}, opts: {} },
      { name: 'profiles.list', input: {}, opts: { actorId: '1' } },
      { name: 'profiles.list', input: {}, opts: { actorId: 1.5 } },
      { name: 'profiles.list', input: {}, opts: { actorId: -1 } },
      { name: 'profiles.list', input: {}, opts: { actorId: null, jobId: 3 } },
      { name: 'profiles.list', input: {}, opts: { actorId: null, jobId: '' } },
    ];
    for (const raw of bad) {
      const r = parseInvokeMessage(raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(/Malformed call/);
      }
    }
    const r = parseInvokeMessage({ name: 'profiles.list', input: {}, opts: { actorId: 'me' } });
    expect(!r.ok && r.error.message).toMatch(/opts\.actorId/);
  });
});

describe('the sightline:invoke handler, with the real core', () => {
  let core: Core;
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sightline-ipc-'));
    core = createCore({ dataDir, door: 'electron', version: '9.9.9-test' });
  });
  afterEach(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a call from the app window and returns the core’s envelope', async () => {
    const handle = createInvokeHandler(core);
    const r = await handle(fromApp, { name: 'system.info', input: {}, opts: { actorId: null } });
    expect(r).toMatchObject({ ok: true, value: { door: 'electron', version: '9.9.9-test' } });
  });

  it('passes the acting profile to the core (it lands in the audit log)', async () => {
    const handle = createInvokeHandler(core);
    const created = await handle(fromApp, { name: 'profiles.create', input: { name: 'Dr Ada', role: 'pathologist' }, opts: { actorId: null } });
    expect(created.ok).toBe(true);
    const actorId = (created as { value: { id: number } }).value.id;
    const project = await handle(fromApp, { name: 'projects.create', input: { name: 'Breast cohort' }, opts: { actorId } });
    expect(project.ok).toBe(true);
    const db = (await import('better-sqlite3')).default(join(dataDir, 'sightline.db'), { readonly: true });
    try {
      const row = db.prepare("SELECT actor_id AS actorId FROM audit WHERE entity = 'project' ORDER BY id DESC LIMIT 1").get() as { actorId: number };
      expect(row.actorId).toBe(actorId);
    } finally {
      db.close();
    }
  });

  it('refuses calls from any frame that is not app://sightline/, without touching the core', async () => {
    const handle = createInvokeHandler(core);
    for (const event of [from('file:///tmp/index.html'), from('http://evil.example/'), from('app://other/index.html'), { senderFrame: null }]) {
      const r = await handle(event, { name: 'profiles.create', input: { name: 'Mallory', role: 'annotator' }, opts: { actorId: null } });
      expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/app:\/\/sightline/) } });
    }
    const list = await handle(fromApp, { name: 'profiles.list', input: {}, opts: { actorId: null } });
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('returns the core’s typed errors for unknown calls and bad input', async () => {
    const handle = createInvokeHandler(core);
    expect(await handle(fromApp, { name: 'nope.nothing', input: {}, opts: { actorId: null } })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await handle(fromApp, { name: 'profiles.create', input: { name: '' }, opts: { actorId: null } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await handle(fromApp, { name: 'profiles.list' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('binds exactly one channel and unbinds it', async () => {
    const bound = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown) => void bound.set(channel, listener),
      removeHandler: (channel: string) => void bound.delete(channel),
    };
    const unbind = bindIpc(ipcMain, core);
    expect([...bound.keys()]).toEqual([INVOKE_CHANNEL]);
    expect(INVOKE_CHANNEL).toBe('sightline:invoke');
    expect(await bound.get(INVOKE_CHANNEL)!(fromApp, { name: 'system.info', input: {}, opts: { actorId: null } })).toMatchObject({ ok: true });
    unbind();
    expect(bound.size).toBe(0);
  });

  it('forwards core events to live app windows only, until unsubscribed', async () => {
    const sent: Array<{ who: string; channel: string; e: ServerEvent }> = [];
    const target = (who: string, url: string, destroyed = false): EventTarget => ({
      isDestroyed: () => destroyed,
      getURL: () => url,
      send: (channel, e) => void sent.push({ who, channel, e }),
    });
    const windows = [target('app', 'app://sightline/index.html'), target('closed', 'app://sightline/index.html', true), target('foreign', 'https://evil.example/')];
    const off = forwardEvents(core, () => windows);
    const handle = createInvokeHandler(core);
    const project = await handle(fromApp, { name: 'projects.create', input: { name: 'P' }, opts: { actorId: null } });
    const projectId = (project as { value: { id: number } }).value.id;
    await handle(fromApp, { name: 'cases.create', input: { projectId, name: 'Case 1' }, opts: { actorId: null } });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((s) => s.who === 'app' && s.channel === EVENT_CHANNEL)).toBe(true);
    expect(sent.map((s) => s.e)).toContainEqual({ type: 'library-changed', caseId: expect.any(Number) });
    off();
    const before = sent.length;
    await handle(fromApp, { name: 'cases.create', input: { projectId, name: 'Case 2' }, opts: { actorId: null } });
    expect(sent.length).toBe(before);
  });
});
