import { z } from 'zod';
import { defineCall } from './defineCall';
import { Id, IsoTime, Ok } from './common';
import { FeedbackSource, FeedbackVocabulary } from '../feedback/schema';

/**
 * Surgical video: feedback instances on a video's timeline, the project's label vocabulary, console intervals,
 * proposals from speech, transcript import, agreement, exports, effectiveness training and playback events.
 */

const Ms = z.number().int().nonnegative().max(2_147_483_647);
const Key = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'Keys are lower-case letters, digits and _, starting with a letter.');

/** proposed: a candidate from speech detection waiting for a decision; rejected ones stay so a rerun does not propose them again. */
export const InstanceStatus = z.enum(['proposed', 'accepted', 'rejected']);
export type InstanceStatus = z.infer<typeof InstanceStatus>;

export const VideoInstance = z.object({
  id: Id,
  videoId: Id,
  annotatorId: Id,
  annotatorName: z.string(),
  startMs: Ms,
  endMs: Ms,
  speaker: Key,
  transcript: z.string(),
  categories: z.array(Key),
  trigger: z.string(),
  traineeResponses: z.array(Key),
  /** The annotator marked that the trainee did not respond; false with no responses = not labelled yet. */
  noTraineeResponse: z.boolean(),
  trainerReaction: Key.nullable(),
  note: z.string(),
  source: FeedbackSource,
  vadP: z.number().nullable(),
  status: InstanceStatus,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type VideoInstance = z.infer<typeof VideoInstance>;

/** The editable fields of an instance (all optional on update). */
const InstanceFields = z.object({
  startMs: Ms,
  endMs: Ms,
  speaker: Key,
  transcript: z.string().max(20_000),
  categories: z.array(Key).max(64),
  trigger: z.string().max(500),
  traineeResponses: z.array(Key).max(64),
  /** "No response": clears the responses; giving a response clears it. */
  noTraineeResponse: z.boolean(),
  trainerReaction: Key.nullable(),
  note: z.string().max(20_000),
});

const SessionId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/, 'A session id is 8–64 letters, digits or dashes.');

/**
 * The player session an edit is made in: the change is recorded as an event of that session (beside the playback
 * actions), in the transaction of the change and its audit row. A session is one annotator on one video.
 */
export const EditSession = z
  .object({
    id: SessionId,
    videoId: Id,
    /** Where the playhead was. */
    positionMs: Ms.optional(),
  })
  .strict();
export type EditSession = z.infer<typeof EditSession>;
const inSession = { session: EditSession.optional() };

export const ConsoleIntervalRow = z.object({
  id: Id,
  videoId: Id,
  annotatorId: Id,
  startMs: Ms,
  endMs: Ms,
  speaker: Key,
});
export type ConsoleIntervalRow = z.infer<typeof ConsoleIntervalRow>;

export const VideoAnnotator = z.object({ id: Id, name: z.string(), instances: z.number().int().nonnegative(), proposals: z.number().int().nonnegative() });
export type VideoAnnotator = z.infer<typeof VideoAnnotator>;

export const VideoMedia = z.object({
  durationMs: z.number().int().nonnegative(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  fps: z.number().nonnegative(),
  rotation: z.number(),
  hasVideo: z.boolean(),
  hasAudio: z.boolean(),
  codec: z.string(),
  audioCodec: z.string().nullable(),
  container: z.string(),
});
export type VideoMedia = z.infer<typeof VideoMedia>;

export const OpenedVideo = z.object({
  video: z.object({ id: Id, caseId: Id, caseName: z.string(), projectId: Id, name: z.string(), format: z.string(), sizeBytes: z.number().int().nonnegative() }),
  media: VideoMedia,
  /** Resource URLs (below /res/ in both doors): the file with Range support, waveform peaks, thumbnails ({ms} replaced by a time). */
  urls: z.object({ media: z.string(), mimeType: z.string(), waveform: z.string(), thumbnail: z.string() }),
  vocabulary: FeedbackVocabulary,
});
export type OpenedVideo = z.infer<typeof OpenedVideo>;

const Num = z.number().nullable();
const Binary = z.object({
  n: z.number().int(),
  both: z.number().int(),
  onlyA: z.number().int(),
  onlyB: z.number().int(),
  neither: z.number().int(),
  po: Num,
  pe: Num,
  kappa: Num,
  pabak: Num,
  prevalenceIndex: Num,
  biasIndex: Num,
});
const Nominal = z.object({ n: z.number().int(), po: Num, pe: Num, kappa: Num, pabak: Num, categories: z.number().int() });

/** shared/feedback agreementReport, with undefined figures (NaN) as null. */
export const VideoAgreement = z.object({
  videoId: Id,
  annotatorA: z.object({ id: Id, name: z.string() }),
  annotatorB: z.object({ id: Id, name: z.string() }),
  minIoU: z.number(),
  units: z.number().int(),
  temporal: z.object({
    countA: z.number().int(),
    countB: z.number().int(),
    matched: z.number().int(),
    meanIoU: Num,
    f1: Num,
    timeIoU: Num,
    overlapOfA: Num,
    overlapOfB: Num,
  }),
  labels: z.array(Binary.extend({ family: z.enum(['categories', 'traineeResponses']), key: z.string(), label: z.string() })),
  trainerReaction: Nominal,
  speaker: Nominal,
});
export type VideoAgreement = z.infer<typeof VideoAgreement>;

export const VideoExportFormat = z.enum(['csv', 'jsonl', 'vtt', 'eaf', 'clips']);
export type VideoExportFormat = z.infer<typeof VideoExportFormat>;

export const NameFlagRow = z.object({
  instanceId: Id,
  videoId: Id,
  startMs: Ms,
  transcript: z.string(),
  flags: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string(), reason: z.enum(['list', 'capitalised']) })),
});
export type NameFlagRow = z.infer<typeof NameFlagRow>;

