import { create } from 'zustand';
import type { Case, LibraryFile, Project } from '../../../shared/contract';
import { api, errorMessage, newJobId } from '../api/client';
import { useJobsStore } from './useJobsStore';

interface LibraryState {
  projects: Project[];
  projectId: number | null;
  cases: Case[];
  caseId: number | null;
  files: LibraryFile[];
  loading: boolean;
  error: string | null;
  loadProjects(): Promise<void>;
  createProject(name: string): Promise<boolean>;
  selectProject(id: number): Promise<void>;
  createCase(name: string): Promise<boolean>;
  selectCase(id: number): Promise<void>;
  refreshFiles(): Promise<void>;
  addFiles(files: File[]): Promise<void>;
  addPath(path: string): Promise<boolean>;
  removeFile(f: LibraryFile): Promise<void>;
  clearError(): void;
}

export const useLibraryStore = create<LibraryState>((set, get) => {
  async function guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      set({ error: errorMessage(e), loading: false });
      return undefined;
    }
  }
  async function refreshCases(): Promise<void> {
    const { projectId } = get();
    if (projectId === null) return;
    const cases = await api.call('cases.list', { projectId });
    set({ cases });
  }
  return {
    projects: [],
    projectId: null,
    cases: [],
    caseId: null,
    files: [],
    loading: false,
    error: null,
    clearError: () => set({ error: null }),

    loadProjects: async () => {
      set({ loading: true, error: null });
      await guard(async () => {
        const projects = await api.call('projects.list', {});
        set({ projects, loading: false });
        const { projectId } = get();
        if (projectId === null && projects.length > 0) await get().selectProject(projects[0].id);
      });
    },
    createProject: async (name) =>
      (await guard(async () => {
        const p = await api.call('projects.create', { name });
        set({ projects: [...get().projects, p].sort((a, b) => a.name.localeCompare(b.name)), error: null });
        await get().selectProject(p.id);
        return true;
      })) ?? false,
    selectProject: async (id) => {
      set({ projectId: id, caseId: null, cases: [], files: [] });
      await guard(async () => {
        await refreshCases();
        const first = get().cases[0];
        if (first) await get().selectCase(first.id);
      });
    },
    createCase: async (name) =>
      (await guard(async () => {
        const { projectId } = get();
        if (projectId === null) return false;
        const c = await api.call('cases.create', { projectId, name });
        await refreshCases();
        set({ projects: get().projects.map((p) => (p.id === projectId ? { ...p, caseCount: p.caseCount + 1 } : p)), error: null });
        await get().selectCase(c.id);
        return true;
      })) ?? false,
    selectCase: async (id) => {
      set({ caseId: id, files: [] });
      await get().refreshFiles();
    },
    refreshFiles: async () => {
      const { caseId } = get();
      if (caseId === null) return;
      await guard(async () => set({ files: await api.call('files.list', { caseId }) }));
    },
    addFiles: async (files) => {
      const { caseId } = get();
      if (caseId === null) return;
      const jobs = useJobsStore.getState();
      const errors: string[] = [];
      for (const file of files) {
        const jobId = newJobId();
        jobs.start(jobId, `Adding ${file.name}`);
        try {
          await api.addFile(caseId, file, jobId);
        } catch (e) {
          errors.push(`${file.name}: ${errorMessage(e)}`);
        } finally {
          jobs.finish(jobId);
        }
      }
      set({ error: errors.length ? errors.join('\n') : null });
      await get().refreshFiles();
      await refreshCases();
    },
    addPath: async (path) => {
      const { caseId } = get();
      if (caseId === null) return false;
      const jobId = newJobId();
      useJobsStore.getState().start(jobId, `Adding ${path}`);
      try {
        await api.call('files.add', { caseId, path }, jobId);
        set({ error: null });
        await get().refreshFiles();
        await refreshCases();
        return true;
      } catch (e) {
        set({ error: errorMessage(e) });
        return false;
      } finally {
        useJobsStore.getState().finish(jobId);
      }
    },
    removeFile: async (f) => {
      await guard(async () => {
        await api.call('files.remove', { kind: f.kind, id: f.id });
        await get().refreshFiles();
        await refreshCases();
      });
    },
  };
});
