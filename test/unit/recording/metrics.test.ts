import { describe, expect, it } from 'vitest';
import { segment, DEFAULT_BEHAVIOR_CONFIG } from '../../../shared/behavior';
import { SessionMetrics } from '../../../shared/contract';
import { downsampleSeries, sessionMetrics } from '../../../shared/recording';
import { SLIDE, Stream } from './streams';

const metrics = (s: Stream, options?: Parameters<typeof sessionMetrics>[2]) => sessionMetrics(s.slide, s.events, options);

describe('session metrics: time', () => {
  // Active: 0–2 s, 5–6 s, 8–9 s, 80–81 s; cut out: blur 2–5 s, idle 6–8 s, the 71 s gap without events.
  const stream = () =>
    new Stream().view(0, 5000, 5000, 10).cursor(1000).mark('blur', 2000).mark('focus', 5000).mark('idle', 6000).mark('active', 8000).cursor(9000).view(80_000, 5000, 5000, 10).mark('end', 81_000);

  it('total time runs to the end; active time leaves out blur, hidden, idle and long gaps', () => {
    const m = metrics(stream());
    expect(m.totalMs).toBe(81_000);
    expect(m.activeMs).toBe(5000);
    expect(m.msPerBin['10']).toBe(5000);
    // The behaviour pipeline counts the same active time.
    expect(segment(SLIDE, stream().events, DEFAULT_BEHAVIOR_CONFIG).activeMs).toBe(5000);
  });

  it('takes the idle gap from the configuration', () => {
    expect(metrics(stream(), { config: { idleGapMs: 100_000 } }).activeMs).toBe(5000 + 71_000);
  });

  it('cuts out hidden pages, and a session with no events is all zeros', () => {
    const m = metrics(new Stream().view(0, 5000, 5000, 10).mark('hidden', 1000).mark('visible', 4000).mark('end', 5000));
    expect([m.totalMs, m.activeMs]).toEqual([5000, 2000]);
    const empty = metrics(new Stream());
    expect(SessionMetrics.omit({ sessionId: true }).parse(empty)).toEqual(empty);
    expect(empty).toMatchObject({ totalMs: 0, activeMs: 0, zoomMean: 0, zoomVariance: 0, fixations: 0, panDistancePx: 0, zoomIns: 0, zoomOuts: 0, seenAt10xShare: 0, magnificationSeries: [] });
  });
});

describe('session metrics: magnification and zoom', () => {
  it('spends active time per magnification bin (nearest on a log scale)', () => {
    const m = metrics(new Stream().view(0, 5000, 5000, 2.5).view(1000, 5000, 5000, 7.5).view(4000, 5000, 5000, 40).mark('end', 4500));
    expect(m.msPerBin).toEqual({ '1.25': 0, '2.5': 1000, '5': 0, '10': 3000, '20': 0, '40': 500 });
  });

  it('weights zoom mean and variance by time', () => {
    // zoom 0.25 (10×) for 1 s, zoom 0.5 (20×) for 3 s.
    const m = metrics(new Stream().view(0, 5000, 5000, 10).view(1000, 5000, 5000, 20).mark('end', 4000));
    expect(m.zoomMean).toBeCloseTo((0.25 + 3 * 0.5) / 4, 12);
    expect(m.zoomVariance).toBeCloseTo((1 * (0.25 - 0.4375) ** 2 + 3 * (0.5 - 0.4375) ** 2) / 4, 12);
    expect(m.magnificationMean).toBeCloseTo(17.5, 10);
  });

  it('counts zoom gestures, not samples: a smooth wheel zoom or a hotkey jump is one step', () => {
    const s = new Stream();
    let t = 0;
    // Smooth zoom from 2.5× to 10× in 20 samples 33 ms apart.
    for (let i = 0; i <= 20; i++) s.view((t += 33), 5000, 5000, 2.5 * 4 ** (i / 20));
    s.view((t += 2000), 5000, 5000, 40); // hotkey: 10× → 40×
    s.view((t += 2000), 5000, 5000, 2.5); // hotkey: 40× → 2.5×
    // Jitter of ±10 % is no zoom step.
    s.view((t += 2000), 5000, 5000, 2.75).view((t += 33), 5000, 5000, 2.5).view((t += 33), 5000, 5000, 2.75);
    // Two wheel zooms in a row with a pause between them are two steps.
    s.view((t += 2000), 5000, 5000, 4).view((t += 1000), 5000, 5000, 6);
    // A zoom in that turns straight into a zoom out is one of each.
    s.view((t += 2000), 5000, 5000, 12).view((t += 33), 5000, 5000, 3);
    expect(metrics(s)).toMatchObject({ zoomIns: 5, zoomOuts: 2 });
  });
});

