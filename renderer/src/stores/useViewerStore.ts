import { create } from 'zustand';
import type OpenSeadragon from 'openseadragon';

/** The live viewer: the OpenSeadragon instance and what the readouts show. */
interface ViewerState {
  viewer: OpenSeadragon.Viewer | null;
  /** Screen CSS pixels per level-0 pixel. */
  zoom: number;
  magnification: number | null;
  rotation: number;
  setViewer(v: OpenSeadragon.Viewer | null): void;
  setView(zoom: number, magnification: number | null, rotation: number): void;
}

export const useViewerStore = create<ViewerState>((set) => ({
  viewer: null,
  zoom: 0,
  magnification: null,
  rotation: 0,
  setViewer: (viewer) => set({ viewer }),
  setView: (zoom, magnification, rotation) => set({ zoom, magnification, rotation }),
}));
