import type { ReviewItem } from '../../../../shared/contract';

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  const s = ms / 1000;
  return s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
}

export function formatRate(r: number | null): string {
  return r === null ? '—' : `${Math.round(r * 100)}%`;
}

export function formatMag(m: number | null): string {
  return m === null ? '' : `${Number.isInteger(m) ? m : Number(m.toFixed(2))}×`;
}

/** "Inspect 10× · 3.0 s" / "Model proposal 10× · score 0.81" / "First impression". */
export function itemTitle(it: ReviewItem): string {
  if (it.kind === 'impression') return 'First impression';
  const what = it.source === 'model' ? 'Model proposal' : it.kind === 'peek' ? 'Peek' : 'Inspect';
  const extra = it.source === 'model' ? (it.model?.score != null ? ` · score ${it.model.score.toFixed(2)}` : '') : it.durationMs !== null ? ` · ${formatMs(it.durationMs)}` : '';
  return `${what} ${formatMag(it.magnification)}${extra}`;
}

export function itemStatus(it: ReviewItem): string {
  if (it.review) return it.review.decision === 'accept' ? 'accepted' : it.review.decision === 'edit' ? 'edited' : 'rejected';
  return it.draft ? 'drafted' : 'not drafted';
}
