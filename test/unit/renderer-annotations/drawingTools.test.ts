import { describe, expect, it } from 'vitest';
import { geometryArea, geometryBounds } from '../../../shared/annotations/measure';
import { keyStep, pointerStep } from '../../../renderer/src/features/annotations/tools/drawingTools';
import type { Draft, DrawingToolId, PointerInput, Pt, ToolContext, ToolResult } from '../../../renderer/src/features/annotations/tools/toolTypes';

const ctx: ToolContext = { zoom: 0.5, width: 2000, height: 1500, brushRadiusPx: 10, eraser: false };

/** Feeds a sequence of inputs to a tool, returning every result. */
function run(tool: DrawingToolId, inputs: Array<Partial<PointerInput> & { type: PointerInput['type']; p: Pt }>, c = ctx, start: Draft | null = null): ToolResult[] {
  let draft = start;
  return inputs.map((i) => {
    const r = pointerStep(tool, draft, { shift: false, alt: false, ...i }, c);
    draft = r.draft;
    return r;
  });
}

const drag = (a: Pt, b: Pt, extra: Partial<PointerInput> = {}) =>
  [
    { type: 'press' as const, p: a, ...extra },
    { type: 'drag' as const, p: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as Pt, ...extra },
    { type: 'drag' as const, p: b, ...extra },
    { type: 'release' as const, p: b, ...extra },
  ];

describe('drag tools (rectangle, ellipse, line)', () => {
  it('a rectangle is the box between press and release, in any direction, and captures the drag', () => {
    const rs = run('rectangle', drag([300, 400], [100, 250]));
    expect(rs.every((r) => r.capture)).toBe(true);
    expect(rs[2].draft).toMatchObject({ tool: 'rectangle', start: [300, 400], end: [100, 250] });
    expect(rs[3].commit).toEqual({ kind: 'shape', geometry: { type: 'rectangle', x: 100, y: 250, width: 200, height: 150 } });
    expect(rs[3].draft).toBeNull();
  });

  it('a drag shorter than a few screen pixels draws nothing', () => {
    // 4 level-0 px at zoom 0.5 is 2 screen px.
    const rs = run('rectangle', drag([100, 100], [104, 100]));
    expect(rs[3].commit).toBeNull();
    expect(rs[3].draft).toBeNull();
  });

  it('shapes are kept on the slide', () => {
    const rs = run('rectangle', drag([1900, 1400], [2600, -50]));
    expect(rs[3].commit).toEqual({ kind: 'shape', geometry: { type: 'rectangle', x: 1900, y: 0, width: 100, height: 1400 } });
  });

  it('Shift makes a square (and a circle)', () => {
    const rs = run('rectangle', drag([100, 100], [300, 160], { shift: true }));
    expect(rs[3].commit).toEqual({ kind: 'shape', geometry: { type: 'rectangle', x: 100, y: 100, width: 200, height: 200 } });
    const es = run('ellipse', drag([500, 500], [440, 700], { shift: true }));
    expect(es[3].commit).toEqual({ kind: 'shape', geometry: { type: 'ellipse', cx: 400, cy: 600, rx: 100, ry: 100, rotation: 0 } });
  });

  it('an ellipse fills the dragged box', () => {
    const rs = run('ellipse', drag([100, 200], [500, 300]));
    expect(rs[3].commit).toEqual({ kind: 'shape', geometry: { type: 'ellipse', cx: 300, cy: 250, rx: 200, ry: 50, rotation: 0 } });
  });

  it('a line runs from press to release (a ruler)', () => {
    const rs = run('line', drag([10.123, 20], [410, 320.456]));
    expect(rs[3].commit).toEqual({ kind: 'shape', geometry: { type: 'line', points: [[10.12, 20], [410, 320.46]] } });
  });

  it('a double-click does not zoom while a drawing tool is active', () => {
    expect(run('rectangle', [{ type: 'dblclick', p: [5, 5] }])[0].capture).toBe(true);
  });
});

