import { create } from 'zustand';
import { api } from '../api/client';

export interface JobProgress {
  jobId: string;
  label: string;
  done: number;
  total: number | null;
}

interface JobsState {
  jobs: Record<string, JobProgress>;
  start(jobId: string, label: string): void;
  finish(jobId: string): void;
  cancel(jobId: string): Promise<void>;
}

/** Progress of long calls (pushed by the core) and their cancel buttons. */
export const useJobsStore = create<JobsState>((set, get) => ({
  jobs: {},
  start: (jobId, label) => set({ jobs: { ...get().jobs, [jobId]: { jobId, label, done: 0, total: null } } }),
  finish: (jobId) => {
    const jobs = { ...get().jobs };
    delete jobs[jobId];
    set({ jobs });
  },
  cancel: async (jobId) => {
    await api.call('jobs.cancel', { jobId });
  },
}));

api.onEvent((e) => {
  if (e.type !== 'progress') return;
  const { jobs } = useJobsStore.getState();
  if (!jobs[e.jobId]) return;
  useJobsStore.setState({ jobs: { ...jobs, [e.jobId]: { jobId: e.jobId, label: e.label, done: e.done, total: e.total } } });
});
