import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lesionSlide } from '../../fixtures/lesions/lesionSlide';
import { asTrainingImages, lesionSplit } from '../../fixtures/lesions/split';
import { writeTrainingDir } from '../../fixtures/lesions/trainingDir';
import { slideFixture } from '../../fixtures/slides/generate';
import { feedbackVideoPath, SPEECH_REMARKS } from '../../fixtures/video/feedbackVideo';

const ROOT = resolve(__dirname, '../../..');
const FAKE = join(__dirname, 'fake-electron');
const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';
const WORKERS = ['inferenceWorker.mjs', 'trainWorker.mjs', 'vadWorker.mjs'];

// electron-builder's own matcher, so the staged package below holds what `npm run package` would put where.
const builderRequire = createRequire(createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib/package.json'));
const { FileMatcher } = builderRequire('./out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: Stats) => boolean };
};
const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[]; asarUnpack: string[] };
const matcher = (dir: string, patterns: string[]) => {
  const filter = new FileMatcher(dir, dir, (s) => s, patterns).createFilter();
  return (file: string) => filter(file, statSync(file));
};

interface Scenario {
  [key: string]: unknown;
  scenarioError?: string;
  calls: unknown[][];
  protocolSchemes: string[];
  windows: Array<{ options: { webPreferences: Record<string, unknown> }; url: string; shown: boolean }>;
  errorBoxes: Array<{ title: string; message: string }>;
  exitCode: number | null;
}

interface Fetched {
  status: number;
  headers: Record<string, string>;
  length: number;
  head: string;
}

interface Work {
  models: Array<{ id: string; status: string; problem: string | null; cardPath: string; modelPath: string | null; modelFound: boolean }>;
  tile: Fetched;
  tileAgain: Fetched;
  tileChanged: Fetched;
  media: Fetched;
  mediaRange: Fetched;
  mediaAgain: Fetched;
  propose: { model: string; proposals: number };
  vad: { model: string; segments: Array<[number, number]> };
  train: { model: string; status: string; trainImages: number };
}

/** Runs a built main.cjs under Node with a stand-in for the electron module (Electron cannot run here). */
function runShell(appPath: string, dataDir: string, env: Record<string, string> = {}): Promise<Scenario> {
  const args = ['-r', join(FAKE, 'register.cjs'), '-r', join(FAKE, 'scenario.cjs'), join(appPath, 'dist-electron', 'main.cjs')];
  const options = { encoding: 'utf8' as const, env: { ...process.env, FAKE_APP_PATH: appPath, SIGHTLINE_DATA_DIR: dataDir, FAKE_DEADLINE_MS: '50000', ...env }, timeout: 60_000 };
  return new Promise((done, fail) =>
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('SCENARIO '));
      if (!line) return fail(new Error(`the shell printed no scenario report (${error?.message ?? 'exit 0'}): ${stderr}`));
      done(JSON.parse(line.slice('SCENARIO '.length)) as Scenario);
    }),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * What electron-builder makes of an app folder, laid out on disk: the files `files` selects, in app.asar (here a
 * plain folder, so Node can run it) or, those `asarUnpack` selects, only in app.asar.unpacked beside it. Anything
 * the app opened inside app.asar that it should have opened unpacked is then missing.
 */
function stagePackage(appDir: string, resourcesDir: string): void {
  const packed = matcher(appDir, builder.files);
  const unpacked = matcher(appDir, builder.asarUnpack);
  for (const file of filesUnder(appDir).filter(packed)) {
    const to = join(resourcesDir, unpacked(file) ? 'app.asar.unpacked' : 'app.asar', relative(appDir, file));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(file, to);
  }
}

// Inside the project (git-ignored) so the bundles resolve node_modules like the real app does.
let work: string;
let appPath: string;
let outDir: string;
let resources: string;
let dataDirs: string[] = [];
let dev: Scenario;
let packaged: Scenario;

