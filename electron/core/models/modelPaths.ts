import { dirname, join, resolve } from 'node:path';
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
 * (models, workers, native modules) beside it in app.asar.unpacked/, and ONNX Runtime and worker threads need real
 * files. Paths outside an app.asar are returned as they are.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

/** The models/ folder that ships with the app (one sub-folder per model, each with card.json). */
export function appModelsDir(): string {
  return join(unpackedPath(appRoot()), 'models');
}

/** The shipped models: SIGHTLINE_MODELS_DIR when set, else the app's models/ folder. */
export function shippedModelsDir(): string {
  return process.env.SIGHTLINE_MODELS_DIR ?? appModelsDir();
}

/** The user's own models: <dataDir>/models/<name>/<version>/{card.json, model.onnx}. */
export function userModelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}
