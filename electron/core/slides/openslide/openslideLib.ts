import { createRequire } from 'node:module';
import { CoreError } from '../../errors';

/** The functions of libopenslide that Sightline calls, bound with koffi. */
export interface OpenSlideLib {
  version: string;
  open(path: string): unknown;
  close(osr: unknown): void;
  getError(osr: unknown): string | null;
  detectVendor(path: string): string | null;
  levelCount(osr: unknown): number;
  levelDimensions(osr: unknown, level: number): { width: number; height: number };
  levelDownsample(osr: unknown, level: number): number;
  propertyNames(osr: unknown): string[];
  propertyValue(osr: unknown, name: string): string | null;
  associatedNames(osr: unknown): string[];
  associatedDimensions(osr: unknown, name: string): { width: number; height: number };
  readAssociated(osr: unknown, name: string, dest: Buffer): void;
  /** Runs on a worker thread: premultiplied ARGB (native-endian uint32) into dest. */
  readRegion(osr: unknown, dest: Buffer, x: number, y: number, level: number, w: number, h: number): Promise<void>;
}

export const OPENSLIDE_INSTALL_HINT =
  'Install OpenSlide: on Debian/Ubuntu `sudo apt-get install libopenslide0`, on Fedora `sudo dnf install openslide`, on macOS `brew install openslide`, ' +
  'on Windows download the OpenSlide binaries (openslide.org/download) and put their bin folder on PATH. ' +
  'Set SIGHTLINE_OPENSLIDE_LIB to the library file if it is installed somewhere unusual.';

function candidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (env.SIGHTLINE_OPENSLIDE_LIB) return [env.SIGHTLINE_OPENSLIDE_LIB];
  if (platform === 'win32') return ['libopenslide-1.dll', 'libopenslide-0.dll'];
  if (platform === 'darwin') {
    return ['libopenslide.1.dylib', '/opt/homebrew/lib/libopenslide.1.dylib', '/usr/local/lib/libopenslide.1.dylib', 'libopenslide.0.dylib', '/opt/homebrew/lib/libopenslide.0.dylib', '/usr/local/lib/libopenslide.0.dylib'];
  }
  return ['libopenslide.so.1', 'libopenslide.so.0'];
}

let cached: { lib: OpenSlideLib | null; error: string } | null = null;

function strings(koffi: typeof import('koffi'), arr: unknown): string[] {
  const out: string[] = [];
  if (!arr) return out;
  for (let i = 0; i < 100_000; i++) {
    const s = koffi.decode(arr, i * 8, 'const char *') as string | null;
    if (s === null) break;
    out.push(s);
  }
  return out;
}

function bind(file: string): OpenSlideLib {
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load(file);
  const f = {
    open: lib.func('void *openslide_open(const char *filename)'),
    close: lib.func('void openslide_close(void *osr)'),
    getError: lib.func('const char *openslide_get_error(void *osr)'),
    version: lib.func('const char *openslide_get_version()'),
    detectVendor: lib.func('const char *openslide_detect_vendor(const char *filename)'),
    levelCount: lib.func('int32_t openslide_get_level_count(void *osr)'),
    levelDimensions: lib.func('void openslide_get_level_dimensions(void *osr, int32_t level, _Out_ int64_t *w, _Out_ int64_t *h)'),
    levelDownsample: lib.func('double openslide_get_level_downsample(void *osr, int32_t level)'),
    propertyNames: lib.func('void *openslide_get_property_names(void *osr)'),
    propertyValue: lib.func('const char *openslide_get_property_value(void *osr, const char *name)'),
    associatedNames: lib.func('void *openslide_get_associated_image_names(void *osr)'),
    associatedDimensions: lib.func('void openslide_get_associated_image_dimensions(void *osr, const char *name, _Out_ int64_t *w, _Out_ int64_t *h)'),
    readAssociated: lib.func('void openslide_read_associated_image(void *osr, const char *name, void *dest)'),
    readRegion: lib.func('void openslide_read_region(void *osr, void *dest, int64_t x, int64_t y, int32_t level, int64_t w, int64_t h)'),
  };
  const dims = (fn: (...a: unknown[]) => unknown, ...args: unknown[]) => {
    const w = [0];
    const h = [0];
    fn(...args, w, h);
    return { width: Number(w[0]), height: Number(h[0]) };
  };
  return {
    version: String(f.version()),
    open: (p) => f.open(p),
    close: (o) => f.close(o),
    getError: (o) => f.getError(o) as string | null,
    detectVendor: (p) => f.detectVendor(p) as string | null,
    levelCount: (o) => Number(f.levelCount(o)),
    levelDimensions: (o, l) => dims(f.levelDimensions, o, l),
    levelDownsample: (o, l) => Number(f.levelDownsample(o, l)),
    propertyNames: (o) => strings(koffi, f.propertyNames(o)),
    propertyValue: (o, n) => f.propertyValue(o, n) as string | null,
    associatedNames: (o) => strings(koffi, f.associatedNames(o)),
    associatedDimensions: (o, n) => dims(f.associatedDimensions, o, n),
    readAssociated: (o, n, d) => void f.readAssociated(o, n, d),
    readRegion: (o, d, x, y, l, w, h) =>
      new Promise<void>((resolve, reject) => {
        f.readRegion.async(o, d, x, y, l, w, h, (err: unknown) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The system's libopenslide, or null when it is not installed (see openSlideUnavailable for the message). */
export function loadOpenSlide(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): OpenSlideLib | null {
  const useCache = env === process.env;
  if (useCache && cached) return cached.lib;
  const errors: string[] = [];
  for (const c of candidates(env, platform)) {
    try {
      const lib = bind(c);
      if (useCache) cached = { lib, error: '' };
      return lib;
    } catch (e) {
      errors.push(`${c}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (useCache) cached = { lib: null, error: errors.join('; ') };
  return null;
}

/** The typed error for a file only OpenSlide reads when OpenSlide is missing (`since`: the first version that reads it, when not every one does). */
export function openSlideUnavailable(fileName: string, since?: { major: number; format: string }): CoreError {
  const which = since ? `OpenSlide ${since.major}.0 or later (earlier versions do not read ${since.format})` : 'OpenSlide';
  return new CoreError('UNAVAILABLE', `Opening ${fileName} needs ${which}, which is not installed on this computer. ${OPENSLIDE_INSTALL_HINT}`);
}

/** The typed error for a file the installed OpenSlide is too old to read. */
export function openSlideTooOld(fileName: string, lib: Pick<OpenSlideLib, 'version'>, since: { major: number; format: string }): CoreError {
  return new CoreError(
    'UNAVAILABLE',
    `Opening ${fileName} needs OpenSlide ${since.major}.0 or later, which reads ${since.format}; this computer has OpenSlide ${lib.version}. ` +
      `Install a newer OpenSlide (Homebrew and the openslide.org Windows binaries have it; on Linux, a distribution that packages libopenslide1) ` +
      `or set SIGHTLINE_OPENSLIDE_LIB to a newer libopenslide.`,
  );
}

/** The major version of an OpenSlide version string ("3.4.1" → 3); 0 when it cannot be read. */
export function openSlideMajor(version: string): number {
  const m = /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}
