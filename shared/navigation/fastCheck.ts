import type { NavigationEvent } from './schema';

// Hand-written checks for the most frequent event shapes, equivalent to their zod schemas but without building a new
// object. A parsed JSON object that passes is used as is; one that fails goes through zod, which either accepts it
// or says what is wrong. So these checks may only ever be stricter than the schemas, never looser.

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++;
  return n;
}

type Loose = Record<string, unknown>;

function viewport(v: Loose): boolean {
  return (
    keyCount(v) === 13 &&
    isNum(v.t) &&
    v.t >= 0 &&
    isNum(v.cx) &&
    isNum(v.cy) &&
    isNum(v.x0) &&
    isNum(v.y0) &&
    isNum(v.x1) &&
    isNum(v.y1) &&
    v.x1 > v.x0 &&
    v.y1 > v.y0 &&
    isNum(v.zoom) &&
    v.zoom > 0 &&
    isNum(v.rotation) &&
    isNum(v.dpr) &&
    v.dpr > 0 &&
    isNum(v.cw) &&
    v.cw > 0 &&
    isNum(v.ch) &&
    v.ch > 0
  );
}

function cursor(v: Loose): boolean {
  return keyCount(v) === 4 && isNum(v.t) && v.t >= 0 && isNum(v.x) && isNum(v.y);
}

function state(v: Loose): boolean {
  return keyCount(v) === 2 && isNum(v.t) && v.t >= 0;
}

const CHECKS: Partial<Record<NavigationEvent['type'], (v: Loose) => boolean>> = {
  viewport,
  cursor,
  blur: state,
  focus: state,
  hidden: state,
  visible: state,
  idle: state,
  active: state,
  end: state,
};

/** True when `value` (a parsed JSON object whose `type` is `type`) certainly satisfies that event's schema. */
export function passesFastCheck(type: NavigationEvent['type'], value: object): boolean {
  const check = CHECKS[type];
  return check !== undefined && check(value as Loose);
}
