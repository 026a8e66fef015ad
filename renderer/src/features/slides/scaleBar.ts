/** A scale bar whose length is a round number of µm or mm, close to `targetPx` screen pixels. */
export function scaleBarFor(micronsPerPixel: number, targetPx = 120): { px: number; label: string } | null {
  if (!(micronsPerPixel > 0) || !Number.isFinite(micronsPerPixel)) return null;
  const targetUm = micronsPerPixel * targetPx;
  const pow = 10 ** Math.floor(Math.log10(targetUm));
  const nice = [1, 2, 5, 10].map((m) => m * pow).reduce((best, v) => (Math.abs(v - targetUm) < Math.abs(best - targetUm) ? v : best));
  const px = nice / micronsPerPixel;
  const label = nice >= 1000 ? `${+(nice / 1000).toPrecision(3)} mm` : nice >= 1 ? `${+nice.toPrecision(3)} µm` : `${+(nice * 1000).toPrecision(3)} nm`;
  return { px, label };
}
