import { create } from 'zustand';
import type { CallOutput, EffectivenessPrediction, EffectivenessRun, NameFlagRow, VideoAgreement, VideoExportFormat, VideoExportResult } from '../../../shared/contract';
import { api, errorMessage, newJobId } from '../api/client';
import { useJobsStore } from './useJobsStore';

export interface ExportChoice {
  formats: VideoExportFormat[];
  clipsPaddingS: number;
  outDir: string;
  redactNames: boolean;
  deidentify: boolean;
  scope: 'video' | 'case';
}

export interface VideoPredictions {
  videoId: number;
  runId: number;
  model: NonNullable<CallOutput<'video.predictEffectiveness'>>['model'];
  byInstance: Map<number, EffectivenessPrediction>;
}

interface AnalysisState {
  agreement: VideoAgreement | null;
  run: EffectivenessRun | null;
  runProjectId: number | null;
  /** The latest run's predictions for the instances of one video (out-of-fold, or from the ONNX model). */
  predictions: VideoPredictions | null;
  /** Speech-recognition models in the registry (listed and checked; not run). */
  speechModels: CallOutput<'video.speechModels'>['models'] | null;
  loadSpeechModels(): Promise<void>;
  nameFlags: NameFlagRow[] | null;
  exported: VideoExportResult | null;
  busy: 'agreement' | 'training' | 'export' | null;
  error: string | null;
  loadAgreement(videoId: number, a: number, b: number): Promise<void>;
  loadRun(projectId: number): Promise<void>;
  loadPredictions(videoId: number): Promise<void>;
  /** Trains, then loads the new run's predictions for `videoId` when given. */
  train(projectId: number, k: number, useMotion: boolean, videoId?: number): Promise<void>;
  loadNameFlags(scope: { videoId: number } | { caseId: number }): Promise<void>;
  exportNow(scope: { videoId: number } | { caseId: number }, c: ExportChoice): Promise<void>;
  clearError(): void;
}

async function asJob<T>(label: string, fn: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = newJobId();
  useJobsStore.getState().start(jobId, label);
  try {
    return await fn(jobId);
  } finally {
    useJobsStore.getState().finish(jobId);
  }
}

let predicting: Promise<void> | null = null;
let predictAgain: number | null = null;

/** Agreement reports, effectiveness training and exports of the Video section. */
export const useVideoAnalysisStore = create<AnalysisState>((set, get) => ({
  agreement: null,
  run: null,
  runProjectId: null,
  predictions: null,
  speechModels: null,
  nameFlags: null,
  exported: null,
  busy: null,
  error: null,
  clearError: () => set({ error: null }),

  async loadAgreement(videoId, a, b) {
    set({ busy: 'agreement', error: null });
    try {
      set({ agreement: await api.call('video.agreement', { videoId, annotatorA: a, annotatorB: b }) });
    } catch (e) {
      set({ agreement: null, error: errorMessage(e) });
    } finally {
      set({ busy: null });
    }
  },
  async loadRun(projectId) {
    if (get().runProjectId === projectId && get().run) return;
    try {
      set({ run: await api.call('video.effectiveness', { projectId }), runProjectId: projectId });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  async loadSpeechModels() {
    try {
      set({ speechModels: (await api.call('video.speechModels', {})).models });
    } catch (e) {
      set({ speechModels: null, error: errorMessage(e) });
    }
  },
  async loadPredictions(videoId) {
    // Scoring new instances may measure motion with ffmpeg: one request at a time, and one more for what changed meanwhile.
    if (predicting) {
      predictAgain = videoId;
      return predicting;
    }
    predicting = (async () => {
      try {
        const r = await api.call('video.predictEffectiveness', { videoId });
        set({ predictions: r && { videoId, runId: r.runId, model: r.model, byInstance: new Map(r.predictions.map((p) => [p.instanceId, p])) } });
      } catch (e) {
        set({ predictions: null, error: `Effectiveness predictions: ${errorMessage(e)}` });
      }
    })();
    await predicting;
    predicting = null;
    const next = predictAgain;
    predictAgain = null;
    if (next !== null) await get().loadPredictions(next);
  },
  async train(projectId, k, useMotion, videoId) {
    set({ busy: 'training', error: null });
    try {
      const run = await asJob('Training the effectiveness model', (jobId) => api.call('video.trainEffectiveness', { projectId, k, useMotion }, jobId));
      set({ run, runProjectId: projectId });
      if (videoId !== undefined) await get().loadPredictions(videoId);
    } catch (e) {
      set({ error: errorMessage(e) });
    } finally {
      set({ busy: null });
    }
  },
  async loadNameFlags(scope) {
    try {
      set({ nameFlags: await api.call('video.nameFlags', scope) });
    } catch (e) {
      set({ nameFlags: null, error: errorMessage(e) });
    }
  },
  async exportNow(scope, c) {
    set({ busy: 'export', error: null, exported: null });
    try {
      const exported = await asJob('Exporting feedback', (jobId) =>
        api.call(
          'video.export',
          { ...scope, formats: c.formats, clipsPaddingS: c.clipsPaddingS, outDir: c.outDir.trim() || undefined, redactNames: c.redactNames, deidentify: c.deidentify },
          jobId,
        ),
      );
      set({ exported });
    } catch (e) {
      set({ error: errorMessage(e) });
    } finally {
      set({ busy: null });
    }
  },
}));
