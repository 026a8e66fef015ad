import { formatTimecode, parseTimecode } from './timecode';

/** One timed piece of transcript from a WebVTT or SRT file. */
export interface Cue {
  /** The cue identifier (VTT) or number (SRT), if any. */
  id: string | null;
  startMs: number;
  endMs: number;
  /** Plain text: tags removed, entities decoded, lines joined with "\n". */
  text: string;
  /** From a WebVTT voice tag (<v Name>) or an SRT line starting with one. */
  speaker: string | null;
  /** 1-based line of the timing line in the source file. */
  line: number;
}

export class SubtitleParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'SubtitleParseError';
  }
}

const ARROW = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/;

function splitLines(src: string): string[] {
  return src.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** Payload → plain text and speaker: the first <v Name> wins; other tags are dropped. */
function cueText(lines: string[]): { text: string; speaker: string | null } {
  let speaker: string | null = null;
  const text = lines
    .map((l) =>
      l.replace(/<v(?:\.[^\s>]+)?[ \t]+([^>]+)>/g, (_all, name: string) => {
        speaker ??= decodeEntities(name.trim());
        return '';
      }),
    )
    .map((l) => decodeEntities(l.replace(/<[^>]*>/g, '')).trim())
    .join('\n')
    .trim();
  return { text, speaker };
}

/** A line with two timecodes but no proper arrow: a broken timing line rather than a cue identifier. */
const LOOKS_LIKE_TIMING = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d+\s*\S*\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d+/;

function timing(line: string, lineNo: number, srt: boolean): { startMs: number; endMs: number } {
  const m = ARROW.exec(line.trim());
  if (!m && LOOKS_LIKE_TIMING.test(line)) throw new SubtitleParseError(lineNo, `a timing line needs " --> " between start and end, got "${line.trim()}"`);
  if (!m) throw new SubtitleParseError(lineNo, `expected a timing line "start --> end", got "${line.trim()}"`);
  const startMs = parseTimecode(m[1]);
  const endMs = parseTimecode(m[2]);
  const example = srt ? '00:01:02,345' : '00:01:02.345';
  if (startMs === null) throw new SubtitleParseError(lineNo, `bad start time "${m[1]}" (expected e.g. ${example})`);
  if (endMs === null) throw new SubtitleParseError(lineNo, `bad end time "${m[2]}" (expected e.g. ${example})`);
  if (endMs < startMs) throw new SubtitleParseError(lineNo, `the cue ends (${m[2]}) before it starts (${m[1]})`);
  return { startMs, endMs };
}

/** Parses a WebVTT file. Throws SubtitleParseError (with the line number) on a malformed cue. */
export function parseVtt(src: string): Cue[] {
  const lines = splitLines(src);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new SubtitleParseError(1, 'a WebVTT file must start with "WEBVTT"');
  const cues: Cue[] = [];
  let i = 1;
  // Header lines up to the first blank line belong to the header.
  while (i < lines.length && lines[i].trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const first = lines[i];
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      while (i < lines.length && lines[i].trim() !== '') i++;
      continue;
    }
    let id: string | null = null;
    if (!first.includes('-->')) {
      if (LOOKS_LIKE_TIMING.test(first)) throw new SubtitleParseError(i + 1, `a timing line needs " --> " between start and end, got "${first.trim()}"`);
      id = first.trim();
      i++;
      if (i >= lines.length || lines[i].trim() === '') throw new SubtitleParseError(i, `the cue "${id}" has no timing line`);
    }
    const lineNo = i + 1;
    const t = timing(lines[i], lineNo, false);
    i++;
    const payload: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') {
      if (lines[i].includes('-->')) throw new SubtitleParseError(i + 1, 'a timing line inside a cue (is a blank line missing?)');
      payload.push(lines[i]);
      i++;
    }
    cues.push({ id, ...t, ...cueText(payload), line: lineNo });
  }
  return cues;
}

/** Parses a SubRip (.srt) file. Throws SubtitleParseError (with the line number) on a malformed cue. */
export function parseSrt(src: string): Cue[] {
  const lines = splitLines(src);
  const cues: Cue[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    let id: string | null = null;
    if (!lines[i].includes('-->')) {
      if (LOOKS_LIKE_TIMING.test(lines[i])) throw new SubtitleParseError(i + 1, `a timing line needs " --> " between start and end, got "${lines[i].trim()}"`);
      id = lines[i].trim();
      if (!/^\d+$/.test(id)) throw new SubtitleParseError(i + 1, `expected a cue number, got "${id}"`);
      i++;
      if (i >= lines.length || lines[i].trim() === '') throw new SubtitleParseError(i, `cue ${id} has no timing line`);
    }
    const lineNo = i + 1;
    const t = timing(lines[i], lineNo, true);
    i++;
    const payload: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') {
      payload.push(lines[i]);
      i++;
    }
    cues.push({ id, ...t, ...cueText(payload), line: lineNo });
  }
  return cues;
}

/** Parses by the content: WebVTT when it starts with "WEBVTT", SRT otherwise. */
export function parseSubtitles(src: string): Cue[] {
  return /^\uFEFF?WEBVTT/.test(src) ? parseVtt(src) : parseSrt(src);
}

function escapeVtt(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface VttCueOut {
  id?: string | null;
  startMs: number;
  endMs: number;
  text: string;
  speaker?: string | null;
  /** Written as a NOTE block just before the cue (comments that players ignore). */
  note?: string | null;
}

/** A WebVTT document; speakers become voice tags, text is escaped, blank lines inside text are dropped. */
export function writeVtt(cues: VttCueOut[]): string {
  const out: string[] = ['WEBVTT', ''];
  for (const c of [...cues].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)) {
    if (c.note) out.push(`NOTE ${c.note.replace(/-->/g, '->').replace(/\s*\n\s*/g, ' ')}`, '');
    if (c.id) out.push(c.id.replace(/-->/g, '->').replace(/\s*\n\s*/g, ' '));
    out.push(`${formatTimecode(c.startMs)} --> ${formatTimecode(c.endMs)}`);
    const lines = escapeVtt(c.text)
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) lines.push('');
    if (c.speaker) lines[0] = `<v ${escapeVtt(c.speaker).replace(/\s+/g, ' ')}>${lines[0]}`;
    out.push(...lines, '');
  }
  return out.join('\n');
}
