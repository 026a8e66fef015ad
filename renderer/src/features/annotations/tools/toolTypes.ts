import type { AreaGeometry } from '../../../../../shared/annotations/boolean';
import type { Geometry } from '../../../../../shared/annotations/geometry';

/** A point in level-0 pixels. */
export type Pt = [number, number];

export type DrawingToolId = 'rectangle' | 'ellipse' | 'polygon' | 'brush' | 'point' | 'line';
export type ToolId = 'select' | 'move' | DrawingToolId;

export const DRAWING_TOOLS: readonly DrawingToolId[] = ['rectangle', 'ellipse', 'polygon', 'brush', 'point', 'line'];

export function isDrawingTool(t: ToolId): t is DrawingToolId {
  return (DRAWING_TOOLS as readonly string[]).includes(t);
}

/** A shape being drawn (level-0 px), shown until it is committed or cancelled. */
export type Draft =
  | { tool: 'rectangle' | 'ellipse' | 'line'; start: Pt; end: Pt; square: boolean }
  | { tool: 'polygon'; points: Pt[]; hover: Pt | null }
  | { tool: 'brush'; points: Pt[]; radius: number; erase: boolean };

export interface PointerInput {
  type: 'press' | 'drag' | 'release' | 'click' | 'dblclick' | 'hover';
  /** Where, in level-0 px. */
  p: Pt;
  shift: boolean;
  alt: boolean;
  /** For clicks: press and release close together in space and time (not the end of a drag). */
  quick?: boolean;
}

export interface ToolContext {
  /** Screen CSS pixels per level-0 pixel. */
  zoom: number;
  /** Slide size in level-0 px: drawn shapes are kept on the slide. */
  width: number;
  height: number;
  /** Brush radius in screen CSS px (it covers more tissue when zoomed out, as in QuPath). */
  brushRadiusPx: number;
  /** The eraser toggle is on (Alt while pressing does the same for one stroke). */
  eraser: boolean;
}

export type Commit =
  | { kind: 'shape'; geometry: Geometry }
  /** A brush stroke to add to (or, erasing, cut from) annotations. */
  | { kind: 'brush'; stroke: AreaGeometry; erase: boolean };

export interface ToolResult {
  draft: Draft | null;
  commit: Commit | null;
  /** The gesture belongs to the tool: the viewer must not pan or zoom for it. */
  capture: boolean;
}