describe('polygon tool', () => {
  const clicks = (pts: Pt[]) => pts.flatMap((p) => [{ type: 'press' as const, p }, { type: 'release' as const, p }, { type: 'click' as const, p, quick: true }]);

  it('each click adds a corner; a double-click closes it (its second click adds nothing)', () => {
    const pts: Pt[] = [
      [100, 100],
      [400, 100],
      [400, 300],
    ];
    const rs = run('polygon', [...clicks(pts), ...clicks([[400.5, 300.5]]), { type: 'dblclick', p: [400.5, 300.5] }]);
    const before = rs[rs.length - 2].draft as Extract<Draft, { tool: 'polygon' }>;
    expect(before.points).toEqual(pts);
    const last = rs[rs.length - 1];
    expect(last.commit).toEqual({ kind: 'shape', geometry: { type: 'polygon', rings: [[...pts, pts[0]]] } });
    expect(last.draft).toBeNull();
    expect(rs.every((r) => r.capture)).toBe(true);
  });

  it('keeps drawing when closed with fewer than three corners', () => {
    const rs = run('polygon', [...clicks([[100, 100], [300, 100]]), { type: 'dblclick', p: [300, 100] }]);
    expect(rs.at(-1)!.commit).toBeNull();
    expect((rs.at(-1)!.draft as Extract<Draft, { tool: 'polygon' }>).points).toHaveLength(2);
  });

  it('dragging adds freehand corners a few screen pixels apart', () => {
    const path: Pt[] = Array.from({ length: 40 }, (_, i) => [100 + i, 100 + i * i * 0.1]);
    const rs = run('polygon', [{ type: 'press', p: path[0] }, ...path.slice(1).map((p) => ({ type: 'drag' as const, p })), { type: 'release', p: path[39] }]);
    const d = rs.at(-1)!.draft as Extract<Draft, { tool: 'polygon' }>;
    expect(d.points.length).toBeGreaterThan(5);
    expect(d.points.length).toBeLessThan(40);
    for (let i = 1; i < d.points.length; i++) expect(Math.hypot(d.points[i][0] - d.points[i - 1][0], d.points[i][1] - d.points[i - 1][1]) * ctx.zoom).toBeGreaterThanOrEqual(3);
  });

  it('hovering moves the rubber band without capturing the pointer', () => {
    const [r1, r2] = run('polygon', [{ type: 'press', p: [100, 100] }, { type: 'hover', p: [250, 260] }]);
    expect(r1.capture).toBe(true);
    expect(r2.capture).toBe(false);
    expect(r2.draft).toMatchObject({ points: [[100, 100]], hover: [250, 260] });
  });

  it('Enter closes, Backspace removes the last corner, Escape drops the drawing', () => {
    const draft: Draft = { tool: 'polygon', points: [[0, 0], [100, 0], [100, 100], [0, 100]], hover: null };
    const back = keyStep(draft, 'Backspace');
    expect(back.handled).toBe(true);
    expect((back.draft as Extract<Draft, { tool: 'polygon' }>).points).toHaveLength(3);
    const enter = keyStep(back.draft, 'Enter');
    expect(enter.commit).toEqual({ kind: 'shape', geometry: { type: 'polygon', rings: [[[0, 0], [100, 0], [100, 100], [0, 0]]] } });
    expect(keyStep(draft, 'Escape')).toMatchObject({ handled: true, draft: null });
    expect(keyStep(null, 'Escape').handled).toBe(false);
    expect(keyStep({ tool: 'rectangle', start: [0, 0], end: [5, 5], square: false }, 'Enter').handled).toBe(false);
  });
});

describe('brush', () => {
  it('a stroke covers the path with the brush radius (screen px turned into level-0 px)', () => {
    const rs = run('brush', drag([500, 500], [900, 500]));
    const c = rs[3].commit!;
    expect(c.kind).toBe('brush');
    if (c.kind !== 'brush') return;
    expect(c.erase).toBe(false);
    // radius 10 screen px at zoom 0.5 = 20 level-0 px
    const b = geometryBounds(c.stroke);
    expect(b.minX).toBeCloseTo(480, 0);
    expect(b.maxX).toBeCloseTo(920, 0);
    expect(b.minY).toBeCloseTo(480, 0);
    expect(geometryArea(c.stroke)).toBeCloseTo(400 * 40 + Math.PI * 400, -2);
  });

  it('erases with Alt held at the press, or with the eraser on', () => {
    const alt = run('brush', drag([500, 500], [600, 500], { alt: true }))[3].commit;
    expect(alt).toMatchObject({ kind: 'brush', erase: true });
    const toggled = run('brush', drag([500, 500], [600, 500]), { ...ctx, eraser: true })[3].commit;
    expect(toggled).toMatchObject({ kind: 'brush', erase: true });
  });

  it('paints only on the slide', () => {
    const half = run('brush', drag([-100, 700], [40, 700]))[3].commit;
    expect(half && half.kind === 'brush' && geometryBounds(half.stroke).minX).toBe(0);
    expect(run('brush', drag([-500, 700], [-300, 700]))[3].commit).toBeNull();
  });
});

describe('points tool', () => {
  it('a click places a point; a drag is left to the viewer (panning)', () => {
    const [press, click] = run('point', [{ type: 'press', p: [10, 20] }, { type: 'click', p: [10.004, 20], quick: true }]);
    expect(press.capture).toBe(false);
    expect(click.commit).toEqual({ kind: 'shape', geometry: { type: 'point', x: 10, y: 20 } });
    expect(run('point', [{ type: 'click', p: [10, 20], quick: false }])[0].commit).toBeNull();
    expect(run('point', [{ type: 'click', p: [-10, 20], quick: true }])[0].commit).toBeNull();
  });
});
