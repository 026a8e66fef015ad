import { describe, expect, it } from 'vitest';
import { binOf, deriveCommands, DEFAULT_BEHAVIOR_CONFIG, magnificationOf } from '../../../shared/behavior';
import { makeSlide, Stream } from './streams';

const BINS = DEFAULT_BEHAVIOR_CONFIG.magnificationBins;

describe('magnification bins (nearest on a log scale)', () => {
  it.each([
    [0.5, 1.25],
    [1.7, 1.25],
    [1.8, 2.5],
    [7, 5],
    [7.2, 10],
    [14, 10],
    [14.2, 20],
    [28, 20],
    [28.3, 40],
    [40, 40],
    [60, 40],
    [400, 40],
  ])('%s× goes to the %s× bin', (m, bin) => {
    expect(binOf(m, BINS)).toBe(bin);
  });

  it('a magnification exactly between two bins goes to the higher one', () => {
    expect(binOf(Math.sqrt(5 * 10), BINS)).toBe(10);
  });

  it.each([
    [7, 'inspect', 5],
    [7.2, 'inspect', 10],
    [28, 'inspect', 20],
    [40, 'peek', 40],
    [60, 'peek', 40],
  ] as const)('a dwell at %s× is an %s at %s×', (m, kind, bin) => {
    const s = new Stream().view(0, 50_000, 40_000, m).end(2000);
    expect(deriveCommands(s.session())).toMatchObject([{ kind, magnification: bin }]);
  });

  it('peekMinMagnification moves the peek line', () => {
    const s = new Stream().view(0, 50_000, 40_000, 20).end(2000);
    expect(deriveCommands(s.session(), { peekMinMagnification: 20 })).toMatchObject([{ kind: 'peek', magnification: 20 }]);
  });
});

describe('magnification from zoom', () => {
  it('uses the objective power when it is known (even with an mpp)', () => {
    expect(magnificationOf(makeSlide({ objectivePower: 20, mpp: 0.25 }), 0.5, DEFAULT_BEHAVIOR_CONFIG)).toBe(10);
  });

  it('falls back to 10 / (mpp / zoom) without an objective power', () => {
    expect(magnificationOf(makeSlide({ objectivePower: null, mpp: 0.5 }), 0.5, DEFAULT_BEHAVIOR_CONFIG)).toBe(10);
    expect(magnificationOf(makeSlide({ objectivePower: undefined, mpp: 0.25 }), 1, DEFAULT_BEHAVIOR_CONFIG)).toBe(40);
  });

  it('the same zoom lands in different bins for objective and mpp slides', () => {
    const dwell = (slide: ReturnType<typeof makeSlide>) => {
      const s = new Stream(slide);
      s.events.push({ type: 'viewport', t: 0, cx: 500, cy: 500, x0: 0, y0: 0, x1: 1000, y1: 1000, zoom: 0.5, rotation: 0, dpr: 1, cw: 500, ch: 500 });
      return deriveCommands(s.end(2000).session())[0].magnification;
    };
    expect(dwell(makeSlide({ objectivePower: 20, mpp: 0.25 }))).toBe(10);
    expect(dwell(makeSlide({ objectivePower: null, mpp: 0.25 }))).toBe(20);
  });
});
