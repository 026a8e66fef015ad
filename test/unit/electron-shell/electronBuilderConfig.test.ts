import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const require = createRequire(join(ROOT, 'package.json'));
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration (its own schema check)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  }, 30_000);

  it('identifies the app', () => {
    expect(config.appId).toBe('org.sightline.app');
    expect(config.productName).toBe('Sightline');
  });

  it('targets AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packs the renderer, the shell bundles and workers, the models (cards and ONNX files) and the Electron build of better-sqlite3', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'dist/renderer/**/*', 'dist-electron/**/*', 'models/**/card.json', 'models/**/*.onnx', 'native/electron/better_sqlite3.node']),
    );
  });

  it('unpacks the models and the bundled worker threads from the asar (ONNX Runtime and worker threads need real files)', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['models/**', 'dist-electron/*Worker.mjs', 'node_modules/onnxruntime-common/**']));
  });

  it('unpacks every native module (and every .node file) from the asar', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/*.node',
        'node_modules/better-sqlite3/**',
        'node_modules/onnxruntime-node/**',
        'node_modules/sharp/**',
        'node_modules/koffi/**',
        'native/electron/**',
      ]),
    );
    const nativeDeps = ['better-sqlite3', 'onnxruntime-node', 'sharp', 'koffi', '@ffmpeg-installer/ffmpeg'].filter((d) => d in pkg.dependencies);
    for (const dep of nativeDeps) {
      const scope = dep.startsWith('@') ? dep.split('/')[0] : dep;
      expect(config.asarUnpack.some((p) => p === `node_modules/${dep}/**` || p === `node_modules/${scope}/**`), dep).toBe(true);
    }
  });

  it('never rebuilds node_modules in place (it keeps the Node build that browser mode and tests use)', () => {
    expect(config.npmRebuild).toBe(false);
  });
});
