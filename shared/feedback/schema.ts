import { z } from 'zod';

/**
 * Surgical feedback: a feedback instance is a trainer utterance meant to change the trainee's thinking or
 * behaviour. Label sets (vocabularies) are per project and editable; the defaults follow the published
 * surgical-feedback schema. Field names map one-to-one to columns of a `feedback_instances` table
 * (camelCase here, snake_case there; lists stored as JSON arrays), see docs/video.md.
 */

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'Keys are lower-case letters, digits and _, starting with a letter.');
const Column = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'Column names are lower-case letters, digits and _, starting with a letter.');

export const VocabularyItem = z.object({
  key: Key,
  label: z.string().trim().min(1).max(80),
  /** Binary export column for multi-label families (e.g. f_anatomic); defaults to <prefix><key>. */
  column: Column.optional(),
  description: z.string().max(500).optional(),
  /** One key that toggles this label in the player (optional). */
  hotkey: z.string().length(1).optional(),
});
export type VocabularyItem = z.infer<typeof VocabularyItem>;

export const SpeakerRole = z.enum(['trainer', 'trainee', 'other']);
export type SpeakerRole = z.infer<typeof SpeakerRole>;

export const SpeakerItem = VocabularyItem.extend({ role: SpeakerRole });
export type SpeakerItem = z.infer<typeof SpeakerItem>;

export const FeedbackVocabulary = z
  .object({
    version: z.literal(1),
    /** Who speaks: trainer and trainee ids (people or roles). */
    speakers: z.array(SpeakerItem).min(1),
    /** Content of the feedback; multi-label. */
    categories: z.array(VocabularyItem),
    /** How the trainee responds; multi-label. "No response" is a separate flag of the instance (noTraineeResponse). */
    traineeResponses: z.array(VocabularyItem),
    /** How the trainer reacts to the response; one or none. */
    trainerReactions: z.array(VocabularyItem),
    /** Suggested triggers (what prompted the feedback); the field stays free text. */
    triggers: z.array(VocabularyItem),
    /** The trainee response that makes an instance "effective" (the prediction target). */
    effectiveResponse: Key,
  })
  .superRefine((v, ctx) => {
    const families = [
      ['speakers', v.speakers],
      ['categories', v.categories],
      ['traineeResponses', v.traineeResponses],
      ['trainerReactions', v.trainerReactions],
      ['triggers', v.triggers],
    ] as const;
    for (const [name, items] of families) {
      const seen = new Set<string>();
      for (const it of items) {
        if (seen.has(it.key)) ctx.addIssue({ code: 'custom', path: [name], message: `The key "${it.key}" appears twice in ${name}.` });
        seen.add(it.key);
      }
    }
    const columns = new Set<string>(FIXED_CSV_COLUMNS);
    for (const [name, prefix] of [['categories', 'f_'], ['traineeResponses', 'r_t_']] as const) {
      for (const it of v[name]) {
        const c = it.column ?? prefix + it.key;
        if (columns.has(c)) ctx.addIssue({ code: 'custom', path: [name], message: `The export column "${c}" is used twice.` });
        columns.add(c);
      }
    }
    if (!v.traineeResponses.some((r) => r.key === v.effectiveResponse)) {
      ctx.addIssue({ code: 'custom', path: ['effectiveResponse'], message: `effectiveResponse "${v.effectiveResponse}" is not one of the trainee responses.` });
    }
  });
export type FeedbackVocabulary = z.infer<typeof FeedbackVocabulary>;

/** CSV columns that do not depend on the vocabulary (before the label columns, and after them). */
export const FIXED_CSV_COLUMNS = ['case', 'start', 'end', 'fbk_time', 'speaker', 'transcript', 'trainer_reaction', 'annotator'] as const;

export const DEFAULT_FEEDBACK_VOCABULARY: FeedbackVocabulary = Object.freeze({
  version: 1,
  speakers: [
    { key: 'trainer', label: 'Trainer', role: 'trainer' },
    { key: 'trainee', label: 'Trainee', role: 'trainee' },
  ],
  categories: [
    { key: 'anatomic', label: 'Anatomic', column: 'f_anatomic', hotkey: '1', description: 'About anatomy: structures, planes, landmarks.' },
    { key: 'procedural', label: 'Procedural', column: 'f_procedural', hotkey: '2', description: 'About the steps and their order.' },
    { key: 'technical', label: 'Technical', column: 'f_technical', hotkey: '3', description: 'About how to handle instruments and tissue.' },
    { key: 'praise', label: 'Praise', column: 'f_praise', hotkey: '4' },
    { key: 'criticism', label: 'Criticism', column: 'f_criticism', hotkey: '5' },
    { key: 'visual_aid', label: 'Visual Aid', column: 'f_visual_aid', hotkey: '6', description: 'The trainer points, draws or uses the telestrator.' },
  ],
  traineeResponses: [
    { key: 'verbal_acknowledgment', label: 'Verbal Acknowledgment', column: 'r_t_verb' },
    { key: 'behavioral_adjustment', label: 'Behavioral Adjustment', column: 'r_t_beh' },
    { key: 'ask_for_clarification', label: 'Ask for Clarification', column: 'r_t_clarify' },
  ],
  trainerReactions: [
    { key: 'approval', label: 'Approval' },
    { key: 'disapproval', label: 'Disapproval' },
    { key: 'taking_control_non_safety', label: 'Taking Control – non-safety' },
    { key: 'taking_control_safety', label: 'Taking Control – safety' },
  ],
  triggers: [],
  effectiveResponse: 'behavioral_adjustment',
}) as FeedbackVocabulary;

