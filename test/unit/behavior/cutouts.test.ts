import { describe, expect, it } from 'vitest';
import { analyseBehavior, deriveCommands } from '../../../shared/behavior';
import { Stream } from './streams';

const A = { x: 20_000, y: 20_000 };
const FAR = { x: 60_000, y: 60_000 };

describe('idle gaps', () => {
  const withGap = (gap: number) =>
    new Stream()
      .view(0, A.x, A.y, 10)
      .cursor(600)
      .cursor(600 + gap)
      .view(600 + gap + 500, FAR.x, FAR.y, 10)
      .end(600 + gap + 600)
      .session();

  it('a 59 999 ms gap without events inside a dwell still counts', () => {
    expect(deriveCommands(withGap(59_999))).toMatchObject([{ start: 0, duration: 600 + 59_999 + 500 }]);
  });

  it('a 60 000 ms gap is idle and cut out of the dwell', () => {
    expect(deriveCommands(withGap(60_000))).toMatchObject([{ start: 0, duration: 1100 }]);
  });

  it('idle … active is cut out', () => {
    const s = new Stream().view(0, A.x, A.y, 10).mark('idle', 700).mark('active', 30_700).view(31_200, FAR.x, FAR.y, 10).end(31_300);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1200 }]);
  });

  it('any input ends idle', () => {
    const s = new Stream().view(0, A.x, A.y, 10).mark('idle', 700).cursor(10_000).view(10_500, FAR.x, FAR.y, 10).end(10_600);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1200 }]);
  });
});

describe('blur and hidden', () => {
  it('blur during a dwell counts only the focused parts', () => {
    const s = new Stream().view(0, A.x, A.y, 10).mark('blur', 600).mark('focus', 5600).view(6100, FAR.x, FAR.y, 10).end(6200);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1100, visits: 1 }]);
  });

  it('hidden during a dwell counts only the visible parts', () => {
    const s = new Stream().view(0, A.x, A.y, 10).mark('hidden', 600).mark('visible', 5600).view(6100, FAR.x, FAR.y, 10).end(6200);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1100, visits: 1 }]);
  });

  it('the parts on both sides of a cut-out join: 600 ms + 600 ms make one 1200 ms dwell', () => {
    const s = new Stream().view(0, A.x, A.y, 10).mark('blur', 600).mark('focus', 10_000).view(10_600, FAR.x, FAR.y, 10).end(10_700);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1200 }]);
  });

  it('overlapping blur and hidden are cut out until both have ended', () => {
    const s = new Stream()
      .view(0, A.x, A.y, 10)
      .mark('blur', 600)
      .mark('hidden', 1000)
      .mark('focus', 2000)
      .mark('visible', 3000)
      .view(3500, FAR.x, FAR.y, 10)
      .end(3600);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 0, duration: 1100 }]);
  });

  it('a dwell that begins while blurred starts when focus returns', () => {
    const s = new Stream().mark('blur', 0).view(0, A.x, A.y, 10).mark('focus', 2000).view(3500, FAR.x, FAR.y, 10).end(3600);
    expect(deriveCommands(s.session())).toMatchObject([{ start: 2000, duration: 1500 }]);
  });

  it('active time leaves out blur, hidden, idle and idle gaps', () => {
    const s = new Stream()
      .view(0, A.x, A.y, 10)
      .mark('blur', 1000)
      .mark('focus', 2000) // −1000
      .mark('hidden', 3000)
      .mark('visible', 4000) // −1000
      .mark('idle', 5000)
      .mark('active', 6000) // −1000
      .cursor(66_000) // −60000 (gap)
      .end(67_000);
    const { activeMs, endMs } = analyseBehavior(s.session());
    expect(endMs).toBe(67_000);
    expect(activeMs).toBe(67_000 - 63_000);
  });
});

describe('events at the same time', () => {
  it('the order a recorder wrote tied events in does not matter', () => {
    const base = new Stream().view(0, A.x, A.y, 10);
    const a = base.session();
    const b = base.session();
    a.events.push({ type: 'idle', t: 800 }, { type: 'cursor', t: 800, x: 1, y: 1 });
    b.events.push({ type: 'cursor', t: 800, x: 1, y: 1 }, { type: 'idle', t: 800 });
    for (const s of [a, b]) s.events.push({ type: 'active', t: 5000 }, { type: 'end', t: 5400 });
    expect(deriveCommands(a)).toEqual(deriveCommands(b));
    expect(deriveCommands(a)).toMatchObject([{ duration: 1200 }]);
  });

  it('of several views at one time the same one wins whatever their order', () => {
    const one = new Stream().view(0, A.x, A.y, 10).view(0, FAR.x, FAR.y, 10).end(2000).session();
    const two = new Stream().view(0, FAR.x, FAR.y, 10).view(0, A.x, A.y, 10).end(2000).session();
    expect(deriveCommands(one)).toEqual(deriveCommands(two));
    expect(deriveCommands(one)).toHaveLength(1);
  });
});
