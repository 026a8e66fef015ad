import { describe, expect, it } from 'vitest';
import { deriveCommands } from '../../../shared/behavior';
import { Stream } from './streams';

const X = 20_000;
const Y = 20_000;

/** Views 100 ms apart, each 0.6 × the view width to the right of the last (too far to be a dwell), from time t. */
function pan(s: Stream, t: number, steps: number, magnification = 10, x = X): number {
  const step = 0.6 * s.width(magnification);
  for (let k = 0; k < steps; k++) s.view(t + k * 100, x + k * step, Y, magnification);
  return x + steps * step;
}

describe('pan inspect', () => {
  it('panning that adds up to 1999 ms gives no command', () => {
    const s = new Stream();
    pan(s, 0, 20);
    s.end(1999);
    expect(deriveCommands(s.session())).toEqual([]);
  });

  it('panning that adds up to 2000 ms is an inspect whose box is the union of the views', () => {
    const s = new Stream();
    pan(s, 0, 20);
    s.end(2000);
    // 20 views 4000 × 3200 px, centres 2400 px apart from x = 20000.
    expect(deriveCommands(s.session())).toEqual([
      { id: 1, kind: 'inspect', magnification: 10, box: [18_000, 18_400, 20_000 + 19 * 2400 + 2000, 21_600], start: 0, duration: 2000, visits: 1, parentId: null },
    ]);
  });

  it('short pauses inside a run count towards its summed time', () => {
    const s = new Stream();
    const x = pan(s, 0, 10); // 0–1000 ms, the last view held 100 ms
    s.view(1000, x, Y, 10); // a 700 ms pause: shorter than a dwell
    pan(s, 1700, 3, 10, x + 0.6 * s.width(10)); // 1700–2000 ms
    s.end(2000);
    expect(deriveCommands(s.session())).toMatchObject([{ kind: 'inspect', magnification: 10, start: 0, duration: 2000 }]);
  });

  it('a dwell ends a run: 1.5 s pan, 2 s rest, 1.5 s pan give only the static inspect', () => {
    const s = new Stream();
    const x = pan(s, 0, 15);
    s.view(1500, x, Y, 10);
    pan(s, 3500, 15, 10, x + 0.6 * s.width(10));
    s.end(5000);
    expect(deriveCommands(s.session())).toMatchObject([{ kind: 'inspect', start: 1500, duration: 2000 }]);
  });

  it('a change of magnification bin ends a run: 1.5 s at 10× then 1.5 s at 20× give nothing', () => {
    const s = new Stream();
    const x = pan(s, 0, 15, 10);
    pan(s, 1500, 15, 20, x);
    s.end(3000);
    expect(deriveCommands(s.session())).toEqual([]);
  });

  it('a steady pan at 40× is a peek', () => {
    const s = new Stream();
    pan(s, 0, 30, 40);
    s.end(3000);
    expect(deriveCommands(s.session())).toMatchObject([{ kind: 'peek', magnification: 40, duration: 3000 }]);
  });
});
