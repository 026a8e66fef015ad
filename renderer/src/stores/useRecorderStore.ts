import { create } from 'zustand';
import type OpenSeadragon from 'openseadragon';
import { AppError, type RecordingSession } from '../../../shared/contract';
import type { AnnotationAction, NavigationEvent, AnnotationGeometry as RecordedAnnotationGeometry } from '../../../shared/navigation';
import { api, errorMessage } from '../api/client';
import type { Batch } from '../features/recording/batchQueue';
import { DEFAULT_RECORDER_OPTIONS, NavigationRecorder } from '../features/recording/navigationRecorder';
import { rememberedSession, rememberSession, savePending, takePending } from '../features/recording/pendingStorage';

export type RecorderStatus = 'off' | 'starting' | 'recording' | 'paused' | 'error';

interface RecorderState {
  status: RecorderStatus;
  session: RecordingSession | null;
  pending: number;
  error: string | null;
  /** Bumped whenever a session ends, so session lists reload. */
  endedCount: number;
  start(slideId: number, viewer: OpenSeadragon.Viewer): Promise<void>;
  pause(): void;
  resume(): void;
  hotkey(key: string, magnification: number): void;
  /** An annotation edit, as an event of the session (geometry in the recording's simpler form; none for delete). */
  recordAnnotation(action: AnnotationAction, id: number | string, geometry: RecordedAnnotationGeometry | undefined, label?: string): void;
  stop(): Promise<void>;
}

let recorder: NavigationRecorder | null = null;

/**
 * start() and stop() run one at a time, in the order they were called; each call supersedes the ones before it. So a
 * stop() never overwrites the state of a start() called after it, and two starts never record at once (moving from
 * slide to slide calls stop and start in quick succession, while the previous start may still be waiting for the core).
 */
let chain: Promise<void> = Promise.resolve();
let latestCall = 0;
function inTurn(work: (superseded: () => boolean) => Promise<void>): Promise<void> {
  const call = ++latestCall;
  const run = chain.then(() => work(() => call !== latestCall));
  chain = run.catch(() => undefined);
  return run;
}

const isDestroyed = (viewer: OpenSeadragon.Viewer) => (viewer as { isDestroyed?: () => boolean }).isDestroyed?.() === true;

/** Recording can be switched off in Settings (it is on by default: it is what Sightline is for). */
export function recordingEnabled(): boolean {
  return localStorage.getItem('sightline.recordNavigation') !== 'off';
}
export function setRecordingEnabled(on: boolean): void {
  localStorage.setItem('sightline.recordNavigation', on ? 'on' : 'off');
}

export function idleTimeoutMs(): number {
  const v = Number(localStorage.getItem('sightline.idleMs'));
  return Number.isFinite(v) && v >= 1000 ? v : DEFAULT_RECORDER_OPTIONS.idleMs;
}

/** Keepalive requests may carry at most 64 KiB in all. */
const KEEPALIVE_MAX_BYTES = 60_000;

function sendOnUnload(sessionId: number, batch: Batch<NavigationEvent>): void {
  const body = JSON.stringify({ input: { sessionId, seq: batch.seq, events: batch.events } });
  if (new TextEncoder().encode(body).length > KEEPALIVE_MAX_BYTES) return;
  fetch('/api/call/recording.append', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, credentials: 'same-origin', keepalive: true }).catch(() => undefined);
}

