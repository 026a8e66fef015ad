import { formatTimecode } from './timecode';
import { writeCsv } from './csv';
import { writeVtt } from './subtitles';
import { categoryColumn, DEFAULT_FEEDBACK_VOCABULARY, isEffective, responseColumn, type FeedbackInstance, type FeedbackVocabulary, type VocabularyItem } from './schema';

/** What an export needs per instance: the instance plus names resolved from the library. */
export interface FeedbackExportRow {
  instance: Pick<
    FeedbackInstance,
    'id' | 'startMs' | 'endMs' | 'speaker' | 'transcript' | 'categories' | 'trigger' | 'traineeResponses' | 'noTraineeResponse' | 'trainerReaction' | 'note' | 'source' | 'vadP'
  >;
  /** The case's name (or a pseudonymous id in a de-identified export). */
  caseName: string;
  /** The annotator's name or pseudonym. */
  annotator: string;
  /** Name of the video file (JSON Lines only). */
  video?: string;
}

function label(items: VocabularyItem[], key: string | null): string {
  if (key === null) return '';
  return items.find((i) => i.key === key)?.label ?? key;
}

/** CSV columns for a vocabulary; with the defaults: case, start, end, fbk_time, speaker, transcript, f_anatomic … r_t_clarify, trainer_reaction, annotator. */
export function csvColumns(v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): string[] {
  return [
    'case', 'start', 'end', 'fbk_time', 'speaker', 'transcript',
    ...v.categories.map(categoryColumn),
    ...v.traineeResponses.map(responseColumn),
    'trainer_reaction', 'annotator',
  ];
}

const byTime = (a: FeedbackExportRow, b: FeedbackExportRow) =>
  a.caseName.localeCompare(b.caseName) || a.instance.startMs - b.instance.startMs || a.instance.endMs - b.instance.endMs || a.instance.id - b.instance.id;

/**
 * One row per instance. start and end are ms from the start of the video; fbk_time is the start as
 * hh:mm:ss.mmm; label columns are 1/0; speaker and trainer_reaction are vocabulary keys.
 */
export function exportCsv(rows: readonly FeedbackExportRow[], v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): string {
  return writeCsv(
    csvColumns(v),
    [...rows].sort(byTime).map(({ instance: i, caseName, annotator }) => [
      caseName,
      i.startMs,
      i.endMs,
      formatTimecode(i.startMs),
      i.speaker,
      i.transcript,
      ...v.categories.map((c) => i.categories.includes(c.key)),
      ...v.traineeResponses.map((r) => i.traineeResponses.includes(r.key)),
      i.trainerReaction ?? '',
      annotator,
    ]),
  );
}

/**
 * One JSON object per line, every field, labels as key lists, plus `effective` (the prediction target; null while
 * the trainee response is not labelled).
 */
export function exportJsonl(rows: readonly FeedbackExportRow[], v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): string {
  return [...rows]
    .sort(byTime)
    .map(({ instance: i, caseName, annotator, video }) =>
      JSON.stringify({
        id: i.id,
        case: caseName,
        ...(video !== undefined ? { video } : {}),
        startMs: i.startMs,
        endMs: i.endMs,
        speaker: i.speaker,
        transcript: i.transcript,
        categories: i.categories,
        trigger: i.trigger,
        traineeResponses: i.traineeResponses,
        noTraineeResponse: i.noTraineeResponse === true,
        trainerReaction: i.trainerReaction,
        effective: isEffective(i, v),
        note: i.note,
        source: i.source,
        vadP: i.vadP,
        annotator,
      }),
    )
    .map((l) => `${l}\n`)
    .join('');
}

/** Labels of an instance in words, e.g. "categories: Anatomic, Technical; response: Behavioral Adjustment; reaction: Approval". */
export function labelSummary(i: FeedbackExportRow['instance'], v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): string {
  const parts: string[] = [];
  if (i.categories.length) parts.push(`categories: ${i.categories.map((k) => label(v.categories, k)).join(', ')}`);
  if (i.traineeResponses.length) parts.push(`response: ${i.traineeResponses.map((k) => label(v.traineeResponses, k)).join(', ')}`);
  else if (i.noTraineeResponse) parts.push('response: none');
  if (i.trainerReaction) parts.push(`reaction: ${label(v.trainerReactions, i.trainerReaction)}`);
  return parts.join('; ');
}

/** WebVTT subtitles of one video: the transcript under a voice tag of the speaker, labels in a NOTE before each cue. */
export function exportVtt(rows: readonly FeedbackExportRow[], v: FeedbackVocabulary = DEFAULT_FEEDBACK_VOCABULARY): string {
  return writeVtt(
    [...rows].sort(byTime).map(({ instance: i }) => ({
      id: `instance-${i.id}`,
      startMs: i.startMs,
      endMs: i.endMs,
      text: i.transcript,
      speaker: label(v.speakers, i.speaker),
      note: labelSummary(i, v) || null,
    })),
  );
}