beforeAll(async () => {
  mkdirSync(join(ROOT, 'test/fixtures/generated'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'test/fixtures/generated/electron-shell-'));
  // The app folder as in the repository (`npx electron .`): package.json, the built UI, dist-electron, models.
  appPath = join(work, 'app');
  outDir = join(appPath, 'dist-electron');
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), INDEX);
  copyFileSync(join(ROOT, 'package.json'), join(appPath, 'package.json'));
  cpSync(join(ROOT, 'models'), join(appPath, 'models'), { recursive: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-electron.mjs'), '--out-dir', outDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-electron failed: ${r.stderr}`);
  resources = join(work, 'resources');
  stagePackage(appPath, resources);

  const [tileSlide, lesions, video, training] = await Promise.all([
    slideFixture('aperio-jpeg.svs'),
    lesionSlide('test', 1),
    feedbackVideoPath('webm'),
    lesionSplit('train', 4, { width: 320, height: 256 }),
  ]);
  const trainDir = await writeTrainingDir(join(work, 'training'), asTrainingImages(training));
  dataDirs = [mkdtempSync(join(tmpdir(), 'sightline-shell-')), mkdtempSync(join(tmpdir(), 'sightline-shell-'))];
  [dev, packaged] = await Promise.all([
    runShell(appPath, dataDirs[0], { FAKE_FILES: JSON.stringify({ slide: tileSlide, video }) }),
    runShell(join(resources, 'app.asar'), dataDirs[1], { FAKE_PACKAGED: '1', FAKE_FILES: JSON.stringify({ proposeSlide: lesions.path, vadVideo: video, trainDir }) }),
  ]);
}, 180_000);
afterAll(() => {
  for (const d of [work, ...dataDirs]) if (d) rmSync(d, { recursive: true, force: true });
});

