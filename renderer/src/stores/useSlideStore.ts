import { create } from 'zustand';
import type { SlideDescriptor, SlideDetails } from '../../../shared/contract';
import { api, errorMessage } from '../api/client';

interface SlideState {
  slideId: number | null;
  descriptor: SlideDescriptor | null;
  details: SlideDetails | null;
  loading: boolean;
  error: string | null;
  open(slideId: number): Promise<void>;
  close(): Promise<void>;
  loadDetails(): Promise<void>;
}

/** The slide open in the viewer. */
export const useSlideStore = create<SlideState>((set, get) => ({
  slideId: null,
  descriptor: null,
  details: null,
  loading: false,
  error: null,
  async open(slideId) {
    const previous = get().slideId;
    set({ slideId, descriptor: null, details: null, loading: true, error: null });
    if (previous !== null && previous !== slideId) void api.call('slides.close', { slideId: previous }).catch(() => undefined);
    try {
      const descriptor = await api.call('slides.open', { slideId });
      if (get().slideId === slideId) set({ descriptor, loading: false });
    } catch (e) {
      if (get().slideId === slideId) set({ loading: false, error: errorMessage(e) });
    }
  },
  async close() {
    const { slideId } = get();
    set({ slideId: null, descriptor: null, details: null, error: null, loading: false });
    if (slideId !== null) await api.call('slides.close', { slideId }).catch(() => undefined);
  },
  async loadDetails() {
    const { slideId, details } = get();
    if (slideId === null || details?.slideId === slideId) return;
    try {
      const d = await api.call('slides.info', { slideId });
      if (get().slideId === slideId) set({ details: d });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
}));
