import sharp from 'sharp';
import { toRgb } from '../../../shared/models/image';
import { computeCellFeatures } from '../../../shared/models/roiFeatures';
import { ROI_SPEC } from '../../../shared/models/roiSpec';
import type { TissueMask } from '../../../shared/recording/grid';
import type { CoreDeps } from '../context';
import { CoreError } from '../errors';
import type { PixelSource } from '../review/regionImages';
import { slideEngineFor } from '../slides/slideEngineRegistry';

/** Cells of the tissue mask on the slide's long side (the coverage grid has 256: a mask cell spans 2 × 2 of its cells). */
export const TISSUE_MASK_LONG_SIDE = 128;
/** A mask cell is tissue when at least this share of it is (as the proposer's trainer counts tissue cells). */
export const TISSUE_CELL_FRACTION = 0.5;
/** The level read has at least this many pixels across a mask cell; finer levels only cost time. */
const MIN_PIXELS_PER_CELL = 3;
const MAX_READ_PIXELS = 64 * 1024 * 1024;
const MAX_CACHED = 64;
const STRIP_ROWS = 8;

/**
 * Where the tissue is, from the slide's low-resolution image, by the region proposer's own tissue rule (summed optical
 * density above ROI_SPEC.tissueThreshold, as computeCellFeatures computes it). The coarsest level still giving a few
 * pixels across a mask cell is read and resized so that each mask cell is one feature cell (ROI_SPEC.stride pixels
 * square): the mask spans the slide exactly.
 */
export async function computeTissueMask(src: PixelSource, longSide = TISSUE_MASK_LONG_SIDE): Promise<TissueMask> {
  const long = Math.max(src.width, src.height);
  const cols = Math.max(1, Math.round((longSide * src.width) / long));
  const rows = Math.max(1, Math.round((longSide * src.height) / long));
  const cellPx = long / longSide;
  let level = 0;
  src.levels.forEach((l, i) => {
    if (l.downsample * MIN_PIXELS_PER_CELL <= cellPx && l.downsample > src.levels[level].downsample) level = i;
  });
  const l = src.levels[level];
  if (l.width * l.height > MAX_READ_PIXELS) throw new CoreError('UNSUPPORTED_FILE', `The slide has no level small enough to find its tissue on (the coarsest is ${l.width}×${l.height}).`);
  const raw = await src.readRegion(0, 0, level, l.width, l.height);
  const w = cols * ROI_SPEC.stride;
  const h = rows * ROI_SPEC.stride;
  const { data } = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } })
    .resize(w, h, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgb = toRgb({ width: w, height: h, channels: 4, data });
  const cells = new Uint8Array(cols * rows);
  // A cell's tissue share depends on its own pixels only, so the image is measured a strip of rows at a time, letting
  // other calls run in between (the whole image is a few hundred ms of work).
  for (let r0 = 0; r0 < rows; r0 += STRIP_ROWS) {
    const n = Math.min(STRIP_ROWS, rows - r0);
    const strip = rgb.subarray(r0 * ROI_SPEC.stride * w * 3, (r0 + n) * ROI_SPEC.stride * w * 3);
    const { tissue } = computeCellFeatures(strip, w, n * ROI_SPEC.stride);
    for (let i = 0; i < n * cols; i++) cells[r0 * cols + i] = tissue[i] >= TISSUE_CELL_FRACTION ? 1 : 0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { cols, rows, cells };
}

const caches = new WeakMap<CoreDeps['db'], Map<string, Promise<TissueMask>>>();

/**
 * The tissue mask of a library slide of the given size, computed once per version of its file; null when the slide
 * cannot be read (its file is gone or unreadable) or is no longer that size, so coverage falls back to the whole slide.
 */
export async function tissueMaskOf(deps: Pick<CoreDeps, 'db' | 'dataDir'>, slideId: number, size: { width: number; height: number }): Promise<TissueMask | null> {
  let opened;
  try {
    opened = await slideEngineFor(deps).byId(deps.db, slideId);
  } catch {
    return null;
  }
  const { reader } = opened;
  if (reader.width !== size.width || reader.height !== size.height) return null;
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new Map();
    caches.set(deps.db, cache);
  }
  const key = `${slideId}:${opened.path}:${opened.version}`;
  let mask = cache.get(key);
  if (!mask) {
    mask = computeTissueMask(reader);
    cache.set(key, mask);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  try {
    return await mask;
  } catch {
    cache.delete(key);
    return null;
  }
}
