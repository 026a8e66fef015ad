import { boxArea, iou, type Box } from './boxes';
import type { HeldOutMetrics, TrainingSources } from './card';
import { DEFAULT_BOX_OPTIONS, cellsToPixels, heatmapCandidates, type BoxOptions } from './heatmapBoxes';
import { toRgb, type RasterImage } from './image';
import { fitLogistic } from './logistic';
import { scoreSlideBy, summarise } from './proposalMetrics';
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
  /**
   * Behaviour boxes (inspect/peek views): the expert came to look at something inside, but a view also holds what
   * surrounds it. Only the look's tissue cells the head scores nearly as high as the look's best cell (`lookFloor`)
   * count as positive, chosen with the starting head and then again with the fitted one; the rest of the look is
   * left out.
   */
  looked?: Box[];
  /** Regions a reviewer confirmed (accepted proposals): positives that also win over a rejection. */
  accepted?: Box[];
  /**
   * Regions a reviewer said hold nothing to look at (rejected proposals): their tissue is negative even inside a
   * behaviour box or the band around one (not inside an accepted box), seen at low power or not, and weighs as much
   * per cell as a positive.
   */
  rejected?: Box[];
  /** Names of where the boxes came from, for the counts per source: one per positive box, and one for each other kind. */
  sources?: { positives?: string[]; looked?: string[]; negatives?: string; accepted?: string; rejected?: string };
}

/** Source names used when a training image names none. */
export const DEFAULT_SOURCE_NAMES = { positives: 'positives', looked: 'looked', negatives: 'negatives', otherTissue: 'otherTissue', accepted: 'accepted', rejected: 'rejected' } as const;

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
  /** A look's positives are its tissue cells scored at least this share of its best cell (see TrainingImage.looked). */
  lookFloor: number;
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
  lookFloor: 0.8,
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
  sources: TrainingSources;
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

/** Share of box a's area that lies inside box b. */
function shareInside(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const area = boxArea(a);
  return area > 0 ? (ix * iy) / area : 0;
}

/**
 * What a held-out image counts as regions to find: its positive and accepted boxes (found by a proposal at the IoU
 * bar), and its looks (found by a proposal at least half inside; a look mostly inside a larger one, such as a peek
 * within an inspect, is part of that one).
 */
function heldOutRegions(src: TrainingImage, minIoU: number): Array<(p: Box) => boolean> {
  const looks = src.looked ?? [];
  const outer = looks.filter((b, k) => !looks.some((c, j) => j !== k && boxArea(c) > boxArea(b) && shareInside(b, c) >= 0.9));
  return [
    ...[...src.positives, ...(src.accepted ?? [])].map((t) => (p: Box) => iou(p, t) >= minIoU),
    ...outer.map((t) => (p: Box) => shareInside(p, t) >= 0.5),
  ];
}

export function evaluateRoiHead(images: Prepared[], head: RoiHead, atK: number, minIoU: number, boxes: BoxOptions): HeldOutMetrics {
  const outcomes = images.map((p) => scoreSlideBy(quickProposals(p, head, boxes, atK), heldOutRegions(p.source, minIoU), atK));
  const s = summarise(outcomes);
  return { images: s.slides, regions: s.truths, atK, minIoU, recall: s.recall, precision: s.precision };
}

interface Samples {
  xs: number[];
  ys: number[];
  /** Per sample: 0 negative, 1 positive, 2 negative from a rejection. */
  kinds: number[];
  positives: number;
  negatives: number;
  sources: TrainingSources;
  /** Whether any positive came from a look (so the choice of its cells depends on the head). */
  bags: boolean;
}

/**
 * The labelled cells of the training images. A cell's label, by precedence: inside an accepted box's core →
 * positive; inside a rejected box → negative; inside a positive box's core, or among the best cells of a look →
 * positive; in the band around any of these (or elsewhere in a look) → left out; seen at low power (or anywhere,
 * without negative boxes) → negative.
 */
