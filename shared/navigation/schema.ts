import { z } from 'zod';

// The raw navigation event format (JSON Lines): one slide header line, then one event per line.
// Times are ms from session start; coordinates are level-0 pixels of the slide; zoom is screen CSS px per level-0 px.
// Every object is strict: an unknown key is an error, so a typo never silently drops a field.

const finite = z.number(); // zod 4 numbers reject NaN and ±Infinity
const positive = z.number().positive();
const time = z.number().nonnegative();

export const NAVIGATION_FORMAT_VERSION = 1;

export const SlideHeader = z
  .strictObject({
    type: z.literal('slide'),
    /** Format version; 1 when absent. */
    version: z.literal(NAVIGATION_FORMAT_VERSION).optional(),
    /** The slide's identifier (e.g. its sha256 or library id); free text. */
    id: z.string().min(1),
    /** Level-0 size in pixels. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Micrometres per level-0 pixel, when known. */
    mpp: positive.nullable().optional(),
    /** The scanner's objective power at level 0 (e.g. 40), when known. */
    objectivePower: positive.nullable().optional(),
  })
  .refine((s) => s.mpp != null || s.objectivePower != null, {
    message: 'needs mpp or objectivePower (or both) to turn zoom into magnification',
  });
export type SlideHeader = z.infer<typeof SlideHeader>;

export const ViewportEvent = z
  .strictObject({
    type: z.literal('viewport'),
    t: time,
    /** Centre of the view. */
    cx: finite,
    cy: finite,
    /** Axis-aligned bounds of the visible view rectangle (for a rotated view: the bounding box of the rotated rectangle). */
    x0: finite,
    y0: finite,
    x1: finite,
    y1: finite,
    /** Screen CSS pixels per level-0 pixel. */
    zoom: positive,
    /** Clockwise rotation of the view in degrees. */
    rotation: finite,
    /** window.devicePixelRatio when sampled. */
    dpr: positive,
    /** Size of the viewer's container in CSS pixels. */
    cw: positive,
    ch: positive,
  })
  .refine((v) => v.x1 > v.x0, { message: 'x1 must be greater than x0', path: ['x1'] })
  .refine((v) => v.y1 > v.y0, { message: 'y1 must be greater than y0', path: ['y1'] });
export type ViewportEvent = z.infer<typeof ViewportEvent>;

export const CursorEvent = z.strictObject({ type: z.literal('cursor'), t: time, x: finite, y: finite });
export type CursorEvent = z.infer<typeof CursorEvent>;

const stateEvent = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), t: time });

/** The window lost keyboard focus. */
export const BlurEvent = stateEvent('blur');
export type BlurEvent = z.infer<typeof BlurEvent>;
/** The window regained keyboard focus. */
export const FocusEvent = stateEvent('focus');
export type FocusEvent = z.infer<typeof FocusEvent>;
/** The page became hidden (minimised, other tab). */
export const HiddenEvent = stateEvent('hidden');
export type HiddenEvent = z.infer<typeof HiddenEvent>;
/** The page became visible again. */
export const VisibleEvent = stateEvent('visible');
export type VisibleEvent = z.infer<typeof VisibleEvent>;
/** The recorder saw no input for its idle timeout. */
export const IdleEvent = stateEvent('idle');
export type IdleEvent = z.infer<typeof IdleEvent>;
/** Input resumed after idle. */
export const ActiveEvent = stateEvent('active');
export type ActiveEvent = z.infer<typeof ActiveEvent>;
/** The session ended (slide closed, app quit); nothing may follow. */
export const EndEvent = stateEvent('end');
export type EndEvent = z.infer<typeof EndEvent>;

/** A magnification hotkey: the user asked for this magnification (e.g. key "4" → 40×). */
export const HotkeyEvent = z.strictObject({
  type: z.literal('hotkey'),
  t: time,
  key: z.string().min(1),
  magnification: positive,
});
export type HotkeyEvent = z.infer<typeof HotkeyEvent>;

const xy = z.tuple([finite, finite]);
/** A ring without its closing position (the last point is not repeated). */
const openRing = z.array(xy).min(3);
const polygonBody = {
  points: openRing,
  /** Inner rings; absent when there are none. */
  holes: z.array(openRing).min(1).optional(),
};

