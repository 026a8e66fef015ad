import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/createCore';
import { createInvokeHandler, forwardEvents } from '../../../electron/main/ipc';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../electron/preload/channels';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/createBridge';

/**
 * Both ends of Electron's IPC as Node objects: messages are structured-cloned like Electron does, the main side
 * is the real handler over the real core, and events carry an IpcRendererEvent-like first argument.
 */
function wire(core: Core, frameUrl = 'app://sightline/index.html') {
  const handler = createInvokeHandler(core);
  const renderer = new EventEmitter();
  const invoked: unknown[] = [];
  const fakeIpcEvent = { sender: { send: () => undefined, invoke: () => undefined }, senderId: 0 };
  const ipc: IpcRendererLike = {
    async invoke(channel, ...args) {
      invoked.push({ channel, args: structuredClone(args) });
      if (channel !== INVOKE_CHANNEL) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: frameUrl } }, structuredClone(args[0])));
    },
    on: (channel, listener) => renderer.on(channel, listener),
    removeListener: (channel, listener) => renderer.removeListener(channel, listener),
  };
  const off = forwardEvents(core, () => [
    { isDestroyed: () => false, getURL: () => frameUrl, send: (channel: string, e: ServerEvent) => void renderer.emit(channel, fakeIpcEvent, structuredClone(e)) },
  ]);
  return { ipc, renderer, invoked, off };
}

describe('preload bridge (window.sightline)', () => {
  let core: Core;
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sightline-bridge-'));
    core = createCore({ dataDir, door: 'electron', version: 'test' });
  });
  afterEach(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exposes exactly door, invoke, onEvent and pathForFile (no ipcRenderer, nothing writable)', () => {
    const { ipc } = wire(core);
    const bridge = createBridge(ipc, () => '');
    expect(Object.keys(bridge).sort()).toEqual(['door', 'invoke', 'onEvent', 'pathForFile']);
    expect(bridge.door).toBe('electron');
    expect(Object.values(bridge).includes(ipc as never)).toBe(false);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invoke goes over sightline:invoke as one plain message and returns the core’s envelope', async () => {
    const { ipc, invoked } = wire(core);
    const bridge = createBridge(ipc, () => '');
    const r = await bridge.invoke('profiles.create', { name: 'Dr Ada', role: 'pathologist' }, { actorId: null, jobId: 'j1' });
    expect(r).toMatchObject({ ok: true, value: { name: 'Dr Ada' } });
    expect(invoked).toEqual([{ channel: INVOKE_CHANNEL, args: [{ name: 'profiles.create', input: { name: 'Dr Ada', role: 'pathologist' }, opts: { actorId: null, jobId: 'j1' } }] }]);
    expect(await bridge.invoke('profiles.list', {}, { actorId: null })).toMatchObject({ ok: true, value: [{ name: 'Dr Ada' }] });
  });

  it('sends only actorId and jobId, so options that cannot cross IPC (an AbortSignal) do not break calls', async () => {
    const { ipc, invoked } = wire(core);
    const bridge = createBridge(ipc, () => '');
    const opts = { actorId: null, signal: new AbortController().signal } as unknown as { actorId: null };
    expect(await bridge.invoke('system.info', {}, opts)).toMatchObject({ ok: true });
    expect((invoked[0] as { args: [{ opts: unknown }] }).args[0].opts).toEqual({ actorId: null });
  });

  it('delivers core events as plain data, without the IPC event object', async () => {
    const { ipc } = wire(core);
    const bridge = createBridge(ipc, () => '');
    const got: unknown[][] = [];
    bridge.onEvent((...args: unknown[]) => got.push(args));
    await bridge.invoke('projects.create', { name: 'P' }, { actorId: null });
    const created = await bridge.invoke('projects.list', {}, { actorId: null });
    const projectId = (created as { value: Array<{ id: number }> }).value[0].id;
    await bridge.invoke('cases.create', { projectId, name: 'C' }, { actorId: null });
    expect(got.length).toBeGreaterThan(0);
    for (const args of got) {
      expect(args).toHaveLength(1);
      expect(JSON.stringify(args[0])).not.toMatch(/sender/);
    }
    expect(got.map((a) => a[0])).toContainEqual({ type: 'library-changed', caseId: expect.any(Number) });
  });

  it('unsubscribing removes only that listener', () => {
    const { ipc, renderer } = wire(core);
    const bridge = createBridge(ipc, () => '');
    const a: ServerEvent[] = [];
    const b: ServerEvent[] = [];
    const offA = bridge.onEvent((e) => a.push(e));
    bridge.onEvent((e) => b.push(e));
    const e: ServerEvent = { type: 'library-changed', caseId: 1 };
    renderer.emit(EVENT_CHANNEL, {}, e);
    offA();
    offA();
    renderer.emit(EVENT_CHANNEL, {}, e);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    expect(renderer.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  it('refuses a non-function listener', () => {
    const bridge = createBridge(wire(core).ipc, () => '');
    expect(() => bridge.onEvent('nope' as never)).toThrow(TypeError);
  });

  it('pathForFile asks webUtils.getPathForFile', () => {
    const file = { name: 'slide.svs' };
    const bridge = createBridge(wire(core).ipc, (f) => (f === file ? '/data/slide.svs' : ''));
    expect(bridge.pathForFile(file)).toBe('/data/slide.svs');
  });
});
