import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CoreError } from '../../core/errors';
import { checkModel } from '../../core/models/modelCheck';
import { shippedModelsDir } from '../../core/models/modelPaths';
import { proposeWithModel } from '../../core/models/regionProposer';
import { closeSharedRuntime, sharedRuntime } from '../../core/models/runtime';
import { fail, printJson } from '../output';
import { lowMagViewOf } from './proposeSource';

interface ProposeOptions {
  model?: string;
  max: string;
  downsample?: string;
  json?: boolean;
}

function positive(name: string, v: string, integer: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new CoreError('INVALID_INPUT', `--${name} must be a ${integer ? 'whole ' : ''}number above 0, not "${v}".`);
  }
  return n;
}

export function registerPropose(program: Command): void {
  program
    .command('propose')
    .description(
      'Propose where an expert would look: ranked boxes (level-0 pixels) with score, confidence, passes spent, and abstentions. Takes a slide file of any format Sightline reads (read at the model\'s magnification through the slide reader), or a PNG/JPEG/WebP/flat TIFF image of the whole slide at low magnification.',
    )
    .argument('<slide-or-image>', 'a slide file (SVS, pyramidal/OME TIFF, DZI, OpenSlide formats), or a low-magnification image of the slide')
    .option('--model <card.json>', 'the model card to use (default: the shipped roi-proposer)')
    .option('--max <n>', 'most proposals to return', '5')
    .option('--downsample <d>', 'read the file as a plain image whose pixel spans this many level-0 pixels (default for images: 1 = the image is the slide itself)')
    .option('--json', 'print {"model":{name,version},"proposals":[{box,score,confidence,passes,abstain}]}')
    .action(async (image: string, opts: ProposeOptions) => {
      const json = !!opts.json;
      try {
        const max = positive('max', opts.max, true);
        const downsample = opts.downsample === undefined ? undefined : positive('downsample', opts.downsample, false);
        const runtime = sharedRuntime();
        const model = await checkModel(resolve(opts.model ?? join(shippedModelsDir(), 'roi-proposer', 'card.json')), runtime);
        const { view } = await lowMagViewOf(resolve(image), model.card.preprocessing.magnification ?? 1.25, downsample);
        const { proposals } = await proposeWithModel(view, model, runtime, { maxProposals: max });
        await closeSharedRuntime();
        const out = {
          model: { name: model.card.name, version: model.card.version },
          proposals: proposals.map((p) => ({ box: p.box, score: round(p.score), confidence: round(p.confidence), passes: p.passes, abstain: p.abstain })),
        };
        if (json) return printJson(out);
        process.stdout.write(`${model.card.name} ${model.card.version}: ${proposals.length} proposal${proposals.length === 1 ? '' : 's'}\n`);
        for (const p of out.proposals) {
          process.stdout.write(
            `  [${p.box.join(', ')}]  score ${p.score.toFixed(3)}  confidence ${p.confidence.toFixed(3)}  passes ${p.passes}${p.abstain ? '  abstain — needs an expert' : ''}\n`,
          );
        }
      } catch (e) {
        await closeSharedRuntime();
        fail(e, json);
      }
    });
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}
