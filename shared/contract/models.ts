import { z } from 'zod';
import { defineCall } from './defineCall';
import { Empty } from './common';
import { HeldOutMetrics, ModelTask, TrainingSummary } from '../models/card';

/**
 * Why a model was refused; carried in the error's `details.reason` (and in a listed model's `reason`):
 * - bad-card: card.json is missing, not JSON, or does not follow the card format;
 * - missing-file: the ONNX file the card names is not there;
 * - hash-mismatch: the file's sha256 differs from the card's;
 * - signature-mismatch: the model's inputs/outputs (names, types, ranks, fixed sizes) differ from the card's;
 * - unloadable: ONNX Runtime cannot load the file;
 * - duplicate: a model of that name and version is already there.
 */
export const ModelProblem = z.enum(['bad-card', 'missing-file', 'hash-mismatch', 'signature-mismatch', 'unloadable', 'duplicate']);
export type ModelProblem = z.infer<typeof ModelProblem>;

export const ModelEntry = z.object({
  /** "<source>:<name>@<version>". */
  id: z.string(),
  name: z.string(),
  version: z.string(),
  task: ModelTask.or(z.literal('unknown')),
  description: z.string(),
  source: z.enum(['shipped', 'user']),
  cardPath: z.string(),
  modelPath: z.string().nullable(),
  licence: z.string().nullable(),
  created: z.string().nullable(),
  training: TrainingSummary.nullable(),
  /** 'refused' models are listed with the reason so the user can fix them; they never run. */
  status: z.enum(['ok', 'refused']),
  reason: ModelProblem.nullable(),
  problem: z.string().nullable(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const modelCalls = {
  'models.list': defineCall('models.list', "Models that ship with Sightline and the user's own, each checked against its card.", Empty, z.array(ModelEntry)),
  'models.add': defineCall(
    'models.add',
    "Add one's own ONNX model: give its card.json (which names the .onnx beside it), or an .onnx file and its card. It is checked (file, sha256, inputs/outputs) and copied into the data folder.",
    z
      .object({
        path: z.string().min(1, 'A path to a card.json or an .onnx file is needed.'),
        cardPath: z.string().min(1).optional(),
      })
      .strict(),
    ModelEntry,
  ),
  'models.trainRoi': defineCall(
    'models.trainRoi',
    'Retrain the region proposer from a folder of images with box files (<name>.png + <name>.json: positives, optional negatives, in level-0 pixels); writes the next version, keeping the earlier ones.',
    z
      .object({
        from: z.string().min(1, 'A folder of training images is needed.'),
        /** card.json of the version to start from; default: the newest usable roi-proposer. */
        baseCardPath: z.string().min(1).optional(),
        seed: z.number().int().default(1),
      })
      .strict(),
    z.object({
      model: ModelEntry,
      trainImages: z.array(z.string()),
      heldOutImages: z.array(z.string()),
      heldOut: HeldOutMetrics.nullable(),
      heldOutBefore: HeldOutMetrics.nullable(),
    }),
  ),
} as const;
