/** "hh:mm:ss.mmm" (hours optional in input) ↔ milliseconds, for subtitles and exports. */

const TIME = /^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/;

/** Parses "01:02:03.456", "02:03.456" or "01:02:03,456"; null when malformed. */
export function parseTimecode(s: string): number | null {
  const m = TIME.exec(s.trim());
  if (!m) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** 3723456 → "01:02:03.456" (separator "," for SRT). */
export function formatTimecode(ms: number, separator: '.' | ',' = '.'): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`a time must be a number ≥ 0 (got ${ms})`);
  const t = Math.round(ms);
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  const f = t % 1000;
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(h, 2)}:${p(m, 2)}:${p(s, 2)}${separator}${p(f, 3)}`;
}
