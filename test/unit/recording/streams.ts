// Hand-built navigation streams for the metrics and heatmap tests.
import type { NavigationEvent, SlideHeader } from '../../../shared/navigation';
import { viewportEvent } from '../../../shared/navigation';

/** 25,600 × 12,800 px at 40× (0.25 µm/px): with 256 cells on the long side, cells are 100 px. */
export const SLIDE: SlideHeader = { type: 'slide', id: 'unit', width: 25_600, height: 12_800, mpp: 0.25, objectivePower: 40 };
export const CW = 1000;
export const CH = 800;

export class Stream {
  readonly events: NavigationEvent[] = [];
  constructor(readonly slide: SlideHeader = SLIDE) {}
  /** A CW × CH view at `magnification` centred on (cx, cy): level-0 width CW × objective / magnification. */
  view(t: number, cx: number, cy: number, magnification: number, rotation = 0): this {
    const perZoom = this.slide.objectivePower ?? 10 / (this.slide.mpp as number);
    this.events.push(viewportEvent({ t, cx, cy, zoom: magnification / perZoom, cw: CW, ch: CH, rotation }));
    return this;
  }
  cursor(t: number): this {
    this.events.push({ type: 'cursor', t, x: 1, y: 1 });
    return this;
  }
  mark(type: 'blur' | 'focus' | 'hidden' | 'visible' | 'idle' | 'active' | 'end', t: number): this {
    this.events.push({ type, t });
    return this;
  }
}
