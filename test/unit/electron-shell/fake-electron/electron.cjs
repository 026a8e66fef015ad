// A stand-in for the 'electron' module: records what the shell configures and lets a scenario drive it.
// Controlled by environment variables: FAKE_APP_PATH, FAKE_LOCKED=1 (single-instance lock taken), FAKE_PACKAGED=1.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: the bundles require() it. */
const { EventEmitter } = require('node:events');

const record = {
  calls: [],
  privilegedSchemes: null,
  protocolHandlers: {},
  ipcHandlers: {},
  windows: [],
  menuTemplate: null,
  permissionRequest: null,
  permissionCheck: null,
  devicePermission: null,
  beforeRequest: null,
  errorBoxes: [],
  exposed: {},
  exitCode: null,
};

const appEvents = new EventEmitter();
const rendererEvents = new EventEmitter();
let ready;
const readyPromise = new Promise((r) => (ready = r));

const app = {
  isPackaged: process.env.FAKE_PACKAGED === '1',
  setName: (n) => record.calls.push(['setName', n]),
  enableSandbox: () => record.calls.push(['enableSandbox']),
  paths: {},
  setPath: (name, value) => {
    app.paths[name] = value;
    record.calls.push(['setPath', name, value]);
  },
  getPath: (name) => app.paths[name] ?? `/nonexistent/${name}`,
  getAppPath: () => process.env.FAKE_APP_PATH,
  getVersion: () => '0.0.0-fake',
  requestSingleInstanceLock: () => process.env.FAKE_LOCKED !== '1',
  on: (event, listener) => {
    record.calls.push(['app.on', event]);
    appEvents.on(event, listener);
    return app;
  },
  emit: (event, ...args) => appEvents.emit(event, ...args),
  whenReady: () => readyPromise,
  quit: () => {
    record.calls.push(['quit']);
    exports.onExit?.();
  },
  exit: (code) => {
    record.exitCode = code;
    record.calls.push(['exit', code]);
    exports.onExit?.();
  },
  setAboutPanelOptions: (o) => record.calls.push(['setAboutPanelOptions', o]),
};

const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    record.privilegedSchemes = schemes;
    record.calls.push(['registerSchemesAsPrivileged', appEvents.listenerCount('ready')]);
  },
  handle: (scheme, handler) => {
    record.protocolHandlers[scheme] = handler;
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (record.permissionRequest = h),
    setPermissionCheckHandler: (h) => (record.permissionCheck = h),
    setDevicePermissionHandler: (h) => (record.devicePermission = h),
    webRequest: { onBeforeRequest: (h) => (record.beforeRequest = h) },
  },
};

const ipcMain = {
  handle: (channel, listener) => {
    record.ipcHandlers[channel] = listener;
  },
  removeHandler: (channel) => delete record.ipcHandlers[channel],
};

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.url = null;
    this.sent = [];
    this.webContents = {
      isDestroyed: () => false,
      getURL: () => this.url ?? '',
      send: (channel, payload) => {
        this.sent.push([channel, payload]);
        rendererEvents.emit(channel, { sender: 'ipc-renderer-event' }, structuredClone(payload));
      },
    };
    record.windows.push(this);
  }
  loadURL(url) {
    this.url = url;
    setImmediate(() => exports.onLoad?.(this));
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  static getAllWindows() {
    return record.windows;
  }
}

const Menu = {
  buildFromTemplate: (t) => ({ template: t }),
  setApplicationMenu: (m) => (record.menuTemplate = m.template),
};

const dialog = { showErrorBox: (title, message) => record.errorBoxes.push({ title, message }) };
const shell = { openExternal: (url) => record.calls.push(['openExternal', url]) };

// Renderer side (for preload.cjs): ipcRenderer reaches the handler main registered, as the app window would.
const ipcRenderer = {
  invoke: async (channel, ...args) => {
    const h = record.ipcHandlers[channel];
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await h({ senderFrame: { url: 'app://sightline/index.html' } }, ...structuredClone(args)));
  },
  on: (channel, listener) => rendererEvents.on(channel, listener),
  removeListener: (channel, listener) => rendererEvents.removeListener(channel, listener),
};
const contextBridge = {
  exposeInMainWorld: (key, api) => {
    record.exposed[key] = api;
  },
};
const webUtils = { getPathForFile: (file) => file.fakePath };

exports.app = app;
exports.protocol = protocol;
exports.session = session;
exports.ipcMain = ipcMain;
exports.BrowserWindow = BrowserWindow;
exports.Menu = Menu;
exports.dialog = dialog;
exports.shell = shell;
exports.ipcRenderer = ipcRenderer;
exports.contextBridge = contextBridge;
exports.webUtils = webUtils;
exports.record = record;
exports.rendererEvents = rendererEvents;
exports.onLoad = null;
exports.onExit = null;
exports.becomeReady = () => ready();
