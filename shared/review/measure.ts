import { computeCellFeatures } from '../models/roiFeatures';
import { ROI_FEATURES, ROI_SPEC, stainWeights } from '../models/roiSpec';

/** What the app measures on a region's pixels (RGB, transparent areas already flattened onto white). */
export interface StainMeasure {
  /** Share of the pixels that are tissue (summed optical density above the proposer's tissue threshold). */
  tissueFraction: number;
  /** Mean haematoxylin optical density within tissue (nuclear stain). */
  haematoxylinOd: number;
  /** Mean DAB optical density within tissue (the brown of immunohistochemistry). */
  dabOd: number;
  /** Share of tissue pixels whose DAB optical density exceeds DAB_POSITIVE_OD. */
  dabPositiveFraction: number;
  /** Nuclear-density proxy: the proposer's small- and large-nuclei blob responses, averaged within tissue. */
  nuclearDensity: number;
  /** Texture proxy: standard deviation of haematoxylin optical density within tissue. */
  texture: number;
}

export const DAB_POSITIVE_OD = 0.3;

const LN256 = Math.log(256);
const OD = Float64Array.from({ length: 256 }, (_, v) => LN256 - Math.log(v + 1));
const H_BINS = 8;
const H_MAX = 0.8;
const DAB_BINS = 6;
const DAB_MAX = 1.8;

export interface RegionMeasurement {
  measure: StainMeasure;
  /** Unit-length feature vector for retrieval of similar regions (cosine similarity). */
  embedding: number[];
}

/**
 * Measures stain and texture on an RGB crop: tissue, haematoxylin/DAB optical density (colour deconvolution), the
 * proposer's nuclear blob features, and an embedding built from the same numbers plus stain histograms.
 */
export function measureRegion(rgb: Uint8Array, width: number, height: number): RegionMeasurement {
  const n = width * height;
  const [wh, wd] = stainWeights();
  let tissue = 0;
  let hSum = 0;
  let hSq = 0;
  let dSum = 0;
  let dPos = 0;
  const hHist = new Float64Array(H_BINS);
  const dHist = new Float64Array(DAB_BINS);
  for (let i = 0; i < n; i++) {
    const r = OD[rgb[i * 3]];
    const g = OD[rgb[i * 3 + 1]];
    const b = OD[rgb[i * 3 + 2]];
    if (r + g + b <= ROI_SPEC.tissueThreshold) continue;
    tissue++;
    const h = Math.max(0, wh[0] * r + wh[1] * g + wh[2] * b);
    const d = Math.max(0, wd[0] * r + wd[1] * g + wd[2] * b);
    hSum += h;
    hSq += h * h;
    dSum += d;
    if (d > DAB_POSITIVE_OD) dPos++;
    hHist[Math.min(H_BINS - 1, Math.floor((h / H_MAX) * H_BINS))]++;
    dHist[Math.min(DAB_BINS - 1, Math.floor((d / DAB_MAX) * DAB_BINS))]++;
  }
  const t = Math.max(tissue, 1);
  const hMean = hSum / t;
  const measure: StainMeasure = {
    tissueFraction: n ? tissue / n : 0,
    haematoxylinOd: hMean,
    dabOd: dSum / t,
    dabPositiveFraction: dPos / t,
    nuclearDensity: tissue ? nuclearResponse(rgb, width, height) : 0,
    texture: Math.sqrt(Math.max(0, hSq / t - hMean * hMean)),
  };
  const vector = [
    measure.tissueFraction,
    measure.haematoxylinOd * 2,
    measure.dabOd * 3,
    measure.dabPositiveFraction,
    measure.nuclearDensity * 20,
    measure.texture * 4,
    ...Array.from(hHist, (v) => (0.5 * v) / t),
    ...Array.from(dHist, (v) => (0.5 * v) / t),
    // Everything above but the first entry is per tissue pixel: without these, a box of glass with a sliver of
    // tissue looked like the tissue itself. (The vector grew by them: older, shorter embeddings compare as 0.)
    3 * (1 - measure.tissueFraction),
    2 * measure.tissueFraction,
  ];
  return { measure, embedding: unit(vector) };
}

const SMALL = ROI_FEATURES.indexOf('small-nuclei');
const LARGE = ROI_FEATURES.indexOf('large-nuclei');

/** Tissue-weighted mean of the proposer's two nuclear blob features over the crop (cropped to whole cells). */
function nuclearResponse(rgb: Uint8Array, width: number, height: number): number {
  const s = ROI_SPEC.stride;
  const w = width - (width % s);
  const h = height - (height % s);
  if (w < s || h < s) return 0;
  let src = rgb;
  if (w !== width || h !== height) {
    src = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) src.set(rgb.subarray(y * width * 3, y * width * 3 + w * 3), y * w * 3);
  }
  const f = computeCellFeatures(src, w, h);
  const cells = f.rows * f.cols;
  let num = 0;
  let den = 0;
  for (let i = 0; i < cells; i++) {
    const tw = f.tissue[i];
    num += tw * (f.values[SMALL * cells + i] + f.values[LARGE * cells + i]);
    den += tw;
  }
  return den > 0 ? num / den : 0;
}

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm > 0 ? v.map((x) => x / norm) : v.map(() => 0);
}

/** Cosine similarity of two embeddings (unit vectors: their dot product); 0 when the lengths differ. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The most similar candidate at or above `minSimilarity`, or null. Ties go to the earlier candidate. */
export function nearest<T extends { embedding: readonly number[] }>(query: readonly number[], candidates: readonly T[], minSimilarity: number): { candidate: T; similarity: number } | null {
  let best: { candidate: T; similarity: number } | null = null;
  for (const c of candidates) {
    const s = similarity(query, c.embedding);
    if (s >= minSimilarity && (!best || s > best.similarity)) best = { candidate: c, similarity: s };
  }
  return best;
}
