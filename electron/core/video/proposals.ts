import { alignCuesToSegments } from '../../../shared/feedback/alignCues';
import type { Cue } from '../../../shared/feedback/subtitles';
import { readTranscriptFile } from './transcripts';
import { detectSpeech, type VadOptions } from './vad/detectSpeech';

export interface SpeechProposal {
  startMs: number;
  endMs: number;
  /** Mean speech probability of the segment. */
  p: number;
  /** From the transcript cues that fall in the segment ('' without a transcript). */
  transcript: string;
  speaker: string | null;
  /** Share of the segment covered by transcript cues (0 without a transcript). */
  coverage: number;
}

export interface SpeechProposals {
  durationMs: number;
  proposals: SpeechProposal[];
  /** Transcript cues in no speech segment. */
  unassignedCues: Cue[];
  model: { id: string; version: string; sha256: string };
}

/** Candidate feedback instances: speech segments of the media, with the transcript's words aligned to them. */
export async function proposeFromSpeech(media: string, opts: VadOptions & { transcriptPath?: string } = {}): Promise<SpeechProposals> {
  // Read the transcript first: a malformed file should fail before minutes of audio analysis.
  const cues = opts.transcriptPath ? readTranscriptFile(opts.transcriptPath) : [];
  const vad = await detectSpeech(media, opts);
  const aligned = alignCuesToSegments(
    cues,
    vad.segments.map((s) => ({ startMs: s.start, endMs: s.end })),
  );
  return {
    durationMs: vad.durationMs,
    proposals: vad.segments.map((s, i) => ({
      startMs: s.start,
      endMs: s.end,
      p: s.p,
      transcript: aligned.segments[i].transcript,
      speaker: aligned.segments[i].speaker,
      coverage: Math.round(aligned.segments[i].coverage * 1000) / 1000,
    })),
    unassignedCues: aligned.unassigned,
    model: vad.model,
  };
}
