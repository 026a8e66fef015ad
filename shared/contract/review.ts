import { z } from 'zod';
import { defineCall } from './defineCall';
import { Empty, Id, IsoTime } from './common';
import { ITEM_KINDS, RATIONALE_FIELDS } from '../review/fields';

export const RationaleField = z.enum(RATIONALE_FIELDS);
export const ReviewItemKind = z.enum(ITEM_KINDS);
export const ReviewMode = z.enum(['review', 'manual']);
export const ReviewDecision = z.enum(['accept', 'edit', 'reject']);
export const QueueOrder = z.enum(['queue', 'uncertainty']);
export const DraftingBackend = z.enum(['builtin', 'openai']);

/** [x0, y0, x1, y1] in level-0 pixels. */
export const RegionBox = z.tuple([z.number(), z.number(), z.number(), z.number()]).refine((b) => b[2] > b[0] && b[3] > b[1], 'A box needs x1 > x0 and y1 > y0.');
export type RegionBox = z.infer<typeof RegionBox>;

const FieldTexts = z.record(z.string(), z.string());
const FieldCounts = z.record(z.string(), z.number().int().nonnegative());

/** A peek inside an inspect region: its high-power look. */
export const HighPowerLook = z.object({
  box: RegionBox,
  magnification: z.number().positive(),
  durationMs: z.number().nonnegative().nullable(),
  visits: z.number().int().positive().nullable(),
  startMs: z.number().nonnegative().nullable(),
  commandKey: z.string().nullable(),
});
export type HighPowerLook = z.infer<typeof HighPowerLook>;

/** Where a region came from when a model proposed it. */
export const ProposalInfo = z.object({
  name: z.string(),
  version: z.string(),
  score: z.number().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  uncertainty: z.number().min(0).max(1).nullable(),
  abstain: z.boolean(),
});
export type ProposalInfo = z.infer<typeof ProposalInfo>;

/** A measured fact shown beside a draft ("tissue 78 %"). */
export const MeasuredFact = z.object({ label: z.string(), value: z.string() });
export type MeasuredFact = z.infer<typeof MeasuredFact>;

export const Draft = z.object({
  id: Id,
  itemId: Id,
  /** Always an AI draft: which backend and model wrote it. */
  backend: z.string(),
  backendVersion: z.string(),
  modelName: z.string(),
  modelVersion: z.string(),
  fields: FieldTexts,
  /** The accepted rationale of a similar region that the draft starts from, if any. */
  retrievedFrom: z.object({ itemId: Id, similarity: z.number() }).nullable(),
  createdAt: IsoTime,
});
export type Draft = z.infer<typeof Draft>;

export const Review = z.object({
  id: Id,
  itemId: Id,
  draftId: Id.nullable(),
  reviewerId: Id,
  reviewerName: z.string(),
  mode: ReviewMode,
  decision: ReviewDecision,
  final: FieldTexts,
  elapsedMs: z.number().int().nonnegative(),
  keystrokes: FieldCounts,
  editDistance: FieldCounts,
  backend: z.string().nullable(),
  backendVersion: z.string().nullable(),
  modelName: z.string().nullable(),
  modelVersion: z.string().nullable(),
  createdAt: IsoTime,
});
export type Review = z.infer<typeof Review>;

