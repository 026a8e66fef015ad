import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseSrt, parseVtt, SubtitleParseError, type Cue } from '../../../shared/feedback/subtitles';
import { CoreError } from '../errors';
import { checkMediaFile } from './mediaFile';

/** Reads a WebVTT (.vtt) or SubRip (.srt) transcript; a malformed cue is an error naming its line. */
export function readTranscriptFile(path: string): Cue[] {
  checkMediaFile(path);
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new CoreError('UNSUPPORTED_FILE', `${basename(path)} is not a text file (a WebVTT or SRT transcript was expected).`);
  const text = bytes.toString('utf8');
  const ext = extname(path).toLowerCase();
  const isVtt = ext === '.vtt' || (ext !== '.srt' && /^\uFEFF?WEBVTT/.test(text));
  try {
    return isVtt ? parseVtt(text) : parseSrt(text);
  } catch (e) {
    if (e instanceof SubtitleParseError) throw new CoreError('CORRUPT_FILE', `${basename(path)} ${e.message}`, { line: e.line });
    throw e;
  }
}
