import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { NavigationEvent, navigationEventBatch, viewportEvent } from '../../../shared/navigation';
import { prng } from '../behavior/randomStream';

const batch = navigationEventBatch(50);
const reference = z.array(NavigationEvent).max(50);

const GOOD: unknown[] = [
  viewportEvent({ t: 10, cx: 500, cy: 400, zoom: 0.5, cw: 800, ch: 600 }),
  { type: 'cursor', t: 11, x: 3, y: 4 },
  { type: 'hotkey', t: 12, key: '4', magnification: 10 },
  { type: 'idle', t: 13 },
];
const BAD: unknown[] = [
  { ...viewportEvent({ t: 10, cx: 500, cy: 400, zoom: 0.5, cw: 800, ch: 600 }), zoom: 0 },
  { type: 'cursor', t: -1, x: 3, y: 4 },
  { type: 'cursor', t: 1, x: 3 },
  { type: 'hotkey', t: 12, key: '4' },
  { type: 'teleport', t: 1 },
  { type: 'idle', t: 13, extra: true },
  null,
  'viewport',
];

const messages = (r: { success: boolean; error?: z.ZodError }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('a batch of events', () => {
  it('accepts and rejects exactly what an array of NavigationEvent does, with the same paths and messages', () => {
    const rnd = prng(7);
    for (let n = 0; n < 2000; n++) {
      const events = Array.from({ length: Math.floor(rnd() * 6) }, () => {
        const pool = rnd() < 0.7 ? GOOD : BAD;
        return pool[Math.floor(rnd() * pool.length)];
      });
      const got = batch.safeParse(events);
      const want = reference.safeParse(events);
      expect(got.success, JSON.stringify(events)).toBe(want.success);
      expect(messages(got)).toEqual(messages(want));
      if (got.success) expect(got.data).toEqual(want.data);
    }
  });

  it('names the bad event by its index inside the call input', () => {
    const input = z.object({ events: batch });
    const r = input.safeParse({ events: [GOOD[0], GOOD[1], BAD[0]] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['events', 2, 'zoom']);
  });

  it('refuses more events than the limit', () => {
    expect(batch.safeParse(Array.from({ length: 51 }, () => GOOD[1])).success).toBe(false);
  });
});
