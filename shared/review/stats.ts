/** Review modes: drafts shown ("review"), or empty fields typed from scratch ("manual", the baseline). */
export type ReviewMode = 'review' | 'manual';
export type Decision = 'accept' | 'edit' | 'reject';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One stored review, as the dashboard needs it. */
export interface ReviewFact {
  reviewerId: number;
  reviewerName: string;
  mode: ReviewMode;
  decision: Decision;
  elapsedMs: number;
  /** Summed over fields. */
  editDistance: number;
  keystrokes: number;
}

export interface ModeFigures {
  mode: ReviewMode;
  items: number;
  medianMs: number | null;
  accepted: number;
  edited: number;
  rejected: number;
  /** accepted / items (unchanged drafts). */
  acceptanceRate: number | null;
  /** edited / items. */
  editRate: number | null;
  rejectionRate: number | null;
  meanEditDistance: number | null;
  meanKeystrokes: number | null;
}

export interface ReviewerFigures {
  reviewerId: number;
  reviewerName: string;
  review: ModeFigures;
  manual: ModeFigures;
}

export interface DashboardFigures {
  overall: { review: ModeFigures; manual: ModeFigures };
  /** Median time per item in manual mode divided by that in review mode (> 1: drafts save time). */
  speedup: number | null;
  reviewers: ReviewerFigures[];
}

function figures(mode: ReviewMode, facts: readonly ReviewFact[]): ModeFigures {
  const mine = facts.filter((f) => f.mode === mode);
  const n = mine.length;
  const count = (d: Decision) => mine.filter((f) => f.decision === d).length;
  const rate = (k: number) => (n ? k / n : null);
  const accepted = count('accept');
  const edited = count('edit');
  const rejected = count('reject');
  return {
    mode,
    items: n,
    medianMs: median(mine.map((f) => f.elapsedMs)),
    accepted,
    edited,
    rejected,
    acceptanceRate: rate(accepted),
    editRate: rate(edited),
    rejectionRate: rate(rejected),
    meanEditDistance: n ? mine.reduce((s, f) => s + f.editDistance, 0) / n : null,
    meanKeystrokes: n ? mine.reduce((s, f) => s + f.keystrokes, 0) / n : null,
  };
}

/** Median time per item in review vs manual mode, acceptance and edit rates: overall and per reviewer. */
export function dashboardFigures(facts: readonly ReviewFact[]): DashboardFigures {
  const byReviewer = new Map<number, ReviewFact[]>();
  for (const f of facts) {
    const list = byReviewer.get(f.reviewerId) ?? [];
    list.push(f);
    byReviewer.set(f.reviewerId, list);
  }
  const overall = { review: figures('review', facts), manual: figures('manual', facts) };
  const speedup = overall.review.medianMs && overall.manual.medianMs !== null ? overall.manual.medianMs / overall.review.medianMs : null;
  const reviewers = [...byReviewer.values()]
    .map((list) => ({ reviewerId: list[0].reviewerId, reviewerName: list[0].reviewerName, review: figures('review', list), manual: figures('manual', list) }))
    .sort((a, b) => a.reviewerName.localeCompare(b.reviewerName) || a.reviewerId - b.reviewerId);
  return { overall, speedup, reviewers };
}

/** accept when nothing changed, edit when any field changed; reject is always the reviewer's own choice. */
export function decisionFor(draft: Record<string, string>, final: Record<string, string>): 'accept' | 'edit' {
  for (const k of new Set([...Object.keys(draft), ...Object.keys(final)])) if ((draft[k] ?? '') !== (final[k] ?? '')) return 'edit';
  return 'accept';
}