function collectSamples(prepared: Prepared[], o: TrainOptions, select: RoiHead | null): Samples {
  const stride = ROI_SPEC.stride;
  const xs: number[] = [];
  const ys: number[] = [];
  const kinds: number[] = [];
  const sources: TrainingSources = { positives: {}, negatives: {} };
  let bags = false;
  const tally = (into: Record<string, { boxes: number; cells: number }>, name: string, boxes: number, cells: number) => {
    const c = (into[name] ??= { boxes: 0, cells: 0 });
    c.boxes += boxes;
    c.cells += cells;
  };
  for (const p of prepared) {
    const { rows, cols, values, tissue } = p.features;
    const cells = rows * cols;
    const ds = p.source.downsample;
    const src = p.source;
    const accepted = src.accepted ?? [];
    const rejected = src.rejected ?? [];
    const looked = src.looked ?? [];
    const boxes = [...src.positives, ...looked, ...accepted];
    const firstLook = src.positives.length;
    const firstAccepted = firstLook + looked.length;
    const names = [
      ...src.positives.map((_, k) => src.sources?.positives?.[k] ?? DEFAULT_SOURCE_NAMES.positives),
      ...looked.map((_, k) => src.sources?.looked?.[k] ?? DEFAULT_SOURCE_NAMES.looked),
      ...accepted.map(() => src.sources?.accepted ?? DEFAULT_SOURCE_NAMES.accepted),
    ];
    const cores = boxes.map((b) => resize(b, -o.boxSlack));
    const halos = boxes.map((b) => resize(b, o.boxSlack, stride * ds));
    const centre = (i: number) => [((i % cols) + 0.5) * stride * ds, (Math.floor(i / cols) + 0.5) * stride * ds] as const;
    // Each look's best cells outside rejected boxes: those the selecting head scores at least `lookFloor` times the
    // look's best such cell; with no head yet, all of them.
    const chosen = looked.map(() => new Uint8Array(cells));
    if (looked.length) {
      bags = true;
      const heat = select ? applyHead(p.features, select) : null;
      for (let k = firstLook; k < firstAccepted; k++) {
        let best = 0;
        const members: number[] = [];
        for (let i = 0; i < cells; i++) {
          if (tissue[i] < 0.5) continue;
          const [x, y] = centre(i);
          if (!inside(boxes[k], x, y) || rejected.some((b) => inside(b, x, y))) continue;
          members.push(i);
          if (heat && heat[i] > best) best = heat[i];
        }
        for (const i of members) if (!heat || heat[i] >= o.lookFloor * best) chosen[k - firstLook][i] = 1;
      }
    }
    const positiveCellsBy = new Map<string, number>();
    let negativeCells = 0;
    let rejectedCells = 0;
    for (let i = 0; i < cells; i++) {
      if (tissue[i] < 0.5) continue;
      const [x, y] = centre(i);
      const inCore = cores.map((b, k) => (k >= firstLook && k < firstAccepted ? chosen[k - firstLook][i] === 1 : inside(b, x, y)));
      let kind: number;
      if (inCore.some((c, k) => c && k >= firstAccepted)) kind = 1;
      else if (rejected.some((b) => inside(b, x, y))) kind = 2;
      else if (inCore.some(Boolean)) kind = 1;
      else if (halos.some((b) => inside(b, x, y))) continue;
      else if (src.negatives && !src.negatives.some((b) => inside(b, x, y))) continue;
      else kind = 0;
      if (kind === 1) {
        for (const name of new Set(names.filter((_, k) => inCore[k]))) positiveCellsBy.set(name, (positiveCellsBy.get(name) ?? 0) + 1);
      } else if (kind === 2) rejectedCells++;
      else negativeCells++;
      for (let f = 0; f < ROI_FEATURE_COUNT; f++) xs.push(values[f * cells + i]);
      ys.push(kind === 1 ? 1 : 0);
      kinds.push(kind);
    }
    names.forEach((name) => tally(sources.positives, name, 1, 0));
    for (const [name, n] of positiveCellsBy) tally(sources.positives, name, 0, n);
    tally(sources.negatives, src.negatives ? (src.sources?.negatives ?? DEFAULT_SOURCE_NAMES.negatives) : DEFAULT_SOURCE_NAMES.otherTissue, src.negatives?.length ?? 0, negativeCells);
    if (rejected.length) tally(sources.negatives, src.sources?.rejected ?? DEFAULT_SOURCE_NAMES.rejected, rejected.length, rejectedCells);
  }
  const positives = ys.reduce((a, b) => a + b, 0);
  return { xs, ys, kinds, positives, negatives: ys.length - positives, sources, bags };
}

function fitSamples(s: Samples, o: TrainOptions) {
  if (s.positives === 0) throw new Error('The positive boxes cover no tissue: check that boxes are in level-0 pixels and the downsample is right.');
  if (s.negatives === 0) throw new Error('There is no negative tissue to learn from.');
  const implicitNegatives = s.kinds.filter((k) => k === 0).length;
  // Positives together weigh `positiveShare` against the negatives seen; a rejected cell weighs as much as a positive.
  const wPos = (o.positiveShare / (1 - o.positiveShare)) * (Math.max(1, implicitNegatives) / s.positives);
  const weight = Float64Array.from(s.kinds, (k) => (k === 0 ? 1 : wPos));
  return fitLogistic({ x: Float64Array.from(s.xs), y: Uint8Array.from(s.ys), weight, features: ROI_FEATURE_COUNT }, { l2: o.l2, prior: o.prior, maxIterations: 50, tolerance: 1e-7 });
}

/**
 * Fits the proposer's head on expert behaviour: cells inside inspected boxes are positives, tissue cells the expert
 * saw but never inspected are negatives (box edges are loose, so a band around each edge, `boxSlack` of the box
 * size, is left out); a reviewer's accepted and rejected regions add positives and negatives that outrank the
 * behaviour (see TrainingImage). Seeded and deterministic. Reports held-out precision/recall, and the prior head's on the same
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
  if (train.every((t) => t.positives.length === 0 && !t.looked?.length && !t.accepted?.length)) throw new Error('None of the training images has a positive box.');

  const prepared = train.map(prepare);
  const collect = (select: RoiHead | null) => collectSamples(prepared, o, select);
  let samples = collect(o.prior ?? null);
  let fit = fitSamples(samples, o);
  if (samples.bags) {
    // The looks' best cells were chosen by the starting head; choose again with the fitted one and refit.
    samples = collect({ weights: fit.weights, bias: fit.bias });
    fit = fitSamples(samples, o);
  }
  const head: RoiHead = { weights: fit.weights, bias: fit.bias };
  const positives = samples.positives;
  const negatives = samples.negatives;
  const sources = samples.sources;
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
    sources,
  };
}

/** Rounds a head to 6 significant digits so builds do not hinge on the last bits of floating-point sums. */
export function roundHead(h: RoiHead): RoiHead {
  const r = (v: number) => Number(v.toPrecision(6));
  return { weights: h.weights.map(r), bias: r(h.bias) };
}
