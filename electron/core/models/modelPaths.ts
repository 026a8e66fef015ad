import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The models/ folder of the app (one sub-folder per shipped model, each with card.json). */
export function shippedModelsDir(): string {
  return process.env.SIGHTLINE_MODELS_DIR ?? fileURLToPath(new URL('../../../models/', import.meta.url));
}

/** The user's own models: <dataDir>/models/<name>/<version>/{card.json, model.onnx}. */
export function userModelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}
