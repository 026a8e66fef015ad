import type { SightlineBridge } from '../../../shared/contract';
import type { Transport } from './transport';

/** Electron: everything goes through the one object the preload exposed. */
export function createBridgeTransport(bridge: SightlineBridge): Transport {
  return {
    door: 'electron',
    invoke: (name, input, opts) => bridge.invoke(name, input, opts),
    onEvent: (listener) => bridge.onEvent(listener),
    addFile: (caseId, file, opts) => bridge.invoke('files.add', { caseId, path: bridge.pathForFile(file) }, opts),
  };
}
