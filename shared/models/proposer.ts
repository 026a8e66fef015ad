import { clipBox, scaleBox, type Box } from './boxes';
import { DIHEDRAL_COUNT, transformSquare, untransformSquareMap } from './dihedral';
import { DEFAULT_BOX_OPTIONS, cellsToPixels, heatmapCandidates, type BoxOptions, type Candidate, type Heatmap } from './heatmapBoxes';
import { checkRaster, toRgb, type LowMagView } from './image';
import { mulberry32 } from './random';
import { cropPixels, planSpans } from './tiling';
import { DEFAULT_PASS_POLICY, assessPasses, nextPassCount, type PassAssessment, type PassPolicy } from './uncertainty';

/** Runs the heatmap model on one RGB crop (width × height, both multiples of the stride). */
export type HeatmapRunner = (rgb: Uint8Array, width: number, height: number, signal?: AbortSignal) => Promise<Heatmap>;

export interface ProposerConfig {
  /** Input pixels per heatmap cell. */
  stride: number;
  /** Context (pixels, a multiple of the stride) each heatmap cell needs on every side; 0 = run on the whole image at once. */
  contextMargin: number;
  /** Crop side for the whole-image pass. */
  tileSize: number;
  boxes: BoxOptions;
  policy: PassPolicy;
  maxProposals: number;
  /** Candidates examined with extra passes (the best by first-pass score): this many, or maxProposals if more. */
  maxCandidates: number;
  /** Seeds the sub-cell shifts of the augmented passes. */
  seed: number;
}

export const DEFAULT_PROPOSER_CONFIG: Omit<ProposerConfig, 'stride' | 'contextMargin'> = {
  tileSize: 1024,
  boxes: DEFAULT_BOX_OPTIONS,
  policy: DEFAULT_PASS_POLICY,
  maxProposals: 5,
  maxCandidates: 10,
  seed: 7,
};

export interface Proposal {
  /** Level-0 pixels [x0, y0, x1, y1]. */
  box: Box;
  /** Mean probability over the passes spent. */
  score: number;
  /** 1 − normalised entropy of the score. */
  confidence: number;
  /** Share of passes on the majority side of the threshold. */
  agreement: number;
  passes: number;
  /** Still unclear after the whole budget: needs an expert. */
  abstain: boolean;
}

export interface ProposeResult {
  proposals: Proposal[];
  heatmap: Heatmap;
  /** Candidates examined, including those the passes rejected. */
  examined: Array<{ box: Box; assessment: PassAssessment }>;
  /** Model runs in all (tiles of the first pass plus augmented crops). */
  runs: number;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
}

/** The whole-image heatmap, computed crop by crop and stitched (identical to one run on the whole image). */
async function wholeHeatmap(rgb: Uint8Array, width: number, height: number, run: HeatmapRunner, cfg: ProposerConfig, signal?: AbortSignal): Promise<{ heat: Heatmap; runs: number }> {
  const s = cfg.stride;
  const rows = height / s;
  const cols = width / s;
  const tile = Math.max(cfg.tileSize - (cfg.tileSize % s), 2 * cfg.contextMargin + s);
  const xs = cfg.contextMargin > 0 ? planSpans(width, tile, cfg.contextMargin, s) : [{ start: 0, length: width, cellFrom: 0, cellTo: cols }];
  const ys = cfg.contextMargin > 0 ? planSpans(height, tile, cfg.contextMargin, s) : [{ start: 0, length: height, cellFrom: 0, cellTo: rows }];
  const values = new Float32Array(rows * cols);
  const jobs: Promise<void>[] = [];
  for (const sy of ys) {
    for (const sx of xs) {
      const crop = xs.length === 1 && ys.length === 1 ? rgb : cropPixels(rgb, width, 3, sx.start, sy.start, sx.length, sy.length);
      jobs.push(
        run(crop, sx.length, sy.length, signal).then((h) => {
          const offR = sy.start / s;
          const offC = sx.start / s;
          for (let r = sy.cellFrom; r < sy.cellTo; r++) {
            for (let c = sx.cellFrom; c < sx.cellTo; c++) values[r * cols + c] = h.values[(r - offR) * h.cols + (c - offC)];
          }
        }),
      );
    }
  }
  await Promise.all(jobs);
  return { heat: { rows, cols, values }, runs: jobs.length };
}

interface CandidateState {
  candidate: Candidate;
  members: Set<number>;
  scores: number[];
  rng: () => number;
  side: number;
  baseX: number;
  baseY: number;
}

