import { describe, expect, it } from 'vitest';
import { checkLabels, DEFAULT_FEEDBACK_VOCABULARY, FeedbackInstance, FeedbackVocabulary, isEffective } from '../../../shared/feedback/schema';

const instance = {
  id: 1, videoId: 3, annotatorId: 2, startMs: 1500, endMs: 5060, speaker: 'trainer', transcript: 'Watch the ureter here.',
  categories: ['anatomic'], trigger: '', traineeResponses: ['behavioral_adjustment'], trainerReaction: 'approval', note: '',
  source: 'manual', vadP: null, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('feedback schema', () => {
  it('ships default vocabularies that validate and follow the published schema', () => {
    const v = FeedbackVocabulary.parse(DEFAULT_FEEDBACK_VOCABULARY);
    expect(v.categories.map((c) => c.label)).toEqual(['Anatomic', 'Procedural', 'Technical', 'Praise', 'Criticism', 'Visual Aid']);
    expect(v.traineeResponses.map((c) => c.label)).toEqual(['Verbal Acknowledgment', 'Behavioral Adjustment', 'Ask for Clarification']);
    expect(v.trainerReactions.map((c) => c.label)).toEqual(['Approval', 'Disapproval', 'Taking Control – non-safety', 'Taking Control – safety']);
  });

  it('rejects an edited vocabulary with duplicate keys, clashing columns or a missing effectiveness response', () => {
    const dup = { ...DEFAULT_FEEDBACK_VOCABULARY, categories: [...DEFAULT_FEEDBACK_VOCABULARY.categories, { key: 'praise', label: 'Again' }] };
    expect(FeedbackVocabulary.safeParse(dup).error?.issues[0].message).toBe('The key "praise" appears twice in categories.');
    const clash = { ...DEFAULT_FEEDBACK_VOCABULARY, categories: [...DEFAULT_FEEDBACK_VOCABULARY.categories, { key: 'x', label: 'X', column: 'f_praise' }] };
    expect(FeedbackVocabulary.safeParse(clash).error?.issues[0].message).toBe('The export column "f_praise" is used twice.');
    const fixedClash = { ...DEFAULT_FEEDBACK_VOCABULARY, categories: [{ key: 'x', label: 'X', column: 'speaker' }] };
    expect(FeedbackVocabulary.safeParse(fixedClash).success).toBe(false);
    const target = { ...DEFAULT_FEEDBACK_VOCABULARY, effectiveResponse: 'nodding' };
    expect(FeedbackVocabulary.safeParse(target).error?.issues[0].message).toMatch(/not one of the trainee responses/);
    expect(FeedbackVocabulary.safeParse({ ...DEFAULT_FEEDBACK_VOCABULARY, categories: [{ key: 'Bad Key', label: 'x' }] }).success).toBe(false);
  });

  it('validates instances: end after start, known labels, effectiveness from the response', () => {
    expect(FeedbackInstance.parse(instance).startMs).toBe(1500);
    expect(FeedbackInstance.safeParse({ ...instance, endMs: 1500 }).error?.issues[0].message).toBe('An instance must end after it starts.');
    expect(checkLabels(instance, DEFAULT_FEEDBACK_VOCABULARY)).toEqual([]);
    expect(checkLabels({ ...instance, categories: ['anatomic', 'anatomic', 'humour'], speaker: 'nurse', trainerReaction: 'shrug' }, DEFAULT_FEEDBACK_VOCABULARY)).toEqual([
      'unknown speaker "nurse"',
      'unknown category "humour"',
      'unknown trainer reaction "shrug"',
      'a category is listed twice',
    ]);
    expect(isEffective(instance)).toBe(true);
    expect(isEffective({ traineeResponses: ['verbal_acknowledgment'] })).toBe(false);
  });
});
