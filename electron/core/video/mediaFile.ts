import { constants, openSync, readSync, closeSync, statSync, accessSync } from 'node:fs';
import { basename } from 'node:path';
import { CoreError } from '../errors';

/** Checks that a media path names a readable, non-empty file before ffmpeg is asked about it. */
export function checkMediaFile(path: string): { sizeBytes: number } {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CoreError('UNSUPPORTED_FILE', `${path} is a folder, not a video or audio file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof CoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CoreError('FILE_NOT_FOUND', `${path} does not exist.`);
    throw new CoreError('FILE_UNREADABLE', `Could not read ${path}: ${(e as Error).message}`);
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw new CoreError('FILE_UNREADABLE', `Could not read ${path}: ${(e as Error).message}`);
  }
  if (size === 0) throw new CoreError('CORRUPT_FILE', `${basename(path)} is empty (0 bytes).`);
  return { sizeBytes: size };
}

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export type MediaMagic = 'isobmff' | 'matroska' | 'riff-wave' | 'other';

/** The container family by its first bytes (ffmpeg guesses by extension, which a wrong name fools). */
export function mediaMagic(path: string): MediaMagic {
  const h = readHead(path, 12);
  if (h.length >= 8 && h.toString('latin1', 4, 8) === 'ftyp') return 'isobmff';
  if (h.length >= 4 && h.readUInt32BE(0) === 0x1a45dfa3) return 'matroska';
  if (h.length >= 12 && h.toString('latin1', 0, 4) === 'RIFF' && h.toString('latin1', 8, 12) === 'WAVE') return 'riff-wave';
  return 'other';
}

/** A WAV file whose data chunk claims more bytes than the file holds was cut short. */
export function wavIsTruncated(path: string, sizeBytes: number): boolean {
  const h = readHead(path, 4096);
  let off = 12;
  while (off + 8 <= h.length) {
    const id = h.toString('latin1', off, off + 4);
    const len = h.readUInt32LE(off + 4);
    if (id === 'data') {
      // 0 and 0xFFFFFFFF mean "unknown length" (a writer that streams and never rewrites the header).
      if (len === 0 || len === 0xffffffff) return false;
      return off + 8 + len > sizeBytes + 1;
    }
    off += 8 + len + (len % 2);
  }
  return false;
}

/** Turns ffmpeg's complaint about an input into a typed error a person can act on. */
export function mediaErrorFromFfmpeg(path: string, stderr: string): CoreError {
  const name = basename(path);
  const magic = (() => {
    try {
      return mediaMagic(path);
    } catch {
      return 'other' as const;
    }
  })();
  if (/moov atom not found/i.test(stderr) && magic === 'isobmff') {
    return new CoreError('CORRUPT_FILE', `${name} is an incomplete MP4/MOV file (its index, the moov atom, is missing: the file was cut short or the recording never finished).`);
  }
  if (/Invalid data found when processing input|could not find codec parameters|moov atom not found|Unknown input format/i.test(stderr)) {
    if (magic === 'matroska' || magic === 'isobmff') {
      return new CoreError('CORRUPT_FILE', `${name} looks like a ${magic === 'matroska' ? 'WebM/MKV' : 'MP4/MOV'} file but cannot be read: it is damaged or cut short.`);
    }
    return new CoreError('UNSUPPORTED_FILE', `${name} is not a video or audio file that can be read.`);
  }
  if (/Permission denied/i.test(stderr)) return new CoreError('FILE_UNREADABLE', `Could not read ${name}: permission denied.`);
  if (/No such file or directory/i.test(stderr)) return new CoreError('FILE_NOT_FOUND', `${path} does not exist.`);
  const last = lastMeaningfulLine(stderr);
  return new CoreError('CORRUPT_FILE', `${name} could not be decoded${last ? `: ${last}` : '.'}`);
}

export function lastMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(At least one output file must be specified|Guessed Channel Layout)/.test(l));
  return lines.at(-1) ?? '';
}
