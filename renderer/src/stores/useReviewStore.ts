import { create } from 'zustand';
import type { ReviewDashboard, ReviewItem } from '../../../shared/contract';
import { api, errorMessage, newJobId } from '../api/client';
import { useJobsStore } from './useJobsStore';

export type ReviewOrder = 'queue' | 'uncertainty';
export type ReviewStatus = 'pending' | 'reviewed' | 'all';
export type ReviewModeChoice = 'review' | 'manual';

interface Counts {
  total: number;
  drafted: number;
  reviewed: number;
  pending: number;
}

interface ReviewState {
  projectId: number | null;
  items: ReviewItem[];
  counts: Counts;
  /** Index of the item on screen. */
  index: number;
  order: ReviewOrder;
  status: ReviewStatus;
  mode: ReviewModeChoice;
  loading: boolean;
  busy: boolean;
  error: string | null;
  notice: string | null;
  dashboard: ReviewDashboard | null;
  load(projectId: number): Promise<void>;
  refresh(): Promise<void>;
  sync(): Promise<void>;
  draft(): Promise<void>;
  move(delta: number): void;
  select(index: number): void;
  setOrder(order: ReviewOrder): Promise<void>;
  setStatus(status: ReviewStatus): Promise<void>;
  setMode(mode: ReviewModeChoice): void;
  submit(input: { item: ReviewItem; decision: 'accept' | 'edit' | 'reject'; final: Record<string, string>; elapsedMs: number; keystrokes: Record<string, number> }): Promise<boolean>;
  loadDashboard(): Promise<void>;
  clearError(): void;
}

const EMPTY: Counts = { total: 0, drafted: 0, reviewed: 0, pending: 0 };

/** The review queue of the chosen project: items, the one on screen, and the decisions sent to the core. */
export const useReviewStore = create<ReviewState>((set, get) => {
  async function fetchQueue(keepItemId: number | null): Promise<void> {
    const { projectId, order, status } = get();
    if (projectId === null) return;
    const q = await api.call('review.list', { projectId, order, status });
    const kept = keepItemId === null ? -1 : q.items.findIndex((i) => i.id === keepItemId);
    set({ items: q.items, counts: q.counts, index: kept >= 0 ? kept : Math.min(get().index, Math.max(0, q.items.length - 1)) });
  }
  const current = () => get().items[get().index] ?? null;
  return {
    projectId: null,
    items: [],
    counts: EMPTY,
    index: 0,
    order: 'queue',
    status: 'pending',
    mode: 'review',
    loading: false,
    busy: false,
    error: null,
    notice: null,
    dashboard: null,
    clearError: () => set({ error: null }),

    load: async (projectId) => {
      set({ projectId, items: [], counts: EMPTY, index: 0, loading: true, error: null, notice: null, dashboard: null });
      try {
        await api.call('review.sync', { projectId });
        await fetchQueue(null);
      } catch (e) {
        set({ error: errorMessage(e) });
      } finally {
        set({ loading: false });
      }
    },
    refresh: async () => {
      try {
        await fetchQueue(current()?.id ?? null);
      } catch (e) {
        set({ error: errorMessage(e) });
      }
    },
    sync: async () => {
      const { projectId } = get();
      if (projectId === null) return;
      set({ busy: true, error: null });
      try {
        const c = await api.call('review.sync', { projectId });
        set({ notice: `Queue updated: ${c.created} new, ${c.updated} changed, ${c.withdrawn} withdrawn.` });
        await fetchQueue(current()?.id ?? null);
      } catch (e) {
        set({ error: errorMessage(e) });
      } finally {
        set({ busy: false });
      }
    },
    draft: async () => {
      const { projectId } = get();
      if (projectId === null) return;
      const jobId = newJobId();
      useJobsStore.getState().start(jobId, 'Drafting rationales');
      set({ busy: true, error: null, notice: null });
      try {
        const r = await api.call('review.draft', { projectId }, jobId);
        const failed = r.failed.length ? ` ${r.failed.length} failed: ${r.failed[0].message}` : '';
        set({ notice: `Drafted ${r.drafted} item${r.drafted === 1 ? '' : 's'} with ${r.backend === 'builtin' ? 'the built-in backend' : r.modelName}.${failed}` });
      } catch (e) {
        set({ error: errorMessage(e) });
      } finally {
        useJobsStore.getState().finish(jobId);
        set({ busy: false });
        await get().refresh();
      }
    },
    move: (delta) => {
      const { index, items } = get();
      if (items.length === 0) return;
      set({ index: Math.min(items.length - 1, Math.max(0, index + delta)) });
    },
    select: (index) => set({ index }),
    setOrder: async (order) => {
      set({ order });
      await get().refresh();
    },
    setStatus: async (status) => {
      set({ status, index: 0 });
      await get().refresh();
    },
    setMode: (mode) => set({ mode }),
    submit: async ({ item, decision, final, elapsedMs, keystrokes }) => {
      const { mode } = get();
      set({ busy: true, error: null });
      try {
        const saved = await api.call('review.submit', {
          itemId: item.id,
          draftId: mode === 'review' ? (item.draft?.id ?? null) : null,
          mode,
          decision,
          final,
          elapsedMs: Math.max(0, Math.round(elapsedMs)),
          keystrokes,
        });
        const { items, index, status } = get();
        // In the pending view a decided item leaves the queue; elsewhere it stays, updated, and the next one comes up.
        if (status === 'pending') {
          const rest = items.filter((i) => i.id !== item.id);
          set({ items: rest, index: Math.min(index, Math.max(0, rest.length - 1)) });
        } else {
          set({ items: items.map((i) => (i.id === saved.id ? saved : i)), index: Math.min(index + 1, items.length - 1) });
        }
        const c = get().counts;
        if (!item.review) set({ counts: { ...c, reviewed: c.reviewed + 1, pending: Math.max(0, c.pending - 1) } });
        const flagged = saved.flags.length ? ` ${saved.flags.length} possible identifier${saved.flags.length === 1 ? '' : 's'} flagged: ${saved.flags.map((f) => `"${f.text}"`).join(', ')}.` : '';
        set({ notice: `${saved.review?.decision === 'reject' ? 'Rejected' : saved.review?.decision === 'edit' ? 'Saved with edits' : 'Accepted'}.${flagged}` });
        return true;
      } catch (e) {
        set({ error: errorMessage(e) });
        return false;
      } finally {
        set({ busy: false });
      }
    },
    loadDashboard: async () => {
      const { projectId } = get();
      if (projectId === null) return;
      try {
        set({ dashboard: await api.call('review.dashboard', { projectId }) });
      } catch (e) {
        set({ error: errorMessage(e) });
      }
    },
  };
});
