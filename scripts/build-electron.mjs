// Bundles the Electron shell: electron/main/main.ts -> main.cjs and electron/preload/preload.ts -> preload.cjs.
// Only bundles (esbuild); it does not need the Electron binary.
// Usage: node scripts/build-electron.mjs [--out-dir DIR]   (default: dist-electron)
import { readFileSync, rmSync } from 'node:fs';
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

const outDir = outDirFromArgs(process.argv.slice(2));
rmSync(join(outDir, 'main.cjs'), { force: true });
rmSync(join(outDir, 'preload.cjs'), { force: true });

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
    define: { 'import.meta.url': '__import_meta_url' },
  });

  // A sandboxed preload can require only 'electron': everything else must be bundled in, and nothing Node-only
  // may be imported at all.
  const preload = await build({
    ...common,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    external: ['electron'],
  });
  const foreign = Object.values(preload.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && i.path !== 'electron')
    .map((i) => i.path);
  if (foreign.length > 0) {
    rmSync(join(outDir, 'preload.cjs'), { force: true });
    console.error(`build-electron: the sandboxed preload may require only 'electron', but imports ${[...new Set(foreign)].join(', ')}.`);
    process.exit(1);
  }
} catch (e) {
  console.error(`build-electron: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
console.log(`build-electron: wrote ${join(outDir, 'main.cjs')} and ${join(outDir, 'preload.cjs')}`);