export const VideoExportResult = z.object({
  dir: z.string(),
  files: z.array(z.object({ name: z.string(), format: VideoExportFormat, bytes: z.number().int().nonnegative() })),
  videos: z.number().int().nonnegative(),
  instances: z.number().int().nonnegative(),
  /** Name spans found in transcripts (replaced by [NAME] unless redactNames was false). */
  flaggedNames: z.number().int().nonnegative(),
  redacted: z.boolean(),
});
export type VideoExportResult = z.infer<typeof VideoExportResult>;

export const EffectivenessPrediction = z.object({
  instanceId: Id,
  /**
   * Probability of a behavioural adjustment. out-of-fold: from a cross-validation model that never saw this
   * training instance; model: from the trained model (ONNX Runtime) for an instance that was not in training, or
   * changed after it.
   */
  p: z.number(),
  source: z.enum(['out-of-fold', 'model']),
  /** 1 effective, 0 not, null: the model abstains (too close to 0.5). */
  label: z.union([z.literal(0), z.literal(1)]).nullable(),
  /** |p − 0.5| × 2. */
  confidence: z.number(),
  /** What the annotator labelled (null: the trainee response is not labelled). */
  actual: z.union([z.literal(0), z.literal(1)]).nullable(),
});
export type EffectivenessPrediction = z.infer<typeof EffectivenessPrediction>;

export const EffectivenessRun = z.object({
  id: Id,
  projectId: Id,
  trainedAt: IsoTime,
  /** The instances as they were at this time were the training data: one changed later is predicted by the model. */
  dataAsOf: IsoTime,
  trainedBy: z.string().nullable(),
  examples: z.number().int(),
  /** Accepted instances left out because their trainee response is not labelled (they are predicted for instead). */
  unlabelled: z.number().int(),
  positives: z.number().int(),
  target: z.string(),
  usedMotion: z.boolean(),
  k: z.number().int(),
  aurocMean: Num,
  aurocSd: Num,
  pooled: Num,
  folds: z.array(z.object({ auroc: Num, n: z.number().int(), positives: z.number().int() })),
  abstainMargin: z.number(),
  /** Where model.onnx, card.json and effectiveness.json were written. */
  modelDir: z.string(),
  predictions: z.array(EffectivenessPrediction),
});
export type EffectivenessRun = z.infer<typeof EffectivenessRun>;

