import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist-electron/preload.cjs). */
  preloadPath: string;
  /** Development (unpackaged) runs keep DevTools available. */
  isDev: boolean;
}

/** Matches the renderer's --bg so the window does not flash white before the first paint. */
export const WINDOW_BACKGROUND = '#f6f7f9';

/** The main window: hardened per Electron's security checklist; shown only once the first frame is ready. */
export function windowOptions({ preloadPath, isDev }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Sightline',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: isDev,
    },
  };
}
