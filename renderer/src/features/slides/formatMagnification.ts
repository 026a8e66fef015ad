export function formatMagnification(m: number | null): string {
  if (m === null || !Number.isFinite(m)) return '—';
  return `${m >= 10 ? m.toFixed(1) : m.toFixed(2)}×`;
}