/** Text that may identify someone, found in a draft or a reviewed text. */
export const IdentifierFlag = z.object({
  field: RationaleField,
  kind: z.enum(['name', 'date', 'record-number', 'email', 'phone']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type IdentifierFlag = z.infer<typeof IdentifierFlag>;

export const ReviewItem = z.object({
  id: Id,
  projectId: Id,
  caseId: Id,
  caseName: z.string(),
  slideId: Id,
  slideName: z.string(),
  kind: ReviewItemKind,
  source: z.enum(['slide', 'behavior', 'model']),
  sessionId: Id.nullable(),
  /** Whose navigation the region came from. */
  sessionUserName: z.string().nullable(),
  commandKey: z.string().nullable(),
  magnification: z.number().positive().nullable(),
  box: RegionBox.nullable(),
  highPower: z.array(HighPowerLook),
  durationMs: z.number().nonnegative().nullable(),
  visits: z.number().int().positive().nullable(),
  startMs: z.number().nonnegative().nullable(),
  model: ProposalInfo.nullable(),
  fields: z.array(RationaleField),
  ordinal: z.number().int(),
  withdrawn: z.boolean(),
  facts: z.array(MeasuredFact),
  draft: Draft.nullable(),
  review: Review.nullable(),
  /** Identifiers in the reviewed text (when reviewed), else in the draft. */
  flags: z.array(IdentifierFlag),
  images: z.object({ thumbnail: z.string(), region: z.string().nullable(), highPower: z.array(z.string()) }),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const SyncCounts = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  withdrawn: z.number().int().nonnegative(),
  restored: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const DraftingSettings = z.object({
  backend: DraftingBackend,
  /** Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (llama.cpp) or http://127.0.0.1:11434/v1 (Ollama). */
  url: z.string(),
  model: z.string(),
  timeoutMs: z.number().int().positive(),
  retries: z.number().int().nonnegative(),
  /** The URL points to another machine: region images would leave this computer. */
  remote: z.boolean(),
  /** The user confirmed sending images to that (remote) URL. */
  remoteConfirmed: z.boolean(),
});
export type DraftingSettings = z.infer<typeof DraftingSettings>;

const ModeFigures = z.object({
  mode: ReviewMode,
  items: z.number().int().nonnegative(),
  medianMs: z.number().nullable(),
  accepted: z.number().int().nonnegative(),
  edited: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  acceptanceRate: z.number().nullable(),
  editRate: z.number().nullable(),
  rejectionRate: z.number().nullable(),
  meanEditDistance: z.number().nullable(),
  meanKeystrokes: z.number().nullable(),
});

export const ReviewDashboard = z.object({
  overall: z.object({ review: ModeFigures, manual: ModeFigures }),
  speedup: z.number().nullable(),
  reviewers: z.array(z.object({ reviewerId: Id, reviewerName: z.string(), review: ModeFigures, manual: ModeFigures })),
  items: z.object({ total: z.number().int(), drafted: z.number().int(), reviewed: z.number().int(), pending: z.number().int() }),
});
export type ReviewDashboard = z.infer<typeof ReviewDashboard>;

export const ReviewQueue = z.object({
  items: z.array(ReviewItem),
  counts: z.object({ total: z.number().int(), drafted: z.number().int(), reviewed: z.number().int(), pending: z.number().int() }),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;

export const DraftResult = z.object({
  drafted: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.array(z.object({ itemId: Id, message: z.string() })),
  backend: DraftingBackend,
  backendVersion: z.string(),
  modelName: z.string(),
  modelVersion: z.string(),
});
export type DraftResult = z.infer<typeof DraftResult>;

const Names = z.array(z.string().trim().min(2, 'A name needs at least two characters.').max(200)).max(10_000);

export const reviewCalls = {
  'review.sync': defineCall(
    'review.sync',
    "Bring a project's review items up to date: one per region of every recorded session's (effective) behaviour commands, one per model proposal, one first impression per slide. Items whose region disappeared are withdrawn, never removed.",
    z.object({ projectId: Id }).strict(),
    SyncCounts,
  ),
  'review.list': defineCall(
    'review.list',
    'The review queue of a project, in queue order or by model uncertainty.',
    z
      .object({
        projectId: Id,
        order: QueueOrder.default('queue'),
        status: z.enum(['pending', 'reviewed', 'all']).default('all'),
        includeWithdrawn: z.boolean().default(false),
      })
      .strict(),
    ReviewQueue,
  ),
  'review.get': defineCall('review.get', 'One review item with its latest draft and review.', z.object({ itemId: Id }).strict(), ReviewItem),
  'review.addProposals': defineCall(
    'review.addProposals',
    "Turn a region-proposal model's boxes on a slide into review items (the same box from the same model version is kept once).",
    z
      .object({
        slideId: Id,
        model: z.object({ name: z.string().min(1), version: z.string().min(1) }).strict(),
        /** The magnification the region is reviewed (and exported) at. */
        magnification: z.number().positive().default(10),
        proposals: z
          .array(
            z
              .object({
                box: RegionBox,
                score: z.number().nullable().default(null),
                confidence: z.number().min(0).max(1).nullable().default(null),
                uncertainty: z.number().min(0).max(1).nullable().default(null),
                abstain: z.boolean().default(false),
              })
              .strict(),
          )
          .min(1, 'At least one proposal is needed.')
          .max(10_000),
      })
      .strict(),
    z.object({ created: z.number().int(), existing: z.number().int(), itemIds: z.array(Id) }),
  ),
  'review.draft': defineCall(
    'review.draft',
    'Draft rationales with the configured backend for the items of a project that have none (or for the given items; redraft replaces existing drafts). Reports progress; cancellable.',
    z.object({ projectId: Id, itemIds: z.array(Id).max(100_000).optional(), redraft: z.boolean().default(false) }).strict(),
    DraftResult,
  ),
  'review.submit': defineCall(
    'review.submit',
    "Store a reviewer's decision on an item: final text per field, elapsed time and keystrokes per field; edit distances are computed here. Accept with changed text is stored as an edit.",
    z
      .object({
        itemId: Id,
        draftId: Id.nullable(),
        mode: ReviewMode,
        decision: ReviewDecision,
        final: FieldTexts,
        elapsedMs: z.number().int().nonnegative().max(86_400_000),
        keystrokes: FieldCounts.default({}),
      })
      .strict(),
    ReviewItem,
  ),
  'review.dashboard': defineCall(
    'review.dashboard',
    'Median time per item in review vs manual mode, acceptance and edit rates, per reviewer.',
    z.object({ projectId: Id }).strict(),
    ReviewDashboard,
  ),
  'review.settings': defineCall('review.settings', 'The drafting backend settings.', Empty, DraftingSettings),
  'review.saveSettings': defineCall(
    'review.saveSettings',
    'Change the drafting backend settings. A URL on another machine must be confirmed (confirmRemote), since region images are sent to it.',
    z
      .object({
        backend: DraftingBackend,
        url: z.string().trim().max(2000).default(''),
        model: z.string().trim().max(200).default(''),
        timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
        retries: z.number().int().min(0).max(10).default(2),
        confirmRemote: z.boolean().default(false),
      })
      .strict(),
    DraftingSettings,
  ),
  'review.identifierNames': defineCall(
    'review.identifierNames',
    "The project's list of names (patients, staff) that texts are checked for before export.",
    z.object({ projectId: Id }).strict(),
    z.object({ names: z.array(z.string()) }),
  ),
  'review.setIdentifierNames': defineCall(
    'review.setIdentifierNames',
    "Replace the project's list of names that texts are checked for.",
    z.object({ projectId: Id, names: Names }).strict(),
    z.object({ names: z.array(z.string()) }),
  ),
} as const;
