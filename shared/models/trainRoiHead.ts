import type { Box } from './boxes';
import type { HeldOutMetrics } from './card';
import { DEFAULT_BOX_OPTIONS, cellsToPixels, heatmapCandidates, type BoxOptions } from './heatmapBoxes';
import { toRgb, type RasterImage } from './image';
import { fitLogistic } from './logistic';
import { scoreSlide, summarise } from './proposalMetrics';
import { mulberry32, shuffle } from './random';
import { applyHead, computeCellFeatures, type CellFeatures } from './roiFeatures';
import { ROI_FEATURE_COUNT, ROI_SPEC, type RoiHead } from './roiSpec';

/** One low-magnification image and what an expert did on it; boxes in level-0 pixels. */
export interface TrainingImage {
  id: string;
  image: RasterImage;
  /** Level-0 pixels per image pixel. */
  downsample: number;
  /** Regions the expert inspected or peeked at. */
  positives: Box[];
  /** Tissue seen at low power but never inspected; when absent, all tissue outside the positives. */
  negatives?: Box[];
}

export interface TrainOptions {
  seed: number;
  /** Share of images held out for precision/recall when no held-out set is given. */
  heldOutFraction: number;
  /** Evaluate on these instead of splitting. */
  heldOut?: TrainingImage[];
  /** The head to start from and shrink towards (the current version); none = from scratch. */
  prior?: RoiHead;
  l2: number;
  /** Share of the total sample weight given to positive cells. */
  positiveShare: number;
  /**
   * Experts frame boxes loosely: only cells inside the box shrunk by this share of its size (per side) count as
   * positive, and tissue within this share around it counts as neither.
   */
  boxSlack: number;
  /** Proposals per image and IoU bar for the held-out figures. */
  atK: number;
  minIoU: number;
  boxes: BoxOptions;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  heldOutFraction: 0.25,
  l2: 1e-2,
  positiveShare: 0.25,
  boxSlack: 0.25,
  atK: 5,
  minIoU: 0.3,
  boxes: DEFAULT_BOX_OPTIONS,
};

export interface TrainResult {
  head: RoiHead;
  trainImages: string[];
  heldOutImages: string[];
  positiveCells: number;
  negativeCells: number;
  iterations: number;
  loss: number;
  heldOut: HeldOutMetrics | null;
  heldOutBefore: HeldOutMetrics | null;
}

interface Prepared {
  source: TrainingImage;
  features: CellFeatures;
}

function prepare(img: TrainingImage): Prepared {
  if (!(img.downsample > 0)) throw new Error(`Image ${img.id}: downsample must be a positive number.`);
  return { source: img, features: computeCellFeatures(toRgb(img.image), img.image.width, img.image.height) };
}

function inside(b: Box, x: number, y: number, grow = 0): boolean {
  return x >= b[0] - grow && x < b[2] + grow && y >= b[1] - grow && y < b[3] + grow;
}

