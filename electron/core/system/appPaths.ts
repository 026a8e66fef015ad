import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// True only in the bundles scripts/build-electron.mjs writes to dist-electron/ (an esbuild define). There every
// module's import.meta.url is the bundle's own file, so a path relative to a source file would leave the app.
declare const SIGHTLINE_BUNDLED: boolean | undefined;

/**
 * The folder holding package.json and models/: the repository when running from the sources; the folder above
 * dist-electron/ when running from the desktop bundle (app.asar in a packaged app).
 */
export function appRoot(): string {
  if (typeof SIGHTLINE_BUNDLED !== 'undefined' && SIGHTLINE_BUNDLED) return resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return resolve(fileURLToPath(new URL('../../../', import.meta.url)));
}

/**
 * The real file for a path inside a packaged app's app.asar: electron-builder puts the files listed in asarUnpack
 * (models, workers, native modules, ffmpeg) beside it in app.asar.unpacked/, and ONNX Runtime, worker threads and
 * child processes need real files. Paths outside an app.asar are returned as they are.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

