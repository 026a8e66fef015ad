// Preloaded after register.cjs: once main.cjs has wired everything, drives it like Electron and the window would,
// then prints one line "SCENARIO <json>" and exits.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: preloaded with node -r. */
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const electron = require('electron');

const { record, app } = electron;
const report = {};

function finish() {
  const windows = record.windows.map((w) => ({ options: w.options, url: w.url, shown: w.shown === true }));
  const out = { ...report, calls: record.calls, protocolSchemes: Object.keys(record.protocolHandlers), privilegedSchemes: record.privilegedSchemes, windows, menu: record.menuTemplate, errorBoxes: record.errorBoxes, exitCode: record.exitCode };
  process.stdout.write(`SCENARIO ${JSON.stringify(out)}\n`);
  process.exit(0);
}

/** What Electron's protocol.handle hands the shell: a fetch Request. */
function appRequest(url, method = 'GET', headers = {}) {
  return record.protocolHandlers.app(new Request(url, { method, headers, signal: new AbortController().signal }));
}

async function fetchApp(url, method = 'GET') {
  const r = await appRequest(url, method);
  return { status: r.status, csp: r.headers.get('content-security-policy'), body: method === 'HEAD' ? '' : await r.text() };
}

async function fetchBytes(url, headers = {}) {
  const r = await appRequest(url, 'GET', headers);
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: Object.fromEntries(r.headers), length: body.length, head: body.subarray(0, 3).toString('hex') };
}

/**
 * With FAKE_FILES (paths, each optional): the window's work on real files over the IPC channel and app://.
 * slide, video: their tiles and media with Range and If-None-Match; proposeSlide, vadVideo, trainDir: model calls,
 * which the core runs in its worker threads. The shipped models are always listed.
 */
async function work(invoke, { slide, video, proposeSlide, vadVideo, trainDir }) {
  const out = {};
  const call = async (name, input, actorId = null) => {
    const r = await invoke({ senderFrame: { url: 'app://sightline/index.html' } }, { name, input, opts: { actorId } });
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const timed = async (key, fn) => {
    const t0 = performance.now();
    out[key] = await fn();
    (out.ms ??= {})[key] = Math.round(performance.now() - t0);
  };
  await timed('models', async () =>
    (await call('models.list', {})).map((m) => ({ id: m.id, status: m.status, problem: m.problem, cardPath: m.cardPath, modelPath: m.modelPath, modelFound: m.modelPath !== null && existsSync(m.modelPath) })),
  );
  const me = await call('profiles.create', { name: 'Dr. Ada Rivera', role: 'pathologist' });
  const project = await call('projects.create', { name: 'Workers' }, me.id);
  const kase = await call('cases.create', { projectId: project.id, name: 'Case 1' }, me.id);
  const add = async (path) => (await call('files.add', { caseId: kase.id, path }, me.id)).id;
  if (slide) {
    const url = `app://sightline/res/slides/${await add(slide)}/tile/9/0_0.jpg`;
    out.tile = await fetchBytes(url);
    out.tileAgain = await fetchBytes(url, { 'If-None-Match': out.tile.headers.etag });
    out.tileChanged = await fetchBytes(url, { 'If-None-Match': '"not-this-one"' });
  }
  if (video) {
    const url = `app://sightline/res/videos/${await add(video)}/media`;
    out.media = await fetchBytes(url);
    out.mediaRange = await fetchBytes(url, { Range: 'bytes=100-199' });
    out.mediaAgain = await fetchBytes(url, { 'If-None-Match': out.media.headers.etag });
  }
  if (proposeSlide) {
    const slideId = await add(proposeSlide);
    await timed('propose', async () => {
      const r = await call('models.propose', { slideId, max: 5 }, me.id);
      return { model: r.model.id, proposals: r.proposals.length };
    });
  }
  if (vadVideo) {
    const videoId = await add(vadVideo);
    await timed('vad', async () => {
      const r = await call('video.propose', { videoId }, me.id);
      return { model: r.model.id, segments: r.created.map((i) => [i.startMs, i.endMs]) };
    });
  }
  if (trainDir) {
    await timed('train', async () => {
      const r = await call('models.trainRoi', { from: trainDir, seed: 1 }, me.id);
      return { model: r.model.id, status: r.model.status, trainImages: r.trainImages.length };
    });
  }
  return out;
}

electron.onLoad = async (win) => {
  try {
    win.emit('ready-to-show');
    report.index = await fetchApp('app://sightline/index.html');
    report.traversal = await fetchApp('app://sightline/..%2f..%2fpackage.json');
    report.resource = await fetchApp('app://sightline/res/none/1');
    const invoke = record.ipcHandlers['sightline:invoke'];
    report.ipcChannels = Object.keys(record.ipcHandlers);
    report.trusted = await invoke({ senderFrame: { url: 'app://sightline/index.html' } }, { name: 'system.info', input: {}, opts: { actorId: null } });
    report.untrusted = await invoke({ senderFrame: { url: 'http://evil.example/' } }, { name: 'system.info', input: {}, opts: { actorId: null } });

    const registered = [];
    let openHandler = null;
    app.emit('web-contents-created', {}, { on: (event) => registered.push(event), setWindowOpenHandler: (h) => (openHandler = h) });
    report.hardened = { events: registered, openHttps: openHandler({ url: 'https://example.org/' }), openFile: openHandler({ url: 'file:///etc/passwd' }) };

    let granted = null;
    record.permissionRequest(null, 'media', (g) => (granted = g), {});
    report.permissions = { request: granted, check: record.permissionCheck(null, 'geolocation', '', {}), device: record.devicePermission({}) };
    const cancel = (url) => {
      let verdict = null;
      record.beforeRequest({ url }, (r) => (verdict = r.cancel));
      return verdict;
    };
    report.requests = { remote: cancel('https://evil.example/x.js'), own: cancel('app://sightline/assets/a.js') };

    require(join(process.env.FAKE_APP_PATH, 'dist-electron', 'preload.cjs'));
    const bridge = record.exposed.sightline;
    report.exposedKeys = Object.keys(record.exposed);
    report.bridgeKeys = Object.keys(bridge).sort();
    const events = [];
    const off = bridge.onEvent((...args) => events.push(args));
    const project = await bridge.invoke('projects.create', { name: 'Wired' }, { actorId: null });
    await bridge.invoke('cases.create', { projectId: project.value.id, name: 'Case' }, { actorId: null });
    off();
    report.bridgeProject = project;
    report.bridgeEvents = events;
    report.pathForFile = bridge.pathForFile({ fakePath: '/data/a.svs' });

    if (process.env.FAKE_FILES) report.work = await work(invoke, JSON.parse(process.env.FAKE_FILES));

    const lock = join(process.env.SIGHTLINE_DATA_DIR, 'sightline.lock');
    report.lockWhileRunning = existsSync(lock);
    app.emit('will-quit');
    report.lockAfterQuit = existsSync(lock);
  } catch (e) {
    report.scenarioError = String(e && e.stack ? e.stack : e);
  }
  finish();
};

// The shell gave up (second instance, startup failure): report once it has finished its synchronous work.
electron.onExit = () => setImmediate(finish);

setImmediate(() => {
  record.calls.push(['ready']);
  electron.becomeReady();
  setTimeout(() => {
    report.scenarioError ??= 'the scenario did not finish in time';
    finish();
  }, Number(process.env.FAKE_DEADLINE_MS ?? 5000));
});
