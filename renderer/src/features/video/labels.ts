import type { VideoInstance } from '../../../../shared/contract';
import type { FeedbackVocabulary, VocabularyItem } from '../../../../shared/feedback/schema';

export function labelOf(items: readonly VocabularyItem[], key: string | null): string {
  if (key === null) return '';
  return items.find((i) => i.key === key)?.label ?? key;
}

/** What an instance's segment shows on the timeline: its categories, else the start of its transcript. */
export function instanceLabel(i: Pick<VideoInstance, 'categories' | 'transcript' | 'status'>, v: FeedbackVocabulary): string {
  const cats = i.categories.map((k) => labelOf(v.categories, k)).join(', ');
  const text = cats || i.transcript;
  return i.status === 'proposed' ? `proposal${text ? `: ${text}` : ''}` : text;
}
