import { create } from 'zustand';
import type { ExportPreflight, ExportResult, ExportState } from '../../../shared/contract';
import { api, errorMessage, newJobId } from '../api/client';
import { useJobsStore } from './useJobsStore';

interface ExportStoreState {
  projectId: number | null;
  out: string;
  includeRejected: boolean;
  deidentify: boolean;
  preflight: ExportPreflight | null;
  folder: ExportState | null;
  running: boolean;
  jobId: string | null;
  result: ExportResult | null;
  error: string | null;
  names: string[];
  setProject(projectId: number): Promise<void>;
  setOut(out: string): void;
  setIncludeRejected(v: boolean): Promise<void>;
  setDeidentify(v: boolean): void;
  checkFolder(): Promise<void>;
  refresh(): Promise<void>;
  run(): Promise<void>;
  cancel(): Promise<void>;
  saveNames(names: string[]): Promise<void>;
  clearError(): void;
}

/** The export form, its preflight (counts and flagged identifiers), and the running export job. */
export const useExportStore = create<ExportStoreState>((set, get) => ({
  projectId: null,
  out: '',
  includeRejected: false,
  deidentify: true,
  preflight: null,
  folder: null,
  running: false,
  jobId: null,
  result: null,
  error: null,
  names: [],
  clearError: () => set({ error: null }),
  setProject: async (projectId) => {
    set({ projectId, preflight: null, result: null, error: null });
    try {
      const { names } = await api.call('review.identifierNames', { projectId });
      set({ names });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
    await get().refresh();
  },
  setOut: (out) => set({ out, folder: null }),
  setIncludeRejected: async (includeRejected) => {
    set({ includeRejected });
    await get().refresh();
  },
  setDeidentify: (deidentify) => set({ deidentify }),
  checkFolder: async () => {
    const out = get().out.trim();
    if (!out) return set({ folder: null });
    try {
      set({ folder: await api.call('export.state', { out }) });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  refresh: async () => {
    const { projectId, includeRejected } = get();
    if (projectId === null) return;
    try {
      set({ preflight: await api.call('export.preflight', { projectId, includeRejected }) });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  run: async () => {
    const { projectId, out, includeRejected, deidentify } = get();
    if (projectId === null || !out.trim()) return;
    const jobId = newJobId();
    useJobsStore.getState().start(jobId, 'Exporting dataset');
    set({ running: true, jobId, error: null, result: null });
    try {
      set({ result: await api.call('export.pathologyCot', { projectId, out: out.trim(), includeRejected, deidentify }, jobId) });
    } catch (e) {
      set({ error: errorMessage(e) });
    } finally {
      useJobsStore.getState().finish(jobId);
      set({ running: false, jobId: null });
      await get().checkFolder();
    }
  },
  cancel: async () => {
    const { jobId } = get();
    if (jobId) await useJobsStore.getState().cancel(jobId);
  },
  saveNames: async (names) => {
    const { projectId } = get();
    if (projectId === null) return;
    try {
      set({ names: (await api.call('review.setIdentifierNames', { projectId, names })).names });
      await get().refresh();
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
}));