/** Grows (share > 0) or shrinks (share < 0) a box by a share of its width/height on every side, plus `pad`. */
function resize(b: Box, share: number, pad = 0): Box {
  const dx = (b[2] - b[0]) * share + pad;
  const dy = (b[3] - b[1]) * share + pad;
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

/** Proposals of a head on one prepared image (first pass only), in level-0 pixels. */
function quickProposals(p: Prepared, head: RoiHead, boxes: BoxOptions, k: number): Box[] {
  const heat = applyHead(p.features, head);
  const cands = heatmapCandidates({ rows: p.features.rows, cols: p.features.cols, values: heat }, { ...boxes, maxBoxes: k });
  const ds = p.source.downsample;
  return cands.map((c) => cellsToPixels(c.cells, ROI_SPEC.stride).map((v) => v * ds) as Box);
}

export function evaluateRoiHead(images: Prepared[], head: RoiHead, atK: number, minIoU: number, boxes: BoxOptions): HeldOutMetrics {
  const outcomes = images.map((p) => scoreSlide(quickProposals(p, head, boxes, atK), p.source.positives, atK, minIoU));
  const s = summarise(outcomes);
  return { images: s.slides, regions: s.truths, atK, minIoU, recall: s.recall, precision: s.precision };
}

/**
 * Fits the proposer's head on expert behaviour: cells inside inspected boxes are positives, tissue cells the expert
 * saw but never inspected are negatives (box edges are loose, so a band around each edge, `boxSlack` of the box
 * size, is left out). Seeded and deterministic. Reports held-out precision/recall, and the prior head's on the same
 * images when there is one.
 */
export function trainRoiHead(data: { images: TrainingImage[] }, seed: number, options: Partial<TrainOptions> = {}): TrainResult {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options, seed };
  if (data.images.length === 0) throw new Error('No training images.');
  let train: TrainingImage[];
  let held: TrainingImage[];
  if (o.heldOut) {
    train = data.images;
    held = o.heldOut;
  } else {
    const order = shuffle(mulberry32(seed), data.images.map((_, i) => i));
    const nHeld = data.images.length >= 2 ? Math.max(1, Math.round(data.images.length * o.heldOutFraction)) : 0;
    held = order.slice(0, nHeld).map((i) => data.images[i]);
    train = order.slice(nHeld).map((i) => data.images[i]);
  }
  if (train.every((t) => t.positives.length === 0)) throw new Error('None of the training images has a positive box.');

  const stride = ROI_SPEC.stride;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of train.map(prepare)) {
    const { rows, cols, values, tissue } = p.features;
    const cells = rows * cols;
    const ds = p.source.downsample;
    const cores = p.source.positives.map((b) => resize(b, -o.boxSlack));
    const halos = p.source.positives.map((b) => resize(b, o.boxSlack, stride * ds));
    for (let i = 0; i < cells; i++) {
      if (tissue[i] < 0.5) continue;
      const x = ((i % cols) + 0.5) * stride * ds;
      const y = (Math.floor(i / cols) + 0.5) * stride * ds;
      const pos = cores.some((b) => inside(b, x, y));
      if (!pos) {
        if (halos.some((b) => inside(b, x, y))) continue;
        if (p.source.negatives && !p.source.negatives.some((b) => inside(b, x, y))) continue;
      }
      for (let f = 0; f < ROI_FEATURE_COUNT; f++) xs.push(values[f * cells + i]);
      ys.push(pos ? 1 : 0);
    }
  }
  const positives = ys.reduce((a, b) => a + b, 0);
  const negatives = ys.length - positives;
  if (positives === 0) throw new Error('The positive boxes cover no tissue: check that boxes are in level-0 pixels and the downsample is right.');
  if (negatives === 0) throw new Error('There is no negative tissue to learn from.');
  const wPos = (o.positiveShare / (1 - o.positiveShare)) * (negatives / positives);
  const weight = Float64Array.from(ys, (y) => (y ? wPos : 1));
  const fit = fitLogistic(
    { x: Float64Array.from(xs), y: Uint8Array.from(ys), weight, features: ROI_FEATURE_COUNT },
    { l2: o.l2, prior: o.prior, maxIterations: 50, tolerance: 1e-7 },
  );
  const head: RoiHead = { weights: fit.weights, bias: fit.bias };
  const heldPrepared = held.map(prepare);
  return {
    head,
    trainImages: train.map((t) => t.id),
    heldOutImages: held.map((t) => t.id),
    positiveCells: positives,
    negativeCells: negatives,
    iterations: fit.iterations,
    loss: fit.loss,
    heldOut: heldPrepared.length ? evaluateRoiHead(heldPrepared, head, o.atK, o.minIoU, o.boxes) : null,
    heldOutBefore: heldPrepared.length && o.prior ? evaluateRoiHead(heldPrepared, o.prior, o.atK, o.minIoU, o.boxes) : null,
  };
}

/** Rounds a head to 6 significant digits so builds do not hinge on the last bits of floating-point sums. */
export function roundHead(h: RoiHead): RoiHead {
  const r = (v: number) => Number(v.toPrecision(6));
  return { weights: h.weights.map(r), bias: r(h.bias) };
}
