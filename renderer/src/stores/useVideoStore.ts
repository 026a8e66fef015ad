import { create } from 'zustand';
import type { ConsoleIntervalRow, OpenedVideo, VideoAnnotator, VideoInstance } from '../../../shared/contract';
import type { FeedbackVocabulary } from '../../../shared/feedback/schema';
import { api, errorMessage, newJobId } from '../api/client';
import { useJobsStore } from './useJobsStore';
import { usePlaybackStore } from './usePlaybackStore';
import { useProfileStore } from './useProfileStore';

export type InstancePatch = Partial<
  Pick<VideoInstance, 'startMs' | 'endMs' | 'speaker' | 'transcript' | 'categories' | 'trigger' | 'traineeResponses' | 'noTraineeResponse' | 'trainerReaction' | 'note'>
>;

interface VideoState {
  videoId: number | null;
  opened: OpenedVideo | null;
  loading: boolean;
  error: string | null;
  instances: VideoInstance[];
  annotators: VideoAnnotator[];
  console: ConsoleIntervalRow[];
  /** Show other annotators' instances too (read-only). */
  showOthers: boolean;
  selectedId: number | null;
  /** The speaker a new instance (I / O) gets. */
  speaker: string | null;
  proposing: boolean;
  open(videoId: number): Promise<void>;
  close(): void;
  refresh(): Promise<void>;
  setShowOthers(on: boolean): Promise<void>;
  select(id: number | null): void;
  setSpeaker(key: string): void;
  create(startMs: number, endMs: number): Promise<VideoInstance | null>;
  update(id: number, patch: InstancePatch): Promise<void>;
  remove(id: number): Promise<void>;
  review(id: number, decision: 'accept' | 'reject'): Promise<void>;
  propose(): Promise<void>;
  importTranscript(file: File): Promise<string | null>;
  addConsole(startMs: number, endMs: number, speaker: string): Promise<void>;
  removeConsole(id: number): Promise<void>;
  setVocabulary(v: FeedbackVocabulary): void;
  clearError(): void;
}

const me = () => useProfileStore.getState().current?.id ?? null;
/** The open player session of this video, so the core records the change as one of its events. */
const session = (videoId: number | null) => (videoId === null ? undefined : usePlaybackStore.getState().editSession(videoId));

const byStart = (a: VideoInstance, b: VideoInstance) => a.startMs - b.startMs || a.endMs - b.endMs || a.id - b.id;

