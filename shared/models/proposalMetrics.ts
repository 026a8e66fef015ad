import { iou, type Box } from './boxes';

export interface SlideOutcome {
  /** Per proposal (in rank order): does it hit a true region at the IoU bar? */
  hits: boolean[];
  /** True regions found by at least one of the proposals. */
  found: number;
  truths: number;
}

/** Scores ranked proposals against the true regions of one slide, looking at the first `k` proposals. */
export function scoreSlide(proposals: Box[], truths: Box[], k: number, minIoU: number): SlideOutcome {
  return scoreSlideBy(
    proposals,
    truths.map((t) => (p: Box) => iou(p, t) >= minIoU),
    k,
  );
}

/** The same with each true region given as a test of whether a proposal finds it. */
export function scoreSlideBy(proposals: Box[], truths: ReadonlyArray<(p: Box) => boolean>, k: number): SlideOutcome {
  const top = proposals.slice(0, k);
  const hits = top.map((p) => truths.some((found) => found(p)));
  const found = truths.filter((t) => top.some((p) => t(p))).length;
  return { hits, found, truths: truths.length };
}

export interface Summary {
  slides: number;
  truths: number;
  proposals: number;
  /** Found true regions / all true regions. */
  recall: number;
  /** Proposals that hit a true region / all proposals made. */
  precision: number;
}

export function summarise(outcomes: SlideOutcome[]): Summary {
  const truths = outcomes.reduce((n, o) => n + o.truths, 0);
  const found = outcomes.reduce((n, o) => n + o.found, 0);
  const proposals = outcomes.reduce((n, o) => n + o.hits.length, 0);
  const hits = outcomes.reduce((n, o) => n + o.hits.filter(Boolean).length, 0);
  return { slides: outcomes.length, truths, proposals, recall: truths ? found / truths : 1, precision: proposals ? hits / proposals : 1 };
}
