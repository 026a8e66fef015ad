import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from '../core/system/findChromium';

/** Opens the UI as a Chromium app window when Chromium is here, else in the default browser. */
export function openBrowser(url: string, dataDir: string): string {
  const chromium = findChromium();
  if (chromium) {
    const profile = join(dataDir, 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], {
      detached: true,
      stdio: 'ignore',
    }).unref();
    return `Chromium app window (${chromium})`;
  }
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { detached: true, stdio: 'ignore' }).on('error', () => undefined).unref();
  return 'the default browser';
}
