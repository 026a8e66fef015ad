import { join } from 'node:path';
import { unpackedPath } from '../core/system/appPaths';

export { unpackedPath };

/** Where `npm run rebuild:electron` (and packaging) put the Electron-ABI build of better-sqlite3, relative to the app. */
export const ELECTRON_NATIVE_DIR = join('native', 'electron');
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';
/** Written next to the binding: { electron, platform, arch } it was built for. */
export const BUILD_INFO_FILE = 'build-info.json';

export interface NativeBindingEnv {
  /** process.versions.electron: undefined under plain Node. */
  electronVersion: string | undefined;
  /** app.getAppPath(): the repository in development, …/resources/app.asar when packaged. */
  appPath: string;
  platform: string;
  arch: string;
  exists(path: string): boolean;
  readText(path: string): string | null;
}

export interface NativeBindingChoice {
  /** For better-sqlite3's nativeBinding option; undefined means the build in node_modules. */
  nativeBinding?: string;
  /** Why the Electron build was not used; shown if the database module then fails to load. */
  problem?: string;
}

function major(version: string): string {
  return version.split('.')[0] ?? version;
}

const REBUILD = 'Run `npm run rebuild:electron` (it needs the Electron binary and network access to Electron headers), then start again.';

/**
 * better-sqlite3 is not ABI-stable: Node (browser mode, CLI, tests) uses node_modules' build, Electron its own.
 * The choice follows process.versions.electron; a build made for another Electron major, platform or
 * architecture is not used.
 */
export function chooseNativeBinding(env: NativeBindingEnv): NativeBindingChoice {
  if (!env.electronVersion) return {};
  const dir = join(unpackedPath(env.appPath), ELECTRON_NATIVE_DIR);
  const file = join(dir, SQLITE_BINDING_FILE);
  if (!env.exists(file)) return { problem: `There is no Electron build of better-sqlite3 at ${file}. ${REBUILD}` };
  const raw = env.readText(join(dir, BUILD_INFO_FILE));
  if (raw !== null) {
    let info: { electron?: unknown; platform?: unknown; arch?: unknown } = {};
    try {
      info = JSON.parse(raw) as typeof info;
    } catch {
      return { problem: `${join(dir, BUILD_INFO_FILE)} is not valid JSON. ${REBUILD}` };
    }
    if (typeof info.electron === 'string' && major(info.electron) !== major(env.electronVersion)) {
      return { problem: `The Electron build of better-sqlite3 at ${file} was made for Electron ${info.electron}, not ${env.electronVersion}. ${REBUILD}` };
    }
    if ((typeof info.platform === 'string' && info.platform !== env.platform) || (typeof info.arch === 'string' && info.arch !== env.arch)) {
      return { problem: `The Electron build of better-sqlite3 at ${file} was made for ${String(info.platform)}-${String(info.arch)}, not ${env.platform}-${env.arch}. ${REBUILD}` };
    }
  }
  return { nativeBinding: file };
}