const requires = (code: string) => [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
const imports = (code: string) => [...code.matchAll(/^\s*import\s[^'"]*["']([^"']+)["']/gm)].map((m) => m[1]);

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

  it('writes each worker thread beside main.cjs as one ES module that imports nothing but Node and onnxruntime-node', () => {
    for (const name of WORKERS) {
      const code = readFileSync(join(outDir, name), 'utf8');
      const foreign = [...imports(code), ...requires(code)].filter((m) => !m.startsWith('node:'));
      expect(foreign.every((m) => m === 'onnxruntime-node'), `${name}: ${foreign.join(', ')}`).toBe(true);
    }
  });

  it('every module file a worker loads at run time is unpacked from app.asar (a worker cannot reach into the archive)', async () => {
    const unpacked = matcher(ROOT, builder.asarUnpack);
    const loadedBy = (file: string | null) =>
      new Promise<string[]>((done, fail) => {
        const load = file === null ? 'Promise.resolve()' : `import(${JSON.stringify(pathToFileURL(file).href)})`;
        const w = new Worker(`${load}.then(() => require('node:worker_threads').parentPort.postMessage(Object.keys(require('node:module')._cache)));`, { eval: true });
        w.once('message', (m: string[]) => void w.terminate().then(() => done(m)));
        w.once('error', fail);
      });
    // What every worker thread of this process loads anyway (the test runner's own hooks).
    const baseline = new Set(await loadedBy(null));
    for (const name of WORKERS) {
      const modules = (await loadedBy(join(outDir, name))).filter((f) => !baseline.has(f) && f.startsWith(join(ROOT, 'node_modules') + sep));
      if (name !== 'trainWorker.mjs') expect(modules.some((f) => f.includes(`${sep}onnxruntime-common${sep}`)), name).toBe(true);
      expect(modules.filter((f) => !unpacked(f)).map((f) => relative(ROOT, f)), name).toEqual([]);
    }
  });
});

describe('the built shell, driven like Electron would', () => {
  let s: Scenario;
  let dataDir: string;
  let w: Work;
  beforeAll(() => {
    s = dev;
    dataDir = dataDirs[0];
    w = s.work as Work;
  });

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
    const [win] = s.windows;
    expect(win.url).toBe('app://sightline/index.html');
    expect(win.shown).toBe(true);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(appPath, 'dist-electron', 'preload.cjs') });
  });

  it('serves the renderer over app:// with the CSP, refuses traversal, delegates /res/ to the core', () => {
    expect(s.protocolSchemes).toEqual(['app']);
    expect(s.index).toMatchObject({ status: 200, body: INDEX, csp: expect.stringContaining("script-src 'self'") });
    expect(s.traversal).toMatchObject({ status: 403 });
    expect(s.resource).toMatchObject({ status: 404, body: 'No resource at none/1.' });
  });

  it('serves a slide tile over app:// with its cache headers, and 304 to a request that has it (If-None-Match)', () => {
    expect(w.tile).toMatchObject({ status: 200, head: 'ffd8ff' });
    expect(w.tile.headers).toMatchObject({ 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=86400', etag: expect.stringMatching(/^".+"$/), 'x-content-type-options': 'nosniff' });
    expect(w.tileAgain).toMatchObject({ status: 304, length: 0 });
    expect(w.tileAgain.headers).toMatchObject({ etag: w.tile.headers.etag, 'cache-control': 'private, max-age=86400' });
    expect(w.tileAgain.headers['content-type']).toBeUndefined();
    expect(w.tileChanged).toMatchObject({ status: 200, length: w.tile.length });
  });

  it('passes Range to the core: a video seek gets 206 with Content-Range; If-None-Match with the ETag gets 304', () => {
    const size = w.media.length;
    expect(w.media).toMatchObject({ status: 200, head: '1a45df' });
    expect(w.media.headers).toMatchObject({ 'accept-ranges': 'bytes', 'content-length': String(size), etag: expect.any(String) });
    expect(w.mediaRange).toMatchObject({ status: 206, length: 100 });
    expect(w.mediaRange.headers).toMatchObject({ 'content-range': `bytes 100-199/${size}`, 'content-length': '100', 'content-type': 'video/webm' });
    expect(w.mediaAgain).toMatchObject({ status: 304, length: 0 });
  });

  it('finds the shipped models beside dist-electron/ and checks them in the inference worker', () => {
    expect(w.models.map((m) => [m.id, m.status, m.problem, m.modelFound])).toEqual([
      ['shipped:roi-proposer@1.0.0', 'ok', null, true],
      ['shipped:silero-vad@5.0.0', 'ok', null, true],
    ]);
    expect(w.models[0].cardPath).toBe(join(appPath, 'models', 'roi-proposer', 'card.json'));
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

describe('the packaged shell (app.asar, with models and workers unpacked beside it)', () => {
  let w: Work;
  const unpacked = () => join(resources, 'app.asar.unpacked');
  beforeAll(() => {
    w = packaged.work as Work;
  });

  it('runs without errors', () => {
    expect(packaged.scenarioError).toBeUndefined();
    expect(existsSync(join(resources, 'app.asar', 'dist-electron', 'main.cjs'))).toBe(true);
    for (const name of WORKERS) expect(existsSync(join(resources, 'app.asar', 'dist-electron', name)), name).toBe(false);
  });

  it('lists the shipped models from app.asar.unpacked/models, each checked by ONNX Runtime in the inference worker', () => {
    expect(w.models.map((m) => [m.id, m.status, m.problem, m.modelFound])).toEqual([
      ['shipped:roi-proposer@1.0.0', 'ok', null, true],
      ['shipped:silero-vad@5.0.0', 'ok', null, true],
    ]);
    expect(w.models[0].cardPath).toBe(join(unpacked(), 'models', 'roi-proposer', 'card.json'));
    expect(w.models[0].modelPath).toBe(join(unpacked(), 'models', 'roi-proposer', 'model.onnx'));
    expect(w.models[1].cardPath).toBe(join(unpacked(), 'models', 'silero-vad', 'card.json'));
  });

  it('proposes regions on a slide with the shipped model (inference worker)', () => {
    expect(w.propose.model).toBe('shipped:roi-proposer@1.0.0');
    expect(w.propose.proposals).toBeGreaterThan(0);
  });

  it('finds the two spoken remarks of a video with Silero VAD (VAD worker)', () => {
    expect(w.vad.model).toBe('silero-vad');
    expect(w.vad.segments).toHaveLength(SPEECH_REMARKS.length);
    w.vad.segments.forEach(([start, end], i) => {
      expect(start).toBeLessThan(SPEECH_REMARKS[i].start + 300);
      expect(end).toBeGreaterThan(SPEECH_REMARKS[i].end - 300);
    });
  });

  it('retrains the region proposer from a folder of images (training worker)', () => {
    expect(w.train).toEqual({ model: 'user:roi-proposer@1.1.0', status: 'ok', trainImages: 3 });
  });
});

describe('the built shell refusing to start', () => {
  it('quits without opening anything when another instance holds the single-instance lock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sightline-shell-'));
    try {
      const s = await runShell(appPath, dataDir, { FAKE_LOCKED: '1' });
      expect(s.calls.map((c) => c[0])).toContain('quit');
      expect(s.windows).toEqual([]);
      expect(s.protocolSchemes).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('explains in a dialog, and exits, when the data folder is in use', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sightline-shell-'));
    try {
      writeFileSync(join(dataDir, 'sightline.lock'), String(process.pid));
      const s = await runShell(appPath, dataDir);
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
