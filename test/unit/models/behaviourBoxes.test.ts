import { describe, expect, it } from 'vitest';
import { behaviourTrainingBoxes, lowPowerBoxes } from '../../../shared/models/behaviourBoxes';
import { orderProposals, reviewMagnification } from '../../../shared/models/proposalOrder';

const slide = { width: 10_000, height: 8_000 };

describe('training boxes from behaviour', () => {
  it('keeps only low-power views, clipped to the slide, without views inside other views', () => {
    const boxes = lowPowerBoxes(
      [
        { box: [-500, -500, 12_000, 9_000], magnification: 1.25 }, // the whole slide and beyond
        { box: [100, 100, 5_000, 4_000], magnification: 2.5 }, // inside the first
        { box: [2_000, 2_000, 2_600, 2_400], magnification: 10 }, // high power: not "seen at low power"
      ],
      slide,
    );
    expect(boxes).toEqual([[0, 0, 10_000, 8_000]]);
    const parts = lowPowerBoxes(
      [
        { box: [0, 0, 5_000.4, 4_000], magnification: 2.5 },
        { box: [5_000, 0, 10_000, 4_000], magnification: 3.4 },
        { box: [0, 4_000, 5_000, 8_000], magnification: 3.6 }, // 5× bin
      ],
      slide,
    );
    expect(parts).toEqual([
      [0, 0, 5_001, 4_000],
      [5_000, 0, 10_000, 4_000],
    ]);
  });

  it('takes inspect and peek boxes not deleted by a reviewer as looks', () => {
    const { looked, lookedKinds, negatives } = behaviourTrainingBoxes(
      [
        { kind: 'inspect', box: [1_000, 1_000, 2_000, 2_000] },
        { kind: 'peek', box: [1_200, 1_200, 1_400, 1_400] },
        { kind: 'inspect', box: [5_000, 5_000, 6_000, 6_000], deleted: true },
        { kind: 'inspect', box: [9_500, 7_500, 11_000, 9_000] },
      ],
      [{ box: [0, 0, 10_000, 8_000], magnification: 0.8 }],
      slide,
    );
    expect(looked).toEqual([
      [1_000, 1_000, 2_000, 2_000],
      [1_200, 1_200, 1_400, 1_400],
      [9_500, 7_500, 10_000, 8_000],
    ]);
    expect(lookedKinds).toEqual(['inspect', 'peek', 'inspect']);
    expect(negatives).toEqual([[0, 0, 10_000, 8_000]]);
  });

  it('takes decided proposals as accepted and rejected boxes, clipped, each distinct box once', () => {
    const b = behaviourTrainingBoxes([], [], slide, [
      { box: [100, 100, 400, 300], status: 'accepted' },
      { box: [100, 100, 400, 300], status: 'accepted' }, // the same box from another model version
      { box: [9_000, 7_000, 10_500, 8_500], status: 'rejected' },
      { box: [12_000, 9_000, 13_000, 9_500], status: 'rejected' }, // off the slide
    ]);
    expect(b.accepted).toEqual([[100, 100, 400, 300]]);
    expect(b.rejected).toEqual([[9_000, 7_000, 10_000, 8_000]]);
    // Nothing seen at low power: no negatives but the rejections.
    expect(b.negatives).toEqual([]);
    expect(b.looked).toEqual([]);
  });
});

describe('proposal order and review magnification', () => {
  const list = [
    { id: 1, score: 0.9, confidence: 0.7, abstain: false },
    { id: 2, score: 0.97, confidence: 0.9, abstain: false },
    { id: 3, score: 0.6, confidence: 0.1, abstain: true },
    { id: 4, score: 0.8, confidence: 0.4, abstain: false },
  ];
  it('orders by score, or abstentions first and then least confident first', () => {
    expect(orderProposals(list, 'score').map((p) => p.id)).toEqual([2, 1, 4, 3]);
    expect(orderProposals(list, 'uncertainty').map((p) => p.id)).toEqual([3, 4, 1, 2]);
  });
  it('reviews a box at the highest step where it fits about 1000 screen pixels', () => {
    expect(reviewMagnification([0, 0, 3_000, 2_000], 40)).toBe(10);
    expect(reviewMagnification([0, 0, 900, 500], 40)).toBe(40);
    expect(reviewMagnification([0, 0, 60_000, 500], 40)).toBe(1.25); // too big for any step: the lowest
    expect(reviewMagnification([0, 0, 300, 300], 5)).toBe(5);
  });
});