export const PLAYBACK_EVENT_TYPES = ['open', 'play', 'pause', 'seek', 'rate', 'ended', 'loop', 'close'] as const;
export const PlaybackEvent = z
  .object({
    type: z.enum(PLAYBACK_EVENT_TYPES),
    /** Wall-clock time (epoch ms) of the action. */
    atMs: z.number().int().nonnegative(),
    /** Position in the media (ms) when it happened; for a seek, where it landed. */
    positionMs: Ms,
    /** seek: where it came from. */
    fromMs: Ms.optional(),
    /** rate: the new playback rate; loop: on/off as 1/0. */
    value: z.number().min(0).max(16).optional(),
  })
  .strict();
export type PlaybackEvent = z.infer<typeof PlaybackEvent>;
export const MAX_PLAYBACK_BATCH = 1000;

/** Changes to feedback recorded by the core as events of the annotator's video session (each with its audit row). */
export const EDIT_EVENT_TYPES = [
  'instance.create',
  'instance.update',
  'instance.delete',
  'instance.accept',
  'instance.reject',
  'instance.transcript',
  'console.create',
  'console.update',
  'console.delete',
  'vocabulary.update',
] as const;
export type EditEventType = (typeof EDIT_EVENT_TYPES)[number];

export const StoredPlaybackEvent = PlaybackEvent.extend({ userId: Id.nullable(), session: z.string() });
export const StoredEditEvent = z.object({
  type: z.enum(EDIT_EVENT_TYPES),
  atMs: z.number().int().nonnegative(),
  /** The playhead when the change was made (null outside a player). */
  positionMs: Ms.nullable(),
  entity: z.enum(['feedback_instance', 'console_interval', 'feedback_vocabulary']),
  /** The instance, console interval or project (vocabulary) changed. */
  entityId: Id,
  /** The audit row holding what it was before and after. */
  auditId: Id,
  userId: Id.nullable(),
  /** null: made outside a player session (e.g. by a script). */
  session: z.string().nullable(),
});
export type StoredEditEvent = z.infer<typeof StoredEditEvent>;
export const StoredVideoEvent = z.union([StoredPlaybackEvent, StoredEditEvent]);
export type StoredVideoEvent = z.infer<typeof StoredVideoEvent>;
export const isEditEvent = (e: StoredVideoEvent): e is StoredEditEvent => (EDIT_EVENT_TYPES as readonly string[]).includes(e.type);

const VadTuning = z
  .object({
    threshold: z.number().gt(0).lt(1).optional(),
    minSpeechMs: z.number().nonnegative().max(60_000).optional(),
    minSilenceMs: z.number().nonnegative().max(60_000).optional(),
    padMs: z.number().nonnegative().max(10_000).optional(),
  })
  .strict();

const ExportScope = z.object({ videoId: Id.optional(), caseId: Id.optional() });
const oneScope = (v: { videoId?: number; caseId?: number }) => (v.videoId === undefined) !== (v.caseId === undefined);
const SCOPE_MESSAGE = { message: 'Give either videoId or caseId.' };

