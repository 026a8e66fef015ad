/** Rules that turn per-window speech probabilities into speech segments. All times in ms. */
export interface VadSettings {
  /** A window with probability ≥ threshold starts (or continues) speech. */
  threshold: number;
  /** Speech ends only after the probability stays below this (hysteresis); default threshold − 0.15, at least 0.01. */
  negThreshold?: number;
  /** Segments shorter than this (before padding) are dropped. */
  minSpeechMs: number;
  /** A pause must last this long to end a segment; shorter pauses stay inside it. */
  minSilenceMs: number;
  /** Added before and after each segment, without overlapping a neighbour or leaving the media. */
  padMs: number;
}

/** Tuned for trainer remarks: pauses between words and clauses (< 0.6 s) do not split a remark. */
export const DEFAULT_VAD_SETTINGS: Readonly<VadSettings> = Object.freeze({
  threshold: 0.5,
  minSpeechMs: 250,
  minSilenceMs: 600,
  padMs: 100,
});

export interface SpeechSegment {
  start: number;
  end: number;
  /** Mean speech probability of the windows inside the segment (before padding). */
  p: number;
}

export function validateVadSettings(s: VadSettings): string | null {
  if (!(s.threshold > 0 && s.threshold < 1)) return `threshold must be between 0 and 1 (got ${s.threshold})`;
  if (s.negThreshold !== undefined && !(s.negThreshold > 0 && s.negThreshold <= s.threshold)) {
    return `negThreshold must be above 0 and at most the threshold (got ${s.negThreshold})`;
  }
  for (const k of ['minSpeechMs', 'minSilenceMs', 'padMs'] as const) {
    if (!(Number.isFinite(s[k]) && s[k] >= 0)) return `${k} must be a number ≥ 0 (got ${s[k]})`;
  }
  return null;
}

/**
 * Speech segments from probabilities of consecutive windows of `windowMs` each (Silero's rules:
 * hysteresis between threshold and negThreshold, minimum silence to close, minimum speech to keep,
 * padding that splits the gap when neighbours are closer than twice the padding).
 */
export function speechSegments(probs: ArrayLike<number>, windowMs: number, totalMs: number, settings: VadSettings): SpeechSegment[] {
  const err = validateVadSettings(settings);
  if (err) throw new Error(err);
  const thr = settings.threshold;
  const neg = settings.negThreshold ?? Math.max(thr - 0.15, 0.01);
  const raw: { start: number; end: number; first: number; last: number }[] = [];
  let triggered = false;
  let start = 0;
  let firstWin = 0;
  let tempEnd = -1;
  let tempEndWin = 0;
  for (let i = 0; i < probs.length; i++) {
    const t = i * windowMs;
    const p = probs[i];
    if (p >= thr && tempEnd >= 0) tempEnd = -1;
    if (p >= thr && !triggered) {
      triggered = true;
      start = t;
      firstWin = i;
      continue;
    }
    if (p < neg && triggered) {
      if (tempEnd < 0) {
        tempEnd = t;
        tempEndWin = i;
      }
      if (t + windowMs - tempEnd < settings.minSilenceMs) continue;
      if (tempEnd - start >= settings.minSpeechMs) raw.push({ start, end: tempEnd, first: firstWin, last: tempEndWin });
      triggered = false;
      tempEnd = -1;
    }
  }
  if (triggered) {
    const end = Math.min(totalMs, probs.length * windowMs);
    if (end - start >= settings.minSpeechMs) raw.push({ start, end, first: firstWin, last: probs.length });
  }
  const out: SpeechSegment[] = raw.map((r) => {
    let sum = 0;
    for (let i = r.first; i < r.last; i++) sum += probs[i];
    return { start: r.start, end: r.end, p: r.last > r.first ? sum / (r.last - r.first) : 0 };
  });
  const pad = settings.padMs;
  for (let i = 0; i < out.length; i++) {
    const s = out[i];
    if (i === 0) s.start = Math.max(0, s.start - pad);
    const next = out[i + 1];
    if (next) {
      const gap = next.start - s.end;
      if (gap < 2 * pad) {
        s.end += gap / 2;
        next.start -= gap / 2;
      } else {
        s.end += pad;
        next.start = Math.max(0, next.start - pad);
      }
    } else s.end = Math.min(totalMs, s.end + pad);
  }
  return out.map((s) => ({ start: Math.round(s.start), end: Math.round(s.end), p: Math.round(s.p * 1000) / 1000 }));
}
