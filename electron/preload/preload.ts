// Runs sandboxed, so it is bundled to CommonJS (dist-electron/preload.cjs) and may require only 'electron'.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './createBridge';

contextBridge.exposeInMainWorld(
  'sightline',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0])),
);