export const videoCalls = {
  'video.open': defineCall(
    'video.open',
    'Open a video of the library: what it holds (probed with ffmpeg), the URLs of the file, its waveform and thumbnails, and the project’s vocabulary.',
    z.object({ videoId: Id }).strict(),
    OpenedVideo,
  ),
  'video.instances.list': defineCall(
    'video.instances.list',
    'Feedback instances of a video (all annotators unless one is named), by start time; rejected proposals only on request.',
    z.object({ videoId: Id, annotatorId: Id.optional(), includeRejected: z.boolean().default(false) }).strict(),
    z.object({ instances: z.array(VideoInstance), annotators: z.array(VideoAnnotator) }),
  ),
  'video.instances.create': defineCall(
    'video.instances.create',
    'Mark a feedback instance on a video for the acting annotator (audited).',
    InstanceFields.partial()
      .extend({ videoId: Id, startMs: Ms, endMs: Ms, ...inSession })
      .strict(),
    VideoInstance,
  ),
  'video.instances.update': defineCall(
    'video.instances.update',
    'Change an instance’s span or labels (only its annotator may; audited).',
    InstanceFields.partial().extend({ id: Id, ...inSession }).strict(),
    VideoInstance,
  ),
  'video.instances.delete': defineCall('video.instances.delete', 'Remove an instance (only its annotator may; audited, with what it held).', z.object({ id: Id, ...inSession }).strict(), Ok),
  'video.instances.review': defineCall(
    'video.instances.review',
    'Accept a proposal from speech (it becomes an instance) or reject it (kept as rejected so it is not proposed again).',
    z.object({ id: Id, decision: z.enum(['accept', 'reject']), ...inSession }).strict(),
    VideoInstance,
  ),
  'video.vocabulary.get': defineCall(
    'video.vocabulary.get',
    'The project’s feedback vocabulary (speakers, categories, responses, reactions, triggers); the defaults until edited.',
    z.object({ projectId: Id }).strict(),
    z.object({ projectId: Id, vocabulary: FeedbackVocabulary, isDefault: z.boolean() }),
  ),
  'video.vocabulary.update': defineCall(
    'video.vocabulary.update',
    'Replace the project’s feedback vocabulary (validated; refused while instances use a label it drops; audited).',
    z.object({ projectId: Id, vocabulary: FeedbackVocabulary, ...inSession }).strict(),
    z.object({ projectId: Id, vocabulary: FeedbackVocabulary, isDefault: z.boolean() }),
  ),
  'video.console.list': defineCall(
    'video.console.list',
    'Who is at the console, as intervals (all annotators unless one is named).',
    z.object({ videoId: Id, annotatorId: Id.optional() }).strict(),
    z.array(ConsoleIntervalRow),
  ),
  'video.console.create': defineCall(
    'video.console.create',
    'Mark who is at the console between two times (audited).',
    z.object({ videoId: Id, startMs: Ms, endMs: Ms, speaker: Key, ...inSession }).strict(),
    ConsoleIntervalRow,
  ),
  'video.console.update': defineCall(
    'video.console.update',
    'Change a console interval (audited).',
    z.object({ id: Id, startMs: Ms.optional(), endMs: Ms.optional(), speaker: Key.optional(), ...inSession }).strict(),
    ConsoleIntervalRow,
  ),
  'video.console.delete': defineCall('video.console.delete', 'Remove a console interval (audited).', z.object({ id: Id, ...inSession }).strict(), Ok),
  'video.propose': defineCall(
    'video.propose',
    'Detect speech (Silero VAD) and add each segment as a proposed instance for the acting annotator; segments already proposed (or rejected) are skipped. Long: progress and cancel.',
    z.object({ videoId: Id, vad: VadTuning.default({}), ...inSession }).strict(),
    z.object({ created: z.array(VideoInstance), skipped: z.number().int().nonnegative(), durationMs: z.number().int(), model: z.object({ id: z.string(), version: z.string(), sha256: z.string() }) }),
  ),
  'video.importTranscript': defineCall(
    'video.importTranscript',
    'Import a WebVTT or SRT transcript: cues are aligned by time to the acting annotator’s instances (filling empty transcripts, or all with overwrite); cues outside every instance become new instances (source import) unless createUnassigned is false.',
    z
      .object({
        videoId: Id,
        text: z.string().max(20_000_000),
        fileName: z.string().max(500).default('transcript'),
        overwrite: z.boolean().default(false),
        createUnassigned: z.boolean().default(true),
        ...inSession,
      })
      .strict(),
    z.object({ cues: z.number().int(), filled: z.number().int(), created: z.number().int(), unassigned: z.number().int() }),
  ),
  'video.agreement': defineCall(
    'video.agreement',
    'Agreement of two annotators on one video: instances paired by temporal IoU, Cohen’s kappa and PABAK per label, temporal overlap.',
    z.object({ videoId: Id, annotatorA: Id, annotatorB: Id, minIoU: z.number().gt(0).max(1).default(0.1) }).strict(),
    VideoAgreement,
  ),
  'video.nameFlags': defineCall(
    'video.nameFlags',
    'Names found in the transcripts that an export would include (the project’s list of names and capitalised words inside sentences).',
    ExportScope.strict().refine(oneScope, SCOPE_MESSAGE),
    z.array(NameFlagRow),
  ),
  'video.export': defineCall(
    'video.export',
    'Write the accepted instances of a video (or of every video of a case) as CSV, JSON Lines, WebVTT, ELAN .eaf and clips into a folder; names in transcripts are replaced by [NAME] and people by pseudonyms unless asked otherwise. Long: progress and cancel.',
    ExportScope.extend({
      formats: z.array(VideoExportFormat).min(1, 'Choose at least one format.'),
      /** A folder that does not exist yet or is empty; default: <data dir>/exports/video-<id>-<time>. */
      outDir: z.string().min(1).optional(),
      clipsPaddingS: z.number().min(0).max(600).default(5),
      redactNames: z.boolean().default(true),
      /** Case and annotator names as stable pseudonyms (default) or as they are. */
      deidentify: z.boolean().default(true),
      annotatorId: Id.optional(),
    })
      .strict()
      .refine(oneScope, SCOPE_MESSAGE),
    VideoExportResult,
  ),
  'video.trainEffectiveness': defineCall(
    'video.trainEffectiveness',
    'Train the effectiveness model (logistic regression over transcript n-grams and motion change) on the project’s labelled instances; k-fold cross-validated AUROC, out-of-fold predictions with abstention, and the model as ONNX with a card. Long: progress and cancel.',
    z.object({ projectId: Id, k: z.number().int().min(2).max(10).default(5), useMotion: z.boolean().default(true) }).strict(),
    EffectivenessRun,
  ),
  'video.effectiveness': defineCall(
    'video.effectiveness',
    'The project’s latest effectiveness training (null before the first).',
    z.object({ projectId: Id }).strict(),
    EffectivenessRun.nullable(),
  ),
  'video.predictEffectiveness': defineCall(
    'video.predictEffectiveness',
    'Effectiveness predictions for the accepted instances of a video from the project’s latest training: out-of-fold ones for unchanged training instances, and for every other instance (unlabelled, new, or changed since) the trained ONNX model run by ONNX Runtime in a worker thread (its card checked first). null before the first training.',
    z.object({ videoId: Id }).strict(),
    z
      .object({
        runId: Id,
        trainedAt: IsoTime,
        model: z.object({ name: z.string(), version: z.string(), sha256: z.string() }),
        abstainMargin: z.number(),
        predictions: z.array(EffectivenessPrediction),
      })
      .nullable(),
  ),
  'video.speechModels': defineCall(
    'video.speechModels',
    'Speech-recognition models installed (task speech-recognition in their card), each checked against its card like any model. Sightline lists and validates them; it does not run them yet: transcripts come from WebVTT/SRT import.',
    z.object({}).strict(),
    z.object({
      models: z.array(z.object({ id: z.string(), name: z.string(), version: z.string(), status: z.enum(['ok', 'refused']), problem: z.string().nullable(), sampleRate: z.number().nullable() })),
      transcribes: z.literal(false),
    }),
  ),
  'video.library': defineCall(
    'video.library',
    'Duration, picture size and a thumbnail URL for each video of a case; each video is probed with ffmpeg once and the figures are stored in the library.',
    z.object({ caseId: Id }).strict(),
    z.array(
      z.object({
        videoId: Id,
        durationMs: z.number().int().nonnegative().nullable(),
        width: z.number().int().nonnegative().nullable(),
        height: z.number().int().nonnegative().nullable(),
        /** A still from the first seconds (resource URL), null without a picture. */
        thumbnail: z.string().nullable(),
        /** Why it could not be read (the file moved, is damaged…), else null. */
        problem: z.string().nullable(),
      }),
    ),
  ),
  'video.events.append': defineCall(
    'video.events.append',
    'Store one batch of the annotator’s playback actions (play, pause, seek, rate…) in one transaction; acknowledged after commit; a batch already stored is acknowledged again without storing it twice.',
    z
      .object({
        videoId: Id,
        /** One id per player session (a UUID made by the player). */
        session: SessionId,
        seq: z.number().int().nonnegative(),
        events: z.array(PlaybackEvent).max(MAX_PLAYBACK_BATCH),
      })
      .strict(),
    z.object({ seq: z.number().int(), stored: z.number().int().nonnegative(), duplicate: z.boolean() }),
  ),
  'video.events.list': defineCall(
    'video.events.list',
    'The events of the sessions on a video, in time order: the playback actions and the changes to its feedback (all users unless one is named; playback or edits only on request).',
    z.object({ videoId: Id, userId: Id.optional(), kinds: z.enum(['all', 'playback', 'edits']).default('all') }).strict(),
    z.array(StoredVideoEvent),
  ),
} as const;

