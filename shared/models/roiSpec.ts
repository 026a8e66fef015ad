import { hdabDeconvolution } from './stains';

/**
 * The fixed feature layers of the region proposer. The ONNX graph (models/roi-proposer/graph.ts) and the
 * TypeScript reference (roiFeatures.ts) are both built from these numbers, so they compute the same features.
 */
export const ROI_SPEC = {
  /** Input pixels per heatmap cell (the pooling stride). */
  stride: 8,
  /** Tissue = sigmoid(slope · (OD_r + OD_g + OD_b − threshold)). */
  tissueSlope: 12,
  tissueThreshold: 0.25,
  /**
   * Centre-surround nuclear detectors on the haematoxylin channel: [inner, outer] box sides in input pixels
   * (box means, not Gaussians: pooling runs in place without the large buffers a wide convolution needs).
   */
  blobBoxes: [
    [3, 7],
    [5, 11],
  ] as ReadonlyArray<readonly [number, number]>,
  /** Side of the neighbourhood (in cells) a cell's stain is compared with. */
  contextCells: 15,
  /** Added to tissue fractions before dividing by them. */
  epsilon: 0.02,
} as const;

/** Per-cell features the head weighs, in order. "n" = mean within tissue, "c" = that minus the neighbourhood's. */
export const ROI_FEATURES = [
  'haematoxylin',
  'dab',
  'small-nuclei',
  'large-nuclei',
  'haematoxylin²',
  'haematoxylin-contrast',
  'dab-contrast',
  'small-nuclei-contrast',
  'large-nuclei-contrast',
  'haematoxylin²-contrast',
  'tissue',
] as const;

export const ROI_FEATURE_COUNT = ROI_FEATURES.length;

/** Number of per-pixel channels pooled into cells (all but tissue). */
export const ROI_POOLED_CHANNELS = 5;

/** 1×1 convolution weights [stain][r,g,b] from optical density to [haematoxylin, DAB]. */
export function stainWeights(): number[][] {
  const m = hdabDeconvolution();
  return [m[0], m[1]];
}

/** The learned part: a logistic regression over the cell features. */
export interface RoiHead {
  weights: number[];
  bias: number;
}
