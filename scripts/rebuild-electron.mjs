// Builds better-sqlite3 for Electron's ABI into native/electron/, leaving node_modules' Node build (browser mode,
// CLI, tests) untouched. The Electron shell loads it through better-sqlite3's nativeBinding option.
// Usage: node scripts/rebuild-electron.mjs [--force] [--arch ARCH]
//   Without --force it does nothing when Electron's binary is not installed (browser mode needs only the Node
//   build) or when native/electron already holds a build for this Electron major, platform and architecture.
//   --force (used by `npm run package`) always builds; it needs Electron's headers or a prebuilt binary from the
//   network, not the Electron binary itself.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const force = args.includes('--force');
const archIndex = args.indexOf('--arch');
const arch = archIndex === -1 ? process.arch : args[archIndex + 1];
if (!arch || arch.startsWith('--')) {
  console.error('rebuild:electron: --arch needs a value (x64, arm64, …).');
  process.exit(2);
}

const outDir = join(root, 'native', 'electron');
const outFile = join(outDir, 'better_sqlite3.node');
const infoFile = join(outDir, 'build-info.json');

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  const msg = 'Electron is not installed (a production install?), so no Electron build of better-sqlite3 is needed.';
  if (force) {
    console.error(`rebuild:electron: ${msg} Packaging needs the devDependencies: run \`npm ci\` first.`);
    process.exit(1);
  }
  console.log(`rebuild:electron: ${msg}`);
  process.exit(0);
}
const electronVersion = readJson(join(electronDir, 'package.json')).version;

// Same lookup as electron/index.js: path.txt names the executable inside dist/ (or ELECTRON_OVERRIDE_DIST_PATH).
function electronBinaryInstalled() {
  const pathTxt = join(electronDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : override ? 'electron' : null;
  return executable !== null && existsSync(join(override || join(electronDir, 'dist'), executable));
}

if (!force && !electronBinaryInstalled()) {
  console.log(
    "rebuild:electron: Electron's binary is not installed, so no Electron build of better-sqlite3 is needed: " +
      'browser mode and the CLI use the Node build in node_modules.',
  );
  process.exit(0);
}

const info = readJson(infoFile);
const major = (v) => String(v).split('.')[0];
if (!force && existsSync(outFile) && info && major(info.electron) === major(electronVersion) && info.platform === process.platform && info.arch === arch) {
  console.log(`rebuild:electron: ${outFile} is up to date (Electron ${info.electron}, ${info.platform}-${info.arch}).`);
  process.exit(0);
}

// A private copy of the module is rebuilt, so node_modules keeps its Node build. Staging lives inside the project
// so the copy still resolves better-sqlite3's own dependencies (bindings, prebuild-install) from node_modules.
const sourceDir = dirname(require.resolve('better-sqlite3/package.json'));
const bsVersion = readJson(join(sourceDir, 'package.json')).version;
const staging = join(root, 'native', '.staging');
const stagedModule = join(staging, 'node_modules', 'better-sqlite3');
rmSync(staging, { recursive: true, force: true });
mkdirSync(dirname(stagedModule), { recursive: true });
cpSync(sourceDir, stagedModule, { recursive: true, filter: (src) => !src.startsWith(join(sourceDir, 'build') + sep) && src !== join(sourceDir, 'build') });
writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'sightline-native-staging', private: true, dependencies: { 'better-sqlite3': bsVersion } }, null, 2));

let rebuild;
try {
  ({ rebuild } = await import('@electron/rebuild'));
} catch {
  console.error('rebuild:electron: @electron/rebuild is missing (it comes with electron-builder): run `npm ci`.');
  process.exit(1);
}

console.log(`rebuild:electron: building better-sqlite3 ${bsVersion} for Electron ${electronVersion} (${process.platform}-${arch})…`);
try {
  await rebuild({ buildPath: staging, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  const built = join(stagedModule, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`the build finished but ${built} is missing`);
  mkdirSync(outDir, { recursive: true });
  cpSync(built, outFile);
  writeFileSync(infoFile, `${JSON.stringify({ electron: electronVersion, platform: process.platform, arch, betterSqlite3: bsVersion }, null, 2)}\n`);
  console.log(`rebuild:electron: wrote ${outFile}`);
} catch (e) {
  console.error(`rebuild:electron: could not build better-sqlite3 for Electron ${electronVersion}: ${e instanceof Error ? e.message : String(e)}`);
  console.error('It needs network access to Electron headers (or a prebuilt binary) and, to compile, Python and a C++ toolchain.');
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
