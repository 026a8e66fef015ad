import { describe, expect, it } from 'vitest';
import { parseSrt, parseSubtitles, parseVtt, SubtitleParseError, writeVtt } from '../../../shared/feedback/subtitles';
import { formatTimecode, parseTimecode } from '../../../shared/feedback/timecode';

const VTT = `WEBVTT - feedback case 12
Kind: captions

NOTE This file was typed by the annotator.
It may hold two lines.

remark-1
00:00:01.500 --> 00:00:05.060 align:start
<v Dr Trainer>Watch the ureter here,
retract a bit more to the <i>left</i>.</v>

00:07.450 --> 00:10.190
<v.loud Trainer>Good. Now slow down &amp; use the needle driver.

`;

const SRT = '1\r\n00:00:01,500 --> 00:00:05,060\r\nWatch the ureter here,\r\nretract a bit more to the left.\r\n\r\n2\r\n00:00:07,450 --> 00:00:10,190\r\n<v Trainer>Good. Now slow down.\r\n';

function errorOf(f: () => unknown): SubtitleParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof SubtitleParseError) return e;
    throw e;
  }
  throw new Error('expected a SubtitleParseError');
}

describe('timecodes', () => {
  it('parse with or without hours, with . or , and format back', () => {
    expect(parseTimecode('01:02:03.456')).toBe(3_723_456);
    expect(parseTimecode('02:03.456')).toBe(123_456);
    expect(parseTimecode('00:00:01,500')).toBe(1500);
    expect(parseTimecode('1:2:3.4')).toBeNull();
    expect(parseTimecode('00:61:00.000')).toBeNull();
    expect(formatTimecode(3_723_456)).toBe('01:02:03.456');
    expect(formatTimecode(1500, ',')).toBe('00:00:01,500');
  });
});

describe('parseVtt', () => {
  it('reads cues, identifiers, voice tags as speakers, and skips the header and NOTE blocks', () => {
    const cues = parseVtt(VTT);
    expect(cues).toEqual([
      { id: 'remark-1', startMs: 1500, endMs: 5060, text: 'Watch the ureter here,\nretract a bit more to the left.', speaker: 'Dr Trainer', line: 8 },
      { id: null, startMs: 7450, endMs: 10190, text: 'Good. Now slow down & use the needle driver.', speaker: 'Trainer', line: 12 },
    ]);
  });

  it('points at the line of a bad cue', () => {
    const bad = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:03.000 --> 00:00:0x.000\nbroken\n';
    const e = errorOf(() => parseVtt(bad));
    expect(e.line).toBe(6);
    expect(e.message).toBe('line 6: bad end time "00:00:0x.000" (expected e.g. 00:01:02.345)');
    expect(errorOf(() => parseVtt('WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n')).line).toBe(3);
    expect(errorOf(() => parseVtt('WEBVTT\n\nlonely-id\n\n00:00:01.000 --> 00:00:02.000\nx\n')).message).toMatch(/^line 3: the cue "lonely-id" has no timing line/);
    expect(errorOf(() => parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\n00:00:03.000 --> 00:00:04.000\nb\n')).line).toBe(5);
    expect(errorOf(() => parseVtt('1\n00:00:01,000 --> 00:00:02,000\nthis is SRT\n')).line).toBe(1);
    expect(errorOf(() => parseVtt('WEBVTT\n\nid\nnot a timing line\n')).message).toBe('line 4: expected a timing line "start --> end", got "not a timing line"');
  });
});

describe('parseSrt', () => {
  it('reads numbered cues with CRLF line ends and comma milliseconds', () => {
    const cues = parseSrt(SRT);
    expect(cues.map((c) => [c.id, c.startMs, c.endMs, c.speaker])).toEqual([
      ['1', 1500, 5060, null],
      ['2', 7450, 10190, 'Trainer'],
    ]);
    expect(cues[0].text).toBe('Watch the ureter here,\nretract a bit more to the left.');
    expect(parseSubtitles(SRT)).toEqual(cues);
    expect(parseSubtitles(VTT)).toHaveLength(2);
  });

  it('points at the line of a bad cue', () => {
    expect(errorOf(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\nsecond\n00:00:03,000 --> 00:00:04,000\nx\n')).message).toBe('line 5: expected a cue number, got "second"');
    expect(errorOf(() => parseSrt('1\n00:00:01,000 -> 00:00:02,000\nx\n')).message).toBe('line 2: a timing line needs " --> " between start and end, got "00:00:01,000 -> 00:00:02,000"');
    expect(errorOf(() => parseVtt('WEBVTT\n\n00:01.000 —> 00:02.000\nx\n')).line).toBe(3);
  });
});

describe('writeVtt', () => {
  it('writes cues that parse back to the same times, speakers and text, escaping markup', () => {
    const src = [
      { id: 'b', startMs: 7450, endMs: 10190, text: 'Good. Now slow <down> & stop', speaker: 'Trainer' },
      { id: 'a', startMs: 1500, endMs: 5060, text: 'Watch the ureter\n\nhere --> there', speaker: null, note: 'labels: anatomic' },
    ];
    const vtt = writeVtt(src);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    expect(parseVtt(vtt)).toEqual([
      { id: 'a', startMs: 1500, endMs: 5060, text: 'Watch the ureter\nhere --> there', speaker: null, line: 6 },
      { id: 'b', startMs: 7450, endMs: 10190, text: 'Good. Now slow <down> & stop', speaker: 'Trainer', line: 11 },
    ]);
  });
});
