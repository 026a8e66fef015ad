import { create } from 'zustand';
import type { CallOutput } from '../../../shared/contract';
import { api, errorMessage } from '../api/client';

export type VideoSummary = CallOutput<'video.library'>[number];

interface VideoLibraryState {
  /** Duration, picture size and thumbnail of library videos, by video id. */
  byVideo: Map<number, VideoSummary>;
  error: string | null;
  /** Asks the core for the case's videos it has not described yet (the core probes each video once). */
  load(caseId: number, videoIds: number[]): Promise<void>;
}

/** What the Library's case view shows of each video beyond the file: length, picture size, a still. */
export const useVideoLibraryStore = create<VideoLibraryState>((set, get) => ({
  byVideo: new Map(),
  error: null,
  async load(caseId, videoIds) {
    const known = get().byVideo;
    if (videoIds.every((id) => known.get(id)?.durationMs != null)) return;
    try {
      const rows = await api.call('video.library', { caseId });
      const next = new Map(get().byVideo);
      for (const r of rows) next.set(r.videoId, r);
      set({ byVideo: next, error: null });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
}));