/** The video open in the Video section: its instances, console intervals and the annotator's selection. */
export const useVideoStore = create<VideoState>((set, get) => {
  async function guard<T>(fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (e) {
      set({ error: errorMessage(e) });
      return null;
    }
  }
  const replace = (i: VideoInstance) => set({ instances: get().instances.map((x) => (x.id === i.id ? i : x)).sort(byStart) });

  return {
    videoId: null,
    opened: null,
    loading: false,
    error: null,
    instances: [],
    annotators: [],
    console: [],
    showOthers: false,
    selectedId: null,
    speaker: null,
    proposing: false,
    clearError: () => set({ error: null }),

    async open(videoId) {
      set({ videoId, opened: null, loading: true, error: null, instances: [], annotators: [], console: [], selectedId: null });
      try {
        const opened = await api.call('video.open', { videoId });
        if (get().videoId !== videoId) return;
        const trainer = opened.vocabulary.speakers.find((s) => s.role === 'trainer') ?? opened.vocabulary.speakers[0];
        set({ opened, speaker: trainer.key });
        await get().refresh();
        set({ loading: false });
      } catch (e) {
        if (get().videoId === videoId) set({ loading: false, error: errorMessage(e) });
      }
    },
    close: () => set({ videoId: null, opened: null, instances: [], annotators: [], console: [], selectedId: null, error: null }),

    async refresh() {
      const { videoId, showOthers } = get();
      if (videoId === null) return;
      await guard(async () => {
        const annotatorId = showOthers ? undefined : (me() ?? undefined);
        const [list, consoleRows] = await Promise.all([
          api.call('video.instances.list', { videoId, annotatorId }),
          api.call('video.console.list', { videoId, annotatorId }),
        ]);
        if (get().videoId !== videoId) return;
        set({ instances: list.instances.sort(byStart), annotators: list.annotators, console: consoleRows });
      });
    },
    async setShowOthers(on) {
      set({ showOthers: on });
      await get().refresh();
    },
    select: (id) => set({ selectedId: id }),
    setSpeaker: (key) => set({ speaker: key }),

    async create(startMs, endMs) {
      const { videoId, speaker } = get();
      if (videoId === null) return null;
      const made = await guard(() => api.call('video.instances.create', { videoId, startMs: Math.round(startMs), endMs: Math.round(endMs), speaker: speaker ?? undefined, session: session(videoId) }));
      if (made) set({ instances: [...get().instances, made].sort(byStart), selectedId: made.id, error: null });
      return made;
    },
    async update(id, patch) {
      const before = get().instances.find((i) => i.id === id);
      if (!before) return;
      // Shown at once; the stored version replaces it when the core answers (or the old one comes back on error).
      replace({ ...before, ...patch, ...(patch.noTraineeResponse ? { traineeResponses: [] } : patch.traineeResponses?.length ? { noTraineeResponse: false } : {}) });
      try {
        replace(await api.call('video.instances.update', { id, ...patch, session: session(before.videoId) }));
        set({ error: null });
      } catch (e) {
        replace(before);
        set({ error: errorMessage(e) });
      }
    },
    async remove(id) {
      const ok = await guard(() => api.call('video.instances.delete', { id, session: session(get().videoId) }));
      if (ok) set({ instances: get().instances.filter((i) => i.id !== id), selectedId: get().selectedId === id ? null : get().selectedId });
    },
    async review(id, decision) {
      const r = await guard(() => api.call('video.instances.review', { id, decision, session: session(get().videoId) }));
      if (!r) return;
      if (r.status === 'rejected') set({ instances: get().instances.filter((i) => i.id !== id), selectedId: get().selectedId === id ? null : get().selectedId });
      else replace(r);
    },
    async propose() {
      const { videoId } = get();
      if (videoId === null) return;
      const jobId = newJobId();
      const jobs = useJobsStore.getState();
      jobs.start(jobId, 'Finding speech');
      set({ proposing: true });
      try {
        const r = await api.call('video.propose', { videoId, vad: {}, session: session(videoId) }, jobId);
        if (get().videoId === videoId) set({ instances: [...get().instances, ...r.created].sort(byStart), error: null });
      } catch (e) {
        set({ error: errorMessage(e) });
      } finally {
        set({ proposing: false });
        useJobsStore.getState().finish(jobId);
      }
    },
    async importTranscript(file) {
      const { videoId } = get();
      if (videoId === null) return null;
      const text = await file.text();
      const r = await guard(() => api.call('video.importTranscript', { videoId, text, fileName: file.name, session: session(videoId) }));
      if (!r) return null;
      await get().refresh();
      return `${r.cues} cue(s): ${r.filled} instance(s) got their transcript, ${r.created} new proposal(s)${r.unassigned - r.created > 0 ? `, ${r.unassigned - r.created} cue(s) skipped` : ''}.`;
    },
    async addConsole(startMs, endMs, speaker) {
      const { videoId } = get();
      if (videoId === null) return;
      const row = await guard(() => api.call('video.console.create', { videoId, startMs: Math.round(startMs), endMs: Math.round(endMs), speaker, session: session(videoId) }));
      if (row) set({ console: [...get().console, row].sort((a, b) => a.startMs - b.startMs) });
    },
    async removeConsole(id) {
      const ok = await guard(() => api.call('video.console.delete', { id, session: session(get().videoId) }));
      if (ok) set({ console: get().console.filter((c) => c.id !== id) });
    },
    setVocabulary(v) {
      const o = get().opened;
      if (o) set({ opened: { ...o, vocabulary: v } });
    },
  };
});
