import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DoctorCheck } from '../../../shared/contract';
import { findChromium } from './findChromium';
import { loadOpenSlide, OPENSLIDE_INSTALL_HINT } from '../slides/openslide/openslideLib';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

async function onnxCheck(): Promise<DoctorCheck> {
  try {
    const ort = await import('onnxruntime-node');
    const backends = ort.listSupportedBackends?.().map((b: { name: string }) => b.name) ?? [];
    return { name: 'ONNX Runtime', ok: true, version: packageVersion('onnxruntime-node'), detail: `backends: ${backends.join(', ') || 'cpu'}` };
  } catch (e) {
    return { name: 'ONNX Runtime', ok: false, version: null, detail: `onnxruntime-node does not load: ${(e as Error).message}. Run npm ci again.` };
  }
}

function chromiumCheck(): DoctorCheck {
  const path = findChromium();
  if (!path) {
    return { name: 'Chromium', ok: false, version: null, detail: 'No Chromium or Chrome found; browser mode opens the default browser instead (Debian: apt-get install chromium).' };
  }
  let version: string | null = null;
  try {
    version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    version = null;
  }
  return { name: 'Chromium', ok: true, version, detail: path };
}

function openSlideCheck(): DoctorCheck {
  try {
    const lib = loadOpenSlide();
    if (lib) return { name: 'OpenSlide', ok: true, version: lib.version, detail: 'NDPI, MRXS, SCN, VMS, BIF and other vendor formats open' };
  } catch {
    /* reported below */
  }
  return { name: 'OpenSlide', ok: false, version: null, detail: `Optional, for vendor formats only OpenSlide reads. ${OPENSLIDE_INSTALL_HINT}` };
}

function electronCheck(): DoctorCheck {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { name: 'Electron', ok: false, version: null, detail: 'The electron package is not installed; npm start uses browser mode.' };
  }
  const version = packageVersion('electron');
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) {
    return { name: 'Electron', ok: false, version, detail: 'Electron binary not downloaded (offline install); npm start uses browser mode.' };
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary)
    ? { name: 'Electron', ok: true, version, detail: binary }
    : { name: 'Electron', ok: false, version, detail: `Electron binary missing at ${binary}; npm start uses browser mode.` };
}

export async function runDoctor(db: Database | null): Promise<DoctorCheck[]> {
  const sqliteVersion = db ? (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v : null;
  return [
    { name: 'Node.js', ok: Number(process.versions.node.split('.')[0]) >= 20, version: process.versions.node, detail: process.execPath },
    {
      name: 'SQLite (better-sqlite3)',
      ok: sqliteVersion !== null,
      version: sqliteVersion,
      detail: `better-sqlite3 ${packageVersion('better-sqlite3') ?? '?'}`,
    },
    await onnxCheck(),
    openSlideCheck(),
    chromiumCheck(),
    electronCheck(),
  ];
}
