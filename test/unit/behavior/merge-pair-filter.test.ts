import { describe, expect, it } from 'vitest';
import { deriveCommands } from '../../../shared/behavior';
import { viewportEvent } from '../../../shared/navigation';
import { Stream } from './streams';

const A = { x: 20_000, y: 20_000 };
const B = { x: 60_000, y: 60_000 };

describe('merge', () => {
  // Dwell on A (2 s), on B (2 s), back near A shifted right by `shift` px (1.5 s). 10× views are 4000 × 3200 px,
  // so the two A boxes have IoU (4000 − shift) / (4000 + shift).
  const revisit = (shift: number, magnification = 10) =>
    new Stream().view(0, A.x, A.y, 10).view(2000, B.x, B.y, 10).view(4000, A.x + shift, A.y, magnification).end(5500).session();

  it('two dwells of one bin with IoU 0.80 (> 0.8) merge: union box, durations and visits add, first start', () => {
    expect(deriveCommands(revisit(440))).toEqual([
      { id: 1, kind: 'inspect', magnification: 10, box: [18_000, 18_400, 22_440, 21_600], start: 0, duration: 3500, visits: 2, parentId: null },
      { id: 2, kind: 'inspect', magnification: 10, box: [58_000, 58_400, 62_000, 61_600], start: 2000, duration: 2000, visits: 1, parentId: null },
    ]);
  });

  it('two dwells with IoU 0.7978 stay apart', () => {
    const commands = deriveCommands(revisit(450));
    expect(commands.map((c) => [c.id, c.start, c.duration, c.visits])).toEqual([
      [1, 0, 2000, 1],
      [2, 2000, 2000, 1],
      [3, 4000, 1500, 1],
    ]);
  });

  it('the same place in another bin does not merge', () => {
    expect(deriveCommands(revisit(0, 20))).toHaveLength(3);
  });

  it('the IoU threshold is configurable', () => {
    expect(deriveCommands(revisit(450), { mergeMinIou: 0.79 })).toHaveLength(2);
  });
});

describe('pair', () => {
  it('a peek inside an inspect box becomes its child', () => {
    const s = new Stream()
      .view(0, A.x, A.y, 10) // box [18000, 18400, 22000, 21600]
      .view(2000, 21_000, 20_500, 40) // box [20500, 20100, 21500, 20900]
      .view(3500, B.x, B.y, 10)
      .end(3600);
    expect(deriveCommands(s.session())).toEqual([
      { id: 1, kind: 'inspect', magnification: 10, box: [18_000, 18_400, 22_000, 21_600], start: 0, duration: 2000, visits: 1, parentId: null },
      { id: 2, kind: 'peek', magnification: 40, box: [20_500, 20_100, 21_500, 20_900], start: 2000, duration: 1500, visits: 1, parentId: 1 },
    ]);
  });

  it('a peek sticking out of the inspect box has no parent (unless pairMinInside allows it)', () => {
    const s = new Stream().view(0, A.x, A.y, 10).view(2000, 21_800, 20_000, 40).end(3500); // peek box x 21300–22300
    expect(deriveCommands(s.session())).toMatchObject([{ kind: 'inspect' }, { kind: 'peek', parentId: null }]);
    expect(deriveCommands(s.session(), { pairMinInside: 0.7 })).toMatchObject([{ kind: 'inspect' }, { kind: 'peek', parentId: 1 }]);
  });

  it('with nested inspects the peek goes to the smallest box, even one visited later', () => {
    const s = new Stream()
      .view(0, 21_000, 20_500, 40) // peek first
      .view(1500, A.x, A.y, 5) // 8000 × 6400 box
      .view(3000, A.x, A.y, 10) // 4000 × 3200 box
      .end(4500);
    expect(deriveCommands(s.session()).map((c) => [c.id, c.kind, c.magnification, c.parentId])).toEqual([
      [1, 'peek', 40, 3],
      [2, 'inspect', 5, null],
      [3, 'inspect', 10, null],
    ]);
  });
});

describe('filter', () => {
  // A 1.25× bin view whose box is exactly w × 64000 px of the 100000 × 80000 slide.
  const overview = (w: number) => {
    const s = new Stream();
    s.events.push(viewportEvent({ t: 0, cx: 50_000, cy: 40_000, zoom: 1 / 64, cw: w / 64, ch: 1000 }));
    return s.end(5000).session();
  };

  it('a full-slide overview is dropped', () => {
    const s = new Stream();
    s.events.push(viewportEvent({ t: 0, cx: 50_000, cy: 40_000, zoom: 0.008, cw: 1000, ch: 800 }));
    s.view(5000, A.x, A.y, 10).end(7000);
    expect(deriveCommands(s.session()).map((c) => c.magnification)).toEqual([10]);
  });

  it('a box covering exactly 60 % of the slide is kept; 60.08 % is dropped', () => {
    expect(deriveCommands(overview(75_000))).toMatchObject([{ magnification: 1.25, box: [12_500, 8000, 87_500, 72_000] }]);
    expect(deriveCommands(overview(75_100))).toEqual([]);
  });

  it('boxes are clipped to the slide, and a view entirely off the slide gives nothing', () => {
    const s = new Stream().view(0, 1000, 79_000, 10).view(2000, -10_000, 20_000, 10).end(4000);
    expect(deriveCommands(s.session())).toMatchObject([{ box: [0, 77_400, 3000, 80_000] }]);
  });
});
