import { describe, expect, it } from 'vitest';
import { clampWindow, follow, hitTest, SpanIndex, tickStep, timelineLayout, visibleByScan, zoomWindow, formatClock } from '../../../renderer/src/features/video/timelineModel';

function randomSpans(n: number, seed: number) {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, id) => {
    const start = Math.floor(rnd() * 100_000);
    return { id: id + 1, startMs: start, endMs: start + 1 + Math.floor(rnd() * (rnd() < 0.05 ? 30_000 : 3000)), speaker: 'trainer' };
  });
}

describe('timeline window', () => {
  it('finds exactly the instances a scan finds, in start order, for any window', () => {
    const spans = randomSpans(3000, 3);
    const index = new SpanIndex(spans);
    for (let k = 0; k < 500; k++) {
      const a = (k * 7919) % 110_000 - 5000;
      const w = { startMs: a, endMs: a + 1 + ((k * 104_729) % 20_000) };
      const got = index.visible(w).map((x) => x.id);
      const want = visibleByScan(index.sorted, w).map((x) => x.id);
      expect(got).toEqual(want);
    }
  });

  it('zooms around the time under the pointer and stays inside the video', () => {
    const w = zoomWindow({ startMs: 0, endMs: 10_000 }, 0.5, 2_000, 10_000);
    expect(w.endMs - w.startMs).toBe(5_000);
    expect((2_000 - w.startMs) / 5_000).toBeCloseTo(0.2, 6);
    expect(zoomWindow({ startMs: 0, endMs: 10_000 }, 4, 9_000, 10_000)).toEqual({ startMs: 0, endMs: 10_000 });
    expect(clampWindow({ startMs: 9_800, endMs: 9_900 }, 10_000)).toEqual({ startMs: 9_500, endMs: 10_000 });
    expect(follow({ startMs: 0, endMs: 1000 }, 1500, 10_000)).toEqual({ startMs: 1400, endMs: 2400 });
  });

  it('knows an edge of an editable segment from its body and from the background', () => {
    const layout = timelineLayout(1000, [{ key: 'trainer', label: 'Trainer' }, { key: 'trainee', label: 'Trainee' }]);
    const w = { startMs: 0, endMs: 10_000 };
    const spans = [{ id: 1, startMs: 1000, endMs: 3000, speaker: 'trainer' }];
    const y = layout.lanes[0].y + 10;
    expect(hitTest(300, y, layout, w, spans, () => true)).toMatchObject({ kind: 'edge', edge: 'end' });
    expect(hitTest(98, y, layout, w, spans, () => true)).toMatchObject({ kind: 'edge', edge: 'start' });
    expect(hitTest(200, y, layout, w, spans, () => true)).toMatchObject({ kind: 'body' });
    expect(hitTest(300, y, layout, w, spans, () => false)).toMatchObject({ kind: 'body' });
    expect(hitTest(200, layout.lanes[1].y + 10, layout, w, spans, () => true)).toEqual({ kind: 'background', ms: 2000 });
  });

  it('labels the ruler with round steps and readable clocks', () => {
    expect(tickStep({ startMs: 0, endMs: 60_000 }, 1200)).toBe(5000);
    expect(tickStep({ startMs: 0, endMs: 3_600_000 }, 1200)).toBe(500_000);
    expect(formatClock(61_250, 2)).toBe('1:01.25');
    expect(formatClock(3_725_000, 0)).toBe('1:02:05');
  });
});
