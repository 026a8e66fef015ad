export type ProposalOrderKind = 'score' | 'uncertainty';

export interface OrderableProposal {
  id: number;
  score: number;
  confidence: number;
  abstain: boolean;
}

/**
 * "score": most probable first. "uncertainty": the ones the model abstained on first, then from least to most
 * confident (as the review queue orders model items), so an expert sees the doubtful ones first.
 */
export function orderProposals<T extends OrderableProposal>(list: readonly T[], order: ProposalOrderKind): T[] {
  const sorted = [...list];
  if (order === 'score') return sorted.sort((a, b) => b.score - a.score || a.id - b.id);
  return sorted.sort((a, b) => Number(b.abstain) - Number(a.abstain) || a.confidence - b.confidence || b.score - a.score || a.id - b.id);
}

/** Magnifications a reviewer steps through. */
export const REVIEW_MAGNIFICATIONS = [1.25, 2.5, 5, 10, 20, 40] as const;

/**
 * The magnification an accepted proposal is reviewed at: the highest step at which the whole box still fits in
 * about `viewPx` screen pixels (at least the lowest step, at most the slide's own objective power).
 */
export function reviewMagnification(box: readonly number[], baseMagnification: number, viewPx = 1000): number {
  const side = Math.max(box[2] - box[0], box[3] - box[1], 1);
  const fits = (baseMagnification * viewPx) / side;
  const steps = REVIEW_MAGNIFICATIONS.filter((m) => m <= baseMagnification);
  if (steps.length === 0) return baseMagnification;
  return steps.filter((m) => m <= fits).at(-1) ?? steps[0];
}
