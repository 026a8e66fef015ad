import type { LowMagView } from '../../../shared/models/image';
import { reduceRgb, toRgb } from '../../../shared/models/image';
import type { ProposeResult, ProposerConfig } from '../../../shared/models/proposer';
import { CoreError } from '../errors';
import { readLevelReduced, type StoredTile, type TiledLevelSource } from './lowMagTiles';
import type { CheckedModel } from './modelCheck';
import { proposeWithModel, warmProposer } from './regionProposer';
import type { ModelRuntime } from './runtime';

/**
 * What the proposer needs from a slide: its pyramid and a way to read a whole level. Any slide reader with these
 * members fits (readRegion takes x, y in level-0 pixels and w, h in pixels of the level, and returns RGBA). A
 * source that also gives its stored tiles (readTile, with tile sizes on its levels) is read tile by tile instead.
 */
export interface LowMagSource {
  readonly width: number;
  readonly height: number;
  readonly levels: ReadonlyArray<{ readonly width: number; readonly height: number; readonly downsample: number; readonly tileWidth?: number; readonly tileHeight?: number }>;
  readonly mpp: { x: number; y: number } | null;
  readonly objectivePower: number | null;
  readRegion(x: number, y: number, level: number, w: number, h: number): Promise<{ width: number; height: number; data: Uint8Array }>;
  readTile?(level: number, col: number, row: number): Promise<StoredTile>;
}

function tiledSource(src: LowMagSource): TiledLevelSource | null {
  if (!src.readTile || !src.levels.every((l) => (l.tileWidth ?? 0) > 0 && (l.tileHeight ?? 0) > 0)) return null;
  return src as TiledLevelSource;
}

/** The objective power of level 0: the stated one, else from the pixel size (0.25 µm/px ≈ 40×), else 40×. */
export function baseMagnification(src: Pick<LowMagSource, 'mpp' | 'objectivePower'>): number {
  if (src.objectivePower && src.objectivePower > 0) return src.objectivePower;
  if (src.mpp && src.mpp.x > 0) return 10 / src.mpp.x;
  return 40;
}

/**
 * Which level to read and by how much to shrink it after reading, to reach the model's magnification: the
 * coarsest level that is still at least as sharp as wanted, then an integer box reduction.
 */
export function planLowMagRead(src: Pick<LowMagSource, 'levels' | 'mpp' | 'objectivePower'>, modelMagnification: number): { level: number; reduce: number } {
  const wanted = baseMagnification(src) / modelMagnification;
  let level = 0;
  src.levels.forEach((l, i) => {
    if (l.downsample <= wanted * 1.05 && l.downsample > src.levels[level].downsample) level = i;
  });
  const reduce = Math.max(1, Math.round(wanted / src.levels[level].downsample));
  return { level, reduce };
}

/** Reads the whole slide at the model's magnification. */
export async function readLowMagView(src: LowMagSource, modelMagnification: number, signal?: AbortSignal): Promise<LowMagView> {
  const { level, reduce } = planLowMagRead(src, modelMagnification);
  const l = src.levels[level];
  if (l.width * l.height > 400_000_000) throw new CoreError('UNSUPPORTED_FILE', `The slide has no level small enough to read whole (the coarsest fitting one is ${l.width}×${l.height}).`);
  const tiled = tiledSource(src);
  if (tiled) {
    const image = await readLevelReduced(tiled, level, reduce, signal);
    return { image, downsample: (src.width / l.width) * reduce };
  }
  const raw = await src.readRegion(0, 0, level, l.width, l.height);
  if (signal?.aborted) throw new CoreError('CANCELLED', 'Cancelled.');
  const rgb = toRgb({ width: raw.width, height: raw.height, channels: 4, data: raw.data });
  const small = reduceRgb(rgb, raw.width, raw.height, reduce);
  return { image: { width: small.width, height: small.height, channels: 3, data: small.rgb }, downsample: (src.width / raw.width) * reduce };
}

/** propose(slide): the low-magnification read (while the workers get ready) plus the proposer. */
export async function proposeOnSlide(src: LowMagSource, model: CheckedModel, runtime: ModelRuntime, overrides: Partial<ProposerConfig> = {}, signal?: AbortSignal): Promise<ProposeResult> {
  const magnification = model.card.preprocessing.magnification ?? 1.25;
  void warmProposer(runtime, model);
  const view = await readLowMagView(src, magnification, signal);
  return proposeWithModel(view, model, runtime, overrides, signal);
}
