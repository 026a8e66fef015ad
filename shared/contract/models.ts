import { z } from 'zod';
import { defineCall } from './defineCall';
import { Empty, Id, IsoTime } from './common';
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

export const ProposalStatus = z.enum(['proposed', 'accepted', 'rejected']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;
export const ProposalOrder = z.enum(['score', 'uncertainty']);
export type ProposalOrder = z.infer<typeof ProposalOrder>;

export const ProposalModel = z.object({ id: z.string(), name: z.string(), version: z.string() });
export type ProposalModel = z.infer<typeof ProposalModel>;

/** A region a model proposed on a slide, as stored, with what a person decided about it. */
export const StoredProposal = z.object({
  id: Id,
  slideId: Id,
  model: z.object({ name: z.string(), version: z.string() }),
  /** [x0, y0, x1, y1] in level-0 pixels. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Mean probability over the passes spent. */
  score: z.number(),
  /** 1 − normalised entropy of the score (0 = coin toss, 1 = certain). */
  confidence: z.number(),
  /** Share of passes on the majority side. */
  agreement: z.number(),
  passes: z.number().int().positive(),
  /** Still unclear after the whole pass budget: needs an expert. */
  abstain: z.boolean(),
  status: ProposalStatus,
  decidedBy: Id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: IsoTime.nullable(),
  /** The review item an accepted proposal became. */
  reviewItemId: Id.nullable(),
  createdAt: IsoTime,
});
export type StoredProposal = z.infer<typeof StoredProposal>;

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
    "Retrain the region proposer, from a folder of images with box files (<name>.png + <name>.json: positives, optional negatives, in level-0 pixels) or from a project (inspect/peek boxes of its recorded sessions and its accepted proposals as positives; its rejected proposals and tissue seen at low power but never inspected as negatives); writes the next version, keeping the earlier ones. Reports progress; cancellable.",
    z
      .object({
        from: z.string().min(1, 'A folder of training images is needed.').optional(),
        /** Learn from the behaviour commands of every session recorded in this project. */
        projectId: Id.optional(),
        /** card.json of the version to start from; default: the newest usable roi-proposer. */
        baseCardPath: z.string().min(1).optional(),
        seed: z.number().int().default(1),
      })
      .strict()
      .refine((v) => (v.from === undefined) !== (v.projectId === undefined), {
        message: "Give either from (a folder of training images) or projectId (learn from a project's recorded sessions), not both.",
      }),
    z.object({
      model: ModelEntry,
      trainImages: z.array(z.string()),
      heldOutImages: z.array(z.string()),
      heldOut: HeldOutMetrics.nullable(),
      heldOutBefore: HeldOutMetrics.nullable(),
    }),
  ),
  'models.propose': defineCall(
    'models.propose',
    'Propose regions on a slide with a region-proposal model (default: the newest usable roi-proposer): reads the slide at the model’s magnification and stores the boxes (the same box from the same model version is kept once, with its decision). Reports progress; cancellable.',
    z
      .object({
        slideId: Id,
        /** A models.list id ("<source>:<name>@<version>"). */
        modelId: z.string().min(1).optional(),
        max: z.number().int().min(1).max(50).default(5),
      })
      .strict(),
    z.object({
      model: ProposalModel,
      proposals: z.array(StoredProposal),
      created: z.number().int().nonnegative(),
      existing: z.number().int().nonnegative(),
    }),
  ),
  'proposals.list': defineCall(
    'proposals.list',
    "A slide's stored proposals of one model version (default: the version that proposed on it last), by score or by uncertainty (abstentions first, then least confident first), and the versions that have proposals there.",
    z
      .object({
        slideId: Id,
        model: z.object({ name: z.string().min(1), version: z.string().min(1) }).strict().optional(),
        order: ProposalOrder.default('score'),
      })
      .strict(),
    z.object({
      slideId: Id,
      model: z.object({ name: z.string(), version: z.string() }).nullable(),
      models: z.array(z.object({ name: z.string(), version: z.string(), count: z.number().int().nonnegative(), lastAt: IsoTime })),
      proposals: z.array(StoredProposal),
    }),
  ),
  'proposals.decide': defineCall(
    'proposals.decide',
    'Accept a proposal (it becomes an item of the review queue) or reject it (kept: rejections are training data too). A proposal is decided once.',
    z.object({ id: Id, decision: z.enum(['accept', 'reject']) }).strict(),
    StoredProposal,
  ),
} as const;
