// Bundles the Electron shell: electron/main/main.ts -> main.cjs, electron/preload/preload.ts -> preload.cjs, and each
// worker thread the core starts -> its own self-contained .mjs beside main.cjs (see WORKERS).
// Only bundles (esbuild); it does not need the Electron binary.
// Usage: node scripts/build-electron.mjs [--out-dir DIR]   (default: dist-electron)
import { readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function outDirFromArgs(argv) {
  const i = argv.indexOf('--out-dir');
  if (i === -1) return join(root, 'dist-electron');
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) {
    console.error('build-electron: --out-dir needs a directory.');
    process.exit(2);
  }
  return resolve(value);
}

// Native modules (and everything else shipped in node_modules) stay require()d at run time: the native ones must
// load their .node files from app.asar.unpacked, and better-sqlite3 gets its Electron build via nativeBinding.
const NATIVE = ['electron', 'better-sqlite3', 'onnxruntime-node', 'sharp', 'koffi', 'bindings', 'node-gyp-build', '@img/*', '*.node'];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = [...new Set([...NATIVE, ...Object.keys(pkg.dependencies ?? {})])];

// electron/core uses import.meta.url (createRequire, new URL(...)); in CommonJS it becomes this file's URL.
const IMPORT_META_SHIM = "const __import_meta_url = require('url').pathToFileURL(__filename).href;";
// Tells electron/core/models/modelPaths.ts that it runs from dist-electron/, not from the sources.
const BUNDLED = { SIGHTLINE_BUNDLED: 'true' };

// The core starts these with new Worker(new URL('./<name>', import.meta.url)): in the bundle that is a file beside
// main.cjs, so each is written there under the name the core asks for (spawnModuleWorker finds vadWorker.ts's .mjs).
// They are unpacked from app.asar (electron-builder.yml) and so cannot reach node_modules inside it: everything
// but the native modules (themselves unpacked) is bundled in.
const WORKERS = [
  ['electron/core/models/inferenceWorker.mjs', 'inferenceWorker.mjs'],
  ['electron/core/models/trainWorker.mjs', 'trainWorker.mjs'],
  ['electron/core/video/vad/vadWorker.ts', 'vadWorker.mjs'],
];
// Bundled CommonJS dependencies may require() Node's built-ins, which an ES module has no require for.
const ESM_REQUIRE_SHIM = "import { createRequire as __sightlineCreateRequire } from 'node:module'; const require = __sightlineCreateRequire(import.meta.url);";
// trainWorker.mjs registers tsx to import shared/'s TypeScript at run time; bundled, that TypeScript is compiled in.
const noTsxLoader = {
  name: 'no-tsx-loader',
  setup(b) {
    b.onResolve({ filter: /^tsx\/esm\/api$/ }, (args) => ({ path: args.path, namespace: 'no-tsx-loader' }));
    b.onLoad({ filter: /.*/, namespace: 'no-tsx-loader' }, () => ({ contents: 'export function register() {}', loader: 'js' }));
  },
};

const outDir = outDirFromArgs(process.argv.slice(2));
for (const f of ['main.cjs', 'preload.cjs', ...WORKERS.map(([, out]) => out)]) {
  rmSync(join(outDir, f), { force: true });
  rmSync(join(outDir, `${f}.map`), { force: true });
}

/** What a bundle still imports at run time (Node's built-ins included). */
function externalImports(result) {
  const paths = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external)
    .map((i) => i.path);
  return [...new Set(paths)];
}

const isNative = (path) => NATIVE.some((n) => (n.endsWith('*') ? path.startsWith(n.slice(0, -1)) : n.startsWith('*') ? path.endsWith(n.slice(1)) : path === n || path.startsWith(`${n}/`)));

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

try {
  await build({
    ...common,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(outDir, 'main.cjs'),
    external,
    banner: { js: IMPORT_META_SHIM },
    define: { 'import.meta.url': '__import_meta_url', ...BUNDLED },
  });

  for (const [entry, out] of WORKERS) {
    const worker = await build({
      ...common,
      format: 'esm',
      entryPoints: [join(root, entry)],
      outfile: join(outDir, out),
      external: NATIVE,
      banner: { js: ESM_REQUIRE_SHIM },
      define: BUNDLED,
      plugins: [noTsxLoader],
    });
    const foreign = externalImports(worker).filter((p) => !isBuiltin(p) && !isNative(p));
    if (foreign.length > 0) {
      console.error(`build-electron: the worker ${entry} must be self-contained but imports ${foreign.join(', ')} at run time.`);
      process.exit(1);
    }
  }

  // A sandboxed preload can require only 'electron': everything else must be bundled in, and nothing Node-only
  // may be imported at all.
  const preload = await build({
    ...common,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    external: ['electron'],
  });
  const foreign = externalImports(preload).filter((p) => p !== 'electron');
  if (foreign.length > 0) {
    rmSync(join(outDir, 'preload.cjs'), { force: true });
    console.error(`build-electron: the sandboxed preload may require only 'electron', but imports ${foreign.join(', ')}.`);
    process.exit(1);
  }
} catch (e) {
  console.error(`build-electron: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
console.log(`build-electron: wrote main.cjs, preload.cjs and ${WORKERS.map(([, out]) => out).join(', ')} to ${outDir}`);
