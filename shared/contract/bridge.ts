import type { Envelope } from './errors';
import type { ServerEvent } from './events';

export interface InvokeOptions {
  actorId: number | null;
  jobId?: string;
}

/**
 * What the Electron preload exposes as `window.sightline` (the only object crossing contextBridge).
 * Browser mode has no bridge: the renderer's API client uses HTTP + WebSocket instead.
 */
export interface SightlineBridge {
  readonly door: 'electron';
  invoke(name: string, input: unknown, opts: InvokeOptions): Promise<Envelope<unknown>>;
  onEvent(listener: (e: ServerEvent) => void): () => void;
  /** The filesystem path of a dropped or picked File (Electron's webUtils.getPathForFile). */
  pathForFile(file: unknown): string;
}

/** Binary resources (tiles, thumbnails, crops) live under this URL path in both doors: /res/<feature>/… */
export const RESOURCE_PREFIX = '/res/';
