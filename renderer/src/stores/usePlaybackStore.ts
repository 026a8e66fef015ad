import { create } from 'zustand';
import type { EditSession } from '../../../shared/contract';
import type { PlaybackRecorder } from '../features/video/playbackRecorder';

export const PLAYBACK_RATES = [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 4, 8] as const;
export const JUMP_MS = 5000;

interface PlaybackState {
  /** The <video> element of the player (set while it is mounted). */
  element: HTMLVideoElement | null;
  currentMs: number;
  durationMs: number;
  fps: number;
  playing: boolean;
  rate: number;
  /** Loop this span while playing. */
  loop: { startMs: number; endMs: number } | null;
  /** Where I was pressed (an instance starts here when O is pressed). */
  markInMs: number | null;
  message: string | null;
  /**
   * The annotator's session on the open video: its playback actions are recorded here, and edits made while it is
   * open are recorded by the core as events of the same session.
   */
  recorder: PlaybackRecorder | null;
  attach(el: HTMLVideoElement | null, fps: number): void;
  setRecorder(recorder: PlaybackRecorder | null): void;
  /** What an edit call sends so the core records it in this session, with the playhead; undefined outside a player. */
  editSession(videoId?: number): EditSession | undefined;
  tick(): void;
  togglePlay(): void;
  pause(): void;
  seek(ms: number): void;
  jump(deltaMs: number): void;
  step(frames: number): void;
  setRate(rate: number): void;
  setLoop(span: { startMs: number; endMs: number } | null): void;
  markIn(): void;
  /** The marked span [in, now] (clears the mark), or null with a message when there is none. */
  markOut(): { startMs: number; endMs: number } | null;
  say(message: string | null): void;
}

/** The player: position, rate, loop and the I/O marks, driving the one <video> element. */
export const usePlaybackStore = create<PlaybackState>((set, get) => ({
  element: null,
  currentMs: 0,
  durationMs: 0,
  fps: 25,
  playing: false,
  rate: 1,
  loop: null,
  markInMs: null,
  message: null,
  recorder: null,
  setRecorder: (recorder) => set({ recorder }),
  editSession(videoId) {
    const { recorder, currentMs, element } = get();
    if (!recorder || (videoId !== undefined && videoId !== recorder.videoId)) return undefined;
    return { id: recorder.session, videoId: recorder.videoId, ...(element ? { positionMs: Math.max(0, Math.round(currentMs)) } : {}) };
  },
  attach: (element, fps) => set({ element, fps: fps > 0 ? fps : 25, currentMs: 0, playing: false, markInMs: null, loop: null, message: null, rate: 1 }),
  tick() {
    const el = get().element;
    if (!el) return;
    let ms = el.currentTime * 1000;
    const loop = get().loop;
    if (loop && !el.paused && (ms >= loop.endMs || ms < loop.startMs - 250)) {
      el.currentTime = loop.startMs / 1000;
      ms = loop.startMs;
    }
    const durationMs = Number.isFinite(el.duration) ? el.duration * 1000 : get().durationMs;
    if (ms !== get().currentMs || durationMs !== get().durationMs || el.paused === get().playing) set({ currentMs: ms, durationMs, playing: !el.paused });
  },
  togglePlay() {
    const el = get().element;
    if (!el) return;
    if (el.paused) void el.play().catch((e: Error) => set({ message: `The video cannot play here: ${e.message}` }));
    else el.pause();
  },
  pause() {
    get().element?.pause();
  },
  seek(ms) {
    const el = get().element;
    if (!el) return;
    const max = get().durationMs || el.duration * 1000 || 0;
    const t = Math.max(0, Math.min(ms, max));
    el.currentTime = t / 1000;
    set({ currentMs: t });
  },
  jump(deltaMs) {
    get().seek(get().currentMs + deltaMs);
  },
  step(frames) {
    const el = get().element;
    if (!el) return;
    el.pause();
    // Aim at the middle of the target frame so rounding never lands on the frame we left.
    const frameMs = 1000 / get().fps;
    const frame = Math.round(get().currentMs / frameMs - 0.5);
    get().seek((frame + frames + 0.5) * frameMs);
  },
  setRate(rate) {
    const el = get().element;
    const r = Math.max(0.1, Math.min(8, rate));
    if (el) el.playbackRate = r;
    set({ rate: r });
  },
  setLoop: (loop) => set({ loop }),
  markIn: () => set({ markInMs: get().currentMs, message: null }),
  markOut() {
    const { markInMs, currentMs } = get();
    if (markInMs === null) {
      set({ message: 'Press I where the feedback starts, then O where it ends.' });
      return null;
    }
    if (currentMs <= markInMs + 50) {
      set({ message: 'The end (O) must come after the start (I).' });
      return null;
    }
    set({ markInMs: null, message: null });
    return { startMs: markInMs, endMs: currentMs };
  },
  say: (message) => set({ message }),
}));