/**
 * The waveform resource's bytes: "SLWF", u32 bucket count n, f32 ms per bucket, then n int8 minima and n int8
 * maxima (−127…127 for −1…1), little-endian. About 200 bytes per second of media at 100 buckets/s.
 */
export interface WaveformData {
  bucketMs: number;
  min: Int8Array;
  max: Int8Array;
}

export function encodeWaveform(bucketMs: number, min: ArrayLike<number>, max: ArrayLike<number>): Uint8Array {
  const n = min.length;
  const out = new Uint8Array(12 + 2 * n);
  const view = new DataView(out.buffer);
  out.set([0x53, 0x4c, 0x57, 0x46]);
  view.setUint32(4, n, true);
  view.setFloat32(8, bucketMs, true);
  const q = (v: number) => Math.max(-127, Math.min(127, Math.round((Number.isFinite(v) ? v : 0) * 127)));
  for (let i = 0; i < n; i++) {
    view.setInt8(12 + i, q(min[i]));
    view.setInt8(12 + n + i, q(max[i]));
  }
  return out;
}

export function decodeWaveform(bytes: ArrayBuffer | Uint8Array): WaveformData {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length < 12 || u8[0] !== 0x53 || u8[1] !== 0x4c || u8[2] !== 0x57 || u8[3] !== 0x46) throw new Error('not a Sightline waveform');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const n = view.getUint32(4, true);
  if (u8.length < 12 + 2 * n) throw new Error('the waveform is cut short');
  const bucketMs = view.getFloat32(8, true);
  const min = new Int8Array(u8.buffer.slice(u8.byteOffset + 12, u8.byteOffset + 12 + n));
  const max = new Int8Array(u8.buffer.slice(u8.byteOffset + 12 + n, u8.byteOffset + 12 + 2 * n));
  return { bucketMs, min, max };
}

/** Resource paths below /res/. */
export const VIDEOS_RESOURCE_ROOT = 'videos/';
export const videoMediaPath = (id: number) => `${VIDEOS_RESOURCE_ROOT}${id}/media`;
export const videoWaveformPath = (id: number) => `${VIDEOS_RESOURCE_ROOT}${id}/waveform.bin`;
export const videoThumbnailTemplate = (id: number) => `${VIDEOS_RESOURCE_ROOT}${id}/thumb/{ms}.jpg`;