export const AnnotationGeometry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('point'), x: finite, y: finite }),
  z.strictObject({ kind: z.literal('multipoint'), points: z.array(xy).min(1) }),
  /** An open polyline; with two points, a ruler. */
  z.strictObject({ kind: z.literal('line'), points: z.array(xy).min(2) }),
  z
    .strictObject({ kind: z.literal('rect'), x0: finite, y0: finite, x1: finite, y1: finite })
    .refine((r) => r.x1 > r.x0 && r.y1 > r.y0, { message: 'a rect needs x1 > x0 and y1 > y0' }),
  /** `rotation` in degrees, clockwise (turning +x towards +y), like the viewport's. */
  z.strictObject({ kind: z.literal('ellipse'), cx: finite, cy: finite, rx: positive, ry: positive, rotation: finite }),
  z.strictObject({ kind: z.literal('polygon'), ...polygonBody }),
  z.strictObject({ kind: z.literal('multipolygon'), polygons: z.array(z.strictObject(polygonBody)).min(1) }),
]);
export type AnnotationGeometry = z.infer<typeof AnnotationGeometry>;

/** `create`, `update` and `delete` concern one annotation; `import` the many one file created. */
export const AnnotationAction = z.enum(['create', 'update', 'delete', 'import']);
export type AnnotationAction = z.infer<typeof AnnotationAction>;

/**
 * The ids of an `import` event: ascending, as comma-separated single ids and inclusive ranges ("12-40,45,50-51").
 * Returns null when `text` is not written so.
 */
export function parseIdRanges(text: string): Array<[number, number]> | null {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) return null;
  const ranges: Array<[number, number]> = [];
  let last = -1;
  for (const part of text.split(',')) {
    const [a, b = a] = part.split('-').map(Number);
    if (!Number.isSafeInteger(b) || a <= last || b < a) return null;
    ranges.push([a, b]);
    last = b;
  }
  return ranges;
}

/** How many ids a list of ranges from parseIdRanges holds. */
export const idRangesCount = (ranges: ReadonlyArray<readonly [number, number]>): number => ranges.reduce((n, [a, b]) => n + b - a + 1, 0);

export const AnnotationEvent = z
  .strictObject({
    type: z.literal('annotation'),
    t: time,
    action: AnnotationAction,
    /** The annotation's id; for `import`, the ids it created as ascending ranges ("12-40,45"). */
    annotationId: z.string().min(1),
    /** Level-0 geometry; required for create, update and import (for import: the box around what it created), absent for delete. */
    geometry: AnnotationGeometry.optional(),
    /** The class or name of the annotation; for import, the file's name. */
    label: z.string().optional(),
  })
  .refine((a) => (a.action === 'delete') === (a.geometry === undefined), {
    message: 'geometry is required for create, update and import, and not allowed for delete',
    path: ['geometry'],
  })
  .refine((a) => a.action !== 'import' || parseIdRanges(a.annotationId) !== null, {
    message: 'an import lists the ids it created as ascending ids and ranges, e.g. "12-40,45"',
    path: ['annotationId'],
  });
export type AnnotationEvent = z.infer<typeof AnnotationEvent>;

export const NavigationEvent = z.discriminatedUnion('type', [
  ViewportEvent,
  CursorEvent,
  BlurEvent,
  FocusEvent,
  HiddenEvent,
  VisibleEvent,
  IdleEvent,
  ActiveEvent,
  HotkeyEvent,
  AnnotationEvent,
  EndEvent,
]);
export type NavigationEvent = z.infer<typeof NavigationEvent>;
export type NavigationEventType = NavigationEvent['type'];

/** Each event type's schema, for validating a line once its type is known. */
export const NAVIGATION_EVENT_SCHEMAS = {
  viewport: ViewportEvent,
  cursor: CursorEvent,
  blur: BlurEvent,
  focus: FocusEvent,
  hidden: HiddenEvent,
  visible: VisibleEvent,
  idle: IdleEvent,
  active: ActiveEvent,
  hotkey: HotkeyEvent,
  annotation: AnnotationEvent,
  end: EndEvent,
} as const satisfies Record<NavigationEventType, z.ZodType>;

export const NAVIGATION_EVENT_TYPES = Object.keys(NAVIGATION_EVENT_SCHEMAS) as NavigationEventType[];

/** A whole recorded session: the slide and its events in time order. */
export const NavigationSession = z.object({ slide: SlideHeader, events: z.array(NavigationEvent) });
export type NavigationSession = z.infer<typeof NavigationSession>;
