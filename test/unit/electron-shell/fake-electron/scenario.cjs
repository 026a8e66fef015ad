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

async function fetchApp(url, method = 'GET') {
  const r = await record.protocolHandlers.app({ url, method, signal: new AbortController().signal });
  return { status: r.status, csp: r.headers.get('content-security-policy'), body: method === 'HEAD' ? '' : await r.text() };
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
  setTimeout(finish, 5000);
});
