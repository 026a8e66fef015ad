import { describe, expect, it } from 'vitest';
import { agreementFromTable, agreementReport, binaryAgreement, matchInstances, nominalAgreement, temporalOverlap, type LabelledInstance } from '../../../shared/feedback/agreement';
import { DEFAULT_FEEDBACK_VOCABULARY } from '../../../shared/feedback/schema';

const rep = (n: number, v: boolean) => Array<boolean>(n).fill(v);

describe("Cohen's kappa and PABAK on a binary label", () => {
  it('match the hand-computed values of a 2×2 table (20 / 5 / 10 / 15)', () => {
    // po = 35/50 = 0.7; A says yes 25/50, B 30/50; pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4; PABAK = 0.4.
    const a = [...rep(20, true), ...rep(5, true), ...rep(10, false), ...rep(15, false)];
    const b = [...rep(20, true), ...rep(5, false), ...rep(10, true), ...rep(15, false)];
    const r = binaryAgreement(a, b);
    expect(r).toMatchObject({ n: 50, both: 20, onlyA: 5, onlyB: 10, neither: 15 });
    expect(r.po).toBeCloseTo(0.7, 12);
    expect(r.pe).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(r.pabak).toBeCloseTo(0.4, 12);
    expect(r.biasIndex).toBeCloseTo(-0.1, 12);
  });

  it('show the prevalence paradox: high raw agreement, negative kappa, PABAK still high', () => {
    // 40 both, 5 + 5 disagreements, 0 neither: po = 0.8, pe = 0.9² + 0.1² = 0.82, κ = −0.02/0.18 = −1/9, PABAK = 0.6.
    const r = agreementFromTable(40, 5, 5, 0);
    expect(r.kappa).toBeCloseTo(-1 / 9, 12);
    expect(r.pabak).toBeCloseTo(0.6, 12);
    expect(r.prevalenceIndex).toBeCloseTo(0.8, 12);
  });

  it('is undefined (null) when both raters never use the label, and 1 for perfect agreement', () => {
    expect(binaryAgreement(rep(6, false), rep(6, false)).kappa).toBeNull();
    expect(binaryAgreement(rep(6, false), rep(6, false)).pabak).toBe(1);
    expect(binaryAgreement([true, false, true], [true, false, true]).kappa).toBe(1);
    expect(() => binaryAgreement([true], [true, false])).toThrow(/different numbers of units/);
  });

  it('handles one nominal choice per unit (trainer reaction), none counting as a category', () => {
    // 3×3 table (approval, disapproval, none): diag 4, 3, 2 of n = 12; po = 0.75.
    const a = ['approval', 'approval', 'approval', 'approval', 'approval', 'disapproval', 'disapproval', 'disapproval', null, null, null, 'disapproval'];
    const b = ['approval', 'approval', 'approval', 'approval', 'disapproval', 'disapproval', 'disapproval', 'disapproval', null, null, 'approval', null];
    const r = nominalAgreement(a, b);
    // A: approval 5, disapproval 4, none 3; B: approval 5, disapproval 4, none 3. pe = (25 + 16 + 9) / 144.
    const pe = 50 / 144;
    expect(r.po).toBeCloseTo(9 / 12, 12);
    expect(r.pe).toBeCloseTo(pe, 12);
    expect(r.kappa).toBeCloseTo((0.75 - pe) / (1 - pe), 12);
    expect(r.pabak).toBeCloseTo((3 * 0.75 - 1) / 2, 12);
  });
});

describe('temporal overlap of two annotators', () => {
  const A = [
    { startMs: 1000, endMs: 5000 },
    { startMs: 7000, endMs: 10000 },
    { startMs: 20000, endMs: 21000 },
  ];
  const B = [
    { startMs: 1500, endMs: 5000 },
    { startMs: 7500, endMs: 11000 },
    { startMs: 30000, endMs: 31000 },
    { startMs: 9000, endMs: 9500 },
  ];

  it('pairs instances one-to-one by IoU and leaves the rest unmatched', () => {
    const m = matchInstances(A, B);
    expect(m.pairs).toEqual([
      { a: 0, b: 0, iou: 3500 / 4000 },
      { a: 1, b: 1, iou: 2500 / 4000 },
    ]);
    expect(m.unmatchedA).toEqual([2]);
    // B[3] lies inside A[1] but A[1] is taken by the better match.
    expect(m.unmatchedB).toEqual([2, 3]);
    expect(matchInstances(A, B, 0.7).pairs).toHaveLength(1);
  });

  it('reports matched share, mean IoU and time IoU', () => {
    const t = temporalOverlap(A, B);
    expect(t).toMatchObject({ countA: 3, countB: 4, matched: 2 });
    expect(t.meanIoU).toBeCloseTo((0.875 + 0.625) / 2, 12);
    expect(t.f1).toBeCloseTo(4 / 7, 12);
    // Both: 3500 + 2500 = 6000 ms; A: 8000; B: 3500 + 3500 + 1000 = 8000 (B[3] inside B[1]); either: 10000.
    expect(t.timeIoU).toBeCloseTo(0.6, 12);
    expect(t.overlapOfA).toBeCloseTo(0.75, 12);
  });
});

describe('agreementReport', () => {
  const inst = (startMs: number, endMs: number, categories: string[], traineeResponses: string[] = [], trainerReaction: string | null = null): LabelledInstance => ({
    startMs,
    endMs,
    speaker: 'trainer',
    categories,
    traineeResponses,
    trainerReaction,
  });

  it('gives kappa per label over matched pairs and unmatched instances', () => {
    const a = [inst(0, 1000, ['anatomic']), inst(2000, 3000, ['anatomic', 'praise'], ['behavioral_adjustment'], 'approval'), inst(5000, 6000, ['technical'])];
    const b = [inst(100, 1000, ['anatomic']), inst(2000, 2900, ['praise'], ['behavioral_adjustment'], 'approval')];
    const r = agreementReport(a, b, DEFAULT_FEEDBACK_VOCABULARY);
    expect(r.units).toBe(3);
    expect(r.labels.map((l) => l.key)).toEqual(['anatomic', 'procedural', 'technical', 'praise', 'criticism', 'visual_aid', 'verbal_acknowledgment', 'behavioral_adjustment', 'ask_for_clarification']);
    const by = Object.fromEntries(r.labels.map((l) => [l.key, l]));
    // anatomic: A = [1,1,0], B = [1,0,0]: po = 2/3, pe = (2/3)(1/3) + (1/3)(2/3) = 4/9, κ = (2/3 − 4/9)/(5/9) = 0.4.
    expect(by.anatomic.kappa).toBeCloseTo(0.4, 12);
    expect(by.praise.kappa).toBe(1);
    expect(by.procedural.kappa).toBeNull();
    // technical: A = [0,0,1], B = [0,0,0]: po = 2/3, pe = 2/3, κ = 0.
    expect(by.technical.kappa).toBeCloseTo(0, 12);
    expect(by.technical.pabak).toBeCloseTo(1 / 3, 12);
    expect(r.trainerReaction.po).toBe(1);
    expect(r.speaker.n).toBe(2);
    expect(agreementReport(a, b, DEFAULT_FEEDBACK_VOCABULARY, { includeUnmatched: false }).units).toBe(2);
  });
});
