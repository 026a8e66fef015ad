import { describe, expect, it } from 'vitest';
import { WINDOW_BACKGROUND, windowOptions } from '../../../electron/main/windowOptions';

describe('main window options', () => {
  const opts = windowOptions({ preloadPath: '/app/dist-electron/preload.cjs', isDev: false });
  const web = opts.webPreferences!;

  it('isolates the page from Node and Electron (contextIsolation, sandbox, no Node anywhere)', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.spellcheck).toBe(false);
  });

  it('loads the bundled preload and hides DevTools in packaged builds only', () => {
    expect(web.preload).toBe('/app/dist-electron/preload.cjs');
    expect(web.devTools).toBe(false);
    expect(windowOptions({ preloadPath: '/p.cjs', isDev: true }).webPreferences!.devTools).toBe(true);
  });

  it('opens hidden (shown on ready-to-show) with a background matching the UI and a usable minimum size', () => {
    expect(opts.show).toBe(false);
    expect(opts.backgroundColor).toBe(WINDOW_BACKGROUND);
    expect(opts.minWidth).toBeGreaterThanOrEqual(800);
    expect(opts.minHeight).toBeGreaterThanOrEqual(600);
    expect(opts.width!).toBeGreaterThanOrEqual(opts.minWidth!);
    expect(opts.height!).toBeGreaterThanOrEqual(opts.minHeight!);
  });
});
