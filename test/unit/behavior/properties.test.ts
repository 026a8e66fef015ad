import { describe, expect, it } from 'vitest';
import { analyseBehavior, canonicalOrder, DEFAULT_BEHAVIOR_CONFIG, deriveCommands, insideFraction, iou, boxArea, refineCommands } from '../../../shared/behavior';
import { parseNavigationJsonl, serializeNavigationJsonl, type NavigationSession } from '../../../shared/navigation';
import { prng, randomSession } from './randomStream';

const SEEDS = Array.from({ length: 120 }, (_, i) => 1000 + i * 7919);
const EVENTS = 1500;

/** Active time computed independently: per interval between events, cut when blurred, hidden, idle or a long gap. */
function referenceActiveMs(session: NavigationSession): number {
  let active = 0;
  let prev = 0;
  const off = new Set<string>();
  for (const e of canonicalOrder(session.events)) {
    const gap = e.t - prev;
    if (gap > 0 && off.size === 0 && gap < DEFAULT_BEHAVIOR_CONFIG.idleGapMs) active += gap;
    prev = e.t;
    if (e.type === 'end') break;
    if (e.type === 'blur' || e.type === 'hidden' || e.type === 'idle') off.add(e.type);
    if (e.type === 'focus') off.delete('blur');
    if (e.type === 'visible') off.delete('hidden');
    if (e.type === 'active' || e.type === 'viewport' || e.type === 'cursor' || e.type === 'hotkey' || e.type === 'annotation') off.delete('idle');
  }
  return active;
}

/** The same session with the events of every shared time shuffled. */
function shuffleTies(session: NavigationSession, seed: number): NavigationSession {
  const rnd = prng(seed);
  const events = [...session.events];
  for (let i = 0; i < events.length; ) {
    let j = i + 1;
    while (j < events.length && events[j].t === events[i].t) j++;
    for (let k = j - 1; k > i; k--) {
      const r = i + Math.floor(rnd() * (k - i + 1));
      [events[k], events[r]] = [events[r], events[k]];
    }
    i = j;
  }
  return { slide: session.slide, events };
}

describe('the pipeline on random sessions', () => {
  const sessions = SEEDS.map((seed) => ({ seed, session: randomSession(seed, EVENTS) }));

  it('the generator produces sessions that exercise the rules', () => {
    const all = sessions.map(({ session }) => deriveCommands(session)).flat();
    expect(all.filter((c) => c.kind === 'peek').length).toBeGreaterThan(20);
    expect(all.filter((c) => c.kind === 'inspect').length).toBeGreaterThan(100);
    expect(all.filter((c) => c.visits > 1).length).toBeGreaterThan(5);
    expect(all.filter((c) => c.parentId !== null).length).toBeGreaterThan(5);
    expect(sessions.filter(({ session }) => session.events.some((e, i) => i > 0 && e.t === session.events[i - 1].t)).length).toBe(SEEDS.length);
  });

  it('boxes lie inside the slide, whole pixels, non-empty, at most 60 % of it', () => {
    for (const { session } of sessions) {
      const { width, height } = session.slide;
      for (const c of deriveCommands(session)) {
        const [x0, y0, x1, y1] = c.box;
        expect(c.box.every(Number.isInteger)).toBe(true);
        expect(x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height && x0 < x1 && y0 < y1).toBe(true);
        expect(boxArea(c.box)).toBeLessThanOrEqual(0.6 * width * height);
      }
    }
  });

  it('durations are positive, and their sum never exceeds the active session time', () => {
    for (const { session } of sessions) {
      const { commands, activeMs, endMs } = analyseBehavior(session);
      expect(activeMs).toBe(referenceActiveMs(session));
      let sum = 0;
      for (const c of commands) {
        expect(c.duration).toBeGreaterThan(0);
        expect(c.start).toBeGreaterThanOrEqual(0);
        expect(c.start + c.duration).toBeLessThanOrEqual(endMs);
        sum += c.duration;
      }
      expect(sum).toBeLessThanOrEqual(activeMs);
    }
  });

  it('commands are numbered by first visit; kinds follow bins; peeks pair with inspect boxes that hold them; nothing left to merge', () => {
    for (const { session } of sessions) {
      const commands = deriveCommands(session);
      commands.forEach((c, i) => {
        expect(c.id).toBe(i + 1);
        if (i > 0) expect(c.start).toBeGreaterThanOrEqual(commands[i - 1].start);
        expect(c.kind).toBe(c.magnification >= 40 ? 'peek' : 'inspect');
        if (c.parentId !== null) {
          const parent = commands[c.parentId - 1];
          expect(c.kind).toBe('peek');
          expect(parent.kind).toBe('inspect');
          expect(insideFraction(c.box, parent.box)).toBe(1);
        }
        for (const d of commands.slice(i + 1)) if (d.magnification === c.magnification) expect(iou(c.box, d.box)).toBeLessThanOrEqual(0.8);
      });
    }
  });

  it('is idempotent: refining its own output changes nothing, and a second run gives the same result', () => {
    for (const { session } of sessions) {
      const commands = deriveCommands(session);
      expect(refineCommands(commands, session.slide)).toEqual(commands);
      expect(deriveCommands(session)).toEqual(commands);
    }
  });

  it('does not depend on the order of events that share a time', () => {
    for (const { seed, session } of sessions) {
      const expected = deriveCommands(session);
      expect(deriveCommands(shuffleTies(session, seed))).toEqual(expected);
      expect(deriveCommands(shuffleTies(session, seed + 1))).toEqual(expected);
    }
  });

  it('events handed over out of time order are put in order first', () => {
    for (const { session } of sessions.slice(0, 20)) {
      expect(deriveCommands({ slide: session.slide, events: [...session.events].reverse() })).toEqual(deriveCommands(session));
    }
  });

  it('is deterministic: the same stream, regenerated or sent through JSON Lines, gives identical commands; the input is untouched', () => {
    for (const { seed, session } of sessions.slice(0, 30)) {
      const before = JSON.stringify(session);
      const commands = deriveCommands(session);
      expect(JSON.stringify(session)).toBe(before);
      expect(deriveCommands(randomSession(seed, EVENTS))).toEqual(commands);
      const parsed = parseNavigationJsonl(serializeNavigationJsonl(session));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      expect(deriveCommands(parsed.session)).toEqual(commands);
    }
  });
});
