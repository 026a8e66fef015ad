import { describe, expect, it } from 'vitest';
import { dashboardFigures, decisionFor, median, type ReviewFact } from '../../../shared/review/stats';
import { orderQueue, uncertaintyOf, type Orderable } from '../../../shared/review/queueOrder';

const fact = (reviewerId: number, mode: 'review' | 'manual', decision: 'accept' | 'edit' | 'reject', elapsedMs: number): ReviewFact => ({
  reviewerId,
  reviewerName: reviewerId === 1 ? 'Ada' : 'Ben',
  mode,
  decision,
  elapsedMs,
  editDistance: decision === 'edit' ? 10 : 0,
  keystrokes: decision === 'edit' ? 12 : 0,
});

describe('dashboard figures', () => {
  it('medians time per item in each mode, with acceptance and edit rates per reviewer', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const d = dashboardFigures([
      fact(1, 'review', 'accept', 4000),
      fact(1, 'review', 'edit', 8000),
      fact(1, 'review', 'reject', 2000),
      fact(1, 'manual', 'accept', 30000),
      fact(2, 'review', 'accept', 6000),
      fact(2, 'manual', 'edit', 40000),
    ]);
    expect(d.overall.review.items).toBe(4);
    expect(d.overall.review.medianMs).toBe(5000);
    expect(d.overall.manual.medianMs).toBe(35000);
    expect(d.speedup).toBe(7);
    expect(d.overall.review.acceptanceRate).toBe(0.5);
    expect(d.overall.review.editRate).toBe(0.25);
    expect(d.reviewers.map((r) => r.reviewerName)).toEqual(['Ada', 'Ben']);
    expect(d.reviewers[0].review.medianMs).toBe(4000);
    expect(d.reviewers[0].review.rejectionRate).toBeCloseTo(1 / 3);
    expect(d.reviewers[1].manual.items).toBe(1);
  });

  it('calls an unchanged text an accept and any change an edit', () => {
    expect(decisionFor({ why: 'a', findings: 'b' }, { why: 'a', findings: 'b' })).toBe('accept');
    expect(decisionFor({ why: 'a', findings: 'b' }, { why: 'a', findings: 'b.' })).toBe('edit');
  });
});

describe('queue order', () => {
  const item = (id: number, slideId: number, ordinal: number, uncertainty: number | null, abstain = false, kind: Orderable['kind'] = 'inspect'): Orderable => ({ id, caseId: 1, slideId, kind, ordinal, uncertainty, abstain });
  const items = [item(1, 1, 2, null), item(2, 1, 1, 0.2), item(3, 2, 1, 0.9), item(4, 1, 3, 0.5, true), item(5, 1, 0, null, false, 'impression')];

  it('goes slide by slide, impression first, then in order of first visit', () => {
    expect(orderQueue(items, 'queue').map((i) => i.id)).toEqual([5, 2, 1, 4, 3]);
  });

  it('puts abstentions first, then the most uncertain, then the regions without a model score', () => {
    expect(orderQueue(items, 'uncertainty').map((i) => i.id)).toEqual([4, 3, 2, 5, 1]);
    expect(uncertaintyOf({ confidence: 0.75 })).toBe(0.25);
    expect(uncertaintyOf({ uncertainty: 0.1, confidence: 0.75 })).toBe(0.1);
    expect(uncertaintyOf({})).toBeNull();
  });
});
