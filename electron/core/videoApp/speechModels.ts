import type { CallOutput } from '../../../shared/contract';
import { readCard } from '../models/modelCheck';
import { modelsForTask, registryDirs } from '../models/registry';
import { sharedRuntime } from '../models/runtime';

/**
 * Speech-recognition models of the registry (shipped or the user's), each checked against its card. Sightline
 * does not run them: there is no shipped ASR model to build a decoder against, so transcripts come from WebVTT/SRT.
 */
export async function speechModels(dataDir: string): Promise<CallOutput<'video.speechModels'>> {
  const entries = await modelsForTask(registryDirs(dataDir), sharedRuntime(), 'speech-recognition');
  return {
    models: entries.map((m) => {
      let sampleRate: number | null = null;
      if (m.status === 'ok') sampleRate = readCard(m.cardPath).card.preprocessing.sampleRate ?? null;
      return { id: m.id, name: m.name, version: m.version, status: m.status, problem: m.problem, sampleRate };
    }),
    transcribes: false as const,
  };
}
