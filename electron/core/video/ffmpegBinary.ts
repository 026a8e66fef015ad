import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CoreError } from '../errors';
import { unpackedPath } from '../system/appPaths';

export interface FfmpegBinary {
  path: string;
  /** The build the package ships (e.g. a date and git hash). */
  version: string;
  source: string;
}

let cached: FfmpegBinary | null = null;

/**
 * The ffmpeg executable that ships in the @ffmpeg-installer npm package for this platform.
 * SIGHTLINE_FFMPEG overrides it (a path to another ffmpeg build).
 */
export function ffmpegBinary(): FfmpegBinary {
  if (cached) return cached;
  const override = process.env.SIGHTLINE_FFMPEG;
  if (override) {
    if (!existsSync(override)) throw new CoreError('UNAVAILABLE', `SIGHTLINE_FFMPEG points to ${override}, which does not exist.`);
    cached = { path: override, version: 'custom', source: 'SIGHTLINE_FFMPEG' };
    return cached;
  }
  let found: { path: string; version: string };
  try {
    found = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string; version: string };
  } catch (e) {
    throw new CoreError(
      'UNAVAILABLE',
      `No ffmpeg binary for ${process.platform}-${process.arch}: the @ffmpeg-installer package is missing or has no build for this platform (${String(e)}). Run npm install, or set SIGHTLINE_FFMPEG to an ffmpeg executable.`,
    );
  }
  // A packaged app cannot spawn from inside app.asar; electron-builder unpacks the package beside it.
  const path = unpackedPath(found.path);
  ensureExecutable(path);
  cached = { path, version: found.version, source: '@ffmpeg-installer/ffmpeg' };
  return cached;
}

/** The platform package's own install step only sets the executable bit; npm may skip install scripts. */
function ensureExecutable(path: string): void {
  if (process.platform === 'win32') return;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    try {
      chmodSync(path, 0o755);
    } catch (e) {
      throw new CoreError('UNAVAILABLE', `The ffmpeg binary at ${path} is not executable and could not be made so: ${(e as Error).message}`);
    }
  }
}
