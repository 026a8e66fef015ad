import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../electron/core/video/transcripts';
import { BIN } from '../../support/serveProcess';
import { feedbackVideoPath, FIXTURE_DIR, SPEECH_REMARKS } from '../../fixtures/video/feedbackVideo';

const tmp = mkdtempSync(join(tmpdir(), 'sightline-video-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'video', ...args], { encoding: 'utf8', timeout: 60_000 });

const SRT = `1
00:00:01,450 --> 00:00:05,100
${SPEECH_REMARKS[0].transcript}

2
00:00:07,400 --> 00:00:10,300
<v Trainer>${SPEECH_REMARKS[1].transcript}

3
00:00:11,500 --> 00:00:11,900
[door closes]
`;

describe('transcript files', () => {
  it('reads SRT and WebVTT by extension and content, and names the line of a bad cue', () => {
    const srt = join(tmp, 'case.srt');
    writeFileSync(srt, SRT);
    expect(readTranscriptFile(srt).map((c) => c.startMs)).toEqual([1450, 7400, 11500]);
    const bad = join(tmp, 'bad.vtt');
    writeFileSync(bad, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 -> 00:00:04.000\nbroken\n');
    expect(() => readTranscriptFile(bad)).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE', message: expect.stringMatching(/^bad\.vtt line 6: a timing line needs " --> " between start and end/) }));
    expect(() => readTranscriptFile(join(FIXTURE_DIR, 'ihc.png'))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FILE' }));
    expect(() => readTranscriptFile(join(tmp, 'none.srt'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
  });
});

describe('sightline video', () => {
  it('propose: the two remarks of the generated video with the transcript aligned; a sound outside speech stays unassigned', async () => {
    const srt = join(tmp, 'video.srt');
    writeFileSync(srt, SRT);
    const r = run('propose', await feedbackVideoPath('mp4'), '--transcript', srt, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.proposals).toHaveLength(2);
    expect(out.proposals.map((p: { transcript: string }) => p.transcript)).toEqual(SPEECH_REMARKS.map((s) => s.transcript));
    expect(out.proposals[1].speaker).toBe('Trainer');
    expect(out.unassignedCues.map((c: { text: string }) => c.text)).toEqual(['[door closes]']);
    expect(out.model).toMatchObject({ id: 'silero-vad', version: '5.0.0' });
  });

  it('probe and clip: media information as JSON; a clip that does not fit fails with one line', async () => {
    const webm = await feedbackVideoPath('webm');
    const p = run('probe', webm, '--json');
    expect(JSON.parse(p.stdout)).toMatchObject({ width: 320, height: 240, codec: 'vp9', hasAudio: true });
    const c = run('clip', webm, '--start', '50000', '--end', '51000', '--pad', '0', '--out', join(tmp, 'late.webm'));
    expect(c.status).toBe(1);
    expect(c.stderr.trim()).toMatch(/^sightline: The clip 50000–51000 ms lies outside the media/);
  });
});
