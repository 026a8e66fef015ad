import { describe, expect, it } from 'vitest';
import { deriveCommands } from '../../../shared/behavior';
import { Stream } from './streams';

const A = { x: 20_000, y: 20_000 };
const FAR = { x: 60_000, y: 60_000 };

describe('static inspect: dwell time', () => {
  it('a view held 999 ms gives no command', () => {
    const s = new Stream().view(0, A.x, A.y, 10).view(999, FAR.x, FAR.y, 10).end(1100);
    expect(deriveCommands(s.session())).toEqual([]);
  });

  it('a view held 1000 ms is an inspect with the view as its box', () => {
    const s = new Stream().view(0, A.x, A.y, 10).view(1000, FAR.x, FAR.y, 10).end(1100);
    expect(deriveCommands(s.session())).toEqual([
      { id: 1, kind: 'inspect', magnification: 10, box: [18_000, 18_400, 22_000, 21_600], start: 0, duration: 1000, visits: 1, parentId: null },
    ]);
  });

  it('the session end closes the last dwell', () => {
    const s = new Stream().view(500, A.x, A.y, 10).end(3500);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 500, duration: 3000 }]);
  });

  it('without an end event the last event closes the session', () => {
    const s = new Stream().view(0, A.x, A.y, 10).cursor(1500);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1500 }]);
  });

  it('a config override changes the threshold', () => {
    const s = new Stream().view(0, A.x, A.y, 10).view(600, FAR.x, FAR.y, 10).end(700);
    expect(deriveCommands(s.session())).toEqual([]);
    expect(deriveCommands(s.session(), { dwellMinMs: 500 })).toMatchObject([{ start: 0, duration: 600 }]);
  });
});

describe('static inspect: centre motion', () => {
  // Two views 600 ms each: together a dwell only if the second stays within 0.5 × view width of the first.
  const nudged = (shift: number) => {
    const s = new Stream();
    const w = s.width(10);
    return s.view(0, A.x, A.y, 10).view(600, A.x + shift * w, A.y, 10).view(1200, FAR.x, FAR.y, 10).end(1300).session();
  };

  it('a centre moved 0.49 × the view width stays in the dwell (one inspect, 1200 ms)', () => {
    const commands = deriveCommands(nudged(0.49));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ kind: 'inspect', start: 0, duration: 1200, visits: 1 });
  });

  it('a centre moved 0.51 × the view width breaks it (two 600 ms looks, no command)', () => {
    expect(deriveCommands(nudged(0.51))).toEqual([]);
  });

  it('the box of a nudged dwell is the view held longest', () => {
    const s = new Stream();
    const w = s.width(10);
    s.view(0, A.x, A.y, 10).view(300, A.x + 0.3 * w, A.y, 10).view(1500, FAR.x, FAR.y, 10).end(1600);
    const [c] = deriveCommands(s.session());
    expect(c.box).toEqual([19_200, 18_400, 23_200, 21_600]);
    expect(c.duration).toBe(1500);
  });

  it('motion is measured from the view held longest so far, not from a view passed on the way in', () => {
    const s = new Stream();
    const w = s.width(10);
    s.view(0, A.x, A.y, 10) // 33 ms on the way in
      .view(33, A.x + 0.45 * w, A.y, 10) // rests 2 s
      .view(2033, A.x + 0.9 * w, A.y, 10) // 0.45 w from the rest, 0.9 w from the first view
      .view(2633, FAR.x, FAR.y, 10)
      .end(2700);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 2633, box: [20_000 - 2000 + 1800, 18_400, 22_000 + 1800, 21_600] }]);
  });

  it('a zoom into another bin starts a new dwell even at the same centre', () => {
    const s = new Stream().view(0, A.x, A.y, 10).view(1500, A.x, A.y, 20).end(3000);
    const commands = deriveCommands(s.session());
    expect(commands.map((c) => [c.magnification, c.duration])).toEqual([
      [10, 1500],
      [20, 1500],
    ]);
  });
});
