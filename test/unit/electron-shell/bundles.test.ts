import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const FAKE = join(__dirname, 'fake-electron');
const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';

// Inside the project (git-ignored) so the bundles resolve node_modules like the real app does.
let work: string;
let appPath: string;
let outDir: string;

beforeAll(() => {
  mkdirSync(join(ROOT, 'test/fixtures/generated'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'test/fixtures/generated/electron-shell-'));
  appPath = join(work, 'app');
  outDir = join(appPath, 'dist-electron');
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), INDEX);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-electron.mjs'), '--out-dir', outDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-electron failed: ${r.stderr}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const requires = (code: string) => [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);

describe('npm run build:electron bundles', () => {
  it('writes dist-electron/main.cjs and preload.cjs (package.json "main" points at main.cjs)', () => {
    expect(existsSync(join(outDir, 'main.cjs'))).toBe(true);
    expect(existsSync(join(outDir, 'preload.cjs'))).toBe(true);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).main).toBe('dist-electron/main.cjs');
  });

  it('bundles the sandboxed preload with nothing to require but electron', () => {
    const code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(requires(code)).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
  });

  it('keeps native modules external in main and shims import.meta.url for CommonJS', () => {
    const code = readFileSync(join(outDir, 'main.cjs'), 'utf8');
    const deps = requires(code);
    expect(deps).toContain('electron');
    expect(deps).toContain('better-sqlite3');
    expect(code.startsWith("const __import_meta_url = require('url').pathToFileURL(__filename).href;")).toBe(true);
    expect(code).not.toMatch(/import\.meta/);
    expect(code).not.toMatch(/\bloadFile\(|\bloadURL\(\s*["'`]file:/);
  });
});

interface Scenario {
  [key: string]: unknown;
  scenarioError?: string;
  calls: unknown[][];
  protocolSchemes: string[];
  windows: Array<{ options: { webPreferences: Record<string, unknown> }; url: string; shown: boolean }>;
  errorBoxes: Array<{ title: string; message: string }>;
  exitCode: number | null;
}

/** Runs the built main.cjs under Node with a stand-in for the electron module (Electron cannot run here). */
function runShell(dataDir: string, env: Record<string, string> = {}): Scenario {
  const r = spawnSync(process.execPath, ['-r', join(FAKE, 'register.cjs'), '-r', join(FAKE, 'scenario.cjs'), join(outDir, 'main.cjs')], {
    encoding: 'utf8',
    env: { ...process.env, FAKE_APP_PATH: appPath, SIGHTLINE_DATA_DIR: dataDir, ...env },
    timeout: 20_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('SCENARIO '));
  if (!line) throw new Error(`the shell printed no scenario report (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(line.slice('SCENARIO '.length)) as Scenario;
}

describe('the built shell, driven like Electron would', () => {
  let s: Scenario;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sightline-shell-'));
    s = runShell(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs without errors', () => {
    expect(s.scenarioError).toBeUndefined();
  });

  it('names the app, enforces the sandbox and registers app:// as privileged before ready', () => {
    const names = s.calls.map((c) => c[0]);
    expect(s.calls).toContainEqual(['setName', 'Sightline']);
    expect(names.indexOf('enableSandbox')).toBeLessThan(names.indexOf('ready'));
    expect(names).toContain('enableSandbox');
    expect(names.indexOf('registerSchemesAsPrivileged')).toBeLessThan(names.indexOf('ready'));
    expect(s.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  });

  it('opens one hardened window on app://sightline/index.html and shows it when ready', () => {
    expect(s.windows).toHaveLength(1);
    const [w] = s.windows;
    expect(w.url).toBe('app://sightline/index.html');
    expect(w.shown).toBe(true);
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(appPath, 'dist-electron', 'preload.cjs') });
  });

  it('serves the renderer over app:// with the CSP, refuses traversal, delegates /res/ to the core', () => {
    expect(s.protocolSchemes).toEqual(['app']);
    expect(s.index).toMatchObject({ status: 200, body: INDEX, csp: expect.stringContaining("script-src 'self'") });
    expect(s.traversal).toMatchObject({ status: 403 });
    expect(s.resource).toMatchObject({ status: 404, body: 'No resource at none/1.' });
  });

  it('keeps its data where browser mode does (SIGHTLINE_DATA_DIR, else the OS app-data folder)', () => {
    expect(s.calls).toContainEqual(['setPath', 'userData', dataDir]);
    expect(existsSync(join(dataDir, 'sightline.db'))).toBe(true);
  });

  it('answers the app window over sightline:invoke with the real core, and refuses other senders', () => {
    expect(s.ipcChannels).toEqual(['sightline:invoke']);
    expect(s.trusted).toMatchObject({ ok: true, value: { door: 'electron', version: '0.0.0-fake', dataDir } });
    expect(s.untrusted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('hardens every web contents, denies permissions and cancels foreign requests', () => {
    expect(s.hardened).toEqual({
      events: ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'],
      openHttps: { action: 'deny' },
      openFile: { action: 'deny' },
    });
    expect(s.calls).toContainEqual(['openExternal', 'https://example.org/']);
    expect(s.permissions).toEqual({ request: false, check: false, device: false });
    expect(s.requests).toEqual({ remote: true, own: false });
  });

  it('the preload exposes only window.sightline, which reaches the core and receives its events', () => {
    expect(s.exposedKeys).toEqual(['sightline']);
    expect(s.bridgeKeys).toEqual(['door', 'invoke', 'onEvent', 'pathForFile']);
    expect(s.bridgeProject).toMatchObject({ ok: true, value: { name: 'Wired' } });
    expect(s.bridgeEvents).toEqual([[{ type: 'library-changed', caseId: expect.any(Number) }]]);
    expect(s.pathForFile).toBe('/data/a.svs');
  });

  it('builds the menu and closes the core on quit (data-folder lock released)', () => {
    expect((s.menu as Array<{ label: string }>).map((m) => m.label.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(s.lockWhileRunning).toBe(true);
    expect(s.lockAfterQuit).toBe(false);
  });
});

describe('the built shell refusing to start', () => {
  it('quits without opening anything when another instance holds the single-instance lock', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sightline-shell-'));
    try {
      const s = runShell(dataDir, { FAKE_LOCKED: '1' });
      expect(s.calls.map((c) => c[0])).toContain('quit');
      expect(s.windows).toEqual([]);
      expect(s.protocolSchemes).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('explains in a dialog, and exits, when the data folder is in use', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sightline-shell-'));
    try {
      writeFileSync(join(dataDir, 'sightline.lock'), String(process.pid));
      const s = runShell(dataDir);
      expect(s.errorBoxes).toEqual([{ title: 'Sightline is already running', message: expect.stringContaining(`process ${process.pid}`) }]);
      expect(s.exitCode).toBe(1);
      expect(s.windows).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run rebuild:electron', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts/rebuild-electron.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('says it is not needed (and changes nothing) when Electron’s binary is not installed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sightline-noelectron-'));
    try {
      const r = run([], { ELECTRON_OVERRIDE_DIST_PATH: empty });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/binary is not installed, so no Electron build of better-sqlite3 is needed/);
      expect(existsSync(join(ROOT, 'native', '.staging'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses --arch without a value', () => {
    const r = run(['--arch']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--arch needs a value/);
  });
});