describe('session metrics: movement and fixations', () => {
  it('sums the distance the view centre travelled, in level-0 px and mm', () => {
    const s = new Stream().view(0, 0, 0, 10).view(100, 3000, 4000, 10).view(200, 3000, 5000, 10);
    expect(metrics(s)).toMatchObject({ panDistancePx: 6000, panDistanceMm: 1.5 });
    const noMpp = new Stream({ ...SLIDE, mpp: null }).view(0, 0, 0, 10).view(100, 3000, 4000, 10);
    expect(metrics(noMpp)).toMatchObject({ panDistancePx: 5000, panDistanceMm: null });
  });

  it('counts a fixation for each view resting ≥ 300 ms with little movement', () => {
    // View width at 10× is 4000 px: moves under 400 px (10 %) keep resting.
    const still = new Stream().view(0, 5000, 5000, 10).view(150, 5100, 5000, 10).view(250, 5200, 5100, 10).mark('end', 320);
    expect(metrics(still).fixations).toBe(1);
    const tooShort = new Stream().view(0, 5000, 5000, 10).view(250, 9000, 5000, 10).mark('end', 500);
    expect(metrics(tooShort).fixations).toBe(0);
    // Panning at 30 Hz, 20 % of the view width per sample: never resting.
    const pan = new Stream();
    for (let i = 0; i < 60; i++) pan.view(i * 33, 5000 + i * 800, 5000, 10);
    expect(metrics(pan).fixations).toBe(0);
    // Rest, pan away, rest again; a zoom change of more than 10 % ends a rest too.
    const two = new Stream().view(0, 5000, 5000, 10).view(500, 12_000, 5000, 10).view(900, 12_000, 5000, 12).mark('end', 1300);
    expect(metrics(two).fixations).toBe(3);
  });

  it('adds the active parts of a rest on both sides of a blur', () => {
    const s = new Stream().view(0, 5000, 5000, 10).mark('blur', 200).mark('focus', 5000).mark('end', 5200);
    expect(metrics(s).fixations).toBe(1);
    const short = new Stream().view(0, 5000, 5000, 10).mark('blur', 100).mark('focus', 5000).mark('end', 5100);
    expect(metrics(short).fixations).toBe(0);
  });
});

describe('session metrics: coverage at ≥ 10×', () => {
  // 4000 × 3200 px views at 10×: 40 × 32 cells of 100 px out of 256 × 128.
  const tenX = () => new Stream().view(0, 2000, 1600, 10).mark('end', 1000);

  it('is the share of the slide seen at 10× or more', () => {
    expect(metrics(tenX())).toMatchObject({ seenAt10xShare: (40 * 32) / (256 * 128), seenAt10xBasis: 'slide' });
    // The same place at 5×, or at 10× while the window is in the background, counts nothing.
    expect(metrics(new Stream().view(0, 2000, 1600, 5).mark('end', 1000)).seenAt10xShare).toBe(0);
    expect(metrics(new Stream().mark('blur', 0).view(10, 2000, 1600, 10).mark('focus', 2000)).seenAt10xShare).toBe(0);
    // Looking twice at the same place does not count twice; a second place adds.
    const twice = tenX().events.slice(0, 1).concat(new Stream().view(500, 2000, 1600, 20).view(800, 6000, 1600, 10).mark('end', 1000).events);
    expect(sessionMetrics(SLIDE, twice).seenAt10xShare).toBeCloseTo((40 * 32 * 2) / (256 * 128), 12);
  });

  it('is the share of the tissue when a tissue mask is given', () => {
    const leftHalf = { cols: 2, rows: 1, cells: [1, 0] };
    expect(metrics(tenX(), { tissueMask: leftHalf })).toMatchObject({ seenAt10xShare: (40 * 32) / (128 * 128), seenAt10xBasis: 'tissue' });
    const rightHalf = { cols: 2, rows: 1, cells: [0, 1] };
    expect(metrics(tenX(), { tissueMask: rightHalf }).seenAt10xShare).toBe(0);
    // A mask with no tissue at all falls back to the slide.
    expect(metrics(tenX(), { tissueMask: { cols: 1, rows: 1, cells: [0] } }).seenAt10xBasis).toBe('slide');
    expect(() => metrics(tenX(), { tissueMask: { cols: 2, rows: 2, cells: [1] } })).toThrow(/needs 4 values/);
  });

  it('credits a view smaller than a cell to the cell under it', () => {
    const slide = { ...SLIDE, width: 256_000, height: 128_000 }; // 1000 px cells; a 40× view is 1000 × 800 px
    const m = sessionMetrics(slide, new Stream(slide).view(0, 2500, 2500, 40).mark('end', 1000).events);
    expect(m.seenAt10xShare).toBeCloseTo(1 / (256 * 128), 12);
  });
});

describe('session metrics: magnification over time', () => {
  it('steps through the magnifications of active time, leaving cut-outs out', () => {
    const s = new Stream().view(0, 5000, 5000, 10).view(1000, 5000, 5000, 40).mark('blur', 2000).mark('focus', 3000).view(3500, 5000, 5000, 5).mark('end', 4000);
    expect(metrics(s).magnificationSeries).toEqual([
      [0, 10],
      [1000, 40],
      [2000, 40],
      [3000, 40],
      [3500, 5],
      [4000, 5],
    ]);
  });

  it('keeps at most the configured number of points, and short high-power looks survive', () => {
    const s = new Stream();
    for (let i = 0; i < 6000; i++) s.view(i * 33, 5000, 5000, i === 4321 ? 40 : 10 * (1 + (i % 7) / 100));
    const series = metrics(s).magnificationSeries;
    expect(series.length).toBeLessThanOrEqual(2000);
    expect(series.length).toBeGreaterThan(1000);
    expect(series.some(([t, m]) => t === 4321 * 33 && m === 40)).toBe(true);
    expect(series.every((p, i) => i === 0 || p[0] >= series[i - 1][0])).toBe(true);
    expect(metrics(s, { config: { maxSeriesPoints: 100 } }).magnificationSeries.length).toBeLessThanOrEqual(100);
  });

  it('downsamples by keeping each bucket’s lowest and highest point in time order', () => {
    const points: Array<[number, number]> = [
      [0, 5],
      [1, 9],
      [2, 1],
      [3, 4],
      [4, 2],
      [5, 8],
    ];
    expect(downsampleSeries(points, 4)).toEqual([
      [1, 9],
      [2, 1],
      [4, 2],
      [5, 8],
    ]);
    expect(downsampleSeries(points, 10)).toEqual(points);
  });
});
