import { z } from 'zod';
import type { AppErrorShape, Envelope } from '../../shared/contract/errors';
import type { ServerEvent } from '../../shared/contract/events';
import type { InvokeOptions } from '../../shared/contract/bridge';
import type { Core } from '../core/createCore';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels';
import { isAppUrl } from './appOrigin';
import { isTrustedSender } from './security';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

const InvokeMessageSchema = z.object({
  name: z.string().min(1).max(200),
  input: z.unknown(),
  opts: z.object({
    actorId: z.number().int().positive().nullable(),
    jobId: z.string().min(1).max(200).optional(),
  }),
});

export interface InvokeMessage {
  name: string;
  input: unknown;
  opts: InvokeOptions;
}

export type Parsed = { ok: true; message: InvokeMessage } | { ok: false; error: AppErrorShape };

/** The shape check on what the preload sends: { name, input, opts: { actorId, jobId? } }. */
export function parseInvokeMessage(raw: unknown): Parsed {
  const r = InvokeMessageSchema.safeParse(raw);
  if (!r.success) {
    const detail = r.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
    return { ok: false, error: { code: 'INVALID_INPUT', message: `Malformed call from the window (${detail}).` } };
  }
  const { name, input, opts } = r.data;
  const clean: InvokeOptions = { actorId: opts.actorId };
  if (opts.jobId !== undefined) clean.jobId = opts.jobId;
  return { ok: true, message: { name, input, opts: clean } };
}

/** What ipcMain.handle's event carries that the check needs. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export const UNTRUSTED_SENDER: AppErrorShape = {
  code: 'FORBIDDEN',
  message: 'Calls are accepted only from the Sightline window (app://sightline/).',
};

/** The one IPC handler: sender frame check, message shape check, then the core (which validates the input). */
export function createInvokeHandler(core: Pick<Core, 'invoke'>): (event: InvokeEventLike, raw: unknown) => Promise<Envelope<unknown>> {
  return async (event, raw) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: UNTRUSTED_SENDER };
    const parsed = parseInvokeMessage(raw);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { name, input, opts } = parsed.message;
    return core.invoke(name, input, { actorId: opts.actorId, jobId: opts.jobId });
  };
}

export interface IpcMainLike<E extends InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Binds sightline:invoke (the only channel the window may call); returns the unbinding. */
export function bindIpc<E extends InvokeEventLike>(ipcMain: IpcMainLike<E>, core: Pick<Core, 'invoke'>): () => void {
  const handler = createInvokeHandler(core);
  ipcMain.handle(INVOKE_CHANNEL, (event, raw) => handler(event, raw));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** What event forwarding needs of a window's webContents. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, payload: ServerEvent): void;
}

/** Pushes every core event to the app's windows (those still alive and still showing app://sightline/). */
export function forwardEvents(core: Pick<Core, 'onEvent'>, targets: () => Iterable<EventTarget>): () => void {
  return core.onEvent((e) => {
    for (const t of targets()) {
      if (t.isDestroyed() || !isAppUrl(t.getURL())) continue;
      try {
        t.send(EVENT_CHANNEL, e);
      } catch {
        // A window closing between the check and the send; the next event finds it gone.
      }
    }
  });
}
