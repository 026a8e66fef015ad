import { describe, expect, it } from 'vitest';
import { deriveCommands } from '../../../shared/behavior';
import { Stream } from './streams';

/** Views every 33 ms animating from (x, y, m) to (x2, y2, m2), magnification interpolated on a log scale. */
function animate(s: Stream, t: number, from: [number, number, number], to: [number, number, number], frames = 12): number {
  for (let f = 1; f <= frames; f++) {
    const k = f / frames;
    const m = from[2] * Math.pow(to[2] / from[2], k);
    s.view(t + f * 33, from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k, m);
  }
  return t + frames * 33;
}

describe('a scripted session: dwell at 10× on A, pan at 10×, peek at 40× inside A, idle 70 s, dwell at 5× on B', () => {
  const A: [number, number, number] = [30_000, 30_000, 10];
  const s = new Stream();
  s.view(0, 50_000, 40_000, 0.4); // the whole slide: an overview, dropped
  let t = animate(s, 1000, [50_000, 40_000, 0.4], A);
  const dwellA = t;
  t += 3000; // rest on A
  s.cursor(t);
  // Pan right at 10× for 3.3 s, one view width (4000 px) per second. Its first half second stays within half a view
  // width of A, so it still belongs to the dwell on A.
  let x = A[0];
  for (let f = 1; f <= 100; f++) s.view(t + f * 33, (x += 4000 / 30), A[1], 10);
  t += 100 * 33;
  t = animate(s, t, [x, A[1], 10], [31_000, 30_500, 40]); // zoom into A at 40×
  const peek = t;
  t += 2000;
  s.cursor(t);
  t += 70_000; // idle: no input for 70 s
  s.cursor(t);
  t = animate(s, t, [31_000, 30_500, 40], [70_000, 60_000, 5]);
  const dwellB = t;
  s.end((t += 3000));
  const commands = deriveCommands(s.session());

  it('gives exactly the four expected commands, the peek a child of the A inspect', () => {
    expect(commands.map((c) => [c.id, c.kind, c.magnification, c.parentId])).toEqual([
      [1, 'inspect', 10, null],
      [2, 'inspect', 10, null],
      [3, 'peek', 40, 1],
      [4, 'inspect', 5, null],
    ]);
  });

  it('boxes are the resting views; the pan box spans the drag', () => {
    expect(commands[0].box).toEqual([28_000, 28_400, 32_000, 31_600]);
    expect(commands[1].box[0]).toBeLessThan(32_000);
    expect(commands[1].box[2]).toBeGreaterThan(x + 2000);
    expect(commands[2].box).toEqual([30_500, 30_100, 31_500, 30_900]);
    expect(commands[3].box).toEqual([66_000, 56_800, 74_000, 63_200]);
  });

  it('durations are the active times: the 70 s idle gap counts for nothing', () => {
    expect(commands[0].start).toBeLessThan(dwellA);
    expect(commands[0].duration).toBeGreaterThanOrEqual(3000);
    expect(commands[0].duration).toBeLessThan(3000 + 600 + 200);
    expect(commands[1].duration).toBeGreaterThanOrEqual(2600);
    expect(commands[1].duration).toBeLessThan(3000);
    expect(commands[2].start).toBeLessThanOrEqual(peek);
    expect(commands[2].duration).toBeGreaterThanOrEqual(2000);
    expect(commands[2].duration).toBeLessThan(2400);
    expect(commands[3].start).toBeLessThanOrEqual(dwellB);
    expect(commands[3].duration).toBeGreaterThanOrEqual(3000);
    expect(commands[3].duration).toBeLessThan(3400);
  });
});
