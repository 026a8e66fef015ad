import type { Bounds } from '../../../../shared/annotations/measure';
import { boundsOfRect, compose, invert, sameScale, type ViewTransform } from './affine';

/** The annotation layer drawn for one transform over a region larger than the view (CSS px of the cache). */
interface Drawing {
  canvas: HTMLCanvasElement;
  /** Level-0 px → cache CSS px. */
  t: ViewTransform;
  w: number;
  h: number;
  version: number;
}

interface Job<B> extends Drawing {
  ctx: CanvasRenderingContext2D;
  batches: B[];
  next: number;
}

/**
 * The base annotation layer, cached. Drawing thousands of shapes takes longer than a frame, so the layer is drawn once
 * into an off-screen canvas covering the view and half a view around it, and each frame only copies that canvas into
 * place: panning costs a copy. When the cache no longer fits (zoom, rotation, a pan beyond the margin, an edit) it is
 * redrawn in slices of a few milliseconds per frame while the old drawing, moved and scaled, stands in.
 */
export class LayerCache<B> {
  private front: Drawing | null = null;
  private job: Job<B> | null = null;
  private spare: HTMLCanvasElement | null = null;
  private version = 0;
  private last: ViewTransform | null = null;

  /** The annotations or how they look changed: the next paint redraws. */
  invalidate(): void {
    this.version++;
  }

  /**
   * Paints the layer for transform `t` onto `ctx` (cleared, in CSS px) of a `width` × `height` viewer. `batchesFor`
   * lists what to draw in a level-0 region, `draw` draws one batch with a transform. With `eager`, a redraw starts even
   * while the zoom is still changing (cheap layers stay sharp during zoom animations). Returns whether work is left
   * for a later frame.
   */
  paint(
    ctx: CanvasRenderingContext2D,
    t: ViewTransform,
    width: number,
    height: number,
    dpr: number,
    batchesFor: (region: Bounds) => B[],
    draw: (ctx: CanvasRenderingContext2D, batch: B, t: ViewTransform) => void,
    opts: { eager: boolean; budgetMs: number },
  ): boolean {
    const settled = this.last !== null && sameScale(this.last, t);
    this.last = t;
    const fits = (d: Drawing) => d.version === this.version && sameScale(d.t, t) && covers(d, t, width, height);
    let pending = false;
    if (!this.front || !fits(this.front)) {
      if (this.job && !fits(this.job)) this.job = null;
      if (!this.job && (opts.eager || settled || !this.front)) this.job = this.start(t, width, height, dpr, batchesFor);
      if (this.job) this.run(this.job, draw, opts.budgetMs);
      pending = this.job !== null || !settled;
    }
    if (this.front) blit(ctx, this.front, t, dpr);
    return pending;
  }

  private start(t: ViewTransform, width: number, height: number, dpr: number, batchesFor: (region: Bounds) => B[]): Job<B> | null {
    const mx = Math.round(width / 2);
    const my = Math.round(height / 2);
    const w = width + 2 * mx;
    const h = height + 2 * my;
    const ct: ViewTransform = { ...t, e: t.e + mx, f: t.f + my };
    const region = boundsOfRect(invert(ct), w, h);
    const canvas = this.spare ?? document.createElement('canvas');
    this.spare = null;
    const pr = Math.min(dpr, 2);
    canvas.width = Math.round(w * pr);
    canvas.height = Math.round(h * pr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return { canvas, ctx, t: { ...ct, view: region }, w, h, version: this.version, batches: batchesFor(region), next: 0 };
  }

  private run(job: Job<B>, draw: (ctx: CanvasRenderingContext2D, batch: B, t: ViewTransform) => void, budgetMs: number): void {
    const t0 = performance.now();
    while (job.next < job.batches.length) {
      draw(job.ctx, job.batches[job.next++], job.t);
      if (performance.now() - t0 > budgetMs) break;
    }
    if (job.next < job.batches.length) return;
    if (this.front) this.spare = this.front.canvas;
    this.front = { canvas: job.canvas, t: job.t, w: job.w, h: job.h, version: job.version };
    this.job = null;
  }
}

/** Whether the drawing covers the whole viewer under transform t. */
function covers(d: Drawing, t: ViewTransform, width: number, height: number): boolean {
  const b = boundsOfRect(compose(d.t, invert(t)), width, height);
  const eps = 0.5;
  return b.minX >= -eps && b.minY >= -eps && b.maxX <= d.w + eps && b.maxY <= d.h + eps;
}

/** Copies the drawing into place for transform t (moved, and scaled or turned while a redraw is under way). */
function blit(ctx: CanvasRenderingContext2D, d: Drawing, t: ViewTransform, dpr: number): void {
  const m = compose(t, invert(d.t));
  const pure = Math.abs(m.a - 1) < 1e-6 && Math.abs(m.d - 1) < 1e-6 && Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6;
  ctx.save();
  if (pure) {
    // Whole device pixels: a pan moves the drawing without resampling (blurring) it.
    ctx.translate(Math.round(m.e * dpr) / dpr, Math.round(m.f * dpr) / dpr);
  } else ctx.transform(m.a, m.b, m.c, m.d, m.e, m.f);
  ctx.drawImage(d.canvas, 0, 0, d.w, d.h);
  ctx.restore();
}
