// Electron's own install step downloads its binary; offline that fails and must not fail `npm ci`.
// npm 11 skips it (package.json "allowScripts"); we run it here in a child process and report.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let installJs;
try {
  installJs = require.resolve('electron/install.js');
} catch {
  console.log('[sightline] Electron is not installed (production install?): `npm start` will use browser mode.');
  process.exit(0);
}
const pathTxt = installJs.replace(/install\.js$/, 'path.txt');
if (existsSync(pathTxt)) {
  console.log('[sightline] Electron binary already present.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [installJs], { stdio: 'pipe', timeout: 120_000, encoding: 'utf8' });
if (r.status === 0 && existsSync(pathTxt)) {
  console.log('[sightline] Electron binary installed: `npm start` opens the desktop app.');
} else {
  const why = (r.error?.message ?? r.stderr ?? '').toString().split('\n').find((l) => l.trim()) ?? 'unknown reason';
  console.log(`[sightline] Electron binary could not be downloaded (${why.trim()}).`);
  console.log('[sightline] That is fine: `npm start` will run Sightline in browser mode.');
}
