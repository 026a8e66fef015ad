import { describe, expect, it } from 'vitest';
import { alignCuesToSegments } from '../../../shared/feedback/alignCues';
import { parseVtt } from '../../../shared/feedback/subtitles';

// A transcript of the feedback recording, cut into cues the way a transcriber would.
const VTT = `WEBVTT

00:00:01.450 --> 00:00:03.000
<v Trainer>Watch the ureter here,

00:00:03.000 --> 00:00:05.100
<v Trainer>retract a bit more to the left.

00:00:06.000 --> 00:00:06.500
<v Trainee>(cough)

00:00:07.400 --> 00:00:07.900
<v Trainee>Good.

00:00:07.900 --> 00:00:10.300
<v Trainer>Now slow down with the needle driver.
`;

describe('alignCuesToSegments', () => {
  const cues = parseVtt(VTT);
  const segments = [
    { startMs: 1404, endMs: 5220 },
    { startMs: 7356, endMs: 10372 },
  ];

  it('gives each speech segment the cues that overlap it, joined in time order', () => {
    const a = alignCuesToSegments(cues, segments);
    expect(a.segments[0].transcript).toBe('Watch the ureter here, retract a bit more to the left.');
    expect(a.segments[0].speaker).toBe('Trainer');
    expect(a.segments[0].coverage).toBeGreaterThan(0.95);
    expect(a.segments[1].transcript).toBe('Good. Now slow down with the needle driver.');
    // The trainer speaks 2.4 s of the segment, the trainee 0.5 s.
    expect(a.segments[1].speaker).toBe('Trainer');
    expect(a.unassigned.map((c) => c.text)).toEqual(['(cough)']);
  });

  it('puts a cue spanning two segments into the one it overlaps most, never both', () => {
    const long = parseVtt('WEBVTT\n\n00:00:04.000 --> 00:00:08.000\nbridging\n');
    const a = alignCuesToSegments(long, segments);
    // Overlaps: 1.22 s with the first, 0.644 s with the second.
    expect(a.segments[0].cues).toHaveLength(1);
    expect(a.segments[1].cues).toHaveLength(0);
  });

  it('leaves a cue that only grazes a segment unassigned, and handles no segments', () => {
    const graze = parseVtt('WEBVTT\n\n00:00:05.200 --> 00:00:06.500\ntail\n');
    expect(alignCuesToSegments(graze, segments).unassigned).toHaveLength(1);
    expect(alignCuesToSegments(cues, []).unassigned).toHaveLength(cues.length);
    expect(alignCuesToSegments([], segments).segments.map((s) => s.transcript)).toEqual(['', '']);
  });
});
