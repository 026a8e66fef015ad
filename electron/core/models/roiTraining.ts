import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ModelEntry } from '../../../shared/contract/models';
import type { Box } from '../../../shared/models/boxes';
import { nextVersion } from '../../../shared/models/card';
import { ROI_FEATURE_COUNT, type RoiHead } from '../../../shared/models/roiSpec';
import { TrainingSidecar } from '../../../shared/models/trainingSet';
import { roundHead, type TrainOptions, type TrainResult, type TrainingImage } from '../../../shared/models/trainRoiHead';
import { trainRoiHeadInWorker } from './trainInWorker';
import { roiCard } from '../../../models/roi-proposer/card';
import { buildRoiModel } from '../../../models/roi-proposer/graph';
import { readFloatInitializers } from '../../../models/onnx-writer/reader';
import { CoreError } from '../errors';
import { installModel } from './addModel';
import { checkModel, type CheckedModel } from './modelCheck';
import { entryOf, findCards, type RegistryDirs } from './registry';
import { readCard } from './modelCheck';
import { readImageFile } from './imageFile';
import type { ModelRuntime } from './runtime';

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp'];

/** The learned head inside one of our roi-proposer files. */
export function readRoiHead(modelPath: string): RoiHead {
  const inits = readFloatInitializers(readFileSync(modelPath));
  const w = inits.get('head_weights');
  const b = inits.get('head_bias');
  if (!w || !b || w.values.length !== ROI_FEATURE_COUNT) throw new CoreError('UNSUPPORTED_FILE', `${modelPath} is not a roi-proposer model Sightline can retrain (no head of ${ROI_FEATURE_COUNT} weights).`);
  return { weights: Array.from(w.values), bias: b.values[0] };
}

/** A folder of images, each with a <name>.json sidecar of boxes (see TrainingSidecar), as training data. */
export async function readTrainingDir(dir: string, signal?: AbortSignal): Promise<TrainingImage[]> {
  const root = resolve(dir);
  let names: string[];
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
    names = readdirSync(root).sort();
  } catch {
    throw new CoreError('FILE_NOT_FOUND', `${root} is not a folder of training images.`);
  }
  const out: TrainingImage[] = [];
  for (const name of names.filter((n) => extname(n).toLowerCase() === '.json')) {
    const path = join(root, name);
    let sidecar;
    try {
      sidecar = TrainingSidecar.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (e) {
      const msg = e instanceof SyntaxError ? e.message : ((e as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ') || (e as Error).message;
      throw new CoreError('INVALID_INPUT', `${path}: ${msg}`);
    }
    const stem = basename(name, extname(name));
    const imagePath = sidecar.image ? resolve(root, sidecar.image) : IMAGE_EXTENSIONS.map((x) => join(root, stem + x)).find((p) => existsSync(p));
    if (!imagePath) throw new CoreError('FILE_NOT_FOUND', `${path} has no image beside it (looked for ${stem}${IMAGE_EXTENSIONS.join(`, ${stem}`)}).`);
    out.push({ id: stem, image: await readImageFile(imagePath, signal), downsample: sidecar.downsample, positives: sidecar.positives as Box[], negatives: sidecar.negatives as Box[] | undefined });
  }
  if (out.length === 0) throw new CoreError('INVALID_INPUT', `${root} holds no <name>.json box files.`);
  return out;
}

export interface TrainedVersion {
  entry: ModelEntry;
  result: TrainResult;
}

/**
 * Fits a new head starting from `base` (and shrinking towards it), writes it as the next version of the
 * roi-proposer into the user's models folder with its card (training summary, held-out precision/recall, and the
 * base's figures on the same held-out images), and keeps every earlier version.
 */
export async function trainRoiVersion(
  db: Database,
  dirs: RegistryDirs,
  runtime: ModelRuntime,
  actorId: number | null,
  args: { base: CheckedModel; images: TrainingImage[]; seed: number; data: string; options?: Partial<TrainOptions>; signal?: AbortSignal },
): Promise<TrainedVersion> {
  if (args.base.card.name !== 'roi-proposer') throw new CoreError('UNSUPPORTED_FILE', `Only the roi-proposer can be retrained, not "${args.base.card.name}".`);
  const prior = readRoiHead(args.base.modelPath);
  const result = await trainRoiHeadInWorker(args.images, args.seed, { prior, ...args.options }, args.signal);
  const versions = findCards(dirs).flatMap(({ cardPath }) => {
    try {
      const c = readCard(cardPath).card;
      return c.name === 'roi-proposer' ? [c.version] : [];
    } catch {
      return [];
    }
  });
  const version = nextVersion(versions);
  const head = roundHead(result.head);
  const bytes = buildRoiModel(head, { version, doc: `Sightline region proposer, trained from ${args.data}.` });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const card = roiCard({
    version,
    sha256,
    created: new Date().toISOString(),
    parent: { name: args.base.card.name, version: args.base.card.version, sha256: args.base.card.sha256 },
    training: {
      method: `logistic head (Newton, L2 towards ${args.base.card.version}) over fixed tissue/stain/nuclear features`,
      data: args.data,
      seed: args.seed,
      images: result.trainImages.length,
      positiveCells: result.positiveCells,
      negativeCells: result.negativeCells,
      sources: result.sources,
      iterations: result.iterations,
      loss: Number(result.loss.toPrecision(6)),
      ...(result.heldOut ? { heldOut: result.heldOut } : {}),
      ...(result.heldOutBefore ? { heldOutBefore: result.heldOutBefore } : {}),
    },
  });
  const installed = installModel(db, dirs, actorId, card, bytes, 'train');
  const checked = await checkModel(installed.cardPath, runtime);
  return { entry: entryOf(checked, 'user'), result };
}
