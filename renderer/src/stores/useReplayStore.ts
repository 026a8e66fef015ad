import { create } from 'zustand';
import type { RecordingSession } from '../../../shared/contract';
import type { NavigationEvent, SlideHeader, ViewportEvent } from '../../../shared/navigation';
import { api, errorMessage } from '../api/client';
import { useRecorderStore } from './useRecorderStore';

export const REPLAY_SPEEDS = [0.5, 1, 2, 4, 8] as const;

interface ReplayData {
  session: RecordingSession;
  slide: SlideHeader;
  events: NavigationEvent[];
  viewports: ViewportEvent[];
  durationMs: number;
}

interface ReplayState {
  data: ReplayData | null;
  t: number;
  playing: boolean;
  speed: number;
  showTrajectory: boolean;
  showHeatmap: boolean;
  error: string | null;
  load(sessionId: number): Promise<void>;
  play(): void;
  pause(): void;
  seek(t: number): void;
  setSpeed(speed: number): void;
  toggleTrajectory(): void;
  toggleHeatmap(): void;
  stop(): void;
}

let resumeRecordingAfter = false;

/** Replaying a recorded session in the viewer; recording is paused meanwhile so the replay is not recorded. */
export const useReplayStore = create<ReplayState>((set, get) => ({
  data: null,
  t: 0,
  playing: false,
  speed: 1,
  showTrajectory: true,
  showHeatmap: false,
  error: null,
  async load(sessionId) {
    try {
      const r = await api.call('recording.events', { sessionId });
      const viewports = r.events.filter((e): e is ViewportEvent => e.type === 'viewport');
      const durationMs = r.events.length ? r.events[r.events.length - 1].t : 0;
      if (!get().data) {
        const rec = useRecorderStore.getState();
        resumeRecordingAfter = rec.status === 'recording';
        if (resumeRecordingAfter) rec.pause();
      }
      set({ data: { session: r.session, slide: r.slide, events: r.events, viewports, durationMs }, t: 0, playing: false, error: null });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  play: () => {
    const { data, t } = get();
    if (data && t >= data.durationMs) set({ t: 0 });
    set({ playing: true });
  },
  pause: () => set({ playing: false }),
  seek: (t) => set({ t: Math.max(0, Math.min(t, get().data?.durationMs ?? 0)) }),
  setSpeed: (speed) => set({ speed }),
  toggleTrajectory: () => set({ showTrajectory: !get().showTrajectory }),
  toggleHeatmap: () => set({ showHeatmap: !get().showHeatmap }),
  stop: () => {
    if (!get().data) return;
    set({ data: null, playing: false, t: 0 });
    if (resumeRecordingAfter) useRecorderStore.getState().resume();
    resumeRecordingAfter = false;
  },
}));

/** The last viewport sample at or before t (binary search). */
export function viewAt(viewports: ViewportEvent[], t: number): ViewportEvent | null {
  let lo = 0;
  let hi = viewports.length - 1;
  let best: ViewportEvent | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (viewports[mid].t <= t) {
      best = viewports[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
