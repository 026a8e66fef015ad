import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unpackedPath } from '../../models/modelPaths';

/**
 * Starts a worker from a TypeScript module next to the caller. From the sources (the CLI, tests) the worker
 * first registers tsx so it can import .ts; in a build, a compiled sibling (.js, .mjs or .cjs) is started directly.
 */
export function spawnModuleWorker(moduleUrl: URL): Worker {
  const file = unpackedPath(fileURLToPath(moduleUrl));
  if (!file.endsWith('.ts') || !existsSync(file)) {
    const base = file.replace(/\.ts$/, '');
    const built = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f));
    if (!built) throw new Error(`The worker module ${file} is missing (neither .ts nor a compiled .js/.mjs/.cjs found).`);
    return new Worker(built);
  }
  // require.resolve finds tsx's CommonJS entry; its ES module twin sits beside it.
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(boot, { eval: true });
}
