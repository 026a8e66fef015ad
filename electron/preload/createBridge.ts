import type { Envelope } from '../../shared/contract/errors';
import type { ServerEvent } from '../../shared/contract/events';
import type { InvokeOptions, SightlineBridge } from '../../shared/contract/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's ipcRenderer the bridge uses; it stays inside the preload, never exposed. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * window.sightline: the one object crossing contextBridge. Only plain data crosses in either direction: the
 * IpcRendererEvent (which carries a handle to ipcRenderer) is dropped before a listener sees an event.
 */
export function createBridge(ipc: IpcRendererLike, getPathForFile: (file: unknown) => string): SightlineBridge {
  return Object.freeze({
    door: 'electron' as const,
    invoke(name: string, input: unknown, opts: InvokeOptions): Promise<Envelope<unknown>> {
      const clean: InvokeOptions = { actorId: opts?.actorId ?? null };
      if (opts?.jobId !== undefined) clean.jobId = opts.jobId;
      return ipc.invoke(INVOKE_CHANNEL, { name, input, opts: clean }) as Promise<Envelope<unknown>>;
    },
    onEvent(listener: (e: ServerEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
      const wrapped: IpcListener = (_event, payload) => listener(payload as ServerEvent);
      ipc.on(EVENT_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, wrapped);
      };
    },
    pathForFile(file: unknown): string {
      return getPathForFile(file);
    },
  });
}
