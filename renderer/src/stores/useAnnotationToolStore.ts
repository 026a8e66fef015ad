import { create } from 'zustand';
import type { Draft, ToolId } from '../features/annotations/tools/toolTypes';

interface AnnotationToolState {
  tool: ToolId;
  /** The brush erases (Alt while pressing does the same for one stroke). */
  eraser: boolean;
  /** Brush radius in screen CSS px. */
  brushRadiusPx: number;
  /** The shape being drawn, if any. */
  draft: Draft | null;
  /** Pointer position over the viewer (CSS px), for the brush outline; null when outside. */
  cursor: { x: number; y: number } | null;
  /** Class given to new annotations (null: unclassified). */
  drawClassId: number | null;
  visible: boolean;
  fill: boolean;
  setTool(tool: ToolId): void;
  setDraft(draft: Draft | null): void;
  setCursor(cursor: { x: number; y: number } | null): void;
  setEraser(on: boolean): void;
  setBrushRadius(px: number): void;
  setDrawClass(id: number | null): void;
  toggleVisible(): void;
  toggleFill(): void;
}

export const BRUSH_RADIUS_RANGE = { min: 2, max: 100 } as const;

/** The active annotation tool and how annotations are shown. */
export const useAnnotationToolStore = create<AnnotationToolState>((set) => ({
  tool: 'select',
  eraser: false,
  brushRadiusPx: 16,
  draft: null,
  cursor: null,
  drawClassId: null,
  visible: true,
  fill: true,
  setTool: (tool) => set({ tool, draft: null }),
  setDraft: (draft) => set({ draft }),
  setCursor: (cursor) => set({ cursor }),
  setEraser: (eraser) => set({ eraser }),
  setBrushRadius: (px) => set({ brushRadiusPx: Math.min(BRUSH_RADIUS_RANGE.max, Math.max(BRUSH_RADIUS_RANGE.min, Math.round(px))) }),
  setDrawClass: (drawClassId) => set({ drawClassId }),
  toggleVisible: () => set((s) => ({ visible: !s.visible })),
  toggleFill: () => set((s) => ({ fill: !s.fill })),
}));
