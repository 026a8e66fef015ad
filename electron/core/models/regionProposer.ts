import type { ModelCard } from '../../../shared/models/card';
import type { LowMagView } from '../../../shared/models/image';
import { DEFAULT_PROPOSER_CONFIG, proposeRegions, type HeatmapRunner, type ProposeResult, type ProposerConfig } from '../../../shared/models/proposer';
import { CoreError } from '../errors';
import type { CheckedModel } from './modelCheck';
import type { ModelRuntime } from './runtime';

/**
 * What a region-proposal model must look like to the proposer: one uint8 input [1, height, width, 3], one
 * float32 output [1, 1, rows, cols], and the output stride on its card.
 */
export function assertRegionProposer(card: ModelCard): void {
  const problems: string[] = [];
  if (card.task !== 'region-proposal') problems.push(`its task is "${card.task}", not "region-proposal"`);
  const input = card.inputs[0];
  const output = card.outputs[0];
  if (card.inputs.length !== 1 || input.dtype !== 'uint8' || input.shape.length !== 4 || input.shape[0] !== 1 || input.shape[3] !== 3) {
    problems.push('it needs exactly one uint8 input shaped [1, height, width, 3]');
  }
  if (card.outputs.length !== 1 || output.dtype !== 'float32' || output.shape.length !== 4 || output.shape[0] !== 1 || output.shape[1] !== 1) {
    problems.push('it needs exactly one float32 output shaped [1, 1, rows, cols]');
  }
  if (!card.preprocessing.outputStride) problems.push('its card gives no preprocessing.outputStride');
  if (!card.preprocessing.magnification) problems.push('its card gives no preprocessing.magnification');
  const m = card.preprocessing.contextMargin ?? 0;
  if (card.preprocessing.outputStride && m % card.preprocessing.outputStride) problems.push('its contextMargin is not a multiple of its outputStride');
  if (problems.length) throw new CoreError('UNSUPPORTED_FILE', `Model "${card.name}" ${card.version} cannot propose regions: ${problems.join('; ')}.`);
}

export function heatmapRunner(runtime: ModelRuntime, model: CheckedModel): HeatmapRunner {
  const inputName = model.card.inputs[0].name;
  const outputName = model.card.outputs[0].name;
  const ref = { path: model.modelPath, key: model.card.sha256 };
  return async (rgb, width, height, signal) => {
    const out = await runtime.run(ref, { [inputName]: { type: 'uint8', dims: [1, height, width, 3], data: rgb } }, signal);
    const t = out[outputName];
    if (!t || t.type !== 'float32' || t.dims.length !== 4) throw new CoreError('UNSUPPORTED_FILE', `Model "${model.card.name}" did not return a float32 heatmap named "${outputName}".`);
    return { rows: t.dims[2], cols: t.dims[3], values: t.data as Float32Array };
  };
}

/** Loads the proposer in every worker of the pool; meant to run while the slide is being read (it rejects only for a model that is not a region proposer). */
export function warmProposer(runtime: ModelRuntime, model: CheckedModel): Promise<void> {
  assertRegionProposer(model.card);
  return runtime.warm({ path: model.modelPath, key: model.card.sha256 });
}

export function proposerConfig(card: ModelCard, overrides: Partial<ProposerConfig> = {}): ProposerConfig {
  assertRegionProposer(card);
  return { ...DEFAULT_PROPOSER_CONFIG, stride: card.preprocessing.outputStride as number, contextMargin: card.preprocessing.contextMargin ?? 0, ...overrides };
}

/** Runs a checked region-proposal model over a low-magnification view (boxes come back in level-0 pixels). */
export async function proposeWithModel(view: LowMagView, model: CheckedModel, runtime: ModelRuntime, overrides: Partial<ProposerConfig> = {}, signal?: AbortSignal): Promise<ProposeResult> {
  const cfg = proposerConfig(model.card, overrides);
  try {
    return await proposeRegions(view, heatmapRunner(runtime, model), cfg, signal);
  } catch (e) {
    if (e instanceof CoreError) throw e;
    if ((e as Error).name === 'AbortError' || signal?.aborted) throw new CoreError('CANCELLED', 'Proposing regions was cancelled.');
    throw new CoreError('INVALID_INPUT', (e as Error).message);
  }
}
