import { homedir } from 'node:os';
import { join } from 'node:path';

/** Browser mode uses the same folder Electron calls userData, so both doors see one library. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SIGHTLINE_DATA_DIR) return env.SIGHTLINE_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Sightline');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Sightline');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Sightline');
}
