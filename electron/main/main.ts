// The Electron shell: wires the pure pieces in this folder to Electron's APIs. No business logic lives here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { createCore, type Core } from '../core/createCore';
import { defaultDataDir } from '../core/store/dataDir';
import { APP_ENTRY_URL, APP_SCHEME } from './appOrigin';
import { bindIpc, forwardEvents } from './ipc';
import { menuTemplate } from './menu';
import { chooseNativeBinding } from './nativeBinding';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, toFetchHandler } from './protocol';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest, hardenWebContents, isAllowedRequest } from './security';
import { describeStartupError } from './startupError';
import { windowOptions } from './windowOptions';

const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';
let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

app.setName('Sightline');
// The same folder browser mode uses (SIGHTLINE_DATA_DIR, else the OS's app-data folder + Sightline): one library.
app.setPath('userData', defaultDataDir());
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function fail(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions({ preloadPath: join(app.getAppPath(), 'dist-electron', 'preload.cjs'), isDev }));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyDevicePermission);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, isDev) }));

  const dataDir = app.getPath('userData');
  const native = chooseNativeBinding({
    electronVersion: process.versions.electron,
    appPath: app.getAppPath(),
    platform: process.platform,
    arch: process.arch,
    exists: existsSync,
    readText,
  });
  let started: Core;
  try {
    started = createCore({ dataDir, door: 'electron', version: app.getVersion(), nativeBinding: native.nativeBinding });
  } catch (e) {
    const { title, message } = describeStartupError(e, dataDir, native.problem);
    return fail(title, message);
  }
  core = started;

  const serve = createAppProtocolHandler({
    rendererDir: join(app.getAppPath(), 'dist', 'renderer'),
    resource: (path, signal, headers) => started.resource(path, signal, headers),
  });
  protocol.handle(APP_SCHEME, toFetchHandler(serve));
  bindIpc(ipcMain, started);
  forwardEvents(started, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

  app.setAboutPanelOptions({ applicationName: 'Sightline', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isDev, isMac })));
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  // will-quit rather than before-quit: it comes after every window has closed (so no call can still arrive) and
  // only when the quit was not cancelled. close() checkpoints the WAL and releases the data-folder lock.
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => fail('Sightline could not start', e instanceof Error ? e.message : String(e)));
}
