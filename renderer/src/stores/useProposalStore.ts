import { create } from 'zustand';
import type { ModelEntry, ProposalOrder, StoredProposal } from '../../../shared/contract';
import { api, errorMessage, newJobId } from '../api/client';
import { useJobsStore } from './useJobsStore';

const PREFERRED_KEY = 'sightline.proposerModel';
const VISIBLE_KEY = 'sightline.proposalsVisible';

/** The region-proposal model chosen in Settings (a models.list id), or null for the newest usable one. */
export function preferredProposer(): string | null {
  return localStorage.getItem(PREFERRED_KEY);
}
export function setPreferredProposer(id: string | null): void {
  if (id) localStorage.setItem(PREFERRED_KEY, id);
  else localStorage.removeItem(PREFERRED_KEY);
}

type ModelKey = { name: string; version: string };

interface ProposalState {
  slideId: number | null;
  /** The model version whose proposals are listed, and the versions that proposed on this slide. */
  shown: ModelKey | null;
  versions: Array<ModelKey & { count: number }>;
  proposals: StoredProposal[];
  order: ProposalOrder;
  /** Ghost boxes drawn on the slide (G). */
  visible: boolean;
  /** Usable region-proposal models, newest first, and the one "Propose regions" runs. */
  models: ModelEntry[];
  modelId: string | null;
  /** The running models.propose call. */
  jobId: string | null;
  decidingId: number | null;
  selectedId: number | null;
  error: string | null;
  attach(slideId: number): void;
  load(): Promise<void>;
  loadModels(): Promise<void>;
  chooseModel(id: string): void;
  showVersion(v: ModelKey): Promise<void>;
  setOrder(o: ProposalOrder): Promise<void>;
  propose(): Promise<void>;
  cancel(): Promise<void>;
  decide(id: number, decision: 'accept' | 'reject'): Promise<void>;
  toggle(): void;
  select(id: number | null): void;
}

/** Model proposals on the open slide: listing, proposing (with progress and cancel), accepting and rejecting. */
export const useProposalStore = create<ProposalState>((set, get) => ({
  slideId: null,
  shown: null,
  versions: [],
  proposals: [],
  order: 'score',
  visible: localStorage.getItem(VISIBLE_KEY) !== 'off',
  models: [],
  modelId: null,
  jobId: null,
  decidingId: null,
  selectedId: null,
  error: null,

  attach(slideId) {
    if (get().slideId === slideId) return;
    set({ slideId, shown: null, versions: [], proposals: [], selectedId: null, error: null });
    void get().load();
  },

  async load() {
    const { slideId, shown, order } = get();
    if (slideId === null) return;
    try {
      const r = await api.call('proposals.list', { slideId, order, ...(shown ? { model: shown } : {}) });
      if (get().slideId !== slideId) return;
      set({ shown: r.model, versions: r.models.map((m) => ({ name: m.name, version: m.version, count: m.count })), proposals: r.proposals });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },

  async loadModels() {
    try {
      const all = await api.call('models.list', {});
      const models = all.filter((m) => m.status === 'ok' && m.task === 'region-proposal');
      const keep = get().modelId;
      const preferred = preferredProposer();
      const modelId = [keep, preferred].find((id) => id && models.some((m) => m.id === id)) ?? models.find((m) => m.name === 'roi-proposer')?.id ?? models[0]?.id ?? null;
      set({ models, modelId });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },

  chooseModel: (id) => set({ modelId: id }),

  async showVersion(v) {
    set({ shown: v, selectedId: null });
    await get().load();
  },

  async setOrder(order) {
    set({ order });
    await get().load();
  },

  async propose() {
    const { slideId, modelId, jobId: running } = get();
    if (slideId === null || running) return;
    const jobId = newJobId();
    const model = get().models.find((m) => m.id === modelId);
    useJobsStore.getState().start(jobId, `Proposing regions${model ? ` (${model.name} ${model.version})` : ''}`);
    set({ jobId, error: null });
    try {
      const r = await api.call('models.propose', { slideId, ...(modelId ? { modelId } : {}) }, jobId);
      if (get().slideId === slideId) {
        set({ shown: { name: r.model.name, version: r.model.version }, visible: true });
        await get().load();
      }
    } catch (e) {
      if ((e as { code?: string }).code !== 'CANCELLED') set({ error: errorMessage(e) });
    } finally {
      useJobsStore.getState().finish(jobId);
      if (get().jobId === jobId) set({ jobId: null });
    }
  },

  async cancel() {
    const { jobId } = get();
    if (jobId) await useJobsStore.getState().cancel(jobId);
  },

  async decide(id, decision) {
    set({ decidingId: id, error: null });
    try {
      const p = await api.call('proposals.decide', { id, decision });
      set({ proposals: get().proposals.map((x) => (x.id === id ? p : x)) });
    } catch (e) {
      set({ error: errorMessage(e) });
      await get().load();
    } finally {
      set({ decidingId: null });
    }
  },

  toggle() {
    const visible = !get().visible;
    localStorage.setItem(VISIBLE_KEY, visible ? 'on' : 'off');
    set({ visible });
  },

  select: (id) => set({ selectedId: id }),
}));
