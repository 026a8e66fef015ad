// `npm run build:models [-- --out <dir>]`: rebuilds models/roi-proposer/model.onnx and card.json, byte for byte.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roundHead, trainRoiHead } from '../../shared/models/trainRoiHead';
import { asTrainingImages, lesionSplit } from '../../test/fixtures/lesions/split';
import { roiCard } from './card';
import { buildRoiModel } from './graph';

/** Bump the version (and the date) whenever the features, the generator defaults or the recipe change. */
export const SHIPPED = { version: '1.0.0', created: '2026-11-23', seed: 20261123, trainImages: 48, heldOutImages: 24 } as const;

/** The recipe (chosen on the generator's held-out split; the test split stays untouched for `npm run eval:roi`). */
const RECIPE = { l2: 1e-3, boxSlack: 0.1, positiveShare: 0.25 };

export const SHIPPED_DIR = fileURLToPath(new URL('.', import.meta.url));

export async function buildRoiProposer(outDir: string): Promise<{ modelPath: string; cardPath: string; sha256: string }> {
  const train = asTrainingImages(await lesionSplit('train', SHIPPED.trainImages));
  const heldOut = asTrainingImages(await lesionSplit('heldout', SHIPPED.heldOutImages));
  const result = trainRoiHead({ images: train }, SHIPPED.seed, { ...RECIPE, heldOut });
  const head = roundHead(result.head);
  const bytes = buildRoiModel(head, { version: SHIPPED.version, doc: 'Sightline region proposer (shipped build).' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const card = roiCard({
    version: SHIPPED.version,
    sha256,
    created: SHIPPED.created,
    training: {
      method: `logistic head (Newton, L2 ${RECIPE.l2}, box slack ${RECIPE.boxSlack}) over fixed tissue/stain/nuclear features`,
      data: `planted-lesion generator, default settings: training split seeds 10000–${10_000 + SHIPPED.trainImages - 1}; held out 20000–${20_000 + SHIPPED.heldOutImages - 1}`,
      seed: SHIPPED.seed,
      images: result.trainImages.length,
      positiveCells: result.positiveCells,
      negativeCells: result.negativeCells,
      iterations: result.iterations,
      loss: Number(result.loss.toPrecision(6)),
      ...(result.heldOut ? { heldOut: result.heldOut } : {}),
    },
  });
  mkdirSync(outDir, { recursive: true });
  const modelPath = join(outDir, 'model.onnx');
  const cardPath = join(outDir, 'card.json');
  writeFileSync(modelPath, bytes);
  writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
  return { modelPath, cardPath, sha256 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? resolve(process.argv[i + 1]) : SHIPPED_DIR;
  const t0 = performance.now();
  const r = await buildRoiProposer(out);
  process.stdout.write(`roi-proposer ${SHIPPED.version}: ${r.modelPath} (sha256 ${r.sha256}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
