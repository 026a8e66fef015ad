import type { LowMagView } from '../../../shared/models/image';
import { proposeRegions, type ProposeResult, type ProposerConfig } from '../../../shared/models/proposer';
import { planSpans } from '../../../shared/models/tiling';
import { CoreError } from '../errors';
import type { CheckedModel } from '../models/modelCheck';
import { heatmapRunner } from '../models/regionProposer';
import type { ModelRuntime } from '../models/runtime';

/** Model runs of the whole-view pass (the crops it is cut into), so that pass can show real progress. */
export function firstPassRuns(view: LowMagView, cfg: ProposerConfig): number {
  const s = cfg.stride;
  const w = view.image.width - (view.image.width % s);
  const h = view.image.height - (view.image.height % s);
  if (cfg.contextMargin <= 0 || w < s || h < s) return 1;
  const tile = Math.max(cfg.tileSize - (cfg.tileSize % s), 2 * cfg.contextMargin + s);
  return planSpans(w, tile, cfg.contextMargin, s).length * planSpans(h, tile, cfg.contextMargin, s).length;
}

/** The proposer over a low-magnification view, reporting each model run (done, of the first pass's total). */
export async function runProposer(
  view: LowMagView,
  model: CheckedModel,
  runtime: ModelRuntime,
  cfg: ProposerConfig,
  onRun: (done: number, firstPass: number) => void,
  signal?: AbortSignal,
): Promise<ProposeResult> {
  const run = heatmapRunner(runtime, model);
  const firstPass = firstPassRuns(view, cfg);
  let done = 0;
  try {
    return await proposeRegions(
      view,
      async (rgb, w, h, sig) => {
        const out = await run(rgb, w, h, sig);
        onRun(++done, firstPass);
        return out;
      },
      cfg,
      signal,
    );
  } catch (e) {
    if (signal?.aborted || (e as Error).name === 'AbortError' || (e instanceof CoreError && e.code === 'CANCELLED')) throw new CoreError('CANCELLED', 'Proposing regions was cancelled.');
    if (e instanceof CoreError) throw e;
    throw new CoreError('INVALID_INPUT', (e as Error).message);
  }
}
