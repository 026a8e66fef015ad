import { ROI_FEATURE_COUNT, ROI_POOLED_CHANNELS, ROI_SPEC, stainWeights, type RoiHead } from './roiSpec';

/** Cell features, planar: feature f of cell (r, c) is at values[f * rows * cols + r * cols + c]. */
export interface CellFeatures {
  rows: number;
  cols: number;
  values: Float32Array;
  /** Tissue fraction per cell (also feature "tissue"); it gates the heatmap. */
  tissue: Float32Array;
}

const LN256 = Math.log(256);
const OD_TABLE = Float64Array.from({ length: 256 }, (_, v) => LN256 - Math.log(v + 1));

/** Mean over a size×size window of valid cells or pixels (padding not counted), done as rows then columns. */
export function windowMean(src: Float64Array, rows: number, cols: number, size: number): Float64Array {
  const half = (size - 1) / 2;
  const tmp = new Float64Array(src.length);
  const line = new Float64Array(Math.max(rows, cols) + 1);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) line[c + 1] = line[c] + src[base + c];
    for (let c = 0; c < cols; c++) {
      const lo = c - half < 0 ? 0 : c - half;
      const hi = c + half > cols - 1 ? cols - 1 : c + half;
      tmp[base + c] = (line[hi + 1] - line[lo]) / (hi - lo + 1);
    }
  }
  const out = new Float64Array(src.length);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) line[r + 1] = line[r] + tmp[r * cols + c];
    for (let r = 0; r < rows; r++) {
      const lo = r - half < 0 ? 0 : r - half;
      const hi = r + half > rows - 1 ? rows - 1 : r + half;
      out[r * cols + c] = (line[hi + 1] - line[lo]) / (hi - lo + 1);
    }
  }
  return out;
}

/**
 * The proposer's fixed feature layers in plain TypeScript (the reference the ONNX graph is checked against, and
 * what the trainer fits the head on): optical density → haematoxylin/DAB → tissue, nuclear blob detectors →
 * per-cell means within tissue → contrast with the neighbourhood.
 */
export function computeCellFeatures(rgb: Uint8Array, width: number, height: number): CellFeatures {
  const S = ROI_SPEC;
  const stride = S.stride;
  const rows = Math.floor(height / stride);
  const cols = Math.floor(width / stride);
  const n = width * height;
  const [wh, wd] = stainWeights();
  const h = new Float64Array(n);
  const d = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = OD_TABLE[rgb[i * 3]];
    const g = OD_TABLE[rgb[i * 3 + 1]];
    const b = OD_TABLE[rgb[i * 3 + 2]];
    h[i] = wh[0] * r + wh[1] * g + wh[2] * b;
    d[i] = wd[0] * r + wd[1] * g + wd[2] * b;
    t[i] = 1 / (1 + Math.exp(-S.tissueSlope * (r + g + b - S.tissueThreshold)));
  }
  const blobs = S.blobBoxes.map(([inner, outer]) => {
    const a = windowMean(h, height, width, inner);
    const b = windowMean(h, height, width, outer);
    for (let i = 0; i < n; i++) a[i] = Math.max(0, a[i] - b[i]);
    return a;
  });
  const pixelChannels = [h, d, blobs[0], blobs[1]];
  const cells = rows * cols;
  const pooled = Array.from({ length: ROI_POOLED_CHANNELS }, () => new Float64Array(cells));
  const tissue = new Float64Array(cells);
  const area = stride * stride;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const sums = new Float64Array(ROI_POOLED_CHANNELS);
      let ts = 0;
      for (let y = r * stride; y < (r + 1) * stride; y++) {
        for (let x = c * stride; x < (c + 1) * stride; x++) {
          const i = y * width + x;
          for (let k = 0; k < 4; k++) sums[k] += pixelChannels[k][i];
          sums[4] += h[i] * h[i];
          ts += t[i];
        }
      }
      const cell = r * cols + c;
      for (let k = 0; k < ROI_POOLED_CHANNELS; k++) pooled[k][cell] = sums[k] / area;
      tissue[cell] = ts / area;
    }
  }
  const values = new Float32Array(ROI_FEATURE_COUNT * cells);
  const ctxTissue = windowMean(tissue, rows, cols, S.contextCells);
  for (let k = 0; k < ROI_POOLED_CHANNELS; k++) {
    const ctx = windowMean(pooled[k], rows, cols, S.contextCells);
    for (let i = 0; i < cells; i++) {
      const own = pooled[k][i] / (tissue[i] + S.epsilon);
      values[k * cells + i] = own;
      values[(k + ROI_POOLED_CHANNELS) * cells + i] = own - ctx[i] / (ctxTissue[i] + S.epsilon);
    }
  }
  values.set(tissue, (ROI_FEATURE_COUNT - 1) * cells);
  return { rows, cols, values, tissue: Float32Array.from(tissue) };
}

/** The head applied to features: heat = sigmoid(w·f + b) × tissue fraction, as the model computes it. */
export function applyHead(f: CellFeatures, head: RoiHead): Float32Array {
  const cells = f.rows * f.cols;
  const out = new Float32Array(cells);
  for (let i = 0; i < cells; i++) {
    let z = head.bias;
    for (let k = 0; k < head.weights.length; k++) z += head.weights[k] * f.values[k * cells + i];
    out[i] = f.tissue[i] / (1 + Math.exp(-z));
  }
  return out;
}
