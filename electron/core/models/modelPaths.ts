import { join } from 'node:path';
import { appRoot, unpackedPath } from '../system/appPaths';

export { appRoot, unpackedPath };

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