const Ms = z.number().int().nonnegative();

export const FeedbackSource = z.enum(['manual', 'vad', 'import']);
export type FeedbackSource = z.infer<typeof FeedbackSource>;

/** One feedback instance as stored (one row of feedback_instances). */
export const FeedbackInstance = z
  .object({
    id: z.number().int().positive(),
    videoId: z.number().int().positive(),
    /** The annotator (users.id) who owns this instance. */
    annotatorId: z.number().int().positive(),
    startMs: Ms,
    endMs: Ms,
    /** A speaker key of the project's vocabulary. */
    speaker: Key,
    transcript: z.string().max(20_000),
    categories: z.array(Key),
    trigger: z.string().max(500),
    traineeResponses: z.array(Key),
    /**
     * The annotator marked that the trainee did not respond (traineeResponses is then empty). An empty list without
     * this flag means the response is not labelled yet.
     */
    noTraineeResponse: z.boolean().optional(),
    trainerReaction: Key.nullable(),
    note: z.string().max(20_000),
    /** How it came to be: marked by hand, proposed by voice activity detection, or imported. */
    source: FeedbackSource,
    /** The VAD's mean speech probability for proposed instances. */
    vadP: z.number().min(0).max(1).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .refine((i) => i.endMs > i.startMs, { message: 'An instance must end after it starts.', path: ['endMs'] });
export type FeedbackInstance = z.infer<typeof FeedbackInstance>;

/** Who is at the console during an interval (one row of console_intervals). */
export const ConsoleInterval = z
  .object({
    id: z.number().int().positive(),
    videoId: z.number().int().positive(),
    annotatorId: z.number().int().positive(),
    startMs: Ms,
    endMs: Ms,
    /** A speaker key (trainer or trainee) of the vocabulary. */
    speaker: Key,
  })
  .refine((i) => i.endMs > i.startMs, { message: 'An interval must end after it starts.', path: ['endMs'] });
export type ConsoleInterval = z.infer<typeof ConsoleInterval>;

/** Checks an instance's labels against a vocabulary; returns problems in words (empty when fine). */
export function checkLabels(i: Pick<FeedbackInstance, 'speaker' | 'categories' | 'traineeResponses' | 'trainerReaction'>, v: FeedbackVocabulary): string[] {
  const problems: string[] = [];
  const has = (items: VocabularyItem[], k: string) => items.some((it) => it.key === k);
  if (!has(v.speakers, i.speaker)) problems.push(`unknown speaker "${i.speaker}"`);
  for (const c of i.categories) if (!has(v.categories, c)) problems.push(`unknown category "${c}"`);
  for (const r of i.traineeResponses) if (!has(v.traineeResponses, r)) problems.push(`unknown trainee response "${r}"`);
  if (i.trainerReaction !== null && !has(v.trainerReactions, i.trainerReaction)) problems.push(`unknown trainer reaction "${i.trainerReaction}"`);
  if (new Set(i.categories).size !== i.categories.length) problems.push('a category is listed twice');
  if (new Set(i.traineeResponses).size !== i.traineeResponses.length) problems.push('a trainee response is listed twice');
  return problems;
}

/** Whether the trainee response of an instance has been labelled: some response, or "no response" said explicitly. */
export function hasResponseLabel(i: Pick<FeedbackInstance, 'traineeResponses' | 'noTraineeResponse'>): boolean {
  return i.traineeResponses.length > 0 || i.noTraineeResponse === true;
}

/**
 * Effectiveness (the prediction target): the trainee adjusted their behaviour. null while the response is not
 * labelled: such an instance is neither a positive nor a negative example, it is one to predict for.
 */
export function isEffective(i: Pick<FeedbackInstance, 'traineeResponses' | 'noTraineeResponse'>, v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): boolean | null {
  if (!hasResponseLabel(i)) return null;
  return i.traineeResponses.includes(v.effectiveResponse);
}

export function categoryColumn(it: VocabularyItem): string {
  return it.column ?? `f_${it.key}`;
}
export function responseColumn(it: VocabularyItem): string {
  return it.column ?? `r_t_${it.key}`;
}
