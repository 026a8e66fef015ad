import type { Cue } from './subtitles';

export interface TimeSpan {
  startMs: number;
  endMs: number;
}

export interface AlignedSegment {
  /** Index into the segments given. */
  segment: number;
  /** Cues assigned to this segment, in time order. */
  cues: Cue[];
  /** The cues' text joined with spaces. */
  transcript: string;
  /** The speaker with the most overlapping time among the cues (null when none is named). */
  speaker: string | null;
  /** Fraction of the segment covered by its cues (0..1). */
  coverage: number;
}

export interface Alignment {
  segments: AlignedSegment[];
  /** Cues that overlap no segment (speech the VAD missed, or segments removed). */
  unassigned: Cue[];
}

export function overlapMs(a: TimeSpan, b: TimeSpan): number {
  return Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));
}

/**
 * Aligns transcript cues to speech segments by time: each cue goes to the segment it overlaps most
 * (a cue is never split or duplicated); ties go to the earlier segment. A cue that overlaps a segment by
 * less than `minOverlapMs` (and less than half its own length) is left unassigned.
 */
export function alignCuesToSegments(cues: Cue[], segments: TimeSpan[], opts: { minOverlapMs?: number } = {}): Alignment {
  const minOverlap = opts.minOverlapMs ?? 100;
  const order = segments.map((_, i) => i).sort((a, b) => segments[a].startMs - segments[b].startMs);
  const assigned: Cue[][] = segments.map(() => []);
  const unassigned: Cue[] = [];
  for (const cue of [...cues].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)) {
    let best = -1;
    let bestOverlap = 0;
    for (const i of order) {
      const o = overlapMs(cue, segments[i]);
      if (o > bestOverlap) {
        best = i;
        bestOverlap = o;
      }
    }
    const cueLen = cue.endMs - cue.startMs;
    if (best >= 0 && (bestOverlap >= minOverlap || bestOverlap >= cueLen / 2)) assigned[best].push(cue);
    else unassigned.push(cue);
  }
  return {
    segments: segments.map((seg, i) => {
      const list = assigned[i];
      const bySpeaker = new Map<string, number>();
      for (const c of list) if (c.speaker) bySpeaker.set(c.speaker, (bySpeaker.get(c.speaker) ?? 0) + overlapMs(c, seg));
      let speaker: string | null = null;
      let most = -1;
      for (const [s, ms] of bySpeaker) {
        if (ms > most) {
          speaker = s;
          most = ms;
        }
      }
      const len = Math.max(1, seg.endMs - seg.startMs);
      return {
        segment: i,
        cues: list,
        transcript: list
          .map((c) => c.text.replace(/\s*\n\s*/g, ' ').trim())
          .filter(Boolean)
          .join(' '),
        speaker,
        coverage: Math.min(1, coveredMs(list, seg) / len),
      };
    }),
    unassigned,
  };
}

/** Milliseconds of `span` covered by the union of the cues. */
function coveredMs(cues: TimeSpan[], span: TimeSpan): number {
  const parts = cues
    .map((c) => ({ a: Math.max(c.startMs, span.startMs), b: Math.min(c.endMs, span.endMs) }))
    .filter((p) => p.b > p.a)
    .sort((x, y) => x.a - y.a);
  let total = 0;
  let curA = -1;
  let curB = -1;
  for (const p of parts) {
    if (p.a > curB) {
      if (curB > curA) total += curB - curA;
      curA = p.a;
      curB = p.b;
    } else curB = Math.max(curB, p.b);
  }
  if (curB > curA) total += curB - curA;
  return total;
}
