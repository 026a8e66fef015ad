// `npm start`: the desktop app when Electron's binary is installed, otherwise browser mode
// (backend on 127.0.0.1, UI in a Chromium app window or the default browser, URL printed).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function run(args) {
  const r = spawnSync(npm, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = electronBinary();
if (electron && !process.argv.includes('--browser')) {
  run(['run', 'build']);
  run(['run', 'rebuild:electron']);
  spawn(electron, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!electron) console.log('Electron is not installed on this machine: starting Sightline in browser mode.');
  run(['run', 'build:renderer', '--', '--logLevel', 'warn']);
  const extra = process.argv.slice(2).filter((a) => a !== '--browser');
  const child = spawn(process.execPath, ['bin/sightline.mjs', 'serve', '--open', ...extra], { stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
