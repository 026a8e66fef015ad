import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Envelope, ServerEvent } from '../../shared/contract';
import type { CoreDeps, Door } from './context';
import { dispatch, type InvokeContext } from './dispatch/dispatch';
import type { HandlerMap } from './dispatch/handlers';
import { Jobs } from './jobs/jobs';
import { filesHandlers } from './library/filesHandlers';
import { projectsHandlers } from './library/projectsHandlers';
import { profilesHandlers } from './profiles/profilesHandlers';
import { recordingHandlers } from './recording/recordingHandlers';
import { endOpenSessions, markInterruptedSessions } from './recording/sessionLifecycle';
import { lockDataDir } from './store/dataDirLock';
import { openDatabase } from './store/openDatabase';
import { serveResource, type ResourceHandler, type ResourceRequestHeaders, type ResourceResponse } from './resources/resources';
import { systemHandlers } from './system/systemHandlers';
import { slidesHandlers } from './slides/slidesHandlers';
import { slidesResourceHandler } from './slides/slidesResources';
import { closeSlideEngine } from './slides/slideEngineRegistry';
import { modelsHandlers } from './models/modelsHandlers';
import { closeSharedRuntime } from './models/runtime';
import { proposalsHandlers } from './proposals/proposalsHandlers';
import { annotationsHandlers } from './annotations/annotationsHandlers';
import { classesHandlers } from './annotations/classesHandlers';
import { behaviorHandlers } from './behavior/behaviorHandlers';
import { reviewHandlers } from './review/reviewHandlers';
import { reviewResourceHandler } from './review/reviewResources';
import { exportHandlers } from './export/exportHandlers';
import { videoAppHandlers } from './videoApp/videoAppHandlers';
import { videosResourceHandler } from './videoApp/videoResources';

export interface CoreOptions {
  dataDir: string;
  door: Door;
  version: string;
  nativeBinding?: string;
}

export interface Core {
  readonly dataDir: string;
  readonly filesDir: string;
  invoke(name: string, input: unknown, ctx: InvokeContext): Promise<Envelope<unknown>>;
  onEvent(listener: (e: ServerEvent) => void): () => void;
  /** Binary resources (tiles, thumbnails, crops) by path below /res/, for both doors. */
  resource(path: string, signal?: AbortSignal, headers?: ResourceRequestHeaders): Promise<ResourceResponse>;
  close(): void;
}

const handlers: HandlerMap = {
  ...profilesHandlers,
  ...projectsHandlers,
  ...filesHandlers,
  ...systemHandlers,
  ...recordingHandlers,
  ...slidesHandlers,
  ...modelsHandlers,
  ...proposalsHandlers,
  ...classesHandlers,
  ...annotationsHandlers,
  ...behaviorHandlers,
  ...reviewHandlers,
  ...exportHandlers,
  ...videoAppHandlers,
};

const resourceHandlers: ResourceHandler[] = [slidesResourceHandler, reviewResourceHandler, videosResourceHandler];

/** The backend behind both doors. Owns the single SQLite writer connection. */
export function createCore(opts: CoreOptions): Core {
  const dataDir = resolve(opts.dataDir);
  const filesDir = join(dataDir, 'files');
  mkdirSync(filesDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(join(dataDir, 'sightline.db'), { nativeBinding: opts.nativeBinding });
    markInterruptedSessions(db);
  } catch (e) {
    unlock();
    throw e;
  }
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const emit = (e: ServerEvent) => bus.emit('event', e);
  const deps: CoreDeps = { db, dataDir, filesDir, door: opts.door, version: opts.version, jobs: new Jobs(emit), emit };
  let closed = false;
  return {
    dataDir,
    filesDir,
    invoke: (name, input, ctx) => dispatch(handlers, deps, name, input, ctx),
    resource: (path, signal, headers) => serveResource(resourceHandlers, path, deps, signal ?? new AbortController().signal, headers),
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    close() {
      if (closed) return;
      closed = true;
      void closeSlideEngine(deps);
      void closeSharedRuntime();
      try {
        endOpenSessions(db);
      } catch {
        // They stay recording and are recovered as interrupted at the next start, as after a crash.
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      unlock();
    },
  };
}
