import type { StoredProposal } from '../../../../shared/contract';

export const ABSTAIN_TEXT = 'abstain — needs an expert';

export const pct = (v: number) => `${Math.round(v * 100)}%`;

/** "score 0.97 · confidence 81%" as shown beside a ghost box. */
export function scoreLine(p: Pick<StoredProposal, 'score' | 'confidence'>): string {
  return `score ${p.score.toFixed(2)} · confidence ${pct(p.confidence)}`;
}

export function statusText(p: StoredProposal): string {
  if (p.status === 'proposed') return 'not decided';
  const who = p.decidedByName ? ` by ${p.decidedByName}` : '';
  return `${p.status}${who}`;
}
