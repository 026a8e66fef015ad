import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseNativeBinding, unpackedPath, type NativeBindingEnv } from '../../../electron/main/nativeBinding';
import { describeStartupError } from '../../../electron/main/startupError';
import { CoreError } from '../../../electron/core/errors';

const repo = join('/', 'home', 'u', 'sightline');
const packaged = join('/', 'opt', 'Sightline', 'resources', 'app.asar');

function env(over: Partial<NativeBindingEnv> & { files?: Record<string, string> } = {}): NativeBindingEnv {
  const files = over.files ?? {};
  return {
    electronVersion: '40.8.5',
    appPath: repo,
    platform: 'linux',
    arch: 'x64',
    exists: (p) => p in files,
    readText: (p) => files[p] ?? null,
    ...over,
  };
}

const devBinding = join(repo, 'native', 'electron', 'better_sqlite3.node');
const devInfo = join(repo, 'native', 'electron', 'build-info.json');
const info = (o: object) => JSON.stringify({ electron: '40.8.5', platform: 'linux', arch: 'x64', ...o });

describe('better-sqlite3 native binding choice', () => {
  it('uses node_modules’ build under plain Node (browser mode, CLI, tests)', () => {
    expect(chooseNativeBinding(env({ electronVersion: undefined, files: { [devBinding]: 'x' } }))).toEqual({});
  });

  it('uses native/electron/better_sqlite3.node under Electron', () => {
    expect(chooseNativeBinding(env({ files: { [devBinding]: 'x', [devInfo]: info({}) } }))).toEqual({ nativeBinding: devBinding });
    expect(chooseNativeBinding(env({ files: { [devBinding]: 'x' } }))).toEqual({ nativeBinding: devBinding });
  });

  it('looks beside app.asar (app.asar.unpacked) in a packaged app', () => {
    const file = join(`${packaged}.unpacked`, 'native', 'electron', 'better_sqlite3.node');
    expect(unpackedPath(packaged)).toBe(`${packaged}.unpacked`);
    expect(unpackedPath(repo)).toBe(repo);
    // Files inside the archive too: the ffmpeg binary a packaged app spawns, the ONNX models it loads.
    expect(unpackedPath(join(packaged, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg'))).toBe(join(`${packaged}.unpacked`, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg'));
    expect(unpackedPath(join(repo, 'node_modules', 'x.asar-like', 'f'))).toBe(join(repo, 'node_modules', 'x.asar-like', 'f'));
    expect(chooseNativeBinding(env({ appPath: packaged, files: { [file]: 'x' } }))).toEqual({ nativeBinding: file });
  });

  it('explains how to build it when it is missing', () => {
    const r = chooseNativeBinding(env());
    expect(r.nativeBinding).toBeUndefined();
    expect(r.problem).toMatch(/npm run rebuild:electron/);
    expect(r.problem).toContain(devBinding);
  });

  it('does not use a build made for another Electron major, platform or architecture', () => {
    for (const [o, words] of [
      [{ electron: '39.2.0' }, /Electron 39\.2\.0, not 40\.8\.5/],
      [{ platform: 'darwin' }, /darwin-x64, not linux-x64/],
      [{ arch: 'arm64' }, /linux-arm64, not linux-x64/],
    ] as const) {
      const r = chooseNativeBinding(env({ files: { [devBinding]: 'x', [devInfo]: info(o) } }));
      expect(r.nativeBinding, JSON.stringify(o)).toBeUndefined();
      expect(r.problem).toMatch(words);
    }
    expect(chooseNativeBinding(env({ files: { [devBinding]: 'x', [devInfo]: info({ electron: '40.0.1' }) } }))).toEqual({ nativeBinding: devBinding });
  });

  it('reports an unreadable build-info.json', () => {
    const r = chooseNativeBinding(env({ files: { [devBinding]: 'x', [devInfo]: '{oops' } }));
    expect(r.nativeBinding).toBeUndefined();
    expect(r.problem).toMatch(/not valid JSON/);
  });
});

describe('startup error messages', () => {
  it('turns an ABI mismatch into the rebuild advice', () => {
    const e = new Error("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 143.");
    const r = describeStartupError(e, '/data', 'There is no Electron build of better-sqlite3 at /x. Run `npm run rebuild:electron` …');
    expect(r.title).toMatch(/database module/);
    expect(r.message).toMatch(/npm run rebuild:electron/);
    expect(r.message).toContain('NODE_MODULE_VERSION 115');
    expect(describeStartupError(e, '/data').message).toMatch(/npm run rebuild:electron/);
  });

  it('says another Sightline holds the data folder', () => {
    const r = describeStartupError(new CoreError('CONFLICT', 'Another Sightline (process 42) is using /data.'), '/data');
    expect(r).toEqual({ title: 'Sightline is already running', message: 'Another Sightline (process 42) is using /data.' });
  });

  it('names the data folder for any other failure', () => {
    const r = describeStartupError(new Error('EACCES: permission denied'), '/data/Sightline');
    expect(r.message).toBe('Sightline could not open its data folder /data/Sightline: EACCES: permission denied');
  });
});
