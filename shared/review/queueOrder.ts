import type { ItemKind } from './fields';

export type QueueOrder = 'queue' | 'uncertainty';

export interface Orderable {
  id: number;
  caseId: number;
  slideId: number;
  kind: ItemKind;
  ordinal: number;
  /** Model uncertainty (0 = sure, 1 = no idea); null for regions an expert looked at. */
  uncertainty: number | null;
  abstain: boolean;
}

function queueCompare(a: Orderable, b: Orderable): number {
  return a.caseId - b.caseId || a.slideId - b.slideId || Number(b.kind === 'impression') - Number(a.kind === 'impression') || a.ordinal - b.ordinal || a.id - b.id;
}

/**
 * "queue": case by case, slide by slide, the first impression first and then regions in order of first visit.
 * "uncertainty": model proposals the model abstained on first, then the others from most to least uncertain, then
 * everything without a model score in queue order.
 */
export function orderQueue<T extends Orderable>(items: readonly T[], order: QueueOrder): T[] {
  const sorted = [...items];
  if (order === 'queue') return sorted.sort(queueCompare);
  return sorted.sort((a, b) => {
    const ua = a.uncertainty;
    const ub = b.uncertainty;
    if ((ua === null) !== (ub === null)) return ua === null ? 1 : -1;
    if (ua !== null && ub !== null) {
      if (a.abstain !== b.abstain) return a.abstain ? -1 : 1;
      if (ua !== ub) return ub - ua;
    }
    return queueCompare(a, b);
  });
}

/** Uncertainty of a proposal: the one it states, else 1 − confidence, else none. */
export function uncertaintyOf(p: { uncertainty?: number | null; confidence?: number | null }): number | null {
  if (p.uncertainty !== undefined && p.uncertainty !== null) return p.uncertainty;
  if (p.confidence !== undefined && p.confidence !== null) return 1 - p.confidence;
  return null;
}