/** One augmented pass over a candidate: shifted square crop, dihedral transform k, model, undo, mean over the region. */
async function augmentedPass(st: CandidateState, k: number, rgb: Uint8Array, width: number, height: number, run: HeatmapRunner, cfg: ProposerConfig, signal?: AbortSignal): Promise<number | null> {
  const s = cfg.stride;
  const dx = Math.floor(st.rng() * s);
  const dy = Math.floor(st.rng() * s);
  const ox = Math.max(0, Math.min(width - st.side, st.baseX + dx));
  const oy = Math.max(0, Math.min(height - st.side, st.baseY + dy));
  const crop = transformSquare(cropPixels(rgb, width, 3, ox, oy, st.side, st.side), st.side, 3, k % DIHEDRAL_COUNT);
  const h = await run(crop, st.side, st.side, signal);
  const m = h.rows;
  const map = untransformSquareMap(h.values, m, k % DIHEDRAL_COUNT);
  const cols = width / s;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const cell = Math.floor((oy + (i + 0.5) * s) / s) * cols + Math.floor((ox + (j + 0.5) * s) / s);
      if (st.members.has(cell)) {
        sum += map[i * m + j];
        n++;
      }
    }
  }
  return n ? sum / n : null;
}

/**
 * Proposes where an expert would look on a low-magnification view: one pass over the whole image gives a heatmap
 * and candidate regions (threshold + non-maximum suppression); each candidate then gets augmented passes
 * (the eight flips/rotations, each with a random sub-cell shift of the crop) until its confidence is clear or the
 * budget is spent, in which case it is marked to abstain. Boxes come back in level-0 pixels.
 */
export async function proposeRegions(view: LowMagView, run: HeatmapRunner, cfg: ProposerConfig, signal?: AbortSignal): Promise<ProposeResult> {
  const problem = checkRaster(view.image);
  if (problem) throw new Error(problem);
  const s = cfg.stride;
  const width = view.image.width - (view.image.width % s);
  const height = view.image.height - (view.image.height % s);
  if (width < s || height < s) throw new Error(`The image is ${view.image.width}×${view.image.height} pixels; the model needs at least ${s}×${s}.`);
  let rgb = toRgb(view.image);
  if (width !== view.image.width || height !== view.image.height) rgb = cropPixels(rgb, view.image.width, 3, 0, 0, width, height);

  throwIfAborted(signal);
  const { heat, runs: firstRuns } = await wholeHeatmap(rgb, width, height, run, cfg, signal);
  let runs = firstRuns;
  const candidates = heatmapCandidates(heat, { ...cfg.boxes, maxBoxes: Math.max(cfg.maxCandidates, cfg.maxProposals) });

  const maxSide = Math.min(width, height) - (Math.min(width, height) % s);
  const states: CandidateState[] = candidates.map((c, i) => {
    const [x0, y0, x1, y1] = cellsToPixels(c.cells, s);
    const want = Math.max(x1 - x0, y1 - y0) + 2 * cfg.contextMargin + s;
    const side = Math.min(maxSide, Math.ceil(want / s) * s);
    const baseX = Math.floor(((x0 + x1) / 2 - side / 2) / s) * s;
    const baseY = Math.floor(((y0 + y1) / 2 - side / 2) / s) * s;
    return { candidate: c, members: new Set(c.members), scores: [c.score], rng: mulberry32(cfg.seed * 7919 + i * 104729), side, baseX, baseY };
  });

  for (;;) {
    throwIfAborted(signal);
    const round: Promise<void>[] = [];
    for (const st of states) {
      const more = nextPassCount(st.scores, cfg.policy);
      for (let j = 0; j < more; j++) {
        const k = st.scores.length + j;
        round.push(
          augmentedPass(st, k, rgb, width, height, run, cfg, signal).then((score) => {
            if (score !== null) st.scores.push(score);
          }),
        );
      }
    }
    if (round.length === 0) break;
    const before = states.map((st) => st.scores.length);
    await Promise.all(round);
    runs += round.length;
    // A pass that found none of the region's cells adds nothing; stop rather than loop forever.
    if (states.every((st, i) => st.scores.length === before[i])) break;
  }

  const levelW = view.image.width * view.downsample;
  const levelH = view.image.height * view.downsample;
  const examined = states.map((st) => ({
    box: clipBox(scaleBox(cellsToPixels(st.candidate.cells, s), view.downsample), levelW, levelH),
    assessment: assessPasses(st.scores, cfg.policy),
  }));
  const proposals = examined
    .filter((e) => e.assessment.positive || e.assessment.abstain)
    .sort((a, b) => b.assessment.mean - a.assessment.mean)
    .slice(0, cfg.maxProposals)
    .map(
      ({ box, assessment: a }): Proposal => ({
        box: box.map((v) => Math.round(v)) as Box,
        score: a.mean,
        confidence: a.confidence,
        agreement: a.agreement,
        passes: a.passes,
        abstain: a.abstain,
      }),
    );
  return { proposals, heatmap: heat, examined, runs };
}
