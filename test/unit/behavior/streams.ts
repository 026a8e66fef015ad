// Hand-built navigation streams for the behaviour tests.
import type { NavigationEvent, NavigationSession, SlideHeader } from '../../../shared/navigation';
import { viewportEvent } from '../../../shared/navigation';

/** Container size of every test view, CSS px. */
export const CW = 1000;
export const CH = 800;

export function makeSlide(over: Partial<SlideHeader> = {}): SlideHeader {
  return { type: 'slide', id: 'test-slide', width: 100_000, height: 80_000, objectivePower: 40, ...over } as SlideHeader;
}

/** Zoom (CSS px per level-0 px) that shows `magnification` on this slide. */
export function zoomFor(slide: SlideHeader, magnification: number): number {
  if (slide.objectivePower != null) return magnification / slide.objectivePower;
  return (magnification * (slide.mpp as number)) / 10;
}

export class Stream {
  readonly events: NavigationEvent[] = [];
  constructor(readonly slide: SlideHeader = makeSlide()) {}

  /** A view of the CW × CH container at `magnification`, centred on (cx, cy). */
  view(t: number, cx: number, cy: number, magnification: number, rotation = 0): this {
    this.events.push(viewportEvent({ t, cx, cy, zoom: zoomFor(this.slide, magnification), cw: CW, ch: CH, rotation }));
    return this;
  }
  /** Width in level-0 px of a test view at `magnification`. */
  width(magnification: number): number {
    return CW / zoomFor(this.slide, magnification);
  }
  cursor(t: number, x = 1, y = 1): this {
    this.events.push({ type: 'cursor', t, x, y });
    return this;
  }
  mark(type: 'blur' | 'focus' | 'hidden' | 'visible' | 'idle' | 'active' | 'end', t: number): this {
    this.events.push({ type, t });
    return this;
  }
  end(t: number): this {
    return this.mark('end', t);
  }
  session(): NavigationSession {
    return { slide: this.slide, events: [...this.events] };
  }
}