/** Recording starts when a slide opens and ends when it closes; it can be paused. */
export const useRecorderStore = create<RecorderState>((set, get) => {
  const sync = () => {
    const r = recorder;
    const s = get().session;
    if (r?.fatalError && s) {
      // The core refused a batch for good: stop, and keep what is unsaved on this computer.
      r.detach();
      savePending(s.id, r.unacknowledged());
      recorder = null;
      rememberSession(s.slideId, null);
      set({ status: 'error', pending: 0, error: `Recording stopped: ${r.fatalError} Reopen the slide to start a new session.` });
      return;
    }
    set({ pending: r?.pendingEvents ?? 0, error: r?.lastError ? `Not saved yet, retrying: ${r.lastError}` : null });
  };
  // Errors that retrying the same batch cannot fix.
  const isFatal = (e: unknown) => e instanceof AppError && ['CONFLICT', 'INVALID_INPUT', 'NOT_FOUND'].includes(e.code);

  /** Ends the session being recorded, once its last events are acknowledged. */
  const endCurrent = async (): Promise<void> => {
    const r = recorder;
    const s = get().session;
    recorder = null;
    if (!r || !s) return set({ status: 'off', session: null });
    const t = r.now();
    try {
      const flushed = await Promise.race([r.stop().then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 5000))]);
      if (!flushed) {
        r.detach();
        savePending(s.id, r.unacknowledged());
        throw new Error('the backend did not acknowledge the last events; they are kept and sent when this slide is opened again');
      }
      await api.call('recording.end', { sessionId: s.id, t });
      rememberSession(s.slideId, null);
    } catch (e) {
      savePending(s.id, r.unacknowledged());
      set({ error: `The session could not be closed cleanly: ${errorMessage(e)}` });
    }
    set({ status: 'off', session: null, pending: 0, endedCount: get().endedCount + 1 });
  };

  // The page may be reloaded (the session goes on: its unacknowledged batches are kept for the next page) or closed for
  // good. In browser mode the last batch is also sent with keepalive, so closing the tab does not lose it; a retry of
  // it after a reload is acknowledged as a duplicate. The session is not ended here: a reload continues it.
  window.addEventListener('pagehide', () => {
    const s = get().session;
    if (!recorder || !s) return;
    const last = api.door === 'browser' ? recorder.lastBatchForUnload() : null;
    savePending(s.id, recorder.unacknowledged());
    if (last) sendOnUnload(s.id, last);
  });

  return {
    status: 'off',
    session: null,
    pending: 0,
    error: null,
    endedCount: 0,
    start(slideId, viewer) {
      return inTurn(async (superseded) => {
        await endCurrent();
        // A later start or stop was asked for meanwhile, or the viewer went away with its slide.
        if (superseded() || isDestroyed(viewer)) return;
        if (!recordingEnabled()) return set({ status: 'off', error: null });
        set({ status: 'starting', error: null });
        try {
          const session = await api.call('recording.start', { slideId, resumeSessionId: rememberedSession(slideId) });
          rememberSession(slideId, session.id);
          const send = async (b: { seq: number; events: unknown[] }) => {
            await api.call('recording.append', { sessionId: session.id, seq: b.seq, events: b.events as never });
          };
          recorder = new NavigationRecorder(viewer, session.startedAtMs, send, session.lastBatchSeq + 1, { ...DEFAULT_RECORDER_OPTIONS, idleMs: idleTimeoutMs() }, sync, isFatal);
          recorder.start(takePending(session.id));
          set({ status: 'recording', session });
        } catch (e) {
          recorder = null;
          set({ status: 'error', error: `Recording could not start: ${errorMessage(e)}` });
        }
      });
    },
    pause() {
      if (!recorder) return;
      recorder.pause();
      set({ status: 'paused' });
    },
    resume() {
      if (!recorder) return;
      recorder.resume();
      set({ status: 'recording' });
    },
    hotkey(key, magnification) {
      if (get().status === 'recording') recorder?.hotkey(key, magnification);
    },
    recordAnnotation(action, id, geometry, label) {
      if (get().status !== 'recording' || !recorder) return;
      recorder.record({
        type: 'annotation',
        t: recorder.now(),
        action,
        annotationId: String(id),
        ...(action !== 'delete' && geometry ? { geometry } : {}),
        ...(label ? { label } : {}),
      });
    },
    stop() {
      return inTurn(endCurrent);
    },
  };
});
