import { describe, expect, it } from 'vitest';
import { geometryIssues, type Geometry } from '../../../shared/annotations/geometry';
import { handleAt, handleCount, moveHandle, vertexHandles } from '../../../renderer/src/features/annotations/vertexHandles';

const square: Geometry = {
  type: 'polygon',
  rings: [
    [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]],
    [[40, 40], [60, 40], [60, 60], [40, 40]],
  ],
};

describe('vertex handles', () => {
  it('a polygon has one handle per corner (the closing position is not a second handle), holes included', () => {
    const hs = vertexHandles(square);
    expect(hs).toHaveLength(7);
    expect(handleCount(square)).toBe(7);
    expect(hs[4]).toEqual({ part: 0, ring: 1, index: 0, x: 40, y: 40 });
  });

  it('dragging the first corner moves the closing position too, so the ring stays closed and valid', () => {
    const g = moveHandle(square, { part: 0, ring: 0, index: 0 }, [-20.004, -10]);
    expect(g.type === 'polygon' && g.rings[0]).toEqual([[-20, -10], [100, 0], [100, 100], [0, 100], [-20, -10]]);
    expect(g.type === 'polygon' && g.rings[1]).toEqual(square.rings[1]);
    expect(geometryIssues(g)).toEqual([]);
  });

  it('a multipolygon part and ring are addressed by part and ring', () => {
    const mp: Geometry = { type: 'multipolygon', polygons: [[square.rings[0]], [[[200, 200], [300, 200], [300, 300], [200, 200]]]] };
    const g = moveHandle(mp, { part: 1, ring: 0, index: 2 }, [320, 330]);
    expect(g.type === 'multipolygon' && g.polygons[1][0][2]).toEqual([320, 330]);
    expect(g.type === 'multipolygon' && g.polygons[0]).toEqual(mp.polygons[0]);
  });

  it('a rectangle corner drags against the opposite corner, staying a rectangle', () => {
    const r: Geometry = { type: 'rectangle', x: 10, y: 20, width: 100, height: 50 };
    expect(vertexHandles(r).map((h) => [h.x, h.y])).toEqual([[10, 20], [110, 20], [110, 70], [10, 70]]);
    expect(moveHandle(r, { part: 0, ring: 0, index: 2 }, [200, 100])).toEqual({ type: 'rectangle', x: 10, y: 20, width: 190, height: 80 });
    // Dragged past the opposite corner: the rectangle flips rather than turning negative.
    expect(moveHandle(r, { part: 0, ring: 0, index: 0 }, [150, 100])).toEqual({ type: 'rectangle', x: 110, y: 70, width: 40, height: 30 });
  });

  it("an ellipse's axis ends set its radii, centre and rotation kept", () => {
    const e: Geometry = { type: 'ellipse', cx: 100, cy: 100, rx: 50, ry: 20, rotation: Math.PI / 2 };
    const hs = vertexHandles(e);
    expect(hs[0].x).toBeCloseTo(100);
    expect(hs[0].y).toBeCloseTo(150);
    expect(moveHandle(e, hs[0], [100, 180])).toMatchObject({ rx: 80, ry: 20, cx: 100, cy: 100 });
    expect(moveHandle(e, hs[1], [60, 100])).toMatchObject({ rx: 50, ry: 40 });
  });

  it('line vertices move one by one; a point moves whole', () => {
    const l: Geometry = { type: 'line', points: [[0, 0], [10, 0], [20, 5]] };
    expect(moveHandle(l, { part: 0, ring: 0, index: 1 }, [10, 8])).toEqual({ type: 'line', points: [[0, 0], [10, 8], [20, 5]] });
    expect(moveHandle({ type: 'point', x: 1, y: 2 }, { part: 0, ring: 0, index: 0 }, [5, 6])).toEqual({ type: 'point', x: 5, y: 6 });
  });

  it('handleAt finds the nearest handle within the tolerance', () => {
    const hs = vertexHandles(square);
    expect(handleAt(hs, 97, 3, 5)).toMatchObject({ ring: 0, index: 1 });
    expect(handleAt(hs, 50, 50, 5)).toBeNull();
    expect(handleAt(hs, 58, 42, 5)).toMatchObject({ ring: 1, index: 1 });
  });
});
