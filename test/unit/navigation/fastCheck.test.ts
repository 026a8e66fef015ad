import { describe, expect, it } from 'vitest';
import { NAVIGATION_EVENT_SCHEMAS, viewportEvent } from '../../../shared/navigation';
import { passesFastCheck } from '../../../shared/navigation/fastCheck';
import { prng } from '../behavior/randomStream';

const VALID = [
  viewportEvent({ t: 10, cx: 500, cy: 400, zoom: 0.5, cw: 800, ch: 600, rotation: 30 }),
  { type: 'cursor', t: 0, x: -5, y: 7.5 },
  ...(['blur', 'focus', 'hidden', 'visible', 'idle', 'active', 'end'] as const).map((type) => ({ type, t: 3 })),
] as Record<string, unknown>[];

const ODD_VALUES: unknown[] = [0, -1, -0.001, 1e-300, Infinity, -Infinity, NaN, '5', null, undefined, true, [], {}, 1e308];

/** A valid event with one to three random changes: a key removed, added, or given an odd value. */
function mutate(base: Record<string, unknown>, rnd: () => number): Record<string, unknown> {
  const v: Record<string, unknown> = { ...base };
  const changes = 1 + Math.floor(rnd() * 3);
  for (let c = 0; c < changes; c++) {
    const keys = Object.keys(v).filter((k) => k !== 'type');
    const r = rnd();
    if (r < 0.2 && keys.length > 0) delete v[keys[Math.floor(rnd() * keys.length)]];
    else if (r < 0.3) v[rnd() < 0.5 ? 'extra' : 'zoomm'] = 1;
    else if (keys.length > 0) v[keys[Math.floor(rnd() * keys.length)]] = ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)];
  }
  return v;
}

describe('the fast checks agree with the zod schemas', () => {
  it('valid events pass', () => {
    for (const e of VALID) expect(passesFastCheck(e.type as 'cursor', e)).toBe(true);
  });

  it('on 20,000 mutated events, the fast check accepts exactly what the schema accepts', () => {
    const rnd = prng(99);
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      const base = VALID[i % VALID.length];
      const v = mutate(base, rnd);
      const type = base.type as keyof typeof NAVIGATION_EVENT_SCHEMAS;
      const zodOk = NAVIGATION_EVENT_SCHEMAS[type].safeParse(v).success;
      expect(passesFastCheck(type, v), JSON.stringify(v)).toBe(zodOk);
      if (!zodOk) rejected++;
    }
    expect(rejected).toBeGreaterThan(10_000);
  }, 30_000);

  it('types without a fast check always go to the schema', () => {
    expect(passesFastCheck('hotkey', { type: 'hotkey', t: 1, key: '4', magnification: 40 })).toBe(false);
  });
});
